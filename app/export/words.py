"""The words of an export, in a language of its own.

An export is written in the family's language (or the worker's, for the
Markdown) while the app's screens stay in the worker's: so it cannot use the
app's one translator (:data:`app.i18n.tr`), whose language is the screens'.
:class:`Words` reads the same gettext catalogs (``app/locales``, compiled on
first use like the app does, :func:`app.catalogs.catalog_dir`) for one
language, and formats dates with Babel in that language. No Kivy here.
"""

from __future__ import annotations

import datetime as dt
import logging

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.support import NullTranslations, Translations

from app.catalogs import catalog_dir
from app.scripts import is_rtl
from kaarten.resources import resource_dir

__all__ = ["Words", "SOURCE_LANGUAGE", "known_languages", "N_"]

SOURCE_LANGUAGE = "nl"
LOCALES_DIR = resource_dir("app", "locales")

log = logging.getLogger(__name__)


def N_(text: str) -> str:
    """Marks a Dutch UI string for the catalog where it is not translated at once."""
    return text


def known_languages() -> list[str]:
    """Dutch and every language the app has a catalog for."""
    found = {SOURCE_LANGUAGE}
    if LOCALES_DIR.is_dir():
        for sub in LOCALES_DIR.iterdir():
            if (sub / "LC_MESSAGES" / "messages.po").exists() or (sub / "LC_MESSAGES" / "messages.mo").exists():
                found.add(sub.name)
    return [SOURCE_LANGUAGE] + sorted(found - {SOURCE_LANGUAGE})


class Words:
    """gettext and Babel for one language; Dutch (the msgids) when it has no catalog."""

    def __init__(self, lang: str) -> None:
        self.lang = lang or SOURCE_LANGUAGE
        self.rtl = is_rtl(self.lang)
        self._catalog: NullTranslations = NullTranslations()
        if self.lang != SOURCE_LANGUAGE:
            try:
                folder = catalog_dir(self.lang, LOCALES_DIR)
            except OSError as exc:  # no room in the data folder: the shipped .mo may do
                log.error("Could not compile the %s catalog: %s", self.lang, type(exc).__name__)
                folder = LOCALES_DIR
            self._catalog = Translations.load(str(folder), [self.lang], "messages")
        try:
            self.locale = Locale.parse(self.lang.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            self.locale = Locale.parse(SOURCE_LANGUAGE)

    def _(self, text: str) -> str:
        return self._catalog.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def list(self, items) -> str:
        """'a, b en c' in this language (an Arabic list with its own comma)."""
        items = [str(i) for i in items if i]
        return format_list(items, locale=self.locale) if items else ""

    def language_name(self, lang: str) -> str:
        """A language's own name, capitalised ('ar' -> 'العربية')."""
        try:
            name = Locale.parse(lang.replace("-", "_")).get_display_name(lang) or lang
        except (UnknownLocaleError, ValueError, TypeError):
            return lang
        return name[:1].upper() + name[1:]

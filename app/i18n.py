"""The app's one translator: ``tr._('...')`` in Python and in kv.

Dutch is the source language of every UI string. Catalogs are gettext
``.mo`` files under ``app/locales/<lang>/LC_MESSAGES/messages.mo`` (built from the
``.po`` files by Babel; compiled on first use into the data folder when missing
or older than the ``.po``, see :mod:`app.catalogs`); a language without a
catalog shows the Dutch text.

In kv, ``text: tr._('Nieuw spel')`` re-evaluates when the language changes:
kv binds to the attribute it reads last (``_``), and :class:`Translator`
forwards any binding on ``_`` to its ``lang`` property. This is the idea of
the well-known Kivy gettext example, without its class-level observer list
(Kivy's own per-instance property observers do the work, and kv unbinds them
when a rule goes away) and without Python 2 calls.

Formatting helpers (dates, lists, numbers) use Babel with the UI language.
Babel is imported when a helper first needs it, not at start-up (it takes
about 40 ms to import); catalogs are read with the standard library's
:mod:`gettext` (Babel's ``Translations`` is a subclass of it).
"""

from __future__ import annotations

import datetime as _dt
import gettext
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kivy.event import EventDispatcher
from kivy.properties import StringProperty

from app.catalogs import catalog_dir
from app.scripts import RTL_LANGUAGES, is_rtl  # noqa: F401  (the one table; kv imports is_rtl from here)
from kaarten.resources import resource_dir

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["LOCALES_DIR", "SOURCE_LANGUAGE", "RTL_LANGUAGES", "Translator", "tr",
           "available_languages", "language_name", "is_rtl"]

LOCALES_DIR = resource_dir("app", "locales")
SOURCE_LANGUAGE = "nl"

log = logging.getLogger(__name__)


def _babel_locale(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(SOURCE_LANGUAGE)


class Translator(EventDispatcher):
    """Observable gettext: change :attr:`lang` and every kv ``tr._()`` redraws."""

    lang = StringProperty(SOURCE_LANGUAGE)

    def __init__(self, locales_dir: Path = LOCALES_DIR, **kwargs):
        self._locales_dir = Path(locales_dir)
        self._catalog: gettext.NullTranslations = gettext.NullTranslations()
        super().__init__(**kwargs)
        self._load(self.lang)

    # -- kv binding: `tr._` is watched as the property `lang` ---------------

    def fbind(self, name, func, *args, **kwargs):
        return super().fbind("lang" if name == "_" else name, func, *args, **kwargs)

    def funbind(self, name, func, *args, **kwargs):
        return super().funbind("lang" if name == "_" else name, func, *args, **kwargs)

    def unbind_uid(self, name, uid):
        return super().unbind_uid("lang" if name == "_" else name, uid)

    # -- language ------------------------------------------------------------

    def on_lang(self, _instance, lang: str) -> None:
        self._load(lang)

    def _load(self, lang: str) -> None:
        if not lang or lang == SOURCE_LANGUAGE:
            self._catalog = gettext.NullTranslations()
            return
        try:
            folder = catalog_dir(lang, self._locales_dir)
        except OSError as exc:  # no room or no rights in the data folder: the .mo there may do
            log.error("Could not compile the %s catalog: %s", lang, exc)
            folder = self._locales_dir
        # read each time (gettext.translation() would keep the first one read)
        found = gettext.find("messages", str(folder), [lang])
        if found is None:
            self._catalog = gettext.NullTranslations()
            return
        with open(found, "rb") as mo:
            self._catalog = gettext.GNUTranslations(mo)

    def switch(self, lang: str) -> None:
        """Show the UI in ``lang`` (a catalog is loaded before anything redraws)."""
        lang = lang or SOURCE_LANGUAGE
        if lang == self.lang:
            return
        # load first, so observers that run on the change already see it
        self._load(lang)
        self.lang = lang

    # -- translating -----------------------------------------------------------

    def _(self, text: str) -> str:
        """Translate a Dutch UI string (identity when there is no catalog)."""
        return self._catalog.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Singular or plural form for ``n``, translated."""
        return self._catalog.ngettext(singular, plural, n)

    # -- formatting ------------------------------------------------------------

    @property
    def locale(self) -> Locale:
        return _babel_locale(self.lang)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def format_date(self, value: _dt.date | _dt.datetime, format: str = "long") -> str:
        from babel.dates import format_date as _babel_format_date
        if isinstance(value, _dt.datetime):
            value = value.date()
        return _babel_format_date(value, format=format, locale=self.locale)

    def format_time(self, value: _dt.datetime | _dt.time, format: str = "short") -> str:
        """'14:05' (in the UI language's own way)."""
        from babel.dates import format_time
        return format_time(value, format=format, locale=self.locale)

    def format_list(self, items, style: str = "standard") -> str:
        items = [str(i) for i in items]
        if not items:
            return ""
        from babel.lists import format_list as _babel_format_list
        return _babel_format_list(items, style=style, locale=self.locale)


def available_languages(locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Dutch, then every language that has a compiled or source catalog."""
    found = {SOURCE_LANGUAGE}
    if locales_dir.is_dir():
        for sub in locales_dir.iterdir():
            lc = sub / "LC_MESSAGES"
            if (lc / "messages.mo").exists() or (lc / "messages.po").exists():
                found.add(sub.name)
    return [SOURCE_LANGUAGE] + sorted(found - {SOURCE_LANGUAGE})


def language_name(lang: str, in_lang: str | None = None) -> str:
    """A language's own name (``'ar'`` -> ``'العربية'``), capitalised.

    ``in_lang`` names it in another language instead.
    """
    from babel import Locale, UnknownLocaleError
    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return lang
    name = loc.get_display_name(in_lang or lang) or lang
    return name[:1].upper() + name[1:]


#: The one translator of the app.
tr = Translator()

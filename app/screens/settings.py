"""Settings: the language of the screens, the usual card language, text size.

The list of screen languages is made from the catalogs that exist in
``locales/`` (plus Dutch, the source); each language is named in its own
script ("العربية", "Türkçe"), so a family can find its own. Choosing one
switches the translator, and every text on every screen changes at once.
Everything is saved through the App (``app.set_setting``), so it is still
there the next time the app starts.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import StringProperty

from app.i18n import available_languages, language_name, tr
from app.preferences import TEXT_SIZES
from app.text import TekstKnop
from app.widgets import layout as _layout  # noqa: F401  (Kop, Kolom, PassendRaster for kv)
from app.widgets.layout import Scherm

__all__ = ["SettingsScreen", "KeuzeKnop", "text_size_label", "card_languages"]


def text_size_label(size: str) -> str:
    return {
        "normal": tr._("Normaal"),
        "large": tr._("Groot"),
        "extra-large": tr._("Extra groot"),
    }[size]


def card_languages(decks) -> list[str]:
    """Every language some deck has cards in: Dutch first, then by code."""
    found = {"nl"}
    for deck in getattr(decks, "decks", ()) or ():
        found.update(deck.languages)
    return ["nl"] + sorted(found - {"nl"})


class KeuzeKnop(TekstKnop):
    """One choice in a row of choices; ``value`` is what it stands for."""

    value = StringProperty("")
    group = StringProperty("")


class SettingsScreen(Scherm):
    ui_language = StringProperty("nl")
    card_language = StringProperty("nl")
    text_size = StringProperty("normal")

    def on_pre_enter(self, *_):
        self.refresh()

    def on_kv_post(self, *_):
        tr.fbind("lang", self._relabel)

    def refresh(self, *_) -> None:
        app = self.app()
        prefs = getattr(app, "prefs", None)
        if prefs is not None:
            self.ui_language = tr.lang
            self.card_language = prefs.card_language
            self.text_size = prefs.text_size if prefs.text_size in TEXT_SIZES else "normal"
        self._fill("ui_languages", "ui", available_languages(), self.ui_language, language_name)
        decks = getattr(app, "decks", None) if app is not None else None
        self._fill("card_languages", "card", card_languages(decks), self.card_language, language_name)
        self._fill("text_sizes", "size", list(TEXT_SIZES), self.text_size, text_size_label)

    def _fill(self, box_id, group, values, current, label) -> None:
        box = self.ids[box_id]
        box.clear_widgets()
        for value in values:
            box.add_widget(KeuzeKnop(
                text=label(value),
                value=value,
                group=group,
                selected=value == current,
                kind="surface",
                on_release=self.choose,
            ))

    def _relabel(self, *_) -> None:
        # language names stay in their own script; the text sizes are words
        for button in self.ids.text_sizes.children:
            button.text = text_size_label(button.value)

    def choose(self, button: KeuzeKnop) -> None:
        app = self.app()
        if button.group == "ui":
            app.set_ui_language(button.value)
        elif button.group == "card":
            app.set_card_language(button.value)
        else:
            app.set_text_size(button.value)
        self.refresh()


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

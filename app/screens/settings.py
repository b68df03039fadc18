"""Settings: the language of the screens, the usual card language, text size.

The list of screen languages is made from the catalogs that exist in
``app/locales/`` (plus Dutch, the source); each language is named in its own
script ("العربية", "Türkçe"), so a family can find its own. Choosing one
switches the translator, and every text on every screen changes at once.
Everything is saved through the App (``app.set_setting``), so it is still
there the next time the app starts.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from app.i18n import available_languages, language_name, tr
from app.preferences import TEXT_SIZES
from app.widgets import layout as _layout  # noqa: F401  (TopBar, ColumnLayout, FittingGrid for kv)
from app.widgets.dialog import ask
from app.widgets.layout import AppScreen, show_child
from app.widgets.text import ScriptButton

__all__ = ["SettingsScreen", "ChoiceButton", "text_size_label", "card_languages"]


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


class ChoiceButton(ScriptButton):
    """One choice in a row of choices; ``value`` is what it stands for."""

    value = StringProperty("")
    group = StringProperty("")


#: the choices offered for the idle lock (minutes) and for keeping sessions (days);
#: the settings file may hold any whole number in range (kaarten.preferences)
IDLE_CHOICES = (1, 2, 5, 10, 15, 30)
RETENTION_CHOICES = (7, 14, 30, 60, 90, 180, 365)


def days_label(n: int) -> str:
    return tr.ngettext("{n} dag", "{n} dagen", n).format(n=n)


def minutes_label(n: int) -> str:
    return tr.ngettext("{n} minuut", "{n} minuten", n).format(n=n)


def name_mode_label(mode: str) -> str:
    return tr._("Initialen") if mode == "initials" else tr._("Namen zoals getypt")


def export_folders() -> list[str]:
    """The folders exports can go to: '' (inside the app) and, on a desktop,
    the Downloads folder."""
    from kivy.utils import platform

    folders = [""]
    downloads = Path.home() / "Downloads"
    if platform != "android" and downloads.is_dir():
        folders.append(str(downloads))
    return folders


class SettingsScreen(AppScreen):
    #: where exports go, in words
    export_folder_text = StringProperty("")
    ui_language = StringProperty("nl")
    card_language = StringProperty("nl")
    text_size = StringProperty("normal")
    pin_set = BooleanProperty(False)
    idle_minutes = NumericProperty(5)
    retention_days = NumericProperty(30)
    pseudonyms = BooleanProperty(False)

    def on_pre_enter(self, *_):
        self.refresh()

    def on_kv_post(self, *_):
        tr.bind(lang=self._relabel)
        self._pin_remove = self.ids.pin_remove.__self__     # ids are weak; they come and go
        self._idle_block = self.ids.idle_block.__self__

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
        if prefs is not None:
            self.pin_set = bool(app.pin_set)
            self.idle_minutes = prefs.idle_lock_minutes
            self.retention_days = prefs.retention_days
            self.pseudonyms = prefs.pseudonyms
        show_child(self.ids.pin_buttons, self._pin_remove, self.pin_set)
        column = self.ids.column
        show_child(column, self._idle_block, self.pin_set,
                   index=column.children.index(self.ids.pin_buttons) if self.pin_set else 0)
        self._fill("idle_minutes", "idle", [str(n) for n in IDLE_CHOICES], str(self.idle_minutes),
                   lambda v: minutes_label(int(v)))
        days = sorted(set(RETENTION_CHOICES) | {int(self.retention_days)})
        self._fill("retention_days", "days", [str(n) for n in days], str(self.retention_days),
                   lambda v: days_label(int(v)))
        self._fill("name_modes", "names", ["names", "initials"],
                   "initials" if self.pseudonyms else "names", name_mode_label)
        self._fill_exports()

    def _fill_exports(self) -> None:
        from kaarten.exports import ExportSettings

        app = self.app()
        folder = getattr(app, "data_folder", None)
        chosen = ExportSettings.load(folder)
        folders = export_folders()
        if chosen.folder and chosen.folder not in folders:
            folders.append(chosen.folder)     # set by hand in exports.json
        self._fill("export_folders", "folder", folders, chosen.folder,
                   lambda f: tr._("In de app") if not f else Path(f).name or f)
        self._fill("delete_after", "after", ["on", "off"], "on" if chosen.delete_after_export else "off",
                   lambda v: tr._("Aan") if v == "on" else tr._("Uit"))
        where = chosen.target(folder)
        from app.exporting import path_text
        self.export_folder_text = tr._("Bestanden komen in: {folder}").format(folder=path_text(where))
        if chosen.folder:
            self.export_folder_text += "\n" + tr._("Deze map is buiten de app. Jij zorgt dat de bestanden "
                                                   "veilig blijven.")
    def _fill(self, box_id, group, values, current, label) -> None:
        box = self.ids[box_id]
        box.clear_widgets()
        for value in values:
            box.add_widget(ChoiceButton(
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
        for button in self.ids.idle_minutes.children:
            button.text = minutes_label(int(button.value))
        for button in self.ids.retention_days.children:
            button.text = days_label(int(button.value))
        for button in self.ids.name_modes.children:
            button.text = name_mode_label(button.value)

    def choose(self, button: ChoiceButton) -> None:
        app = self.app()
        if button.group == "ui":
            app.set_ui_language(button.value)
        elif button.group == "card":
            app.set_card_language(button.value)
        elif button.group == "idle":
            app.set_setting(idle_lock_minutes=int(button.value))
        elif button.group == "days":
            self.ask_retention(int(button.value))
        elif button.group == "names":
            app.set_pseudonyms_setting(button.value == "initials")
        elif button.group in ("folder", "after"):
            from dataclasses import replace

            from kaarten.exports import ExportSettings
            chosen = ExportSettings.load(app.data_folder)
            if button.group == "folder":
                chosen = replace(chosen, folder=button.value)
            else:
                chosen = replace(chosen, delete_after_export=button.value == "on")
            try:
                chosen.save(app.data_folder)
            except OSError as e:
                app.show_error(e)
        else:
            app.set_text_size(button.value)
        self.refresh()

    def ask_retention(self, days: int):
        """Fewer days: the sessions that would go at once are named by count
        first, and nothing goes until the worker says so."""
        from kaarten import retention
        app = self.app()
        store = app.store
        infos = store.sessions() if store is not None and not store.keeps_nothing else []
        going = len(retention.due_now(infos, days, app.now()))
        if not going:
            app.set_retention_days(days)
            return None

        def change():
            app.set_retention_days(days)
            self.refresh()
        return ask(tr._("Gesprekken bewaren: {days}?").format(days=days_label(days)),
                   tr.ngettext("Dan wordt nu {n} gesprek gewist, met alle namen.",
                               "Dan worden nu {n} gesprekken gewist, met alle namen.", going).format(n=going)
                   + " " + tr._("Wat gewist is, is echt weg."),
                   yes=tr._("Ja, wissen"), no=tr._("Niet wissen"), on_yes=change, yes_kind="danger")

    # -- the PIN ----------------------------------------------------------------------

    def ask_pin(self, action: str):
        """Set a PIN (asked twice), change it or turn it off (the old one first)."""
        from app.lock import PinDialog
        app = self.app()
        dialog = PinDialog(app.pin, action, done=self._pin_done)
        dialog.open()
        return dialog

    def _pin_done(self, message: str) -> None:
        self.app().pin_changed()
        self.refresh()
        ask(message, "", yes=tr._("Goed"))

    # -- erase everything: two questions, then gone for real ----------------------

    def ask_erase(self):
        """First question: what will go, and that it cannot be undone."""
        store = self.app().store
        count = len(store.sessions()) if store is not None else 0
        if count == 0:
            return ask(tr._("Er zijn geen gesprekken"),
                       tr._("Op deze tablet staan geen gesprekken. Er is niets te wissen."),
                       yes=tr._("Goed"))
        return ask(tr._("Alle gesprekken wissen?"),
                   tr.ngettext("Op deze tablet staat {n} gesprek. Het wordt gewist, met alle namen.",
                               "Op deze tablet staan {n} gesprekken. Ze worden allemaal gewist, "
                               "met alle namen.", count).format(n=count)
                   + " " + tr._("Daarna is alles echt weg."),
                   yes=tr._("Verder"), no=tr._("Niet wissen"),
                   on_yes=self.confirm_erase, yes_kind="danger")

    def confirm_erase(self):
        """Second question, the last chance."""
        return ask(tr._("Weet je het zeker?"),
                   tr._("Alles wordt nu voorgoed gewist."),
                   yes=tr._("Alles wissen"), no=tr._("Niet wissen"),
                   on_yes=self.erase, yes_kind="danger")

    def erase(self):
        if self.app().erase_everything() >= 0:
            return ask(tr._("Alles is gewist"),
                       tr._("Er staan geen gesprekken meer op deze tablet."),
                       yes=tr._("Goed"))
        return None


Builder.load_file(str(Path(__file__).with_suffix(".kv")))


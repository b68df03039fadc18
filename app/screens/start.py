"""The start screen: carry on with the unfinished game, or begin a new one.

When a game was left unfinished (the app was closed, the battery died), the
first and biggest thing on the screen is "Verder spelen".
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from app.i18n import tr
from app.naming import player_names
from app.scripts import join_parts, keep_place
from app.widgets import pictogram as _pictogram  # noqa: F401  (Pictogram for kv)
from app.widgets.layout import AppScreen, show_child
from kaarten.errors import KaartenError

__all__ = ["StartScreen"]


class StartScreen(AppScreen):
    #: the unfinished session offered for resuming (0: none)
    resume_id = NumericProperty(0)
    resume_detail = StringProperty("")
    notice = StringProperty("")
    #: damaged sessions files kept aside, or a wipe still to finish ('' none)
    damaged_text = StringProperty("")
    has_damaged_files = BooleanProperty(False)
    #: "Dit gesprek wordt morgen gewist." under "Verder spelen" ('' none)
    resume_warning = StringProperty("")
    #: other sessions deleted tomorrow ('' none)
    expiry_text = StringProperty("")

    def on_pre_enter(self, *_):
        self.refresh()

    def refresh(self, *_) -> None:
        app = self.app()
        store = app.sessions_store      # in practice mode: no real session
        info = store.unfinished() if store is not None else None
        self.notice = app.notice or ""
        self._show_damaged(app.store)
        if info is None:
            self.resume_id = 0
            self.resume_detail = ""
        else:
            self.resume_id = int(info.id)
            self.resume_detail = self.describe(info)
        self._show_resume(info is not None)
        self._show_expiry(store, info)

    def _show_expiry(self, store, info) -> None:
        """The day before a session is deleted (its days are over), say so here."""
        from kaarten import retention
        app = self.app()
        self.resume_warning = self.expiry_text = ""
        if store is None or store.keeps_nothing:
            return
        try:
            due = {s.id for s in retention.due_tomorrow(store.sessions(), app.prefs.retention_days, app.now())}
        except KaartenError:
            return
        if info is not None and info.id in due:
            self.resume_warning = tr._("Dit gesprek wordt morgen gewist.")
            due.discard(info.id)
        if due:
            self.expiry_text = tr.ngettext(
                "Morgen wordt {n} eerder gesprek gewist. Je vindt het onder Eerdere gesprekken.",
                "Morgen worden {n} eerdere gesprekken gewist. Je vindt ze onder Eerdere gesprekken.",
                len(due)).format(n=len(due))

    @staticmethod
    def describe(info) -> str:
        """"Mama, Sam en Noor · 5 mensen · 3 juni 2026" for a saved session."""
        names = tr.format_list([keep_place(n, tr.lang) for n in player_names(info.player_names)])
        people = tr.ngettext("{n} persoon genoemd", "{n} mensen genoemd",
                             info.people_count).format(n=info.people_count)
        date = tr.format_date(info.updated.astimezone() if info.updated.tzinfo else info.updated)
        return join_parts((names, people, date), " · ", tr.lang)

    def on_kv_post(self, *_):
        # practice on: the real sessions vanish from here; off: they return
        self.watch_app("practice", self.refresh)
        # ids are weak: keep the block alive while it is off the screen
        self._resume_block = self.ids.resume_block.__self__
        self._damaged_block = self.ids.damaged_block.__self__
        self._delete_damaged = self.ids.delete_damaged.__self__

    def _show_resume(self, show: bool) -> None:
        box = self.ids.column
        show_child(box, self._resume_block, show, index=len(box.children) - 3)   # after the subtitle

    def _show_damaged(self, store) -> None:
        """A file that was damaged was moved aside, never deleted: say so
        here, where the worker looks first, with a way to delete it for real."""
        if store is None or store.keeps_nothing:
            self.damaged_text, self.has_damaged_files = "", False
            return
        try:
            count = len(store.damaged_files())
        except KaartenError:
            count = 0
        lines = []
        if count:
            lines.append(tr.ngettext(
                "Er is {n} beschadigd bestand met oude gesprekken bewaard.",
                "Er zijn {n} beschadigde bestanden met oude gesprekken bewaard.", count).format(n=count))
        if store.wipe_pending:
            lines.append(tr._("Een ander programma las de gesprekken. Het wissen wordt afgemaakt zodra het kan."))
        self.damaged_text = " ".join(lines)
        self.has_damaged_files = bool(count)
        show_child(self.ids.column, self._damaged_block, bool(self.damaged_text))
        show_child(self._damaged_block, self._delete_damaged, self.has_damaged_files)

    def ask_delete_damaged(self):
        from app.widgets.dialog import ask  # (its kv is read when first needed)
        return ask(tr._("Beschadigde bestanden wissen?"),
                   tr._("De gesprekken daarin zijn daarna echt weg."),
                   yes=tr._("Wissen"), no=tr._("Niet wissen"),
                   on_yes=self.delete_damaged, yes_kind="danger")

    def delete_damaged(self) -> None:
        app = self.app()
        try:
            for damaged in app.store.damaged_files():
                app.store.delete_damaged(damaged.path)
        except KaartenError as e:
            app.show_error(e)
        self.refresh()

    def resume(self) -> None:
        if self.resume_id:
            self.app().resume_session(self.resume_id)

    def toggle_practice(self) -> None:
        app = self.app()
        app.practice = not app.practice


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

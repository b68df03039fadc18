"""Earlier sessions: look at a map again, carry on, or delete.

One card per saved session, newest first: the date, the deck, who played and
how many people were named ("4 mensen genoemd"). "Bekijken" opens the summary;
"Verder spelen" (only while a game is unfinished) goes back to the table;
"Wissen" asks first, and says it cannot be undone, then deletes the session
for real (the store overwrites it on disk).
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from app.i18n import tr
from app.naming import player_names
from app.scripts import join_parts, keep_place
from app.widgets import layout as _layout  # noqa: F401  (TopBar, ColumnLayout, FittingGrid for kv)
from app.widgets.dialog import ask
from app.widgets.layout import AppScreen, show_child
from kaarten.errors import KaartenError

__all__ = ["SessionsScreen", "SessionCard", "people_count_text", "follow_up_text"]


def people_count_text(n: int) -> str:
    """'1 persoon genoemd', '4 mensen genoemd' (the same words as on the
    start screen; "{n} persoon" alone is the summary's "1 persoon / 3
    personen", and one msgid can have only one plural)."""
    return tr.ngettext("{n} persoon genoemd", "{n} mensen genoemd", n).format(n=n)


def follow_up_text(earlier_created) -> str:
    """'Vervolg op het gesprek van 3 november'."""
    moment = earlier_created.astimezone() if earlier_created.tzinfo else earlier_created
    return tr._("Vervolg op het gesprek van {date}").format(date=tr.format_date(moment, "d MMMM"))


class SessionCard(BoxLayout):
    """One saved session in the list."""

    session_id = NumericProperty(0)
    title = StringProperty("")
    detail = StringProperty("")
    finished = BooleanProperty(True)

    def on_kv_post(self, *_):
        self._resume = self.ids.resume.__self__     # kept while off the card
        self._follow_up = self.ids.follow_up.__self__
        self.fbind("finished", self._show_resume)
        self._show_resume()

    def _show_resume(self, *_):
        """"Verder spelen" only on an unfinished game; "Vervolg" (a follow-up
        game) only on a finished one."""
        actions = self.ids.actions
        show_child(actions, self._follow_up, self.finished, index=len(actions.children) - 1)
        show_child(actions, self._resume, not self.finished, index=len(actions.children) - 1)


class SessionsScreen(AppScreen):
    #: True when there is no saved session (the list shows a friendly line)
    empty = BooleanProperty(True)

    def on_pre_enter(self, *_):
        self.refresh()

    def on_kv_post(self, *_):
        tr.bind(lang=self.refresh)

    def refresh(self, *_) -> None:
        app = self.app()
        box = self.ids.list
        box.clear_widgets()
        store = app.sessions_store if app is not None else None   # practice: none
        infos = store.sessions() if store is not None else []
        due = self._due_tomorrow(infos)
        exported: dict[int, int] = {}
        for session_id, *_rest in (store.exports() if store is not None else ()):
            exported[session_id] = exported.get(session_id, 0) + 1
        demos = store.demo_sessions() if store is not None else set()
        for info in infos:
            detail = self.detail_of(info)
            if exported.get(info.id):
                n = exported[info.id]
                detail += " \u00b7 " + tr.ngettext("{n} bestand bewaard", "{n} bestanden bewaard", n).format(n=n)
            if info.id in demos:
                detail = tr._("Voorbeeld, geen echt gezin") + " \u00b7 " + detail
            if info.id in due:
                detail += " \u00b7 " + tr._("Dit gesprek wordt morgen gewist.")
            box.add_widget(SessionCard(
                session_id=int(info.id),
                title=self.title_of(info),
                detail=detail,
                finished=bool(info.finished),
            ))
        self.empty = not infos

    def _due_tomorrow(self, infos) -> set:
        from kaarten import retention
        app = self.app()
        if app is None or not hasattr(app, "now"):
            return set()
        return {s.id for s in retention.due_tomorrow(infos, app.prefs.retention_days, app.now())}

    @staticmethod
    def when_of(info) -> str:
        """'25 november 2026, 14:05' (six sessions on one day differ by the time)."""
        moment = info.created.astimezone() if info.created.tzinfo else info.created
        return f"{tr.format_date(moment)}, {tr.format_time(moment)}"

    def title_of(self, info) -> str:
        """'25 november 2026, 14:05 · Wie is er voor jou?'"""
        return join_parts((self.when_of(info), self._deck_title(info)), " \u00b7 ", tr.lang)

    @staticmethod
    def players_of(info) -> str:
        """'ماما, Sam en Speler 3': every part keeps its place in the line."""
        return tr.format_list([keep_place(n, tr.lang) for n in player_names(info.player_names)])

    @classmethod
    def detail_of(cls, info) -> str:
        """'Mama, Sam en Noor · 4 mensen genoemd · nog bezig'"""
        parts = [cls.players_of(info), people_count_text(info.people_count)]
        follows = getattr(info, "follows_created", None)
        if follows is not None:
            parts.insert(0, follow_up_text(follows))
        if not info.finished:
            parts.append(tr._("nog bezig"))
        if info.damaged:
            parts.append(tr._("beschadigd: niet alle letters zijn te lezen"))
        return join_parts(parts, " \u00b7 ", tr.lang)

    def _deck_title(self, info) -> str:
        decks = getattr(self.app(), "decks", None)
        try:
            deck = decks.get(info.deck_id)
        except (AttributeError, KeyError):
            return info.deck_id
        return deck.localized(tr.lang).title if hasattr(deck, "localized") else deck.title

    # -- the three actions --------------------------------------------------------

    def open_summary(self, session_id: int) -> None:
        """Show the map of a session (finished or not) without playing on."""
        self.app().open_session(session_id)

    def resume(self, session_id: int) -> None:
        self.app().resume_session(session_id)

    def follow_up(self, session_id: int) -> None:
        """A follow-up game of this session: its people on the map from the start."""
        self.app().start_follow_up(session_id)

    def ask_delete(self, session_id: int):
        """Ask first, naming what goes (date, time, players); delete only on
        "Wissen". A session with exports: ask next whether its files go too."""
        store = self.app().sessions_store
        info = next((i for i in (store.sessions() if store else []) if int(i.id) == int(session_id)), None)
        what = (tr._("Het gesprek van {when}, met {players}.").format(
            when=self.when_of(info), players=self.players_of(info)) + " ") if info else ""
        return ask(
            tr._("Dit gesprek wissen?"),
            what + tr._("Het gesprek is daarna echt weg, met alle namen."),
            yes=tr._("Wissen"),
            no=tr._("Niet wissen"),
            on_yes=lambda: self._ask_exports(session_id),
            yes_kind="danger",
        )

    def _ask_exports(self, session_id: int):
        files = self._exports(session_id)
        if not files:
            self.delete(session_id)
            return None
        return ask(
            tr._("Ook de bewaarde bestanden wissen?"),
            tr.ngettext("Van dit gesprek is {n} bestand bewaard.", "Van dit gesprek zijn {n} bestanden bewaard.",
                        len(files)).format(n=len(files)),
            yes=tr._("Ook wissen"),
            no=tr._("Bestanden houden"),
            on_yes=lambda: self.delete(session_id, with_exports=True),
            on_no=lambda: self.delete(session_id),
            yes_kind="danger",
        )

    def _exports(self, session_id: int) -> list:
        store = self.app().sessions_store
        return [path for _sid, path, _fmt, _when in store.exports(session_id)] if store is not None else []

    def delete(self, session_id: int, with_exports: bool = False) -> None:
        app = self.app()
        try:
            if with_exports:
                from kaarten.exports import delete_file
                for path in self._exports(session_id):
                    delete_file(path)
            app.sessions_store.delete_session(session_id)
        except (KaartenError, OSError) as e:
            app.show_error(e)
            return
        self.refresh()


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

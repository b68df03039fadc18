"""The summary: "Jouw mensen", the family's own network map.

The map (:class:`app.map.widget.NetworkMap`) and beside it
(landscape) or under it (portrait) a panel that speaks to the family: who is
often there for them, the parts of life where nobody was named yet (gently:
"Nog geen buren genoemd"), how many people, and the date. "Klaar" goes home;
"Verder spelen" goes back to the table while the game is not finished.

Every figure comes from ``session.summary()`` (:mod:`kaarten.summary`); this
screen only words and arranges them.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.layout import Layout

from app import lock as _lock  # noqa: F401  (HideNamesButton for kv)
from app import theme
from app.i18n import available_languages, tr
from app.map.widget import NetworkMap  # noqa: F401  (for kv)
from app.naming import person_label
from app.widgets import layout as _layout  # noqa: F401  (AppScreen, RowGrid for kv)
from app.widgets import who as _who  # noqa: F401  (WhoPanel for kv: overview, layers, follow-up, plan)
from app.widgets.layout import AppScreen, MirroredBoxLayout, show_child
from app.widgets.text import ScriptLabel, resolve_halign
from kaarten.network import Sector

__all__ = ["SummaryScreen", "empty_sector_text", "people_text", "mentions_text"]


def empty_sector_text(sector: Sector) -> str:
    """A gentle line for a part of life where nobody was named yet."""
    return theme.sector_look(sector).empty_text


def people_text(n: int) -> str:
    """'1 persoon', '3 personen'."""
    return tr.ngettext("{n} persoon", "{n} personen", n).format(n=n)


def mentions_text(n: int) -> str:
    """'1 keer genoemd', '4 keer genoemd'."""
    return tr.ngettext("{n} keer genoemd", "{n} keer genoemd", n).format(n=n)


def named_by_text(n: int) -> str:
    return tr.ngettext("door {n} persoon", "door {n} mensen", n).format(n=n)


class NameLabel(ScriptLabel):
    """A name in a list: drawn like any ScriptLabel (an Arabic name is shaped and
    gets its font), but lined up with the screen's reading direction, so a
    list of names in a Dutch screen keeps one left edge."""

    @staticmethod
    def pick_halign(align: str, lang: str, text: str) -> str:
        return resolve_halign(align, tr.lang, "")


class SupporterRow(MirroredBoxLayout):
    """A key supporter: a dot in their sector's colour, name, how often named."""

    name = StringProperty("")
    detail = StringProperty("")
    colour = ColorProperty(theme.PRIMARY)


class GentleRow(MirroredBoxLayout):
    """An empty sector: its colour and a gentle sentence."""

    text = StringProperty("")
    colour = ColorProperty(theme.SECTORS[0].colour)


class SummaryLayout(Layout):
    """Where the summary's four parts go: landscape, the map on the left at
    full height and on the right the title, the words (scrolling) and the
    buttons; portrait, the title on top, the map under it, then the words and
    the buttons. The parts stay where kv put them; only their places change
    with the screen's shape (a Layout, so nothing is taken out and put back)."""

    landscape = BooleanProperty(True)
    padding = NumericProperty(0)
    header = ObjectProperty(None, allownone=True)
    map = ObjectProperty(None, allownone=True)
    side = ObjectProperty(None, allownone=True)
    buttons = ObjectProperty(None, allownone=True)
    #: the width the title, words and buttons get (the screen fits its buttons to it)
    column_width = NumericProperty(0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("pos", "size", "landscape", "padding"):
            self.fbind(name, self._trigger_layout)
        for name in ("header", "buttons"):
            self.fbind(name, self._watch_height)

    def _watch_height(self, _self, part):
        if part is not None:
            part.fbind("height", self._trigger_layout)

    def do_layout(self, *_):
        parts = (self.header, self.map, self.side, self.buttons)
        if any(part is None for part in parts):
            return
        header, m, side, buttons = parts
        pad, gap = self.padding, dp(theme.PAD)
        x, y, w, h = self.x + pad, self.y + pad, self.width - 2 * pad, self.height - 2 * pad
        if self.landscape:
            side_of_map = max(dp(200), min(h, self.width * 0.6))
            m.size_hint = (None, None)
            m.pos, m.size = (x, y), (side_of_map, h)
            cx, cw = x + side_of_map + gap, max(w - side_of_map - gap, dp(120))
        else:
            cx, cw = x, w
        self.column_width = cw
        header.size_hint = buttons.size_hint = side.size_hint = (None, None)
        header.width = buttons.width = side.width = cw
        header.pos = (cx, y + h - header.height)
        buttons.pos = (cx, y)
        words_top = header.y - dp(theme.GAP)
        if not self.landscape:
            # the map takes what the title, the buttons and a little of the
            # words leave free (never less than 160 dp, never wider than the screen)
            free = h - header.height - buttons.height - 3 * gap
            words = max(dp(96), free * 0.22)
            m.size_hint = (None, None)
            m.size = (w, max(dp(160), min(w, free - words)))
            m.pos = (x, header.y - gap - m.height)
            words_top = m.y - gap
        side.pos = (cx, buttons.top + dp(theme.GAP))
        side.height = max(words_top - side.y, 0)


class SummaryScreen(AppScreen):
    #: shown under the title: date and deck
    subtitle = StringProperty("")
    totals = StringProperty("")
    finished = BooleanProperty(True)
    has_supporters = BooleanProperty(False)
    has_empty = BooleanProperty(False)
    only_professionals = BooleanProperty(False)
    landscape = BooleanProperty(True)
    #: ids of the key supporters, in order (for tests)
    supporter_ids = ListProperty([])
    #: the other language this summary can be read in: the family's (the
    #: cards' language) or the worker's; '' when they are the same
    other_language = StringProperty("")
    #: names shown as initials and "Speler n" (the App's pseudonyms)
    pseudonyms = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # a language switch re-words this screen in place, nothing more
        tr.bind(lang=self._on_lang)    # weakly: a method, not a lambda

    def _on_lang(self, *_) -> None:
        self.refresh()

    @property
    def session(self):
        """The App's session in play; this screen keeps no copy of its own."""
        app = self.app()
        return getattr(app, "session", None) if app is not None else None

    def _session_changed(self, _app, session) -> None:
        # none in play: the map and the lists empty at once; another one is
        # drawn here now only when this screen shows (else on_pre_enter does)
        if session is None or (self.manager is not None and self.manager.current == self.name):
            self.refresh()

    def on_kv_post(self, *_):
        self.watch_app("session", self._session_changed)
        self.watch_app("pseudonyms", lambda *_: self.refresh())
        # strong references (kv ids are weak): two buttons leave the row when
        # they have nothing to offer
        self._buttons = self.ids.buttons.__self__
        self._play_on, self._language = self.ids.play_on.__self__, self.ids.language.__self__
        self._save = self.ids.save.__self__
        self.ids.map.bind(on_person_moved=lambda *_: self.refresh(),
                          on_people_changed=lambda *_: self.refresh())
        self._fit_trigger = Clock.create_trigger(self._fit, -1)
        self._buttons.fbind("width", self._fit_trigger)
        self.ids.body.fbind("column_width", self._fit_trigger)
        self.fbind("finished", self._show_buttons)
        self.fbind("other_language", self._show_buttons)
        self.fbind("size", self._shape)
        self._show_buttons()
        self._shape()

    # -- showing a session -------------------------------------------------------

    def on_pre_enter(self, *_):
        self.refresh()

    def _deck(self):
        app = self.app()
        decks = getattr(app, "decks", None) if app is not None else None
        if decks is None or self.session is None:
            return None
        try:
            return decks.get(self.session.deck_id)
        except KeyError:
            return None

    def refresh(self, *_) -> None:
        session = self.session
        m = self.ids.map
        if session is None:
            m.session = None
            m.close_panel()
            self.subtitle = self.totals = ""
            self.finished = True
            self.other_language = ""
            self._fill([], [])
            self.ids.who.show(None, None)
            self._show_buttons()
            return
        deck = self._deck()
        app = self.app()
        self.pseudonyms = bool(getattr(app, "pseudonyms", False))
        names_changed = m.pseudonyms != self.pseudonyms
        m.pseudonyms = self.pseudonyms   # (the map reads its session again when this changes)
        if m.session is not session:
            m.deck = deck
            m.session = session
        elif not names_changed:
            m.refresh()
        s = m.summary
        self.finished = bool(session.finished)
        self._show_buttons()
        self.other_language = self._language_choice()
        title = deck.localized(tr.lang).title if deck is not None else s.deck_id
        self.subtitle = " \u00b7 ".join(t for t in (tr.format_date(s.date), title) if t)
        # an empty game is no figure to read out: it says so, kindly
        self.totals = tr._("Samen: {people}, {mentions}.").format(
            people=people_text(s.totals.people), mentions=mentions_text(s.totals.mentions)
        ) if s.totals.people else tr._("Nog niemand genoemd.")
        self.only_professionals = bool(s.only_professionals)
        self._fill(s.key_supporters, s.empty_sectors)
        self.ids.who.show(session, deck)

    def _fill(self, supporters, empty) -> None:
        box = self.ids.supporters
        box.clear_widgets()
        s = self.ids.map.summary
        for person in supporters:
            mentions = len(s.mentions_by_person.get(person.id, ()))
            players = len(s.players_by_person.get(person.id, ()))
            detail = mentions_text(mentions)
            if players > 1:
                detail += " " + named_by_text(players)
            box.add_widget(SupporterRow(
                name=person_label(person),
                detail=detail,
                colour=theme.sector_look(person.sector).dot_colour,
            ))
        self.supporter_ids = [p.id for p in supporters]
        self.has_supporters = bool(supporters)
        gentle = self.ids.empty
        gentle.clear_widgets()
        for sector in empty:
            gentle.add_widget(GentleRow(
                text=empty_sector_text(sector),
                colour=theme.sector_look(sector).colour,
            ))
        self.has_empty = bool(empty)

    # -- landscape or portrait (SummaryLayout places the parts) -------------------

    def _shape(self, *_) -> None:
        self.landscape = self.width >= self.height

    def _fit(self, *_) -> None:
        """Buttons side by side when they all fit on one line, else stacked."""
        buttons = self._buttons
        shown = [b for b in buttons.children if hasattr(b, "natural_width")]
        need = sum(b.natural_width() for b in shown) + dp(theme.GAP) * max(len(shown) - 1, 0)
        buttons.orientation = "horizontal" if need <= self.ids.body.column_width else "vertical"

    # -- the family's language or the worker's ------------------------------------------

    def _language_choice(self) -> str:
        session, app = self.session, self.app()
        if session is None or app is None:
            return ""
        worker, family = app.ui_language, session.language
        if family == worker or family not in available_languages():
            return ""
        return worker if tr.lang == family else family

    def switch_language(self) -> None:
        """Read the summary in the family's language, or back in the worker's
        (for now only: the saved UI language stays)."""
        if self.other_language:
            tr.switch(self.other_language)

    def on_leave(self, *_):
        app = self.app()
        if app is not None and tr.lang != app.ui_language:
            tr.switch(app.ui_language)

    def _show_buttons(self, *_):
        """The language button only when the summary can be read in another
        language; "Verder spelen" only while the game is not finished."""
        row = self._buttons
        show_child(row, self._language, bool(self.other_language), index=len(row.children))
        show_child(row, self._play_on, not self.finished, index=len(row.children))
        # a practice game keeps nothing, on paper neither
        session = self.session
        show_child(self.ids.save_row, self._save, session is not None and not session.keeps_nothing)
        self._fit_trigger()

    # -- buttons ----------------------------------------------------------------------

    def done(self) -> None:
        """Klaar: the session is left (the App clears it) and home it is."""
        self.app().go("start")

    def play_on(self) -> None:
        self.app().go("table")

    def toggle_pseudonyms(self) -> None:
        """Initials on, or the names back (behind the PIN when one is set)."""
        self.app().set_pseudonyms(not self.pseudonyms)

    def save(self):
        """Bewaren of printen: the hand-out, the map and the summary are
        written (the App says where); the dialog shown, for tests."""
        return self.app().save_exports()


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

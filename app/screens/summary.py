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
from kivy.properties import BooleanProperty, ColorProperty, ListProperty, StringProperty

from app import theme
from app.i18n import available_languages, tr
from app.map.widget import NetworkMap  # noqa: F401  (for kv)
from app.widgets import layout as _layout  # noqa: F401  (AppScreen, RowGrid for kv)
from app.widgets.layout import AppScreen, MirroredBoxLayout, show_child
from app.widgets.text import ScriptLabel, resolve_halign, style
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

    def __init__(self, **kwargs):
        self._arrange_trigger = Clock.create_trigger(self._arrange, -1)
        super().__init__(**kwargs)
        style.bind(scale=self._arrange_trigger)
        # a language switch re-words this screen in place, nothing more
        tr.bind(lang=lambda *_: self.refresh())

    @property
    def session(self):
        """The App's session in play; this screen keeps no copy of its own."""
        app = self.app()
        return getattr(app, "session", None) if app is not None else None

    def on_parent(self, *_):
        app = self.app()
        if app is not None and self.parent is not None:
            app.fbind("session", self._session_changed)

    def _session_changed(self, *_) -> None:
        self.refresh()     # none in play: the map and the lists empty

    def on_kv_post(self, *_):
        # strong references (kv ids are weak): these move between containers
        # (and two buttons leave the row when they have nothing to offer)
        for name in ("body", "side_box", "header", "side", "panel", "buttons", "map", "play_on", "language"):
            setattr(self, f"_{name}", self.ids[name].__self__)
        self._map.bind(on_person_moved=lambda *_: self.refresh())
        self._fit_trigger = Clock.create_trigger(self._fit, -1)
        for widget, names in ((self._header, ("height",)), (self._buttons, ("height", "width")),
                              (self._side_box, ("width",))):
            for name in names:
                widget.fbind(name, self._fit_trigger)
        self.fbind("finished", self._show_buttons)
        self.fbind("other_language", self._show_buttons)
        self.fbind("size", self._arrange_trigger)
        self._show_buttons()
        self._arrange()

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
            return
        deck = self._deck()
        if m.session is not session:
            m.deck = deck
            m.session = session
        else:
            m.refresh()
        s = m.summary
        self.finished = bool(session.finished)
        self.other_language = self._language_choice()
        title = deck.localized(tr.lang).title if deck is not None else s.deck_id
        self.subtitle = " \u00b7 ".join(t for t in (tr.format_date(s.date), title) if t)
        self.totals = tr._("Samen: {people}, {mentions}.").format(
            people=people_text(s.totals.people), mentions=mentions_text(s.totals.mentions)
        )
        self.only_professionals = bool(s.only_professionals)
        self._fill(s.key_supporters, s.empty_sectors)

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
                name=person.name,
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

    # -- landscape: map left, panel right; portrait: map on top -------------------

    def _arrange(self, *_) -> None:
        body, side, header, buttons, m = self._body, self._side, self._header, self._buttons, self._map
        pad = dp(theme.PAD)
        self.landscape = self.width >= self.height
        for w in (header, m, side, buttons):
            if w.parent is not None:
                w.parent.remove_widget(w)
        body.clear_widgets()
        side_box = self._side_box
        side_box.clear_widgets()
        panel = self._panel
        if self.landscape:
            # map on the left, full height; on the right the words, which
            # scroll (title included, so big text never squeezes them), and
            # the buttons
            body.orientation = "horizontal"
            m.size_hint = (None, 1)
            m.width = max(dp(200), min(self.height - 2 * pad, self.width * 0.6))
            body.add_widget(m)
            panel.add_widget(header, index=len(panel.children))
            side_box.add_widget(side)
            side_box.add_widget(buttons)
            body.add_widget(side_box)
        else:
            # title on top, the map under it, then the words and the buttons
            body.orientation = "vertical"
            m.size_hint = (1, None)
            body.add_widget(header)
            body.add_widget(m)
            body.add_widget(side)
            body.add_widget(buttons)

        self._fit()

    def _fit(self, *_) -> None:
        """Buttons side by side when both fit on one line, else stacked; in
        portrait the map takes what the title, the buttons and a little of
        the word panel leave free."""
        buttons, m, header = self._buttons, self._map, self._header
        pad, gap = dp(theme.PAD), dp(theme.GAP)
        shown = [b for b in buttons.children if hasattr(b, "natural_width")]
        width = self._side_box.width if self.landscape else self.width - 2 * pad
        need = sum(b.natural_width() for b in shown) + gap * max(len(shown) - 1, 0)
        buttons.orientation = "horizontal" if need <= width else "vertical"
        if not self.landscape:
            free = self.height - 2 * pad - header.height - buttons.height - 3 * dp(theme.PAD)
            panel = max(dp(96), free * 0.22)
            m.height = max(dp(160), min(self.width - 2 * pad, free - panel))

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
        self._fit_trigger()

    # -- buttons ----------------------------------------------------------------------

    def done(self) -> None:
        """Klaar: the session is left (the App clears it) and home it is."""
        self.app().go("start")

    def play_on(self) -> None:
        self.app().go("table")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""Beside the map on the summary: who helps with what, one player's layer,
what changed since the last time, and the way to the wie-plan.

- :class:`PlayerLayers`: a chip per player. Tap one: the map shows that
  player's people and dims the others, and the overview counts only what
  they said; tap it again: everyone.
- :class:`ThemeOverview`: the people x themes table (:mod:`kaarten.overview`),
  readable without words: a theme's pictogram on its colour at the head of
  each column, a dot in that colour where a person was named for it.
- :class:`FollowUpView`: in a follow-up game, who is new, came closer,
  moved further or was not named again, and how the earlier asks went.
- :class:`WhoPanel`: the three together with the plan button; the summary
  screen hands it the session, the deck and the map (:meth:`WhoPanel.show`).

Every figure comes from :mod:`kaarten`; these widgets only draw it.
"""

from __future__ import annotations

import colorsys
import math
from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.relativelayout import RelativeLayout
from kivy.uix.widget import Widget

from app import theme
from app.fonts import font_for, measure
from app.i18n import is_rtl, tr
from app.map.shapes import ShapeBatch
from app.naming import pseudonyms_on
from app.scripts import display_text, has_rtl
from app.widgets.layout import Chip, MirroredBoxLayout, scroll_view_around
from app.widgets.pictogram import pictogram_path
from app.widgets.text import ScriptLabel, resolve_halign, style
from kaarten.followup import Change
from kaarten.overview import layer, who_helps_with_what
from kaarten.plan import Outcome

__all__ = [
    "WhoPanel", "PlayerLayers", "ThemeOverview", "FollowUpView", "ThemeLook",
    "theme_look", "theme_order", "ThemeCells", "outcome_text", "outcome_colour",
]

#: Grey for a theme no deck describes (a deck that is gone, a card from elsewhere).
_UNKNOWN_THEME = "#E4DED4"


class ThemeLook:
    """A theme as the screens draw it: its pastel colour (the card's), a
    darker dot of the same hue (3:1 on white), its pictogram and label."""

    def __init__(self, theme_id: str, label: str, colour_hex: str, pictogram: str | None) -> None:
        self.id = theme_id
        self.label = label
        self.colour = theme.rgba(colour_hex)
        self.dot_colour = strong(self.colour)
        self.source = pictogram_path(pictogram)


def strong(colour):
    """A card's pastel as a dot that stands out on white (same hue, at
    least 3:1 against white, WCAG's figure for graphics)."""
    h, s, v = colorsys.rgb_to_hsv(*colour[:3])
    if s < 0.05:        # grey stays grey
        return theme.LINE
    v = 0.62
    rgb = colorsys.hsv_to_rgb(h, 0.75, v)
    while theme.contrast(rgb, theme.WHITE) < 3.0 and v > 0.2:
        v -= 0.04
        rgb = colorsys.hsv_to_rgb(h, 0.75, v)
    return (*rgb, 1.0)


def theme_look(deck, theme_id: str) -> ThemeLook:
    """The look of ``theme_id`` in ``deck`` (localized to the UI language)."""
    try:
        t = deck.localized(tr.lang).theme(theme_id)
    except (AttributeError, KeyError):
        return ThemeLook(theme_id, theme_id, _UNKNOWN_THEME, None)
    return ThemeLook(t.id, t.label, t.colour, t.pictogram)


def theme_order(deck) -> tuple[str, ...]:
    """The deck's themes in its order (every one a column), or none known."""
    return tuple(t.id for t in getattr(deck, "themes", ()) or ())


def outcome_text(outcome: Outcome | None) -> str:
    return {
        Outcome.DONE: tr._("gedaan"),
        Outcome.NOT_YET: tr._("nog niet"),
        Outcome.NOT_NEEDED: tr._("niet meer nodig"),
        None: tr._("nog niet besproken"),
    }[outcome]


def outcome_colour(outcome: Outcome | None):
    return {
        Outcome.DONE: theme.rgba("#3F7A32"),
        Outcome.NOT_YET: theme.WARM,
        Outcome.NOT_NEEDED: theme.LINE,
        None: theme.rgba("#D9CAB0"),
    }[outcome]


class ThemeHead(Widget):
    """A column head: the theme's pictogram on a disc in its colour."""

    colour = ColorProperty(theme.SURFACE)
    source = StringProperty("")


class ThemeCells(Widget):
    """A line's cells, one per theme, drawn on one canvas: a dot in the
    theme's colour, or a faint small dot when empty; mirrored in a
    right-to-left UI like the heads above them.

    One widget a line, not one a cell: a 116-person overview made 812 cell
    widgets, about 95 MB of memory on the software renderer (bench/README.md).
    """

    colours = ListProperty([])
    filled = ListProperty([])
    cell = NumericProperty(dp(40))
    gap = NumericProperty(dp(2))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("pos", "size", "colours", "filled", "cell", "gap"):
            self.fbind(name, self._draw)
        # no watch on the language: the overview makes new lines when it
        # changes (a strong ``tr.fbind`` kept every line ever made alive)
        self._draw()

    def _draw(self, *_):
        self.canvas.clear()
        n = len(self.filled)
        rtl = is_rtl(tr.lang)
        empty = theme.mix(theme.LINE, theme.WHITE, 0.6)
        dots = ShapeBatch()       # a Mesh per colour: see app.map.shapes
        for i, (colour, on) in enumerate(zip(self.colours, self.filled)):
            column = n - 1 - i if rtl else i
            cx = self.x + column * (self.cell + self.gap) + self.cell / 2
            dots.ellipse(colour if on else empty, cx, self.center_y, dp(10) if on else dp(3), segments=24)
        with self.canvas:
            dots.draw()


class OverviewName(ScriptLabel):
    """A person's name in the first column, lined up with the screen's reading direction."""

    @staticmethod
    def pick_halign(align: str, lang: str, text: str) -> str:
        return resolve_halign(align, tr.lang, "")


class SectorMark(Widget):
    colour = ColorProperty(theme.PRIMARY)


class OverviewLine(MirroredBoxLayout):
    """One line of the overview: the name part (or nothing), then a cell per theme."""

    person_id = ObjectProperty(None, allownone=True)


class ThemeOverview(RelativeLayout):
    """The people x themes table. Set :attr:`overview` and :attr:`deck`.

    A line per person: their name, then a cell per theme (the heads on the
    first line). When the names would not fit beside the cells (a narrow
    column, big text), each name stands on its own line above its cells.
    Cells are 44 dp, smaller (never under 28 dp) when the column is narrow.

    Only the lines in sight are made (as Kivy's RecycleView does): where
    each line goes is worked out from the text measure, and the lines that
    scroll into the summary's column (and a screen more either way) are
    made as they come, the others let go. A 116-person table made all of its
    ~1 400 widgets at once: about 95 MiB on the software renderer, and some
    5 500 instructions drawn every frame while a dot was dragged on the map
    beside it (bench/README.md).
    """

    overview = ObjectProperty(None, allownone=True)
    deck = ObjectProperty(None, allownone=True)
    #: True when some name stands above its cells (one of its words does
    #: not fit beside them); the other lines keep theirs beside the cells
    stacked = BooleanProperty(False)

    def __init__(self, **kwargs):
        self._rows: list[tuple[float, float]] = []     # (y, height) of each person's line(s)
        self._built: dict[int, Widget] = {}
        self._looks: list[ThemeLook] = []
        self._cell = dp(40)
        self._names: list[str] = []
        self._stacked_rows: list[bool] = []     # per person: the name above the cells
        self._scroller = None
        super().__init__(**kwargs)
        self._rebuild = Clock.create_trigger(self.rebuild, -1)
        self._follow = Clock.create_trigger(self._show_in_sight, -1)
        # a scroll moves the scroll view's picture (its translation), not the
        # widgets in it; it is read on the next frame, after the scroll view
        self._follow_scroll = Clock.create_trigger(self._show_in_sight, 0)
        tr.bind(lang=self._rebuild)
        self.fbind("width", self._on_width)
        self.fbind("pos", self._follow)
        self._built_for = None

    def on_overview(self, *_):
        self._rebuild()     # once the column has its width: the lines are placed for it

    def _on_width(self, *_):
        if self._built_for != round(self.width):
            self._rebuild()

    def on_parent(self, *_):
        # the content growing or shrinking moves it under the view too (a new
        # translation, scroll_y unchanged): read on the next frame as well
        watched = (("size", self._follow), ("pos", self._follow), ("scroll_y", self._follow_scroll),
                   ("viewport_size", self._follow_scroll))
        if self._scroller is not None:
            for name, callback in watched:
                self._scroller.funbind(name, callback)
        self._scroller = scroll_view_around(self)
        if self._scroller is not None:
            for name, callback in watched:
                self._scroller.fbind(name, callback)

    def rebuild(self, *_):
        self.clear_widgets()
        self._built.clear()
        self._rows = []
        self._built_for = round(self.width)
        o = self.overview
        if o is None or o.empty or self.width <= 1:
            self.height = 0
            return
        self._looks = looks = [theme_look(self.deck, t) for t in o.themes]
        n = len(looks)
        gap = dp(2)
        self._cell = cell = max(dp(28), min(dp(44), (self.width - gap * n) / max(n, 1)))
        self._names = [r.person.name for r in o.rows]
        font_size = sp(theme.FONT_SMALL) * style.scale
        font = font_for(tr.lang, "")

        def width_of(text: str) -> float:
            return measure(display_text(text, tr.lang), font_for(tr.lang, text), font_size)[0]

        room = self.width - n * (cell + gap) - dp(14) - dp(16)
        # a name stands above its cells only when one of its words does not
        # fit beside them: one long name does not stack every other line
        self._stacked_rows = [max((width_of(word) for word in name.split()), default=0) + dp(4) > room
                              for name in self._names]
        self.stacked = any(self._stacked_rows)
        line_height = measure("Ag", font, font_size)[1]
        cells = max(dp(40), cell)
        heights = []
        for name, stacked in zip(self._names, self._stacked_rows):
            label_width = (self.width - dp(14) - dp(8)) if stacked else room
            text = display_text(name, tr.lang, label_width, width_of) if has_rtl(name) else name
            lines = sum(_lines_needed(part, label_width, width_of) for part in text.split("\n"))
            label = lines * line_height + dp(4)
            heights.append(max(dp(24), label) + gap + cells if stacked else max(cells, label))
        self.height = top = cell + sum(h + gap for h in heights)
        head = OverviewLine(size_hint=(None, None), size=(self.width, cell), pos=(0, top - cell), spacing=gap)
        head.add_widget(Widget())
        for look in looks:
            head.add_widget(ThemeHead(colour=look.colour, source=look.source, size=(cell, cell)))
        self.add_widget(head)
        y = top - cell
        for h in heights:
            y -= gap + h
            self._rows.append((y, h))
        self._show_in_sight()       # where it is now, and again once the column is laid out for its new height
        self._follow_scroll()

    def _sight(self) -> tuple[float, float]:
        """The part of this table (its own coordinates) in the scroll view's
        window, a screen more either way; everything when it does not scroll,
        nothing while the scroll view has no size yet."""
        sv = self._scroller
        if sv is None:
            return float("-inf"), float("inf")
        if sv.height <= 1 or self.width <= 1:
            return 0.0, -1.0        # not laid out yet: nothing until it is (its size is watched)
        _ox, oy = self.to_window(self.x, self.y)
        _sx, sy = sv.to_window(sv.x, sv.y)
        return sy - oy - sv.height, sy - oy + 2 * sv.height

    def _show_in_sight(self, *_):
        if not self._rows:
            return
        low, high = self._sight()
        wanted = {i for i, (y, h) in enumerate(self._rows) if y + h >= low and y <= high}
        for i in [i for i in self._built if i not in wanted]:
            self.remove_widget(self._built.pop(i))
        for i in sorted(wanted - self._built.keys()):
            self._built[i] = line = self._make_line(i)
            self.add_widget(line)

    def _make_line(self, index: int) -> Widget:
        row = self.overview.rows[index]
        y, h = self._rows[index]
        looks, cell, gap = self._looks, self._cell, dp(2)
        n = len(looks)
        label = OverviewName(text=row.person.name, size_sp=theme.FONT_SMALL, pos_hint={"center_y": 0.5})
        mark = SectorMark(colour=theme.sector_look(row.person.sector).dot_colour)
        cells = max(dp(40), cell)
        line = OverviewLine(size_hint_y=None, height=cells, spacing=gap, person_id=row.person.id)
        box = BoxLayout(orientation="vertical", size_hint=(None, None), size=(self.width, h), pos=(0, y),
                        spacing=gap)
        if self._stacked_rows[index]:
            top = MirroredBoxLayout(size_hint_y=None, height=h - gap - cells, spacing=dp(8))
            top.add_widget(mark)
            top.add_widget(label)
            box.add_widget(top)
            line.add_widget(Widget())
        else:
            line.height = h
            name = MirroredBoxLayout(spacing=dp(8), padding=(0, 0, dp(8), 0))
            name.add_widget(mark)
            name.add_widget(label)
            line.add_widget(name)
        line.add_widget(ThemeCells(
            colours=[look.dot_colour for look in looks], filled=[look.id in row.themes for look in looks],
            cell=cell, gap=gap, size_hint=(None, None), size=(n * cell + (n - 1) * gap, cells)))
        box.add_widget(line)
        return box

    def dots(self) -> dict:
        """Person id -> the columns (0 = the first theme) with a dot, read off
        the lines made (for tests)."""
        out = {}
        for i in sorted(self._built):
            line = self._built[i].children[0]
            if isinstance(line, OverviewLine) and line.person_id is not None:
                cells = next((c for c in line.children if isinstance(c, ThemeCells)), None)
                out[line.person_id] = {i for i, on in enumerate(cells.filled if cells else ()) if on}
        return out

    @property
    def lines_made(self) -> int:
        """How many people's lines exist as widgets now (for tests)."""
        return len(self._built)

    @property
    def cell_count(self) -> int:
        """Dots drawn (for tests)."""
        return sum(len(v) for v in self.dots().values())


def _lines_needed(text: str, width: float, width_of) -> int:
    """How many lines ``text`` takes at ``width`` when broken at spaces (a word
    wider than the line is broken inside, as Kivy does)."""
    if width <= 1:
        return 1
    lines, current = 1, ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width_of(candidate) <= width:
            current = candidate
            continue
        if current:
            lines += 1
        current = word
        if width_of(word) > width:
            lines += math.ceil(width_of(word) / width) - 1
    return lines


class ThemeLegend(BoxLayout):
    """The pictograms once more, each with its words (for the worker)."""

    deck = ObjectProperty(None, allownone=True)
    themes = ObjectProperty((), allownone=True)
    #: False: no height (its panel has no people yet)
    shown = BooleanProperty(True)

    def on_themes(self, *_):
        self.rebuild()

    def rebuild(self, *_):
        box = self.ids.entries
        box.clear_widgets()
        for theme_id in self.themes or ():
            look = theme_look(self.deck, theme_id)
            box.add_widget(LegendItem(text=look.label, colour=look.colour, source=look.source))


class LegendItem(MirroredBoxLayout):
    text = StringProperty("")
    colour = ColorProperty(theme.SURFACE)
    source = StringProperty("")


class PlayerChip(Chip):
    player_id = ObjectProperty(None)


class PlayerLayers(BoxLayout):
    """A chip per player; :attr:`player` is the one whose layer shows (None: all)."""

    players = ObjectProperty((), allownone=True)
    player = ObjectProperty(None, allownone=True)
    #: False: no height (one player, or nobody named yet)
    shown = BooleanProperty(True)
    #: player -> the name shown (pseudonyms); the name as typed when None
    name_of = ObjectProperty(lambda p: p.name)

    def on_players(self, *_):
        box = self.ids.chips
        box.clear_widgets()
        for p in self.players or ():
            chip = PlayerChip(text=self.name_of(p), bg=theme.rgba(p.colour), player_id=p.id)
            chip.bind(on_release=lambda c: self.tap(c.player_id))
            box.add_widget(chip)
        self.on_player()

    def tap(self, player_id) -> None:
        """Tap a player: their layer; tap the same player again: everyone."""
        self.player = None if self.player == player_id else player_id

    def on_player(self, *_):
        colours = {p.id: theme.rgba(p.colour) for p in self.players or ()}
        for chip in self.ids.chips.children:
            chip.selected = chip.player_id == self.player
            # the chosen player keeps their colour; the others go quiet (still readable)
            quiet = self.player is not None and not chip.selected
            chip.bg = theme.SURFACE_WARM if quiet else colours.get(chip.player_id, theme.PRIMARY)

    def chip_of(self, player_id):
        for chip in self.ids.chips.children:
            if chip.player_id == player_id:
                return chip
        return None


class ChangeRow(MirroredBoxLayout):
    """One group of the follow-up's changes: a mark, its words, the names."""

    title = StringProperty("")
    names = StringProperty("")
    colour = ColorProperty(theme.PRIMARY)
    kind = StringProperty("")


class AskRow(MirroredBoxLayout):
    """An earlier ask and how it went."""

    words = StringProperty("")
    outcome = StringProperty("")
    colour = ColorProperty(theme.PRIMARY)
    source = StringProperty("")


class FollowUpView(BoxLayout):
    """What changed since the earlier session (``kaarten.followup.FollowUpChanges``)."""

    changes = ObjectProperty(None, allownone=True)
    deck = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    #: person -> the name shown (pseudonyms)
    name_of = ObjectProperty(lambda p: p.name)

    def on_changes(self, *_):
        self.rebuild()

    def rebuild(self, *_):
        rows = self.ids.rows
        rows.clear_widgets()
        c = self.changes
        if c is None:
            self.title = ""
            return
        self.title = tr._("Sinds het gesprek van {date}").format(
            date=tr.format_date(c.earlier_created.astimezone(), "d MMMM"))
        groups = (
            (Change.NEW, tr._("Nieuw"), theme.PRIMARY),
            (Change.CLOSER, tr._("Dichterbij gekomen"), theme.rgba("#3F7A32")),
            (Change.FURTHER, tr._("Verder weg"), theme.WARM),
            (Change.NOT_NAMED_AGAIN, tr._("Niet opnieuw genoemd"), theme.LINE),
        )
        for change, title, colour in groups:
            people = c.of(change)
            if people:
                # names joined by a dot every font has (a list's comma in
                # Tigrinya is Ethiopic, which an Arabic name's font lacks)
                rows.add_widget(ChangeRow(title=title, names=" \u00b7 ".join(self.name_of(p) for p in people),
                                          colour=colour, kind=change.value))
        if c.asks:
            rows.add_widget(OverviewName(text=tr._("Wat we zouden vragen"), bold=True, pad_y=dp(4)))
        names = {pc.person.id: self.name_of(pc.person) for pc in c.people}
        for ask in c.asks:
            look = theme_look(self.deck, ask.theme) if ask.theme else None
            rows.add_widget(AskRow(
                # with pseudonyms on, the family's typed words stay off the screen
                words=ask_words(ask, names.get(ask.person_id, "?"), look, hide_words=pseudonyms_on()),
                outcome=outcome_text(ask.outcome),
                colour=outcome_colour(ask.outcome),
                source=look.source if look else "",
            ))


def ask_words(line, person_name: str, look: ThemeLook | None = None, hide_words: bool = False) -> str:
    """'Oma: woensdag de kinderen ophalen' (or the theme's label when no words,
    or when ``hide_words``: pseudonyms keep typed words off the screen)."""
    what = ("" if hide_words else line.ask) or (look.label if look is not None else "")
    return f"{person_name}: {what}" if what else person_name


class WhoPanel(BoxLayout):
    """Layers, overview, changes and the plan button, under one roof."""

    session = ObjectProperty(None, allownone=True)
    deck = ObjectProperty(None, allownone=True)
    map_widget = ObjectProperty(None, allownone=True)
    has_people = BooleanProperty(False)
    is_follow_up = BooleanProperty(False)
    several_players = BooleanProperty(False)
    plan_text = StringProperty("")

    #: the panel's parts, top to bottom
    PARTS = ("layers", "plan", "changes", "overview_title", "overview", "legend")

    def on_kv_post(self, *_):
        self.ids.layers.fbind("player", self._layer_changed)
        tr.bind(lang=self._words)
        # strong references: a part out of the panel is kept (kv ids are weak)
        self._parts = {name: self.ids[name].__self__ for name in self.PARTS}
        for name in ("has_people", "several_players", "is_follow_up"):
            self.fbind(name, self._arrange)
        self._arrange()

    def _arrange(self, *_) -> None:
        """Only the parts with something to show stand in the panel: one
        without height still took the panel's spacing, and an empty game's
        summary had a gap of some 70 px under its buttons. The overview
        stays (it follows its scroll view while it is in one)."""
        shown = {"layers": self.several_players and self.has_people, "plan": self.has_people,
                 "changes": self.is_follow_up, "overview_title": self.has_people, "overview": True,
                 "legend": self.has_people}
        wanted = [self._parts[name] for name in self.PARTS if shown[name]]
        if list(reversed(self.children)) == wanted:
            return
        for part in self._parts.values():
            if part.parent is self and part not in wanted:
                self.remove_widget(part)
        for position, part in enumerate(wanted):      # in order, top to bottom
            if part.parent is None:
                self.add_widget(part, index=len(self.children) - position)

    def show(self, session, deck) -> None:
        """Draw ``session`` (None: empty everything). Names as the map shows
        them: with pseudonyms on, initials and "Speler n" everywhere here too."""
        from app import naming
        layers = self.ids.layers
        if session is not None:
            layers.name_of = lambda p: naming.player_name(session, p)
            self.ids.changes.name_of = lambda p: naming.person_name(session, p)
        if session is not self.session:
            self.session = session
            layers.player = None
        players = tuple(session.players) if session is not None else ()
        if layers.players == players:
            layers.on_players()     # same players, perhaps shown under other names now
        else:
            layers.players = players
        self.deck = deck
        self._fill()

    def _layer_changed(self, *_):
        self._fill()

    def _fill(self) -> None:
        session, layers = self.session, self.ids.layers
        m = self.map_widget
        if session is None:
            self.has_people = self.is_follow_up = self.several_players = False
            self.ids.overview.overview = None
            self.ids.legend.themes = ()
            self.ids.changes.changes = None
            if m is not None:
                m.highlight = None
            self._words()
            return
        # the map's summary is the one on screen (pseudonymised when asked)
        summary = m.summary if m is not None and m.summary is not None else session.summary()
        order = theme_order(self.deck)
        overview = who_helps_with_what(summary, order, player=layers.player)
        self.ids.overview.deck = self.deck
        self.ids.overview.overview = overview
        self.ids.legend.deck = self.deck
        self.ids.legend.themes = overview.themes
        self.ids.legend.rebuild()
        self.has_people = bool(summary.people)
        self.several_players = len(session.players) > 1
        if m is not None:
            m.highlight = None if layers.player is None else layer(summary, layers.player)
        self.ids.changes.deck = self.deck
        self.ids.changes.changes = session.follow_up_changes()
        self.ids.changes.rebuild()
        self.is_follow_up = session.follow_up is not None
        self._words()

    def _words(self, *_):
        n = len(self.session.plan.asks) if self.session is not None else 0
        self.plan_text = (tr.ngettext("Ons plan: {n} vraag", "Ons plan: {n} vragen", n).format(n=n)
                          if n else tr._("Wie vragen we om hulp?"))

    def open_plan(self) -> None:
        from kivy.app import App
        App.get_running_app().show_plan()


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

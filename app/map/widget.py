"""The family's network map ("jouw mensen") as a touchable widget.

Concentric circles around the family (circle 1 = very close, in the middle;
circle 3 = further away, at the edge), cut into the six sectors of life, each
slice tinted in its sector's colour. Every person is a dot that grows with
the number of times they were named, with their name beside it.

- Tap a person (dot or name): :class:`PersonPanel` opens and lists who named
  them, for which card.
- Drag a person to another slice or circle: the angle gives the sector, the
  distance from the middle the circle; ``session.move(...)`` saves it at once
  and the map is laid out again.

The map is drawn once into a picture of its own (an :class:`~kivy.graphics.Fbo`,
the way Kivy's EffectWidget draws its children): the bands, dots, pills and
every name label go into it, and a frame shows that picture plus what moves
(the dragged dot, in ``canvas.after``). Kivy draws the whole window every
frame; on the software renderer a 100-person map drawn from its ~3 000
instructions cost about 50 ms of CPU a frame, the picture about 7 ms. The
picture is drawn again only when something in it changes (a layout, a
label's text).

Where everything goes is worked out by :mod:`app.map.layout` (pure
geometry); this module only draws, measures text and handles touches. All
text is drawn by :class:`app.widgets.text.ScriptLabel`, so Arabic names are shaped.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.graphics import (
    Canvas,
    ClearBuffers,
    ClearColor,
    Color,
    Ellipse,
    Fbo,
    Line,
    PopMatrix,
    PushMatrix,
    Rectangle,
    RoundedRectangle,
    Translate,
)
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
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.modalview import ModalView

from app import theme
from app.errors import explain
from app.fonts import font_for, measure, undrawable
from app.i18n import tr
from app.map import (
    SECTOR_COUNT,
    Box,
    MapLayout,
    MapPerson,
    layout_map,
    leader_line,
    sector_angles,
)
from app.map.shapes import ShapeBatch
from app.naming import numbered_player, person_label
from app.scripts import display_text
from app.widgets.dialog import ask
from app.widgets.layout import ChildrenInPicture, MirroredBoxLayout
from app.widgets.text import ScriptLabel, style
from app.widgets.text_dialog import ask_text
from kaarten.errors import KaartenError
from kaarten.network import DISTINCTION_MAX, NAME_MAX, NOTE_MAX, Closeness, NetworkError, Sector

__all__ = ["NetworkMap", "PersonPanel", "SECTOR_ORDER", "measure_text"]

#: Sector enum -> slice index on the map (0 at the top, then clockwise).
SECTOR_ORDER: tuple[Sector, ...] = tuple(Sector)

#: How far (dp) a finger must travel before a touch on a person is a drag.
DRAG_START_DP = 10

def measure_text(text: str, font_size: float) -> tuple[float, float]:
    """(w, h) in px of ``text`` drawn by :class:`ScriptLabel` at ``font_size`` px:
    same font choice, same right-to-left shaping, the same cached measure."""
    return _measured(tr.lang, text, round(font_size, 2), measure)


@lru_cache(maxsize=4096)
def _measured(lang: str, text: str, font_size: float, measure_with) -> tuple[float, float]:
    # the layout asks for the same names again and again (every size it
    # tries): picking the font and shaping were a sixth of a 150-person
    # layout. Keyed on the measure too: a test that swaps it gets its own.
    w, h = measure_with(display_text(text, lang) or " ", font_for(lang, text), font_size)
    # a little slack so the text never wraps inside a box measured for it
    return math.ceil(w) + 2, math.ceil(h)


def _clock_angle(theta: float) -> float:
    """Math angle (radians, 0 = east, counter-clockwise) -> Kivy Ellipse angle
    (degrees, 0 = north, clockwise)."""
    return 90.0 - math.degrees(theta)


def _band_colour(sector_index: int, circle: int):
    """Sector tint per circle: the inner circle strongest, paler outwards."""
    base = theme.SECTORS[sector_index].colour
    return theme.mix(base, theme.WHITE, (0.0, 0.35, 0.6)[circle - 1])


def _dot_colour(sector_index: int):
    return theme.SECTORS[sector_index].dot_colour


class NetworkMap(ChildrenInPicture, FloatLayout):
    """The map of one session. Set :attr:`session` (a ``kaarten`` Session);
    :attr:`deck` (optional) gives the card texts for the tap panel."""

    session = ObjectProperty(None, allownone=True)
    deck = ObjectProperty(None, allownone=True)
    #: people can be dragged to another circle or sector
    editable = BooleanProperty(True)
    #: the summary drawn now (``kaarten.summary.Summary``), kept up to date
    summary = ObjectProperty(None, allownone=True)
    #: the current :class:`MapLayout` (read by tests and the screen)
    map_layout = ObjectProperty(None, allownone=True)
    #: the map square inside the widget: x, y, side (px)
    square = ListProperty([0, 0, 0])
    #: label font size in sp at the normal text setting
    label_sp = NumericProperty(theme.FONT_SMALL)
    #: names shown as initials and "Speler n", notes left out (app.naming)
    pseudonyms = BooleanProperty(False)
    #: a layer: the ids of the people shown in full; everyone else is dimmed
    #: (None: everyone in full). See app.widgets.layers.
    highlight = ObjectProperty(None, allownone=True)

    __events__ = ("on_person_tapped", "on_person_moved", "on_people_changed")

    def __init__(self, **kwargs):
        self._labels: dict[Any, ScriptLabel] = {}
        self._sector_labels: list[ScriptLabel] = []
        self._family_label: ScriptLabel | None = None
        self._drag: dict | None = None
        self._layout_key = None
        self._panel: PersonPanel | None = None
        self._trigger = Clock.create_trigger(self._relayout, -1)
        # the picture of the map: the drawing (_static), then the labels
        # (child widgets: add_widget puts their canvas in _texts)
        self._fbo = Fbo(size=(1, 1))
        self._static = Canvas()
        self._texts = self._inside = Canvas()
        with self._fbo:
            ClearColor(0, 0, 0, 0)
            ClearBuffers()
            PushMatrix()
            self._fbo_shift = Translate(0, 0)
        self._fbo.add(self._static)
        self._fbo.add(self._texts)
        self._fbo.add(PopMatrix())
        super().__init__(**kwargs)
        self.canvas.add(self._fbo)   # draws itself again only when something in it changed
        with self.canvas:
            Color(1, 1, 1, 1)
            self._picture = Rectangle(texture=self._fbo.texture, size=(1, 1))
        self.bind(size=self._trigger, pos=self._trigger, label_sp=self._trigger, highlight=self._trigger)
        style.bind(scale=self._trigger)
        tr.bind(lang=self._on_lang)

    # -- the picture: child widgets draw into it (ChildrenInPicture) ------------

    def _frame_picture(self) -> None:
        """Size and place the picture on the map square (whole pixels, so it
        is drawn 1:1, never resampled)."""
        ox, oy, side = self.square
        x, y, size = round(ox), round(oy), max(1, math.ceil(side))
        if tuple(self._fbo.size) != (size, size):
            self._fbo.size = (size, size)
            self._picture.texture = self._fbo.texture
        self._fbo_shift.xy = (-x, -y)
        self._picture.pos = (x, y)
        self._picture.size = (size, size)

    # -- data ------------------------------------------------------------------

    def on_session(self, *_):
        self.refresh()

    def refresh(self, *_):
        """Read the session again and redraw (after a change elsewhere)."""
        from app.naming import shown_summary
        self.summary = (shown_summary(self.session.summary(), self.pseudonyms)
                        if self.session is not None else None)

    def on_pseudonyms(self, *_):
        # an open panel shows the names the old way: it closes
        self.close_panel()
        self.refresh()

    def on_summary(self, *_):
        self._trigger()

    def _on_lang(self, *_):
        # sector names change; text widths may change with the font
        self._trigger()

    def _people(self) -> list[MapPerson]:
        s = self.summary
        if s is None:
            return []
        return [
            MapPerson(
                id=p.id,
                label=person_label(p),
                sector=SECTOR_ORDER.index(p.sector),
                circle=int(p.closeness),
                mentions=max(1, len(s.mentions_by_person.get(p.id, ()))),
            )
            for p in s.people
        ]

    # -- layout and drawing ------------------------------------------------------

    def _relayout(self, *_):
        side = max(min(self.width, self.height), 1)
        ox = self.x + (self.width - side) / 2
        oy = self.y + (self.height - side) / 2
        self.square = [ox, oy, side]
        # names follow the text-size setting, but never grow past what the
        # map can hold (a 26th of its side); crowding shrinks them further
        font = min(sp(self.label_sp) * style.scale, side / 26)
        names = [theme.SECTORS[i].label for i in range(SECTOR_COUNT)]
        sector_font = self._sector_font(names, side, font)
        people = self._people()
        key = (side, tuple(people), font, tuple(names), sector_font, dp(1), tr.lang)
        if key != self._layout_key:
            # laying out a crowded map takes a moment: only when something changed
            self._layout_key = key
            self.map_layout = layout_map(
                side,
                people,
                measure_text,
                dp=dp(1),
                font_size=font,
                sector_names=names,
                sector_font_size=sector_font,
            )
        self._draw()

    @staticmethod
    def _sector_font(names, side, font):
        """The sector names' font: the labels' size, smaller only when the
        longest name would not fit in a third of the map."""
        size = font
        longest = max(names, key=lambda n: measure_text(n, size)[0])
        while size > font * 0.55 and measure_text(longest, size)[0] > side * 0.36:
            size *= 0.92
        return size

    def to_map(self, x: float, y: float) -> tuple[float, float]:
        """Window/parent coordinates -> coordinates on the map square."""
        return (x - self.square[0], y - self.square[1])

    def from_map(self, x: float, y: float) -> tuple[float, float]:
        return (x + self.square[0], y + self.square[1])

    def _draw(self):
        L: MapLayout = self.map_layout
        g = L.geometry
        ox, oy, _ = self.square
        cx, cy = ox + g.cx, oy + g.cy
        self._frame_picture()
        self._static.clear()
        with self._static:
            # bands: outer circle first, each ring drawn over the one outside it
            for circle in (3, 2, 1):
                r = g.radii[circle]
                for k in range(SECTOR_COUNT):
                    start, end = sector_angles(k)
                    Color(*_band_colour(k, circle))
                    Ellipse(
                        pos=(cx - r, cy - r),
                        size=(2 * r, 2 * r),
                        angle_start=_clock_angle(start),
                        angle_end=_clock_angle(end),
                        segments=48,
                    )
            # ring and sector lines
            Color(*theme.mix(theme.LINE, theme.WHITE, 0.35))
            for r in g.radii[1:]:
                Line(circle=(cx, cy, r), width=dp(1.2))
            for k in range(SECTOR_COUNT):
                start, _ = sector_angles(k)
                x0, y0 = cx + g.radii[0] * math.cos(start), cy + g.radii[0] * math.sin(start)
                x1, y1 = cx + g.outer * math.cos(start), cy + g.outer * math.sin(start)
                Line(points=[x0, y0, x1, y1], width=dp(1.2))
            # the family in the middle
            fr = g.family_radius
            Color(*theme.PRIMARY)
            Ellipse(pos=(cx - fr, cy - fr), size=(2 * fr, 2 * fr))
            self._family_glyph(cx, cy, fr)
            # sector names: a pill in the sector colour with a swatch
            for k, lab in enumerate(L.sector_labels):
                if lab is None:
                    continue
                b = lab.box
                Color(*theme.SECTORS[k].colour)
                RoundedRectangle(pos=(ox + b.x, oy + b.y), size=(b.w, b.h), radius=[b.h / 2])
                th = b.h - 2 * lab.padding[1]
                padx = lab.padding[0] - th
                sw = th * 0.55
                Color(*_dot_colour(k))
                Ellipse(pos=(ox + b.x + padx * 0.7 + (th - sw) / 2, oy + b.y + (b.h - sw) / 2), size=(sw, sw))
            # leader lines, then the dots, then the name pills: what every
            # person has is batched by colour (a Mesh each, see app.map.shapes)
            people = ShapeBatch()
            for pid, lab in L.labels.items():
                if lab.leader:
                    x0, y0, x1, y1 = leader_line(L.dots[pid], lab.box)
                    people.segment(theme.INK_SOFT, ox + x0, oy + y0, ox + x1, oy + y1, dp(1.2))
            sector_of = {p.id: SECTOR_ORDER.index(p.sector) for p in self.summary.people} if self.summary else {}
            halos = ShapeBatch()
            dots = ShapeBatch()
            for pid, d in L.dots.items():
                k = sector_of.get(pid, 0)
                dragged = self._drag is not None and self._drag.get("id") == pid and self._drag.get("moving")
                faded = self.highlight is not None and pid not in self.highlight
                if faded:   # another player's person: a pale ring, no fill
                    dots.ring(theme.mix(_dot_colour(k), theme.WHITE, 0.55), ox + d.x, oy + d.y, d.radius * 0.8,
                              dp(1.5))
                    continue
                # a dot is at most 40 px across: 32 segments look round
                halos.ellipse(theme.WHITE, ox + d.x, oy + d.y, d.radius + dp(2))
                c = _dot_colour(k)
                dots.ellipse((c[0], c[1], c[2], 0.35 if dragged else 1.0), ox + d.x, oy + d.y, d.radius)
            edges = ShapeBatch()
            pills = ShapeBatch()
            edge = dp(1)
            for pid, lab in L.labels.items():
                if self.highlight is not None and pid not in self.highlight:
                    continue    # a dimmed person: their name alone, faded (see _place_texts)
                b = lab.box
                r = min(b.h / 2, dp(10))
                # a white pill with a 1 dp edge: the edge colour, the white inside it
                edges.rounded_rect(theme.mix(theme.LINE, theme.WHITE, 0.45), ox + b.x - edge / 2,
                                   oy + b.y - edge / 2, b.w + edge, b.h + edge, r + edge / 2)
                pills.rounded_rect(theme.WHITE, ox + b.x + edge / 2, oy + b.y + edge / 2, b.w - edge,
                                   b.h - edge, r - edge / 2)
            for batch in (people, halos, dots, edges, pills):
                batch.draw()
        self._place_texts()
        self._draw_drag()

    def _family_glyph(self, cx, cy, fr):
        """Three small heads and shoulders: 'jullie', the family."""
        Color(*theme.WHITE)
        head = fr * 0.17
        for i, dx in enumerate((-0.42, 0.0, 0.42)):
            scale = 0.82 if i != 1 else 1.0
            hx, hy = cx + dx * fr, cy + fr * (0.34 if i == 1 else 0.28)
            h = head * scale
            Ellipse(pos=(hx - h, hy - h), size=(2 * h, 2 * h))
            bw, bh = h * 2.6, h * 1.6
            Ellipse(pos=(hx - bw / 2, hy - h - bh * 0.95), size=(bw, bh), angle_start=-90, angle_end=90)

    def _person(self, pid):
        s = self.summary
        if s is None:
            return None
        for p in s.people:
            if p.id == pid:
                return p
        return None

    def _label(self, text, font_px, box, padding, lang=""):
        t = ScriptLabel(
            text=text,
            size_hint=(None, None),
            align="center",
            lang=lang,
        )
        self._fit_label(t, text, font_px, box, padding)
        self.add_widget(t)
        return t

    def _fit_label(self, t, text, font_px, box, padding):
        t.text = text
        t.size_sp = font_px / (sp(1) * style.scale)
        t.pad_x, t.pad_y = padding
        t.width = box.w
        ox, oy, _ = self.square
        t.height = box.h
        t.pos = (ox + box.x, oy + box.y)

    def _place_texts(self):
        L: MapLayout = self.map_layout
        # people
        alive = set()
        for pid, lab in L.labels.items():
            alive.add(pid)
            t = self._labels.get(pid)
            if t is None:
                t = self._labels[pid] = self._label(lab.text, lab.font_size, lab.box, lab.padding)
            else:
                self._fit_label(t, lab.text, lab.font_size, lab.box, lab.padding)
            t.opacity = 0.3 if self.highlight is not None and pid not in self.highlight else 1
        for pid in list(self._labels):
            if pid not in alive:
                self.remove_widget(self._labels.pop(pid))
        # sectors
        while len(self._sector_labels) < SECTOR_COUNT:
            # shrink rather than break a word (Ethiopic measures a little narrow)
            t = ScriptLabel(size_hint=(None, None), align="center", shrink_words=True)
            self._sector_labels.append(t)
            self.add_widget(t)
        for k, lab in enumerate(L.sector_labels):
            t = self._sector_labels[k]
            if lab is None:
                t.opacity = 0
                continue
            t.opacity = 1
            b = lab.box
            # the text sits right of the swatch. Its box is worked out first
            # and set once: a width set twice per drawing re-shapes the text
            # twice, and a sector name that shrinks to fit renders several
            # times over (a second and more per redraw on a software renderer)
            th = b.h - 2 * lab.padding[1]
            swatch = lab.padding[0] - th
            text_box = Box(b.x + lab.padding[0] - swatch * 0.3, b.y, b.w - lab.padding[0] - swatch, b.h)
            self._fit_label(t, lab.text, lab.font_size, text_box, (0, lab.padding[1]))
        # the family in the middle: "jullie" under the little heads
        g = L.geometry
        if self._family_label is None:
            self._family_label = ScriptLabel(size_hint=(None, None), align="center", color=theme.WHITE)
            self.add_widget(self._family_label)
        ft = self._family_label
        fr = g.family_radius
        ft.text = tr._("jullie")
        size = min(L.font_size, fr * 0.5)
        ft.size_sp = size / (sp(1) * style.scale)
        ft.pad_x = ft.pad_y = 0
        ft.width = fr * 1.8
        ft.height = size * 1.3
        ox, oy, _ = self.square
        ft.pos = (ox + g.cx - ft.width / 2, oy + g.cy - fr * 0.62)
        ft.color = theme.WHITE

    # -- touch: tap opens the panel, drag moves ------------------------------

    def on_touch_down(self, touch):
        if self.map_layout is None or not self.collide_point(*touch.pos):
            return super().on_touch_down(touch)
        mx, my = self.to_map(*touch.pos)
        pid = self.map_layout.person_at(mx, my)
        if pid is None:
            return super().on_touch_down(touch)
        touch.grab(self)
        self._drag = {"id": pid, "start": touch.pos, "moving": False, "touch": touch.uid}
        return True

    def on_touch_move(self, touch):
        """Follow the finger. Only the dragged dot and the slice it would
        land in are drawn again (``canvas.after``); the map is drawn once
        when the drag starts (to fade the dot) and laid out once on release,
        so a drag over a 100-person map costs about a millisecond a move."""
        if touch.grab_current is not self or self._drag is None:
            return super().on_touch_move(touch)
        if not self.editable:
            return True
        sx, sy = self._drag["start"]
        if not self._drag["moving"] and math.hypot(touch.x - sx, touch.y - sy) >= dp(DRAG_START_DP):
            self._drag["moving"] = True
            self._draw()
        if self._drag["moving"]:
            self._drag["pos"] = touch.pos
            self._draw_drag()
        return True

    def on_touch_up(self, touch):
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        drag, self._drag = self._drag, None
        if drag is None:
            return True
        pid = drag["id"]
        if drag["moving"]:
            self._draw()
            sector, closeness = self.place_at(*touch.pos)
            person = self._person(pid)
            if person is not None and (person.sector != sector or person.closeness != closeness):
                self.move_person(pid, sector, closeness)
        else:
            self.dispatch("on_person_tapped", pid)
        return True

    def place_at(self, x: float, y: float) -> tuple[Sector, Closeness]:
        """The sector and circle under a window point."""
        g = self.map_layout.geometry
        mx, my = self.to_map(x, y)
        return SECTOR_ORDER[g.sector_at(mx, my)], Closeness(g.circle_at(mx, my))

    def move_person(self, pid, sector: Sector, closeness: Closeness):
        """Move and save (session.move writes it to disk), then redraw."""
        if self.session is not None:
            self.session.move(pid, sector=sector, closeness=closeness)
            self.refresh()
        self.dispatch("on_person_moved", pid, sector, closeness)

    def _draw_drag(self):
        self.canvas.after.clear()
        drag = self._drag
        if not drag or not drag.get("moving") or "pos" not in drag:
            return
        L = self.map_layout
        g = L.geometry
        ox, oy, _ = self.square
        cx, cy = ox + g.cx, oy + g.cy
        x, y = drag["pos"]
        mx, my = self.to_map(x, y)
        k, circle = g.sector_at(mx, my), g.circle_at(mx, my)
        inner, outer = g.ring(circle)
        start, end = sector_angles(k)
        dot = L.dots.get(drag["id"])
        r = dot.radius if dot else dp(10)
        with self.canvas.after:
            # the slice and circle it would land in
            # opaque: Kivy draws a wide line of a see-through colour through a
            # stencil that clears the whole window's stencil buffer each frame
            Color(*theme.PRIMARY)
            pts_out = [(cx + outer * math.cos(t), cy + outer * math.sin(t))
                       for t in (start - i * (start - end) / 24 for i in range(25))]
            pts_in = [(cx + inner * math.cos(t), cy + inner * math.sin(t))
                      for t in (end + i * (start - end) / 24 for i in range(25))]
            flat = [c for p in pts_out + pts_in + pts_out[:1] for c in p]
            Line(points=flat, width=dp(3), joint="miter")
            # the dot under the finger
            Color(*theme.WHITE)
            Ellipse(pos=(x - r - dp(3), y - r - dp(3)), size=(2 * r + dp(6), 2 * r + dp(6)))
            Color(*theme.PRIMARY)
            Ellipse(pos=(x - r, y - r), size=(2 * r, 2 * r))

    # -- events ----------------------------------------------------------------

    def on_person_tapped(self, pid):
        self.open_panel(pid)

    def on_person_moved(self, pid, sector, closeness):
        pass

    def people_changed(self) -> None:
        """A person was renamed, moved, merged or removed in the panel."""
        self.refresh()
        self.dispatch("on_people_changed")

    def on_people_changed(self):
        pass

    def open_panel(self, pid):
        person = self._person(pid)
        if person is None:
            return None
        if self._panel is not None:
            self._panel.dismiss()
        self._panel = PersonPanel(person=person, map_widget=self)
        self._panel.bind(on_dismiss=lambda *_: setattr(self, "_panel", None))
        self._panel.open()
        return self._panel

    @property
    def panel(self):
        return self._panel

    def close_panel(self) -> None:
        """Close the person panel, if open (its names leave the screen)."""
        if self._panel is not None:
            panel, self._panel = self._panel, None
            panel.dismiss(animation=False)
            panel.rows = []

    def card_text(self, card_id: str) -> str:
        """The question of a card, in the session's card language when the
        deck has it; the card id when the deck is unknown."""
        deck = self.deck
        if deck is None:
            return card_id
        language = getattr(self.session, "language", None)
        try:
            if language and hasattr(deck, "localized"):
                deck = deck.localized(language)
            return deck.card(card_id).text
        except (KeyError, AttributeError):
            return card_id

    def player(self, player_id):
        s = self.summary
        for p in (s.players if s is not None else ()):
            if p.id == player_id:
                return p
        return None


class PersonPanel(ModalView):
    """One person: who named them for which card, and what can be changed:
    the name, what tells them from a namesake, a note, where they belong,
    merging with someone who turns out to be the same, and taking them off
    the map (after a question that says what goes). Every change is a call
    on the session (saved at once); the map and the screen draw it again."""

    person = ObjectProperty(None)
    map_widget = ObjectProperty(None)
    rows = ListProperty([])
    title = StringProperty("")
    place = StringProperty("")
    note = StringProperty("")
    dot_colour = ColorProperty(theme.PRIMARY)
    #: people this one could be merged with (namesakes first)
    others = ListProperty([])
    editable = BooleanProperty(True)

    def __init__(self, **kwargs):
        self._dialog = None
        super().__init__(**kwargs)
        # names hidden (pseudonyms): the panel shows, it does not change names
        self.editable = (bool(self.map_widget.editable) and self.map_widget.session is not None
                         and not self.map_widget.pseudonyms)
        self.show()
        # the language is watched only while the panel is open: a dismissed
        # panel (its session left) is never drawn again, nor kept alive
        tr.bind(lang=self._relang)
        self.fbind("on_dismiss", lambda *_: tr.unbind(lang=self._relang))

    def _relang(self, *_):
        if self.person is not None and self.map_widget.summary is not None:
            self.show()

    def show(self) -> None:
        """Draw the person as the session has them now."""
        p = self.person
        self.title = person_label(p)
        self.place = self.place_text()
        self.note = p.note
        self.dot_colour = theme.sector_look(p.sector).dot_colour
        self.rows = self._rows()
        self._fill_moves()
        self._fill_merge()

    def _rows(self):
        """[(player name, colour hex, card text)] for every mention."""
        m = self.map_widget
        s = m.summary
        out = []
        for mention in s.mentions_by_person.get(self.person.id, ()):
            player = m.player(mention.player_id)
            out.append((
                numbered_player(player, s.players) if player else "?",
                player.colour if player else theme.PRIMARY_HEX,
                m.card_text(mention.card_id),
            ))
        return out

    def place_text(self) -> str:
        p = self.person
        here = f"{theme.sector_label(p.sector)} \u00b7 {theme.closeness_label(p.closeness)}"
        # a follow-up game: where this person stood the last time, when that was elsewhere
        follow_up = getattr(getattr(self.map_widget, "session", None), "follow_up", None)
        origin = follow_up.origins.get(p.id) if follow_up is not None else None
        if origin is None or (origin.sector, origin.closeness) == (p.sector, p.closeness):
            return here
        before = f"{theme.sector_label(origin.sector)} \u00b7 {theme.closeness_label(origin.closeness)}"
        return here + "\n" + tr._("Vorige keer: {place}").format(place=before)

    def on_rows(self, *_):
        box = self.ids.get("mentions")
        if box is None:
            Clock.schedule_once(self.on_rows, 0)
            return
        box.clear_widgets()
        for name, colour, card in self.rows:
            box.add_widget(MentionRow(player=name, colour=theme.rgba(colour), card=card))
        if not self.rows:
            box.add_widget(ScriptLabel(text=tr._("Nog door niemand genoemd.")))

    def _fill_moves(self) -> None:
        from app.widgets.layout import Chip
        sectors, circles = self.ids.sectors, self.ids.circles
        sectors.clear_widgets()
        circles.clear_widgets()
        if not self.editable:
            return
        for look in theme.SECTORS:
            chip = Chip(text=look.label, bg=look.colour, selected=look.sector == self.person.sector)
            chip.sector = look.sector
            chip.bind(on_release=lambda c: self.move(sector=c.sector))
            sectors.add_widget(chip)
        for closeness in Closeness:
            chip = Chip(text=theme.closeness_label(closeness), kind="surface",
                        selected=closeness == self.person.closeness)
            chip.closeness = closeness
            chip.bind(on_release=lambda c: self.move(closeness=c.closeness))
            circles.add_widget(chip)

    def _fill_merge(self) -> None:
        from app.widgets.layout import Chip
        box = self.ids.merge
        box.clear_widgets()
        session = self.map_widget.session
        if session is None or not self.editable:
            self.others = []
            return
        same = {p.id for p in session.network.matches(self.real().name)}
        others = sorted((p for p in session.network.people if p.id != self.person.id),
                        key=lambda p: (p.id not in same, p.id))
        self.others = [p.id for p in others]
        for other in others[:12]:
            chip = Chip(text=person_label(other), bg=theme.sector_look(other.sector).colour,
                        size_sp=theme.FONT_SMALL)
            chip.person_id = other.id
            chip.bind(on_release=lambda c: self.ask_merge(c.person_id))
            box.add_widget(chip)

    # -- changes ------------------------------------------------------------------

    def real(self):
        """The person as the session keeps them (the panel shows them as the
        map does: "oma (van papa)", or a pseudonym)."""
        return self.map_widget.session.network.person(self.person.id)

    def _change(self, action, *args) -> str | None:
        """Run a session action; what to fix comes back as a message."""
        try:
            person = action(*args)
        except NetworkError as e:
            return explain(e)
        except KaartenError as e:
            from kivy.app import App
            App.get_running_app().show_error(e)
            return None
        pid = person.id if person is not None else self.person.id
        self.map_widget.people_changed()
        shown = self.map_widget._person(pid)      # as the map shows them now
        if shown is not None:
            self.person = shown
            self.show()
        return None

    def ask_rename(self):
        p = self.real()
        self._dialog = ask_text(tr._("Naam veranderen"), "", p.name, tr._("Naam of rol, zoals oma"),
                                tr._("Opslaan"), tr._("Niet veranderen"),
                                on_save=lambda text: self._checked_name(text) or self._change(
                                    self.map_widget.session.rename, p.id, text),
                                max_chars=NAME_MAX)
        return self._dialog

    @staticmethod
    def _checked_name(text: str) -> str | None:
        if undrawable(text):
            return tr._("Dit plaatje kan de tablet niet laten zien. Typ de naam in letters, "
                        "of kies een ander plaatje.")
        return None

    def ask_distinction(self):
        p = self.real()
        self._dialog = ask_text(tr._("Wie is het precies?"),
                                tr._("Een paar woorden, zodat jullie ze uit elkaar houden."),
                                p.distinction, tr._("zoals: van papa"), tr._("Opslaan"),
                                tr._("Niet veranderen"),
                                on_save=lambda text: self._change(
                                    self.map_widget.session.set_distinction, p.id, text),
                                max_chars=DISTINCTION_MAX)
        return self._dialog

    def ask_note(self):
        p = self.real()
        self._dialog = ask_text(tr._("Iets erbij schrijven"), "", p.note, tr._("zoals: helpt met huiswerk"),
                                tr._("Opslaan"), tr._("Niet veranderen"),
                                on_save=lambda text: self._change(
                                    self.map_widget.session.set_note, p.id, text),
                                max_chars=NOTE_MAX)
        return self._dialog

    def move(self, sector=None, closeness=None) -> None:
        self._change(self.map_widget.session.move, self.person.id, sector, closeness)

    def ask_merge(self, other_id):
        session = self.map_widget.session
        other = session.network.person(other_id)
        keep, gone = person_label(self.person), person_label(other)
        self._dialog = ask(tr._("{a} en {b} zijn één persoon?").format(a=keep, b=gone),
                           tr._("Alles wat over {b} is verteld, komt bij {a}. {b} gaat van het overzicht.")
                           .format(a=keep, b=gone),
                           yes=tr._("Samenvoegen"), no=tr._("Niet samenvoegen"),
                           on_yes=lambda: self._change(session.merge, self.person.id, other_id))
        return self._dialog

    def ask_remove(self):
        session = self.map_widget.session
        p = self.person
        mentions = session.network.mentions_of(p.id)
        cards = len({m.card_id for m in mentions})
        what = tr.ngettext("{name} gaat van het overzicht, {n} keer genoemd",
                           "{name} gaat van het overzicht, {n} keer genoemd", len(mentions)).format(
            name=person_label(p), n=len(mentions))
        what += " " + tr.ngettext("(bij {n} kaart).", "(bij {n} kaarten).", cards).format(n=cards)
        if p.note:
            what += " " + tr._("De notitie gaat ook weg.")
        self._dialog = ask(tr._("{name} van het overzicht halen?").format(name=person_label(p)), what,
                           yes=tr._("Van het overzicht halen"), no=tr._("Laten staan"),
                           on_yes=self.remove, yes_kind="danger")
        return self._dialog

    def remove(self) -> None:
        session = self.map_widget.session
        pid = self.person.id
        try:
            session.remove_person(pid)
        except KaartenError as e:
            from kivy.app import App
            App.get_running_app().show_error(e)
            return
        self.dismiss()
        self.map_widget.people_changed()

    def on_dismiss(self):
        tr.unbind(lang=self._relang)      # a closed panel follows nothing
        if self._dialog is not None:
            self._dialog.dismiss(animation=False)
            self._dialog = None


class MentionRow(MirroredBoxLayout):
    player = ObjectProperty("")
    colour = ListProperty(theme.PRIMARY)
    card = ObjectProperty("")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

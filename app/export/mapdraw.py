"""The network map on paper: laid out by the same pure code as the screen's
map (:func:`app.map.layout.layout_map`), measured with the export's own
fonts, and drawn as vectors on a :class:`Surface` -- a PDF page
(:class:`app.export.pdf.PdfSurface`) or an image (:class:`app.export.png.ImageSurface`).

What is drawn, and in what order, follows the screen's widget
(:mod:`app.map.widget`): tinted bands per sector and circle, ring and sector
lines, the family in the middle, the sector names in their colour, leader
lines, dots that grow with every mention, names in white pills. Map
coordinates: a square of ``size`` units, origin bottom-left, y up.
"""

from __future__ import annotations

import math
from typing import Protocol, Sequence

from app import theme
from app.export.content import HandOut
from app.map import SECTOR_COUNT, Box, MapLayout, layout_map, leader_line, sector_angles

__all__ = ["Surface", "draw_map", "Colour"]

Colour = tuple[float, float, float, float]


class Surface(Protocol):
    """Where the map is drawn; every coordinate in map units (y up)."""

    def polygon(self, points: Sequence[tuple[float, float]], fill: Colour) -> None: ...

    def circle(self, cx: float, cy: float, r: float, fill: Colour | None = None,
               stroke: Colour | None = None, width: float = 0.0) -> None: ...

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: Colour, width: float) -> None: ...

    def rounded_box(self, box: Box, radius: float, fill: Colour | None = None,
                    stroke: Colour | None = None, width: float = 0.0) -> None: ...

    def text(self, box: Box, text: str, size: float, colour: Colour, bold: bool = False) -> None:
        """``text`` centred in ``box``."""

    def measure(self, text: str, size: float) -> tuple[float, float]:
        """(w, h) of ``text`` at ``size``, as :func:`layout_map` wants it."""


def _band_colour(sector: int, circle: int) -> Colour:
    return theme.mix(theme.SECTORS[sector].colour, theme.WHITE, (0.0, 0.35, 0.6)[circle - 1])


def _arc(cx: float, cy: float, r: float, start: float, end: float, steps: int) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(start + (end - start) * i / steps), cy + r * math.sin(start + (end - start) * i / steps))
            for i in range(steps + 1)]


def draw_map(surface: Surface, content: HandOut, size: float, *, dp: float, font_size: float) -> MapLayout:
    """Lay out and draw the map of ``content`` on ``surface``; the layout used.

    ``dp`` is the size of the screen's density-independent pixel in map
    units (dots and lines keep the screen's proportions); ``font_size`` the
    names' size before crowding shrinks them."""
    _ = content.words._
    names = [theme.sector_label(theme.SECTORS[i].sector, _) for i in range(SECTOR_COUNT)]
    sector_font = font_size
    longest = max(names, key=lambda n: surface.measure(n, sector_font)[0])
    while sector_font > font_size * 0.55 and surface.measure(longest, sector_font)[0] > size * 0.36:
        sector_font *= 0.92
    layout = layout_map(size, content.map_people(), surface.measure, dp=dp, font_size=font_size,
                        sector_names=names, sector_font_size=sector_font)
    g = layout.geometry
    cx, cy = g.cx, g.cy
    # bands: the outer circle first, each ring over the one outside it
    for circle in (3, 2, 1):
        r = g.radii[circle]
        for k in range(SECTOR_COUNT):
            start, end = sector_angles(k)
            surface.polygon([(cx, cy)] + _arc(cx, cy, r, start, end, 40), _band_colour(k, circle))
    line = theme.mix(theme.LINE, theme.WHITE, 0.35)
    for r in g.radii[1:]:
        surface.circle(cx, cy, r, stroke=line, width=1.2 * dp)
    for k in range(SECTOR_COUNT):
        start, _end = sector_angles(k)
        surface.line(cx + g.radii[0] * math.cos(start), cy + g.radii[0] * math.sin(start),
                     cx + g.outer * math.cos(start), cy + g.outer * math.sin(start), line, 1.2 * dp)
    _family(surface, content, layout)
    for k, lab in enumerate(layout.sector_labels):
        if lab is None:
            continue
        b = lab.box
        surface.rounded_box(b, b.h / 2, fill=theme.SECTORS[k].colour)
        th = b.h - 2 * lab.padding[1]
        padx = lab.padding[0] - th
        sw = th * 0.55
        surface.circle(b.x + padx * 0.7 + th / 2, b.y + b.h / 2, sw / 2, fill=theme.SECTORS[k].dot_colour)
        swatch = lab.padding[0] - th
        text_box = Box(b.x + lab.padding[0] - swatch * 0.3, b.y, b.w - lab.padding[0] - swatch, b.h)
        surface.text(text_box, lab.text, lab.font_size, theme.INK)
    for pid, lab in layout.labels.items():
        if lab.leader:
            x0, y0, x1, y1 = leader_line(layout.dots[pid], lab.box)
            surface.line(x0, y0, x1, y1, theme.INK_SOFT, 1.2 * dp)
    sector_of = {p.id: theme.SECTORS.index(theme.sector_look(p.sector)) for p in content.summary.people}
    for pid, d in layout.dots.items():
        surface.circle(d.x, d.y, d.radius + 2 * dp, fill=theme.WHITE)
        surface.circle(d.x, d.y, d.radius, fill=theme.SECTORS[sector_of.get(pid, 0)].dot_colour)
    pill_line = theme.mix(theme.LINE, theme.WHITE, 0.45)
    for lab in layout.labels.values():
        surface.rounded_box(lab.box, min(lab.box.h / 2, 10 * dp), fill=theme.WHITE, stroke=pill_line, width=1 * dp)
        surface.text(lab.box, lab.text, lab.font_size, theme.INK)
    return layout


def _family(surface: Surface, content: HandOut, layout: MapLayout) -> None:
    """The family in the middle: three heads and shoulders, and "jullie"."""
    g = layout.geometry
    cx, cy, fr = g.cx, g.cy, g.family_radius
    surface.circle(cx, cy, fr, fill=theme.PRIMARY)
    head = fr * 0.17
    for i, dx in enumerate((-0.42, 0.0, 0.42)):
        h = head * (1.0 if i == 1 else 0.82)
        hx, hy = cx + dx * fr, cy + fr * (0.34 if i == 1 else 0.28)
        surface.circle(hx, hy, h, fill=theme.WHITE)
        bw, bh = h * 2.6, h * 1.6
        ecx, ecy = hx, hy - h - bh * 0.95 + bh / 2
        shoulders = [(ecx + bw / 2 * math.cos(t), ecy + bh / 2 * math.sin(t))
                     for t in (i * math.pi / 24 for i in range(25))]
        surface.polygon(shoulders, theme.WHITE)
    size = min(layout.font_size, fr * 0.5)
    box = Box(cx - fr * 0.9, cy - fr * 0.62, fr * 1.8, size * 1.3)
    surface.text(box, content.words._("jullie"), size, theme.WHITE)

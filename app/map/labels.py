"""Where the names go: a box per label that covers no other label, dot or
sector name and stays inside the map. Pure, no Kivy.

Placement is greedy, one person at a time, each trying boxes around its dot
from the most natural (right beside it, on the outward side) to further away
with a leader line. What is already placed is kept in a :class:`Obstacles`
index so that one try costs about the same on a map of 150 people as on a map
of 10.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from app.map.fit import Measure, fit_text
from app.map.geometry import (
    SECTOR_COUNT,
    Box,
    Geometry,
    PlacedDot,
    leader_line,
    sector_mid_angle,
    segment_distance,
    segment_hits_box,
    segments_cross,
)

if TYPE_CHECKING:
    from app.map.layout import MapPerson

@dataclass(frozen=True)
class PlacedLabel:
    id: str
    box: Box
    text: str  # what is drawn (maybe cut with an ellipsis)
    full_text: str
    font_size: float
    padding: tuple[float, float]  # (x, y) inside the box around the text
    leader: bool  # the box is not next to its dot: draw a line to it

    @property
    def truncated(self) -> bool:
        return self.text != self.full_text



class Obstacles:
    """Everything a label must stay clear of."""

    def __init__(self, size: float, family: tuple[float, float, float]):
        self.size = size
        self.boxes: list[Box] = []
        self.circles: list[tuple[float, float, float]] = [family]
        self.segments: list[tuple[float, float, float, float]] = []

    def free(self, box: Box, gap: float) -> bool:
        if not box.inside(0, 0, self.size, self.size):
            return False
        for other in self.boxes:
            if box.intersects(other, gap):
                return False
        for cx, cy, r in self.circles:
            if box.intersects_circle(cx, cy, r + gap):
                return False
        for seg in self.segments:
            if segment_hits_box(*seg, box, gap):
                return False
        return True

    def clear_line(
        self, seg: tuple[float, float, float, float], own: tuple[float, float], gap: float, level: int
    ) -> bool:
        """A leader line never crosses a label. At ``level`` 0 it crosses
        nothing else either; at 1 it may cross another leader line; at 2
        (a dot walled in by its neighbours) it may pass over other dots."""
        for other in self.boxes:
            if segment_hits_box(*seg, other, gap):
                return False
        if level < 2:
            for cx, cy, r in self.circles:
                if (cx, cy) == own:
                    continue
                if segment_distance(*seg, cx, cy) < r + gap:
                    return False
        if level < 1:
            for other in self.segments:
                if segments_cross(seg, other):
                    return False
        return True


def _clamp_box(box: Box, size: float) -> Box:
    x = min(max(box.x, 0.0), size - box.w)
    y = min(max(box.y, 0.0), size - box.h)
    return Box(x, y, box.w, box.h)


def _label_candidates(dot: PlacedDot, w: float, h: float, cx: float, gap: float, reach: float):
    """Boxes for a label around its dot, nearest and most natural first.
    Yields (box, next_to_dot)."""
    x, y, r = dot.x, dot.y, dot.radius
    d = r + gap
    out = 1 if x >= cx else -1
    right = Box(x + d, y - h / 2, w, h)
    left = Box(x - d - w, y - h / 2, w, h)
    above = Box(x - w / 2, y + d, w, h)
    below = Box(x - w / 2, y - d - h, w, h)
    k = d * 0.7
    up_r = Box(x + k, y + k, w, h)
    down_r = Box(x + k, y - k - h, w, h)
    up_l = Box(x - k - w, y + k, w, h)
    down_l = Box(x - k - w, y - k - h, w, h)
    # a label slid along its side (still touching the dot's row)
    slide_r = [Box(x + d, y - h / 2 + s * h * 0.55, w, h) for s in (1, -1)]
    slide_l = [Box(x - d - w, y - h / 2 + s * h * 0.55, w, h) for s in (1, -1)]
    if out > 0:
        near = [right, up_r, down_r, *slide_r, above, below, left, up_l, down_l, *slide_l]
    else:
        near = [left, up_l, down_l, *slide_l, above, below, right, up_r, down_r, *slide_r]
    for box in near:
        yield box, True
    # further away, ring by ring in 16 directions; the widget draws a line.
    # At each point the box touches the point with its nearest side, or is
    # slid along that side.
    step = max(h * 0.6, gap * 4)
    dirs = [(math.cos(a), math.sin(a)) for a in (i * math.pi / 8 for i in range(16))]
    dirs.sort(key=lambda v: (-(v[0] * out), abs(v[1])))
    dist = d + step
    while dist <= reach:
        for ux, uy in dirs:
            px, py = x + ux * dist, y + uy * dist
            if abs(ux) >= abs(uy):
                bx = px if ux > 0 else px - w
                for shift in (0.0, 0.5, -0.5):
                    yield Box(bx, py - h / 2 + shift * h, w, h), False
            else:
                by = py if uy > 0 else py - h
                for shift in (0.0, 0.35, -0.35):
                    yield Box(px - w / 2 + shift * w, by, w, h), False
        dist += step


def place_labels(
    order: Sequence[MapPerson],
    dots: dict[str, PlacedDot],
    texts: dict[str, tuple[str, float, float]],
    base: Obstacles,
    geometry: Geometry,
    gap: float,
    reach: float,
    pad: tuple[float, float],
    font_size: float,
    level: int = 0,
) -> tuple[dict[str, PlacedLabel], list[str]]:
    obstacles = Obstacles(geometry.size, (geometry.cx, geometry.cy, geometry.family_radius))
    obstacles.boxes = list(base.boxes)
    obstacles.circles = list(base.circles) + [(d.x, d.y, d.radius) for d in dots.values()]
    placed: dict[str, PlacedLabel] = {}
    failed: list[str] = []
    for person in order:
        text, w, h = texts[person.id]
        dot = dots[person.id]
        chosen = None
        for box, near in _label_candidates(dot, w, h, geometry.cx, gap, reach):
            if not box.inside(0, 0, geometry.size, geometry.size):
                box = _clamp_box(box, geometry.size)
                near = near and box.distance_to_point(dot.x, dot.y) <= dot.radius + 2 * gap
            if not obstacles.free(box, gap):
                continue
            if not near:
                seg = leader_line(dot, box)
                if not obstacles.clear_line(seg, (dot.x, dot.y), gap, level):
                    continue
            chosen = (box, near)
            break
        if chosen is None:
            failed.append(person.id)
            continue
        box, near = chosen
        obstacles.boxes.append(box)
        if not near:
            obstacles.segments.append(leader_line(dot, box))
        placed[person.id] = PlacedLabel(
            id=person.id,
            box=box,
            text=text,
            full_text=person.label,
            font_size=font_size,
            padding=pad,
            leader=not near,
        )
    return placed, failed


def place_sector_labels(
    names: Sequence[str], geometry: Geometry, measure: Measure, font_size: float, dp: float
) -> tuple[PlacedLabel | None, ...]:
    """Sector names just outside the rim, in the middle of their slice (or
    slid along the rim within it): at ``font_size`` when they fit there side
    by side, else smaller, and cut short only when even that is not enough."""
    placed: tuple[PlacedLabel | None, ...] = ()
    tries = [(f, 0.42) for f in (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5)]
    tries += [(0.5, w) for w in (0.36, 0.3, 0.25, 0.2, 0.15)]
    for factor, width in tries:
        placed, ok = _sector_boxes_at(names, geometry, measure, font_size * factor, dp, width)
        if ok:
            break
    return placed


def _sector_boxes_at(
    names: Sequence[str], geometry: Geometry, measure: Measure, font_size: float, dp: float, width: float
) -> tuple[tuple[PlacedLabel | None, ...], bool]:
    out: list[PlacedLabel | None] = []
    size = geometry.size
    ok = True
    boxes: list[Box] = []
    for sector in range(SECTOR_COUNT):
        name = names[sector] if sector < len(names) else ""
        if not name:
            out.append(None)
            continue
        padx, pady = 6 * dp, 3 * dp
        _, th = measure("Hg", font_size)
        text = fit_text(name, font_size, size * width - 2 * padx - th, measure)
        tw, th = measure(text, font_size)
        # room on the left of the text for a colour swatch
        w, h = tw + 2 * padx + th, th + 2 * pady
        chosen = None
        for turn in (0, 8, -8, 16, -16, 24, -24):
            box, clear = _rim_box(geometry, sector_mid_angle(sector) + math.radians(turn), w, h, dp)
            if clear and all(not box.intersects(b, 2 * dp) for b in boxes):
                chosen = box
                break
        if chosen is None:
            # no room on a tiny map: this sector goes without its name
            ok = False
            out.append(None)
            continue
        boxes.append(chosen)
        out.append(
            PlacedLabel(
                id=f"sector-{sector}",
                box=chosen,
                text=text,
                full_text=name,
                font_size=font_size,
                padding=(padx + th, pady),
                leader=False,
            )
        )
    return tuple(out), ok


def _rim_box(geometry: Geometry, theta: float, w: float, h: float, dp: float) -> tuple[Box, bool]:
    """A w x h box just outside the rim in direction theta, inside the map,
    and whether it stays clear of the circles."""
    ux, uy = math.cos(theta), math.sin(theta)
    outer = geometry.outer
    rho = outer + 2 * dp
    box = Box(0, 0, w, h)
    for _ in range(400):
        bx = geometry.cx + ux * rho - w / 2
        by = geometry.cy + uy * rho - h / 2
        box = _clamp_box(Box(bx, by, w, h), geometry.size)
        if not box.intersects_circle(geometry.cx, geometry.cy, outer + 2 * dp):
            return box, True
        rho += 2 * dp
    return box, False

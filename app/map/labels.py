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
    """Everything a label must stay clear of, filed in a grid of square
    buckets so that a check looks only at what lies near the box.

    Without the grid every candidate box was tested against every label,
    dot and line placed so far: a 150-person map made tens of millions of
    such tests. With it a test costs about the same on a crowded map as on
    an empty one. Shapes are plain tuples here (a million ``Box`` objects
    cost more than the tests themselves); boxes are (x, y, w, h).

    Beside the buckets, a fine raster marks the cells that lie wholly inside
    a label, a sector name or a dot (one int per row, a bit per cell). A box
    over a marked cell is taken for certain, which a few integer operations
    answer: on a crowded map nine boxes in ten are turned down that way,
    without looking at a single shape."""

    def __init__(self, size: float, bucket: float, cell: float):
        self.size = size
        self.bucket = bucket
        self.columns = int(size // bucket) + 1
        self.cell = cell
        self.cells = int(size // cell) + 1
        self.taken = [0] * self.cells
        self.boxes: list[list[tuple[float, float, float, float]]] = [[] for _ in range(self.columns ** 2)]
        self.circles: list[list[tuple[float, float, float]]] = [[] for _ in range(self.columns ** 2)]
        self.segments: list[list[tuple[float, float, float, float]]] = [[] for _ in range(self.columns ** 2)]

    def copy(self) -> "Obstacles":
        other = Obstacles.__new__(Obstacles)
        other.size, other.bucket, other.columns = self.size, self.bucket, self.columns
        other.cell, other.cells = self.cell, self.cells
        other.taken = list(self.taken)
        other.boxes = [list(b) for b in self.boxes]
        other.circles = [list(c) for c in self.circles]
        other.segments = [list(s) for s in self.segments]
        return other

    def _buckets(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """Indexes of the buckets the rectangle (x0, y0)-(x1, y1) touches."""
        last = self.columns - 1
        k = 1.0 / self.bucket
        i0, i1 = min(max(int(x0 * k), 0), last), min(max(int(x1 * k), 0), last)
        j0, j1 = min(max(int(y0 * k), 0), last), min(max(int(y1 * k), 0), last)
        n = self.columns
        return [j * n + i for j in range(j0, j1 + 1) for i in range(i0, i1 + 1)]

    def _mark(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Mark the raster cells wholly inside the rectangle (x0, y0)-(x1, y1)."""
        c = self.cell
        i0, i1 = max(math.ceil(x0 / c), 0), min(math.floor(x1 / c), self.cells)
        j0, j1 = max(math.ceil(y0 / c), 0), min(math.floor(y1 / c), self.cells)
        if i1 > i0:
            bits = ((1 << (i1 - i0)) - 1) << i0
            for j in range(j0, j1):
                self.taken[j] |= bits

    def add_box(self, box: tuple[float, float, float, float]) -> None:
        x, y, w, h = box
        for b in self._buckets(x, y, x + w, y + h):
            self.boxes[b].append(box)
        self._mark(x, y, x + w, y + h)

    def add_circle(self, circle: tuple[float, float, float]) -> None:
        cx, cy, r = circle
        for b in self._buckets(cx - r, cy - r, cx + r, cy + r):
            self.circles[b].append(circle)
        half = r / math.sqrt(2)  # the square inside the circle
        self._mark(cx - half, cy - half, cx + half, cy + half)

    def add_segment(self, seg: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = seg
        for b in self._buckets(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)):
            self.segments[b].append(seg)

    def free(self, x: float, y: float, w: float, h: float, gap: float) -> bool:
        """The box (x, y, w, h) lies inside the map, ``gap`` clear of every
        box, circle and line. The hottest code of the layout: written out."""
        size, eps = self.size, 1e-6
        right, top = x + w, y + h
        if x < -eps or y < -eps or right > size + eps or top > size + eps:
            return False
        # a marked cell that the box covers in part: taken for certain
        c = self.cell
        i0 = int(x / c)
        bits = ((1 << (math.ceil(right / c) - i0)) - 1) << i0
        taken = self.taken
        for j in range(int(y / c), math.ceil(top / c)):
            if taken[j] & bits:
                return False
        n, k = self.columns, 1.0 / self.bucket
        # the box is inside the map, so only the grown edges need clamping
        i0, i1 = int((x - gap) * k) if x > gap else 0, int((right + gap) * k)
        j0, j1 = int((y - gap) * k) if y > gap else 0, int((top + gap) * k)
        if i1 >= n:
            i1 = n - 1
        if j1 >= n:
            j1 = n - 1
        boxes, circles, segments = self.boxes, self.circles, self.segments
        box = None
        for j in range(j0, j1 + 1):
            row = j * n
            for b in range(row + i0, row + i1 + 1):
                for ox, oy, ow, oh in boxes[b]:
                    if right + gap > ox and ox + ow + gap > x and top + gap > oy and oy + oh + gap > y:
                        return False
                for cx, cy, r in circles[b]:
                    dx = x - cx if cx < x else (cx - right if cx > right else 0.0)
                    dy = y - cy if cy < y else (cy - top if cy > top else 0.0)
                    if dx * dx + dy * dy < (r + gap) * (r + gap):
                        return False
                if segments[b]:
                    box = box or Box(x, y, w, h)
                    for seg in segments[b]:
                        if segment_hits_box(*seg, box, gap):
                            return False
        return True

    def _buckets_along(self, seg: tuple[float, float, float, float], gap: float) -> set[int]:
        """The buckets a segment grown by ``gap`` can touch: those around
        points set along it less than a bucket apart (a long line across
        the map touches a strip of buckets, not the square around it)."""
        x0, y0, x1, y1 = seg
        length = math.hypot(x1 - x0, y1 - y0)
        count = int(length / self.bucket) + 1
        # every point of the line lies within half a spacing of a sample
        grow = length / (2 * count) + gap
        found: set[int] = set()
        for i in range(count + 1):
            t = i / count
            px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            found.update(self._buckets(px - grow, py - grow, px + grow, py + grow))
        return found

    def line_level(self, seg: tuple[float, float, float, float], own: tuple[float, float], gap: float) -> int:
        """How much a leader line gets in the way: 0 crosses nothing, 1
        crosses another leader line, 2 passes over another dot (or the
        family), 3 crosses a label (never allowed)."""
        buckets = self._buckets_along(seg, gap)
        for b in buckets:
            for box in self.boxes[b]:
                if segment_hits_box(*seg, Box(*box), gap):
                    return 3
        for b in buckets:
            for cx, cy, r in self.circles[b]:
                if (cx, cy) != own and segment_distance(*seg, cx, cy) < r + gap:
                    return 2
        for b in buckets:
            for other in self.segments[b]:
                if segments_cross(seg, other):
                    return 1
        return 0


def _label_candidates(
    dot: PlacedDot, w: float, h: float, cx: float, gap: float, reach: float, beyond: float = 0.0, light: bool = False
):
    """Boxes for a label around its dot, nearest and most natural first,
    leaving out those no further than ``beyond`` (already tried); ``light``
    tries rings twice as far apart, with no slid boxes.
    Yields (x, y, next_to_dot) of the box's bottom-left corner."""
    x, y, r = dot.x, dot.y, dot.radius
    d = r + gap
    out = 1 if x >= cx else -1
    right = (x + d, y - h / 2)
    left = (x - d - w, y - h / 2)
    above = (x - w / 2, y + d)
    below = (x - w / 2, y - d - h)
    k = d * 0.7
    up_r = (x + k, y + k)
    down_r = (x + k, y - k - h)
    up_l = (x - k - w, y + k)
    down_l = (x - k - w, y - k - h)
    # a label slid along its side (still touching the dot's row)
    slide_r = [(x + d, y - h / 2 + s * h * 0.55) for s in (1, -1)]
    slide_l = [(x - d - w, y - h / 2 + s * h * 0.55) for s in (1, -1)]
    if out > 0:
        near = [right, up_r, down_r, *slide_r, above, below, left, up_l, down_l, *slide_l]
    else:
        near = [left, up_l, down_l, *slide_l, above, below, right, up_r, down_r, *slide_r]
    if not beyond:
        for bx, by in near:
            yield bx, by, True
    # further away, ring by ring in 16 directions; the widget draws a line.
    # At each point the box touches the point with its nearest side, or is
    # slid along that side.
    # (at most 16 rings: a tiny font must not make a long reach cost hundreds of tries)
    step = max(h * 0.6, gap * 4, reach / 16) * (2 if light else 1)
    dirs = [(math.cos(a), math.sin(a)) for a in (i * math.pi / 8 for i in range(16))]
    dirs.sort(key=lambda v: (-(v[0] * out), abs(v[1])))
    dist = d + step
    while dist <= beyond:
        dist += step
    slides = (0.0,) if light else (0.0, 0.5, -0.5)
    while dist <= reach:
        for ux, uy in dirs:
            px, py = x + ux * dist, y + uy * dist
            if abs(ux) >= abs(uy):
                bx = px if ux > 0 else px - w
                for shift in slides:
                    yield bx, py - h / 2 + shift * h, False
            else:
                by = py if uy > 0 else py - h
                for shift in slides:
                    yield px - w / 2 + shift * 0.7 * w, by, False
        dist += step


def place_labels(
    order: Sequence[MapPerson],
    dots: dict[str, PlacedDot],
    texts: dict[str, tuple[str, float, float]],
    obstacles: Obstacles,
    gap: float,
    reach: float,
    pad: tuple[float, float],
    font_size: float,
    give_up: int | None = None,
    full_after: int | None = None,
    beyond: float = 0.0,
    light_after: int | None = None,
) -> tuple[dict[str, PlacedLabel], list[str]] | None:
    """Labels for ``order``, one at a time, each in the first free box of
    its candidates. A box away from the dot needs a leader line that crosses
    no label; a line that crosses another line, or passes over another dot,
    is taken only when that person has no cleaner box. Every label placed is
    added to ``obstacles``. Returns the placed labels and the ids of those
    that found no room.

    A name that finds no room has tried every box within reach; on a full
    map that is most of the cost, hence:

    - ``give_up``: return None as soon as more names than this found no room
      (a font size that will not do: stop paying for it);
    - ``light_after``: once this many names found no room the map is
      crowded, and the names after them try a lighter set of boxes away
      from their dot (a fifth as many);
    - ``full_after``: after this many names in a row found no room the map
      is full, and the rest are not tried;
    - ``beyond``: boxes no further than this from the dot are not tried (a
      second round, after a first with that reach).
    """
    size = obstacles.size
    cx = size / 2
    placed: dict[str, PlacedLabel] = {}
    failed: list[str] = []
    in_a_row = 0
    for index, person in enumerate(order):
        if full_after is not None and in_a_row >= full_after:
            failed.extend(p.id for p in order[index:])
            break
        text, w, h = texts[person.id]
        dot = dots[person.id]
        chosen = None
        # the first box whose line crosses another line (level 1) or a dot (level 2)
        fallback: dict[int, tuple[float, float, tuple[float, float, float, float]]] = {}
        last = None
        light = light_after is not None and len(failed) >= light_after
        for bx, by, near in _label_candidates(dot, w, h, cx, gap, reach, beyond, light):
            if bx < 0 or by < 0 or bx + w > size or by + h > size:
                bx, by = min(max(bx, 0.0), size - w), min(max(by, 0.0), size - h)
                near = near and Box(bx, by, w, h).distance_to_point(dot.x, dot.y) <= dot.radius + 2 * gap
                if (bx, by) == last:
                    continue  # pushed back inside onto the box just tried
            last = (bx, by)
            if not obstacles.free(bx, by, w, h, gap):
                continue
            if near:
                chosen = (bx, by, None)
                break
            seg = leader_line(dot, Box(bx, by, w, h))
            level = obstacles.line_level(seg, (dot.x, dot.y), gap)
            if level == 0:
                chosen = (bx, by, seg)
                break
            if level < 3:
                fallback.setdefault(level, (bx, by, seg))
        if chosen is None:
            chosen = fallback.get(1) or fallback.get(2)
        if chosen is None:
            failed.append(person.id)
            in_a_row += 1
            if give_up is not None and len(failed) > give_up:
                return None
            continue
        in_a_row = 0
        bx, by, seg = chosen
        obstacles.add_box((bx, by, w, h))
        if seg is not None:
            obstacles.add_segment(seg)
        placed[person.id] = PlacedLabel(
            id=person.id,
            box=Box(bx, by, w, h),
            text=text,
            full_text=person.label,
            font_size=font_size,
            padding=pad,
            leader=seg is not None,
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


def _clamp_box(box: Box, size: float) -> Box:
    x = min(max(box.x, 0.0), size - box.w)
    y = min(max(box.y, 0.0), size - box.h)
    return Box(x, y, box.w, box.h)


def _rim_box(geometry: Geometry, theta: float, w: float, h: float, dp: float) -> tuple[Box, bool]:
    """A w x h box just outside the rim in direction theta, inside the map,
    and whether it stays clear of the circles.

    The box moves out from the rim in steps of 2 dp until it is clear;
    it strides eight steps at a time first and then walks the last stride
    step by step (the same box, a tenth of the work: a sideways name
    needs a hundred steps)."""
    ux, uy = math.cos(theta), math.sin(theta)
    outer = geometry.outer
    step, stride = 2 * dp, 8

    def at(rho: float) -> tuple[Box, bool]:
        bx = geometry.cx + ux * rho - w / 2
        by = geometry.cy + uy * rho - h / 2
        box = _clamp_box(Box(bx, by, w, h), geometry.size)
        return box, not box.intersects_circle(geometry.cx, geometry.cy, outer + 2 * dp)

    rho = outer + 2 * dp
    box, clear = at(rho)
    if clear:
        return box, True
    for _ in range(400 // stride):
        box, clear = at(rho + stride * step)
        if clear:
            for k in range(1, stride + 1):
                box, clear = at(rho + k * step)
                if clear:
                    return box, True
        rho += stride * step
    return box, False

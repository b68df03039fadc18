"""Where the dots and labels of the network map go: pure geometry, no Kivy.

The map is a square of ``size`` pixels, origin bottom-left, y up (Kivy's
convention). Inside it sits a disc of radius ``outer`` around the centre,
cut into:

* three rings (circle 1 = very close, next to the family in the middle;
  circle 3 = further away, at the edge), around a small centre disc where the
  family itself is drawn;
* six slices of 60 degrees, one per sector of life. Sector 0 sits at the top
  and the others follow clockwise (see :func:`sector_angles`).

:func:`layout_map` puts every person's dot inside its own slice and ring and
then finds a box for every label so that no two labels overlap, no label
covers a dot, the family disc or a sector name, and everything stays inside
the square. The rules of the game (which sector, which circle, how many
mentions) come in as plain numbers; this module only does geometry, so it can
be tested without a window.

Crowding is handled in this order, each step only when the previous one is
not enough:

1. a crowded cell (sector + circle) gets its dots in several rows across the
   ring's width;
2. the ring boundaries shift so a crowded ring gets more room (the rings stay
   in order and none becomes thinner than a minimum);
3. labels move a little away from their dot (the widget then draws a thin
   leader line that crosses no label; it crosses another leader line, or
   passes over another dot, only when there is no other way);
4. all labels get a smaller font;
5. only when no font size works, a label may sit further away, across the
   map, with a longer line;
6. a label that still finds no room is left out (its dot stays, the name is
   shown when the dot is tapped).

Long names are cut with an ellipsis past ``max_label_width``; the full name
is always kept on :class:`PlacedLabel.full_text` for the tap panel.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

#: measure(text, font_size_px) -> (width_px, height_px) of the bare text.
Measure = Callable[[str, float], tuple[float, float]]

SECTOR_COUNT = 6
CIRCLE_COUNT = 3
SECTOR_SPAN = 2 * math.pi / SECTOR_COUNT
# Sector 0 spans 60..120 degrees (the top); sector k is turned k*60 degrees
# clockwise from it.
_FIRST_SECTOR_END = math.radians(120)

ELLIPSIS = "\u2026"
TOUCH_TARGET_DP = 48.0
FONT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.62, 0.55, 0.48, 0.42)


# --------------------------------------------------------------------------
# Values going in and out
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class MapPerson:
    """One person as the map needs them: no game rules, only numbers."""

    id: str
    label: str
    sector: int  # 0..5
    circle: int  # 1..3
    mentions: int = 1


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: (x, y) is the bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def intersects(self, other: "Box", gap: float = 0.0) -> bool:
        """True when the boxes overlap (touching edges do not count)."""
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.top + gap <= other.y
            or other.top + gap <= self.y
        )

    def distance_to_point(self, px: float, py: float) -> float:
        dx = max(self.x - px, 0.0, px - self.right)
        dy = max(self.y - py, 0.0, py - self.top)
        return math.hypot(dx, dy)

    def intersects_circle(self, cx: float, cy: float, r: float) -> bool:
        return self.distance_to_point(cx, cy) < r

    def inside(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        eps = 1e-6
        return (
            self.x >= x0 - eps
            and self.y >= y0 - eps
            and self.right <= x1 + eps
            and self.top <= y1 + eps
        )

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.right and self.y <= py <= self.top


@dataclass(frozen=True)
class PlacedDot:
    id: str
    x: float
    y: float
    radius: float  # drawn
    touch_radius: float  # responds to touch; at least 24 dp

    def distance(self, px: float, py: float) -> float:
        return math.hypot(px - self.x, py - self.y)


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


@dataclass(frozen=True)
class Geometry:
    """The fixed parts of the map: centre, ring radii, sector angles."""

    size: float
    cx: float
    cy: float
    radii: tuple[float, float, float, float]  # family disc, ring 1, 2, 3 edges

    @property
    def outer(self) -> float:
        return self.radii[3]

    @property
    def family_radius(self) -> float:
        return self.radii[0]

    def ring(self, circle: int) -> tuple[float, float]:
        """(inner, outer) radius of circle 1..3."""
        return (self.radii[circle - 1], self.radii[circle])

    def polar(self, rho: float, theta: float) -> tuple[float, float]:
        return (self.cx + rho * math.cos(theta), self.cy + rho * math.sin(theta))

    def sector_at(self, x: float, y: float) -> int:
        """The sector (0..5) under a point, by its angle around the centre."""
        theta = math.atan2(y - self.cy, x - self.cx)
        k = math.floor((_FIRST_SECTOR_END - theta) / SECTOR_SPAN)
        return k % SECTOR_COUNT

    def circle_at(self, x: float, y: float) -> int:
        """The circle (1..3) under a point; the centre counts as 1, beyond
        the edge as 3."""
        rho = math.hypot(x - self.cx, y - self.cy)
        if rho < self.radii[1]:
            return 1
        if rho < self.radii[2]:
            return 2
        return 3


@dataclass(frozen=True)
class MapLayout:
    geometry: Geometry
    dots: dict[str, PlacedDot]
    labels: dict[str, PlacedLabel]  # people whose label fits; see ``hidden``
    hidden: tuple[str, ...]  # people shown by a dot only
    sector_labels: tuple[PlacedLabel | None, ...]  # per sector index
    font_size: float  # the font size the people's labels ended up with
    dp: float = 1.0
    cells: dict[tuple[int, int], int] = field(default_factory=dict)

    def person_at(self, x: float, y: float) -> str | None:
        """Who a touch at (x, y) is for: a label box wins, otherwise the
        nearest dot whose touch area contains the point."""
        for pid, label in self.labels.items():
            if label.box.contains(x, y):
                return pid
        best, best_d = None, math.inf
        for pid, dot in self.dots.items():
            d = dot.distance(x, y)
            if d <= dot.touch_radius and d < best_d:
                best, best_d = pid, d
        return best


def sector_angles(sector: int) -> tuple[float, float]:
    """(start, end) angle in radians of a sector, start > end (clockwise)."""
    start = _FIRST_SECTOR_END - sector * SECTOR_SPAN
    return (start, start - SECTOR_SPAN)


def sector_mid_angle(sector: int) -> float:
    start, end = sector_angles(sector)
    return (start + end) / 2


def segment_hits_box(x0: float, y0: float, x1: float, y1: float, box: Box, gap: float = 0.0) -> bool:
    """True when the segment (x0, y0)-(x1, y1) passes through ``box``
    (grown by ``gap``) -- Liang-Barsky clipping."""
    bx0, by0, bx1, by1 = box.x - gap, box.y - gap, box.right + gap, box.top + gap
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    return t0 < t1


def segment_distance(x0: float, y0: float, x1: float, y1: float, px: float, py: float) -> float:
    """Distance from point (px, py) to the segment (x0, y0)-(x1, y1)."""
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / length2))
    return math.hypot(px - (x0 + t * dx), py - (y0 + t * dy))


def _segments_cross(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    def orient(ax, ay, bx, by, cx, cy):
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a, b
    d1 = orient(bx0, by0, bx1, by1, ax0, ay0)
    d2 = orient(bx0, by0, bx1, by1, ax1, ay1)
    d3 = orient(ax0, ay0, ax1, ay1, bx0, by0)
    d4 = orient(ax0, ay0, ax1, ay1, bx1, by1)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0) and d1 * d2 != 0 and d3 * d4 != 0


def leader_line(dot: PlacedDot, box: Box) -> tuple[float, float, float, float]:
    """The line from a dot's edge to the nearest point of its label box."""
    bx = min(max(dot.x, box.x), box.right)
    by = min(max(dot.y, box.y), box.top)
    d = math.hypot(bx - dot.x, by - dot.y)
    if d == 0:
        return (dot.x, dot.y, bx, by)
    k = dot.radius / d
    return (dot.x + (bx - dot.x) * k, dot.y + (by - dot.y) * k, bx, by)


# --------------------------------------------------------------------------
# Text fitting
# --------------------------------------------------------------------------

def _joins_previous(ch: str) -> bool:
    """A character that must stay with the one before it (marks, emoji
    modifiers, zero-width joiners)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch in "\u200d\ufe0e\ufe0f"
        or 0x1F3FB <= cp <= 0x1F3FF
        or 0xE0020 <= cp <= 0xE007F
    )


def _safe_cut(text: str, k: int) -> int:
    """Move a cut position left so it never splits a letter from its marks
    or an emoji sequence."""
    while 0 < k < len(text) and (_joins_previous(text[k]) or text[k - 1] == "\u200d"):
        k -= 1
    return k


def fit_text(text: str, font_size: float, max_width: float, measure: Measure) -> str:
    """The text itself when it fits in ``max_width``, otherwise the longest
    start of it followed by an ellipsis that fits."""
    text = " ".join(text.split()) or "?"
    if measure(text, font_size)[0] <= max_width:
        return text
    lo, hi = 1, len(text) - 1
    best = 1
    while lo <= hi:
        mid = (lo + hi) // 2
        k = _safe_cut(text, mid) or mid
        candidate = text[:k].rstrip() + ELLIPSIS
        if measure(candidate, font_size)[0] <= max_width:
            best = k
            lo = mid + 1
        else:
            hi = mid - 1
    k = _safe_cut(text, best) or best
    return text[:k].rstrip() + ELLIPSIS


# --------------------------------------------------------------------------
# Dots
# --------------------------------------------------------------------------

def dot_radius(mentions: int, dp: float) -> float:
    """Drawn radius: grows with every extra mention, up to a cap."""
    return (8.0 + 3.0 * min(max(mentions, 1) - 1, 4)) * dp


def _cell_points(
    n: int, inner: float, outer: float, sector: int, margin: float, rows: int, ends: float = 1.0
) -> list[tuple[float, float]]:
    """n polar points (rho, theta) spread over one cell in ``rows`` rows.

    ``ends`` is how much room is kept at the ends of a row and of the set of
    rows: 1 keeps half a step free (calm, centred), 0 puts the first and last
    points right at the margin (more room between the points)."""
    start, _ = sector_angles(sector)
    # keep dots off the ring lines, but in a thin ring use its middle half
    keep = min(margin, (outer - inner) * 0.25)
    lo, hi = inner + keep, outer - keep

    def spread(count: int) -> list[float]:
        # fractions in [0, 1] for count points
        if count == 1:
            return [0.5]
        return [(i + 0.5 * ends) / (count - 1 + ends) for i in range(count)]

    radii = [lo + f * (hi - lo) for f in spread(rows)]
    arcs = [max(rho * SECTOR_SPAN - 2 * margin, 0.0) for rho in radii]
    counts = [0] * rows
    for _ in range(n):
        # each point goes to the row where it keeps the widest spacing;
        # ties go to the outer row (more room for labels there)
        j = max(
            range(rows),
            key=lambda j: (arcs[j] / (counts[j] + ends) if counts[j] else math.inf, arcs[j], j),
        )
        counts[j] += 1
    points = []
    for rho, count in zip(radii, counts):
        if count == 0:
            continue
        # keep dots off the sector lines, but in a short row use its middle half
        inset = min(margin / rho, SECTOR_SPAN * 0.25) if rho > 0 else SECTOR_SPAN * 0.25
        span = SECTOR_SPAN - 2 * inset
        for f in spread(count):
            points.append((rho, start - inset - f * span))
    return points


def _min_distance(points: Sequence[tuple[float, float]]) -> float:
    xy = [(r * math.cos(t), r * math.sin(t)) for r, t in points]
    best = math.inf
    for i in range(len(xy)):
        xi, yi = xy[i]
        for j in range(i + 1, len(xy)):
            d = math.hypot(xi - xy[j][0], yi - xy[j][1])
            if d < best:
                best = d
    return best


def _best_cell(
    n: int, inner: float, outer: float, sector: int, margin: float, want: float
) -> tuple[float, list[tuple[float, float]]]:
    """A spread of n dots over a cell: the calmest one (one row, room at the
    ends) whose smallest gap reaches ``want``, else the one with the widest
    smallest gap.

    ``margin`` keeps full-size dots off the cell's lines; in a cell so full
    that its dots will be drawn smaller, the margin shrinks with them."""
    if n == 0:
        return math.inf, []
    best_q, best_pts = -1.0, []
    for _ in range(3):
        for rows in range(1, min(n, 6) + 1):
            for ends in (1.0, 0.4, 0.0):
                pts = _cell_points(n, inner, outer, sector, margin, rows, ends)
                q = _min_distance(pts)
                if q >= want:
                    return q, pts
                if q > best_q:
                    best_q, best_pts = q, pts
        if best_q >= 2 * margin:
            break
        margin = max(best_q / 2, margin * 0.4)
    return best_q, best_pts


def _ring_radii(
    family: float, outer: float, counts: dict[tuple[int, int], int], want: float, margin: float
) -> tuple[float, float, float, float]:
    """Ring edges: equal widths, unless a crowded ring needs more room."""
    span = outer - family
    even = (family + span / 3, family + 2 * span / 3)

    def shortfall(b1: float, b2: float) -> float:
        edges = (family, b1, b2, outer)
        total = 0.0
        for (sector, circle), n in counts.items():
            if n < 2:
                continue
            q, _ = _best_cell(n, edges[circle - 1], edges[circle], sector, margin, want)
            if q < want:
                total += n * ((want - q) / want) ** 2
        return total

    base = shortfall(*even)
    if base == 0.0:
        return (family, even[0], even[1], outer)
    best = (base, even)
    min_band = 0.2 * span
    steps = 12
    for i in range(steps + 1):
        b1 = family + min_band + i * (span - 3 * min_band) / steps
        for j in range(steps + 1):
            b2 = b1 + min_band + j * (outer - min_band - (b1 + min_band)) / steps
            if b2 > outer - min_band + 1e-9:
                continue
            moved = ((b1 - even[0]) ** 2 + (b2 - even[1]) ** 2) / span**2
            cost = shortfall(b1, b2) + 0.5 * moved
            if cost < best[0] - 1e-9:
                best = (cost, (b1, b2))
    b1, b2 = best[1]
    return (family, b1, b2, outer)


# --------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------

class _Obstacles:
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
                if _segments_cross(seg, other):
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


def _place_labels(
    order: Sequence[MapPerson],
    dots: dict[str, PlacedDot],
    texts: dict[str, tuple[str, float, float]],
    base: _Obstacles,
    geometry: Geometry,
    gap: float,
    reach: float,
    pad: tuple[float, float],
    font_size: float,
    level: int = 0,
) -> tuple[dict[str, PlacedLabel], list[str]]:
    obstacles = _Obstacles(geometry.size, (geometry.cx, geometry.cy, geometry.family_radius))
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


def _sector_label_boxes(
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
    size, outer = geometry.size, geometry.outer
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


# --------------------------------------------------------------------------
# The whole map
# --------------------------------------------------------------------------

def layout_map(
    size: float,
    people: Iterable[MapPerson],
    measure: Measure,
    *,
    dp: float = 1.0,
    font_size: float = 16.0,
    max_label_width: float | None = None,
    sector_names: Sequence[str] = (),
    sector_font_size: float | None = None,
) -> MapLayout:
    """Place every person's dot and label on a square map of ``size`` px.

    ``dp`` is the number of pixels in one density-independent pixel;
    ``font_size`` the labels' font size in pixels (already scaled for the
    user's text size); ``measure`` returns the (w, h) in pixels of a text at
    a font size. Deterministic: the same input gives the same layout.
    """
    people = list(people)
    for p in people:
        if not 0 <= p.sector < SECTOR_COUNT or not 1 <= p.circle <= CIRCLE_COUNT:
            raise ValueError(f"person {p.id!r}: sector {p.sector} / circle {p.circle} out of range")
    size = float(size)
    half = size / 2
    gap = 2.0 * dp
    sector_font = sector_font_size or font_size

    # the rim outside the circles holds the sector names
    if any(sector_names):
        _, sh = measure("Hg", sector_font)
        rim = sh + 6 * dp + 4 * dp
    else:
        rim = 4 * dp
    outer = max(half - rim, half * 0.6)
    family = max(0.13 * outer, 26 * dp)
    family = min(family, outer * 0.25)

    counts: dict[tuple[int, int], int] = {}
    for p in people:
        counts[(p.sector, p.circle)] = counts.get((p.sector, p.circle), 0) + 1

    radii_of = {p.id: dot_radius(p.mentions, dp) for p in people}
    biggest = max(radii_of.values(), default=dot_radius(1, dp))
    margin = biggest + gap
    want = max(TOUCH_TARGET_DP * dp, 2 * biggest + 3 * gap)
    radii = _ring_radii(family, outer, counts, want, margin)
    geometry = Geometry(size=size, cx=half, cy=half, radii=radii)

    # dots, cell by cell, in the order the people came in
    spots: list[tuple[MapPerson, float, float]] = []
    by_cell: dict[tuple[int, int], list[MapPerson]] = {}
    for p in people:
        by_cell.setdefault((p.sector, p.circle), []).append(p)
    for (sector, circle), members in sorted(by_cell.items()):
        inner, outer_r = geometry.ring(circle)
        _, points = _best_cell(len(members), inner, outer_r, sector, margin, want)
        # outer rows first, then along the slice clockwise
        points.sort(key=lambda pt: (-round(pt[0], 3), -pt[1]))
        for person, (rho, theta) in zip(members, points):
            x, y = geometry.polar(rho, theta)
            spots.append((person, x, y))
    # when the map is so full that dots would touch, draw them all smaller
    # (all of them, so a bigger dot still means more mentions)
    # (and never across the rim, where the sector names are, or into the
    # family in the middle)
    shrink = 1.0
    for a, ax, ay in spots:
        rho = math.hypot(ax - geometry.cx, ay - geometry.cy)
        room = min(geometry.outer - rho, rho - geometry.family_radius) - gap
        shrink = min(shrink, room / radii_of[a.id])
    for i, (a, ax, ay) in enumerate(spots):
        for b, bx, by in spots[i + 1 :]:
            room = (math.hypot(ax - bx, ay - by) - gap) / (radii_of[a.id] + radii_of[b.id])
            shrink = min(shrink, room)
    shrink = max(shrink, 0.35)
    dots: dict[str, PlacedDot] = {}
    for person, x, y in spots:
        r = radii_of[person.id] * shrink
        dots[person.id] = PlacedDot(
            id=person.id, x=x, y=y, radius=r, touch_radius=max(r, TOUCH_TARGET_DP * dp / 2)
        )

    sector_labels = _sector_label_boxes(sector_names, geometry, measure, sector_font, dp)
    base = _Obstacles(size, (geometry.cx, geometry.cy, geometry.family_radius))
    base.boxes = [s.box for s in sector_labels if s is not None]

    # labels: people named most often choose their spot first
    order = sorted(people, key=lambda p: -p.mentions)
    max_w = max_label_width if max_label_width is not None else min(10 * font_size, size * 0.32)

    def texts_at(step: float):
        fs = font_size * step
        pad = (0.3 * fs, 0.08 * fs)
        texts = {}
        for p in people:
            text = fit_text(p.label, fs, max_w * max(step, 0.8) - 2 * pad[0], measure)
            tw, th = measure(text, fs)
            texts[p.id] = (text, tw + 2 * pad[0], th + 2 * pad[1])
        return fs, pad, texts

    def attempt(step: float, reach_of) -> tuple[dict[str, PlacedLabel], list[str], float]:
        fs, pad, texts = texts_at(step)
        reach = reach_of(fs)
        # leader lines that cross each other or pass over dots only when needed
        for level in (0, 1, 2):
            placed, failed = _place_labels(order, dots, texts, base, geometry, gap, reach, pad, fs, level)
            if failed:
                # give the ones that found no room the first pick, then retry
                first = [p for p in order if p.id in failed] + [p for p in order if p.id not in failed]
                again, failed_again = _place_labels(
                    first, dots, texts, base, geometry, gap, reach, pad, fs, level
                )
                if len(failed_again) < len(failed):
                    placed, failed = again, failed_again
            if not failed:
                break
        return placed, failed, fs

    # A name stays near its dot (a short line at most); only when that fails
    # at every font size may a line run further across the map.
    best: tuple[dict[str, PlacedLabel], list[str], float] | None = None
    for reach_of in (lambda fs: max(5 * fs, 0.2 * size), lambda fs: 0.45 * size):
        for step in FONT_STEPS:
            placed, failed, fs = attempt(step, reach_of)
            if best is None or len(failed) < len(best[1]):
                best = (placed, failed, fs)
            if not failed:
                break
        if not best[1]:
            break
    placed, failed, fs = best
    return MapLayout(
        geometry=geometry,
        dots=dots,
        labels=placed,
        hidden=tuple(failed),
        sector_labels=sector_labels,
        font_size=fs,
        dp=dp,
        cells=counts,
    )

"""Where the dots and labels of the network map go: pure geometry, no Kivy.

The map is a square of ``size`` pixels, origin bottom-left, y up (Kivy's
convention); its rings and slices are described in :mod:`app.map.geometry`.

:func:`layout_map` puts every person's dot inside its own slice and ring and
then finds a box for every label (:mod:`app.map.labels`) so that no two
labels overlap, no label covers a dot, the family disc or a sector name, and
everything stays inside the square. The rules of the game (which sector,
which circle, how many mentions) come in as plain numbers and text is
measured by a plain ``measure(text, font_size) -> (w, h)`` callable, so the
layout is tested without a window and the export draws the same map on
paper.

Crowding is handled in this order, each step only when the previous one is
not enough:

1. a crowded cell (sector + circle) gets its dots in several rows across the
   ring's width;
2. the ring boundaries shift so a crowded ring gets more room (the rings stay
   in order and none becomes thinner than a minimum);
3. labels move a little away from their dot (the widget then draws a thin
   leader line that crosses no label; it crosses another leader line, or
   passes over another dot, only when that name has no other way);
4. all labels get a smaller font;
5. only at the smallest font, a name that found no room near its dot may sit
   further away, across the map, with a longer line;
6. a name that still finds no room is left out (its dot stays, the name is
   shown when the dot is tapped). On a map too full for every name (150
   people on a tablet) that is some of them; with 25 people, none.

Long names are cut with an ellipsis past ``max_label_width``; the full name
is always kept on :class:`PlacedLabel.full_text` for the tap panel.

Labels are checked against an index of what lies near them, so a box tried
costs about the same on a full map as on an empty one: 150 people take some
45 ms CPU (``bench/run.py --only map``), where checking every box against every
label placed took over 16 s at 100 people. A full map still costs more per
person than an empty one (25 people: 3 ms), because names that find no room
try every box in reach before they are left out.
"""
from __future__ import annotations

import bisect
import heapq
import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from app.map.fit import Measure, fit_text
from app.map.geometry import (
    CIRCLE_COUNT,
    SECTOR_COUNT,
    SECTOR_SPAN,
    Geometry,
    PlacedDot,
    sector_angles,
)
from app.map.labels import Obstacles, PlacedLabel, place_labels, place_sector_labels

TOUCH_TARGET_DP = 48.0
FONT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.62, 0.55, 0.48, 0.42)


@dataclass(frozen=True)
class MapPerson:
    """One person as the map needs them: no game rules, only numbers."""

    id: str
    label: str
    sector: int  # 0..5
    circle: int  # 1..3
    mentions: int = 1



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
    # each point goes to the row where it keeps the widest spacing; ties go
    # to the outer row (more room for labels there). A heap of the rows,
    # widest first (keys negated), so a cell of n points costs n log rows.
    heap = [(-math.inf, -arcs[j], -j) for j in range(rows)]
    heapq.heapify(heap)
    for _ in range(n):
        _, _, minus_j = heapq.heappop(heap)
        j = -minus_j
        counts[j] += 1
        heapq.heappush(heap, (-arcs[j] / (counts[j] + ends), -arcs[j], minus_j))
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
    """The smallest distance between two of the polar points that
    :func:`_cell_points` makes (rows of equal radius, one after the other).

    Within a row only neighbours can be nearest; between two rows, the
    nearest point of the other row is the nearest in angle (on two circles
    around one centre, distance grows with the angle between the points).
    So a cell of n dots costs n log n, not n squared: :func:`_best_cell`
    asks it for every spread it tries, dozens per crowded cell."""
    rows: list[tuple[float, list[float]]] = []
    for rho, theta in points:
        if rows and rows[-1][0] == rho:
            rows[-1][1].append(theta)
        else:
            rows.append((rho, [theta]))
    best = math.inf
    for rho, thetas in rows:
        thetas.sort()
        for a, b in zip(thetas, thetas[1:]):
            best = min(best, 2 * rho * math.sin((b - a) / 2))
    for i, (ra, ta) in enumerate(rows):
        for rb, tb in rows[i + 1:]:
            for theta in ta:
                k = bisect.bisect_left(tb, theta)
                for j in (k - 1, k):
                    if 0 <= j < len(tb):
                        d2 = ra * ra + rb * rb - 2 * ra * rb * math.cos(theta - tb[j])
                        best = min(best, math.sqrt(max(d2, 0.0)))
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


def _row_shapes(inner: float, outer: float, margin: float) -> list[tuple[int, float, float, float]]:
    """For each way :func:`_cell_points` can set out rows in a ring from
    ``inner`` to ``outer``: (rows, ends, total row length, distance between
    rows)."""
    keep = min(margin, (outer - inner) * 0.25)
    lo, hi = inner + keep, outer - keep
    shapes = []
    for rows in range(1, 7):
        for ends in (1.0, 0.4, 0.0):
            if rows == 1:
                radii, between = [(lo + hi) / 2], math.inf
            else:
                radii = [lo + (j + 0.5 * ends) / (rows - 1 + ends) * (hi - lo) for j in range(rows)]
                between = (hi - lo) / (rows - 1 + ends)
            length = sum(max(rho * SECTOR_SPAN - 2 * margin, 0.0) for rho in radii)
            shapes.append((rows, ends, length, between))
    return shapes


def _spread_estimate(n: int, shapes: list[tuple[int, float, float, float]]) -> float:
    """About the smallest gap :func:`_best_cell` reaches for n dots in a
    ring whose :func:`_row_shapes` are given, worked out from the rows'
    lengths instead of from the points themselves.

    Only the search for ring edges uses it (hundreds of questions on a
    crowded map; placing the points to answer each took 0.2 s for 150
    people); the dots themselves are then spread by :func:`_best_cell`.
    It takes the rows' points as evenly spread over their total length,
    and two rows never nearer than the distance between them."""
    best = 0.0
    for rows, ends, length, between in shapes:
        if rows > n:
            break
        gaps = n - rows + rows * ends
        along = length / gaps if gaps > 0 else math.inf
        best = max(best, min(along, between))
    return best


def _ring_radii(
    family: float, outer: float, counts: dict[tuple[int, int], int], want: float, margin: float
) -> tuple[float, float, float, float]:
    """Ring edges: equal widths, unless a crowded ring needs more room.

    The edges are searched on a fixed grid, judged by :func:`_spread_estimate`.
    How well n dots spread over a cell depends only on n and the ring's two
    edges (a slice is a slice, whichever sector), so each (ring edges, n) is
    worked out once."""
    span = outer - family
    even = (family + span / 3, family + 2 * span / 3)
    crowded: dict[int, dict[int, int]] = {1: {}, 2: {}, 3: {}}  # circle -> n -> cells
    for (_sector, circle), n in counts.items():
        if n >= 2:
            crowded[circle][n] = crowded[circle].get(n, 0) + 1
    shapes: dict[tuple[float, float], list[tuple[int, float, float, float]]] = {}

    def ring_shortfall(circle: int, inner: float, outer_r: float) -> float:
        if not crowded[circle]:
            return 0.0
        ring = shapes.get((inner, outer_r))
        if ring is None:
            ring = shapes[(inner, outer_r)] = _row_shapes(inner, outer_r, margin)
        total = 0.0
        for n, cells in crowded[circle].items():
            q = _spread_estimate(n, ring)
            if q < want:
                total += cells * n * ((want - q) / want) ** 2
        return total

    def shortfall(b1: float, b2: float) -> float:
        return ring_shortfall(1, family, b1) + ring_shortfall(2, b1, b2) + ring_shortfall(3, b2, outer)

    base = shortfall(*even)
    if base == 0.0:
        return (family, even[0], even[1], outer)
    best = (base, even)
    min_band = 0.2 * span
    steps = 12
    grid = [family + min_band + i * (span - 2 * min_band) / steps for i in range(steps + 1)]
    for b1 in grid:
        for b2 in grid:
            if b2 < b1 + min_band - 1e-9 or b1 > outer - 2 * min_band + 1e-9:
                continue
            moved = ((b1 - even[0]) ** 2 + (b2 - even[1]) ** 2) / span**2
            cost = shortfall(b1, b2) + 0.5 * moved
            if cost < best[0] - 1e-9:
                best = (cost, (b1, b2))
    b1, b2 = best[1]
    return (family, b1, b2, outer)


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
    # two dots further apart than this never need shrinking: sweep along x
    near = gap + 2 * biggest
    by_x = sorted(spots, key=lambda spot: spot[1])
    for i, (a, ax, ay) in enumerate(by_x):
        for b, bx, by in by_x[i + 1 :]:
            if bx - ax >= near:
                break
            room = (math.hypot(ax - bx, ay - by) - gap) / (radii_of[a.id] + radii_of[b.id])
            shrink = min(shrink, room)
    shrink = max(shrink, 0.35)
    dots: dict[str, PlacedDot] = {}
    for person, x, y in spots:
        r = radii_of[person.id] * shrink
        # shrinking stops at 0.35: a dot still too big for its place near the
        # rim (where the sector names are) or the family moves inwards or
        # outwards along its radius, staying in its slice
        rho = math.hypot(x - geometry.cx, y - geometry.cy)
        fit = min(rho, geometry.outer - gap - r)
        fit = max(fit, geometry.family_radius + gap + r)
        if fit != rho and rho > 0:
            x = geometry.cx + (x - geometry.cx) * fit / rho
            y = geometry.cy + (y - geometry.cy) * fit / rho
        dots[person.id] = PlacedDot(
            id=person.id, x=x, y=y, radius=r, touch_radius=max(r, TOUCH_TARGET_DP * dp / 2)
        )

    sector_labels = place_sector_labels(sector_names, geometry, measure, sector_font, dp)
    # what every label must stay clear of: the family, the dots, the sector names
    base = Obstacles(size, bucket=max(16.0 * dp, size / 24), cell=3.0 * dp)
    base.add_circle((geometry.cx, geometry.cy, geometry.family_radius))
    for d in dots.values():
        base.add_circle((d.x, d.y, d.radius))
    for s in sector_labels:
        if s is not None:
            base.add_box((s.box.x, s.box.y, s.box.w, s.box.h))

    # labels: people named most often choose their spot first
    order = sorted(people, key=lambda p: -p.mentions)
    max_w = max_label_width if max_label_width is not None else min(10 * font_size, size * 0.32)

    texts_at_step: dict[float, tuple[float, tuple[float, float], dict[str, tuple[str, float, float]]]] = {}

    def texts_at(step: float):
        if step not in texts_at_step:
            fs = font_size * step
            pad = (0.3 * fs, 0.08 * fs)
            texts = {}
            for p in people:
                text = fit_text(p.label, fs, max_w * max(step, 0.8) - 2 * pad[0], measure)
                tw, th = measure(text, fs)
                texts[p.id] = (text, tw + 2 * pad[0], th + 2 * pad[1])
            texts_at_step[step] = (fs, pad, texts)
        return texts_at_step[step]

    def attempt(step: float, give_up: int | None):
        """Labels at one font size, each near its dot: None when more than
        ``give_up`` names find no room even after a second try."""
        fs, pad, texts = texts_at(step)
        reach = max(5 * fs, 0.2 * size)
        obstacles = base.copy()
        first = place_labels(order, dots, texts, obstacles, gap, reach, pad, fs, give_up, light_after=5)
        if first is None:
            return None
        placed, failed = first
        if failed and give_up is not None:
            # give the ones that found no room the first pick, then retry
            again = [p for p in order if p.id in failed] + [p for p in order if p.id not in failed]
            retry = base.copy()
            second = place_labels(again, dots, texts, retry, gap, reach, pad, fs, len(failed) - 1)
            if second is not None:
                (placed, failed), obstacles = second, retry
        if give_up is not None and failed:
            return None
        return placed, failed, fs, pad, texts, obstacles

    _, _, full_size = texts_at(1.0)

    def crowding(step: float) -> float:
        """About how much of the map the labels would cover at this step:
        the labels at full size, scaled (measuring every name at every
        size only to choose where to start would cost more than a try)."""
        area = sum((w * step + gap) * (h * step + gap) for _, w, h in full_size.values())
        return area / (size * size)

    # The biggest font at which every name finds room near its dot, found by
    # halving the list of font sizes (a smaller font never makes room
    # scarcer, near enough), each try given up at its second failure. The
    # first try is the biggest font whose labels would cover at most a fifth
    # of the map; a font whose labels would cover more than 30% is never
    # tried (measured on crowds of 25 to 150: none fitted). So a crowded map
    # costs two or three tries instead of eight full ones.
    last = len(FONT_STEPS) - 1
    lo = next((i for i, step in enumerate(FONT_STEPS) if crowding(step) <= 0.3), last)
    hi = last
    mid = next((i for i, step in enumerate(FONT_STEPS) if crowding(step) <= 0.2), last)
    best = None
    while lo <= hi:
        result = attempt(FONT_STEPS[mid], None if mid == last else 1)
        if result is not None and not result[1]:
            best = result
            hi = mid - 1
        else:
            if mid == last:
                best = result
            lo = mid + 1
        mid = (lo + hi) // 2
    placed, failed, fs, pad, texts, obstacles = best
    if failed:
        # only now may a name sit further away, across the map, with a
        # longer line; after three names in a row that find no room even
        # so, the map is full and the rest are shown by their dot alone
        late = [p for p in order if p.id in failed]
        more = place_labels(
            late, dots, texts, obstacles, gap, 0.45 * size, pad, fs, full_after=3, beyond=max(5 * fs, 0.2 * size)
        )
        placed = {**placed, **more[0]}
        failed = more[1]
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

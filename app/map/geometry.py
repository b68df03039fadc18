"""The fixed shape of the network map and the plane geometry it needs: pure, no Kivy.

The map is a square of ``size`` pixels, origin bottom-left, y up (Kivy's
convention). Inside it sits a disc of radius ``outer`` around the centre, cut
into three rings (circle 1 = very close, next to the family disc in the
middle; circle 3 = further away, at the edge) and six slices of 60 degrees,
one per sector of life: sector 0 at the top, the others following clockwise
(see :func:`sector_angles`). The same numbers serve the widget on screen and
the map drawn on paper.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SECTOR_COUNT = 6
CIRCLE_COUNT = 3
SECTOR_SPAN = 2 * math.pi / SECTOR_COUNT
# Sector 0 spans 60..120 degrees (the top); sector k is turned k*60 degrees
# clockwise from it.
_FIRST_SECTOR_END = math.radians(120)


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


def segments_cross(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
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

"""Many shapes of one colour drawn as one :class:`~kivy.graphics.Mesh`.

Kivy draws every vertex instruction as a draw call of its own. On Mesa's
software renderer each draw call of a frame (or of an Fbo's drawing) costs
memory in the renderer's scene, kept for the next frames: 1 000 small
Rectangles drawn in one frame raised the peak memory by about 40 MiB, the
same 1 000 squares in one Mesh by about 1 MiB (bench/README.md). The map of
a big family drew some 700 instructions (a halo, a dot, a pill and its edge
and a leader line per person); batched by colour it draws about a dozen.

    batch = ShapeBatch()
    batch.ellipse(theme.WHITE, cx, cy, r)
    batch.rounded_rect(theme.WHITE, x, y, w, h, radius)
    with canvas:
        batch.draw()          # a Color and a Mesh per colour, in first-use order

Shapes of one colour are drawn in the order given; colours in the order
they were first used. Pure geometry lives in the functions below.
"""

from __future__ import annotations

import math
from array import array
from typing import Iterable, Sequence

#: Kivy's Mesh indices are unsigned 16-bit: a mesh holds at most this many vertices.
MAX_VERTICES = 65_535

Point = tuple[float, float]


def circle_points(cx: float, cy: float, r: float, segments: int = 32) -> list[Point]:
    """The rim of a circle, counter-clockwise from angle 0."""
    step = 2 * math.pi / segments
    return [(cx + r * math.cos(i * step), cy + r * math.sin(i * step)) for i in range(segments)]


def rounded_rect_points(x: float, y: float, w: float, h: float, radius: float, corner_segments: int = 8
                        ) -> list[Point]:
    """The outline of a rounded rectangle, counter-clockwise (a convex polygon)."""
    r = max(0.0, min(radius, w / 2, h / 2))
    corners = ((x + w - r, y + r, -math.pi / 2), (x + w - r, y + h - r, 0.0),
               (x + r, y + h - r, math.pi / 2), (x + r, y + r, math.pi))
    points: list[Point] = []
    for ccx, ccy, start in corners:
        for i in range(corner_segments + 1):
            t = start + (math.pi / 2) * i / corner_segments
            points.append((ccx + r * math.cos(t), ccy + r * math.sin(t)))
    return points


def fan(rim: Sequence[Point]) -> tuple[list[Point], list[tuple[int, int, int]]]:
    """A convex polygon as triangles round its centre: (points, triangles),
    the centre first."""
    cx = sum(p[0] for p in rim) / len(rim)
    cy = sum(p[1] for p in rim) / len(rim)
    n = len(rim)
    return [(cx, cy), *rim], [(0, 1 + i, 1 + (i + 1) % n) for i in range(n)]


def band(outer: Sequence[Point], inner: Sequence[Point]) -> tuple[list[Point], list[tuple[int, int, int]]]:
    """The closed band between two rims of as many points (a ring)."""
    n = len(outer)
    triangles = []
    for i in range(n):
        j = (i + 1) % n
        triangles += [(i, j, n + i), (j, n + j, n + i)]
    return [*outer, *inner], triangles


def thick_segment(x0: float, y0: float, x1: float, y1: float, width: float
                  ) -> tuple[list[Point], list[tuple[int, int, int]]]:
    """A straight line ``width`` wide as two triangles."""
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
    return [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], [(0, 1, 2), (0, 2, 3)]


class ShapeBatch:
    """Shapes gathered per colour, drawn as one Mesh per colour (and per
    :data:`MAX_VERTICES`)."""

    def __init__(self) -> None:
        self._parts: dict[tuple[float, ...], list[tuple[list[Point], list[tuple[int, int, int]]]]] = {}

    def __len__(self) -> int:
        return sum(len(parts) for parts in self._parts.values())

    def add(self, colour: Iterable[float], shape: tuple[list[Point], list[tuple[int, int, int]]]) -> None:
        self._parts.setdefault(tuple(colour), []).append(shape)

    def ellipse(self, colour, cx: float, cy: float, r: float, segments: int = 32) -> None:
        self.add(colour, fan(circle_points(cx, cy, r, segments)))

    def ring(self, colour, cx: float, cy: float, r: float, width: float, segments: int = 32) -> None:
        self.add(colour, band(circle_points(cx, cy, r + width / 2, segments),
                              circle_points(cx, cy, max(0.0, r - width / 2), segments)))

    def rounded_rect(self, colour, x: float, y: float, w: float, h: float, radius: float) -> None:
        self.add(colour, fan(rounded_rect_points(x, y, w, h, radius)))

    def segment(self, colour, x0: float, y0: float, x1: float, y1: float, width: float) -> None:
        self.add(colour, thick_segment(x0, y0, x1, y1, width))

    def meshes(self) -> list[tuple[tuple[float, ...], array, array]]:
        """(colour, vertices as Kivy wants them: x, y, u, v, ..., indices) per
        mesh, as compact arrays: Kivy keeps what it is given, and a list of
        Python floats is eight times the size (about 5 MiB for a big map)."""
        out = []
        for colour, parts in self._parts.items():
            vertices = array("f")
            indices = array("H")
            count = 0
            for points, triangles in parts:
                if count + len(points) > MAX_VERTICES:
                    out.append((colour, vertices, indices))
                    vertices, indices, count = array("f"), array("H"), 0
                for x, y in points:
                    vertices.extend((x, y, 0.0, 0.0))
                for a, b, c in triangles:
                    indices.extend((count + a, count + b, count + c))
                count += len(points)
            if indices:
                out.append((colour, vertices, indices))
        return out

    def draw(self) -> int:
        """Add a Color and a Mesh per colour to the canvas being built (inside
        ``with canvas:``); the number of meshes."""
        from kivy.graphics import Color, Mesh
        meshes = self.meshes()
        for colour, vertices, indices in meshes:
            Color(*colour)
            Mesh(vertices=vertices, indices=indices, mode="triangles")
        return len(meshes)

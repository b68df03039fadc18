"""Draw the game's pictograms and write them to kaarten/pictograms/.

Every pictogram is an own drawing made of simple flat shapes (circles,
rounded rectangles, polygons and thick lines), drawn with Kivy's canvas into
an off-screen Fbo. No icon font, no letters, no words.

    python tools/pictograms.py            # regenerate every PNG + contact sheet
    python tools/pictograms.py heart sun  # regenerate only these (no sheet)

Output:
  kaarten/pictograms/<name>.png      256x256 RGBA, transparent background, drawn
                                    in the dark colour #1F2430 plus at most one
                                    accent colour, for light pastel cards
  kaarten/pictograms/contact-sheet.png
                                    every pictogram at 96 px and at 32 px on the
                                    theme card colours, in NAMES order (printed)

How a pictogram is drawn
  Shapes are described in a 100 x 100 design space with y pointing down
  (like SVG). They are rendered with blending switched off (each shape simply
  replaces what is under it, so "ERASE" cuts transparent holes and gaps) at 4x
  the target size, then reduced 2x and 2x again by drawing the texture with
  linear filtering, which is an exact 4x4 box filter (anti-aliasing). The
  result is premultiplied; it is un-premultiplied in Python and written as PNG
  with a small stdlib-only (zlib) writer, so the files are byte-for-byte
  reproducible on the same machine.
"""
from __future__ import annotations

import math
import os
import struct
import sys
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "kaarten" / "pictograms"
SIZE = 256          # size of the PNG files
SUPERSAMPLE = 4     # render at 4x, box-filter down (two exact 2x linear passes)

# Kivy must not eat our argv, needs no display, and should not touch ~/.kivy.
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
os.environ.setdefault("KIVY_LOG_LEVEL", "warning")
if "KIVY_HOME" not in os.environ:
    os.environ["KIVY_HOME"] = tempfile.mkdtemp(prefix="kivy-home-")


def _hex(h: str) -> tuple[float, float, float, float]:
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (1.0,)


DARK = _hex("#1F2430")
ERASE = (0.0, 0.0, 0.0, 0.0)
# Accent colours. Each pictogram uses at most one of them. Accents that are
# light (yellow) are always drawn with a dark outline, because they vanish on
# the yellow and peach cards otherwise.
RED = _hex("#E5484D")
YELLOW = _hex("#F7B731")
BLUE = _hex("#3C7DD9")
GREEN = _hex("#3BA55C")
ORANGE = _hex("#F28C28")
BROWN = _hex("#B8742A")

W = 9.0     # standard stroke: 9/100 of the size (23 px at 256, ~3 px at 32)
GAP = 4.0   # standard cut-out gap between overlapping shapes

# The theme card colours (kaarten/decks/themes.yaml), used as cell
# backgrounds of the contact sheet so contrast can be judged on each.
CARD_COLOURS = ["#F9D9D6", "#FFE9A8", "#D5EDD0", "#D9E8F5",
                "#F6D2E4", "#FCE1C4", "#E4DDF4"]


# --------------------------------------------------------------------------
# Geometry helpers (design space: 0..100, y down). All return [(x, y), ...].

def arc(cx, cy, rx, ry, a0, a1, n=None):
    """Points on an elliptical arc; angles in degrees, 0 = right, 90 = down."""
    if n is None:
        n = max(8, int(abs(a1 - a0) / 3))
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)))
            for i in range(n + 1)]


def circle(cx, cy, r):
    return arc(cx, cy, r, r, 0, 360)[:-1]


def ellipse(cx, cy, rx, ry, rot=0.0):
    return rotate_pts(arc(cx, cy, rx, ry, 0, 360)[:-1], rot, cx, cy)


def rrect(x, y, w, h, r):
    """Rounded rectangle; r is one radius or (top-left, top-right,
    bottom-right, bottom-left)."""
    if not isinstance(r, (tuple, list)):
        r = (r, r, r, r)
    r = [min(ri, w / 2, h / 2) for ri in r]
    pts = []
    for (cx, cy, a0), ri in zip(((x + r[0], y + r[0], 180),
                                 (x + w - r[1], y + r[1], 270),
                                 (x + w - r[2], y + h - r[2], 0),
                                 (x + r[3], y + h - r[3], 90)), r):
        if ri <= 0:
            pts.append((cx, cy))
        else:
            pts.extend(arc(cx, cy, ri, ri, a0, a0 + 90, 16))
    return pts


def rect(x, y, w, h):
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def bezier(p0, p1, p2, p3, n=24):
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        pts.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0]
                    + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1]
                    + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return pts


def star(cx, cy, r_out, r_in, points=5, rot=-90.0):
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 180.0 / points)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def rotate_pts(pts, deg, cx=50.0, cy=50.0):
    if not deg:
        return list(pts)
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c)
            for x, y in pts]


def drop(cx, cy, r):
    """A raindrop: round bottom centred at (cx, cy), point upwards."""
    pts = arc(cx, cy, r, r, -30, 210, 40)
    tip = (cx, cy - 2.3 * r)
    return [tip] + pts


# --------------------------------------------------------------------------
# The pen: turns design-space shapes into Kivy instructions.

class Pen:
    """Draws into the current Kivy canvas context (use inside `with fbo:`).

    Blending is off while drawing, so every shape replaces the pixels under
    it. Colour ERASE cuts transparent holes: it is drawn opaque with a
    blend function that writes zero, because Kivy draws a thick Line whose
    colour has alpha < 1 through the stencil buffer (as its bounding box
    without one).
    """

    def __init__(self, px_size):
        self.k = px_size / 100.0
        self._rot = []          # stack of (deg, cx, cy)
        self._erasing = False

    def _colour(self, colour):
        from kivy.graphics import Callback, Color
        erase = colour == ERASE
        if erase != self._erasing:
            Callback(_erase_blend if erase else _replace_blend)
            self._erasing = erase
        Color(*((1.0, 1.0, 1.0, 1.0) if erase else colour))

    # transforms ------------------------------------------------------------
    @contextmanager
    def rotated(self, deg, cx=50.0, cy=50.0):
        self._rot.append((deg, cx, cy))
        try:
            yield
        finally:
            self._rot.pop()

    def _map(self, pts, close=False):
        """Design space -> pixels. Drops repeated points: Kivy's Line
        produces wild triangles at a zero-length segment."""
        for deg, cx, cy in reversed(self._rot):
            pts = rotate_pts(pts, deg, cx, cy)
        k = self.k
        out = []
        for x, y in pts:
            q = (x * k, (100.0 - y) * k)
            if not out or math.dist(q, out[-1]) > 1e-3:
                out.append(q)
        if close and len(out) > 1 and math.dist(out[0], out[-1]) <= 1e-3:
            out.pop()
        return out

    # primitives ------------------------------------------------------------
    def fill(self, pts, colour=DARK, gap=0.0, holes=()):
        """Fill a polygon (any shape, concave allowed, minus the polygons in
        holes); with gap > 0 first cut a transparent margin of that width
        around it."""
        from kivy.graphics import Mesh
        from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
        if gap:
            self.stroke(pts, 2 * gap, ERASE, close=True)
        tess = Tesselator()
        for contour in (pts, *holes):
            tess.add_contour([c for p in self._map(contour, close=True)
                              for c in p])
        if not tess.tesselate(WINDING_ODD, TYPE_POLYGONS):
            raise ValueError("could not tesselate shape")
        self._colour(colour)
        for vertices, indices in tess.meshes:
            Mesh(vertices=vertices, indices=indices, mode="triangle_fan")

    def stroke(self, pts, width=W, colour=DARK, close=False, gap=0.0,
               cap="round"):
        """A thick line through the points, round joints; with gap > 0 a
        transparent margin is cut around it first."""
        from kivy.graphics import Line
        if gap:
            self.stroke(pts, width + 2 * gap, ERASE, close=close, cap=cap)
        self._colour(colour)
        flat = [c for p in self._map(pts, close) for c in p]
        # Kivy's Line width is half the drawn thickness. Keep widths well
        # below the radius of curved paths: very wide round-joined lines
        # produce stray triangles (use fill(..., holes=...) instead).
        Line(points=flat, width=width * self.k / 2.0, cap=cap,
             joint="round", close=close)

    def outlined(self, pts, fill_colour, width=W, line_colour=DARK, gap=0.0):
        """Filled shape with a dark outline centred on its edge."""
        if gap:
            self.stroke(pts, width + 2 * gap, ERASE, close=True)
        self.fill(pts, fill_colour)
        self.stroke(pts, width, line_colour, close=True)

    def outlined_union(self, shapes, fill_colour, width=W, line_colour=DARK):
        """Several overlapping shapes filled as one, with one outline of the
        given visible width round their union: all outlines (twice as wide,
        centred on the edges) first, then all fills on top, which hide the
        inner halves of the outlines."""
        for pts in shapes:
            self.stroke(pts, 2 * width, line_colour, close=True)
        for pts in shapes:
            self.fill(pts, fill_colour)


# --------------------------------------------------------------------------
# The pictograms. Each function draws one with the given pen.

PICTOGRAMS = {}


def pictogram(fn):
    PICTOGRAMS[fn.__name__.rstrip("_")] = fn
    return fn


@pictogram
def heart(p):
    pts = []
    n = 120
    for i in range(n):
        t = 2 * math.pi * i / n
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t)
              - math.cos(4 * t))
        pts.append((x, y))
    # fit into the box 10..90 x 13..89
    xs = [x for x, _ in pts]
    ys = [y for _, y in pts]
    s = min(80 / (max(xs) - min(xs)), 76 / (max(ys) - min(ys)))
    cy = (max(ys) + min(ys)) / 2
    pts = [(50 + x * s, 51 + (y - cy) * s) for x, y in pts]
    p.outlined(pts, RED)


@pictogram
def smile(p):
    p.outlined(circle(50, 50, 40), YELLOW)
    p.fill(ellipse(36, 40, 5.5, 7.5))
    p.fill(ellipse(64, 40, 5.5, 7.5))
    p.stroke(arc(50, 50, 23, 22, 25, 155))


@pictogram
def basket(p):
    p.stroke(arc(50, 48, 27, 30, 180, 360))                     # handle
    body = [(15, 52), (85, 52), (77, 90), (23, 90)]
    p.outlined(body, ORANGE)
    for x0, x1 in ((34, 37), (50, 50), (66, 63)):               # weave
        p.stroke([(x0, 56), (x1, 86)], 6)
    p.fill(rrect(8, 42, 84, 14, 6))                             # rim


@pictogram
def lightbulb(p):
    glass = arc(50, 44, 25, 25, 130, 410) + [(61, 70), (39, 70)]
    p.outlined(glass, YELLOW)
    p.stroke([(39, 79), (61, 79)], 9)                           # base
    p.stroke([(43, 90), (57, 90)], 9)
    for a in (-90, -150, -30, 180, 0):                          # rays
        c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
        p.stroke([(50 + 34 * c, 44 + 34 * s), (50 + 42 * c, 44 + 42 * s)], 7)


@pictogram
def phone(p):
    p.fill(rrect(24, 8, 40, 84, 9))                             # body
    p.fill(rrect(30, 18, 28, 58, 2), BLUE)                      # screen
    p.fill(circle(44, 84, 3.5), ERASE)                          # button
    for r in (10, 20):                                          # call waves
        p.stroke(arc(66, 24, r, r, -70, 20), 7)


@pictogram
def sun(p):
    p.outlined(circle(50, 50, 22), YELLOW)
    for i in range(8):
        a = math.radians(i * 45)
        c, s = math.cos(a), math.sin(a)
        p.stroke([(50 + 33 * c, 50 + 33 * s), (50 + 43 * c, 50 + 43 * s)])


@pictogram
def star_(p):
    p.outlined(star(50, 54, 44, 19), YELLOW)


@pictogram
def hug(p):
    # a grown-up (dark) puts an arm round a child's (accent) shoulders
    p.fill(circle(35, 22, 13))
    p.fill(rrect(10, 40, 48, 54, (24, 24, 0, 0)))
    p.fill(circle(67, 42, 11), ORANGE, gap=GAP)
    p.fill(rrect(50, 60, 38, 34, (17, 17, 0, 0)), ORANGE, gap=GAP)
    p.stroke(bezier((46, 56), (60, 50), (82, 54), (88, 72)), 9, gap=3)


@pictogram
def ball(p):
    # a football: a dark pentagon in the middle, short seams out to five
    # dark pentagons that the rim cuts off
    p.fill(star(50, 50, 15, 15, 5)[::2])
    for i in range(5):
        a = math.radians(-90 + 72 * i)
        c, s = math.cos(a), math.sin(a)
        p.stroke([(50 + 14 * c, 50 + 14 * s), (50 + 28 * c, 50 + 28 * s)], 6)
        p.fill(star(50 + 45 * c, 50 + 45 * s, 19, 19, 5,
                    rot=math.degrees(a) + 180)[::2])
    p.fill(rect(-5, -5, 110, 110), ERASE, holes=[circle(50, 50, 42)])
    p.stroke(circle(50, 50, 39), 8, close=True)


@pictogram
def school(p):
    p.fill(rect(12, 46, 76, 46))                                # building
    p.fill([(6, 48), (50, 20), (94, 48)])                       # pediment
    p.fill(circle(50, 38, 7), ERASE)                            # clock
    p.fill(rrect(42, 68, 16, 24, (8, 8, 0, 0)), ERASE)          # door
    for x in (19, 69):                                          # windows
        p.fill(rect(x, 56, 12, 12), ERASE)
        p.fill(rect(x, 74, 12, 10), ERASE)
    p.stroke([(50, 22), (50, 6)], 4)                            # flag
    p.fill([(50, 4), (68, 9), (50, 15)], RED)


@pictogram
def bed(p):
    p.fill(rrect(6, 30, 12, 62, (6, 6, 2, 2)))                  # headboard
    p.fill(rrect(84, 54, 10, 38, (5, 5, 2, 2)))                 # footboard
    p.fill(rect(6, 70, 88, 12))                                 # frame
    p.fill(circle(30, 52, 9))                                   # head
    p.fill(rrect(38, 48, 42, 24, (10, 4, 0, 0)), BLUE, gap=GAP)  # blanket
    p.fill(rect(6, 70, 88, 12))


@pictogram
def signpost(p):
    p.fill(rrect(45, 10, 10, 84, 3))                            # pole
    p.stroke([(28, 92), (72, 92)], 7)                           # ground
    p.fill([(18, 16), (76, 16), (88, 27), (76, 38), (18, 38)])  # to the right
    p.outlined([(84, 46), (26, 46), (13, 57), (26, 68), (84, 68)],
               GREEN)                                           # to the left


@pictogram
def plate(p):
    p.stroke(circle(54, 50, 30), W, close=True)                 # plate rim
    p.stroke(circle(54, 50, 17), 5, close=True)
    p.stroke([(13, 44), (13, 90)], 8)                           # fork
    p.fill(rrect(5, 10, 16, 30, (2, 2, 8, 8)))
    p.stroke([(10.3, 8), (10.3, 24)], 3, ERASE, cap="square")
    p.stroke([(15.7, 8), (15.7, 24)], 3, ERASE, cap="square")
    p.stroke([(89, 50), (89, 90)], 8)                           # knife
    p.fill(rrect(84, 10, 10, 44, (0, 9, 2, 2)))


@pictogram
def book(p):
    left = (bezier((50, 26), (38, 18), (20, 18), (8, 22))
            + [(8, 78)] + bezier((8, 78), (20, 74), (38, 76), (50, 84)))
    right = [(100 - x, y) for x, y in left]
    p.fill(left)
    p.fill(right)
    p.stroke([(50, 24), (50, 86)], 4, ERASE)                    # spine gap
    for y in (36, 48, 60):                                      # text lines
        p.stroke([(17, y - 3), (41, y + 1)], 4, ERASE)
        p.stroke([(83, y - 3), (59, y + 1)], 4, ERASE)


@pictogram
def bicycle(p):
    rear, front = (24, 64), (76, 64)
    p.stroke(circle(*rear, 18), 7, close=True)
    p.stroke(circle(*front, 18), 7, close=True)
    bb, seat, head = (46, 64), (40, 38), (68, 38)
    p.stroke([rear, seat, head, bb, rear], 7, RED)
    p.stroke([seat, bb], 7, RED)
    p.stroke([head, front], 7, RED)
    p.stroke([(32, 34), (46, 34)], 7)                           # saddle
    p.stroke([(68, 38), (66, 26), (76, 26)], 7)                 # handlebar


@pictogram
def thermometer(p):
    with p.rotated(30):
        p.fill(rrect(38, 6, 24, 70, 12))                        # tube
        p.fill(circle(50, 76, 17))                              # bulb
        p.fill(rrect(44, 12, 12, 62, 6), ERASE)
        p.fill(circle(50, 76, 10), ERASE)
        p.fill(circle(50, 76, 8), RED)
        p.fill(rrect(47, 40, 6, 36, 3), RED)
        for y in (20, 32, 44):                                  # ticks
            p.stroke([(64, y), (72, y)], 5)


@pictogram
def cake(p):
    p.fill(rrect(16, 48, 68, 42, (6, 6, 2, 2)))                 # cake
    wave = []                                                   # icing line
    for i in range(41):
        x = 20 + 60 * i / 40
        wave.append((x, 64 + 4 * math.sin(i / 40 * 6 * math.pi)))
    p.stroke(wave, 5, ERASE)
    p.stroke([(8, 92), (92, 92)], 6)                            # plate
    for x in (30, 50, 70):                                      # candles
        p.fill(rrect(x - 3.5, 28, 7, 20, 1.5))
        p.fill(drop(x, 18, 5.5), ORANGE)


@pictogram
def moon(p):
    # a yellow crescent with a dark outline: big disc minus a smaller one
    (bx, by, br), (sx, sy, sr), h = (46, 52, 37), (67, 37, 31), W / 2
    p.fill(circle(bx, by, br + h))
    p.fill(circle(bx, by, br - h), YELLOW)
    p.fill(circle(sx, sy, sr + h))
    p.fill(circle(sx, sy, sr - h), ERASE)
    p.fill(rect(-5, -5, 110, 110), ERASE, holes=[circle(bx, by, br + h)])
    p.fill(star(76, 44, 12, 4, 4, rot=-90))                     # sparkles
    p.fill(star(86, 18, 8, 3, 4, rot=-90))


@pictogram
def raincloud(p):
    for pts in (circle(32, 42, 16), circle(54, 34, 22), circle(72, 46, 15),
                rrect(16, 38, 70, 24, 12)):
        p.fill(pts)
    for x, y in ((30, 84), (50, 89), (70, 84)):
        p.fill(drop(x, y, 7.5), BLUE)


@pictogram
def dog(p):
    p.fill(ellipse(24, 46, 11, 25, rot=20))                     # ears
    p.fill(ellipse(76, 46, 11, 25, rot=-20))
    face = ellipse(50, 52, 25, 30)
    p.stroke(face, W, ERASE, close=True)
    p.outlined(face, BROWN, width=7)                            # face
    p.fill(circle(40, 46, 5))                                   # eyes
    p.fill(circle(60, 46, 5))
    p.fill(ellipse(50, 63, 9, 6.5))                             # nose
    p.stroke(arc(44, 69, 6, 6, 20, 160), 4)                     # mouth
    p.stroke(arc(56, 69, 6, 6, 20, 160), 4)


@pictogram
def car(p):
    body = rrect(6, 46, 88, 26, 9)
    cabin = [(22, 50), (32, 26), (68, 26), (82, 50)]
    p.fill(cabin, RED)
    p.fill(body, RED)
    p.fill([(35, 32), (48, 32), (48, 46), (29, 46)], ERASE)     # windows
    p.fill([(53, 32), (65, 32), (73, 46), (53, 46)], ERASE)
    for x in (28, 72):                                          # wheels
        p.fill(circle(x, 74, 12), gap=GAP)
        p.fill(circle(x, 74, 4), ERASE)


@pictogram
def music(p):
    p.fill([(38, 18), (86, 8), (86, 22), (38, 32)])             # beam
    p.stroke([(41, 22), (41, 76)], 7, cap="square")             # stems
    p.stroke([(82.5, 14), (82.5, 68)], 7, cap="square")
    p.fill(ellipse(31, 78, 13, 9.5, rot=-20))                   # heads
    p.fill(ellipse(72, 70, 13, 9.5, rot=-20))


@pictogram
def tree(p):
    p.fill([(44, 92), (45, 56), (55, 56), (56, 92)])            # trunk
    crown = [circle(50, 31, 20), circle(31, 45, 15), circle(69, 45, 15),
             circle(50, 52, 15)]
    p.outlined_union(crown, GREEN)
    p.stroke([(22, 92), (78, 92)], 7)                           # ground


@pictogram
def umbrella(p):
    canopy = arc(50, 52, 42, 40, 180, 360)
    for i in range(4):                                          # scallops
        cx = 81.5 - 21 * i
        canopy += arc(cx, 52, 10.5, 7, 0, -180, 16)[1:]
    p.outlined(canopy, BLUE)
    p.stroke([(50, 54), (50, 80)], 7)                           # shaft
    p.stroke(arc(42, 80, 8, 8, 0, 180), 7)                      # handle
    p.stroke([(50, 12), (50, 6)], 7)                            # tip


@pictogram
def gift(p):
    p.fill(rect(15, 48, 70, 44))                                # box
    p.fill(rrect(10, 34, 80, 16, 2), gap=GAP)                   # lid
    p.fill(rect(44, 34, 12, 58), RED)                           # ribbon
    loop_l = bezier((50, 34), (24, 0), (4, 28), (50, 34))
    loop_r = [(100 - x, y) for x, y in loop_l]
    p.stroke(loop_l, 7, RED, close=True)
    p.stroke(loop_r, 7, RED, close=True)


@pictogram
def bus(p):
    p.fill(rrect(16, 8, 68, 78, 10))                            # body
    p.fill(rrect(23, 18, 54, 32, 4), ERASE)                     # windscreen
    p.fill(rect(23, 56, 54, 4), ERASE)                          # bumper line
    p.fill(circle(31, 70, 6), YELLOW)                           # lights
    p.fill(circle(69, 70, 6), YELLOW)
    p.fill(rrect(20, 82, 14, 12, 3))                            # wheels
    p.fill(rrect(66, 82, 14, 12, 3))
    p.stroke([(16, 24), (8, 24), (8, 36)], 5)                   # mirrors
    p.stroke([(84, 24), (92, 24), (92, 36)], 5)


@pictogram
def key(p):
    p.outlined(circle(30, 30, 20), YELLOW, width=10)
    p.fill(circle(27, 27, 6.5), ERASE)
    p.stroke([(44, 44), (86, 86)], 11)
    p.stroke([(70, 70), (61, 79)], 10)
    p.stroke([(82, 82), (74, 90)], 10)


@pictogram
def house(p):
    p.fill(rect(65, 14, 12, 24))                                # chimney
    p.stroke([(8, 50), (50, 14), (92, 50)], 10)                 # roof
    p.stroke([(22, 48), (22, 88), (78, 88), (78, 48)], 9)       # walls
    p.fill(rrect(42, 58, 17, 30, (8, 8, 0, 0)), RED)            # door


@pictogram
def hand(p):
    fingers = [(29, 24, 10, 38), (41, 12, 10, 50), (53, 14, 10, 48),
               (65, 24, 10, 40)]
    for x, y, w, h in fingers:
        p.fill(rrect(x, y, w, h, 5))
    p.fill(rrect(27, 50, 50, 42, (6, 6, 18, 18)))               # palm
    p.stroke([(32, 80), (15, 58)], 12)                          # thumb
    for x, _, _w, _ in fingers[1:]:                            # finger gaps
        p.stroke([(x - 1, 30), (x - 1, 52)], 2.5, ERASE, cap="none")
    heart_pts = []
    for i in range(80):
        t = 2 * math.pi * i / 80
        heart_pts.append((52 + 0.75 * 16 * math.sin(t) ** 3,
                          72 - 0.75 * (13 * math.cos(t) - 5 * math.cos(2 * t)
                                       - 2 * math.cos(3 * t)
                                       - math.cos(4 * t))))
    p.fill(heart_pts, RED, gap=GAP)


@pictogram
def family(p):
    # two grown-ups and two children: dark grown-ups, accent children
    p.fill(circle(22, 24, 11))
    p.fill(rrect(7, 40, 30, 54, (15, 15, 0, 0)))
    p.fill(circle(78, 24, 11))
    p.fill(rrect(63, 40, 30, 54, (15, 15, 0, 0)))
    p.fill(circle(42, 50, 8.5), ORANGE, gap=GAP)
    p.fill(rrect(31, 62, 22, 32, (11, 11, 0, 0)), ORANGE, gap=GAP)
    p.fill(circle(60, 58, 7), ORANGE, gap=GAP)
    p.fill(rrect(51, 69, 18, 25, (9, 9, 0, 0)), ORANGE, gap=GAP)


@pictogram
def pencil(p):
    with p.rotated(-45):
        p.outlined(rect(28, 40, 56, 20), YELLOW)                # body
        p.outlined([(28, 40), (28, 60), (6, 50)], YELLOW)       # wood tip
        p.fill([(13, 46.8), (13, 53.2), (6, 50)])               # lead
        p.fill(rrect(84, 40, 14, 20, (0, 6, 6, 0)))             # eraser


@pictogram
def mirror(p):
    p.stroke([(50, 68), (50, 92)], 12)                          # handle
    p.fill(rrect(42, 62, 16, 10, 3))                            # neck
    p.outlined(ellipse(50, 36, 26, 30), BLUE)                   # glass
    p.stroke([(34, 36), (42, 22)], 5, ERASE)                    # shine
    p.stroke([(36, 50), (52, 24)], 5, ERASE)


@pictogram
def speech(p):
    back = rrect(6, 8, 60, 42, 18)
    p.fill(back)
    p.fill([(18, 44), (14, 62), (34, 46)])
    front = rrect(34, 40, 60, 42, 18)
    tail = [(70, 78), (86, 94), (84, 76)]
    p.fill(tail, BLUE, gap=GAP)
    p.fill(front, BLUE, gap=GAP)
    p.fill(tail, BLUE)
    for x in (50, 64, 78):
        p.fill(circle(x, 61, 4.5))


@pictogram
def ear(p):
    # an ear seen from the side, facing left: a filled shell with a dark
    # outline and inner fold, and two sound arcs ("someone listens")
    shell = bezier((36, 40), (34, 8), (86, 4), (84, 38)) + \
        bezier((84, 38), (83, 58), (64, 60), (62, 76))[1:] + \
        bezier((62, 76), (60, 96), (32, 96), (34, 74))[1:] + \
        bezier((34, 74), (36, 60), (37, 52), (36, 40))[1:]
    p.outlined(shell, ORANGE)
    fold = bezier((50, 44), (48, 24), (72, 22), (70, 40)) + \
        bezier((70, 40), (68, 52), (54, 52), (54, 64))[1:]
    p.stroke(fold, 7)
    for r in (10, 20):
        p.stroke(arc(20, 52, r, r, 125, 235), 6)


@pictogram
def friends(p):
    # two children side by side holding hands
    p.fill(circle(26, 24, 12))
    p.fill(rrect(10, 42, 32, 50, (16, 16, 0, 0)))
    p.fill(circle(74, 28, 11), GREEN)
    p.fill(rrect(59, 45, 30, 47, (15, 15, 0, 0)), GREEN)
    p.stroke([(40, 54), (50, 66)], 8, DARK)
    p.stroke([(60, 56), (50, 66)], 8, GREEN)
    p.fill(circle(50, 66, 6), DARK)


NAMES = sorted(PICTOGRAMS)
REQUIRED = ["heart", "smile", "basket", "lightbulb", "phone", "sun", "star",
            "hug", "ball", "school", "bed", "signpost", "plate", "book",
            "bicycle", "thermometer", "cake", "moon", "raincloud", "dog",
            "car", "music", "tree", "umbrella", "gift", "bus", "key", "house",
            "hand", "family", "pencil", "mirror", "speech", "ear", "friends"]


# --------------------------------------------------------------------------
# Rendering

def _ensure_gl():
    from kivy.core.window import Window  # noqa: F401  (creates the context)


def _replace_blend(_instr):
    from kivy.graphics import opengl as gl
    gl.glBlendFunc(gl.GL_ONE, gl.GL_ZERO)


def _erase_blend(_instr):
    from kivy.graphics import opengl as gl
    gl.glBlendFunc(gl.GL_ZERO, gl.GL_ZERO)


def _normal_blend(_instr):
    from kivy.graphics import opengl as gl
    gl.glBlendFuncSeparate(gl.GL_SRC_ALPHA, gl.GL_ONE_MINUS_SRC_ALPHA,
                           gl.GL_ONE, gl.GL_ONE)


def render(name: str, size: int = SIZE) -> bytes:
    """Render one pictogram; returns size*size RGBA bytes, rows top to
    bottom, straight (not premultiplied) alpha."""
    _ensure_gl()
    from kivy.graphics import Callback, ClearBuffers, ClearColor, Fbo, Rectangle
    big = size * SUPERSAMPLE
    fbo = Fbo(size=(big, big))
    with fbo:
        ClearColor(0, 0, 0, 0)
        ClearBuffers()
        Callback(_replace_blend)
        PICTOGRAMS[name](Pen(big))
        Callback(_normal_blend)
    fbo.draw()
    src = fbo
    cur = big
    while cur > size:                       # exact 2x box filter per pass
        cur //= 2
        tex = src.texture
        tex.min_filter = "linear"
        tex.mag_filter = "linear"
        nxt = Fbo(size=(cur, cur))
        with nxt:
            ClearColor(0, 0, 0, 0)
            ClearBuffers()
            Callback(_replace_blend)
            Rectangle(texture=tex, pos=(0, 0), size=(cur, cur))
            Callback(_normal_blend)
        nxt.draw()
        src = nxt
    raw = src.pixels                        # premultiplied, bottom row first
    rows = [raw[y * size * 4:(y + 1) * size * 4] for y in range(size)]
    data = bytearray(b"".join(reversed(rows)))
    for i in range(0, len(data), 4):        # un-premultiply
        a = data[i + 3]
        if 0 < a < 255:
            for j in range(3):
                data[i + j] = min(255, (data[i + j] * 255 + a // 2) // a)
        elif a == 0:
            data[i] = data[i + 1] = data[i + 2] = 0
    return bytes(data)


def write_png(path, width: int, height: int, rgba: bytes) -> None:
    """Minimal deterministic PNG writer (8-bit RGBA, filter 'Sub' per row)."""
    stride = width * 4
    out = bytearray()
    for y in range(height):
        row = rgba[y * stride:(y + 1) * stride]
        out.append(1)                       # filter type 1: Sub
        prev = bytes(4) + row[:-4]
        out.extend((a - b) & 0xFF for a, b in zip(row, prev))

    def chunk(tag, body):
        c = struct.pack(">I", len(body)) + tag + body
        return c + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6,
                                        0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(out), 9))
           + chunk(b"IEND", b""))
    Path(path).write_bytes(png)


def contact_sheet(cols: int = 6) -> tuple[int, int, bytes]:
    """All pictograms in NAMES order, each cell showing it at 96 px and at
    32 px on one of the theme card colours (cycled). No text."""
    cell_w, cell_h, pad = 156, 112, 8
    rows = -(-len(NAMES) // cols)
    w, h = cols * cell_w, rows * cell_h
    sheet = bytearray(b"\xff\xff\xff\xff" * (w * h))
    for idx, name in enumerate(NAMES):
        cx, cy = (idx % cols) * cell_w, (idx // cols) * cell_h
        bg = _hex(CARD_COLOURS[idx % len(CARD_COLOURS)])
        bg = [round(c * 255) for c in bg[:3]]
        for y in range(cy + 2, cy + cell_h - 2):
            for x in range(cx + 2, cx + cell_w - 2):
                o = (y * w + x) * 4
                sheet[o:o + 3] = bytes(bg)
        for size, ox, oy in ((96, pad, pad),
                             (32, pad + 96 + 12, pad + 32)):
            img = render(name, size)
            for y in range(size):
                for x in range(size):
                    i = (y * size + x) * 4
                    a = img[i + 3]
                    if not a:
                        continue
                    o = ((cy + oy + y) * w + cx + ox + x) * 4
                    for j in range(3):
                        sheet[o + j] = (img[i + j] * a
                                        + sheet[o + j] * (255 - a) + 127) // 255
    return w, h, bytes(sheet)


def main(argv: list[str]) -> int:
    missing = sorted(set(REQUIRED) - set(PICTOGRAMS))
    if missing:
        print("missing pictograms:", ", ".join(missing), file=sys.stderr)
        return 1
    names = argv or NAMES
    unknown = [n for n in names if n not in PICTOGRAMS]
    if unknown:
        print("unknown pictogram:", ", ".join(unknown), file=sys.stderr)
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in names:
        write_png(OUT_DIR / f"{name}.png", SIZE, SIZE, render(name))
    if not argv:
        w, h, sheet = contact_sheet()
        write_png(OUT_DIR / "contact-sheet.png", w, h, sheet)
        print("contact sheet order (left to right, top to bottom; each cell "
              "shows 96 px and 32 px):")
        for i, name in enumerate(NAMES, 1):
            print(f"{i:2d}. {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

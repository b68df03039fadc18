"""The map alone as a PNG: the same drawing as on paper (:mod:`app.export.mapdraw`),
on a Pillow image instead of a PDF page.

Drawn at twice the size and scaled down (Pillow does not smooth the edges
of what it fills). Text is shaped and ordered by the app's own helper
(:func:`app.scripts.display_text`) and drawn with Pillow's basic layout, so
the PNG looks the same with or without libraqm. Pillow is fpdf2's own
dependency and has an Android recipe.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app import theme
from app.export.content import HandOut
from app.export.fonts import FontSet, fonts
from app.export.mapdraw import Colour, draw_map
from app.scripts import display_text

__all__ = ["png_bytes", "write_png", "ImageSurface", "MAP_PX"]

#: The PNG's side in pixels (print quality for a map of about 13 cm).
MAP_PX = 1600
_SUPERSAMPLE = 2


def _rgba(colour: Colour) -> tuple[int, int, int, int]:
    return tuple(round(c * 255) for c in colour[:3]) + (255,)  # type: ignore[return-value]


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


class ImageSurface:
    """A square image where the map is drawn (:class:`app.export.mapdraw.Surface`)."""

    def __init__(self, px: int, size: float, lang: str, font_set: FontSet | None = None) -> None:
        self.px, self.size, self.lang = px, size, lang
        self.fonts = font_set or fonts()
        self.k = px / size
        self.image = Image.new("RGBA", (px, px), _rgba(theme.WHITE))
        self.draw = ImageDraw.Draw(self.image)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, (self.size - y) * self.k

    def _face(self, text: str, size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
        family = self.fonts.families[self.fonts.family_for(text, self.lang)]
        path = family.bold if bold and family.bold is not None else family.regular
        return _font(str(path), max(1, round(size * self.k)))

    def polygon(self, points, fill):
        self.draw.polygon([self._xy(x, y) for x, y in points], fill=_rgba(fill))

    def circle(self, cx, cy, r, fill=None, stroke=None, width=0.0):
        x, y = self._xy(cx, cy)
        rk = r * self.k
        self.draw.ellipse((x - rk, y - rk, x + rk, y + rk), fill=_rgba(fill) if fill else None,
                          outline=_rgba(stroke) if stroke else None, width=max(1, round(width * self.k)) if stroke else 0)

    def line(self, x0, y0, x1, y1, colour, width):
        self.draw.line([self._xy(x0, y0), self._xy(x1, y1)], fill=_rgba(colour), width=max(1, round(width * self.k)))

    def rounded_box(self, box, radius, fill=None, stroke=None, width=0.0):
        x0, y0 = self._xy(box.x, box.top)
        x1, y1 = self._xy(box.right, box.y)
        self.draw.rounded_rectangle((x0, y0, x1, y1), radius=radius * self.k, fill=_rgba(fill) if fill else None,
                                    outline=_rgba(stroke) if stroke else None,
                                    width=max(1, round(width * self.k)) if stroke else 0)

    def text(self, box, text, size, colour, bold=False):
        x, y = self._xy(*box.center)
        self.draw.text((x, y), display_text(text), fill=_rgba(colour), font=self._face(text, size, bold), anchor="mm")

    def measure(self, text, size):
        face = self._face(text, size)
        return face.getlength(display_text(text)) / self.k, size * 1.3


def png_bytes(content: HandOut, px: int = MAP_PX, *, font_set: FontSet | None = None) -> bytes:
    """The map of ``content`` as a PNG image ``px`` pixels square."""
    size = 500.0  # map units, as on paper: the same layout, only scaled
    surface = ImageSurface(px * _SUPERSAMPLE, size, content.lang, font_set)
    draw_map(surface, content, size, dp=0.62, font_size=9.5)
    image = surface.image.resize((px, px), Image.Resampling.LANCZOS).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_png(content: HandOut, path: Path, **kwargs) -> Path:
    Path(path).write_bytes(png_bytes(content, **kwargs))
    return Path(path)

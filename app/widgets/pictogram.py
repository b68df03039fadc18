"""Pictograms: the drawings in ``kaarten/pictograms/<name>.png``.

:func:`pictogram_path` finds one (or returns '' when it does not exist, so a
missing drawing shows nothing instead of a broken image); :class:`Pictogram`
shows one, keeping its proportions.
"""

from __future__ import annotations

from kivy.properties import StringProperty
from kivy.uix.image import Image

from kaarten.resources import PICTOGRAMS_DIR  # one folder, the one the decks check

__all__ = ["PICTOGRAMS_DIR", "pictogram_path", "Pictogram"]


def pictogram_path(name: str | None) -> str:
    if not name:
        return ""
    path = PICTOGRAMS_DIR / f"{name}.png"
    return str(path) if path.is_file() else ""


class Pictogram(Image):
    """An image from ``kaarten/pictograms`` by name; empty when missing."""

    name = StringProperty("")

    def __init__(self, **kwargs):
        kwargs.setdefault("fit_mode", "contain")
        super().__init__(**kwargs)
        self.source = pictogram_path(self.name)

    def on_name(self, _instance, name):
        self.source = pictogram_path(name)

"""The family's network map: where dots and names go, and the widget that draws them.

``geometry``, ``fit``, ``labels`` and ``layout`` are pure Python (no Kivy), so
the map can be laid out and tested without a window, and drawn on paper by the
export from the same :class:`MapLayout`. Only ``widget`` (imported by name,
never from here) needs Kivy.
"""
from app.map.fit import ELLIPSIS, Measure, fit_text
from app.map.geometry import (
    CIRCLE_COUNT,
    SECTOR_COUNT,
    Box,
    Geometry,
    PlacedDot,
    leader_line,
    sector_angles,
    sector_mid_angle,
    segment_hits_box,
)
from app.map.labels import PlacedLabel
from app.map.layout import FONT_STEPS, TOUCH_TARGET_DP, MapLayout, MapPerson, dot_radius, layout_map

__all__ = [
    "CIRCLE_COUNT", "ELLIPSIS", "FONT_STEPS", "SECTOR_COUNT", "TOUCH_TARGET_DP",
    "Box", "Geometry", "MapLayout", "MapPerson", "Measure", "PlacedDot", "PlacedLabel",
    "dot_radius", "fit_text", "layout_map", "leader_line", "sector_angles", "sector_mid_angle",
    "segment_hits_box",
]

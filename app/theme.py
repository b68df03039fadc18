"""The look of the app: colours, spacing, touch sizes and type sizes.

One calm, warm palette. Every colour pair the app draws text on is checked
against the WCAG 2.2 contrast formula (:func:`contrast`), in the tests and in
:func:`text_on`, which picks dark or white text for any background.

Sizes are plain numbers: type sizes in sp (scaled once more by the text-size
setting, see :mod:`app.widgets.text`), spacing and touch sizes in dp. Kv files import
this module as ``theme`` (``#:import theme app.theme``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import tr
from kaarten.network import Closeness, Sector

# --- colour arithmetic -------------------------------------------------------


def rgba(hex_colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """``'#1F2430'`` -> Kivy colour ``(r, g, b, a)`` in 0..1."""
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour) -> float:
    """WCAG relative luminance of a hex string or an (r, g, b[, a]) tuple."""
    r, g, b = (rgba(colour) if isinstance(colour, str) else colour)[:3]
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(fg, bg) -> float:
    """WCAG 2.2 contrast ratio between two opaque colours (1.0 .. 21.0)."""
    a, b = luminance(fg), luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def mix(colour, other, amount: float) -> tuple[float, float, float, float]:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``."""
    c = rgba(colour) if isinstance(colour, str) else colour
    o = rgba(other) if isinstance(other, str) else other
    return tuple(c[i] + (o[i] - c[i]) * amount for i in range(3)) + (1.0,)


# --- palette -----------------------------------------------------------------

INK_HEX = "#1F2430"          # text on light backgrounds
WHITE_HEX = "#FFFFFF"

INK = rgba(INK_HEX)
INK_SOFT = rgba("#474C59")     # secondary text; 8:1 on the background
WHITE = rgba(WHITE_HEX)
BACKGROUND = rgba("#FBF6EE")   # warm paper
SURFACE = rgba("#FFFFFF")      # panels, fields
SURFACE_WARM = rgba("#F3EADC")  # quiet blocks on the background
LINE = rgba("#8A7F70")         # outlines of fields and chips (3:1 on paper)
SHADE = rgba("#1F2430", 0.45)  # behind a popup

PRIMARY_HEX = "#1E5E5A"        # deep teal: the one clear next step
PRIMARY = rgba(PRIMARY_HEX)
PRIMARY_DOWN = rgba("#154441")
SECONDARY_HEX = "#EADFCB"      # sand: the other choices
SECONDARY = rgba(SECONDARY_HEX)
SECONDARY_DOWN = rgba("#D9CAB0")
WARM_HEX = "#A8461F"           # terracotta: "verder spelen"
WARM = rgba(WARM_HEX)
WARM_DOWN = rgba("#86371A")
DANGER_HEX = "#9E2B25"         # stop / delete, white text
DANGER = rgba(DANGER_HEX)
DANGER_DOWN = rgba("#7C211C")
DISABLED_HEX = "#E4DED4"
DISABLED = rgba(DISABLED_HEX)
DISABLED_TEXT = rgba("#5B5E66")
SELECTED_HEX = "#CFE6E2"       # a chosen tile (deck, language)
SELECTED = rgba(SELECTED_HEX)

#: Button kinds: background, pressed background, text colour.
BUTTONS = {
    "primary": (PRIMARY, PRIMARY_DOWN, WHITE),
    "secondary": (SECONDARY, SECONDARY_DOWN, INK),
    "warm": (WARM, WARM_DOWN, WHITE),
    "danger": (DANGER, DANGER_DOWN, WHITE),
    "quiet": (BACKGROUND, SURFACE_WARM, INK),
    "surface": (SURFACE, SURFACE_WARM, INK),
}


def text_on(background) -> tuple[float, float, float, float]:
    """Dark ink or white, whichever reads better on ``background``."""
    return INK if contrast(INK, background) >= contrast(WHITE, background) else WHITE


# --- sizes -------------------------------------------------------------------

#: Type sizes in sp, before the text-size setting scales them.
FONT_SMALL = 18      # never smaller than this
FONT_BODY = 20
FONT_BUTTON = 22
FONT_HEADING = 28
FONT_TITLE = 40
FONT_CARD = 34
FONT_FOLLOW_UP = 22

#: Spacing and touch sizes in dp.
TOUCH = 48           # the smallest touchable thing, in both directions
BUTTON = 60          # a normal button's height (at least)
BIG_BUTTON = 80      # the one big next step
GAP = 12
PAD = 20
RADIUS = 18
CARD_RADIUS = 28

#: Large text per WCAG (3:1 suffices): 24 px, or 18.5 px bold.
LARGE_TEXT_PX = 24


# --- sectors -----------------------------------------------------------------


@dataclass(frozen=True)
class SectorLook:
    """Everything a part of life looks like, on every screen and on the map:
    its tint (light, dark text on it), the darker colour of its dots and
    supporter rows, its pictogram, its label and the gentle line when nobody
    was named in it yet."""

    sector: Sector
    colour_hex: str      # the tint: sector buttons, chips, map bands
    dot_hex: str         # a dot on the map, a supporter's dot: the tint's hue, 3:1 on every band of its slice
    pictogram: str       # a file in the pictograms folder (kaarten.resources.PICTOGRAMS_DIR)

    @property
    def colour(self):
        return rgba(self.colour_hex)

    @property
    def dot_colour(self):
        return rgba(self.dot_hex)

    @property
    def label(self) -> str:
        """Short Dutch label, translated to the UI language."""
        return sector_label(self.sector)

    @property
    def empty_text(self) -> str:
        """A gentle line for when nobody was named here yet (none for professionals)."""
        return sector_empty_text(self.sector)


#: The one table of the sectors' looks, in the map's order (0 at the top,
#: then clockwise).
SECTORS: tuple[SectorLook, ...] = (
    SectorLook(Sector.FAMILY, "#F7CFC0", "#A4472F", "house"),
    SectorLook(Sector.FRIENDS, "#FBE49C", "#8A6500", "smile"),
    SectorLook(Sector.NEIGHBOURHOOD, "#CDE8C1", "#3F7A32", "tree"),
    SectorLook(Sector.SCHOOL_WORK, "#C9DDF2", "#2F6399", "school"),
    SectorLook(Sector.CLUB_FAITH_LEISURE, "#E2D3F2", "#6E4C9E", "ball"),
    SectorLook(Sector.PROFESSIONALS, "#D5E3E1", "#2F6E68", "hand"),
)


def sector_look(sector) -> SectorLook:
    sector = Sector(sector)
    for look in SECTORS:
        if look.sector == sector:
            return look
    raise KeyError(sector)


def sector_label(sector, _=None) -> str:
    """The short label of a sector in the UI language (or through the gettext
    ``_`` given: an export in the family's language)."""
    _ = _ or tr._
    sector = Sector(sector)
    return {
        Sector.FAMILY: _("Familie"),
        Sector.FRIENDS: _("Vrienden"),
        Sector.NEIGHBOURHOOD: _("Buurt"),
        Sector.SCHOOL_WORK: _("School en werk"),
        Sector.CLUB_FAITH_LEISURE: _("Club, geloof, vrije tijd"),
        Sector.PROFESSIONALS: _("Hulp en zorg"),
    }[sector]


def sector_empty_text(sector, _=None) -> str:
    """A gentle line for a sector where nobody was named yet (UI language,
    or through the gettext ``_`` given)."""
    _ = _ or tr._
    return {
        Sector.FAMILY: _("Nog geen familie genoemd"),
        Sector.FRIENDS: _("Nog geen vrienden genoemd"),
        Sector.NEIGHBOURHOOD: _("Nog geen buren genoemd"),
        Sector.SCHOOL_WORK: _("Nog niemand van school of werk genoemd"),
        Sector.CLUB_FAITH_LEISURE: _("Nog niemand van club, geloof of vrije tijd genoemd"),
    }.get(Sector(sector), "")  # no nudge toward professionals: their sector is never "to discover"


def closeness_label(closeness, _=None) -> str:
    _ = _ or tr._
    closeness = Closeness(int(closeness))
    return {
        Closeness.VERY_CLOSE: _("heel dichtbij"),
        Closeness.CLOSE: _("dichtbij"),
        Closeness.FURTHER: _("verder weg"),
    }[closeness]


# --- players -----------------------------------------------------------------

#: Eight distinct player colours. Each is a chip background; the chip's text
#: colour comes from :func:`text_on` and reaches at least 4.5:1.
PLAYER_COLOURS: tuple[str, ...] = (
    "#1E5E5A",  # teal (white text)
    "#B3412E",  # brick red (white text)
    "#2F5DA8",  # blue (white text)
    "#7B4DA3",  # purple (white text)
    "#F2B53D",  # sunflower (dark text)
    "#8FCB86",  # leaf green (dark text)
    "#F4A393",  # salmon (dark text)
    "#7CC8E3",  # sky (dark text)
)


def player_colour(index: int) -> str:
    return PLAYER_COLOURS[index % len(PLAYER_COLOURS)]

"""The fonts: which file draws which script, and the one text measure.

Kivy's SDL2 text provider does not fall back from one font to another, so a
glyph missing from the chosen font is an empty box. The app ships merged
Noto fonts (``app/fonts/``: Latin plus Arabic, Latin plus Ethiopic) and
picks one per text: :func:`font_for`. They are registered by
:func:`register_fonts`, which the App calls from ``build`` (nothing happens
at import); :func:`font_for` registers them on first use too, so a widget
made outside the App (a test, the screenshots) draws the same.

:func:`measure` is the one cached measure of a drawn string, used by the
labels, the buttons and the network map alike.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kivy.core.text import DEFAULT_FONT, LabelBase

from app.scripts import is_symbol, language_script, script_of, scripts_in
from kaarten.resources import resource_dir

__all__ = ["FONTS_DIR", "register_fonts", "register_font", "font_for", "measure", "as_drawn", "MIXED",
           "undrawable"]

FONTS_DIR = resource_dir("app", "fonts")

#: Font registry: a script code or language code -> registered font name.
#: Filled from ``app/fonts/`` by :func:`register_fonts` (merged Noto fonts that cover Latin
#: too); call :func:`register_font` to add one.
_FONTS: dict[str, str] = {}

#: File names looked for in app/fonts/, per script, best first.
_FONT_CANDIDATES = {
    "Arab": ("NotoNaskhArabic-Merged.ttf", "NotoSansArabic-Merged.ttf",
             "NotoNaskhArabic.ttf", "NotoSansArabic.ttf"),
    "Ethi": ("NotoSansEthiopic-Merged.ttf", "NotoSansEthiopic.ttf"),
}
#: The key of the covering font (Arabic, Ethiopic, Latin, Cyrillic and emoji
#: in one file), for a line that mixes scripts: Kivy draws a line in one font.
MIXED = "Mixed"
#: Pairs of scripts one of the per-script fonts covers together.
_ONE_FONT = ({"Latn", "Arab"}, {"Latn", "Ethi"}, {"Latn", "Cyrl"}, {"Latn", "Hebr"})


def register_font(key: str, regular: str | Path, bold: str | Path | None = None) -> str:
    """Use ``regular`` (and ``bold``) for a script (``'Arab'``) or language (``'ar'``)."""
    name = f"gk-{key}"
    LabelBase.register(name, str(regular), fn_bold=str(bold) if bold else None)
    _FONTS[key] = name
    return name


_registered = False


def register_fonts() -> None:
    """Register the shipped fonts (once; calling again does nothing)."""
    global _registered
    if _registered:
        return
    _registered = True
    _discover_fonts()
    # Without the Noto fonts, Kivy's own DejaVu Sans (shipped inside Kivy,
    # Latin + Arabic + Hebrew) keeps Arabic and Hebrew names readable.
    for script in ("Arab", "Hebr"):
        if script not in _FONTS:
            from kivy import kivy_data_dir
            dejavu = Path(kivy_data_dir) / "fonts" / "DejaVuSans.ttf"
            if dejavu.exists():
                register_font(script, dejavu)


def _discover_fonts() -> None:
    if not FONTS_DIR.is_dir():
        return
    files = {p.name.lower(): p for p in FONTS_DIR.iterdir() if p.suffix.lower() in (".ttf", ".otf")}
    for script, names in _FONT_CANDIDATES.items():
        found = [files[n.lower()] for n in names if n.lower() in files]
        if not found:   # any file that names the script, e.g. "...Arabic...ttf"
            word = {"Arab": "arabic", "Ethi": "ethiopic"}[script]
            found = sorted((p for n, p in files.items() if word in n and "bold" not in n),
                           key=lambda p: ("merged" not in p.name.lower(), p.name))
        if found:
            regular = found[0]
            bold = FONTS_DIR / regular.name.replace("Regular", "Bold")
            register_font(script, regular, bold if bold.exists() and bold != regular else None)
    mixed = FONTS_DIR / "Mixed-Regular.ttf"
    if mixed.is_file():
        bold = FONTS_DIR / "Mixed-Bold.ttf"
        register_font(MIXED, mixed, bold if bold.is_file() else None)


def font_for(lang: str | None, text: str = "") -> str:
    """The font for ``text`` in language ``lang``.

    The text's own script wins (an Arabic name in a Dutch screen gets the
    Arabic font), then the language's script, then Kivy's default (Roboto).
    """
    register_fonts()
    base = (lang or "").split("-")[0].split("_")[0]
    if base in _FONTS:
        return _FONTS[base]
    scripts = scripts_in(text)
    if MIXED in _FONTS and ("Emoji" in scripts or (len(scripts) > 1 and set(scripts) not in _ONE_FONT)):
        return _FONTS[MIXED]      # a line in more scripts than one font of its own has
    script = script_of(text)
    if script is None and any(ch.isalpha() for ch in text):
        # Latin, Cyrillic or Greek letters (a language's own name in the
        # picker, a Dutch name in an Arabic screen): the default font has
        # them all, the script fonts only Latin
        return DEFAULT_FONT
    script = script or language_script(base)
    return _FONTS.get(script, DEFAULT_FONT) if script else DEFAULT_FONT




@lru_cache(maxsize=1)
def _symbols() -> frozenset[int]:
    """The emoji and symbol code points the mixed font draws (written by
    tools/build_fonts.py beside it)."""
    path = FONTS_DIR / "Mixed-symbols.txt"
    points: set[int] = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lo, _, hi = line.partition("-")
                points.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return frozenset(points)


def undrawable(text: str) -> str:
    """The emoji and symbols in ``text`` that no shipped font draws (they
    would be empty boxes), each once, in order; "" when all can be drawn."""
    have = _symbols()
    out = []
    for ch in text:
        if is_symbol(ch) and ord(ch) not in have and ch not in out:
            out.append(ch)
    return "".join(out)


#: What every label of the app draws with: Kivy's Label defaults (the app
#: shapes right-to-left text itself, :mod:`app.scripts`).
_DRAWN_WITH = {"font_script_name": "Latn", "font_direction": "ltr"}


@lru_cache(maxsize=8192)
def measure(text: str, font_name: str, font_size: float, bold: bool = False) -> tuple[float, float]:
    """(width, height) in px of the drawn string ``text`` (already in visual
    order: see :func:`app.scripts.display_text`) in a font at a size."""
    from kivy.core.text import Label as CoreLabel
    probe = CoreLabel(text=text, font_name=font_name, font_size=font_size, bold=bold, **_DRAWN_WITH)
    as_drawn(probe)
    return probe.get_extents(text or " ")


def as_drawn(probe) -> None:
    """Put the drawing's script and direction on the font of ``probe`` (a
    core label, font resolved) before it measures.

    Kivy 2.3.1's SDL2 text provider keeps one font object per file and size
    for every label, and sets a label's script and direction on it only when
    it draws; a measure uses whatever the font holds. A string measured
    before its font had drawn anything came out narrower than drawn (the
    Tigrinya sector name "ሓገዝን ክንክንን" at 18 px: 96 px measured, 101 drawn), the
    map sized its pill by the first figure, and the last letter was cut.
    A label's first drawing on such a font was cut the same way: Kivy sizes
    the texture by a measure, then draws. Drawing one space with the labels'
    settings first (about 3 us) makes measure and drawing agree, whatever the
    font drew before and after Kivy closed and reopened it; :func:`measure`
    and ``ScriptLabel.texture_update`` do. ``tests/ui/test_text.py`` fails
    when Kivy no longer needs this."""
    try:
        from kivy.core.text._text_sdl2 import _SurfaceContainer
    except ImportError:      # another text provider: it measures as it draws
        return
    if type(probe).__name__ == "LabelSDL2":
        _SurfaceContainer(1, 1).render(probe, " ", 0, 0)

"""The fonts of an export: the app's own Noto files (``app/fonts``), embedded.

One family per script: Noto Sans (Latin, Cyrillic, Greek), the merged Arabic
and the merged Ethiopic fonts (each also holds Latin letters, digits and
punctuation: Noto Sans Arabic has no "(" and Noto Sans Ethiopic no "?").
:meth:`FontSet.family_for` picks, for a text, the first family of the
export language's order that has every character of it (an Arabic name in a
Dutch hand-out gets the Arabic font; a Ukrainian name in an Arabic one gets
Noto Sans); the PDF also names the others as fallback fonts, so a name that
mixes scripts still finds its glyphs. Any other font dropped into
``app/fonts`` (an emoji font, say) joins as a last fallback. No Kivy here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from app.scripts import language_script
from kaarten.resources import resource_dir

__all__ = ["FontSet", "FontFamily", "FONTS_DIR", "fonts"]

FONTS_DIR = resource_dir("app", "fonts")

#: family key -> (regular file, bold file)
_FAMILIES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoSansArabicUI-Merged-Regular.ttf", "NotoSansArabicUI-Merged-Bold.ttf"),
    "ethiopic": ("NotoSansEthiopic-Merged-Regular.ttf", "NotoSansEthiopic-Merged-Bold.ttf"),
}
_SCRIPT_FAMILY = {"Arab": "arabic", "Ethi": "ethiopic"}


@dataclass(frozen=True)
class FontFamily:
    key: str
    regular: Path
    bold: Path | None

    @cached_property
    def cmap(self) -> frozenset[int]:
        from fontTools.ttLib import TTFont

        with TTFont(str(self.regular), lazy=True) as font:
            return frozenset(font.getBestCmap())

    def covers(self, char: str) -> bool:
        return ord(char) in self.cmap


def _needs_glyph(char: str) -> bool:
    """Spaces, joiners and direction marks draw nothing: no font needs them."""
    return not (char.isspace() or unicodedata.category(char) in ("Cf", "Cc"))


class FontSet:
    """The export's fonts, found in ``folder`` (default ``app/fonts``)."""

    def __init__(self, folder: Path = FONTS_DIR) -> None:
        self.folder = Path(folder)
        self.families: dict[str, FontFamily] = {}
        for key, (regular, bold) in _FAMILIES.items():
            r, b = self.folder / regular, self.folder / bold
            if r.is_file():
                self.families[key] = FontFamily(key, r, b if b.is_file() else None)
        known = {name for pair in _FAMILIES.values() for name in pair}
        for extra in sorted(self.folder.glob("*.[ot]tf")):
            if extra.name not in known and "bold" not in extra.name.lower():
                key = f"extra-{extra.stem.lower()}"
                # Mixed-Regular.ttf has its Mixed-Bold.ttf: a bold name with an emoji stays bold
                bold = extra.with_name(extra.name.replace("-Regular", "-Bold"))
                self.families[key] = FontFamily(key, extra, bold if bold != extra and bold.is_file() else None)
        if "latin" not in self.families:
            raise FileNotFoundError(f"The export needs {_FAMILIES['latin'][0]} in {self.folder}.")

    def order(self, lang: str | None) -> list[str]:
        """Family keys, the language's own script first, then Latin, then the rest."""
        first = _SCRIPT_FAMILY.get(language_script(lang) or "")
        keys = [k for k in (first, "latin", "arabic", "ethiopic") if k and k in self.families]
        return list(dict.fromkeys(keys + list(self.families)))

    def main(self, lang: str | None) -> str:
        return self.order(lang)[0]

    def family_for(self, text: str, lang: str | None = None) -> str:
        """The first family (in the language's order) with every character of
        ``text``; else the one that has the most of them."""
        needed = {c for c in text if _needs_glyph(c)}
        best, best_count = self.main(lang), -1
        for key in self.order(lang):
            family = self.families[key]
            count = sum(1 for c in needed if family.covers(c))
            if count == len(needed):
                return key
            if count > best_count:
                best, best_count = key, count
        return best

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that no font here has."""
        return {c for c in text if _needs_glyph(c) and not any(f.covers(c) for f in self.families.values())}


_fonts: FontSet | None = None


def fonts() -> FontSet:
    """The app's fonts (read once)."""
    global _fonts
    if _fonts is None:
        _fonts = FontSet()
    return _fonts

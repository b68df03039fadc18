"""Scripts and reading direction: which script a text is in, which
languages read right to left, and the one place where a logical string
becomes the string drawn (shaped and in visual order, line by line; see
``shared/notes/kivy-facts.md``). Pure Python, no Kivy: the map's layout and
an export on paper use it too.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["LANGUAGE_SCRIPTS", "RTL_SCRIPTS", "RTL_LANGUAGES", "script_of", "language_script",
           "is_rtl", "text_is_rtl", "display_text", "Measure", "scripts_in", "is_symbol",
           "SYMBOL_RANGES", "join_parts", "keep_place", "has_rtl"]

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x1200, 0x139F, "Ethi"), (0x2D80, 0x2DDF, "Ethi"), (0xAB00, 0xAB2F, "Ethi"),
)
#: The one table of languages whose script needs its own font or direction.
LANGUAGE_SCRIPTS = {"ar": "Arab", "fa": "Arab", "ur": "Arab", "ps": "Arab", "ckb": "Arab",
                    "he": "Hebr", "ti": "Ethi", "am": "Ethi"}
#: Scripts written right to left.
RTL_SCRIPTS = frozenset({"Arab", "Hebr"})
#: Languages written right to left (derived from the two tables above).
RTL_LANGUAGES = frozenset(lang for lang, script in LANGUAGE_SCRIPTS.items() if script in RTL_SCRIPTS)


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0]


def language_script(lang: str | None) -> str | None:
    """The script a language is written in, when it needs its own font."""
    return LANGUAGE_SCRIPTS.get(_base(lang))


def is_rtl(lang: str | None) -> bool:
    """True for a language written right to left."""
    return _base(lang) in RTL_LANGUAGES


def script_of(text: str) -> str | None:
    """The first non-Latin script met in ``text`` that needs its own font."""
    for ch in text:
        o = ord(ch)
        if o < 0x0590:
            continue
        for lo, hi, script in _SCRIPT_RANGES:
            if lo <= o <= hi:
                return script
    return None


#: Emoji and symbols: drawn by the mixed font only (app/fonts/Mixed-*.ttf).
SYMBOL_RANGES: tuple[tuple[int, int], ...] = (
    (0x2190, 0x21FF), (0x2300, 0x23FF), (0x2460, 0x24FF), (0x25A0, 0x27BF),
    (0x2900, 0x297F), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF),
)


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter anywhere (not only
    first: "ናይ سَلمى ..." is Tigrinya with an Arabic name inside)."""
    return any(0x0590 <= o <= 0x08FF or 0xFB1D <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF
               for o in map(ord, text))


def is_symbol(char: str) -> bool:
    """An emoji or pictographic symbol (a heart, a face, a grandmother)."""
    o = ord(char)
    return o >= 0x2190 and any(lo <= o <= hi for lo, hi in SYMBOL_RANGES)


def scripts_in(text: str) -> frozenset[str]:
    """Every script in ``text`` that decides its font: 'Latn' (also digits and
    punctuation need no other), 'Cyrl' (Cyrillic and Greek), 'Arab', 'Hebr',
    'Ethi', and 'Emoji' for emoji and symbols."""
    found: set[str] = set()
    for ch in text:
        o = ord(ch)
        if o < 0x0370:
            if ch.isalpha():
                found.add("Latn")
            continue
        if o < 0x0530:
            found.add("Cyrl")
            continue
        if is_symbol(ch):
            found.add("Emoji")
            continue
        for lo, hi, script in _SCRIPT_RANGES:
            if lo <= o <= hi:
                found.add(script)
                break
    return frozenset(found)


Measure = Callable[[str], float]


def _visual_line(line: str, rtl: bool) -> str:
    """One line of logical text in the order it must be drawn, letters joined.

    ``rtl`` is the paragraph's direction (from its language): an Arabic name
    inside a Dutch sentence stays where Dutch puts it.
    """
    import arabic_reshaper
    from bidi.algorithm import get_display

    reshaped = _RESHAPER(arabic_reshaper).reshape(line)
    # the direction marks have done their work once the line is in visual order
    return get_display(reshaped, base_dir="R" if rtl else "L").replace("\u200e", "").replace("\u200f", "")


_reshaper = None


def _RESHAPER(module):
    global _reshaper
    if _reshaper is None:
        _reshaper = module.ArabicReshaper(configuration={"delete_harakat": False,
                                                         "support_ligatures": True})
    return _reshaper


def _wrap(paragraph: str, width: float | None, measure: Measure | None, rtl: bool) -> list[str]:
    """Break a logical paragraph into lines no wider than ``width``."""
    if not width or measure is None:
        return [paragraph]
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and measure(_visual_line(candidate, rtl)) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def display_text(text: str, lang: str | None = None, width: float | None = None,
                 measure: Measure | None = None) -> str:
    """The string to draw for logical ``text``.

    Left-to-right text comes back unchanged. Text with right-to-left letters
    (Arabic, Hebrew) is broken into lines in logical order first (``width``
    and ``measure`` say how wide a line may be), then each line is shaped
    (joined letter forms, vowel marks kept) and put in visual order, so the
    lines stay top to bottom and numbers and Latin words keep their order.
    The paragraph direction follows ``lang`` (right to left for Arabic),
    or the text itself when no language is given.
    """
    if not text or not has_rtl(text):
        return text
    rtl = text_is_rtl(text, lang)
    out: list[str] = []
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, width, measure, rtl):
            out.append(_visual_line(line, rtl))
    return "\n".join(out)


def join_parts(parts, separator: str, lang: str | None) -> str:
    """Parts of a line (a list of names, "date · deck · players") joined so
    each keeps its place in the reading order of ``lang``: a direction mark
    after each part stops a number in the next part from joining an Arabic
    name before it ("ماما · 1 persoon", not "1 · ماما persoon")."""
    return separator.join(keep_place(p, lang) for p in parts if p)


def keep_place(part: str, lang: str | None) -> str:
    """``part`` with a direction mark after it, so it keeps its place in a
    line of ``lang``: after Arabic in a Dutch line (a number that follows
    stays with its own words), after a Dutch sentence in an Arabic line (its
    "?" stays at its end). Other parts come back as they are."""
    rtl_line = is_rtl(lang)
    if has_rtl(part):
        return part if rtl_line else part + "\u200e"
    if rtl_line and any(ch.isalpha() for ch in part):
        return part + "\u200e"
    return part


def text_is_rtl(text: str, lang: str | None = None) -> bool:
    """The paragraph direction: the language's, else the text's first script."""
    if lang:
        return is_rtl(lang)
    script = script_of(text)
    return script in RTL_SCRIPTS if script else False

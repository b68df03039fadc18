"""Names cut to fit a label: an ellipsis, never a letter torn from its marks. Pure, no Kivy."""
from __future__ import annotations

import unicodedata
from typing import Callable

#: measure(text, font_size_px) -> (width_px, height_px) of the bare text.
Measure = Callable[[str, float], tuple[float, float]]

ELLIPSIS = "\u2026"


def _joins_previous(ch: str) -> bool:
    """A character that must stay with the one before it (marks, emoji
    modifiers, zero-width joiners)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch in "\u200d\ufe0e\ufe0f"
        or 0x1F3FB <= cp <= 0x1F3FF
        or 0xE0020 <= cp <= 0xE007F
    )


def _safe_cut(text: str, k: int) -> int:
    """Move a cut position left so it never splits a letter from its marks
    or an emoji sequence."""
    while 0 < k < len(text) and (_joins_previous(text[k]) or text[k - 1] == "\u200d"):
        k -= 1
    return k


def fit_text(text: str, font_size: float, max_width: float, measure: Measure) -> str:
    """The text itself when it fits in ``max_width``, otherwise the longest
    start of it followed by an ellipsis that fits."""
    text = " ".join(text.split()) or "?"
    if measure(text, font_size)[0] <= max_width:
        return text
    lo, hi = 1, len(text) - 1
    best = 1
    while lo <= hi:
        mid = (lo + hi) // 2
        k = _safe_cut(text, mid) or mid
        candidate = text[:k].rstrip() + ELLIPSIS
        if measure(candidate, font_size)[0] <= max_width:
            best = k
            lo = mid + 1
        else:
            hi = mid - 1
    k = _safe_cut(text, best) or best
    return text[:k].rstrip() + ELLIPSIS

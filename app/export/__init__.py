"""Exports of a session: the family's A4 PDF ("Jouw mensen"), the map alone as
a PNG, and the worker's Markdown. No window is needed: the command line
writes them as the app does (the colours and sector words come from
:mod:`app.theme`, which imports Kivy's property modules, never its window).

- :mod:`app.export.content` gathers what is printed (:func:`hand_out`);
- :mod:`app.export.pdf`, :mod:`app.export.png`, :mod:`app.export.markdown` write it;
- :mod:`app.export.mapdraw` draws the map from the screen's own layout code.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMATS", "render"]

FORMATS = ("pdf", "png", "md")


def render(session: Any, deck: Any | None, fmt: str, lang: str, *, pseudonyms: bool = False,
           demo: bool = False, shaping: bool | None = None) -> bytes:
    """The bytes of one export of ``session`` in language ``lang`` (``fmt``:
    pdf, png or md; ``demo``: say it is a demo family's game)."""
    from app.export.content import hand_out

    content = hand_out(session, deck, lang, pseudonyms=pseudonyms, demo=demo)
    if fmt == "pdf":
        from app.export.pdf import pdf_bytes

        return pdf_bytes(content, shaping=shaping)
    if fmt == "png":
        from app.export.png import png_bytes

        return png_bytes(content)
    if fmt == "md":
        from app.export.markdown import markdown_text

        return markdown_text(content).encode("utf-8")
    raise ValueError(f"Unknown format {fmt!r}: use pdf, png or md.")

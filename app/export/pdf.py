"""The family's hand-out: an A4 PDF, "Jouw mensen", made with fpdf2.

Page one holds the title, the date, the deck and who played, and the map
(drawn as vectors from the screen's own layout code: :mod:`app.export.mapdraw`).
Then, in words: who is often there, everyone per part of life with what they
were named for, the parts of life still to discover, and the wie-plan.
Headings stand in the family's language with the Dutch under them when the
two differ. The fonts are the app's Noto files, embedded (subset).

Right-to-left text has two ways onto the page, chosen once per document:

- **shaping** (``uharfbuzz`` installed: desktop): fpdf2 shapes each line with
  HarfBuzz and orders it with its bidi algorithm; an Arabic paragraph gets
  ``direction="rtl"`` (an LTR paragraph with Arabic and "(3)" puts the digits
  in the wrong place: shared/notes/platform-facts.md);
- **the app's own helper** (no ``uharfbuzz``: Android has no recipe for it):
  each line is reshaped and put in visual order by :func:`app.scripts.display_text`
  (arabic-reshaper + python-bidi), the same helper the screens use, and
  drawn as it is; the fonts carry the Arabic presentation forms.

Lines are broken by this module in logical order (measured in the drawn
form), then each is drawn on its own, so both ways wrap the same.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Sequence

from fpdf import FPDF

from app import theme
from app.export.content import HandOut, PlanItem, plan_detail
from app.export.fonts import FontSet, fonts
from app.export.mapdraw import Colour, draw_map
from app.export.words import N_
from app.scripts import display_text, text_is_rtl

__all__ = ["write_pdf", "pdf_bytes", "PdfSurface", "shaping_available", "missing_glyphs"]

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in pt
MARGIN = 42.0
#: the screen's dp on paper: a 48 dp touch target is 1.3 cm on a tablet, a dot here
DP = 0.62


def shaping_available() -> bool:
    """True when fpdf2 can shape text (the ``uharfbuzz`` package imports)."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def _rgb(colour: Colour) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in colour[:3])  # type: ignore[return-value]


class Page:
    """An fpdf2 document with the app's fonts and one way of drawing text."""

    def __init__(self, lang: str, *, shaping: bool | None = None, font_set: FontSet | None = None) -> None:
        self.fonts = font_set or fonts()
        self.lang = lang
        self.rtl = text_is_rtl("", lang)
        self.shaping = shaping_available() if shaping is None else shaping
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(False)
        pdf.c_margin = 0
        for key, family in self.fonts.families.items():
            pdf.add_font(key, "", str(family.regular))
            if family.bold is not None:
                pdf.add_font(key, "B", str(family.bold))
        if self.shaping:
            pdf.set_text_shaping(True)
        self.pdf = pdf
        self._direction: str | None = None

    # -- text ------------------------------------------------------------------

    def use(self, text: str, size: float, bold: bool = False, lang: str | None = None) -> None:
        """Select the font for ``text`` (its script decides), the others as fallbacks."""
        lang = self.lang if lang is None else lang
        key = self.fonts.family_for(text, lang)
        family = self.fonts.families[key]
        self.pdf.set_font(key, "B" if bold and family.bold is not None else "", size)
        self.pdf.set_fallback_fonts([k for k in self.fonts.order(lang) if k != key], exact_match=False)

    def _rtl_of(self, text: str, rtl: bool | None) -> bool:
        return text_is_rtl(text) if rtl is None else rtl

    def drawn(self, text: str, rtl: bool) -> str:
        """The string handed to fpdf2: as it is when fpdf2 shapes, else shaped
        and in visual order by the app's own helper."""
        if self.shaping:
            direction = "rtl" if rtl else "ltr"
            if direction != self._direction:
                self.pdf.set_text_shaping(True, direction=direction)
                self._direction = direction
            return text
        return display_text(text, "ar" if rtl else "nl")

    def width(self, text: str, size: float, bold: bool = False, rtl: bool | None = None) -> float:
        self.use(text, size, bold)
        return self.pdf.get_string_width(self.drawn(text, self._rtl_of(text, rtl)))

    def lines(self, text: str, width: float, size: float, bold: bool = False, rtl: bool | None = None) -> list[str]:
        """``text`` broken into lines no wider than ``width``, in logical order."""
        out: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                candidate = f"{current} {word}" if current else word
                if current and self.width(candidate, size, bold, rtl) > width:
                    out.append(current)
                    current = word
                else:
                    current = candidate
            out.append(current)
        return out

    def cell(self, x: float, y: float, w: float, h: float, text: str, size: float, *, bold: bool = False,
             colour: Colour = theme.INK, align: str = "L", rtl: bool | None = None) -> None:
        """One line of text in the box (x, y, w, h), y down from the top of the page."""
        rtl = self._rtl_of(text, rtl)
        self.use(text, size, bold)
        drawn = self.drawn(text, rtl)
        self.pdf.set_text_color(*_rgb(colour))
        self.pdf.set_xy(x, y)
        self.pdf.cell(w, h, drawn, align=align)


class PdfSurface:
    """A square on a PDF page where the map is drawn (:class:`app.export.mapdraw.Surface`)."""

    def __init__(self, page: Page, left: float, top: float, size: float) -> None:
        self.page, self.pdf = page, page.pdf
        self.left, self.top, self.size = left, top, size

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return self.left + x, self.top + self.size - y

    def _style(self, fill: Colour | None, stroke: Colour | None, width: float) -> str:
        if fill is not None:
            self.pdf.set_fill_color(*_rgb(fill))
        if stroke is not None:
            self.pdf.set_draw_color(*_rgb(stroke))
            self.pdf.set_line_width(width)
        return ("F" if fill is not None else "") + ("D" if stroke is not None else "")

    def polygon(self, points, fill):
        self._style(fill, None, 0)
        self.pdf.polygon([self._xy(x, y) for x, y in points], style="F")

    def circle(self, cx, cy, r, fill=None, stroke=None, width=0.0):
        style = self._style(fill, stroke, width)
        x, y = self._xy(cx, cy)
        self.pdf.circle(x, y, r, style=style)

    def line(self, x0, y0, x1, y1, colour, width):
        self._style(None, colour, width)
        self.pdf.line(*self._xy(x0, y0), *self._xy(x1, y1))

    def rounded_box(self, box, radius, fill=None, stroke=None, width=0.0):
        style = self._style(fill, stroke, width)
        x, y = self._xy(box.x, box.top)
        # fpdf2 draws square corners when the radius reaches half the box
        radius = min(radius, box.h / 2 - 0.01, box.w / 2 - 0.01)
        self.pdf.rect(x, y, box.w, box.h, style=style, round_corners=True, corner_radius=radius)

    def text(self, box, text, size, colour, bold=False):
        x, y = self._xy(box.x, box.top)
        self.page.cell(x, y, box.w, box.h, text, size, bold=bold, colour=colour, align="C")

    def measure(self, text, size):
        return self.page.width(text, size), size * 1.3


class HandOutWriter:
    """Lays out the hand-out, top to bottom, page after page."""

    def __init__(self, content: HandOut, page: Page) -> None:
        self.c, self.page, self.pdf = content, page, page.pdf
        self._ = content.words._
        self.rtl = page.rtl
        self.bilingual = content.lang != "nl"
        self.y = MARGIN
        self.width = PAGE_W - 2 * MARGIN

    # -- flow ----------------------------------------------------------------

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = MARGIN
        self._footer()

    def room(self, h: float) -> None:
        if self.y + h > PAGE_H - MARGIN - 18:
            self.new_page()

    def _footer(self) -> None:
        c = self.c
        parts = [self._("Jouw mensen"), c.words.date(c.date), str(self.pdf.page_no())]
        if c.demo:
            parts.insert(0, self._("Voorbeeld, geen echt gezin"))
        self.page.cell(MARGIN, PAGE_H - MARGIN + 8, self.width, 12, " \u00b7 ".join(parts), 8,
                       colour=theme.INK_SOFT, align="R" if self.rtl else "L", rtl=self.rtl)

    def para(self, text: str, size: float, *, bold: bool = False, colour: Colour = theme.INK,
             indent: float = 0.0, rtl: bool | None = None, gap: float = 2.0) -> None:
        """A paragraph on the reading edge (right in Arabic), wrapped."""
        rtl = self.rtl if rtl is None else rtl
        line_h = size * 1.35
        width = self.width - indent
        for line in self.page.lines(text, width, size, bold, rtl):
            self.room(line_h)
            x = MARGIN if self.rtl else MARGIN + indent
            self.page.cell(x, self.y, width, line_h, line, size, bold=bold, colour=colour,
                           align="R" if self.rtl else "L", rtl=rtl)
            self.y += line_h
        self.y += gap

    def heading(self, msgid: str, size: float = 16, *, swatch: Colour | None = None, keep: float = 40) -> None:
        """A heading in the family's language, the Dutch under it when they differ."""
        self.room(size * 1.4 + keep + (12 if self.bilingual else 0))
        self.y += 6
        indent = 0.0
        if swatch is not None:
            r = size * 0.32
            cx = PAGE_W - MARGIN - r if self.rtl else MARGIN + r
            self.pdf.set_fill_color(*_rgb(swatch))
            self.pdf.circle(cx, self.y + size * 0.68, r, style="F")
            indent = 2 * r + 6
        self.para(self._(msgid), size, bold=True, indent=indent, gap=0)
        if self.bilingual and self._(msgid) != msgid:
            self.para(msgid, size * 0.6, colour=theme.INK_SOFT, indent=indent, rtl=False, gap=0)
        self.y += 4

    # -- the parts -------------------------------------------------------------

    def write(self) -> None:
        self.new_page()
        self.title()
        self.map()
        self.new_page()
        self.plan()         # what the family will do first: it goes on the fridge
        self.supporters()
        self.people()
        self.empty()

    def title(self) -> None:
        c, _ = self.c, self._
        if c.demo:
            self.banner(_("Voorbeeld, geen echt gezin"))
        self.para(_("Jouw mensen"), 28, bold=True, gap=0)
        if self.bilingual and _("Jouw mensen") != "Jouw mensen":
            self.para("Jouw mensen", 13, colour=theme.INK_SOFT, rtl=False, gap=0)
        self.y += 4
        self.para(" \u00b7 ".join(t for t in (c.words.date(c.date), c.deck_title) if t), 12, colour=theme.INK_SOFT)
        if c.players:
            self.para(_("Aan tafel: {names}").format(names=c.words.list(c.players)), 12)

    def banner(self, text: str) -> None:
        h = 22
        self.pdf.set_fill_color(*_rgb(theme.WARM))
        self.pdf.rect(MARGIN, self.y, self.width, h, style="F", round_corners=True, corner_radius=6)
        self.page.cell(MARGIN + 8, self.y, self.width - 16, h, text, 11, bold=True, colour=theme.WHITE,
                       align="R" if self.rtl else "L", rtl=self.rtl)
        self.y += h + 10

    def map(self) -> None:
        legend = self._("In het midden: heel dichtbij. Aan de rand: verder weg. Een grote stip: vaak genoemd.")
        legend_h = len(self.page.lines(legend, self.width, 10, rtl=self.rtl)) * 13.5 + 8
        size = min(self.width, PAGE_H - MARGIN - 24 - self.y - legend_h - 8)
        left = MARGIN + (self.width - size) / 2
        draw_map(PdfSurface(self.page, left, self.y + 4, size), self.c, size, dp=DP * size / 500, font_size=9.5)
        self.y += size + 12
        self.para(legend, 10, colour=theme.INK_SOFT)

    def supporters(self) -> None:
        c, _ = self.c, self._
        s = c.summary
        if not s.key_supporters:
            return
        self.heading(N_("Zij zijn er vaak voor jullie"))
        for person in s.key_supporters:
            n = c.mentions_of(person.id)
            times = c.words.ngettext("{n} keer genoemd", "{n} keer genoemd", n).format(n=n)
            self.person_line(person.name, times, theme.sector_look(person.sector).dot_colour)
        self.y += 6

    def person_line(self, name: str, detail: str, colour: Colour) -> None:
        """A dot, the name in bold, and a quieter detail after it."""
        self.room(30)
        r = 4.0
        cx = PAGE_W - MARGIN - r if self.rtl else MARGIN + r
        self.pdf.set_fill_color(*_rgb(colour))
        self.pdf.circle(cx, self.y + 8.5, r, style="F")
        # the family's own words read in their own direction ("oma 🌻" in an
        # Arabic hand-out keeps its flower after the name), on the page's reading edge
        self.para(name, 12, bold=True, indent=14, gap=0, rtl=text_is_rtl(name))
        if detail:
            self.para(detail, 10.5, colour=theme.INK_SOFT, indent=14, gap=3)

    def people(self) -> None:
        c, _ = self.c, self._
        if not c.summary.people:
            return
        self.heading(N_("Iedereen die jullie noemden"))
        for look in theme.SECTORS:
            people = c.people_in(look.sector)
            if not people:
                continue
            label = theme.sector_label(look.sector, str)  # the Dutch msgid: heading() translates
            self.heading(label, 13, swatch=look.dot_colour)
            for person in people:
                place = theme.closeness_label(person.closeness, _)
                themes = c.themes_of(person.id)
                detail = place
                if themes:
                    detail += " \u00b7 " + _("genoemd bij: {themes}").format(themes=c.words.list(themes))
                self.person_line(person.name, detail, look.dot_colour)

    def empty(self) -> None:
        c, _ = self.c, self._
        if not c.summary.empty_sectors:
            return
        self.heading(N_("Nog te ontdekken"))
        for sector in c.summary.empty_sectors:
            look = theme.sector_look(sector)
            self.person_line(theme.sector_empty_text(sector, _), "", look.colour)

    def plan(self) -> None:
        c, _ = self.c, self._
        if not (c.plan or c.goes_well or c.next_step or c.earlier_plan):
            return
        self.heading(N_("Ons plan"))
        if c.earlier_plan:
            self.heading(N_("Hoe ging het?"), 13)
            for item in c.earlier_plan:
                self.plan_line(item)
        if c.plan:
            if c.earlier_plan:
                self.heading(N_("Wie vragen we om hulp?"), 13)
            for item in c.plan:
                self.plan_line(item)
        if c.goes_well:
            self.heading(N_("Wat gaat goed?"), 13)
            self.para(c.goes_well, 12, rtl=text_is_rtl(c.goes_well))
        if c.next_step:
            self.heading(N_("De volgende stap"), 13)
            self.para(c.next_step, 12, rtl=text_is_rtl(c.next_step))

    def plan_line(self, item: PlanItem) -> None:
        c = self.c
        what = " \u00b7 ".join(t for t in (item.ask, item.theme) if t)
        self.person_line(f"{item.person}: {what}" if what else item.person, plan_detail(c, item), theme.PRIMARY)


def missing_glyphs(content: HandOut, font_set: FontSet | None = None) -> set[str]:
    """Characters of the hand-out that none of the app's fonts can draw
    (an emoji in a name, say): they print as an empty box."""
    return (font_set or fonts()).missing("".join(_texts(content)))


def pdf_bytes(content: HandOut, *, shaping: bool | None = None, font_set: FontSet | None = None) -> bytes:
    """The hand-out of ``content`` as PDF bytes."""
    missing = missing_glyphs(content, font_set)
    if missing:  # code points only: never a name in the log
        log.warning("The hand-out has %d characters no font can draw: %s", len(missing),
                    ", ".join(f"U+{ord(ch):04X}" for ch in sorted(missing)))
    page = Page(content.lang, shaping=shaping, font_set=font_set)
    HandOutWriter(content, page).write()
    out = io.BytesIO()
    page.pdf.output(out)
    return out.getvalue()


def write_pdf(content: HandOut, path: Path, **kwargs) -> Path:
    data = pdf_bytes(content, **kwargs)
    Path(path).write_bytes(data)
    return Path(path)


def _texts(content: HandOut) -> Sequence[str]:
    s = content.summary
    texts = [p.name for p in s.people] + list(content.players) + [content.deck_title]
    texts += [t for item in (*content.plan, *content.earlier_plan) for t in (item.person, item.ask, item.theme, item.asker)]
    texts += [content.goes_well, content.next_step] + list(content.theme_labels.values())
    return texts


"""Exports of a session: the family's PDF, the map's PNG, the worker's Markdown.

Real demo families (kaarten.demo) in a real store; the PDFs are read back
with pypdf, their embedded fonts with fontTools. fpdf2's warnings (a missing
glyph is one, logged on the "fpdf" logger) fail the test, and every PDF
test runs twice: with HarfBuzz shaping and without it (the Android path,
through the app's own reshaper and bidi helper).
"""

from __future__ import annotations

import io
import logging
import re
import sys

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from app.export import render
from app.export.content import hand_out
from app.export.fonts import FONTS_DIR
from app.export.markdown import markdown_text
from app.export.pdf import pdf_bytes, shaping_available
from app.scripts import display_text
from kaarten import demo
from kaarten.decks import load_decks
from kaarten.session import Session
from kaarten.store import Store

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def deck():
    return load_decks().get(demo.DEMO_DECK)


@pytest.fixture(scope="module")
def families(tmp_path_factory, deck):
    """One finished demo game per language, in a store of its own."""
    store = Store.open(tmp_path_factory.mktemp("exports") / "sessions.sqlite3")
    games = {lang: demo.record_demo(store, deck, lang) for lang in demo.LANGUAGES}
    yield games
    store.close()


class FpdfWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def fpdf_warnings():
    handler = FpdfWarnings()
    logger = logging.getLogger("fpdf")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def pdf_of(session, deck, lang, shaping, warnings_seen):
    data = render(session, deck, "pdf", lang, shaping=shaping)
    assert not [r.getMessage() for r in warnings_seen], "fpdf2 warned"
    return data


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(data: bytes) -> list[TTFont]:
    """Every font embedded in the PDF."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            blob = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            found.append(TTFont(io.BytesIO(blob)))
    return found


def full_name(font: TTFont) -> str:
    return font["name"].getDebugName(4)


SOURCE_FONTS = {full_name(TTFont(p)): TTFont(p) for p in FONTS_DIR.glob("*.ttf")}


def embedded_cmaps(data: bytes, shaped: bool) -> list[set[int]]:
    """The character maps of the fonts embedded in the PDF. A subset keeps a
    character's entry only for glyphs drawn as they are; shaped Arabic draws
    joined forms, so for a shaped PDF the embedded font's whole source
    (found by its full name) is the map."""
    maps = []
    for font in embedded_fonts(data):
        if shaped:
            font = SOURCE_FONTS[full_name(font)]
        maps.append(set(font.getBestCmap()))
    return maps


SHAPING = [pytest.param(True, id="harfbuzz"), pytest.param(False, id="own-reshaper")]


@pytest.fixture(params=SHAPING)
def shaping(request):
    if request.param and not shaping_available():
        pytest.skip("uharfbuzz is not installed")
    return request.param


@pytest.mark.parametrize("lang", ["nl", "pl"])
def test_the_pdf_holds_every_name_and_plan_line(families, deck, lang, shaping, fpdf_warnings):
    session = families[lang]
    data = pdf_of(session, deck, lang, shaping, fpdf_warnings)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    text = " ".join(text_of(data).split())
    content = hand_out(session, deck, lang)
    for name in content.all_names:
        assert name in text
    for item in content.plan:
        assert item.ask in text
    for line in (content.goes_well, content.next_step):
        assert line in text
    assert content.deck_title in text


@pytest.mark.parametrize("lang", ["ar", "ti", "uk"])
def test_the_fonts_embedded_cover_every_character_drawn(families, deck, lang, shaping, fpdf_warnings):
    data = pdf_of(families[lang], deck, lang, shaping, fpdf_warnings)
    maps = embedded_cmaps(data, shaping)
    assert maps, "no font embedded"
    used = {ord(ch) for ch in text_of(data) if not ch.isspace()}
    uncovered = {chr(c) for c in used if not any(c in m for m in maps)}
    assert not uncovered
    if lang == "ti":  # Ethiopic needs no shaping: the names come back as typed
        text = text_of(data)
        for name in demo.family("ti").people[:3]:
            assert name in text


def test_arabic_is_shaped_without_harfbuzz(families, deck, fpdf_warnings, monkeypatch):
    """With uharfbuzz missing (as on Android) the app's own reshaper joins
    the letters: the PDF draws Arabic presentation forms, not isolated letters."""
    monkeypatch.setitem(sys.modules, "uharfbuzz", None)
    assert not shaping_available()
    data = pdf_of(families["ar"], deck, "ar", None, fpdf_warnings)
    text = text_of(data)
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text), "letters were not joined"


def test_the_demo_is_marked_in_every_export(families, deck):
    session = families["nl"]
    assert session.id in session._store.demo_sessions()
    content = hand_out(session, deck, "nl", demo=True)
    assert "Voorbeeld, geen echt gezin" in text_of(pdf_bytes(content))
    assert "Voorbeeld, geen echt gezin" in markdown_text(content)


def test_the_png_is_the_map_big_and_not_blank(families, deck):
    data = render(families["ar"], deck, "png", "ar")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.width >= 1200 and image.height >= 1200
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "hardly anything drawn"
    dark = sum(n for n, (r, g, b) in colours if r + g + b < 200)
    assert dark > 1000, "no text or dots drawn"


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_markdown_holds_every_name_theme_and_plan_line(families, deck, lang):
    session = families[lang]
    content = hand_out(session, deck, "nl")
    md = markdown_text(content)
    for name in content.all_names:
        assert name in md
    for theme_id in {m.theme for m in session.network.mentions}:
        assert content.theme_labels[theme_id] in md
    for item in content.plan:
        assert item.ask in md
    assert md.startswith("# Jouw mensen")


def test_markdown_signs_in_a_name_stay_text(tmp_path, deck):
    store = Store.open(tmp_path / "s.sqlite3")
    session = Session.start(store, deck_id=deck.id, language="nl", card_ids=[c.id for c in deck.cards[:3]],
                            themes_by_card={c.id: c.theme for c in deck.cards[:3]}, players=[("Ma", "#1E5E5A")])
    session.deal()
    session.record_person("[klik](http://x) *Anna*", "friends", 1)
    md = markdown_text(hand_out(session, deck, "nl"))
    assert "\\[klik\\](http://x) \\*Anna\\*" in md
    store.close()


def test_an_export_of_a_game_without_people(tmp_path, deck, fpdf_warnings):
    store = Store.open(tmp_path / "s.sqlite3")
    session = Session.start(store, deck_id=deck.id, language="ar", card_ids=[deck.cards[0].id],
                            themes_by_card={deck.cards[0].id: deck.cards[0].theme}, players=[("Ma", "#1E5E5A")])
    for fmt in ("pdf", "png", "md"):
        assert render(session, deck, fmt, "ar")
    assert not fpdf_warnings
    store.close()


def test_the_demo_family_has_a_plan(families):
    for session in families.values():
        assert len(session.plan.asks) == 3
        assert session.plan.notes.goes_well and session.plan.notes.next_step


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_pseudonym_exports_hold_no_typed_name(families, deck, lang, fpdf_warnings):
    """No name as typed (people or players) and none of the family's own
    words in any export with pseudonyms on; the figures stay."""
    session = families[lang]
    fam = demo.family(lang)
    content = hand_out(session, deck, lang, pseudonyms=True)
    assert content.summary.totals == session.summary().totals
    assert len(content.plan) == 3
    pdf = render(session, deck, "pdf", lang, pseudonyms=True, shaping=False)
    md = render(session, deck, "md", lang, pseudonyms=True).decode("utf-8")
    pdf_text = text_of(pdf)
    names = [*fam.people, *fam.players]
    words = [*fam.asks, fam.goes_well, fam.next_step]
    # each word of a name (a first name alone is a name too), each phrase whole;
    # the Arabic also as the PDF draws it (joined, in visual order)
    needles = {w for n in names for w in n.split() if len(w) > 3} | set(words)
    needles |= {display_text(t, lang) for t in needles}
    printed = " | ".join([*content.all_names, *(t for i in content.plan for t in (i.person, i.ask, i.asker)),
                          content.goes_well, content.next_step])   # what every writer draws from
    for needle in needles:
        assert needle not in printed
        found = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
        assert not found.search(pdf_text), needle
        assert not found.search(md), needle
    assert "Speler 1" in md or lang != "nl"
    assert not fpdf_warnings


def test_an_earlier_plan_prints_how_it_went(tmp_path, deck):
    store = Store.open(tmp_path / "s.sqlite3")
    first = demo.record_demo(store, deck, "nl")
    line = first.plan.asks[0]
    follow = Session.start_follow_up(store, first.id, card_ids=[c.id for c in deck.cards],
                                     themes_by_card={c.id: c.theme for c in deck.cards})
    follow.set_outcome(follow.plan.earlier_asks[0].id, "done")
    content = hand_out(follow, deck, "nl")
    assert content.earlier_plan[0].outcome == "Gedaan"
    assert content.earlier_plan[0].ask == line.ask
    text = " ".join(text_of(pdf_bytes(content)).split())
    assert "Hoe ging het?" in text and "Gedaan" in text
    store.close()


def test_namesakes_and_nameless_players_are_told_apart(tmp_path, deck):
    """Two grandmothers called "oma" print as the screens show them, and a
    player stored without a name is "Speler 2"."""
    store = Store.open(tmp_path / "s.sqlite3")
    session = Session.start(store, deck_id=deck.id, language="nl", card_ids=[c.id for c in deck.cards[:4]],
                            themes_by_card={c.id: c.theme for c in deck.cards[:4]},
                            players=[("Mama", "#1E5E5A"), ("", "#B3412E")])
    session.deal()
    first = session.record_person("oma", "family", 1)
    session.record_person("oma", "family", 2)
    session.set_distinction(first.id, "van papa")
    content = hand_out(session, deck, "nl")
    assert "oma (van papa)" in content.all_names and "Speler 2" in content.players
    md = markdown_text(content)
    assert "oma (van papa)" in md and "Speler 2" in md
    assert "oma (van papa)" in " ".join(text_of(pdf_bytes(content)).split())
    store.close()

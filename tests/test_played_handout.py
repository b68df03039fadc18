"""What playing the app found outside the window: the files it hands over."""
from __future__ import annotations

import re

import pytest

from app.export.content import hand_out
from app.export.markdown import markdown_text
from kaarten.decks import load_decks
from kaarten.session import Session
from kaarten.store import Store


@pytest.fixture
def dealt(tmp_path):
    """``dealt(language, player)``: a session of the main deck's first three
    cards in a fresh store, its first card dealt; returns (session, deck)."""
    stores = []

    def start(language: str = "nl", player: str = "mama"):
        deck = load_decks().get("wie-is-er-voor-jou")
        store = Store.open(tmp_path / "s.sqlite3")
        stores.append(store)
        cards = deck.cards[:3]
        session = Session.start(store, deck_id=deck.id, language=language, card_ids=[c.id for c in cards],
                                themes_by_card={c.id: c.theme for c in cards}, players=[(player, "#1E5E5A")])
        session.deal()
        return session, deck

    yield start
    for store in stores:
        store.close()


def test_the_markdown_has_no_empty_line_for_a_part_of_life_without_a_nudge(dealt):
    """Nobody named under "Hulp en zorg" printed its heading over an empty
    bullet ("- "): the other parts say "Nog niemand van ... genoemd", this
    one deliberately never nudges."""
    session, deck = dealt()
    session.record_person("oma", "family", 1)
    md = markdown_text(hand_out(session, deck, "nl"))
    assert not re.search(r"^- *$", md, re.M), md
    assert "### Hulp en zorg" not in md
    assert "### School en werk\n\n- Nog niemand van school of werk genoemd" in md
    assert "### Familie\n\n- oma" in md


def test_a_name_with_an_emoji_is_bold_in_the_pdf_like_every_other_name(dealt):
    """"oma 🌻" stood in the family's PDF in regular type between bold names:
    the emoji's font (app/fonts/Mixed-*) was taken without its bold."""
    import io

    from pypdf import PdfReader

    from app.export.pdf import pdf_bytes

    session, deck = dealt()
    session.record_person("oma 🌻", "family", 1)
    pdf = PdfReader(io.BytesIO(pdf_bytes(hand_out(session, deck, "nl"))))
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Mixed" in f and "Bold" in f for f in fonts), sorted(fonts)


def test_continue_playing_and_a_follow_up_read_differently_in_every_language():
    """In Arabic "Verder spelen" (back to an unfinished game) and "Vervolg"
    (a new game weeks later with the same family) were "متابعة اللعب" and
    "متابعة": the same word on two orange buttons of the sessions list."""
    from babel.messages.pofile import read_po

    from app.i18n import LOCALES_DIR
    for po in sorted(LOCALES_DIR.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        go_on, follow_up = (catalog.get(msgid).string or msgid for msgid in ("Verder spelen", "Vervolg"))
        shared = set(go_on.casefold().split()) & set(follow_up.casefold().split())
        assert not shared, f"{po.parent.parent.name}: {go_on!r} and {follow_up!r} share {shared}"


@pytest.mark.parametrize("shaping", [True, False])
def test_the_familys_own_latin_words_keep_their_order_in_an_arabic_pdf(dealt, shaping):
    """An Arabic hand-out drew the family's Latin words right to left:
    "🌻 We lachen veel samen", "!zondag oma bellen", "🌻 oma" (with
    uharfbuzz; the app's own helper already got it right). Their words
    read in their own direction, on the page's right-hand edge."""
    import io

    from pypdf import PdfReader

    from app.export.pdf import pdf_bytes, shaping_available
    if shaping and not shaping_available():
        pytest.skip("uharfbuzz is not installed")
    session, deck = dealt("ar", "ماما")
    session.record_person("oma 🌻", "family", 1)
    session.set_plan_notes(goes_well="We lachen veel samen 🌻", next_step="zondag oma bellen!")
    pdf = PdfReader(io.BytesIO(pdf_bytes(hand_out(session, deck, "ar"), shaping=shaping)))
    lines = [line.strip() for page in pdf.pages for line in page.extract_text().splitlines()]
    for words in ("We lachen veel samen 🌻", "zondag oma bellen!", "oma 🌻"):
        assert words in lines, (words, lines)
    for reversed_ in ("🌻 We lachen veel samen", "!zondag oma bellen", "🌻 oma"):
        assert reversed_ not in lines, (reversed_, lines)

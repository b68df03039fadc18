"""Loading decks: good decks load with text kept as text; every bad deck gets a
clear message with file, line and column, and never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaarten import decks
from kaarten.decks import DeckError, load_deck, load_decks, load_language_deck, source_hash, text_hash

GOOD = """\
id: proef
language: nl
title: Proefdeck
audience: family
version: 2
themes: standard
cards:
  - id: vertrouwen
    theme: trust
    text: Wie vertrouw jij?
    follow_up: Wat maakt dat je die persoon vertrouwt?
  - id: lachen
    theme: fun
    text: Met wie kun jij hard lachen?
  - id: nee
    theme: daily
    text: nee
  - id: tijd
    theme: daily
    text: 12:30
  - id: aan
    theme: daily
    text: on
"""


def write_deck(tmp_path: Path, text: str, name: str = "proef", file: str = "deck.yaml") -> Path:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    path = folder / file
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path) -> DeckError:
    with pytest.raises(DeckError) as caught:
        if path.name == "deck.yaml":
            decks.read_deck(path)
        else:
            load_language_deck(path)
    return caught.value


def test_a_good_deck_loads_and_text_stays_text(tmp_path):
    deck = load_deck(write_deck(tmp_path, GOOD).parent)
    assert deck.id == "proef" and deck.version == 2 and deck.audience == "family"
    assert [c.text for c in deck.cards][2:] == ["nee", "12:30", "on"]
    assert deck.card("vertrouwen").follow_up == "Wat maakt dat je die persoon vertrouwt?"
    assert deck.theme("trust").label == "Vertrouwen"
    assert all(c.asks_for_people for c in deck.cards)


def test_the_shipped_decks_all_load():
    found = load_decks()
    assert not found.problems, [str(p) for p in found.problems]
    ids = {d.id for d in found.decks}
    assert "wie-is-er-voor-jou" in ids
    assert len(found.get("wie-is-er-voor-jou").cards) >= 12


@pytest.mark.parametrize(
    "name, content, line, words",
    [
        ("tab indentation", GOOD.replace("    theme: fun", "\ttheme: fun"), 13, "tab"),
        ("missing card id", GOOD.replace("  - id: lachen\n    theme: fun", "  - theme: fun"), 12, "no 'id:'"),
        ("duplicate card id", GOOD.replace("id: lachen", "id: vertrouwen"), 12, "used twice (first on line 8)"),
        ("duplicate key", GOOD.replace("    text: Wie vertrouw jij?\n", "    text: Wie vertrouw jij?\n    text: Wie nog meer?\n"), 11, "'text' appears twice"),
        ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n", 1, "anchors"),
        ("python tag", GOOD.replace("title: Proefdeck", "title: !!python/object:os.system ls"), 3, "tags"),
        ("deep nesting", "cards: " + "[" * 10_000 + "]" * 10_000 + "\n", 1, "nested too deeply"),
        ("empty file", "", 1, "empty"),
        ("only comments", "# nothing here yet\n", 1, "empty"),
        ("list instead of mapping", "- id: proef\n- title: x\n", 1, "must be a list of 'key: value' lines"),
        ("card as text", GOOD.replace("  - id: nee\n    theme: daily\n    text: nee\n", "  - Wie helpt jou?\n"), 15, "a card must be a list of 'key: value' lines"),
        ("unknown theme", GOOD.replace("theme: fun", "theme: plezier"), 13, "unknown theme 'plezier'"),
        ("unknown key", GOOD.replace("follow_up:", "folow_up:"), 11, "unknown key 'folow_up'"),
        ("colon in text", GOOD.replace("text: Wie vertrouw jij?", "text: Wie: vertrouw jij?"), 10, "needs quotes"),
        ("id unlike folder", GOOD.replace("id: proef", "id: ander"), 1, "folder name"),
        ("bad audience", GOOD.replace("audience: family", "audience: ouders"), 4, "family, children or class"),
    ],
)
def test_a_bad_deck_gets_a_clear_message_with_its_line(tmp_path, name, content, line, words):
    path = write_deck(tmp_path, content)
    exc = error_for(path)
    assert exc.path == path
    assert exc.line == line, str(exc)
    assert words in exc.message, str(exc)
    assert str(exc).startswith(f"{path}:{line}:")


def test_a_five_megabyte_file_is_refused_before_parsing(tmp_path):
    path = write_deck(tmp_path, GOOD + "# " + "x" * (5 * 1024 * 1024) + "\n")
    exc = error_for(path)
    assert (exc.line, exc.column) == (1, 1) and "larger than 512 KiB" in exc.message


def test_latin1_bytes_point_at_the_line_and_say_save_as_utf8(tmp_path):
    raw = GOOD.replace("Wie vertrouw jij?", "Wie vertrouw jij, Zoë?").encode("latin-1")
    exc = error_for(write_deck(tmp_path, raw))
    assert exc.line == 10 and "UTF-8" in exc.message


def test_a_utf8_bom_is_accepted(tmp_path):
    deck = load_deck(write_deck(tmp_path, b"\xef\xbb\xbf" + GOOD.encode()).parent)
    assert deck.cards[0].text == "Wie vertrouw jij?"


def test_a_text_longer_than_a_card_is_refused(tmp_path):
    exc = error_for(write_deck(tmp_path, GOOD.replace("Wie vertrouw jij?", "Wie " * 100)))
    assert exc.line == 10 and "at most 300" in exc.message


def test_a_language_deck_for_a_deck_that_does_not_exist(tmp_path):
    path = write_deck(tmp_path, "deck: bestaat-niet\nlanguage: en\ncards: []\n", name="los", file="en.yaml")
    exc = error_for(path)
    assert exc.line == 1 and "no deck.yaml beside" in exc.message


def test_a_language_deck_naming_another_deck(tmp_path):
    write_deck(tmp_path, GOOD)
    path = write_deck(tmp_path, "deck: bestaat-niet\nlanguage: en\ncards: []\n", file="en.yaml")
    exc = error_for(path)
    assert exc.line == 1 and "no deck 'bestaat-niet'" in exc.message


def test_one_broken_deck_never_stops_the_others(tmp_path):
    write_deck(tmp_path, GOOD)
    write_deck(tmp_path, "id: kapot\n\tlanguage: nl\n", name="kapot")
    write_deck(tmp_path, GOOD, file="en.yaml")  # a deck.yaml copied as a language deck: broken
    found = load_decks(tmp_path)
    assert [d.id for d in found.decks] == ["proef"]
    assert sorted(p.path.name for p in found.problems) == ["deck.yaml", "en.yaml"]


# -- language decks -------------------------------------------------------------------

EN = """\
deck: proef
language: en
translated_by: Machine-made draft
reviewed: false
address: informal
title: Test deck
title_source: {title}
themes:
  trust: {{label: Trust, source: {trust}}}
cards:
  - id: vertrouwen
    text: Who do you trust?
    source: {vertrouwen}
  - id: lachen
    text: Who can you laugh out loud with?
  - id: eigen
    added: true
    theme: fun
    text: Who do you dance with?
  - id: verzonnen
    text: Nobody knows this card
"""


def _current(deck) -> dict:
    """The fingerprints of the deck's title and trust label, for EN."""
    return {"title": text_hash(deck.title), "trust": text_hash(deck.theme("trust").label)}


def test_a_language_deck_reports_missing_outdated_unknown_and_added_cards(tmp_path):
    deck = decks.read_deck(write_deck(tmp_path, GOOD))
    en = EN.format(vertrouwen=source_hash(deck.card("vertrouwen")), **_current(deck))
    tr = load_language_deck(write_deck(tmp_path, en, file="en.yaml"))
    kinds = sorted((w.kind, w.message.split("'")[1]) for w in tr.warnings)
    assert kinds == [
        ("added", "eigen"),
        ("missing", "aan"), ("missing", "nee"), ("missing", "tijd"),
        ("outdated", "lachen"),
        ("unknown", "verzonnen"),
    ]
    view = load_deck(tmp_path / "proef").localized("en")
    assert view.title == "Test deck" and view.theme("trust").label == "Trust"
    assert view.card("vertrouwen").text == "Who do you trust?" and view.card("vertrouwen").language == "en"
    assert view.card("nee").text == "nee" and view.card("nee").language == "nl"  # the source text shows
    assert view.card("eigen").text == "Who do you dance with?"


def test_mark_current_clears_outdated_and_keeps_comments(tmp_path):
    deck = decks.read_deck(write_deck(tmp_path, GOOD))
    path = write_deck(tmp_path, "# my notes\n" + EN.format(vertrouwen="00000000", **_current(deck)), file="en.yaml")
    assert {w.message.split("'")[1] for w in load_language_deck(path).outdated} == {"vertrouwen", "lachen"}
    deck = load_deck(tmp_path / "proef")
    _, count = decks.mark_current(deck, "en")
    assert count == 2
    tr = load_language_deck(path)
    assert not tr.outdated
    assert path.read_text().startswith("# my notes\n")
    assert tr.cards["lachen"].source == source_hash(deck.card("lachen"))
    # the Dutch card changes: the translation is outdated again
    write_deck(tmp_path, GOOD.replace("Met wie kun jij hard lachen?", "Met wie lach jij het hardst?"))
    assert [w.message.split("'")[1] for w in load_language_deck(path).outdated] == ["lachen"]


def test_new_language_writes_a_skeleton_that_loads_with_every_card_missing(tmp_path):
    deck = load_deck(write_deck(tmp_path, GOOD).parent)
    path = decks.new_language(deck, "ti")
    text = path.read_text()
    assert "# nl: Wie vertrouw jij?" in text and "reviewed: false" in text
    tr = load_language_deck(path)
    assert len(tr.missing) == len(deck.cards) and not tr.outdated
    with pytest.raises(FileExistsError):
        decks.new_language(deck, "ti")
    # a translator fills in one card: it is current straight away
    path.write_text(text.replace('text: ""', 'text: "ማን ትኣምን?"', 1), encoding="utf-8")
    tr = load_language_deck(path)
    assert tr.cards["vertrouwen"].text == "ማን ትኣምን?" and not tr.outdated


# -- anything at all ------------------------------------------------------------------

yaml_ish = st.lists(
    st.sampled_from(list("abcdeinorst -:#&*!|>[]{},'\"\n\t0123456789_é?") + ["id: ", "cards:", "text: ", "theme: ", "  - ", "\n  "]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(yaml_ish, yaml_ish.map(lambda t: GOOD + t), yaml_ish.map(lambda t: GOOD[: len(t) % len(GOOD)] + t)))
def test_any_text_either_loads_as_a_deck_or_raises_deck_error(tmp_path, body):
    path = write_deck(tmp_path, body)
    try:
        deck = decks.read_deck(path)
    except DeckError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message
    else:
        assert deck.cards and all(isinstance(c.text, str) for c in deck.cards)


# -- titles, labels and the form of address -------------------------------------------

EN_OLD_STYLE = """\
deck: proef
language: en
title: Test deck
description: Questions
themes:
  trust: Trust
  fun:
    label: Fun
cards:
  - id: vertrouwen
    text: Who do you trust?
"""


def test_a_title_and_labels_without_fingerprints_are_outdated_and_mark_current_fixes_them(tmp_path):
    write_deck(tmp_path, GOOD.replace("title: Proefdeck\n", "title: Proefdeck\ndescription: Vragen\n"))
    path = write_deck(tmp_path, "# notes\n" + EN_OLD_STYLE, file="en.yaml")
    deck = load_deck(tmp_path / "proef")
    outdated = sorted(w.message.split(" was translated")[0] for w in deck.translations["en"].outdated)
    assert outdated == ["card 'vertrouwen'", "the description", "the label of theme 'fun'",
                        "the label of theme 'trust'", "the title"]
    decks.mark_current(deck, "en")
    text = path.read_text(encoding="utf-8")
    assert f"title: Test deck\ntitle_source: {text_hash('Proefdeck')}\n" in text
    assert f"description: Questions\ndescription_source: {text_hash('Vragen')}\n" in text
    assert f"  trust: {{label: Trust, source: {text_hash('Vertrouwen')}}}\n" in text
    assert f"    label: Fun\n    source: {text_hash('Plezier')}\n" in text
    tr = load_language_deck(path)
    assert not tr.outdated and tr.theme_labels == {"trust": "Trust", "fun": "Fun"}
    # a Dutch label changes: the translated label is outdated again
    write_deck(tmp_path, GOOD.replace("themes: standard\n", "themes: standard\ntheme_labels:\n  trust: Fijn en veilig\n")
               .replace("title: Proefdeck\n", "title: Proefdeck\ndescription: Vragen\n"))
    assert [w.message.split(" was")[0] for w in load_language_deck(path).outdated] == ["the label of theme 'trust'"]


def test_a_deck_relabels_the_shared_themes_and_keeps_their_ids(tmp_path):
    write_deck(tmp_path, GOOD.replace("themes: standard\n", "themes: standard\ntheme_labels:\n  advice: Leren\n"))
    deck = load_deck(tmp_path / "proef")
    assert deck.theme("advice").label == "Leren"
    assert [t.id for t in deck.themes] == [t.id for t in decks.standard_themes()]
    assert deck.theme("trust").label == "Vertrouwen"
    write_deck(tmp_path, GOOD.replace("themes: standard\n", "themes: standard\ntheme_labels:\n  leren: Leren\n"))
    with pytest.raises(DeckError, match="leren"):
        load_deck(tmp_path / "proef")


def test_address_is_one_of_the_documented_forms(tmp_path):
    deck = decks.read_deck(write_deck(tmp_path, GOOD))
    en = EN.format(vertrouwen=source_hash(deck.card("vertrouwen")), **_current(deck))
    assert load_language_deck(write_deck(tmp_path, en, file="en.yaml")).address == "informal"
    write_deck(tmp_path, en.replace("address: informal", "address: formal"), file="en.yaml")
    with pytest.raises(DeckError, match="address must be one of informal, polite, plural, neutral"):
        load_language_deck(tmp_path / "proef" / "en.yaml")
    tr = load_language_deck(write_deck(tmp_path, en.replace("address: informal\n", ""), file="en.yaml"))
    assert [w.kind for w in tr.warnings if w.kind == "address"] == ["address"]


def test_a_language_deck_without_cards_names_the_deck_but_is_no_card_language(tmp_path):
    deck = decks.read_deck(write_deck(tmp_path, GOOD))
    write_deck(tmp_path, f"deck: proef\nlanguage: ar\ntitle: مجموعة تجريبية\ntitle_source: {text_hash(deck.title)}\n",
               file="ar.yaml")
    deck = load_deck(tmp_path / "proef")
    tr = deck.translations["ar"]
    assert not tr.has_cards and tr.warnings == ()
    assert deck.languages == ("nl",)
    assert deck.localized("ar").title == "مجموعة تجريبية"
    assert deck.localized("ar").card("vertrouwen").text == "Wie vertrouw jij?"

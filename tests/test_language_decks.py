"""Every shipped language deck is complete, current, and really in its language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kaarten.decks import load_decks

SCRIPTS = {"ar": "ARABIC", "ti": "ETHIOPIC", "uk": "CYRILLIC",
           "en": "LATIN", "tr": "LATIN", "pl": "LATIN"}
EXPECTED = {
    "wie-is-er-voor-jou": set(SCRIPTS),
    "kinderen": set(SCRIPTS),
    "klas": {"en"},  # the class deck is for Dutch and international Social Work students
}
# The class deck's name and labels in every UI language (a title-only language deck).
TITLE_ONLY = {"klas": set(SCRIPTS) - {"en"}}

# How each language deck addresses the family: the table in docs/translating.md.
ADDRESS = {
    "wie-is-er-voor-jou": {"en": "informal", "ar": "neutral", "tr": "polite", "ti": "plural",
                           "pl": "informal", "uk": "polite"},
    "kinderen": {"en": "informal", "ar": "neutral", "tr": "informal", "ti": "plural",
                 "pl": "informal", "uk": "informal"},
    "klas": {"en": "informal"},
}

DECKS = load_decks()


def letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return counts


def test_no_deck_or_language_deck_has_problems():
    assert not DECKS.problems, [str(p) for p in DECKS.problems]


@pytest.mark.parametrize("deck_id", sorted(EXPECTED))
def test_every_expected_language_is_complete_and_current(deck_id):
    deck = DECKS.get(deck_id)
    assert set(deck.languages) - {"nl"} == EXPECTED[deck_id]
    assert set(deck.translations) == EXPECTED[deck_id] | TITLE_ONLY.get(deck_id, set())
    for lang, tr in deck.translations.items():
        assert not tr.missing, (lang, [str(w) for w in tr.missing])
        assert not tr.outdated, (lang, [str(w) for w in tr.outdated])  # cards, title, description, labels
        assert not tr.reviewed and "machine" in tr.translated_by.lower(), lang
        assert tr.title and set(tr.theme_labels) == {t.id for t in deck.themes}, lang
        assert not [w for w in tr.warnings if w.kind not in {"added"}], (lang, [str(w) for w in tr.warnings])


@pytest.mark.parametrize("deck_id", sorted(EXPECTED))
def test_every_language_deck_addresses_the_family_as_docs_translating_says(deck_id):
    deck = DECKS.get(deck_id)
    found = {lang: tr.address for lang, tr in deck.translations.items() if tr.has_cards}
    assert found == ADDRESS[deck_id]
    doc = (Path(__file__).resolve().parent.parent / "docs" / "translating.md").read_text(encoding="utf-8")
    for lang, form in found.items():
        row = next(line for line in doc.splitlines() if line.startswith(f"| {lang} |"))
        column = {"wie-is-er-voor-jou": 2, "kinderen": 3, "klas": 4}[deck_id]
        assert row.split("|")[column].strip() == f"`{form}`", (lang, row)


def test_title_only_language_decks_show_the_deck_name_in_that_language():
    deck = DECKS.get("klas")
    for lang in TITLE_ONLY["klas"]:
        shown = deck.localized(lang)
        assert shown.title != deck.title and letters_by_script(shown.title).get(SCRIPTS[lang], 0) > 0, lang
        assert {t.label for t in shown.themes}.isdisjoint({t.label for t in deck.themes}), lang


@pytest.mark.parametrize("deck_id", sorted(EXPECTED))
def test_language_decks_are_written_in_their_own_script_and_differ_from_dutch(deck_id):
    deck = DECKS.get(deck_id)
    for lang, tr in deck.translations.items():
        for card in deck.cards if tr.has_cards else ():
            text = tr.cards[card.id].text
            assert text != card.text, (lang, card.id)
            counts = letters_by_script(text)
            main = max(counts, key=counts.get)
            assert main == SCRIPTS[lang], (lang, card.id, text, counts)
            if SCRIPTS[lang] != "LATIN":
                assert counts.get("LATIN", 0) <= counts[main] // 4, (lang, card.id, text)


def test_the_script_check_bites():
    assert max(letters_by_script("Wie vertrouw jij?").items(), key=lambda kv: kv[1])[0] == "LATIN"
    assert "ARABIC" in letters_by_script("بمن تثق؟")
    assert "ETHIOPIC" in letters_by_script("ንመን ትኣምን?")
    assert "CYRILLIC" in letters_by_script("Кому ти довіряєш?")

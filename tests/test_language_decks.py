"""Every shipped language deck is complete, current, and really in its language."""

from __future__ import annotations

import unicodedata

import pytest

from kaarten.decks import load_decks

SCRIPTS = {"ar": "ARABIC", "ti": "ETHIOPIC", "uk": "CYRILLIC",
           "en": "LATIN", "tr": "LATIN", "pl": "LATIN"}
EXPECTED = {
    "wie-is-er-voor-jou": set(SCRIPTS),
    "kinderen": set(SCRIPTS),
    "klas": {"en"},  # the class deck is for Dutch and international Social Work students
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
    assert set(deck.translations) == EXPECTED[deck_id]
    for lang, tr in deck.translations.items():
        assert not tr.missing, (lang, [str(w) for w in tr.missing])
        assert not tr.outdated, (lang, [str(w) for w in tr.outdated])
        assert not tr.reviewed and "machine" in tr.translated_by.lower(), lang


@pytest.mark.parametrize("deck_id", sorted(EXPECTED))
def test_language_decks_are_written_in_their_own_script_and_differ_from_dutch(deck_id):
    deck = DECKS.get(deck_id)
    for lang, tr in deck.translations.items():
        for card in deck.cards:
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

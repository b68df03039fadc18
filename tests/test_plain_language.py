"""Plain language on the family and children decks (B1 for families, A2 for children).

The checker lives in ``tests/plain_language.py``; these tests run it over every
card and follow-up, and prove it bites.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kaarten.decks import DECKS_DIR, load_deck

try:
    from tests.plain_language import jargon_in, problems, syllables, words
except ImportError:  # tests/ is on sys.path but not a package
    from plain_language import jargon_in, problems, syllables, words

MAX_WORDS = {"wie-is-er-voor-jou": 12, "kinderen": 8}
MAX_FOLLOW_UP_WORDS = 16


def _cards():
    for name in MAX_WORDS:
        for card in load_deck(Path(DECKS_DIR) / name).cards:
            yield pytest.param(name, card, id=f"{name}/{card.id}")


CARDS = list(_cards())


@pytest.mark.parametrize(("deck", "card"), CARDS)
def test_card_question_is_plain(deck, card):
    assert problems(card.text, MAX_WORDS[deck]) == [], card.text


@pytest.mark.parametrize(("deck", "card"), [p for p in CARDS if p.values[1].follow_up])
def test_follow_up_is_plain(deck, card):
    assert problems(card.follow_up, MAX_FOLLOW_UP_WORDS) == [], card.follow_up


def test_there_are_cards_to_check():
    assert len(CARDS) >= 48 + 30


# -- the checker bites -----------------------------------------------------------------

def test_checker_rejects_a_jargon_sentence():
    sample = "Welke informele netwerkleden ondersteunen jouw participatie en zelfredzaamheid?"
    found = problems(sample, 12)
    assert found
    assert set(jargon_in(sample)) >= {"netwerk", "informeel / formeel", "participatie", "zelfredzaamheid"}
    assert any("syllables" in p for p in found)  # zelfredzaamheid, participatie


def test_checker_rejects_a_too_long_sentence():
    sample = "Wie zou er in een heel lastige week bij jullie thuis kunnen komen helpen?"
    assert len(words(sample)) > 12
    assert any("words" in p for p in problems(sample, 12))


def test_checker_accepts_a_plain_question():
    assert problems("Wie vertrouw jij?", 8) == []


def test_children_get_fewer_words():
    sample = "Wie brengt jou naar school als het regent?"
    assert problems(sample, 12) == []
    assert problems(sample, 7) != []


@pytest.mark.parametrize(("word", "count"), [
    ("wie", 1), ("vertrouw", 2), ("jij", 1), ("vrijdag", 2), ("ziekenhuis", 3),
    ("boodschappen", 3), ("formulieren", 4), ("Suikerfeest", 3), ("opvoedondersteuning", 6),
])
def test_syllables_are_vowel_groups_with_ij_as_one(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize("text", [
    "Welke hulpverleners ken jij?", "Wie is je mantelzorger?", "Wie hoort bij je netwerk?",
    "Wie helpt bij je traject?", "Heb je een indicatie?", "Welke formele hulp krijg je?",
    "Wie houdt de regie?", "Is er een casusregisseur?", "Wie zit in de doelgroep?",
    "Kijk op de sociale kaart.", "Ben jij cliënt?", "Wie is er ambulant?",
])
def test_jargon_is_found_in_compounds_and_inflections(text):
    assert jargon_in(text), text


@pytest.mark.parametrize("text", [
    "Wie vertrouw jij?", "Wie helpt jou met brieven en formulieren?",
    "Met wie ga jij naar het buurthuis?", "Wie maakt jouw fiets als hij kapot is?",
])
def test_everyday_words_are_not_jargon(text):
    assert jargon_in(text) == []


def test_words_keep_apostrophes_and_dashes_together():
    assert words("Wie kun jij 's nachts bellen?") == ["Wie", "kun", "jij", "'s", "nachts", "bellen"]
    assert len(words("Wie is er voor jou?")) == 5

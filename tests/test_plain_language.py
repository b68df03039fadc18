"""Plain language on the family and children decks (B1 for families, A2 for children).

The checker lives in ``tests/plain_language.py``; these tests run it over every
card and follow-up, and prove it bites.
"""
from __future__ import annotations

import re
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


# -- the app's own words ------------------------------------------------------------------

from babel.messages.pofile import read_po  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NL_CATALOG = ROOT / "app" / "locales" / "nl" / "LC_MESSAGES" / "messages.po"
MAX_SENTENCE_WORDS = 16
# The class mode's words are for Social Work students: they may use professional terms.
# They are the start screen's two and every msgid only class mode's own files use.
APP_DIR = Path(__file__).resolve().parent.parent / "app"
CLASS_MODE_FILES = ("classmode.py", "screens/classsetup.*", "screens/classcase.*", "screens/classroles.*",
                    "screens/classtable.*", "screens/projector.*", "screens/debrief.*")
_MSGID = re.compile(r"""tr\.(?:_|ngettext)\(\s*(['"])(.+?)\1""")


def _msgids_in(paths) -> set[str]:
    return {m.group(2) for path in paths for m in _MSGID.finditer(path.read_text(encoding="utf-8"))}


_class_files = {p for pattern in CLASS_MODE_FILES for p in APP_DIR.glob(pattern)}
_other_files = {p for p in APP_DIR.rglob("*") if p.suffix in (".py", ".kv")} - _class_files
CLASS_MODE_MSGIDS = frozenset({"Oefenen (voor de klas): uit", "Voor de klas (oefenen)"}
                              | (_msgids_in(_class_files) - _msgids_in(_other_files)))
# Words the review found in the app that hurt or confuse a family.
APP_AVOID = {
    r"\b(u|uw)\b": "the app says 'je' and 'jullie', never 'u'",
    r"\bbijv\.": "write 'zoals', not an abbreviation",
    r"ongedaan": "reads like a form; say what happens ('is daarna echt weg')",
    r"\b(persoon|iemand)\b.*\ber niet meer\b": "reads as 'has died'",
    r"\bkijk( nog eens)? op de kaart\b|\bnaar de kaart\b|\bkaart (met|van) (jullie|hun|jouw) mensen":
        "'kaart' is the card; the map is 'het overzicht'",
}


def app_problems(text: str) -> list[str]:
    """Plain-language problems of one UI string: per sentence, without placeholders."""
    plain = re.sub(r"\{\w+\}", "X", text)
    found = []
    for sentence in re.split(r"(?<=[.?!:;])\s+", plain):
        found += problems(sentence, MAX_SENTENCE_WORDS)
    found += [why for pattern, why in APP_AVOID.items() if re.search(pattern, text, re.IGNORECASE)]
    return found


def _family_msgids() -> list[str]:
    with NL_CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        for msgid in (message.id,) if isinstance(message.id, str) else message.id:
            if msgid and msgid not in CLASS_MODE_MSGIDS:
                found.append(msgid)
    return found


FAMILY_MSGIDS = _family_msgids()


@pytest.mark.parametrize("msgid", FAMILY_MSGIDS)
def test_the_apps_family_facing_words_are_plain(msgid):
    assert app_problems(msgid) == []


def test_there_are_app_words_to_check():
    assert len(FAMILY_MSGIDS) >= 100
    assert {"Welk casusgezin?", "Turven van de observator"} <= CLASS_MODE_MSGIDS
    assert "Klaar" not in CLASS_MODE_MSGIDS        # a word the families' screens use too


@pytest.mark.parametrize(("text", "why"), [
    ("Deze persoon is er niet meer. Kijk nog eens op de kaart.", "has died"),
    ("De opgeslagen gesprekken konden niet worden geopend. Wat u nu speelt, wordt niet bewaard.", "'u'"),
    ("Weet je het zeker? Dit kan niet ongedaan worden gemaakt.", "form"),
    ("Naam of rol, bijv. mama", "zoals"),
    ("Nog geen hulpverleners genoemd", "jargon"),
    ("Daarna zien jullie de kaart met jullie mensen.", "overzicht"),
])
def test_the_app_words_check_bites(text, why):
    assert any(why in p for p in app_problems(text)), app_problems(text)

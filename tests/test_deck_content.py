"""Content tests for the real decks: they read the YAML through the project's loader.

These guard what a card writer can get wrong without breaking the format:
ids, theme spread, duplicate questions, the original questions of the game,
pictograms on the children's cards and the case families of the class deck.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from kaarten.decks import DECKS_DIR, PICTOGRAMS_DIR, Deck, load_deck

FAMILY, CHILDREN, CLASS = "wie-is-er-voor-jou", "kinderen", "klas"

MIN_CARDS = {FAMILY: 48, CHILDREN: 30, CLASS: 36}
AUDIENCE = {FAMILY: "family", CHILDREN: "children", CLASS: "class"}
STANDARD_THEMES = {"trust", "fun", "practical", "advice", "emergency", "daily", "more-often"}

# The pictograms another helper draws as kaarten/pictograms/<name>.png.
CHILD_PICTOGRAMS = frozenset({
    "heart", "smile", "basket", "lightbulb", "phone", "sun", "star", "hug", "ball",
    "school", "bed", "signpost", "plate", "book", "bicycle", "thermometer", "cake",
    "moon", "raincloud", "dog", "car", "music", "tree", "umbrella", "gift", "bus",
    "key", "house", "hand", "family", "pencil", "ear", "friends",
})

# The three questions of the original card game, with their stable ids.
ORIGINAL_QUESTIONS = {
    "wie-is-er-voor-jou": "Wie is er voor jou?",
    "vertrouwen": "Wie vertrouw jij?",
    "hard-lachen": "Met wie kun jij hard lachen?",
}

CARD_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DARK_TEXT = "#1F2430"


def _load(name: str) -> Deck:
    return load_deck(Path(DECKS_DIR) / name)


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    return {name: _load(name) for name in MIN_CARDS}


def normalise(text: str) -> str:
    """Lowercase, accents folded, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(" " if unicodedata.category(ch).startswith(("P", "S")) else ch for ch in text)
    return " ".join(text.split())


def contrast(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of two #RRGGBB colours."""
    def luminance(hex_colour: str) -> float:
        h = hex_colour.lstrip("#")
        channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# -- every deck ------------------------------------------------------------------

@pytest.mark.parametrize("name", list(MIN_CARDS))
def test_deck_loads_with_its_audience_and_enough_cards(decks, name):
    deck = decks[name]
    assert deck.id == name
    assert deck.audience == AUDIENCE[name]
    assert len(deck.cards) >= MIN_CARDS[name], f"{name}: {len(deck.cards)} cards, at least {MIN_CARDS[name]} wanted"


@pytest.mark.parametrize("name", list(MIN_CARDS))
def test_card_ids_are_unique_slugs(decks, name):
    ids = [card.id for card in decks[name].cards]
    bad = [i for i in ids if not CARD_ID.match(i)]
    assert not bad, f"{name}: ids that are not lowercase-with-dashes: {bad}"
    twice = [i for i, n in Counter(ids).items() if n > 1]
    assert not twice, f"{name}: ids used more than once: {twice}"


@pytest.mark.parametrize("name", list(MIN_CARDS))
def test_every_theme_is_used_at_least_three_times(decks, name):
    deck = decks[name]
    used = Counter(card.theme for card in deck.cards)
    declared = {theme.id for theme in deck.themes}
    thin = {t: used.get(t, 0) for t in declared if used.get(t, 0) < 3}
    assert not thin, f"{name}: themes with fewer than 3 cards: {thin}"
    assert set(used) <= declared


@pytest.mark.parametrize("name", list(MIN_CARDS))
def test_no_question_appears_twice(decks, name):
    seen: dict[str, str] = {}
    doubles = []
    for card in decks[name].cards:
        key = normalise(card.text)
        if key in seen:
            doubles.append((seen[key], card.id))
        seen[key] = card.id
    assert not doubles, f"{name}: the same question on two cards: {doubles}"


def test_normalise_ignores_case_and_punctuation():
    assert normalise("Wie vertrouw jij?") == normalise("wie  vertrouw JIJ ")
    assert normalise("Wie is er voor jóu?") == normalise("wie is er voor jou")


@pytest.mark.parametrize("name", [FAMILY, CHILDREN])
def test_family_and_children_decks_use_the_shared_themes(decks, name):
    assert {theme.id for theme in decks[name].themes} == STANDARD_THEMES


@pytest.mark.parametrize("name", [FAMILY, CHILDREN])
def test_family_and_children_cards_are_who_questions(decks, name):
    """The answer to every card is a name: the card asks 'wie' (or 'welke ...')."""
    for card in decks[name].cards:
        assert card.asks_for_people, f"{name}/{card.id} must ask for people"
        assert card.text.rstrip().endswith("?"), f"{name}/{card.id} is not a question: {card.text!r}"
        assert re.search(r"\b(wie|welke|wiens)\b", card.text, re.IGNORECASE), \
            f"{name}/{card.id} is not a who-question: {card.text!r}"


# -- the family deck ----------------------------------------------------------------

def test_family_deck_holds_the_three_original_questions(decks):
    deck = decks[FAMILY]
    for card_id, question in ORIGINAL_QUESTIONS.items():
        assert deck.card(card_id).text == question


def test_family_deck_spreads_its_cards_over_the_themes(decks):
    used = Counter(card.theme for card in decks[FAMILY].cards)
    assert all(used[t] >= 6 for t in STANDARD_THEMES), dict(used)


def test_family_deck_has_culturally_sensitive_cards(decks):
    text = " ".join(f"{c.text} {c.follow_up or ''}" for c in decks[FAMILY].cards).lower()
    for word in ("moskee", "kerk", "buurthuis", "taal", "nederland"):
        assert word in text, f"no card mentions '{word}'"


# -- the children's deck --------------------------------------------------------------

def test_every_childrens_card_has_a_known_pictogram(decks):
    cards = decks[CHILDREN].cards
    missing = [c.id for c in cards if not c.pictogram]
    assert not missing, f"children's cards without a pictogram: {missing}"
    unknown = {c.id: c.pictogram for c in cards if c.pictogram not in CHILD_PICTOGRAMS}
    assert not unknown, f"pictograms outside the fixed set: {unknown}"


def test_childrens_pictograms_are_spread(decks):
    uses = Counter(card.pictogram for card in decks[CHILDREN].cards)
    over = {name: n for name, n in uses.items() if n > 2}
    assert not over, f"pictograms used more than twice: {over}"


def test_childrens_pictogram_files_exist(decks):
    if not PICTOGRAMS_DIR.is_dir():
        pytest.skip(f"{PICTOGRAMS_DIR} does not exist yet")
    absent = sorted({c.pictogram for c in decks[CHILDREN].cards
                     if not (PICTOGRAMS_DIR / f"{c.pictogram}.png").is_file()})
    assert not absent, f"no file kaarten/pictograms/<name>.png for: {absent}"


def test_childrens_cards_are_one_sentence(decks):
    for card in decks[CHILDREN].cards:
        body = card.text.strip()[:-1]
        assert not re.search(r"[.?!]", body), f"{card.id}: one short sentence per card, not {card.text!r}"


# -- the class deck -------------------------------------------------------------------

def test_class_deck_declares_its_own_themes(decks):
    themes = {t.id: t for t in decks[CLASS].themes}
    assert {"rewrite", "reflection", "roleplay", "case"} <= set(themes)
    assert themes["rewrite"].pictogram == "pencil"
    assert themes["reflection"].pictogram == "mirror"
    assert themes["roleplay"].pictogram == "speech"
    assert themes["case"].pictogram == "family"


def test_class_theme_colours_keep_dark_text_readable(decks):
    for theme in decks[CLASS].themes:
        ratio = contrast(DARK_TEXT, theme.colour)
        assert ratio >= 7.0, f"theme {theme.id}: {DARK_TEXT} on {theme.colour} is only {ratio:.2f}:1"


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_class_deck_has_at_least_four_fictional_case_families(decks):
    cases = [c for c in decks[CLASS].cards if c.theme == "case" and c.text.startswith("Casus")]
    assert len(cases) >= 4, [c.id for c in cases]
    for card in cases:
        assert "verzonnen" in card.text.lower(), f"{card.id} must say the family is made up"
        assert not card.asks_for_people


def test_class_deck_exercises_do_not_ask_for_names(decks):
    """Rewriting, role play and case cards are exercises: nothing is recorded."""
    for card in decks[CLASS].cards:
        if card.theme in {"rewrite", "roleplay", "case"}:
            assert not card.asks_for_people, card.id


def test_class_deck_holds_the_key_reflection_questions(decks):
    texts = {normalise(c.text) for c in decks[CLASS].cards}
    assert normalise("Wat houdt jou tegen om het netwerk van een gezin te bellen?") in texts
    assert normalise("Wanneer speel jij de derde viool?") in texts


# -- the content review (shared/notes/content-review.md) ----------------------------------

# Wordings the review found to assume something about a family, to feel like a
# trap, or to be clumsy. A card writer meets them here, with the reason.
FAMILY_AVOID = {
    r"\bgeheim": "'geheim' can sound like a trap to a family under a child-protection order",
    r"\bhij of zij\b": "clumsy; ask so that no pronoun is needed",
    r"\bplots\b": "'plots' sounds Flemish; 'ineens'",
    r"\bnu wat zwaarder\b": "assumes how the family is doing",
    r"\bals jij later bent\b": "not idiomatic; 'als het jou niet lukt'",
    r"\bvraag jij raad\b.*\b(moskee|kerk|tempel)\b|\b(moskee|kerk|tempel)\b.*\bvraag jij raad\b":
        "assumes a faith and asks for advice from it",
}


def avoided_wordings(text: str) -> list[str]:
    return [why for pattern, why in FAMILY_AVOID.items() if re.search(pattern, text, re.IGNORECASE)]


def test_family_cards_avoid_the_wordings_the_review_named(decks):
    found = {c.id: avoided_wordings(f"{c.text} {c.follow_up or ''}") for c in decks[FAMILY].cards}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("text", [
    "Wie kan een geheim van jou goed bewaren?", "Wie zegt jou eerlijk wat hij of zij denkt?",
    "Wie past op de kinderen als jij plots weg moet?", "Wie mag weten dat het nu wat zwaarder is?",
    "Bij wie van de moskee, kerk of tempel vraag jij raad?",
])
def test_the_avoided_wordings_check_bites(text):
    assert avoided_wordings(text)


def test_family_deck_has_the_cards_the_review_missed_and_not_the_overlapping_ones(decks):
    ids = {c.id for c in decks[FAMILY].cards}
    assert {"voor-wie-ben-jij", "meegaan", "merkt-het", "maatje", "vriend", "werk"} <= ids
    assert not {"plots-weg", "weer-contact"} & ids


def test_theme_labels_leave_nobody_out(decks):
    for name in (FAMILY, CHILDREN):
        for theme in decks[name].themes:
            assert "opvoed" not in theme.label.lower(), f"{name}/{theme.id}: '{theme.label}' leaves out teenagers"


def test_children_see_their_own_labels_on_the_shared_theme_ids(decks):
    family = {t.id: t.label for t in decks[FAMILY].themes}
    children = {t.id: t.label for t in decks[CHILDREN].themes}
    assert set(children) == set(family)
    assert children["advice"] != family["advice"]
    for label in children.values():
        assert len(label.split()) <= 4, label


def test_childrens_pictograms_fit_their_question(decks):
    cards = {c.id: c for c in decks[CHILDREN].cards}
    wanted = {"luisteren": "ear", "huiswerk": "pencil", "aanbellen": "house", "veilig": "heart",
              "niemand-thuis": "key", "beste-vriend": "friends"}
    assert {k: cards[k].pictogram for k in wanted} == wanted


def test_childrens_deck_has_friends_teacher_pride_and_club(decks):
    ids = {c.id for c in decks[CHILDREN].cards}
    assert {"beste-vriend", "juf-meester", "trots", "club"} <= ids
    assert not {"uitleggen", "hoe-het-moet"} & ids  # four learning cards became two


def case_problems(card) -> list[str]:
    """What a case-family card lacks: it is made up, and it names a strength."""
    found = []
    if "verzonnen" not in card.text.lower():
        found.append("does not say the family is made up")
    if not re.search(r"\bKracht: \S", card.text):
        found.append("names no strength ('Kracht: ...'), only what the family lacks")
    return found


def test_every_case_family_has_a_strength(decks):
    cases = [c for c in decks[CLASS].cards if c.theme == "case" and c.text.startswith("Casus")]
    assert len(cases) >= 11
    assert {c.id: case_problems(c) for c in cases if case_problems(c)} == {}


def test_the_case_check_bites(decks):
    from dataclasses import replace
    card = decks[CLASS].card("casus-el-amrani")
    lacking = replace(card, text=card.text.split(" Kracht:")[0])
    assert case_problems(lacking) == ["names no strength ('Kracht: ...'), only what the family lacks"]


def test_class_deck_has_the_critical_safety_and_consent_cards(decks):
    ids = {c.id for c in decks[CLASS].cards}
    assert {"hulp-afschuiven", "vertrouwd-niet-veilig", "kinderen-meenemen", "toestemming", "eerst-vragen",
            "van-kaart-naar-plan", "vrijwilligers", "casus-sanne", "casus-peter", "casus-olena",
            "casus-martina"} <= ids
    text = " ".join(f"{c.text} {c.follow_up or ''}" for c in decks[CLASS].cards).lower()
    for word in ("meldcode", "familiegroepsplan", "netwerkberaad", "steunouder", "toeslagenaffaire"):
        assert word in text, word


def test_eritrean_children_carry_their_fathers_first_name(decks):
    card = decks[CLASS].card("casus-tesfay")
    father = re.search(r"(\w+) Tesfay \(\d+\)", card.text).group(1)
    children = re.findall(r"(\w+) (\w+) \((?:9|6)\)", card.text)
    assert children and all(second == father for _, second in children), children
    assert "Hiwet Gebremedhin" in card.text  # she keeps her own father's name

"""Pseudonyms: initials for people, "Speler n" for players, no notes; the
figures and the stored names stay as they were."""

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kaarten.network import Network, PersonId, Sector
from kaarten.pseudonyms import (
    initials,
    person_pseudonyms,
    player_pseudonyms,
    pseudonymise_summary,
    pseudonyms,
)
from kaarten.summary import summarise
from kaarten.table import Player, PlayerId

MAMA, SAM = Player(PlayerId(1), "Mama Yasmina", "#E53935"), Player(PlayerId(2), "Sam", "#43A047")


def test_initials_of_names_and_roles():
    assert initials("Anna") == "A."
    assert initials("anna de Vries") == "A.D.V."
    assert initials("Jan-Willem") == "J.W."
    assert initials("  buurman   Piet ") == "B.P."
    assert initials("Émile") == "É."
    assert initials("E\u0301mile") == "É."          # typed with a combining accent
    assert initials("سارة أحمد") == "س.أ."
    assert initials("ሰላም") == "ሰ."
    assert initials("(oma)") == "O."
    assert initials("🙂") == "?"
    assert initials("") == "?"


def test_collisions_are_numbered_in_the_order_people_were_named():
    net = Network()
    names = ["Anna", "Ahmed", "oma", "anouk", "Omar"]
    people = [net.add_person(n, Sector.FAMILY, 1, player_id=MAMA.id, card_id="c", theme="t")[0]
              for n in names]
    shown = person_pseudonyms(people)
    assert [shown[p.id] for p in people] == ["A.", "A. 2", "O.", "A. 3", "O. 2"]
    assert len(set(shown.values())) == len(people)


def test_players_are_numbered_by_their_place_at_the_table():
    assert player_pseudonyms([MAMA, SAM]) == {MAMA.id: "Speler 1", SAM.id: "Speler 2"}
    assert player_pseudonyms([MAMA, SAM], "Player {n}")[SAM.id] == "Player 2"
    p = pseudonyms([], [MAMA])
    assert p.player(MAMA.id) == "Speler 1" and p.person(PersonId(99)) == "?"


def test_a_pseudonymised_summary_has_no_name_and_no_note_but_the_same_figures():
    net = Network()
    oma, _ = net.add_person("Oma Fatima", Sector.FAMILY, 1, "ziek sinds mei", player_id=MAMA.id,
                            card_id="a", theme="trust")
    net.add_mention(oma.id, player_id=SAM.id, card_id="b", theme="fun")
    net.add_person("Omar", Sector.FRIENDS, 2, player_id=SAM.id, card_id="a", theme="trust")
    net.add_person("juf Anna", Sector.SCHOOL_WORK, 3, "heeft ruzie met papa", player_id=SAM.id,
                   card_id="b", theme="fun")
    real = summarise(net, [MAMA, SAM], deck_id="d", date=dt.date(2026, 5, 1), cards_played=3)
    shown = pseudonymise_summary(real)

    text = repr(shown)
    for secret in ("Oma", "Fatima", "Omar", "Anna", "juf", "Yasmina", "Mama", "Sam", "ziek", "ruzie"):
        assert secret not in text, secret
    assert [p.name for p in shown.people] == ["O.F.", "O.", "J.A."]
    assert [p.name for p in shown.players] == ["Speler 1", "Speler 2"]
    assert all(p.note == "" for p in shown.people)
    assert [p.name for p in shown.key_supporters] == ["O.F."]
    # every figure and place the same
    assert shown.totals == real.totals
    assert shown.empty_sectors == real.empty_sectors
    assert shown.mentions_by_person == real.mentions_by_person
    assert {k: [p.id for p in v] for k, v in shown.people_by_place.items()} == \
           {k: [p.id for p in v] for k, v in real.people_by_place.items()}
    assert [(p.id, p.sector, p.closeness) for p in shown.people] == \
           [(p.id, p.sector, p.closeness) for p in real.people]
    # the stored names are untouched
    assert [p.name for p in net.people] == ["Oma Fatima", "Omar", "juf Anna"]
    assert dataclasses.replace(real) == real


@given(st.lists(st.text(min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=30))
def test_every_person_gets_a_distinct_pseudonym_that_is_not_their_name(names):
    from kaarten.network import InvalidNameError
    net = Network()
    people = []
    for n in names:
        try:
            people.append(net.add_person(n, Sector.FRIENDS, 2, player_id=MAMA.id, card_id="c", theme="t")[0])
        except InvalidNameError:
            continue
    shown = person_pseudonyms(people)
    assert len(set(v.casefold() for v in shown.values())) == len(people)
    for p in people:
        # initials (and a number) or "?": no word of the name longer than a letter shows
        word = shown[p.id].split(" ")[0]
        assert word == "?" or word.endswith("."), (p.name, shown[p.id])
        for part in p.name.split():
            if len(part) > 3:
                assert part not in shown[p.id], (p.name, shown[p.id])

"""Typed names: every name shows something, nothing in it can reorder the
text around it, and the joiners that emoji and Arabic need stay. Saved
sessions are read back as they were written, whatever these rules say."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaarten.network import Closeness, InvalidNameError, Network, Person, PersonId, PlayerId, Sector, clean_name
from kaarten.session import Session
from kaarten.store import Store
from kaarten.table import validate_players

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # man ZWJ woman ZWJ girl: one emoji
ARABIC_WITH_ZWNJ = "\u0645\u06cc\u200c\u0631\u0627"  # a Persian-style name that needs its ZWNJ
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def add(network: Network, name: str) -> Person:
    person, _ = network.add_person(name, Sector.FAMILY, Closeness.CLOSE,
                                   player_id=PlayerId(1), card_id="vertrouwen", theme="trust")
    return person


def test_an_emoji_family_stays_byte_identical():
    network = Network()
    assert add(network, FAMILY).name.encode("utf-8") == FAMILY.encode("utf-8")
    assert validate_players([(FAMILY, "#1E88E5")])[0].name == FAMILY


def test_joiners_and_direction_marks_inside_a_name_stay():
    assert clean_name(ARABIC_WITH_ZWNJ) == ARABIC_WITH_ZWNJ
    assert clean_name("\u0633\u0627\u0631\u0627\u200f 2") == "\u0633\u0627\u0631\u0627\u200f 2"
    assert clean_name("juf\u200eAyşe") == "juf\u200eAyşe"


@pytest.mark.parametrize("control", list(BIDI))
def test_bidi_overrides_and_isolates_are_removed(control):
    assert clean_name(f"{control}oma") == "oma"
    assert clean_name(f"o{control}ma{control}") == "oma"


def test_a_reversed_name_cannot_pose_as_another():
    network = Network()
    person = add(network, "\u202eamo")
    assert person.name == "amo"
    renamed = network.rename(person.id, "\u2067oma\u2069")
    assert renamed.name == "oma"


@pytest.mark.parametrize("invisible", [
    "\u200b\u200b", "\u200d", "\u2060", "\ufeff", "\u200f", "\u200e\u200c", "\u00a0\u3000", "\u3164",
    "\u2800", "\u0301", "\u202e", "\u2028", " \u200b \u2066\u2069 ",
])
def test_a_name_of_only_invisible_characters_is_refused_like_an_empty_name(invisible):
    network = Network()
    with pytest.raises(InvalidNameError, match="Type a name"):
        add(network, invisible)
    person = add(network, "oma")
    with pytest.raises(InvalidNameError, match="Type a name"):
        network.rename(person.id, invisible)
    # a player: nothing visible is no name, stored as "" (shown as "Speler 2")
    assert validate_players([("mama", "#1E88E5"), (invisible, "#1E88E5")])[1].name == ""
    assert network.person(person.id).name == "oma"


def test_two_different_grandmothers_called_oma_stay_two_people():
    network = Network()
    first, second = add(network, "oma"), add(network, "\u202eoma")
    assert first.id != second.id and first.name == second.name == "oma"
    assert len(network.matches("oma")) == 2
    assert len(network.matches("\u202eOma")) == 2  # what is typed matches as it will be saved


def test_saved_people_are_read_back_as_they_were_written(tmp_path):
    # Names saved before these rules existed (or by another version) are not
    # re-checked: restoring must neither refuse nor change them.
    saved = [Person(PersonId(1), "\u200b\u200b", Sector.FAMILY, Closeness.CLOSE),
             Person(PersonId(2), "\u202eoma", Sector.FRIENDS, Closeness.FURTHER)]
    assert Network(saved).people == tuple(saved)

    path = tmp_path / "sessions.sqlite3"
    with Store.open(path) as store:
        session = Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=["vertrouwen"],
                                themes_by_card={"vertrouwen": "trust"}, players=[("Sam", "#1E88E5")], seed=1)
        session.deal()
        person = session.record_person("oma", Sector.FAMILY, Closeness.CLOSE)
    with sqlite3.connect(path) as db:  # as an older version could have written them
        db.execute("UPDATE people SET name = ? WHERE id = ?", ("\u200b\u200b", person.id))
    with Store.open(path) as store:
        assert [p.name for p in Session.resume(store, session.id).network.people] == ["\u200b\u200b"]


def test_saved_players_are_read_back_as_they_were_written(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    with Store.open(path) as store:
        session = Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=["vertrouwen"],
                                themes_by_card={"vertrouwen": "trust"}, players=[("Sam", "#1E88E5")], seed=1)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE players SET name = ?", ("\u200b\u200b",))
    with Store.open(path) as store:
        assert [p.name for p in Session.resume(store, session.id).players] == ["\u200b\u200b"]


@given(st.text(max_size=80))
def test_any_accepted_name_shows_something_and_holds_no_bidi_control(text):
    try:
        name = clean_name(text)
    except InvalidNameError:
        return
    assert not set(name) & set(BIDI)
    assert any(unicodedata.category(ch)[0] in "LNPS" for ch in name)

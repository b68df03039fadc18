"""The network in memory: names, matching, mentions, corrections."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaarten.network import (
    NAME_MAX,
    NOTE_MAX,
    Closeness,
    InvalidNameError,
    InvalidNoteError,
    InvalidPlaceError,
    Network,
    PlayerId,
    Sector,
    UnknownMentionError,
    UnknownPersonError,
    clean_name,
    name_key,
)

MAMA, KIND = PlayerId(1), PlayerId(2)


def add(net, name, player=MAMA, card="vertrouwen", theme="trust", sector=Sector.FAMILY, closeness=1):
    return net.add_person(name, sector, closeness, player_id=player, card_id=card, theme=theme)


def test_name_key_ignores_case_accents_and_spacing():
    assert name_key("  ÓMA ") == name_key("oma") == "oma"
    assert name_key("Tante  Zoë") == name_key("tante zoe")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("juf Ayşe") == name_key("Juf Ayse")
    assert name_key("oma") != name_key("opa")


def test_names_are_tidied_and_checked():
    assert clean_name("  buur  vrouw\t") == "buur vrouw"
    assert clean_name("a\x00b") == "a b"
    for empty in ("", "   ", "\n\t"):
        with pytest.raises(InvalidNameError, match="Type a name"):
            clean_name(empty)
    assert len(clean_name("x" * NAME_MAX)) == NAME_MAX
    with pytest.raises(InvalidNameError, match="too long"):
        clean_name("x" * (NAME_MAX + 1))
    with pytest.raises(InvalidNameError, match="cannot be saved"):
        clean_name("oma\ud800")


def test_emoji_and_right_to_left_names_are_kept_as_said():
    net = Network()
    for name in ("👵🏽 oma", "محمد", "ትግርኛ", "Ołeksandra", "שלום"):
        person, _ = add(net, name)
        assert person.name == name
        assert net.matches(name) == [person]


def test_a_new_name_is_a_new_person_with_one_mention():
    net = Network()
    oma, mention = add(net, "Oma", sector="family", closeness=2)
    assert oma.sector is Sector.FAMILY and oma.closeness is Closeness.CLOSE
    assert net.people == (oma,) and net.mentions == (mention,)
    assert (mention.person_id, mention.player_id, mention.card_id, mention.theme) == (
        oma.id, MAMA, "vertrouwen", "trust")


def test_two_different_omas_stay_possible():
    net = Network()
    oma1, _ = add(net, "oma")
    oma2, _ = add(net, "Óma ")
    assert oma1.id != oma2.id
    assert net.matches("OMA") == [oma1, oma2]
    assert net.matches("opa") == [] and net.matches("  ") == []


def test_naming_someone_again_adds_a_mention_not_a_person():
    net = Network()
    oma, _ = add(net, "Oma")
    again, created = net.add_mention(oma.id, player_id=KIND, card_id="hard-lachen", theme="fun")
    assert created
    assert len(net.people) == 1
    assert [m.player_id for m in net.mentions_of(oma.id)] == [MAMA, KIND]
    # a double tap on the same card by the same player adds nothing
    same, created = net.add_mention(oma.id, player_id=KIND, card_id="hard-lachen", theme="fun")
    assert not created and same == again and len(net.mentions) == 2


def test_rename_move_note_and_removals():
    net = Network()
    juf, m1 = add(net, "juf", sector=Sector.SCHOOL_WORK, closeness=3)
    buur, _ = add(net, "buurvrouw", sector=Sector.NEIGHBOURHOOD)
    m2, _ = net.add_mention(juf.id, player_id=KIND, card_id="x", theme="advice")
    assert net.rename(juf.id, " Juf  Fatima ").name == "Juf Fatima"
    moved = net.move(juf.id, closeness=Closeness.VERY_CLOSE)
    assert moved.sector is Sector.SCHOOL_WORK and moved.closeness is Closeness.VERY_CLOSE
    assert net.move(juf.id, sector="friends").closeness is Closeness.VERY_CLOSE
    assert net.set_note(juf.id, "  helpt met   huiswerk ").note == "helpt met huiswerk"
    assert net.remove_mention(m1.id) == m1
    assert net.mentions_of(juf.id) == (m2,)
    net.remove_mention(m2.id)
    assert juf.id in net and net.mentions_of(juf.id) == ()  # the person stays
    net.remove_person(buur.id)
    assert [p.name for p in net.people] == ["Juf Fatima"]


def test_removing_a_person_removes_their_mentions():
    net = Network()
    oma, m = add(net, "oma")
    net.add_mention(oma.id, player_id=KIND, card_id="b", theme="fun")
    opa, _ = add(net, "opa")
    assert len(net.remove_person(oma.id)) == 2
    assert [x.person_id for x in net.mentions] == [opa.id]


def test_mistakes_raise_clear_errors_and_change_nothing():
    net = Network()
    oma, _ = add(net, "oma")
    state = (net.people, net.mentions)
    with pytest.raises(UnknownPersonError):
        net.rename(99, "x")
    with pytest.raises(UnknownMentionError):
        net.remove_mention(99)
    with pytest.raises(InvalidPlaceError, match="choose one of"):
        net.move(oma.id, sector="work")
    with pytest.raises(InvalidPlaceError, match="1 \\(very close\\)"):
        net.move(oma.id, closeness=4)
    with pytest.raises(InvalidNoteError, match="too long"):
        net.set_note(oma.id, "x" * (NOTE_MAX + 1))
    with pytest.raises(InvalidNameError):
        net.rename(oma.id, "")
    with pytest.raises(InvalidNameError):
        add(net, "")
    assert (net.people, net.mentions) == state


def test_ids_are_never_reused_while_the_network_lives():
    net = Network()
    a, _ = add(net, "a")
    net.remove_person(a.id)
    b, _ = add(net, "b")
    assert b.id != a.id


def test_a_network_is_rebuilt_from_its_people_and_mentions():
    net = Network()
    oma, _ = add(net, "oma")
    net.add_mention(oma.id, player_id=KIND, card_id="b", theme="fun")
    add(net, "opa")
    again = Network(net.people, net.mentions)
    assert again.people == net.people and again.mentions == net.mentions
    nxt, _ = add(again, "buur")
    assert nxt.id == 3


@given(st.text(max_size=80))
def test_any_text_is_a_name_or_a_clear_refusal(text):
    try:
        name = clean_name(text)
    except InvalidNameError as e:
        assert str(e)
    else:
        assert 0 < len(name) <= NAME_MAX and name == name.strip()
        name.encode("utf-8")
        assert name_key(name) == name_key(name_key(name))

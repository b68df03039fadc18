"""A whole game through the public API, with a real SQLite file."""

import pytest

from kaarten.network import Closeness, InvalidNameError, NetworkError, Sector, UnknownPersonError
from kaarten.session import Session
from kaarten.store import PracticeStore, Store, StoreError, UnknownSessionError
from kaarten.table import TableError

CARDS = {
    "vertrouwen": "trust",
    "hard-lachen": "fun",
    "boodschappen": "practical",
    "opvoeden": "advice",
    "midden-in-de-nacht": "emergency",
    "verjaardag": "daily",
}
PLAYERS = [("Mama", "#E53935"), ("Sam", "#1E88E5"), ("Opa Jan", "#43A047")]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREKSKAARTEN_DATA", str(tmp_path))
    return tmp_path


def new_game(store, seed=42, cards=CARDS, players=PLAYERS):
    return Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=list(cards),
                         themes_by_card=cards, players=players, seed=seed)


def state(session):
    return (
        session.table.snapshot(),
        session.current_player,
        session.current_card,
        session.network.people,
        session.network.mentions,
    )


def test_a_scripted_game_of_three_players(data):
    store = Store.open()
    s = new_game(store)
    pile = s.table.pile  # the order the cards will come in
    mama, sam, opa = s.players

    # Mama: two people
    assert s.deal() == pile[0] and s.current_player == mama
    oma = s.record_person("Oma", Sector.FAMILY, Closeness.VERY_CLOSE)
    ans = s.record_person("buurvrouw Ans", Sector.NEIGHBOURHOOD, Closeness.CLOSE, note="past op de kat")

    # Sam passes once, then names Oma again (picked from the chips) and his teacher
    assert s.next_turn() == pile[1] and s.current_player == sam
    assert s.pass_card() == pile[2] and s.current_player == sam
    assert s.table.pile[-1] == pile[1]
    assert s.network.matches("  óma") == [oma]
    assert s.record_person("óma", Sector.FAMILY, Closeness.VERY_CLOSE, same_as=oma.id) == oma
    juf = s.record_person("Juf Fatima", Sector.SCHOOL_WORK, Closeness.CLOSE)

    # Opa Jan passes too, then names the doctor
    assert s.next_turn() == pile[3] and s.current_player == opa
    assert s.pass_card() == pile[4]
    huisarts = s.record_person("huisarts", "professionals", 3)

    # Mama's turn is skipped: Sam gets her card and names his coach
    assert s.next_turn() == pile[5] and s.current_player == mama
    assert s.skip_player() == pile[5] and s.current_player == sam
    trainer = s.record_person("trainer Kees", Sector.CLUB_FAITH_LEISURE, Closeness.CLOSE)

    # Opa Jan gets Sam's passed card back and passes it again: set aside for good
    assert s.next_turn() == pile[1] and s.current_player == opa
    assert s.pass_card() == pile[3]
    assert s.table.set_aside == (pile[1],)

    s.end()
    assert s.finished and s.table.current_card is None
    assert s.table.played == (pile[0], pile[2], pile[4], pile[5], pile[3])
    with pytest.raises(TableError, match="ended"):
        s.record_person("te laat", Sector.FRIENDS, 1)

    # one person with two mentions, five people in all
    assert [p.name for p in s.network.people] == ["Oma", "buurvrouw Ans", "Juf Fatima", "huisarts", "trainer Kees"]
    assert [(m.player_id, m.card_id, m.theme) for m in s.network.mentions_of(oma.id)] == [
        (mama.id, pile[0], CARDS[pile[0]]),
        (sam.id, pile[2], CARDS[pile[2]]),
    ]
    assert len(s.network.mentions) == 6
    assert s.network.person(ans.id).note == "past op de kat"

    summary = s.summary()
    assert summary.key_supporters == (oma,)
    assert summary.empty_sectors == (Sector.FRIENDS,)
    assert (summary.totals.people, summary.totals.mentions) == (5, 6)
    assert (summary.totals.players_who_named, summary.totals.cards_played) == (3, 5)
    assert summary.people_by_place[(Sector.SCHOOL_WORK, Closeness.CLOSE)] == (juf,)
    assert summary.people_by_place[(Sector.PROFESSIONALS, Closeness.FURTHER)] == (huisarts,)
    assert summary.players_by_person[trainer.id] == (sam.id,)
    store.close()

    # everything is on disk
    with Store.open() as again:
        assert again.unfinished() is None
        [info] = again.sessions()
        assert info.finished and info.people_count == 5
        assert info.player_names == ("Mama", "Sam", "Opa Jan")
        back = Session.resume(again, s.id)
        assert state(back) == state(s)
        assert back.summary() == summary


def test_resume_after_reopening_is_exactly_where_it_stopped(data):
    store = Store.open()
    s = new_game(store, seed=7)
    s.deal()
    oma = s.record_person("oma", "family", 1)
    s.next_turn()
    s.pass_card()
    s.record_person("oma", "family", 1, same_as=oma.id)
    s.record_person("Tante Zoë", "family", 2, note="belt elke week")
    s.next_turn()
    before = state(s)
    upcoming = s.table.pile
    store.close()

    store = Store.open()
    info = store.unfinished()
    assert info is not None and info.id == s.id and not info.finished
    back = Session.resume(store, info.id)
    assert state(back) == before
    assert (back.deck_id, back.language, back.seed) == ("wie-is-er-voor-jou", "nl", 7)
    assert back.created == s.created
    # it deals what the game would have dealt, and keeps numbering people
    assert back.next_turn() == upcoming[0]
    assert back.record_person("buurman", "neighbourhood", 3).id == 3
    store.close()


def test_two_different_omas_stay_possible(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        mamas_oma = s.record_person("Oma", "family", 1)
        s.next_turn()
        assert s.network.matches("oma") == [mamas_oma]
        papas_oma = s.record_person("oma", "family", 2)  # not the same one
        assert papas_oma.id != mamas_oma.id
        sid = s.id
    with Store.open() as store:
        back = Session.resume(store, sid)
        assert [p.name for p in back.network.matches("ÓMA")] == ["Oma", "oma"]


def test_a_double_tap_on_a_chip_adds_no_second_mention(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        oma = s.record_person("Oma", "family", 1)
        first = s.name_again(oma.id)
        assert s.name_again(oma.id) == first
        assert len(s.network.mentions_of(oma.id)) == 1


def test_corrections_are_saved(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        juf = s.record_person("juf", "school-work", 3)
        buur = s.record_person("buurman", "neighbourhood", 2)
        s.next_turn()
        s.record_person("juf", "school-work", 3, same_as=juf.id)
        m = s.network.mentions_of(juf.id)[0]
        s.rename(juf.id, "Juf Fatima")
        s.move(juf.id, sector=Sector.FRIENDS)
        s.move(juf.id, closeness=Closeness.VERY_CLOSE)
        s.set_note(juf.id, "helpt met huiswerk")
        s.remove_mention(m.id)
        s.remove_person(buur.id)
        s.end()
        s.rename(juf.id, "Fatima")  # corrections still possible after the end
        expected = state(s)
        sid = s.id
    with Store.open() as store:
        back = Session.resume(store, sid)
        assert state(back) == expected
        [fatima] = back.network.people
        assert (fatima.name, fatima.sector, fatima.closeness, fatima.note) == (
            "Fatima", Sector.FRIENDS, Closeness.VERY_CLOSE, "helpt met huiswerk")
        assert len(back.network.mentions) == 1


def test_bad_input_is_refused_and_nothing_changes(data):
    with Store.open() as store:
        s = new_game(store)
        with pytest.raises(TableError, match="deal a card first"):
            s.record_person("oma", "family", 1)
        s.deal()
        before = state(s)
        with pytest.raises(InvalidNameError):
            s.record_person("   ", "family", 1)
        with pytest.raises(InvalidNameError, match="too long"):
            s.record_person("x" * 61, "family", 1)
        with pytest.raises(UnknownPersonError):
            s.record_person("oma", "family", 1, same_as=99)
        with pytest.raises(TableError):
            s.deal()
        assert state(s) == before
        # strange names are fine
        for name in ("👵🏽", "محمد", "ትግርኛ", "x" * 60):
            assert s.record_person(name, "friends", 2).name == name


def test_a_change_that_cannot_be_saved_is_not_kept_in_memory(data):
    store = Store.open()
    s = new_game(store)
    s.deal()
    s.record_person("oma", "family", 1)
    before = state(s)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        s.record_person("opa", "family", 1)
    with pytest.raises(StoreError):
        s.next_turn()
    assert state(s) == before

    store = Store.open()
    s = Session.resume(store, s.id)
    other = Store.open()
    other.delete_session(s.id)
    other.close()
    with pytest.raises(UnknownSessionError, match="deleted"):
        s.record_person("opa", "family", 1)
    assert state(s) == before
    store.close()


def test_a_practice_game_leaves_no_file_and_cannot_be_reopened(data):
    store = PracticeStore()
    assert store.keeps_nothing and not Store.keeps_nothing
    s = new_game(store)
    assert s.keeps_nothing
    s.deal()
    oma = s.record_person("oma", "family", 1)
    s.next_turn()
    s.record_person("opa", "family", 2)
    s.take_back(oma.id, card_id=s.table.played[0])
    s.end()
    assert [p.name for p in s.network.people] == ["opa"]
    assert store.sessions() == [] and store.unfinished() is None
    with pytest.raises(UnknownSessionError):
        Session.resume(store, s.id)
    assert new_game(store).id != s.id
    store.delete_session(s.id)
    store.close()
    assert list(data.iterdir()) == []


def start(store, card_ids, themes, players):
    return Session.start(store, deck_id="d", language="nl", card_ids=card_ids, themes_by_card=themes, players=players)


def test_new_session_checks_its_input(data):
    with Store.open() as store:
        with pytest.raises(ValueError, match="No theme"):
            start(store, ["a", "b"], {"a": "trust"}, PLAYERS)
        with pytest.raises(TableError, match="1 to 8"):
            start(store, ["a"], {"a": "trust"}, [])
        with pytest.raises(TableError, match="RRGGBB"):
            start(store, ["a"], {"a": "trust"}, [("Mama", "rood")])
        assert store.sessions() == []
        single = start(store, ["a"], {"a": "trust"}, [("Ik", "#000000")])
        assert single.seed is not None and single.deal() == "a"


# --- rules the screens ask for: one action, one transaction ---------------------


def count_commits(store):
    """A list that grows by one for every COMMIT the store runs from now on."""
    commits = []
    store._trace(lambda sql: commits.append(sql) if sql.strip().upper().startswith("COMMIT") else None)
    return commits


def test_taking_a_name_back_is_one_transaction_and_removes_only_that_card(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        oma = s.record_person("oma", "family", 1)
        first_card = s.current_card
        s.next_turn()
        s.name_again(oma.id)
        s.record_person("oma", "family", 1, same_as=oma.id)  # a double tap: still one mention
        opa = s.record_person("opa", "family", 2)
        commits = count_commits(store)
        assert s.take_back(oma.id) is False            # still named on the first card
        assert len(commits) == 1
        assert [m.card_id for m in s.network.mentions_of(oma.id)] == [first_card]
        assert s.take_back(opa.id) is True             # named nowhere else: gone altogether
        assert len(commits) == 2
        assert opa.id not in s.network
        expected = state(s)
        sid = s.id
    with Store.open() as store:
        assert state(Session.resume(store, sid)) == expected


def test_merging_two_people_is_one_transaction_and_drops_doubled_mentions(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        oma = s.record_person("Oma", "family", 1)
        twin = s.record_person("oma Jo", "family", 2, note="woont om de hoek")  # the same person, by mistake
        s.next_turn()
        s.name_again(twin.id)
        commits = count_commits(store)
        kept = s.merge(oma.id, twin.id)
        assert len(commits) == 1
        assert kept == oma and twin.id not in s.network
        # mama's doubled mention of the first card was dropped; sam's moved to oma
        assert [(m.player_id, m.card_id) for m in s.network.mentions_of(oma.id)] == [
            (s.players[0].id, s.table.played[0]), (s.players[1].id, s.current_card)]
        assert len(s.network.mentions) == 2
        with pytest.raises(UnknownPersonError):
            s.merge(oma.id, twin.id)
        with pytest.raises(NetworkError, match="themselves"):
            s.merge(oma.id, oma.id)
        expected = state(s)
        sid = s.id
    with Store.open() as store:
        assert state(Session.resume(store, sid)) == expected


def test_a_take_back_or_merge_that_cannot_be_saved_changes_nothing(data):
    store = Store.open()
    s = new_game(store)
    s.deal()
    oma = s.record_person("oma", "family", 1)
    opa = s.record_person("opa", "family", 1)
    before = state(s)
    store.close()
    with pytest.raises(StoreError):
        s.take_back(oma.id)
    with pytest.raises(StoreError):
        s.merge(oma.id, opa.id)
    assert state(s) == before


def test_suggestions_offer_namesakes_but_never_decide(data):
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        mamas_oma = s.record_person("Oma", "family", 1)
        truus = s.record_person("oma Truus", "family", 2)
        s.next_turn()
        offer = s.network.suggestions(" óma ")
        assert offer.same == (mamas_oma,) and offer.others == (truus,)
        papas_oma = s.record_person("oma", "family", 2)  # a different oma: still possible
        offer = s.network.suggestions("OMA")
        assert offer.same == (mamas_oma, papas_oma)
        assert offer.people == (mamas_oma, papas_oma, truus)
        assert s.network.suggestions("").others == (papas_oma, truus, mamas_oma)  # latest first
        assert s.network.suggestions("buurman").people == ()
        assert s.network.named_for(s.current_card) == (papas_oma,)


def test_namesakes_get_a_distinction_that_is_saved_and_shown(data):
    from kaarten.network import person_label
    with Store.open() as store:
        s = new_game(store)
        s.deal()
        first = s.record_person("oma", "family", 1)
        second = s.record_person("oma", "family", 2, distinction="van papa")
        assert person_label(second) == "oma (van papa)" and person_label(first) == "oma"
        s.set_distinction(first.id, "  (van mama) ")
        with pytest.raises(InvalidNameError):
            s.set_distinction(first.id, "x" * 31)
        sid = s.id
    with Store.open() as store:
        back = Session.resume(store, sid)
        assert [person_label(p) for p in back.network.people] == ["oma (van mama)", "oma (van papa)"]


def test_a_player_is_renamed_after_the_game_started_and_may_have_no_name(data):
    with Store.open() as store:
        s = Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=list(CARDS),
                          themes_by_card=CARDS, players=[("Mama", "#E53935"), ("  ", "#1E88E5")], seed=1)
        assert [p.name for p in s.players] == ["Mama", ""]     # nothing made up is stored
        s.deal()
        s.next_turn()
        s.rename_player(s.players[1].id, "Sam")
        s.rename_player(s.players[0].id, "")
        with pytest.raises(TableError):
            s.rename_player(99, "x")
        with pytest.raises(InvalidNameError):
            s.rename_player(s.players[0].id, "x" * 61)
        expected = state(s)
        sid = s.id
        assert [i.player_names for i in store.sessions()] == [("", "Sam")]
    with Store.open() as store:
        back = Session.resume(store, sid)
        assert [p.name for p in back.players] == ["", "Sam"] and state(back) == expected

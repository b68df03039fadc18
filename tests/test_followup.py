"""A follow-up game: it starts on the earlier map, says what changed, and
keeps the earlier session from retention until it ends."""

import datetime as dt

from store_helpers import CARDS, new_game, raw_bytes

from kaarten.followup import Change, Origin
from kaarten.network import Closeness, Sector
from kaarten.plan import Outcome
from kaarten.session import Session
from kaarten.store import DB_NAME, Store


def earlier_game(store):
    """3 November: Mama names Oma and the neighbour and the GP, Sam names
    his teacher; the plan asks Oma and the neighbour for something."""
    s = new_game(store)
    oma = s.record_person("Oma", "family", 2)
    buur = s.record_person("buurvrouw", "neighbourhood", 2)
    arts = s.record_person("huisarts", "professionals", 1)
    s.next_turn()
    juf = s.record_person("juf", "school-work", 3)
    s.end()
    ophalen = s.add_plan_line(oma.id, "woensdag de kinderen ophalen", asker=s.players[0].id)
    boodschappen = s.add_plan_line(buur.id, theme="practical")
    s.set_plan_notes(next_step="over drie weken weer spelen")
    return s, oma, buur, arts, juf, ophalen, boodschappen


def follow_up(store, earlier):
    f = Session.start_follow_up(store, earlier.id, card_ids=list(CARDS), themes_by_card=CARDS, seed=5)
    f.deal()
    return f


def test_a_follow_up_starts_on_the_earlier_map_with_its_players_and_asks(data):
    with Store.open() as store:
        earlier, oma, buur, arts, juf, ophalen, boodschappen = earlier_game(store)
        f = follow_up(store, earlier)
        assert [p.name for p in f.players] == [p.name for p in earlier.players]
        assert f.network.people == earlier.network.people          # same ids, names, places
        assert f.network.mentions == ()                             # nobody named in this game yet
        assert f.follow_up.earlier_id == earlier.id
        assert f.follow_up.earlier_created == earlier.created
        assert f.follow_up.origins[oma.id] == Origin(Sector.FAMILY, Closeness.CLOSE)
        assert [(a.id, a.ask, a.earlier, a.outcome) for a in f.plan.earlier_asks] == [
            (ophalen.id, "woensdag de kinderen ophalen", True, None), (boodschappen.id, "", True, None)]
        assert f.plan.asks == () and f.plan.notes.next_step == ""   # a new plan starts empty
        again = Session.resume(store, f.id)
        assert again.follow_up == f.follow_up and again.plan.lines == f.plan.lines
        listed = {i.id: i for i in store.sessions()}
        assert listed[f.id].follows_created == earlier.created and listed[earlier.id].follows_created is None


def test_the_follow_up_says_who_is_new_closer_further_and_not_named_again(data):
    with Store.open() as store:
        earlier, oma, buur, arts, juf, ophalen, boodschappen = earlier_game(store)
        f = follow_up(store, earlier)
        f.name_again(oma.id)
        f.move(oma.id, closeness=1)                 # Oma came closer
        f.move(arts.id, closeness=3)                # the GP moved further (not named)
        f.name_again(juf.id)                         # the teacher named again, same circle
        tante = f.record_person("tante Amal", "family", 1)
        f.set_outcome(ophalen.id, Outcome.DONE)
        f.set_outcome(boodschappen.id, "not-yet")
        f.end()

        changes = Session.resume(store, f.id).follow_up_changes()
        assert changes.new == (tante,)
        assert [p.id for p in changes.closer] == [oma.id]
        assert [p.id for p in changes.further] == [arts.id]
        assert [p.id for p in changes.not_named_again] == [buur.id]
        assert [p.id for p in changes.same] == [juf.id]
        assert {pc.person.id: pc.change for pc in changes.people}[tante.id] is Change.NEW
        assert [(a.id, a.outcome) for a in changes.asks] == [(ophalen.id, Outcome.DONE),
                                                             (boodschappen.id, Outcome.NOT_YET)]
        assert changes.asks_with(Outcome.NOT_NEEDED) == ()
        assert earlier.follow_up_changes() is None


def test_a_follow_up_outlives_the_earlier_session(data):
    with Store.open() as store:
        earlier, oma, *_ = earlier_game(store)
        f = follow_up(store, earlier)
        store.delete_session(earlier.id)
        again = Session.resume(store, f.id)
        assert again.follow_up.origins[oma.id].closeness == Closeness.CLOSE
        assert len(again.plan.earlier_asks) == 2
        again.remove_person(oma.id)          # a person and their origin and asks go together
        again = Session.resume(store, f.id)
        assert oma.id not in again.follow_up.origins
        assert [a.person_id for a in again.plan.earlier_asks] != [oma.id] and len(again.plan.earlier_asks) == 1


def test_retention_keeps_the_earlier_session_until_the_follow_up_ends(data):
    with Store.open() as store:
        earlier, *_ = earlier_game(store)
        f = follow_up(store, earlier)
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=60)
        f.record_person("nieuw", "friends", 1)
        store._open_db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (later.isoformat(), f.id))
        assert store.expire(dt.timedelta(days=31), now=later) == []     # kept: the follow-up is not over
        assert {i.id for i in store.sessions()} == {earlier.id, f.id}
        f.end()
        store._open_db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (later.isoformat(), f.id))
        assert store.expire(dt.timedelta(days=31), now=later) == [earlier.id]
        assert [i.id for i in store.sessions()] == [f.id]


def test_an_unfinished_follow_up_that_expires_itself_keeps_nothing_back(data):
    with Store.open() as store:
        earlier, *_ = earlier_game(store)
        f = follow_up(store, earlier)
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=60)
        assert sorted(store.expire(dt.timedelta(days=31), now=later)) == sorted([earlier.id, f.id])
    assert b"woensdag de kinderen ophalen" not in raw_bytes(data / DB_NAME)


def test_retention_keeps_only_what_an_unfinished_follow_up_points_at(data):
    with Store.open() as store:
        earlier, *_ = earlier_game(store)
        other = new_game(store, seed=9)
        other.end()
        f = follow_up(store, earlier)
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=60)
        f.record_person("nieuw", "friends", 1)
        store._open_db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (later.isoformat(), f.id))
        assert store.expire(dt.timedelta(days=31), now=later) == [other.id]

"""The wie-plan through the session's public API: lines point at a person
by id (a rename follows), edits and removals are saved at once, a plan
survives a restart, and deleting the session leaves none of its words on disk."""

import datetime as dt

import pytest
from store_helpers import new_game, raw_bytes

from kaarten.network import PlayerId
from kaarten.plan import ASK_MAX, LINES_MAX, Outcome, PlanError, When, deadline, plan_entries
from kaarten.session import Session
from kaarten.store import DB_NAME, Store, UnknownSessionError


def test_a_plan_line_is_added_edited_and_removed_and_each_change_is_saved(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        buur = s.record_person("buurvrouw", "neighbourhood", 2)
        mama = s.players[0]
        by = dt.date(2026, 12, 2)
        line = s.add_plan_line(oma.id, "  woensdag de kinderen   ophalen ", asker=mama.id, by=by)
        assert (line.person_id, line.ask, line.asker, line.by) == (oma.id, "woensdag de kinderen ophalen", mama.id, by)
        picture_only = s.add_plan_line(buur.id, theme="practical")
        assert picture_only.ask == "" and picture_only.theme == "practical"

        again = Session.resume(store, s.id)
        assert again.plan.lines == (line, picture_only)

        edited = s.edit_plan_line(line.id, ask="vrijdag koken", by=None, asker=None)
        assert (edited.ask, edited.by, edited.asker, edited.person_id) == ("vrijdag koken", None, None, oma.id)
        moved = s.edit_plan_line(picture_only.id, person_id=oma.id)
        assert Session.resume(store, s.id).plan.lines_for(oma.id) == (edited, moved)

        s.remove_plan_line(line.id)
        assert Session.resume(store, s.id).plan.lines == (moved,)


def test_renaming_the_person_the_line_follows(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        line = s.add_plan_line(oma.id, "oppassen")
        s.rename(oma.id, "Oma Fatima")
        entries = plan_entries(Session.resume(store, s.id).plan, s.network, s.players)
        assert [(e.line.id, e.person.name) for e in entries] == [(line.id, "Oma Fatima")]


def test_the_plan_follows_people_merged_and_goes_with_people_removed(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        dubbel = s.record_person("oma", "family", 2)
        juf = s.record_person("juf", "school-work", 2)
        a = s.add_plan_line(dubbel.id, "zondag bellen")
        b = s.add_plan_line(juf.id, "huiswerk")
        s.merge(oma.id, dubbel.id)
        s.remove_person(juf.id)
        plan = Session.resume(store, s.id).plan
        assert [(x.id, x.person_id) for x in plan.lines] == [(a.id, oma.id)]
        assert b.id not in {x.id for x in plan.lines}


def test_notes_and_the_ask_words_after_a_game_has_ended(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        s.end()
        s.add_plan_line(oma.id, "koken")
        s.set_plan_notes(goes_well="We lachen veel", next_step="Oma bellen")
        s.set_plan_notes(next_step="")
        notes = Session.resume(store, s.id).plan.notes
        assert (notes.goes_well, notes.next_step) == ("We lachen veel", "")


def test_a_line_needs_words_or_a_picture_a_real_person_and_a_player_at_the_table(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        with pytest.raises(PlanError):
            s.add_plan_line(oma.id, "   ")
        with pytest.raises(PlanError):
            s.add_plan_line(oma.id, "x" * (ASK_MAX + 1))
        with pytest.raises(PlanError):
            s.add_plan_line(oma.id, "bellen", asker=PlayerId(99))
        with pytest.raises(LookupError):
            s.add_plan_line(999, "bellen")
        with pytest.raises(PlanError):    # an outcome is for the earlier plan's asks
            s.set_outcome(s.add_plan_line(oma.id, "bellen").id, Outcome.DONE)
        for i in range(LINES_MAX - 1):
            s.add_plan_line(oma.id, f"vraag {i}")
        with pytest.raises(PlanError):
            s.add_plan_line(oma.id, "een te veel")
        assert len(Session.resume(store, s.id).plan.asks) == LINES_MAX


def test_a_failed_save_leaves_the_plan_as_it_was(data):
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        store.delete_session(s.id)
        with pytest.raises(UnknownSessionError):
            s.add_plan_line(oma.id, "bellen")
        assert len(s.plan) == 0


def test_deleting_the_session_deletes_its_plan_for_real(data):
    db = data / DB_NAME
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        s.add_plan_line(oma.id, "Plan-Vraag-Woensdag-Ophalen", asker=s.players[0].id, by=dt.date(2026, 12, 2))
        s.set_plan_notes(goes_well="Goed-Gaat-Het-Koken", next_step="Volgende-Stap-Bellen")
        store.checkpoint()
        before = raw_bytes(db)
        assert b"Plan-Vraag-Woensdag-Ophalen" in before and b"Volgende-Stap-Bellen" in before
        store.delete_session(s.id)
        after = raw_bytes(db)
        for word in (b"Plan-Vraag-Woensdag-Ophalen", b"Goed-Gaat-Het-Koken", b"Volgende-Stap-Bellen"):
            assert word not in after


def test_an_edited_ask_leaves_no_old_words_on_disk(data):
    db = data / DB_NAME
    with Store.open() as store:
        s = new_game(store)
        oma = s.record_person("Oma", "family", 1)
        line = s.add_plan_line(oma.id, "Oude-Vraag-Tekst")
        s.edit_plan_line(line.id, ask="nieuwe vraag")
        assert b"Oude-Vraag-Tekst" not in raw_bytes(db)


def test_one_tap_deadlines_count_from_today():
    wednesday = dt.date(2026, 12, 2)
    assert deadline(When.TODAY, wednesday) == wednesday
    assert deadline(When.THIS_WEEK, wednesday) == dt.date(2026, 12, 6)
    assert deadline(When.NEXT_WEEK, wednesday) == dt.date(2026, 12, 9)
    assert deadline(When.THIS_MONTH, wednesday) == dt.date(2026, 12, 30)
    sunday = dt.date(2026, 12, 6)
    assert deadline(When.THIS_WEEK, sunday) == sunday

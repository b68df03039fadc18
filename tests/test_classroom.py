"""The classroom's rules: roles rotating over rounds, the turn timer on an
injected clock, the observer's tally and the debrief's counts."""
from __future__ import annotations

import pytest

from kaarten.classroom import (
    CLASS_DECK,
    ClassGame,
    Debrief,
    DebriefWords,
    QuestionKind,
    Role,
    Step,
    Tally,
    TurnTimer,
    base_roles,
    case_families,
    case_title,
    debrief,
    debrief_markdown,
    roles_in_round,
    round_of,
)
from kaarten.decks import load_decks
from kaarten.errors import SetupError
from kaarten.network import Closeness, Sector
from kaarten.session import Session
from kaarten.store import PracticeStore

SEATS = [("Student Ada", "#1E5E5A"), ("Student Bo", "#B3412E"), ("Student Cas", "#2F5DA8")]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def decks():
    return load_decks()


def class_game(decks, deck_id="wie-is-er-voor-jou", seats=SEATS, clock=None, minutes=None, seed=7):
    deck = decks.get(deck_id)
    session = Session.start(PracticeStore(), deck_id=deck.id, language="nl",
                            card_ids=[c.id for c in deck.cards],
                            themes_by_card={c.id: c.theme for c in deck.cards},
                            players=list(seats), seed=seed)
    session.deal()
    case = case_families(decks.get(CLASS_DECK))[0].id
    return ClassGame(session, case_card=case, timer_minutes=minutes, clock=clock or FakeClock())


# --- roles ----------------------------------------------------------------------


@pytest.mark.parametrize("seats", range(2, 9))
def test_every_seat_plays_the_worker_once_in_the_first_rounds(seats):
    workers = [roles_in_round(seats, r).index(Role.WORKER) for r in range(seats)]
    assert sorted(workers) == list(range(seats))
    for r in range(seats * 2):
        roles = roles_in_round(seats, r)
        assert roles.count(Role.WORKER) == 1
        assert any(role.answers for role in roles)
        assert sorted(roles) == sorted(base_roles(seats))     # the same roles, moved on


def test_roles_move_one_seat_on_after_each_round():
    assert base_roles(4) == (Role.WORKER, Role.PARENT, Role.CHILD, Role.OBSERVER)
    assert roles_in_round(4, 1) == (Role.OBSERVER, Role.WORKER, Role.PARENT, Role.CHILD)
    assert roles_in_round(3, 2) == (Role.PARENT, Role.OBSERVER, Role.WORKER)
    assert roles_in_round(2, 1) == (Role.PARENT, Role.WORKER)
    assert base_roles(6).count(Role.OBSERVER) == 3


@pytest.mark.parametrize("seats", [0, 1, 9])
def test_a_class_needs_two_to_eight_seats(seats):
    with pytest.raises(SetupError):
        base_roles(seats)


def test_a_round_is_one_card_for_every_seat():
    assert [round_of(t, 3) for t in range(1, 8)] == [
        (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0)]


def test_the_game_rotates_roles_over_rounds_and_says_when(decks):
    game = class_game(decks)
    seen_workers, new_rounds = [], []
    for _ in range(9):
        seen_workers.append(game.seat_names[game.worker_seat])
        answerer = game.answering_seat
        assert game.roles[answerer].answers and answerer != game.worker_seat
        new_rounds.append(game.next_turn())
    assert seen_workers == ["Student Ada"] * 3 + ["Student Bo"] * 3 + ["Student Cas"] * 3
    assert new_rounds == [False, False, True] * 3
    assert game.everyone_was_worker


def test_a_pass_stays_in_the_same_turn_and_round(decks):
    game = class_game(decks)
    card = game.session.current_card
    game.pass_card()
    assert game.session.current_card != card
    assert (game.round_index, game.card_in_round) == (0, 0)


# --- the timer --------------------------------------------------------------------


def test_the_timer_is_off_unless_set():
    timer = TurnTimer(clock=FakeClock())
    assert not timer.on and not timer.running and timer.fraction == 0.0 and not timer.full


def test_the_timer_runs_pauses_and_resumes_on_the_injected_clock():
    clock = FakeClock()
    timer = TurnTimer(2, clock)
    assert timer.running
    clock.now += 30
    assert timer.fraction == pytest.approx(0.25)
    timer.pause()
    assert timer.paused
    clock.now += 500                      # paused: nothing fills
    assert timer.fraction == pytest.approx(0.25)
    timer.toggle()
    assert timer.running
    clock.now += 60
    assert timer.fraction == pytest.approx(0.75)
    clock.now += 600
    assert timer.fraction == 1.0 and timer.full    # full, and it stays full


@pytest.mark.parametrize("minutes", [0, 6, 2.5, "3"])
def test_the_timer_takes_one_to_five_minutes(minutes):
    with pytest.raises(SetupError):
        TurnTimer(minutes, FakeClock())


def test_the_timer_never_ends_a_turn_and_starts_again_with_the_next(decks):
    clock = FakeClock()
    game = class_game(decks, clock=clock, minutes=1)
    card, player, turn = game.session.current_card, game.session.current_player, game.session.table.turn_number
    clock.now += 3600                     # an hour past the minute
    assert game.timer.full
    assert (game.session.current_card, game.session.current_player, game.session.table.turn_number) == (
        card, player, turn)
    assert not game.session.finished
    game.next_turn()
    assert game.timer.fraction == 0.0 and game.timer.running


# --- the tally --------------------------------------------------------------------


def test_the_tally_counts_per_round_and_in_total(decks):
    game = class_game(decks)
    game.tally(QuestionKind.WHO)
    game.tally("wat")
    game.tally("wie")
    assert game.tally_this_round == Tally(who=2, what=1)
    for _ in range(3):
        game.next_turn()
    assert game.tally_this_round == Tally()
    game.tally("wat")
    assert game.tallies == {0: Tally(2, 1), 1: Tally(0, 1)}
    assert game.tally_total == Tally(2, 2) and game.tally_total.total == 4
    with pytest.raises(ValueError):
        game.tally("hoe")


# --- the debrief ------------------------------------------------------------------

CASE_NAMES = [("buurvrouw Fatima", "neighbourhood", 1), ("nicht Rotterdam", "family", 2),
              ("trainer Adam", "club-faith-leisure", 2), ("vriendin moskee", "friends", 1),
              ("tante Nadia", "family", 2)]


def test_the_debrief_counts_per_sector_and_circle_and_holds_no_name(decks):
    game = class_game(decks)
    s = game.session
    for name, sector, closeness in CASE_NAMES[:3]:
        s.record_person(name, sector, closeness)
    game.tally("wie")
    game.next_turn()
    for name, sector, closeness in CASE_NAMES[3:]:
        s.record_person(name, sector, closeness)
    s.name_again(s.network.people[0].id)
    game.tally("wat")
    game.end()
    result = debrief(game)
    assert result.people == 5 and result.mentions == 6
    assert result.places[(Sector.FAMILY, Closeness.CLOSE)] == 2
    assert result.places[(Sector.NEIGHBOURHOOD, Closeness.VERY_CLOSE)] == 1
    assert result.in_sector(Sector.FAMILY) == 2 and result.in_sector(Sector.PROFESSIONALS) == 0
    assert result.in_circle(Closeness.VERY_CLOSE) == 2 and result.in_circle(Closeness.CLOSE) == 3
    assert sum(result.places.values()) == 5
    assert result.tally == Tally(1, 1) and result.cards_played == 2 and result.rounds == 1
    assert result.rewrite_cards == ()
    text = debrief_markdown(result, date="30 november 2026")
    for name, _, _ in CASE_NAMES:
        assert name not in text
    for seat, _ in SEATS:
        assert seat not in text
    assert "| Familie | 0 | 2 | 0 | 2 |" in text
    assert "| Samen | 2 | 3 | 0 | 5 |" in text
    assert "| Samen | 1 | 1 |" in text
    assert text.count("\n1. ") == 1 and "3. " in text        # the three prompts
    assert "Er zijn geen herschrijfkaarten gespeeld." in text


def test_the_debrief_lists_the_rewrite_cards_played(decks):
    deck = decks.get(CLASS_DECK)
    game = class_game(decks, deck_id=CLASS_DECK, seed=3)
    played = []
    for _ in range(8):
        played.append(game.session.current_card)
        game.next_turn()
    texts = {c.id: c.text for c in deck.cards}
    result = debrief(game, texts)
    expected = [texts[c] for c in played + [game.session.current_card] if deck.card(c).theme == "rewrite"]
    assert expected, "seed 3 deals a rewrite card in the first nine"
    assert list(result.rewrite_cards) == expected
    assert result.rounds == 3
    md = debrief_markdown(result, DebriefWords(title="Debrief"))
    assert md.startswith("# Debrief\n")
    for text in expected:
        assert " ".join(text.split()) in md


def test_markdown_cells_cannot_break_the_table():
    words = DebriefWords(total="a | b\nc")
    places = {(s, c): 0 for s in Sector for c in Closeness}
    md = debrief_markdown(Debrief(places=places, people=0, mentions=0, cards_played=0, rounds=0,
                                  tally=Tally(), tallies={}, rewrite_cards=("x|y",)), words)
    assert "a \\| b c" in md and "x\\|y" in md


def test_the_class_deck_has_case_families(decks):
    cases = case_families(decks.get(CLASS_DECK))
    assert len(cases) >= 5
    assert all(c.theme == "case" and c.id != "casus-spelen" for c in cases)


def test_case_titles_are_short_names_to_choose_by(decks):
    titles = [case_title(c.text) for c in case_families(decks.get(CLASS_DECK))]
    assert titles[0] == "Gezin El Amrani"
    assert all(t and len(t) <= 71 and not t.startswith("Casus") for t in titles)


def test_the_case_card_comes_first_then_the_roles_of_every_round(decks):
    game = class_game(decks)
    assert game.step() is Step.CASE
    game.seen(Step.CASE)
    assert game.step() is Step.ROLES
    game.seen("roles")
    assert game.step() is Step.PLAY
    game.next_turn()
    game.next_turn()
    assert game.step() is Step.PLAY
    assert game.next_turn() and game.step() is Step.ROLES


# --- who answered -----------------------------------------------------------------


def test_a_name_is_credited_to_the_seat_that_answers_not_the_seat_whose_turn_it_is(decks):
    """Three seats: worker, parent, observer. The worker's card and the
    observer's card are answered by the parent; in round two, by the seat
    that plays the parent then."""
    game = class_game(decks)
    ids = [p.id for p in game.session.players]
    credited = []
    for turn in range(4):
        name, sector, closeness = CASE_NAMES[turn]
        person = game.record_person(name, sector, closeness)
        mention = game.session.network.mentions_of(person.id)[-1]
        credited.append((game.session.current_player.id, mention.player_id))
        game.next_turn()
    assert credited == [(ids[0], ids[1]), (ids[1], ids[1]), (ids[2], ids[1]), (ids[0], ids[2])]
    # named again: the answering seat too, once per card
    again = game.name_again(game.session.network.people[0].id)
    assert again.player_id == ids[game.answering_seat] != game.session.current_player.id
    assert game.name_again(game.session.network.people[0].id) == again


def test_the_debrief_counts_the_names_each_seat_gave_in_its_role_without_a_name(decks):
    seats = SEATS + [("Student Dewi", "#7B4DA3")]      # worker, parent, child, observer
    game = class_game(decks, seats=seats)
    game.record_person(*CASE_NAMES[0])                 # the worker's card: the parent answers
    game.next_turn()
    game.record_person(*CASE_NAMES[1])                 # the parent's own card
    game.next_turn()
    taken = game.record_person(*CASE_NAMES[2])         # the child's card
    kept = game.record_person(*CASE_NAMES[3])
    game.session.take_back(taken.id)                   # a name taken back does not count
    for _ in range(2):
        game.next_turn()                               # round two: observer, worker, parent, child
    game.record_person(*CASE_NAMES[4])                 # seat 0 observes: seat 2 (parent) answers
    game.name_again(kept.id)
    game.end()
    result = debrief(game)
    assert dict(result.answers) == {(1, Role.PARENT): 2, (2, Role.CHILD): 1, (2, Role.PARENT): 2}
    assert [result.named_by(seat) for seat in range(4)] == [0, 2, 3, 0]
    assert result.answer_roles == (Role.PARENT, Role.CHILD)
    text = debrief_markdown(result)
    assert "## Namen per stoel" in text and "| | als ouder | als kind | Samen |" in text
    assert "| Stoel 1 | 0 | 0 | 0 |" in text and "| Stoel 3 | 2 | 1 | 3 |" in text
    for seat, _ in seats:
        assert seat not in text
    for name, _, _ in CASE_NAMES:
        assert name not in text

"""The classroom: a Social Work class plays the game as a role play.

A trainer teaches the shift from the what-question ("wat kan jou helpen?")
to the who-question ("wie kan jou helpen?"). Students sit at *seats*; each
seat has a :class:`Role` for a round: the worker reads the card, the parent
(or child) answers with the names of a fictional case family, the observer
tallies the worker's questions. The rules of a class game, all here and
none on a screen:

- :func:`base_roles`: which roles a class of ``n`` seats plays (2 to 8).
- :func:`roles_in_round`: a round is one card for every seat; after each
  round the roles move one seat on, so in the first ``n`` rounds every
  student plays the worker once.
- :class:`TurnTimer`: off by default, 1 to 5 minutes, pausable; it reads an
  injected clock and only tells how full it is. It never ends a turn.
- :class:`Tally`: the observer's "wie-vraag" / "wat-vraag" counts.
- :class:`ClassGame`: a :class:`kaarten.session.Session` played by seats
  with roles, its round, timer and tally; :meth:`ClassGame.next_turn` is
  the one call for "the next card"; :meth:`ClassGame.record_person` and
  :meth:`ClassGame.name_again` record a name under the seat that answered
  (the parent or child), not the seat whose turn it is.
- :func:`debrief` and :func:`debrief_markdown`: what the class talks about
  afterwards -- counts per sector and circle (never a name), the names each
  seat gave in the role it answered in, the tally, the rewrite cards
  played -- and the same as Markdown for the lecturer.

A class game is played on a store that keeps nothing
(:class:`kaarten.store.PracticeStore`); nothing here writes anything.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Callable, Mapping

from kaarten.errors import SetupError
from kaarten.network import Closeness, Sector
from kaarten.table import MAX_PLAYERS

__all__ = [
    "Role",
    "Step",
    "QuestionKind",
    "MIN_SEATS",
    "MAX_SEATS",
    "TIMER_MINUTES",
    "CLASS_DECK",
    "CASE_THEME",
    "REWRITE_THEME",
    "case_families",
    "case_title",
    "base_roles",
    "roles_in_round",
    "round_of",
    "TurnTimer",
    "Tally",
    "ClassGame",
    "Debrief",
    "DebriefWords",
    "debrief",
    "debrief_markdown",
]

#: A class game has 2 to 8 seats (a worker and someone who answers, at least).
MIN_SEATS = 2
MAX_SEATS = MAX_PLAYERS
#: The turn timer can be set to one of these (minutes); None is off.
TIMER_MINUTES = (1, 2, 3, 4, 5)

#: The class deck, its theme of case families and its theme of rewrite cards.
CLASS_DECK = "klas"
CASE_THEME = "case"
REWRITE_THEME = "rewrite"
#: Cards of the case theme that are instructions, not a family.
CASE_INSTRUCTIONS = frozenset({"casus-spelen"})


class Role(StrEnum):
    """What a seat plays in a round."""

    WORKER = "worker"       # reads the card, asks
    PARENT = "parent"       # answers, as a parent of the case family
    CHILD = "child"         # answers, as a child of the case family
    OBSERVER = "observer"   # tallies the worker's questions

    @property
    def answers(self) -> bool:
        return self in (Role.PARENT, Role.CHILD)


class Step(StrEnum):
    """What the class sees next (:meth:`ClassGame.step`)."""

    CASE = "case"       # the case card, before anything else
    ROLES = "roles"     # who plays what, at the start of every round
    PLAY = "play"       # the card on the table


class QuestionKind(StrEnum):
    """What the observer hears the worker ask."""

    WHO = "wie"     # "Wie kan jou helpen?"
    WHAT = "wat"    # "Wat kan jou helpen?"


def case_families(deck) -> tuple:
    """The case family cards of the class deck (a :class:`kaarten.decks.Deck`),
    in deck order."""
    return tuple(c for c in deck.cards if c.theme == CASE_THEME and c.id not in CASE_INSTRUCTIONS)


#: a case family's short title is at most this long (then cut at a word, with "…")
CASE_TITLE_MAX = 70


def case_title(text: str) -> str:
    """A case card's first sentence without its "Casus (verzonnen):" label:
    "gezin El Amrani" -- the short name of a case family to choose by."""
    head, sep, rest = text.partition(":")
    body = rest if sep and len(head) < 30 else text
    first = body.strip().split(". ")[0].split(":")[0].rstrip(".")
    if len(first) > CASE_TITLE_MAX:      # cut at a word, never inside one
        first = first[:CASE_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;") + "…"
    return first[:1].upper() + first[1:]


def _check_seats(seats: int) -> None:
    if not MIN_SEATS <= seats <= MAX_SEATS:
        raise SetupError(f"A class game has {MIN_SEATS} to {MAX_SEATS} seats; got {seats}.")


def base_roles(seats: int) -> tuple[Role, ...]:
    """The roles of round 1, seat by seat: worker, parent, then an observer
    (three seats), a child (four seats: worker, parent, child, observer), and
    more observers for every seat after that."""
    _check_seats(seats)
    if seats == 2:
        return (Role.WORKER, Role.PARENT)
    if seats == 3:
        return (Role.WORKER, Role.PARENT, Role.OBSERVER)
    return (Role.WORKER, Role.PARENT, Role.CHILD) + (Role.OBSERVER,) * (seats - 3)


def roles_in_round(seats: int, round_index: int) -> tuple[Role, ...]:
    """The role of every seat in round ``round_index`` (0 is the first): the
    roles of round 1 moved ``round_index`` seats on, so the worker of round
    ``r`` sits at seat ``r % seats``."""
    base = base_roles(seats)
    if round_index < 0:
        raise SetupError("Rounds are counted from 0.")
    return tuple(base[(seat - round_index) % seats] for seat in range(seats))


def round_of(turn_number: int, seats: int) -> tuple[int, int]:
    """(round index, card within the round), both from 0, for a table's
    ``turn_number`` (from 1): a round is one card for every seat."""
    _check_seats(seats)
    done = max(0, turn_number - 1)
    return done // seats, done % seats


# --- the turn timer -------------------------------------------------------------


class TurnTimer:
    """A calm turn timer: it fills from 0 to 1 over ``minutes`` and stays
    full. It is off (``minutes`` None) unless set, can be paused and resumed,
    and starts again for every turn. It never ends a turn: it has no way to
    reach the game, only :attr:`fraction` and :attr:`full` to look at.

    ``clock`` returns seconds (``time.monotonic`` by default); tests inject one.
    """

    def __init__(self, minutes: int | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._minutes: int | None = None
        self._elapsed = 0.0
        self._since: float | None = None     # when it last started running
        self.set_minutes(minutes)

    @property
    def minutes(self) -> int | None:
        return self._minutes

    @property
    def on(self) -> bool:
        return self._minutes is not None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def paused(self) -> bool:
        return self.on and not self.running

    def set_minutes(self, minutes: int | None) -> None:
        """1 to 5 minutes, or None (off). Setting it starts a fresh, running
        turn; off stops it."""
        if minutes is not None and minutes not in TIMER_MINUTES:
            raise SetupError(f"The turn timer is set to 1 to 5 minutes; got {minutes!r}.")
        self._minutes = minutes
        self.restart()

    def restart(self) -> None:
        """A new turn: empty and running (when on)."""
        self._elapsed = 0.0
        self._since = self._clock() if self.on else None

    def pause(self) -> None:
        if self._since is not None:
            self._elapsed += max(0.0, self._clock() - self._since)
            self._since = None

    def resume(self) -> None:
        if self.on and self._since is None:
            self._since = self._clock()

    def toggle(self) -> None:
        """Pause a running timer, resume a paused one."""
        if self.running:
            self.pause()
        else:
            self.resume()

    @property
    def elapsed(self) -> float:
        """Seconds run this turn (pauses not counted)."""
        running = max(0.0, self._clock() - self._since) if self._since is not None else 0.0
        return self._elapsed + running

    @property
    def fraction(self) -> float:
        """How full the ring is: 0 (just started or off) to 1 (time is up, and
        it stays at 1)."""
        if self._minutes is None:
            return 0.0
        return min(1.0, self.elapsed / (self._minutes * 60))

    @property
    def full(self) -> bool:
        """The time is up: the ring is full. Nothing else happens."""
        return self.on and self.fraction >= 1.0


# --- the observer's tally -------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """How often the worker asked a who-question and a what-question."""

    who: int = 0
    what: int = 0

    def add(self, kind: QuestionKind | str) -> Tally:
        kind = QuestionKind(kind)
        if kind is QuestionKind.WHO:
            return Tally(self.who + 1, self.what)
        return Tally(self.who, self.what + 1)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.who + other.who, self.what + other.what)

    @property
    def total(self) -> int:
        return self.who + self.what


# --- a class game ---------------------------------------------------------------------


class ClassGame:
    """A game at the class table: a session whose players are the seats.

    ``session`` is a :class:`kaarten.session.Session` (on a store that keeps
    nothing); its players are the seats in order. ``case_card`` is the id of
    the class deck's case family card played with the family deck (or None).
    Every card of the session is a turn of the class game: the worker of the
    round reads it, the seat whose turn it is answers when it plays parent or
    child, else the next seat that does (:meth:`answering_seat`).
    """

    def __init__(self, session, *, case_card: str | None = None, timer_minutes: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.seats = len(session.players)
        _check_seats(self.seats)
        self.case_card = case_card
        self.timer = TurnTimer(timer_minutes, clock)
        self._tallies: dict[int, Tally] = {}
        self._round_of_card: dict[str, int] = {}    # the round each card was played in
        self._case_seen = case_card is None
        self._roles_seen_for = -1        # the round whose roles the class has seen
        self._noted()

    # -- what the class sees next --

    def step(self) -> Step:
        """The case card first (when there is one), then at the start of
        every round who plays what, then the card."""
        if not self._case_seen:
            return Step.CASE
        if self._roles_seen_for != self.round_index:
            return Step.ROLES
        return Step.PLAY

    def seen(self, step: Step | str) -> None:
        """The class has seen the case card or this round's roles."""
        step = Step(step)
        if step is Step.CASE:
            self._case_seen = True
        elif step is Step.ROLES:
            self._roles_seen_for = self.round_index
            self.timer.restart()

    # -- reading --

    @property
    def seat_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.session.players)

    @property
    def round_index(self) -> int:
        """The round being played, from 0."""
        return round_of(self.session.table.turn_number, self.seats)[0]

    @property
    def card_in_round(self) -> int:
        """Which card of the round this is, from 0."""
        return round_of(self.session.table.turn_number, self.seats)[1]

    @property
    def roles(self) -> tuple[Role, ...]:
        """The role of every seat now."""
        return roles_in_round(self.seats, self.round_index)

    def seat_of(self, role: Role) -> int:
        """The first seat playing ``role`` now (ValueError when none does)."""
        return self.roles.index(role)

    @property
    def worker_seat(self) -> int:
        return self.seat_of(Role.WORKER)

    @property
    def answering_seat(self) -> int:
        """Who answers this card: the seat whose turn it is when it plays
        parent or child, else the next seat that does."""
        roles = self.roles
        turn = self.card_in_round
        for step in range(self.seats):
            seat = (turn + step) % self.seats
            if roles[seat].answers:
                return seat
        raise AssertionError("every class game has a seat that answers")

    @property
    def observer_seats(self) -> tuple[int, ...]:
        return tuple(i for i, r in enumerate(self.roles) if r is Role.OBSERVER)

    @property
    def everyone_was_worker(self) -> bool:
        """True once every seat has played the worker for a whole round."""
        return self.round_index >= self.seats

    # -- the observer --

    def tally(self, kind: QuestionKind | str) -> Tally:
        """The observer heard a question of ``kind``; the tally of this round."""
        r = self.round_index
        self._tallies[r] = self._tallies.get(r, Tally()).add(kind)
        return self._tallies[r]

    @property
    def tally_this_round(self) -> Tally:
        return self._tallies.get(self.round_index, Tally())

    @property
    def tallies(self) -> Mapping[int, Tally]:
        """The tally of every round in which something was tallied."""
        return MappingProxyType(dict(self._tallies))

    @property
    def tally_total(self) -> Tally:
        total = Tally()
        for t in self._tallies.values():
            total = total + t
        return total

    # -- the answer --

    def record_person(self, name: str, sector: Sector | str, closeness: Closeness | int, *,
                      distinction: str = "", same_as=None):
        """The answering seat (:attr:`answering_seat`) names someone of the
        case family for the card on the table: the name is credited to that
        seat, also when it is another seat's turn (the worker reads, the
        parent answers). The person, as :meth:`kaarten.session.Session.record_person`."""
        return self.session.record_person(name, sector, closeness, same_as=same_as,
                                          distinction=distinction, by=self._answering_player())

    def name_again(self, person_id):
        """The answering seat names someone named before, for this card."""
        return self.session.name_again(person_id, by=self._answering_player())

    def _answering_player(self):
        return self.session.players[self.answering_seat].id

    def _noted(self) -> None:
        """The card on the table belongs to this round."""
        card = self.session.current_card
        if card is not None:
            self._round_of_card.setdefault(card, self.round_index)

    def answers(self) -> dict[tuple[int, Role], int]:
        """(seat, the role it played) -> how many names it gave in that role,
        from the names on the map now (a name taken back no longer counts).
        A name is counted for the role its seat had in the round its card
        was played in."""
        seats = {p.id: i for i, p in enumerate(self.session.players)}
        counts: dict[tuple[int, Role], int] = {}
        for mention in self.session.network.mentions:
            seat = seats.get(mention.player_id)
            round_index = self._round_of_card.get(mention.card_id)
            if seat is None or round_index is None:
                continue
            key = (seat, roles_in_round(self.seats, round_index)[seat])
            counts[key] = counts.get(key, 0) + 1
        return counts

    # -- moves --

    def next_turn(self) -> bool:
        """The next card (the session deals it); the timer starts again.
        True when a new round began: the roles moved one seat on and the
        screen should say who plays what now."""
        before = self.round_index
        self.session.next_turn()
        self.timer.restart()
        self._noted()
        return not self.session.finished and self.round_index != before

    def pass_card(self) -> None:
        """The answering seat passes: another card, same turn, timer again."""
        self.session.pass_card()
        self.timer.restart()
        self._noted()

    def end(self) -> None:
        self.session.end()
        self.timer.pause()


# --- the debrief -----------------------------------------------------------------------


@dataclass(frozen=True)
class Debrief:
    """What the class looks back on. No name of anyone is in it: only counts
    and card texts.

    ``places`` has a count for every (sector, circle) pair in map order;
    ``answers`` how many names every seat (from 0) gave in a role
    (:meth:`ClassGame.answers`); ``rewrite_cards`` are the texts of the
    class deck's rewrite cards that were played, in the order they were played.
    """

    places: Mapping[tuple[Sector, Closeness], int]
    people: int
    mentions: int
    cards_played: int
    rounds: int
    tally: Tally
    tallies: Mapping[int, Tally]
    rewrite_cards: tuple[str, ...]
    seats: int = 0
    answers: Mapping[tuple[int, Role], int] = field(default_factory=lambda: MappingProxyType({}))

    def named_by(self, seat: int, role: Role | None = None) -> int:
        """Names seat ``seat`` gave (as ``role`` only, when given)."""
        return sum(n for (s, r), n in self.answers.items() if s == seat and (role is None or r is role))

    @property
    def answer_roles(self) -> tuple[Role, ...]:
        """The roles that answer in this class (parent, and child from four
        seats on), then any other role a name was credited to."""
        roles = [r for r in Role if r.answers and self.seats and r in base_roles(self.seats)]
        return tuple(roles + [r for r in Role if r not in roles and any(k[1] is r for k in self.answers)])

    def in_sector(self, sector: Sector) -> int:
        return sum(self.places[(sector, c)] for c in Closeness)

    def in_circle(self, closeness: Closeness) -> int:
        return sum(self.places[(s, closeness)] for s in Sector)


def debrief(game: ClassGame, card_texts: Mapping[str, str] | None = None,
            card_themes: Mapping[str, str] | None = None) -> Debrief:
    """The debrief of a class game as it is now. ``card_texts`` (card id ->
    text) and ``card_themes`` (card id -> theme) of the deck played give the
    rewrite cards' texts; without them the session's themes are used and
    the ids stand in for the texts."""
    session = game.session
    summary = session.summary()
    places = {key: len(people) for key, people in summary.people_by_place.items()}
    table = session.table
    played = list(table.played) + ([table.current_card] if table.current_card else [])
    themes = card_themes if card_themes is not None else session.themes_by_card
    texts = card_texts or {}
    rewrites = tuple(texts.get(c, c) for c in played if themes.get(c) == REWRITE_THEME)
    rounds = -(-len(played) // game.seats)      # a round is one card for every seat
    return Debrief(
        places=MappingProxyType(places),
        people=summary.totals.people,
        mentions=summary.totals.mentions,
        cards_played=len(played),
        rounds=rounds,
        tally=game.tally_total,
        tallies=game.tallies,
        rewrite_cards=rewrites,
        seats=game.seats,
        answers=MappingProxyType(game.answers()),
    )


def _fixed(words: dict):
    """A dataclass field holding ``words`` as a read-only mapping."""
    return field(default_factory=lambda: MappingProxyType(dict(words)))


@dataclass(frozen=True)
class DebriefWords:
    """The words of the debrief's Markdown, in the reader's language (the app
    passes them translated; these defaults are the Dutch source)."""

    title: str = "Nabespreking"
    named: str = "Wat er genoemd werd"
    part_of_life: str = "Deel van het leven"
    total: str = "Samen"
    people: str = "Mensen genoemd: {n}"
    cards: str = "Kaarten gespeeld: {n}"
    rounds: str = "Rondes: {n}"
    tally: str = "Turven van de observator"
    who_questions: str = "wie-vraag"
    what_questions: str = "wat-vraag"
    round_n: str = "Ronde {n}"
    answered: str = "Namen per stoel"
    seat_n: str = "Stoel {n}"
    as_role: str = "als {role}"
    roles: Mapping[Role, str] = _fixed({Role.WORKER: "werker", Role.PARENT: "ouder",
                                         Role.CHILD: "kind", Role.OBSERVER: "observator"})
    rewrites: str = "Herschreven vragen"
    no_rewrites: str = "Er zijn geen herschrijfkaarten gespeeld."
    prompts_title: str = "Om samen over te praten"
    no_names: str = "Zonder namen: alleen aantallen."
    sectors: Mapping[Sector, str] = field(default_factory=lambda: MappingProxyType({
        Sector.FAMILY: "Familie",
        Sector.FRIENDS: "Vrienden",
        Sector.NEIGHBOURHOOD: "Buurt",
        Sector.SCHOOL_WORK: "School en werk",
        Sector.CLUB_FAITH_LEISURE: "Club, geloof, vrije tijd",
        Sector.PROFESSIONALS: "Hulpverleners",
    }))
    circles: Mapping[Closeness, str] = field(default_factory=lambda: MappingProxyType({
        Closeness.VERY_CLOSE: "heel dichtbij",
        Closeness.CLOSE: "dichtbij",
        Closeness.FURTHER: "verder weg",
    }))
    prompts: tuple[str, ...] = (
        "Welke vraag leverde de meeste namen op, en waarom juist die?",
        "Wanneer stelde de werker toch een wat-vraag? Hoe klinkt die als wie-vraag?",
        "In welk deel van het leven werd niemand genoemd? Wie zou daar kunnen zijn?",
    )


_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>|~])")


def _cell(text: str) -> str:
    """Text on one line with Markdown's signs escaped (as the export's
    Markdown writer does), safe in a table cell, a heading or a list item."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", " ".join(str(text).split()))


def debrief_markdown(result: Debrief, words: DebriefWords | None = None, date: str = "") -> str:
    """The debrief as Markdown for the lecturer: a table of counts per part of
    life and circle, the tally (in total and per round), the rewrite cards
    played and the reflection prompts. Holds no name of anyone."""
    w = words or DebriefWords()
    circles = list(Closeness)
    lines = [f"# {_cell(w.title)}" + (f" ({_cell(date)})" if date else ""), "", _cell(w.no_names), ""]
    lines += [f"- {_cell(w.people.format(n=result.people))}",
              f"- {_cell(w.cards.format(n=result.cards_played))}",
              f"- {_cell(w.rounds.format(n=result.rounds))}", ""]
    lines += [f"## {_cell(w.named)}", ""]
    header = [w.part_of_life] + [w.circles[c] for c in circles] + [w.total]
    lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for sector in Sector:
        row = [w.sectors[sector]] + [str(result.places[(sector, c)]) for c in circles]
        row.append(str(result.in_sector(sector)))
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    row = [w.total] + [str(result.in_circle(c)) for c in circles] + [str(result.people)]
    lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    if result.seats:       # who gave the names: seats by number, never a student's name
        roles = result.answer_roles
        lines += ["", f"## {_cell(w.answered)}", ""]
        lines.append("| | " + " | ".join(_cell(w.as_role.format(role=w.roles[r])) for r in roles)
                     + f" | {_cell(w.total)} |")
        lines.append("|---|" + "---:|" * (len(roles) + 1))
        for seat in range(result.seats):
            counts = [str(result.named_by(seat, r)) for r in roles] + [str(result.named_by(seat))]
            lines.append(f"| {_cell(w.seat_n.format(n=seat + 1))} | " + " | ".join(counts) + " |")
    lines += ["", f"## {_cell(w.tally)}", ""]
    lines.append(f"| | {_cell(w.who_questions)} | {_cell(w.what_questions)} |")
    lines.append("|---|---:|---:|")
    for r in sorted(result.tallies):
        t = result.tallies[r]
        lines.append(f"| {_cell(w.round_n.format(n=r + 1))} | {t.who} | {t.what} |")
    lines.append(f"| {_cell(w.total)} | {result.tally.who} | {result.tally.what} |")
    lines += ["", f"## {_cell(w.rewrites)}", ""]
    if result.rewrite_cards:
        lines += [f"{i}. {_cell(text)}" for i, text in enumerate(result.rewrite_cards, start=1)]
    else:
        lines.append(_cell(w.no_rewrites))
    lines += ["", f"## {_cell(w.prompts_title)}", ""]
    lines += [f"{i}. {_cell(p)}" for i, p in enumerate(w.prompts, start=1)]
    return "\n".join(lines) + "\n"


"""The wie-plan: from the map to a few concrete asks that outlast the visit.

After the map the family picks a few people and says, in their own words,
what they will ask them ("woensdag de kinderen ophalen"), who at the table
asks, and by when. Beside the asks, two lines the family-group plan
(familiegroepsplan) knows: what goes well, and the next step.

A :class:`PlanLine` points at a person **by id**, never by name: a rename or a
pseudonym follows without touching the plan. Its words may be empty when a
theme pictogram says it instead ("practical help"), so nobody has to write
more than they want to. :class:`Plan` is the in-memory model (no I/O), as
:class:`kaarten.network.Network` is for the people; the session drives it and
saves every change in one transaction (``Session.add_plan_line`` and friends).

In a follow-up game (:mod:`kaarten.followup`) the earlier plan's lines come
along marked ``earlier``; the family then says how each went
(:class:`Outcome`: done, not yet, not needed).

:func:`plan_entries` gives an exporter what to print: each line with its
person and its asker resolved, in plan order (names as stored: an export
with pseudonyms shows ``kaarten.pseudonyms`` names for ``entry.person.id``
and ``entry.asker.id`` instead).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Iterable, Mapping, NewType, Sequence

from kaarten.errors import KaartenError
from kaarten.network import Network, Person, PersonId, PlayerId, _storable, _tidy
from kaarten.table import Player

__all__ = [
    "PlanLineId",
    "PlanLine",
    "PlanNotes",
    "Outcome",
    "When",
    "Plan",
    "PlanError",
    "PlanEntry",
    "ASK_MAX",
    "NOTE_MAX",
    "LINES_MAX",
    "deadline",
    "clean_ask",
    "plan_entries",
]

PlanLineId = NewType("PlanLineId", int)

#: Longest ask, in characters: a few words, not a report.
ASK_MAX = 80
#: Longest "what goes well" or "next step".
NOTE_MAX = 160
#: A plan of more lines than this is no longer "a few asks".
LINES_MAX = 12


class PlanError(KaartenError, ValueError):
    """A plan change that cannot be made; the message says why."""


class Outcome(StrEnum):
    """How an ask of the earlier plan went, as the family tells it."""

    DONE = "done"
    NOT_YET = "not-yet"
    NOT_NEEDED = "not-needed"


class When(StrEnum):
    """The "by when" a family can pick with one tap (see :func:`deadline`)."""

    TODAY = "today"
    THIS_WEEK = "this-week"
    NEXT_WEEK = "next-week"
    THIS_MONTH = "this-month"


def deadline(when: When | str, today: dt.date) -> dt.date:
    """The date a one-tap "by when" stands for, counted from ``today``:
    today; this week's Sunday; a week from today; four weeks from today."""
    when = When(when)
    if when is When.TODAY:
        return today
    if when is When.THIS_WEEK:
        return today + dt.timedelta(days=6 - today.weekday())
    if when is When.NEXT_WEEK:
        return today + dt.timedelta(days=7)
    return today + dt.timedelta(days=28)


@dataclass(frozen=True)
class PlanLine:
    """One ask: someone at the table (``asker``) will ask ``person_id`` for
    ``ask`` (the family's own words) and/or what ``theme`` stands for, by
    ``by``. ``earlier``: carried over from the session this one follows;
    ``outcome``: how it went (only for earlier lines)."""

    id: PlanLineId
    person_id: PersonId
    ask: str = ""
    theme: str = ""
    asker: PlayerId | None = None
    by: dt.date | None = None
    earlier: bool = False
    outcome: Outcome | None = None


@dataclass(frozen=True)
class PlanNotes:
    """The plan's two free lines: what goes well, and the next step."""

    goes_well: str = ""
    next_step: str = ""


def clean_ask(text: str, *, limit: int = ASK_MAX, what: str = "This line") -> str:
    """Words for the plan, tidied (spaces, control characters), or
    :class:`PlanError` saying why not. Empty is fine."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise PlanError(f"{what} must be text.")
    tidy = _tidy(text)
    if not _storable(tidy):
        raise PlanError(f"{what} contains characters that cannot be saved.")
    if len(tidy) > limit:
        raise PlanError(f"{what} is too long ({len(tidy)} characters). A few words are enough: at most {limit}.")
    return tidy


_KEEP = object()


class Plan:
    """The plan of one session, in memory: its lines (in the order they were
    written) and its notes. Every change validates fully before it changes
    anything. Person and player ids are checked by the session, which knows
    the network and the table."""

    def __init__(self, lines: Iterable[PlanLine] = (), notes: PlanNotes | None = None) -> None:
        self._lines: dict[PlanLineId, PlanLine] = {}
        for line in sorted(lines, key=lambda x: x.id):
            if line.id in self._lines:
                raise PlanError(f"Plan line id {line.id} appears twice.")
            self._lines[line.id] = line
        self._notes = notes or PlanNotes()
        self._next = max(self._lines, default=0) + 1

    # -- reading --

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        """Every line, earlier ones first, then in the order written."""
        return tuple(sorted(self._lines.values(), key=lambda x: (not x.earlier, x.id)))

    @property
    def asks(self) -> tuple[PlanLine, ...]:
        """This session's own asks (not the earlier plan's)."""
        return tuple(x for x in self.lines if not x.earlier)

    @property
    def earlier_asks(self) -> tuple[PlanLine, ...]:
        """The earlier plan's asks, carried into a follow-up."""
        return tuple(x for x in self.lines if x.earlier)

    @property
    def notes(self) -> PlanNotes:
        return self._notes

    def line(self, line_id: PlanLineId) -> PlanLine:
        try:
            return self._lines[line_id]
        except (KeyError, TypeError):
            raise PlanError(f"There is no plan line {line_id!r} in this session.") from None

    def lines_for(self, person_id: PersonId) -> tuple[PlanLine, ...]:
        return tuple(x for x in self.lines if x.person_id == person_id)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def empty(self) -> bool:
        return not self._lines and self._notes == PlanNotes()

    # -- changing --

    def add(
        self,
        person_id: PersonId,
        ask: str = "",
        *,
        theme: str = "",
        asker: PlayerId | None = None,
        by: dt.date | None = None,
    ) -> PlanLine:
        """A new ask. It needs words or a theme pictogram (or both)."""
        if len(self.asks) >= LINES_MAX:
            raise PlanError(f"The plan already has {LINES_MAX} asks: a few are enough.")
        line = self._checked(PlanLine(PlanLineId(self._next), PersonId(person_id), ask, theme, asker, by))
        self._lines[line.id] = line
        self._next += 1
        return line

    def edit(
        self,
        line_id: PlanLineId,
        *,
        person_id=_KEEP,
        ask=_KEEP,
        theme=_KEEP,
        asker=_KEEP,
        by=_KEEP,
    ) -> PlanLine:
        """Change what a line says (only the fields given)."""
        old = self.line(line_id)
        changes = {
            k: v for k, v in
            (("person_id", person_id), ("ask", ask), ("theme", theme), ("asker", asker), ("by", by))
            if v is not _KEEP
        }
        line = self._checked(replace(old, **changes))
        self._lines[line_id] = line
        return line

    def set_outcome(self, line_id: PlanLineId, outcome: Outcome | str | None) -> PlanLine:
        """How an earlier ask went (None: not said yet)."""
        old = self.line(line_id)
        if not old.earlier:
            raise PlanError("Only an ask of the earlier plan has an outcome.")
        try:
            value = None if outcome is None else Outcome(outcome)
        except ValueError:
            raise PlanError(f"Unknown outcome {outcome!r}; use done, not-yet or not-needed.") from None
        line = replace(old, outcome=value)
        self._lines[line_id] = line
        return line

    def remove(self, line_id: PlanLineId) -> PlanLine:
        line = self.line(line_id)
        del self._lines[line_id]
        return line

    def set_notes(self, *, goes_well=_KEEP, next_step=_KEEP) -> PlanNotes:
        notes = self._notes
        if goes_well is not _KEEP:
            notes = replace(notes, goes_well=clean_ask(goes_well, limit=NOTE_MAX, what="What goes well"))
        if next_step is not _KEEP:
            notes = replace(notes, next_step=clean_ask(next_step, limit=NOTE_MAX, what="The next step"))
        self._notes = notes
        return notes

    # -- following the people (the session calls these) --

    def drop_person(self, person_id: PersonId) -> tuple[PlanLine, ...]:
        """A person left the map: their lines go too (a plan never points at
        nobody). Returns the lines removed."""
        gone = self.lines_for(person_id)
        for x in gone:
            del self._lines[x.id]
        return gone

    def move_person(self, from_id: PersonId, to_id: PersonId) -> tuple[PlanLine, ...]:
        """Two people became one: ``from_id``'s lines now point at ``to_id``."""
        moved = tuple(replace(x, person_id=to_id) for x in self.lines_for(from_id))
        for x in moved:
            self._lines[x.id] = x
        return moved

    # -- inside --

    @staticmethod
    def _checked(line: PlanLine) -> PlanLine:
        ask = clean_ask(line.ask, what="This ask")
        theme = line.theme or ""
        if not isinstance(theme, str):
            raise PlanError("A theme is given by its id.")
        if not ask and not theme:
            raise PlanError("Say what will be asked: a few words, or tap a picture.")
        by = line.by
        if by is not None and (not isinstance(by, dt.date) or isinstance(by, dt.datetime)):
            raise PlanError("'By when' must be a date.")
        asker = None if line.asker is None else PlayerId(int(line.asker))
        return replace(line, ask=ask, theme=theme, asker=asker)

    def _state(self) -> tuple:
        return dict(self._lines), self._notes, self._next

    def _restore(self, state: tuple) -> None:
        lines, self._notes, self._next = state
        self._lines = dict(lines)


@dataclass(frozen=True)
class PlanEntry:
    """One line of the plan as an export prints it: the line, the person it
    points at (their name as it is now) and who asks (None: not said)."""

    line: PlanLine
    person: Person
    asker: Player | None


def plan_entries(
    plan: Plan, network: Network, players: Sequence[Player], *, earlier: bool | None = False
) -> tuple[PlanEntry, ...]:
    """The plan's lines with their people and askers resolved, in plan order.
    ``earlier``: False (default) this session's own asks, True the earlier
    plan's, None both."""
    by_id: Mapping[PlayerId, Player] = {p.id: p for p in players}
    lines = plan.lines if earlier is None else (plan.earlier_asks if earlier else plan.asks)
    return tuple(
        PlanEntry(line, network.person(line.person_id), by_id.get(line.asker) if line.asker is not None else None)
        for line in lines
        if line.person_id in network
    )

"""A follow-up game: the same family, some weeks later, on the map they made.

A follow-up starts with the earlier session's people on the map, each
carrying where it stood then (:class:`Origin`: part of life and circle), and
with the earlier plan's asks (marked ``earlier``) waiting for the family to
say how they went. The family plays new cards and moves people as usual;
:func:`follow_up_changes` then says what changed: who is new, who came
closer or moved further, who was not named again, and how the asks went.

Everything a follow-up needs is copied into it when it starts (the people
keep their ids; where they stood; the asks), so it stays readable even when
the earlier session is deleted later. While the follow-up is not finished,
:meth:`kaarten.store.Store.expire` keeps the earlier session from retention.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from kaarten.network import Closeness, Network, Person, PersonId, Sector
from kaarten.plan import Outcome, Plan, PlanLine

if TYPE_CHECKING:  # records holds a FollowUpOf: no import at run time
    from kaarten.records import SessionId, SessionRecord

__all__ = [
    "Origin",
    "FollowUpOf",
    "Change",
    "PersonChange",
    "FollowUpChanges",
    "carry_over",
    "follow_up_changes",
]


@dataclass(frozen=True)
class Origin:
    """Where a person stood on the earlier map."""

    sector: Sector
    closeness: Closeness


@dataclass(frozen=True)
class FollowUpOf:
    """What a follow-up keeps of the session it follows: its id (which may
    be deleted later), its date (for "Vervolg op het gesprek van 3
    november") and where each carried person stood."""

    earlier_id: SessionId
    earlier_created: dt.datetime
    origins: Mapping[PersonId, Origin]

    def __post_init__(self) -> None:
        object.__setattr__(self, "origins", MappingProxyType(dict(self.origins)))

    def without(self, person_id: PersonId) -> FollowUpOf:
        """The same, with one person's origin gone (the person left the map)."""
        return replace(self, origins={k: v for k, v in self.origins.items() if k != person_id})


def carry_over(earlier_id: SessionId, earlier: SessionRecord) -> tuple[tuple[Person, ...], FollowUpOf, tuple[PlanLine, ...]]:
    """What a follow-up of ``earlier`` starts with: its people (same ids,
    names, places and notes; no mentions: they have not been named in this
    game yet), where each stood, and its plan's own asks marked ``earlier``
    with no outcome yet (same ids). The earlier session's own earlier asks
    (a follow-up of a follow-up) are not carried twice."""
    people = tuple(earlier.people)
    origins = {p.id: Origin(p.sector, p.closeness) for p in people}
    present = {p.id for p in people}
    asks = tuple(
        replace(line, earlier=True, outcome=None)
        for line in earlier.plan_lines
        if not line.earlier and line.person_id in present
    )
    return people, FollowUpOf(earlier_id, earlier.created, origins), asks


class Change(StrEnum):
    """What happened to one person since the earlier session."""

    NEW = "new"
    CLOSER = "closer"
    FURTHER = "further"
    NOT_NAMED_AGAIN = "not-named-again"
    SAME = "same"


@dataclass(frozen=True)
class PersonChange:
    person: Person
    change: Change
    #: where they stood before (None for someone new)
    origin: Origin | None


@dataclass(frozen=True)
class FollowUpChanges:
    """What changed since the earlier session, for the summary and an export.

    A person the family moved to another circle came closer or moved further
    (whether or not a card named them); one not moved and named on no card
    this time was not named again; the rest stayed where they were.
    ``asks``: the earlier plan's asks with their outcome (None: not said yet).
    """

    earlier_id: SessionId
    earlier_created: dt.datetime
    people: tuple[PersonChange, ...]
    asks: tuple[PlanLine, ...]

    def of(self, change: Change) -> tuple[Person, ...]:
        return tuple(pc.person for pc in self.people if pc.change is change)

    @property
    def new(self) -> tuple[Person, ...]:
        return self.of(Change.NEW)

    @property
    def closer(self) -> tuple[Person, ...]:
        return self.of(Change.CLOSER)

    @property
    def further(self) -> tuple[Person, ...]:
        return self.of(Change.FURTHER)

    @property
    def not_named_again(self) -> tuple[Person, ...]:
        return self.of(Change.NOT_NAMED_AGAIN)

    @property
    def same(self) -> tuple[Person, ...]:
        return self.of(Change.SAME)

    def asks_with(self, outcome: Outcome | None) -> tuple[PlanLine, ...]:
        return tuple(a for a in self.asks if a.outcome == outcome)


def change_of(person: Person, origin: Origin | None, named: bool) -> Change:
    """The one rule: what happened to ``person`` (see :class:`FollowUpChanges`)."""
    if origin is None:
        return Change.NEW
    if person.closeness < origin.closeness:
        return Change.CLOSER
    if person.closeness > origin.closeness:
        return Change.FURTHER
    return Change.SAME if named else Change.NOT_NAMED_AGAIN


def follow_up_changes(follow_up: FollowUpOf, network: Network, plan: Plan) -> FollowUpChanges:
    """What changed in a follow-up game, as it stands now."""
    named = {m.person_id for m in network.mentions}
    people = tuple(
        PersonChange(p, change_of(p, follow_up.origins.get(p.id), p.id in named), follow_up.origins.get(p.id))
        for p in network.people
    )
    return FollowUpChanges(
        earlier_id=follow_up.earlier_id,
        earlier_created=follow_up.earlier_created,
        people=people,
        asks=plan.earlier_asks,
    )

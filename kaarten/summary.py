"""The summary of a session: the family's network map in figures.

:func:`summarise` turns a network and its players into a :class:`Summary`:
people by sector and circle (the map), who was named by whom for what, the
key supporters, the empty sectors and the totals. Everything it needs is in
the session (each mention carries its card's theme), so the deck is not needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Mapping, Sequence

from kaarten.network import Closeness, Mention, Network, Person, PersonId, PlayerId, Sector, person_label
from kaarten.table import Player

__all__ = ["Summary", "Totals", "summarise", "labelled", "KEY_SUPPORTERS_MAX"]

#: At most this many key supporters are shown.
KEY_SUPPORTERS_MAX = 5


@dataclass(frozen=True)
class Totals:
    """The figures under the map."""

    people: int
    mentions: int
    #: players who named at least one person
    players_who_named: int
    #: all players at the table
    players: int
    #: cards dealt and answered or left (not passed back), the one in hand included
    cards_played: int


@dataclass(frozen=True)
class Summary:
    """Everything the summary screen and the export show. Read-only.

    ``people_by_place`` has a key for every (sector, closeness) pair, in map
    order (sectors in :class:`Sector` order, inner circle first); a place with
    nobody holds an empty tuple. People inside a place are in the order they
    were first named.
    """

    deck_id: str
    date: dt.date
    players: tuple[Player, ...]
    people: tuple[Person, ...]
    people_by_place: Mapping[tuple[Sector, Closeness], tuple[Person, ...]]
    mentions_by_person: Mapping[PersonId, tuple[Mention, ...]]
    #: the distinct players who named each person, in the order they first did
    players_by_person: Mapping[PersonId, tuple[PlayerId, ...]]
    #: the distinct themes each person was named for, in the order first named
    themes_by_person: Mapping[PersonId, tuple[str, ...]]
    #: most mentions first, then named by most players; only people with at
    #: least two mentions or named by at least two players; at most five
    key_supporters: tuple[Person, ...]
    #: the everyday sectors nobody was named in yet (never the professionals')
    empty_sectors: tuple[Sector, ...]
    totals: Totals
    #: True when people were named and every one of them is a professional:
    #: a network of only professionals is worth talking about
    only_professionals: bool

    def people_in(self, sector: Sector) -> tuple[Person, ...]:
        """Everyone in one sector, inner circle first."""
        return tuple(p for c in Closeness for p in self.people_by_place[(sector, c)])


def summarise(
    network: Network,
    players: Sequence[Player],
    *,
    deck_id: str = "",
    date: dt.date | None = None,
    cards_played: int = 0,
) -> Summary:
    """The summary of ``network`` as it is now. ``date`` defaults to today."""
    people = network.people
    mentions_by_person: dict[PersonId, list[Mention]] = {p.id: [] for p in people}
    for m in network.mentions:
        mentions_by_person[m.person_id].append(m)

    def distinct(values):
        return tuple(dict.fromkeys(values))

    players_by_person = {pid: distinct(m.player_id for m in ms) for pid, ms in mentions_by_person.items()}
    themes_by_person = {pid: distinct(m.theme for m in ms if m.theme) for pid, ms in mentions_by_person.items()}

    by_place: dict[tuple[Sector, Closeness], list[Person]] = {(s, c): [] for s in Sector for c in Closeness}
    for p in people:
        by_place[(p.sector, p.closeness)].append(p)

    order = {p.id: i for i, p in enumerate(people)}
    candidates = [
        p
        for p in people
        if len(mentions_by_person[p.id]) >= 2 or len(players_by_person[p.id]) >= 2
    ]
    candidates.sort(key=lambda p: (-len(mentions_by_person[p.id]), -len(players_by_person[p.id]), order[p.id]))

    sectors_used = {p.sector for p in people}
    namers = {m.player_id for m in network.mentions}
    totals = Totals(
        people=len(people),
        mentions=len(network.mentions),
        players_who_named=len(namers),
        players=len(players),
        cards_played=cards_played,
    )
    return Summary(
        deck_id=deck_id,
        date=date if date is not None else dt.date.today(),
        players=tuple(players),
        people=people,
        people_by_place=MappingProxyType({k: tuple(v) for k, v in by_place.items()}),
        mentions_by_person=MappingProxyType({k: tuple(v) for k, v in mentions_by_person.items()}),
        players_by_person=MappingProxyType(players_by_person),
        themes_by_person=MappingProxyType(themes_by_person),
        key_supporters=tuple(candidates[:KEY_SUPPORTERS_MAX]),
        # professionals are never "to discover": the summary must not nudge a family toward them
        empty_sectors=tuple(s for s in Sector if s not in sectors_used and s is not Sector.PROFESSIONALS),
        totals=totals,
        only_professionals=bool(people) and sectors_used == {Sector.PROFESSIONALS},
    )


def labelled(summary: Summary, *, player_label: str = "Speler {n}") -> Summary:
    """The same summary with every name as it is shown: a person with a
    distinction as "oma (van papa)", a player stored without a name as
    ``player_label`` with their place ("Speler 2"). Everything that draws a
    summary (the map, the lists, an export) then tells namesakes apart."""
    def person(p: Person) -> Person:
        return replace(p, name=person_label(p), distinction="") if p.distinction else p

    people = {p.id: person(p) for p in summary.people}
    return replace(
        summary,
        players=tuple(p if p.name else replace(p, name=player_label.format(n=i))
                      for i, p in enumerate(summary.players, start=1)),
        people=tuple(people[p.id] for p in summary.people),
        people_by_place=MappingProxyType(
            {place: tuple(people[p.id] for p in ps) for place, ps in summary.people_by_place.items()}),
        key_supporters=tuple(people[p.id] for p in summary.key_supporters),
    )

"""Who helps with what: the people x themes overview beside the map.

Each card has a theme (trust, fun, practical help, advice, emergencies,
daily life...), so each mention says what kind of support a person was named
for. :func:`who_helps_with_what` turns a :class:`kaarten.summary.Summary`
into a small table a family can read without words: one column per theme
(the app draws its pictogram and colour), one row per person, a dot where
the person was named for the theme. Columns with no dot show too: "nobody
for emergencies yet" is worth seeing.

:func:`layer` gives the people one player named: the summary's layers per
family member (tap a player, their people stay, the others dim).

Both take the summary as it will be shown: hand them a pseudonymised summary
(:func:`kaarten.pseudonyms.pseudonymise_summary`) and the overview carries
the pseudonyms (ids, mentions and themes are the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kaarten.network import Person, PersonId, PlayerId
from kaarten.summary import Summary

__all__ = ["Overview", "OverviewRow", "who_helps_with_what", "layer"]


@dataclass(frozen=True)
class OverviewRow:
    """One person: the themes they were named for (in column order) and by whom."""

    person: Person
    themes: tuple[str, ...]
    players: tuple[PlayerId, ...]


@dataclass(frozen=True)
class Overview:
    """Columns (theme ids) and rows (people with at least one dot).

    Rows: most themes first, then in the order first named. ``player``: the
    layer this overview was made for (None: everyone's).
    """

    themes: tuple[str, ...]
    rows: tuple[OverviewRow, ...]
    player: PlayerId | None = None

    def has(self, person_id: PersonId, theme: str) -> bool:
        return any(r.person.id == person_id and theme in r.themes for r in self.rows)

    def people_for(self, theme: str) -> tuple[Person, ...]:
        """Everyone with a dot in one column."""
        return tuple(r.person for r in self.rows if theme in r.themes)

    @property
    def empty_themes(self) -> tuple[str, ...]:
        """Columns where nobody has a dot yet."""
        return tuple(t for t in self.themes if not self.people_for(t))

    @property
    def empty(self) -> bool:
        return not self.rows


def who_helps_with_what(
    summary: Summary, theme_order: Sequence[str] = (), *, player: PlayerId | None = None
) -> Overview:
    """The overview of ``summary``. ``theme_order``: the deck's themes in
    their order (every one becomes a column, named for or not); themes named
    that are not in it follow in the order first met. ``player``: count only
    that player's mentions (their layer)."""
    order = {p.id: i for i, p in enumerate(summary.people)}
    rows = []
    seen: dict[str, None] = dict.fromkeys(theme_order)
    for person in summary.people:
        mentions = [
            m for m in summary.mentions_by_person.get(person.id, ())
            if player is None or m.player_id == player
        ]
        themes = tuple(dict.fromkeys(m.theme for m in mentions if m.theme))
        seen.update(dict.fromkeys(themes))
        if themes:
            rows.append(OverviewRow(person, themes, tuple(dict.fromkeys(m.player_id for m in mentions))))
    columns = tuple(seen)
    position = {t: i for i, t in enumerate(columns)}
    rows = [OverviewRow(r.person, tuple(sorted(r.themes, key=position.__getitem__)), r.players) for r in rows]
    rows.sort(key=lambda r: (-len(r.themes), order[r.person.id]))
    return Overview(themes=columns, rows=tuple(rows), player=player)


def layer(summary: Summary, player: PlayerId | None) -> frozenset[PersonId]:
    """The people ``player`` named (None: everyone on the map)."""
    if player is None:
        return frozenset(p.id for p in summary.people)
    return frozenset(pid for pid, players in summary.players_by_person.items() if player in players)

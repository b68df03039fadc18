"""Pseudonyms: a session shown without the names as typed.

For a map shown on a projector, in a team meeting or handed over without the
names of the people a family mentioned (third parties): every named person
becomes their initials ("Anna de Vries" -> "A.D.V."), with a number where two
would look the same ("A.", "A. 2"), and every player becomes "Speler 1",
"Speler 2"... in turn order. Notes and any other free text are left out.

Stored names are never changed: these functions make new values to *show*.
Counts, sectors, circles and every figure stay exactly as they were.

The one entry point for a screen, an export or a plan is
:func:`pseudonymise_summary` (a :class:`~kaarten.summary.Summary` with the
names replaced and notes emptied); :func:`pseudonyms` gives the two mappings
for anything else that shows a name (a plan line naming a person, say).
Pure Python, no Kivy: the app, the export and the command line use the same.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from kaarten.network import Person, PersonId, PlayerId
from kaarten.summary import Summary
from kaarten.table import Player

__all__ = [
    "PLAYER_LABEL",
    "Pseudonyms",
    "initials",
    "person_pseudonyms",
    "player_pseudonyms",
    "pseudonyms",
    "pseudonymise_summary",
]

#: How a player is shown: ``{n}`` is their place at the table (1, 2, 3...).
#: The app passes its translated words ("Speler {n}" in Dutch).
PLAYER_LABEL = "Speler {n}"

#: Shown for a name with no letter or digit at all (only signs or emoji).
NO_INITIAL = "?"


def initials(name: str) -> str:
    """The initials of a name or role: the first letter or digit of each
    word, upper case where the script has case, each followed by a full stop:
    "Anna" -> "A.", "buurman Piet" -> "B.P.", "سارة" -> "س.".

    A word is what whitespace or a hyphen separates ("Jan-Willem" -> "J.W.").
    A letter keeps the accents it was typed with ("Émile" -> "É."). A word
    without a letter or digit (an emoji, a bracket) gives nothing; a name
    with none at all gives "?".
    """
    text = unicodedata.normalize("NFC", name or "")
    words = text.replace("-", " ").split()
    out = []
    for word in words:
        letter = _first_letter(word)
        if letter:
            out.append(letter.upper() + ".")
    return "".join(out) or NO_INITIAL


def _first_letter(word: str) -> str:
    """The first letter or digit of ``word`` with the combining marks that
    follow it (a decomposed accent stays on its letter)."""
    for i, ch in enumerate(word):
        if unicodedata.category(ch)[0] in "LN":
            j = i + 1
            while j < len(word) and unicodedata.category(word[j])[0] == "M":
                j += 1
            return word[i:j]
    return ""


def person_pseudonyms(people: Iterable[Person]) -> dict[PersonId, str]:
    """Person id -> initials, in the order given (the order they were first
    named). Two people whose initials are the same get a number from the
    second on: "A.", "A. 2", "A. 3"; "anna" and "Anna" collide too."""
    seen: dict[str, int] = {}
    out: dict[PersonId, str] = {}
    for person in people:
        base = initials(person.name)
        key = base.casefold()
        seen[key] = seen.get(key, 0) + 1
        out[person.id] = base if seen[key] == 1 else f"{base} {seen[key]}"
    return out


def player_pseudonyms(players: Sequence[Player], label: str = PLAYER_LABEL) -> dict[PlayerId, str]:
    """Player id -> "Speler 1".."Speler n", by their place at the table.
    ``label`` holds ``{n}`` (the app passes its translation)."""
    return {p.id: label.format(n=i) for i, p in enumerate(players, start=1)}


@dataclass(frozen=True)
class Pseudonyms:
    """How every person and player of one session is shown."""

    people: Mapping[PersonId, str]
    players: Mapping[PlayerId, str]

    def person(self, person_id: PersonId) -> str:
        """The pseudonym of a person ("?" for one not in this session)."""
        return self.people.get(person_id, NO_INITIAL)

    def player(self, player_id: PlayerId) -> str:
        """The pseudonym of a player ("?" for one not in this session)."""
        return self.players.get(player_id, NO_INITIAL)


def pseudonyms(people: Iterable[Person], players: Sequence[Player], *,
               player_label: str = PLAYER_LABEL) -> Pseudonyms:
    """The pseudonyms of one session's people and players."""
    return Pseudonyms(
        people=MappingProxyType(person_pseudonyms(people)),
        players=MappingProxyType(player_pseudonyms(players, player_label)),
    )


def pseudonymise_summary(summary: Summary, *, player_label: str = PLAYER_LABEL) -> Summary:
    """The same summary with every name replaced by its pseudonym and every
    note emptied. Ids, sectors, circles, mentions, key supporters, empty
    sectors and totals are unchanged, so everything that draws a summary
    (the map, the lists, an export) draws this one the same way."""
    names = pseudonyms(summary.people, summary.players, player_label=player_label)

    def person(p: Person) -> Person:
        return replace(p, name=names.person(p.id), note="", distinction="")

    people = {p.id: person(p) for p in summary.people}
    return replace(
        summary,
        players=tuple(replace(p, name=names.player(p.id)) for p in summary.players),
        people=tuple(people[p.id] for p in summary.people),
        people_by_place=MappingProxyType(
            {place: tuple(people[p.id] for p in ps) for place, ps in summary.people_by_place.items()}),
        key_supporters=tuple(people[p.id] for p in summary.key_supporters),
    )

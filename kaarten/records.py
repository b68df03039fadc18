"""What a session and its store hand each other: plain records, and the
:class:`SessionStore` protocol every store satisfies.

The game (:class:`kaarten.session.Session`) owns its rules and set-up; a
store only writes down and reads back these records. So the store never
needs the session (no import cycle), and a store that keeps nothing
(:class:`kaarten.store.PracticeStore`) is just another store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, NewType, Protocol

from kaarten.followup import FollowUpOf
from kaarten.network import Mention, MentionId, Person, PersonId
from kaarten.plan import PlanLine, PlanLineId, PlanNotes
from kaarten.table import Player, TableSnapshot

__all__ = ["SessionId", "SessionRecord", "SessionChanges", "SessionInfo", "SessionStore"]

SessionId = NewType("SessionId", int)


@dataclass(frozen=True)
class SessionRecord:
    """A whole session as written when it starts and read back to resume it.

    ``damaged`` is True when the store could only read it back with
    replacement characters (a bad byte on disk): it can be looked at,
    exported and deleted, and the worker is told.
    """

    deck_id: str
    language: str
    created: dt.datetime
    seed: int
    table: TableSnapshot
    players: tuple[Player, ...]
    themes_by_card: Mapping[str, str]
    people: tuple[Person, ...] = ()
    mentions: tuple[Mention, ...] = ()
    damaged: bool = False
    #: the wie-plan (:mod:`kaarten.plan`)
    plan_lines: tuple[PlanLine, ...] = ()
    plan_notes: PlanNotes = PlanNotes()
    #: set when this session is a follow-up of an earlier one (:mod:`kaarten.followup`)
    follow_up: FollowUpOf | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "themes_by_card", MappingProxyType(dict(self.themes_by_card)))


@dataclass(frozen=True)
class SessionChanges:
    """What one action changed, for the store to write in one transaction.

    ``table`` is the whole table after the action, or None when the action
    did not move it (a name recorded: the store keeps the table it has);
    ``people`` and ``mentions`` are new or changed ones (written whole, so a
    mention moved to another person by a merge is just a changed mention).

    Two hints for a store that keeps files: ``wipe`` -- the action removed or
    overwrote a name or note, so no old copy may stay behind on disk;
    ``resting_point`` -- a turn or the game ended, a good moment to fold the
    journal into the main file.
    """

    table: TableSnapshot | None
    people: tuple[Person, ...] = ()
    mentions: tuple[Mention, ...] = ()
    removed_people: tuple[PersonId, ...] = ()
    removed_mentions: tuple[MentionId, ...] = ()
    #: players whose name was corrected (written whole; ids never change)
    players: tuple[Player, ...] = ()
    wipe: bool = False
    resting_point: bool = False
    #: new or changed plan lines (written whole), and lines removed
    plan_lines: tuple[PlanLine, ...] = ()
    removed_plan_lines: tuple[PlanLineId, ...] = ()
    #: the plan's notes when they changed (None: unchanged)
    plan_notes: PlanNotes | None = None


@dataclass(frozen=True)
class SessionInfo:
    """One line of the session list. ``damaged``: some of its text had bad
    bytes and is shown with replacement characters."""

    id: SessionId
    deck_id: str
    language: str
    created: dt.datetime
    updated: dt.datetime
    finished: bool
    people_count: int
    player_names: tuple[str, ...]
    damaged: bool = False
    #: for a follow-up: the date of the session it follows
    follows_created: dt.datetime | None = None


class SessionStore(Protocol):
    """Where sessions are kept: a file (:class:`kaarten.store.Store`) or
    nowhere (:class:`kaarten.store.PracticeStore`).

    Every method that writes does so in one transaction, committed before it
    returns; every error it raises is a :class:`kaarten.errors.StoreError`.
    """

    #: True for a store that writes nothing anywhere (practice games).
    keeps_nothing: bool

    def create(self, record: SessionRecord) -> SessionId:
        """Save a new session; its id."""

    def load(self, session_id: SessionId) -> SessionRecord:
        """A saved session (``UnknownSessionError`` when there is none)."""

    def save(self, session_id: SessionId, changes: SessionChanges) -> None:
        """Write one action of a session."""

    def sessions(self) -> list[SessionInfo]:
        """Every saved session, most recently used first."""

    def unfinished(self) -> SessionInfo | None:
        """The most recently used unfinished session."""

    def delete_session(self, session_id: SessionId) -> None:
        """Delete a session for real."""

    def checkpoint(self) -> bool:
        """Make sure what was saved is in the main file (the app calls it when
        paused or stopped); True when done."""

    def close(self) -> None:
        """Let go of the store; closing twice is fine."""


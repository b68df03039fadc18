"""A session: one game at the table, and the one object the UI drives.

Every action method (deal, pass, record a person, rename...) changes the game
in memory, writes the change to the store in ONE transaction, and returns
only after that transaction is committed -- so whatever the UI confirms is on
disk. If the store cannot save, the error is raised and the session in memory
is put back as it was before the action: screen and disk never disagree.

``session.table`` and ``session.network`` are for reading; change them only
through the session's methods, or nothing is saved.

Create sessions with :meth:`kaarten.store.Store.new_session` and
:meth:`kaarten.store.Store.resume`.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Mapping, NewType

from kaarten.network import (
    Closeness,
    Mention,
    MentionId,
    Network,
    Person,
    PersonId,
    Sector,
)
from kaarten.summary import Summary, summarise
from kaarten.table import Player, Table, TableError, TableSnapshot

if TYPE_CHECKING:  # the store imports this module; no import cycle at run time
    from kaarten.store import Store

__all__ = ["Session", "SessionId", "SessionChanges"]

SessionId = NewType("SessionId", int)


@dataclass(frozen=True)
class SessionChanges:
    """What one action changed, for the store to write in one transaction.

    ``table`` is always the whole table after the action; ``people`` are new
    or changed people (written whole); ``mentions`` are new mentions.
    """

    table: TableSnapshot
    people: tuple[Person, ...] = ()
    mentions: tuple[Mention, ...] = ()
    removed_people: tuple[PersonId, ...] = ()
    removed_mentions: tuple[MentionId, ...] = ()


class Session:
    """One game: its table, its network, and the store that keeps it."""

    def __init__(
        self,
        store: Store,
        *,
        id: SessionId,
        deck_id: str,
        language: str,
        created: dt.datetime,
        seed: int,
        table: Table,
        network: Network,
        themes_by_card: Mapping[str, str],
    ) -> None:
        """Made by the store; use ``Store.new_session`` or ``Store.resume``."""
        self._store = store
        self.id = id
        self.deck_id = deck_id
        self.language = language
        self.created = created
        self.seed = seed
        self._table = table
        self._network = network
        self._themes = MappingProxyType(dict(themes_by_card))

    # -- reading --

    @property
    def table(self) -> Table:
        """The table (read only: change it through this session)."""
        return self._table

    @property
    def network(self) -> Network:
        """The people named so far (read only: change them through this session)."""
        return self._network

    @property
    def players(self) -> tuple[Player, ...]:
        return self._table.players

    @property
    def current_player(self) -> Player:
        return self._table.current_player

    @property
    def current_card(self) -> str | None:
        return self._table.current_card

    @property
    def finished(self) -> bool:
        """True once the game has ended (by the worker, or an empty pile)."""
        return self._table.finished

    @property
    def themes_by_card(self) -> Mapping[str, str]:
        return self._themes

    def theme_of(self, card_id: str) -> str:
        """The theme id of a card of this session."""
        return self._themes[card_id]

    def summary(self) -> Summary:
        """The summary of the session as it is now."""
        return summarise(
            self._network,
            self._table.players,
            deck_id=self.deck_id,
            date=self.created.astimezone().date(),
            cards_played=self._table.cards_played,
        )

    # -- the table --

    def deal(self) -> str | None:
        """Deal the top card to the current player (None: pile empty, game over)."""
        with self._action():
            card = self._table.deal()
            self._save()
        return card

    def pass_card(self) -> str | None:
        """The current player passes; returns their next card (None: game over)."""
        with self._action():
            card = self._table.pass_card()
            self._save()
        return card

    def next_turn(self) -> str | None:
        """On to the next player, who is dealt a card (None: game over)."""
        with self._action():
            card = self._table.next_turn()
            self._save()
        return card

    def skip_player(self) -> str | None:
        """Skip the current player; the next one gets the unanswered card."""
        with self._action():
            card = self._table.skip_player()
            self._save()
        return card

    def end(self) -> None:
        """End the game (the session is then finished). Harmless when ended."""
        with self._action():
            self._table.end()
            self._save()

    # -- the network --

    def record_person(
        self,
        name: str,
        sector: Sector | str,
        closeness: Closeness | int,
        note: str = "",
        *,
        same_as: PersonId | None = None,
    ) -> Person:
        """The current player names someone for the current card.

        Without ``same_as`` this always makes a new person -- ask
        ``network.matches(name)`` first and offer those people as "the same
        one?". With ``same_as`` (the player picked someone named before) only a
        mention is added; ``name``, ``sector``, ``closeness`` and ``note`` are
        then ignored (use :meth:`rename` / :meth:`move` to change them).
        """
        if same_as is not None:
            self.name_again(same_as)
            return self._network.person(same_as)
        player, card = self._turn()
        with self._action():
            person, mention = self._network.add_person(
                name, sector, closeness, note,
                player_id=player.id, card_id=card, theme=self._themes.get(card, ""),
            )
            self._save(people=(person,), mentions=(mention,))
        return person

    def name_again(self, person_id: PersonId) -> Mention:
        """The current player names someone named before, for the current card.

        Naming the same person again for the same card (a double tap) adds
        nothing and returns the existing mention.
        """
        player, card = self._turn()
        with self._action():
            mention, created = self._network.add_mention(
                person_id, player_id=player.id, card_id=card, theme=self._themes.get(card, "")
            )
            if created:
                self._save(mentions=(mention,))
        return mention

    def rename(self, person_id: PersonId, name: str) -> Person:
        """Correct a person's name."""
        with self._action():
            person = self._network.rename(person_id, name)
            self._save(people=(person,))
        return person

    def move(
        self,
        person_id: PersonId,
        sector: Sector | str | None = None,
        closeness: Closeness | int | None = None,
    ) -> Person:
        """Move a person to another sector and/or circle (None keeps it)."""
        with self._action():
            person = self._network.move(person_id, sector, closeness)
            self._save(people=(person,))
        return person

    def set_note(self, person_id: PersonId, note: str) -> Person:
        """Replace a person's short note ("" clears it)."""
        with self._action():
            person = self._network.set_note(person_id, note)
            self._save(people=(person,))
        return person

    def remove_person(self, person_id: PersonId) -> None:
        """Remove a person and all their mentions."""
        with self._action():
            gone = self._network.remove_person(person_id)
            self._save(removed_people=(person_id,), removed_mentions=tuple(m.id for m in gone))

    def remove_mention(self, mention_id: MentionId) -> None:
        """Remove one mention; the person stays (see :meth:`remove_person`)."""
        with self._action():
            self._network.remove_mention(mention_id)
            self._save(removed_mentions=(mention_id,))

    # -- inside --

    def _turn(self) -> tuple[Player, str]:
        if self._table.finished:
            raise TableError("The game has ended; no new names can be added to a card.")
        card = self._table.current_card
        if card is None:
            raise TableError("There is no card on the table yet: deal a card first.")
        return self._table.current_player, card

    def _save(self, **changes) -> None:
        self._store.save(self.id, SessionChanges(table=self._table.snapshot(), **changes))

    @contextmanager
    def _action(self) -> Iterator[None]:
        """Undo the in-memory change when the action or its saving fails."""
        table_before = self._table.snapshot()
        network_before = self._network._state()
        try:
            yield
        except BaseException:
            self._table._restore(table_before)
            self._network._restore(network_before)
            raise

    def __repr__(self) -> str:
        return f"<Session {self.id} deck={self.deck_id!r} {self.language} {self._table!r}>"

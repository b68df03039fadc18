"""A session: one game at the table, and the one object the UI drives.

Every action method (deal, pass, record a person, rename...) changes the game
in memory, writes the change to the store in ONE transaction, and returns
only after that transaction is committed -- so whatever the UI confirms is on
disk. If the store cannot save, the error is raised and the session in memory
is put back as it was before the action: screen and disk never disagree.

``session.table`` and ``session.network`` are for reading; change them only
through the session's methods, or nothing is saved.

Start a game with :meth:`Session.start` and carry on with a saved one with
:meth:`Session.resume`; both are handed a store (anything that satisfies
:class:`kaarten.records.SessionStore`: a file, or a practice store that keeps
nothing). The game owns its set-up and rules; the store only keeps records.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, Sequence

from kaarten.errors import DamagedSessionError, SetupError
from kaarten.followup import FollowUpChanges, FollowUpOf, carry_over, follow_up_changes
from kaarten.network import (
    Closeness,
    Mention,
    MentionId,
    Network,
    NetworkError,
    Person,
    PersonId,
    PlayerId,
    Sector,
)
from kaarten.overview import Overview, who_helps_with_what
from kaarten.plan import Outcome, Plan, PlanError, PlanLine, PlanLineId, PlanNotes
from kaarten.records import SessionChanges, SessionId, SessionRecord, SessionStore
from kaarten.summary import Summary, summarise
from kaarten.table import Player, Table, TableError, clean_player_name, validate_players

__all__ = ["Session", "SessionId", "SessionChanges"]


class Session:
    """One game: its table, its network, and the store that keeps it."""

    def __init__(
        self,
        store: SessionStore,
        *,
        id: SessionId,
        deck_id: str,
        language: str,
        created: dt.datetime,
        seed: int,
        table: Table,
        network: Network,
        themes_by_card: Mapping[str, str],
        damaged: bool = False,
        plan: Plan | None = None,
        follow_up: FollowUpOf | None = None,
    ) -> None:
        """Use :meth:`start`, :meth:`start_follow_up` or :meth:`resume`."""
        self._store = store
        self.id = id
        self.deck_id = deck_id
        self.language = language
        self.created = created
        self.seed = seed
        #: True when the store could only read it back with replacement characters
        self.damaged = damaged
        self._table = table
        self._network = network
        self._themes = MappingProxyType(dict(themes_by_card))
        self._plan = plan if plan is not None else Plan()
        self._follow_up = follow_up

    # -- beginning --

    @classmethod
    def start(
        cls,
        store: SessionStore,
        *,
        deck_id: str,
        language: str,
        card_ids: Sequence[str],
        themes_by_card: Mapping[str, str],
        players: Sequence[tuple[str, str]],
        seed: int | None = None,
    ) -> Session:
        """Start and save a new game: the cards shuffled (``seed`` decides how;
        a random one when None), the first player's turn, no card dealt yet.

        ``players`` are ``(name, colour)`` pairs in turn order; ``themes_by_card``
        gives every card's theme id (kept with each mention, so the summary
        never needs the deck).
        """
        return cls._begin(store, deck_id=deck_id, language=language, card_ids=card_ids,
                          themes_by_card=themes_by_card, players=players, seed=seed)

    @classmethod
    def start_follow_up(
        cls,
        store: SessionStore,
        earlier_id: SessionId,
        *,
        card_ids: Sequence[str],
        themes_by_card: Mapping[str, str],
        players: Sequence[tuple[str, str]] | None = None,
        deck_id: str | None = None,
        language: str | None = None,
        seed: int | None = None,
    ) -> Session:
        """Start and save a follow-up of the saved session ``earlier_id``
        (:mod:`kaarten.followup`): its people are on the map from the start
        (same ids, each carrying where it stood), its plan's asks wait for
        an outcome. Deck, language and players default to the earlier
        session's. While this game is not finished the store keeps the
        earlier session from retention."""
        earlier = store.load(earlier_id)
        people, follow_up, asks = carry_over(earlier_id, earlier)
        if players is None:
            players = [(p.name, p.colour) for p in earlier.players]
        return cls._begin(
            store, deck_id=deck_id or earlier.deck_id, language=language or earlier.language,
            card_ids=card_ids, themes_by_card=themes_by_card, players=players, seed=seed,
            people=people, plan_lines=asks, follow_up=follow_up,
        )

    @classmethod
    def _begin(
        cls,
        store: SessionStore,
        *,
        deck_id: str,
        language: str,
        card_ids: Sequence[str],
        themes_by_card: Mapping[str, str],
        players: Sequence[tuple[str, str]],
        seed: int | None,
        people: tuple[Person, ...] = (),
        plan_lines: tuple[PlanLine, ...] = (),
        follow_up: FollowUpOf | None = None,
    ) -> Session:
        if not deck_id or not language:
            raise SetupError("A session needs a deck id and a language.")
        cards = tuple(card_ids)
        missing = [c for c in cards if not themes_by_card.get(c)]
        if missing:
            raise SetupError(f"No theme given for cards: {', '.join(missing)}.")
        themes = {c: str(themes_by_card[c]) for c in cards}
        seed = random.SystemRandom().getrandbits(63) if seed is None else int(seed)
        table = Table.new(cards, validate_players(players), random.Random(seed))
        record = SessionRecord(
            deck_id=deck_id,
            language=language,
            created=dt.datetime.now(dt.timezone.utc),
            seed=seed,
            table=table.snapshot(),
            players=table.players,
            themes_by_card=themes,
            people=people,
            plan_lines=plan_lines,
            follow_up=follow_up,
        )
        session_id = store.create(record)
        return cls._from(store, session_id, record, table, Network(people))

    @classmethod
    def resume(cls, store: SessionStore, session_id: SessionId) -> Session:
        """The session exactly as it was saved: pile order, whose turn, the
        card in hand, every person and mention. Works for finished sessions
        too (to look at or correct their summary)."""
        record = store.load(session_id)
        try:
            table = Table.from_snapshot(record.table, record.players)
            network = Network(record.people, record.mentions)
            Plan(record.plan_lines, record.plan_notes)
        except (TableError, NetworkError, PlanError) as e:
            raise DamagedSessionError(f"Session {session_id} could not be restored: {e}") from None
        return cls._from(store, session_id, record, table, network)

    @classmethod
    def _from(
        cls, store: SessionStore, session_id: SessionId, record: SessionRecord, table: Table, network: Network
    ) -> Session:
        return cls(
            store,
            id=SessionId(session_id),
            deck_id=record.deck_id,
            language=record.language,
            created=record.created,
            seed=record.seed,
            table=table,
            network=network,
            themes_by_card=record.themes_by_card,
            damaged=record.damaged,
            plan=Plan(record.plan_lines, record.plan_notes),
            follow_up=record.follow_up,
        )

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
    def keeps_nothing(self) -> bool:
        """True for a practice game: nothing of it is written anywhere."""
        return self._store.keeps_nothing

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

    @property
    def plan(self) -> Plan:
        """The wie-plan (read only: change it through this session)."""
        return self._plan

    @property
    def follow_up(self) -> FollowUpOf | None:
        """What this follow-up keeps of the earlier session (None: not a follow-up)."""
        return self._follow_up

    def follow_up_changes(self) -> FollowUpChanges | None:
        """What changed since the earlier session (None: not a follow-up)."""
        if self._follow_up is None:
            return None
        return follow_up_changes(self._follow_up, self._network, self._plan)

    def overview(self, theme_order: Sequence[str] = (), player=None) -> Overview:
        """Who helps with what (:mod:`kaarten.overview`); ``player``: one layer."""
        return who_helps_with_what(self.summary(), theme_order, player=player)

    # -- the table --

    def deal(self) -> str | None:
        """Deal the top card to the current player (None: pile empty, game over)."""
        with self._moving():
            card = self._table.deal()
            self._save()
        return card

    def pass_card(self) -> str | None:
        """The current player passes; returns their next card (None: game over)."""
        with self._moving():
            card = self._table.pass_card()
            self._save()
        return card

    def next_turn(self) -> str | None:
        """On to the next player, who is dealt a card (None: game over)."""
        with self._moving():
            card = self._table.next_turn()
            self._save(resting_point=True)
        return card

    def skip_player(self) -> str | None:
        """Skip the current player; the next one gets the unanswered card."""
        with self._moving():
            card = self._table.skip_player()
            self._save()
        return card

    def end(self) -> None:
        """End the game (the session is then finished). Harmless when ended."""
        with self._moving():
            self._table.end()
            self._save(resting_point=True)

    # -- the network --

    def record_person(
        self,
        name: str,
        sector: Sector | str,
        closeness: Closeness | int,
        note: str = "",
        *,
        same_as: PersonId | None = None,
        distinction: str = "",
        by: PlayerId | None = None,
    ) -> Person:
        """The current player (or player ``by``: in a class game the seat
        that answers, see :mod:`kaarten.classroom`) names someone for the
        current card.

        Without ``same_as`` this always makes a new person -- ask
        ``network.matches(name)`` first and offer those people as "the same
        one?". With ``same_as`` (the player picked someone named before) only a
        mention is added; ``name``, ``sector``, ``closeness`` and ``note`` are
        then ignored (use :meth:`rename` / :meth:`move` to change them).
        """
        if same_as is not None:
            self.name_again(same_as, by=by)
            return self._network.person(same_as)
        player, card = self._turn(by)
        with self._adding():
            person, mention = self._network.add_person(
                name, sector, closeness, note,
                player_id=player.id, card_id=card, theme=self._themes.get(card, ""),
                distinction=distinction,
            )
            self._save_names(people=(person,), mentions=(mention,))
        return person

    def name_again(self, person_id: PersonId, *, by: PlayerId | None = None) -> Mention:
        """The current player (or player ``by``) names someone named before,
        for the current card.

        Naming the same person again for the same card (a double tap) adds
        nothing and returns the existing mention.
        """
        player, card = self._turn(by)
        with self._adding():
            mention, created = self._network.add_mention(
                person_id, player_id=player.id, card_id=card, theme=self._themes.get(card, "")
            )
            if created:
                self._save_names(mentions=(mention,))
        return mention

    def rename(self, person_id: PersonId, name: str) -> Person:
        """Correct a person's name."""
        with self._action():
            person = self._network.rename(person_id, name)
            self._save(people=(person,), wipe=True)
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
            self._save(people=(person,), wipe=True)
        return person

    def set_distinction(self, person_id: PersonId, distinction: str) -> Person:
        """Replace what tells a person from a namesake ("van papa"; "" clears it)."""
        with self._action():
            person = self._network.set_distinction(person_id, distinction)
            self._save(people=(person,), wipe=True)
        return person

    def rename_player(self, player_id, name: str) -> Player:
        """Correct a player's name, also after the game started ("" leaves
        the player without a name: the screen says "Speler 2")."""
        with self._action():
            players = list(self._table.players)
            index = next((i for i, p in enumerate(players) if p.id == player_id), None)
            if index is None:
                raise TableError(f"There is no player {player_id!r} in this session.")
            players[index] = Player(players[index].id, clean_player_name(name), players[index].colour)
            self._table._set_players(players)
            self._save(players=(players[index],), wipe=True)
        return players[index]

    def remove_person(self, person_id: PersonId) -> None:
        """Remove a person and all their mentions."""
        with self._action():
            gone = self._network.remove_person(person_id)
            lines = self._forget(person_id)
            self._save(removed_people=(person_id,), removed_mentions=tuple(m.id for m in gone),
                       removed_plan_lines=lines, wipe=True)

    def remove_mention(self, mention_id: MentionId) -> None:
        """Remove one mention; the person stays (see :meth:`remove_person`)."""
        with self._action():
            self._network.remove_mention(mention_id)
            self._save(removed_mentions=(mention_id,), wipe=True)

    def take_back(self, person_id: PersonId, card_id: str | None = None) -> bool:
        """A name recorded by mistake: take it back from this card (the
        current one when None). Every mention of the person for the card
        goes; a person named nowhere else goes altogether, so nothing stays
        behind by mistake. One transaction. True when the person was removed."""
        card = self._table.current_card if card_id is None else card_id
        if card is None:
            raise TableError("There is no card on the table to take a name back from.")
        with self._action():
            gone, person_gone = self._network.take_back(person_id, card)
            self._save(
                removed_mentions=tuple(m.id for m in gone),
                removed_people=(person_id,) if person_gone else (),
                removed_plan_lines=self._forget(person_id) if person_gone else (),
                wipe=True,
            )
        return person_gone

    def merge(self, keep_id: PersonId, other_id: PersonId) -> Person:
        """Two people who are one (named twice by mistake): ``other_id``'s
        mentions move to ``keep_id`` and ``other_id`` is removed, in one
        transaction. ``keep_id``'s name, place and note stay. Returns the
        person kept."""
        with self._action():
            moved, dropped = self._network.merge(keep_id, other_id)
            lines = self._plan.move_person(other_id, keep_id)
            if self._follow_up is not None:
                self._follow_up = self._follow_up.without(other_id)
            self._save(
                mentions=moved,
                removed_mentions=tuple(m.id for m in dropped),
                removed_people=(other_id,),
                plan_lines=lines,
                wipe=True,
            )
        return self._network.person(keep_id)

    # -- the wie-plan --

    def add_plan_line(
        self,
        person_id: PersonId,
        ask: str = "",
        *,
        theme: str = "",
        asker=None,
        by: dt.date | None = None,
    ) -> PlanLine:
        """A new ask of the plan: ``asker`` (a player id, or None) will ask
        ``person_id`` for ``ask`` (the family's words; may be empty when a
        ``theme`` pictogram says it) by ``by``. Works on a finished game too."""
        self._network.person(person_id)
        self._check_asker(asker)
        with self._action():
            line = self._plan.add(person_id, ask, theme=theme, asker=asker, by=by)
            self._save(plan_lines=(line,))
        return line

    def edit_plan_line(self, line_id: PlanLineId, **changes) -> PlanLine:
        """Change a line: any of ``person_id``, ``ask``, ``theme``, ``asker``, ``by``."""
        if "person_id" in changes:
            self._network.person(changes["person_id"])
        if "asker" in changes:
            self._check_asker(changes["asker"])
        with self._action():
            line = self._plan.edit(line_id, **changes)
            self._save(plan_lines=(line,), wipe="ask" in changes)
        return line

    def remove_plan_line(self, line_id: PlanLineId) -> None:
        with self._action():
            self._plan.remove(line_id)
            self._save(removed_plan_lines=(line_id,), wipe=True)

    def set_outcome(self, line_id: PlanLineId, outcome: Outcome | str | None) -> PlanLine:
        """How an ask of the earlier plan went: done, not yet, not needed."""
        with self._action():
            line = self._plan.set_outcome(line_id, outcome)
            self._save(plan_lines=(line,))
        return line

    def set_plan_notes(self, **notes) -> PlanNotes:
        """``goes_well`` and/or ``next_step`` ("" clears)."""
        with self._action():
            result = self._plan.set_notes(**notes)
            self._save(plan_notes=result, wipe=True)
        return result

    # -- inside --

    def _check_asker(self, asker) -> None:
        if asker is not None and asker not in {p.id for p in self._table.players}:
            raise PlanError(f"Player {asker!r} is not at this table.")

    def _forget(self, person_id: PersonId) -> tuple[PlanLineId, ...]:
        """A person left the map: their plan lines and origin go too."""
        if self._follow_up is not None:
            self._follow_up = self._follow_up.without(person_id)
        return tuple(x.id for x in self._plan.drop_person(person_id))

    def _turn(self, by: PlayerId | None = None) -> tuple[Player, str]:
        """Who names (the current player, or ``by``) for which card."""
        if self._table.finished:
            raise TableError("The game has ended; no new names can be added to a card.")
        card = self._table.current_card
        if card is None:
            raise TableError("There is no card on the table yet: deal a card first.")
        if by is None:
            return self._table.current_player, card
        player = next((p for p in self._table.players if p.id == by), None)
        if player is None:
            raise TableError(f"There is no player {by!r} at this table.")
        return player, card

    def _save(self, **changes) -> None:
        self._store.save(self.id, SessionChanges(table=self._table.snapshot(), **changes))

    def _save_names(self, **changes) -> None:
        """:meth:`_save` for a name recorded, which leaves the table as it is."""
        self._store.save(self.id, SessionChanges(table=None, **changes))

    @contextmanager
    def _action(self) -> Iterator[None]:
        """Undo the in-memory change when the action or its saving fails."""
        table_before = self._table.snapshot()
        players_before = self._table.players
        network_before = self._network._state()
        plan_before, follow_up_before = self._plan._state(), self._follow_up
        try:
            yield
        except BaseException:
            self._table._set_players(players_before)
            self._table._restore(table_before)
            self._network._restore(network_before)
            self._plan._restore(plan_before)
            self._follow_up = follow_up_before
            raise

    def _moving(self) -> _Undo:
        """:meth:`_action` for a move of the cards (a deal, a pass, a turn):
        only the table changes, so only the table is put back."""
        return _Undo(self._table._restore, self._table.snapshot())

    def _adding(self) -> _Undo:
        """:meth:`_action` for naming someone (the action a game repeats
        most): it only adds a person or a mention, so undoing it takes away
        what was added, without a copy of the whole network first."""
        return _Undo(self._network._drop_since, self._network._mark())

    def __repr__(self) -> str:
        return f"<Session {self.id} deck={self.deck_id!r} {self.language} {self._table!r}>"


class _Undo:
    """``with`` block that calls ``undo(state)`` when the block raises: for
    :meth:`Session._adding` and :meth:`Session._moving`. A class rather than
    a generator: its ``with`` costs a quarter as much, and naming someone
    and turning are what a game repeats most."""

    __slots__ = ("_undo", "_state")

    def __init__(self, undo: Callable[[Any], None], state: Any) -> None:
        self._undo, self._state = undo, state

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        if kind is not None:
            self._undo(self._state)

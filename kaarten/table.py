"""The table: players, the draw pile, turns, dealing, passing.

A pure state machine, no I/O. The rules:

- :meth:`Table.new` shuffles the cards once with the injected
  ``random.Random``; after that every move is deterministic, so a game restored
  from a :meth:`Table.snapshot` deals exactly what it would have dealt.
- The first player's turn starts at once; :meth:`Table.deal` gives them a card.
- Nobody has to answer: :meth:`Table.pass_card` puts the card under the pile
  and deals the same player another. A card passed a second time is set aside
  for good.
- :meth:`Table.next_turn` finishes the card in hand and deals to the next
  player; :meth:`Table.skip_player` skips the current player: an unanswered
  card in their hand goes back on top of the pile, and the next player gets it.
- The game ends when the worker calls :meth:`Table.end`, or when a deal finds
  the pile empty.

Every card is always in exactly one place: the pile, the hand
(:attr:`Table.current_card`), :attr:`Table.played` or :attr:`Table.set_aside`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from kaarten.errors import KaartenError
from kaarten.network import InvalidNameError, PlayerId, _visible, clean_name

__all__ = ["Player", "Table", "TableError", "TableSnapshot", "MAX_PLAYERS", "validate_players",
           "clean_player_name"]

MAX_PLAYERS = 8
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class TableError(KaartenError):
    """A move that is not possible now (for example dealing after the end)."""


@dataclass(frozen=True)
class Player:
    """Someone at the table: a display name and a colour ``#RRGGBB``."""

    id: PlayerId
    name: str
    colour: str

    def __post_init__(self) -> None:
        # The name is taken as given: the rules for typed names apply where
        # names are typed (validate_players), never to a game read back.
        if not isinstance(self.name, str):
            raise TableError("A player's name must be text.")
        if not isinstance(self.colour, str) or not _COLOUR.match(self.colour):
            raise TableError(f"A player colour is written #RRGGBB, for example #1E88E5; got {self.colour!r}.")
        object.__setattr__(self, "colour", self.colour.upper())


def validate_players(players: Sequence[tuple[str, str]]) -> tuple[Player, ...]:
    """The players of a new game from ``(name, colour)`` pairs in turn order,
    numbered 1, 2, 3...; :class:`TableError` (or ``InvalidNameError``) says
    what is wrong. The setup screen asks this before it starts a game."""
    entries = list(players)
    if not 1 <= len(entries) <= MAX_PLAYERS:
        raise TableError(f"A game has 1 to {MAX_PLAYERS} players; got {len(entries)}.")
    return tuple(Player(PlayerId(i), clean_player_name(name), colour)
                 for i, (name, colour) in enumerate(entries, start=1))


def clean_player_name(name: str) -> str:
    """A player's typed name tidied, or "" for a player left without a name
    (the screen shows "Speler 2" in the language of the moment; nothing
    made up is stored). ``InvalidNameError`` says what else is wrong."""
    try:
        return clean_name(name)
    except InvalidNameError:
        if isinstance(name, str) and not any(_visible(ch) for ch in name):
            return ""          # nothing to see is no name (spaces, joiners, marks)
        raise


@dataclass(frozen=True)
class TableSnapshot:
    """Everything needed to put the table back exactly as it was.

    Plain data: :meth:`as_dict` / :meth:`from_dict` give a JSON-ready form.
    Lists are in order; the pile's top card is first.
    """

    cards: tuple[str, ...]
    player_ids: tuple[PlayerId, ...]
    pile: tuple[str, ...]
    set_aside: tuple[str, ...]
    played: tuple[str, ...]
    passed_once: tuple[str, ...]
    current_card: str | None
    current_index: int
    turn_number: int
    finished: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "cards": list(self.cards),
            "player_ids": [int(p) for p in self.player_ids],
            "pile": list(self.pile),
            "set_aside": list(self.set_aside),
            "played": list(self.played),
            "passed_once": list(self.passed_once),
            "current_card": self.current_card,
            "current_index": self.current_index,
            "turn_number": self.turn_number,
            "finished": self.finished,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableSnapshot:
        """Read :meth:`as_dict` output back; :class:`TableError` when malformed."""
        try:
            if data.get("version") != 1:
                raise TableError(f"Unknown table state version {data.get('version')!r}.")
            return cls(
                cards=tuple(str(c) for c in data["cards"]),
                player_ids=tuple(PlayerId(int(p)) for p in data["player_ids"]),
                pile=tuple(str(c) for c in data["pile"]),
                set_aside=tuple(str(c) for c in data["set_aside"]),
                played=tuple(str(c) for c in data["played"]),
                passed_once=tuple(str(c) for c in data["passed_once"]),
                current_card=None if data["current_card"] is None else str(data["current_card"]),
                current_index=int(data["current_index"]),
                turn_number=int(data["turn_number"]),
                finished=bool(data["finished"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise TableError(f"The saved table state is incomplete: {e!r}.") from None


class Table:
    """Players, the draw pile and whose turn it is. Create with :meth:`new`
    or :meth:`from_snapshot`; every move raises :class:`TableError` when it is
    not possible and then changes nothing."""

    def __init__(self, snapshot: TableSnapshot, players: Sequence[Player]) -> None:
        """Prefer :meth:`new` and :meth:`from_snapshot`; this checks ``snapshot``."""
        self._players = tuple(players)
        self._load(snapshot)

    # -- making one --

    @classmethod
    def new(cls, card_ids: Sequence[str], players: Sequence[Player], rng: random.Random) -> Table:
        """A fresh game: the cards shuffled with ``rng``, the first player's turn."""
        cards = tuple(card_ids)
        if not cards:
            raise TableError("This deck has no cards to play.")
        if len(set(cards)) != len(cards):
            doubles = sorted({c for c in cards if cards.count(c) > 1})
            raise TableError(f"Card ids must be unique; these appear twice: {', '.join(doubles)}.")
        pile = list(cards)
        rng.shuffle(pile)
        snapshot = TableSnapshot(
            cards=cards,
            player_ids=tuple(p.id for p in players),
            pile=tuple(pile),
            set_aside=(),
            played=(),
            passed_once=(),
            current_card=None,
            current_index=0,
            turn_number=1,
            finished=False,
        )
        return cls(snapshot, players)

    @classmethod
    def from_snapshot(cls, snapshot: TableSnapshot, players: Sequence[Player]) -> Table:
        """The table exactly as it was when ``snapshot`` was taken."""
        return cls(snapshot, players)

    def snapshot(self) -> TableSnapshot:
        """The whole state as plain, immutable data (for the store)."""
        return TableSnapshot(
            cards=self._cards,
            player_ids=tuple(p.id for p in self._players),
            pile=tuple(self._pile),
            set_aside=tuple(self._set_aside),
            played=tuple(self._played),
            passed_once=tuple(self._passed_once),
            current_card=self._current_card,
            current_index=self._current_index,
            turn_number=self._turn_number,
            finished=self._finished,
        )

    def _load(self, s: TableSnapshot) -> None:
        players = self._players
        if not 1 <= len(players) <= MAX_PLAYERS:
            raise TableError(f"A game has 1 to {MAX_PLAYERS} players; got {len(players)}.")
        if len({p.id for p in players}) != len(players):
            raise TableError("Every player needs their own id.")
        if tuple(p.id for p in players) != tuple(s.player_ids):
            raise TableError("The saved table state is for other players.")
        if not 0 <= s.current_index < len(players):
            raise TableError(f"The saved table state points at player {s.current_index}, who does not exist.")
        if s.turn_number < 1:
            raise TableError("The saved table state has no valid turn number.")
        hand = [] if s.current_card is None else [s.current_card]
        placed = list(s.pile) + list(s.set_aside) + list(s.played) + hand
        if len(set(s.cards)) != len(s.cards) or sorted(placed) != sorted(s.cards):
            raise TableError("The saved table state has lost or doubled a card.")
        if not set(s.passed_once) <= set(s.cards) or len(set(s.passed_once)) != len(s.passed_once):
            raise TableError("The saved table state has an unknown passed card.")
        if s.finished and s.current_card is not None:
            raise TableError("The saved table state is finished but still has a card in hand.")
        self._cards = tuple(s.cards)
        self._pile = list(s.pile)
        self._set_aside = list(s.set_aside)
        self._played = list(s.played)
        self._passed_once = list(s.passed_once)
        self._current_card = s.current_card
        self._current_index = s.current_index
        self._turn_number = s.turn_number
        self._finished = s.finished

    # -- reading --

    @property
    def players(self) -> tuple[Player, ...]:
        """The players in turn order."""
        return self._players

    @property
    def current_player(self) -> Player:
        """Whose turn it is (after the end: whose turn it was)."""
        return self._players[self._current_index]

    @property
    def current_card(self) -> str | None:
        """The card in the current player's hand, or None."""
        return self._current_card

    @property
    def cards(self) -> tuple[str, ...]:
        """All card ids of this game, in deck order."""
        return self._cards

    @property
    def pile(self) -> tuple[str, ...]:
        """The draw pile; the next card dealt is first."""
        return tuple(self._pile)

    @property
    def set_aside(self) -> tuple[str, ...]:
        """Cards passed twice, out of the game."""
        return tuple(self._set_aside)

    @property
    def played(self) -> tuple[str, ...]:
        """Cards dealt and finished with (not passed back), in order."""
        return tuple(self._played)

    @property
    def passed_once(self) -> tuple[str, ...]:
        """Cards passed once so far (passing them again sets them aside)."""
        return tuple(self._passed_once)

    @property
    def finished(self) -> bool:
        """True once the game has ended."""
        return self._finished

    @property
    def turn_number(self) -> int:
        """Which turn this is, from 1; passing a card stays in the same turn."""
        return self._turn_number

    @property
    def cards_played(self) -> int:
        """Cards played so far, counting the one in hand."""
        return len(self._played) + (self._current_card is not None)

    # -- moves --

    def _require_playing(self, move: str) -> None:
        if self._finished:
            raise TableError(f"The game has ended; cannot {move}.")

    def deal(self) -> str | None:
        """Deal the top card to the current player and return it.

        With an empty pile the game ends and None is returned.
        """
        self._require_playing("deal a card")
        if self._current_card is not None:
            raise TableError(
                f"{self.current_player.name} already has a card; pass it or go to the next turn first."
            )
        return self._deal()

    def _deal(self) -> str | None:
        if not self._pile:
            self._finished = True
            return None
        self._current_card = self._pile.pop(0)
        return self._current_card

    def pass_card(self) -> str | None:
        """The current player passes: the card goes under the pile (or, passed
        for the second time, is set aside) and they get the next card.

        Returns the new card, or None when the pile is empty (the game ends).
        If the passed card is the only one left, it comes straight back.
        """
        self._require_playing("pass")
        card = self._current_card
        if card is None:
            raise TableError("There is no card to pass.")
        self._current_card = None
        if card in self._passed_once:
            self._passed_once.remove(card)
            self._set_aside.append(card)
        else:
            self._passed_once.append(card)
            self._pile.append(card)
        return self._deal()

    def next_turn(self) -> str | None:
        """Finish the card in hand and deal to the next player.

        Returns their card, or None when the pile is empty (the game ends).
        """
        self._require_playing("go to the next turn")
        if self._current_card is not None:
            self._played.append(self._current_card)
            self._current_card = None
        self._advance()
        return self._deal()

    def skip_player(self) -> str | None:
        """Skip the current player's turn: a card in their hand goes back on
        top of the pile, and the next player is dealt. Returns their card."""
        self._require_playing("skip a player")
        if self._current_card is not None:
            self._pile.insert(0, self._current_card)
            self._current_card = None
        self._advance()
        return self._deal()

    def _advance(self) -> None:
        self._current_index = (self._current_index + 1) % len(self._players)
        self._turn_number += 1

    def end(self) -> None:
        """End the game now. The card in hand counts as played. Ending an
        ended game does nothing."""
        if self._finished:
            return
        if self._current_card is not None:
            self._played.append(self._current_card)
            self._current_card = None
        self._finished = True

    # -- for the session: undo a move the store could not save --

    def _restore(self, snapshot: TableSnapshot) -> None:
        self._load(snapshot)

    def _set_players(self, players: Sequence[Player]) -> None:
        """The same players with other names (a name corrected); ids stay."""
        if tuple(p.id for p in players) != tuple(p.id for p in self._players):
            raise TableError("Players can be renamed, not added or removed, during a game.")
        self._players = tuple(players)

    def __repr__(self) -> str:
        return (
            f"<Table turn {self._turn_number} player={self.current_player.name!r} "
            f"card={self._current_card!r} pile={len(self._pile)} finished={self._finished}>"
        )

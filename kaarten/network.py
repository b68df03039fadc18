"""The network: the people a family names, and every time they were named.

A :class:`Person` is someone a player named (a first name or a role such as
"buurvrouw"), placed in a :class:`Sector` of life and a :class:`Closeness`
circle. A :class:`Mention` records one naming: which player named that person
for which card (and the card's theme). The same person named on several cards
is one person with several mentions.

:class:`Network` is a pure in-memory model (no I/O). It assigns ids itself
(1, 2, 3... per session), so the store only has to write down what it gets.
The session (``kaarten.session``) drives it and persists every change.

Matching names: :func:`name_key` folds case, accents and spacing, so "Óma "
and "oma" match. A match is only a *suggestion*: two different grandmothers
called "oma" stay two people unless the player says it is the same one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from typing import Iterable, NewType

from kaarten.errors import KaartenError

__all__ = [
    "PersonId",
    "MentionId",
    "PlayerId",
    "Sector",
    "Closeness",
    "Person",
    "Mention",
    "NetworkError",
    "InvalidNameError",
    "InvalidNoteError",
    "InvalidPlaceError",
    "UnknownPersonError",
    "UnknownMentionError",
    "NAME_MAX",
    "NOTE_MAX",
    "DISTINCTION_MAX",
    "clean_distinction",
    "person_label",
    "name_key",
    "clean_name",
    "clean_note",
    "Network",
    "Suggestions",
]

PersonId = NewType("PersonId", int)
MentionId = NewType("MentionId", int)
PlayerId = NewType("PlayerId", int)

#: Longest name (or role) accepted, in characters, after tidying spaces.
NAME_MAX = 60
#: Longest note accepted, in characters, after tidying spaces.
NOTE_MAX = 200
#: Longest distinction ("van papa": what tells two people of one name apart).
DISTINCTION_MAX = 30


class Sector(StrEnum):
    """The part of life a person belongs to (a slice of the network map)."""

    FAMILY = "family"
    FRIENDS = "friends"
    NEIGHBOURHOOD = "neighbourhood"
    SCHOOL_WORK = "school-work"
    CLUB_FAITH_LEISURE = "club-faith-leisure"
    PROFESSIONALS = "professionals"


class Closeness(IntEnum):
    """How close a person is (a circle of the map): 1 is the inner circle."""

    VERY_CLOSE = 1
    CLOSE = 2
    FURTHER = 3


@dataclass(frozen=True)
class Person:
    """Someone a player named, as they said it, and where they belong."""

    id: PersonId
    name: str
    sector: Sector
    closeness: Closeness
    note: str = ""
    #: a few words that tell this person from another of the same name
    #: ("van papa"); shown with the name everywhere (:func:`person_label`)
    distinction: str = ""


def person_label(person: Person) -> str:
    """The name as shown: "oma (van papa)" with a distinction, else "oma"."""
    return f"{person.name} ({person.distinction})" if person.distinction else person.name


@dataclass(frozen=True)
class Mention:
    """One naming: ``player_id`` named ``person_id`` for card ``card_id``."""

    id: MentionId
    person_id: PersonId
    player_id: PlayerId
    card_id: str
    theme: str


# --- errors: one flat family, each says what to fix -------------------------


class NetworkError(KaartenError, ValueError):
    """A change to the network that cannot be made; the message says why."""


class InvalidNameError(NetworkError):
    """A name that is empty, too long or cannot be stored."""


class InvalidNoteError(NetworkError):
    """A note that is too long or cannot be stored."""


class InvalidPlaceError(NetworkError):
    """A sector or closeness that does not exist."""


class UnknownPersonError(NetworkError, LookupError):
    """No person with this id in this session (perhaps already removed)."""


class UnknownMentionError(NetworkError, LookupError):
    """No mention with this id in this session (perhaps already removed)."""


# --- names -------------------------------------------------------------------


#: Bidi overrides and isolates reorder the text around them, so a name could
#: show as another name (or push the text beside it around); a typed name
#: never needs them, the screen sets the direction of each text itself.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Letters and symbols that draw nothing: a name of only these looks empty.
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def name_key(name: str) -> str:
    """The form under which two names count as "the same name".

    Case-folded, accents and other combining marks dropped (NFKD), spacing
    collapsed, bidi controls ignored (as :func:`clean_name` drops them):
    ``name_key("  ÓMA ") == name_key("oma") == "oma"``. Used only
    to *suggest* that a typed name may be someone named before.
    """
    folded = unicodedata.normalize("NFKD", "".join(ch for ch in name if ch not in _BIDI_CONTROLS).casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def _tidy(text: str) -> str:
    """NFC, control characters to spaces, runs of whitespace to one space."""
    if text.isascii() and text.isprintable():     # most names: nothing to normalise
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def _storable(text: str) -> bool:
    """False for lone surrogates, which cannot be written as UTF-8."""
    return text.isascii() or not any(unicodedata.category(ch) == "Cs" for ch in text)


def _visible(char: str) -> bool:
    """A letter, digit, punctuation mark, symbol or emoji that draws something.

    Spaces, joiners, direction marks and other format characters (ZWSP,
    U+2060, U+FEFF, LRM, RLM, ZWJ) and lone combining marks do not count.
    """
    return unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LOOKALIKES


def clean_name(name: str) -> str:
    """A typed name tidied for storing, or :class:`InvalidNameError` saying why not.

    Leading/trailing spaces go, inner runs of spaces become one, control
    characters are dropped, and so are bidi overrides and isolates (they can
    make a name read as another). A name needs at least one visible character;
    one made only of invisible ones is refused like an empty name. Emoji and
    right-to-left text are fine, with the joiners and direction marks inside
    them (ZWJ, ZWNJ, LRM, RLM) kept: emoji families and Arabic need them.

    Only for what a player types: names read back from the store must not pass
    through here (``Network(people, mentions)`` takes people as they were
    saved), so a rule added later never locks a saved session out.
    """
    if not isinstance(name, str):
        raise InvalidNameError("A name must be text.")
    tidy = _tidy(name if name.isascii() else "".join(ch for ch in name if ch not in _BIDI_CONTROLS))
    # printable ASCII left after tidying is visible (letters, digits, marks)
    if not (tidy if tidy.isascii() else any(_visible(ch) for ch in tidy)):
        raise InvalidNameError("Type a name or a role (for example: buurvrouw).")
    if not _storable(tidy):
        raise InvalidNameError("This name contains characters that cannot be saved.")
    if len(tidy) > NAME_MAX:
        raise InvalidNameError(
            f"This name is too long ({len(tidy)} characters). "
            f"Use at most {NAME_MAX}: a first name or a role is enough."
        )
    return tidy


def clean_note(note: str) -> str:
    """A note tidied for storing (may be empty), or :class:`InvalidNoteError`."""
    if note is None or note == "":
        return ""
    if not isinstance(note, str):
        raise InvalidNoteError("A note must be text.")
    tidy = _tidy(note)
    if not _storable(tidy):
        raise InvalidNoteError("This note contains characters that cannot be saved.")
    if len(tidy) > NOTE_MAX:
        raise InvalidNoteError(
            f"This note is too long ({len(tidy)} characters). "
            f"Keep it short: at most {NOTE_MAX}."
        )
    return tidy


def clean_distinction(text: str) -> str:
    """A distinction tidied for storing (may be empty), or :class:`InvalidNameError`."""
    if text is None or text == "":
        return ""
    if not isinstance(text, str):
        raise InvalidNameError("A distinction must be text.")
    tidy = _tidy("".join(ch for ch in text if ch not in _BIDI_CONTROLS)).strip("()[] ")
    if not _storable(tidy):
        raise InvalidNameError("This distinction contains characters that cannot be saved.")
    if len(tidy) > DISTINCTION_MAX:
        raise InvalidNameError(
            f"This is too long ({len(tidy)} characters). "
            f"A few words are enough, at most {DISTINCTION_MAX}: for example 'van papa'."
        )
    return tidy


def as_sector(value: Sector | str) -> Sector:
    """``value`` as a :class:`Sector` ("family" works too), or InvalidPlaceError."""
    if type(value) is Sector:   # the usual case, without the Enum call
        return value
    try:
        return Sector(value)
    except ValueError:
        choices = ", ".join(s.value for s in Sector)
        raise InvalidPlaceError(f"Unknown sector {value!r}; choose one of: {choices}.") from None


def as_closeness(value: Closeness | int) -> Closeness:
    """``value`` as a :class:`Closeness` (1, 2 or 3 work too), or InvalidPlaceError."""
    if type(value) is Closeness:
        return value
    try:
        if isinstance(value, bool):
            raise ValueError
        return Closeness(value)
    except (ValueError, TypeError):
        raise InvalidPlaceError(
            f"Unknown closeness {value!r}; use 1 (very close), 2 (close) or 3 (further away)."
        ) from None


# --- the model ---------------------------------------------------------------


@dataclass(frozen=True)
class Suggestions:
    """People to offer while a player types a name: offers, never decisions.

    ``same``: people named before under this very name (ignoring case,
    accents and spacing), oldest first -- "is it the same one?". Two
    different grandmothers called "oma" both show here; recording a new person
    with that name stays possible. ``others``: people whose name contains what
    was typed, latest first; with nothing typed, everyone named so far.
    """

    same: tuple[Person, ...]
    others: tuple[Person, ...]

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone to offer, in the order to show them."""
        return self.same + self.others


class Network:
    """Everyone named in one session and every mention, in memory.

    Read with :attr:`people`, :attr:`mentions`, :meth:`person`,
    :meth:`mentions_of`, :meth:`matches`. Change with :meth:`add_person`,
    :meth:`add_mention`, :meth:`rename`, :meth:`move`, :meth:`set_note`,
    :meth:`remove_person`, :meth:`remove_mention`; each validates fully before
    it changes anything, so a raised error leaves the network as it was.
    """

    def __init__(self, people: Iterable[Person] = (), mentions: Iterable[Mention] = ()) -> None:
        self._people: dict[PersonId, Person] = {}
        self._mentions: dict[MentionId, Mention] = {}
        for person in sorted(people, key=lambda p: p.id):
            if person.id in self._people:
                raise NetworkError(f"Person id {person.id} appears twice.")
            self._people[person.id] = person
        for mention in sorted(mentions, key=lambda m: m.id):
            if mention.id in self._mentions:
                raise NetworkError(f"Mention id {mention.id} appears twice.")
            if mention.person_id not in self._people:
                raise UnknownPersonError(
                    f"Mention {mention.id} is for person {mention.person_id}, who is not in the network."
                )
            self._mentions[mention.id] = mention
        self._next_person = max(self._people, default=0) + 1
        self._next_mention = max(self._mentions, default=0) + 1

    # -- reading --

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone named, in the order they were first named."""
        return tuple(self._people.values())

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention, in the order they were made."""
        return tuple(self._mentions.values())

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._people

    def person(self, person_id: PersonId) -> Person:
        """The person with this id, or :class:`UnknownPersonError`."""
        try:
            return self._people[person_id]
        except (KeyError, TypeError):
            raise UnknownPersonError(f"There is no person {person_id!r} in this session.") from None

    def mention(self, mention_id: MentionId) -> Mention:
        """The mention with this id, or :class:`UnknownMentionError`."""
        try:
            return self._mentions[mention_id]
        except (KeyError, TypeError):
            raise UnknownMentionError(f"There is no mention {mention_id!r} in this session.") from None

    def mentions_of(self, person_id: PersonId) -> tuple[Mention, ...]:
        """Every mention of this person, oldest first (may be empty)."""
        self.person(person_id)
        return tuple(m for m in self._mentions.values() if m.person_id == person_id)

    def matches(self, name: str) -> list[Person]:
        """People already named whose name matches ``name`` ignoring case,
        accents and spacing -- candidates to offer as "the same one?"."""
        key = name_key(name)
        if not key:
            return []
        return [p for p in self._people.values() if name_key(p.name) == key]

    def suggestions(self, typed: str) -> Suggestions:
        """Who to offer on the naming panel while ``typed`` is being typed."""
        latest_first = tuple(reversed(self._people.values()))
        key = name_key(typed)
        if not key:
            return Suggestions(same=(), others=latest_first)
        same = tuple(self.matches(typed))
        same_ids = {p.id for p in same}
        others = tuple(p for p in latest_first if p.id not in same_ids and key in name_key(p.name))
        return Suggestions(same=same, others=others)

    def named_for(self, card_id: str) -> tuple[Person, ...]:
        """The people named for this card (by anyone), in the order first named."""
        ids = dict.fromkeys(m.person_id for m in self._mentions.values() if m.card_id == card_id)
        return tuple(self._people[i] for i in ids)

    def find_mention(self, person_id: PersonId, player_id: PlayerId, card_id: str) -> Mention | None:
        """The mention of this person by this player for this card, if any."""
        for m in self._mentions.values():
            if m.person_id == person_id and m.player_id == player_id and m.card_id == card_id:
                return m
        return None

    # -- changing --

    def add_person(
        self,
        name: str,
        sector: Sector | str,
        closeness: Closeness | int,
        note: str = "",
        *,
        player_id: PlayerId,
        card_id: str,
        theme: str,
        distinction: str = "",
    ) -> tuple[Person, Mention]:
        """A new person, with their first mention. Never merges with a namesake."""
        person = Person(
            id=PersonId(self._next_person),
            name=clean_name(name),
            sector=as_sector(sector),
            closeness=as_closeness(closeness),
            note=clean_note(note),
            distinction=clean_distinction(distinction),
        )
        self._people[person.id] = person
        self._next_person += 1
        mention = self._new_mention(person.id, player_id, card_id, theme)
        return person, mention

    def add_mention(
        self, person_id: PersonId, *, player_id: PlayerId, card_id: str, theme: str
    ) -> tuple[Mention, bool]:
        """Record that ``player_id`` named an existing person for ``card_id``.

        Returns ``(mention, created)``. Naming the same person twice for the
        same card by the same player (a double tap) adds nothing: the existing
        mention comes back with ``created`` False.
        """
        self.person(person_id)
        existing = self.find_mention(person_id, player_id, card_id)
        if existing is not None:
            return existing, False
        return self._new_mention(person_id, player_id, card_id, theme), True

    def _new_mention(self, person_id: PersonId, player_id: PlayerId, card_id: str, theme: str) -> Mention:
        mention = Mention(
            id=MentionId(self._next_mention),
            person_id=person_id,
            player_id=player_id,
            card_id=card_id,
            theme=theme,
        )
        self._mentions[mention.id] = mention
        self._next_mention += 1
        return mention

    def rename(self, person_id: PersonId, name: str) -> Person:
        """Give a person another name (their mentions stay)."""
        person = replace(self.person(person_id), name=clean_name(name))
        self._people[person_id] = person
        return person

    def move(
        self,
        person_id: PersonId,
        sector: Sector | str | None = None,
        closeness: Closeness | int | None = None,
    ) -> Person:
        """Move a person to another sector and/or circle (None keeps it)."""
        person = self.person(person_id)
        person = replace(
            person,
            sector=person.sector if sector is None else as_sector(sector),
            closeness=person.closeness if closeness is None else as_closeness(closeness),
        )
        self._people[person_id] = person
        return person

    def set_note(self, person_id: PersonId, note: str) -> Person:
        """Replace a person's note ("" clears it)."""
        person = replace(self.person(person_id), note=clean_note(note))
        self._people[person_id] = person
        return person

    def set_distinction(self, person_id: PersonId, distinction: str) -> Person:
        """Replace what tells this person from a namesake ("" clears it)."""
        person = replace(self.person(person_id), distinction=clean_distinction(distinction))
        self._people[person_id] = person
        return person

    def remove_person(self, person_id: PersonId) -> tuple[Mention, ...]:
        """Remove a person and all their mentions; returns the mentions removed."""
        self.person(person_id)
        gone = self.mentions_of(person_id)
        for m in gone:
            del self._mentions[m.id]
        del self._people[person_id]
        return gone

    def remove_mention(self, mention_id: MentionId) -> Mention:
        """Remove one mention. The person stays, even with no mentions left
        (removing a person is its own, explicit action)."""
        mention = self.mention(mention_id)
        del self._mentions[mention_id]
        return mention

    def take_back(self, person_id: PersonId, card_id: str) -> tuple[tuple[Mention, ...], bool]:
        """Undo naming a person for a card: every mention of them for this
        card goes, and so does the person when nothing else names them (a
        name recorded by mistake leaves nothing behind). Returns the mentions
        removed and whether the person was removed too."""
        mentions = self.mentions_of(person_id)
        gone = tuple(m for m in mentions if m.card_id == card_id)
        for m in gone:
            del self._mentions[m.id]
        person_gone = len(gone) == len(mentions)
        if person_gone:
            del self._people[person_id]
        return gone, person_gone

    def merge(self, keep_id: PersonId, other_id: PersonId) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """Make two people one: ``other_id``'s mentions move to ``keep_id``,
        whose name, place and note stay, and ``other_id`` is removed. A
        mention that would then be doubled (the same player named both for the
        same card) is dropped. Returns (mentions moved, mentions dropped)."""
        self.person(keep_id)
        self.person(other_id)
        if keep_id == other_id:
            raise NetworkError("A person cannot be merged with themselves.")
        moved: list[Mention] = []
        dropped: list[Mention] = []
        for m in self.mentions_of(other_id):
            if self.find_mention(keep_id, m.player_id, m.card_id) is not None:
                dropped.append(m)
                del self._mentions[m.id]
            else:
                moved.append(replace(m, person_id=keep_id))
                self._mentions[m.id] = moved[-1]
        del self._people[other_id]
        return tuple(moved), tuple(dropped)

    # -- for the session: undo a change the store could not save --

    def _mark(self) -> tuple[int, int]:
        """Where the ids stand: :meth:`_drop_since` undoes what was added after."""
        return self._next_person, self._next_mention

    def _drop_since(self, mark: tuple[int, int]) -> None:
        """Undo an action that only added people and mentions."""
        people, mentions = mark
        for pid in range(people, self._next_person):
            self._people.pop(PersonId(pid), None)
        for mid in range(mentions, self._next_mention):
            self._mentions.pop(MentionId(mid), None)
        self._next_person, self._next_mention = mark

    def _state(self) -> tuple:
        return dict(self._people), dict(self._mentions), self._next_person, self._next_mention

    def _restore(self, state: tuple) -> None:
        people, mentions, self._next_person, self._next_mention = state
        self._people = dict(people)
        self._mentions = dict(mentions)

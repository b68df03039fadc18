"""The store: sessions on disk, in one SQLite file. All SQL lives here.

One thin typed wrapper (:class:`_Database`) owns the connection, its pragmas,
the migrations and the transactions; :class:`Store` speaks in sessions.

Durability and privacy, as the field notes ask:

- WAL journal with ``synchronous=FULL``: a killed app or a flat battery loses
  nothing that was committed, and every user action is committed (one
  transaction each) before the call returns.
- ``secure_delete=ON`` and, after a deletion, ``wal_checkpoint(TRUNCATE)``:
  a deleted session's names are gone from the file and from its ``-wal``.
- Temporary data is kept in memory, the file is created readable by its owner
  only, and :meth:`Store.memory` (practice mode) writes nothing to disk.
- ``PRAGMA quick_check`` on open: a damaged file is moved aside (kept, never
  deleted), a fresh file is started, and :attr:`Store.damaged_notice` says so
  in words a worker understands.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from kaarten.network import (
    Closeness,
    Mention,
    MentionId,
    Network,
    Person,
    PersonId,
    PlayerId,
    Sector,
)
from kaarten.paths import data_dir
from kaarten.session import Session, SessionChanges, SessionId
from kaarten.table import Player, Table, TableError, TableSnapshot

__all__ = [
    "DB_NAME",
    "Store",
    "StoreError",
    "DamagedStoreError",
    "UnknownSessionError",
    "SessionInfo",
    "SessionId",
]

DB_NAME = "sessions.sqlite3"

# Each script moves the schema one version up; PRAGMA user_version counts them.
# Never edit a script once released: add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_id     TEXT    NOT NULL,
        language    TEXT    NOT NULL,
        created     TEXT    NOT NULL,
        updated     TEXT    NOT NULL,
        finished    INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
        seed        INTEGER NOT NULL,
        table_state TEXT    NOT NULL
    );
    CREATE TABLE players (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        id         INTEGER NOT NULL,
        position   INTEGER NOT NULL,
        name       TEXT    NOT NULL,
        colour     TEXT    NOT NULL,
        PRIMARY KEY (session_id, id)
    );
    CREATE TABLE cards (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        card_id    TEXT    NOT NULL,
        theme      TEXT    NOT NULL,
        PRIMARY KEY (session_id, card_id)
    );
    CREATE TABLE people (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        id         INTEGER NOT NULL,
        name       TEXT    NOT NULL,
        sector     TEXT    NOT NULL,
        closeness  INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 3),
        note       TEXT    NOT NULL DEFAULT '',
        PRIMARY KEY (session_id, id)
    );
    CREATE TABLE mentions (
        session_id INTEGER NOT NULL,
        id         INTEGER NOT NULL,
        person_id  INTEGER NOT NULL,
        player_id  INTEGER NOT NULL,
        card_id    TEXT    NOT NULL,
        theme      TEXT    NOT NULL,
        PRIMARY KEY (session_id, id),
        FOREIGN KEY (session_id, person_id) REFERENCES people(session_id, id) ON DELETE CASCADE,
        FOREIGN KEY (session_id, player_id) REFERENCES players(session_id, id) ON DELETE CASCADE
    );
    CREATE INDEX mentions_by_person ON mentions(session_id, person_id);
    CREATE INDEX sessions_by_updated ON sessions(updated);
    """,
)

_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


# --- errors ------------------------------------------------------------------


class StoreError(Exception):
    """The sessions file could not be read or written; the message says what
    happened and what to do."""


class DamagedStoreError(StoreError):
    """The sessions file was damaged. It was moved aside (kept, not deleted) to
    :attr:`moved_to`; a fresh file was started in its place."""

    def __init__(self, message: str, *, path: Path, moved_to: Path, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to
        self.reason = reason


class UnknownSessionError(StoreError, LookupError):
    """No session with this id (perhaps it was deleted)."""


class _Damage(Exception):
    """Inside the store: this file is damaged (``reason`` says how)."""


# --- values ------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    """One line of the session list."""

    id: SessionId
    deck_id: str
    language: str
    created: dt.datetime
    updated: dt.datetime
    finished: bool
    people_count: int
    player_names: tuple[str, ...]


# --- the thin wrapper --------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _DAMAGE_CODES


class _Database:
    """A sqlite3 connection with our pragmas, migrations and transactions."""

    def __init__(self, target: str) -> None:
        # isolation_level=None: no hidden transactions; we BEGIN and COMMIT.
        self._conn = sqlite3.connect(target, isolation_level=None, timeout=5.0)
        self._in_transaction = False

    @classmethod
    def open_checked(cls, target: str) -> _Database:
        """Open, check, configure and migrate; :class:`_Damage` when damaged."""
        db = cls(target)
        try:
            rows = db.all("PRAGMA quick_check")
            if rows != [("ok",)]:
                raise _Damage("; ".join(str(r[0]) for r in rows[:3]) or "quick_check failed")
            db._configure(in_memory=target == ":memory:")
            db._migrate()
        except sqlite3.Error as e:
            db.close()
            if _is_damage(e):
                raise _Damage(str(e)) from e
            raise
        except BaseException:
            db.close()
            raise
        return db

    def _configure(self, *, in_memory: bool) -> None:
        self.execute("PRAGMA secure_delete = ON")
        self.execute("PRAGMA foreign_keys = ON")
        self.execute("PRAGMA temp_store = MEMORY")
        self.execute("PRAGMA trusted_schema = OFF")
        if not in_memory:
            self.execute("PRAGMA journal_mode = WAL")
        self.execute("PRAGMA synchronous = FULL")

    def _migrate(self) -> None:
        version = self.one("PRAGMA user_version")[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                "These sessions were saved by a newer version of the app. "
                "Update the app to open them."
            )
        if version == 0 and self.one("SELECT count(*) FROM sqlite_master")[0]:
            raise _Damage("the file holds other data than sessions")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:
                # executescript commits first, so the BEGIN/COMMIT go inside.
                self._conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                )
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed (and synced) when the block ends, rolled
        back if it raises."""
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        else:
            self._in_transaction = False
            self._conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self._conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def checkpoint_truncate(self) -> bool:
        """Copy the WAL into the database and truncate it to 0 bytes.
        True when it completed (nobody else was reading)."""
        row = self.one("PRAGMA wal_checkpoint(TRUNCATE)")
        return row is None or row[0] == 0

    def close(self) -> None:
        self._conn.close()


# --- the store -----------------------------------------------------------------


class Store:
    """All saved sessions. Open with :meth:`open` (a file) or :meth:`memory`
    (practice mode: nothing is written to disk). Close with :meth:`close`, or
    use it as a context manager."""

    def __init__(self, db: _Database, path: Path | None, damaged: DamagedStoreError | None = None) -> None:
        """Use :meth:`open` or :meth:`memory`."""
        self._db: _Database | None = db
        #: the database file, or None in practice mode
        self.path = path
        #: set when the file was damaged and moved aside while opening
        self.damaged = damaged

    # -- opening --

    @classmethod
    def open(cls, path: Path | str | os.PathLike[str] | None = None) -> Store:
        """Open (or create) the sessions file, by default
        ``data_dir() / "sessions.sqlite3"``.

        A damaged file is moved aside to ``sessions.damaged-<time>.sqlite3``
        and a fresh one is started; :attr:`damaged_notice` then tells the
        worker. Other problems (no permission, disk full...) raise
        :class:`StoreError`.
        """
        path = Path(path) if path is not None else data_dir() / DB_NAME
        try:
            return cls(cls._open_file(path), path)
        except _Damage as damage:
            moved_to = _move_aside(path)
            notice = DamagedStoreError(
                "The file with saved sessions was damaged and could not be read. "
                f"It has been kept as {moved_to.name} (in {moved_to.parent}), "
                "and a new, empty file has been started. "
                "Ask technical support if you need the old sessions.",
                path=path,
                moved_to=moved_to,
                reason=str(damage),
            )
            try:
                return cls(cls._open_file(path), path, notice)
            except _Damage as again:
                raise StoreError(f"Could not start a new sessions file at {path}: {again}") from None

    @staticmethod
    def _open_file(path: Path) -> _Database:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                # Create it readable by its owner only; SQLite gives its -wal
                # and -shm files the same permissions.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            return _Database.open_checked(os.fspath(path))
        except OSError as e:
            raise StoreError(f"Could not open the sessions file {path}: {e.strerror or e}.") from None
        except sqlite3.Error as e:
            raise StoreError(f"Could not open the sessions file {path}: {e}.") from None

    @classmethod
    def memory(cls) -> Store:
        """A store that lives in memory only (practice mode): nothing is
        written to disk and everything is gone when it is closed."""
        return cls(_Database.open_checked(":memory:"), None)

    @property
    def damaged_notice(self) -> str | None:
        """A message for the worker when the file was damaged on opening, else None."""
        return str(self.damaged) if self.damaged else None

    @property
    def in_memory(self) -> bool:
        """True in practice mode."""
        return self.path is None

    def close(self) -> None:
        """Close the file. Everything was already saved; closing twice is fine."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _open_db(self) -> _Database:
        if self._db is None:
            raise StoreError("The sessions file is closed.")
        return self._db

    @contextmanager
    def _writing(self, what: str) -> Iterator[_Database]:
        db = self._open_db
        try:
            with db.transaction():
                yield db
        except sqlite3.Error as e:
            raise StoreError(f"Could not save {what}: {e}. The last change was not saved.") from e

    # -- sessions --

    def new_session(
        self,
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
        if not deck_id or not language:
            raise ValueError("A session needs a deck id and a language.")
        cards = tuple(card_ids)
        missing = [c for c in cards if not themes_by_card.get(c)]
        if missing:
            raise ValueError(f"No theme given for cards: {', '.join(missing)}.")
        themes = {c: str(themes_by_card[c]) for c in cards}
        seed = random.SystemRandom().getrandbits(63) if seed is None else int(seed)
        table_players = [Player(PlayerId(i), name, colour) for i, (name, colour) in enumerate(players, start=1)]
        table = Table.new(cards, table_players, random.Random(seed))
        created = _now()
        state = _state_json(table.snapshot())
        with self._writing("the new session") as db:
            cur = db.execute(
                "INSERT INTO sessions (deck_id, language, created, updated, finished, seed, table_state) "
                "VALUES (?, ?, ?, ?, 0, ?, ?)",
                (deck_id, language, _stamp(created), _stamp(created), seed, state),
            )
            session_id = SessionId(cur.lastrowid)
            db.executemany(
                "INSERT INTO players (session_id, id, position, name, colour) VALUES (?, ?, ?, ?, ?)",
                [(session_id, p.id, pos, p.name, p.colour) for pos, p in enumerate(table.players)],
            )
            db.executemany(
                "INSERT INTO cards (session_id, card_id, theme) VALUES (?, ?, ?)",
                [(session_id, c, t) for c, t in themes.items()],
            )
        return Session(
            self,
            id=session_id,
            deck_id=deck_id,
            language=language,
            created=created,
            seed=seed,
            table=table,
            network=Network(),
            themes_by_card=themes,
        )

    def sessions(self) -> list[SessionInfo]:
        """Every saved session, most recently used first."""
        db = self._open_db
        rows = db.all(
            "SELECT s.id, s.deck_id, s.language, s.created, s.updated, s.finished, "
            "(SELECT count(*) FROM people p WHERE p.session_id = s.id) "
            "FROM sessions s ORDER BY s.updated DESC, s.id DESC"
        )
        names: dict[int, list[str]] = {}
        for session_id, name in db.all("SELECT session_id, name FROM players ORDER BY session_id, position"):
            names.setdefault(session_id, []).append(name)
        return [
            SessionInfo(
                id=SessionId(r[0]),
                deck_id=r[1],
                language=r[2],
                created=_moment(r[3]),
                updated=_moment(r[4]),
                finished=bool(r[5]),
                people_count=r[6],
                player_names=tuple(names.get(r[0], ())),
            )
            for r in rows
        ]

    def unfinished(self) -> SessionInfo | None:
        """The most recently used unfinished session (to offer "continue?")."""
        return next((s for s in self.sessions() if not s.finished), None)

    def resume(self, session_id: SessionId) -> Session:
        """The session exactly as it was saved: pile order, whose turn, the
        card in hand, every person and mention. Works for finished sessions
        too (to look at or correct their summary)."""
        db = self._open_db
        row = db.one(
            "SELECT deck_id, language, created, seed, table_state FROM sessions WHERE id = ?",
            (session_id,),
        )
        if row is None:
            raise UnknownSessionError(f"There is no saved session {session_id} (perhaps it was deleted).")
        deck_id, language, created, seed, state = row
        players = [
            Player(PlayerId(pid), name, colour)
            for pid, name, colour in db.all(
                "SELECT id, name, colour FROM players WHERE session_id = ? ORDER BY position", (session_id,)
            )
        ]
        themes = dict(db.all("SELECT card_id, theme FROM cards WHERE session_id = ?", (session_id,)))
        people = [
            Person(PersonId(pid), name, Sector(sector), Closeness(closeness), note)
            for pid, name, sector, closeness, note in db.all(
                "SELECT id, name, sector, closeness, note FROM people WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
        ]
        mentions = [
            Mention(MentionId(mid), PersonId(person), PlayerId(player), card, theme)
            for mid, person, player, card, theme in db.all(
                "SELECT id, person_id, player_id, card_id, theme FROM mentions WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
        ]
        try:
            table = Table.from_snapshot(TableSnapshot.from_dict(json.loads(state)), players)
            network = Network(people, mentions)
        except (TableError, ValueError) as e:
            raise StoreError(f"Session {session_id} could not be restored: {e}") from None
        return Session(
            self,
            id=SessionId(session_id),
            deck_id=deck_id,
            language=language,
            created=_moment(created),
            seed=seed,
            table=table,
            network=network,
            themes_by_card=themes,
        )

    def finish(self, session_id: SessionId) -> None:
        """Mark a session as finished without playing on (from the session
        list). The same as ``resume(session_id).end()``."""
        self.resume(session_id).end()

    def save(self, session_id: SessionId, changes: SessionChanges) -> None:
        """Write one action of a session in one transaction, committed before
        this returns. Called by :class:`~kaarten.session.Session`; the UI does
        not need it."""
        with self._writing("this change") as db:
            cur = db.execute(
                "UPDATE sessions SET table_state = ?, finished = ?, updated = ? WHERE id = ?",
                (_state_json(changes.table), int(changes.table.finished), _stamp(_now()), session_id),
            )
            if cur.rowcount != 1:
                raise UnknownSessionError(f"Session {session_id} no longer exists (it was deleted).")
            db.executemany(
                "DELETE FROM mentions WHERE session_id = ? AND id = ?",
                [(session_id, m) for m in changes.removed_mentions],
            )
            for person_id in changes.removed_people:
                db.execute("DELETE FROM mentions WHERE session_id = ? AND person_id = ?", (session_id, person_id))
                db.execute("DELETE FROM people WHERE session_id = ? AND id = ?", (session_id, person_id))
            db.executemany(
                "INSERT INTO people (session_id, id, name, sector, closeness, note) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, id) DO UPDATE SET "
                "name = excluded.name, sector = excluded.sector, "
                "closeness = excluded.closeness, note = excluded.note",
                [(session_id, p.id, p.name, p.sector.value, int(p.closeness), p.note) for p in changes.people],
            )
            db.executemany(
                "INSERT INTO mentions (session_id, id, person_id, player_id, card_id, theme) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(session_id, m.id, m.person_id, m.player_id, m.card_id, m.theme) for m in changes.mentions],
            )

    def delete_session(self, session_id: SessionId) -> None:
        """Delete a session for real: its rows are overwritten (secure_delete)
        and the WAL is emptied, so its names are in neither file afterwards."""
        self._delete([session_id], missing_ok=False)

    def delete_all(self) -> int:
        """Delete every session for real (a tablet that changes hands): the
        rows are overwritten and the WAL emptied, as for one session, and
        the emptied pages are given back (VACUUM), so the file keeps no
        trace of any name. Returns how many sessions there were."""
        ids = [SessionId(r[0]) for r in self._open_db.all("SELECT id FROM sessions")]
        self._delete(ids, missing_ok=True)
        if not self.in_memory:
            try:
                self._open_db.execute("VACUUM")
            except sqlite3.Error as e:
                raise StoreError(f"The sessions were deleted, but the file could not be tidied: {e}.") from e
            self._open_db.checkpoint_truncate()
        return len(ids)

    def expire(self, older_than: dt.timedelta, *, now: dt.datetime | None = None) -> list[SessionId]:
        """Delete for real every session not used for ``older_than``; returns their ids."""
        cutoff = _stamp((now or _now()) - older_than)
        ids = [SessionId(r[0]) for r in self._open_db.all("SELECT id FROM sessions WHERE updated < ?", (cutoff,))]
        if ids:
            self._delete(ids, missing_ok=True)
        return ids

    def _delete(self, session_ids: Sequence[SessionId], *, missing_ok: bool) -> None:
        with self._writing("the deletion") as db:
            for session_id in session_ids:
                if db.one("SELECT 1 FROM sessions WHERE id = ?", (session_id,)) is None:
                    if missing_ok:
                        continue
                    raise UnknownSessionError(f"There is no saved session {session_id} to delete.")
                for table in ("mentions", "people", "players", "cards"):
                    db.execute(f"DELETE FROM {table} WHERE session_id = ?", (session_id,))
                db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        if not self.in_memory and not self._open_db.checkpoint_truncate():
            raise StoreError(
                "The session was deleted, but another program is reading the sessions file, "
                "so its traces could not be wiped yet. Close the other program and delete again."
            )

    def integrity_check(self) -> str:
        """SQLite's full ``integrity_check``: "ok", or what is wrong."""
        return "\n".join(str(r[0]) for r in self._open_db.all("PRAGMA integrity_check"))


def _state_json(snapshot: TableSnapshot) -> str:
    return json.dumps(snapshot.as_dict(), ensure_ascii=False, separators=(",", ":"))


def _move_aside(path: Path) -> Path:
    """Move a damaged file (and its -wal/-shm) beside itself, never over another."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem, suffix = path.stem, path.suffix  # "sessions", ".sqlite3"
    for n in range(1000):
        extra = f"-{n}" if n else ""
        target = path.with_name(f"{stem}.damaged-{stamp}{extra}{suffix}")
        if not target.exists():
            break
    else:  # pragma: no cover - a thousand damaged files in one second
        raise StoreError(f"Could not move the damaged file {path} aside.")
    try:
        os.replace(path, target)
        for side in ("-wal", "-shm"):
            companion = Path(f"{path}{side}")
            if companion.exists():
                os.replace(companion, Path(f"{target}{side}"))
    except OSError as e:
        raise StoreError(f"The sessions file {path} is damaged and could not be moved aside: {e}.") from None
    return target

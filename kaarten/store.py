"""The store: sessions on disk, in one SQLite file. All SQL lives here.

One thin typed wrapper (:class:`_Database`) owns the connection, its pragmas,
the migrations and the transactions; :class:`Store` keeps session records
(:mod:`kaarten.records`) and knows nothing of the game's rules -- the game
(:class:`kaarten.session.Session`) is handed a store. :class:`PracticeStore`
is the store that keeps nothing.

Durability and privacy, as the field notes ask:

- WAL journal with ``synchronous=FULL``: a killed app or a flat battery loses
  nothing that was committed, and every user action is committed (one
  transaction each) before the call returns.
- The journal is folded into the main file (a checkpoint) after each turn,
  when a game ends and on closing, so the ``.sqlite3`` file alone holds the
  games (a backup of only that file, or a lost ``-wal``, loses nothing).
- ``secure_delete=ON`` and, after anything that removes or overwrites a name,
  ``wal_checkpoint(TRUNCATE)``: the old name is in neither the file nor its
  ``-wal`` when the call returns. When another program's read holds the
  journal, the wipe is noted on disk and finished later (at the latest on the
  next open); the deletion itself has happened and is not reported as failed.
- The file is created readable by its owner only; temporary data stays in
  memory.
- ``PRAGMA quick_check`` on open: a damaged file is moved aside (kept, never
  deleted), a fresh file is started, and :attr:`Store.damaged_notice` says so
  in words a worker understands. Files moved aside are listed by
  :meth:`Store.damaged_files` and can be deleted for real.
- Text is read forgivingly: a bad byte in a name is shown as a replacement
  character and the session is marked damaged, so one bad byte never locks
  the worker out. Every error raised here is a :class:`StoreError`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from kaarten.errors import DamagedSessionError, KaartenError, StoreError, UnknownSessionError
from kaarten.followup import FollowUpOf, Origin
from kaarten.lock import FolderLock
from kaarten.network import Closeness, Mention, MentionId, Person, PersonId, PlayerId, Sector
from kaarten.paths import data_dir
from kaarten.plan import Outcome, PlanLine, PlanLineId, PlanNotes
from kaarten.records import SessionChanges, SessionId, SessionInfo, SessionRecord
from kaarten.table import Player, TableSnapshot

__all__ = [
    "DB_NAME",
    "Store",
    "PracticeStore",
    "StoreError",
    "DamagedStoreError",
    "DamagedSessionError",
    "UnknownSessionError",
    "DamagedFile",
    "SessionInfo",
    "SessionId",
]

log = logging.getLogger(__name__)

DB_NAME = "sessions.sqlite3"
#: Beside the database while a wipe could not be finished (a reader held the journal).
WIPE_PENDING_NAME = "sessions.wipe-pending"

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
    # 2: the wie-plan (kaarten.plan) and follow-ups (kaarten.followup)
    """
    CREATE TABLE plan_lines (
        session_id INTEGER NOT NULL,
        id         INTEGER NOT NULL,
        person_id  INTEGER NOT NULL,
        ask        TEXT    NOT NULL DEFAULT '',
        theme      TEXT    NOT NULL DEFAULT '',
        asker      INTEGER,
        by_date    TEXT,
        earlier    INTEGER NOT NULL DEFAULT 0 CHECK (earlier IN (0, 1)),
        outcome    TEXT,
        PRIMARY KEY (session_id, id),
        FOREIGN KEY (session_id, person_id) REFERENCES people(session_id, id) ON DELETE CASCADE
    );
    CREATE TABLE plan_notes (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        goes_well  TEXT NOT NULL DEFAULT '',
        next_step  TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE follow_ups (
        session_id      INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        earlier_id      INTEGER NOT NULL,
        earlier_created TEXT    NOT NULL
    );
    CREATE INDEX follow_ups_by_earlier ON follow_ups(earlier_id);
    CREATE TABLE origins (
        session_id INTEGER NOT NULL,
        person_id  INTEGER NOT NULL,
        sector     TEXT    NOT NULL,
        closeness  INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 3),
        PRIMARY KEY (session_id, person_id),
        FOREIGN KEY (session_id, person_id) REFERENCES people(session_id, id) ON DELETE CASCADE
    );
    """,
    # 3: exports (kaarten.exports): the files written from a session, and the
    # sessions that are a demo family (python main.py demo)
    """
    CREATE TABLE exports (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        path       TEXT    NOT NULL,
        format     TEXT    NOT NULL,
        created    TEXT    NOT NULL
    );
    CREATE INDEX exports_by_session ON exports(session_id);
    CREATE TABLE demo_sessions (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE
    );
    """,
    # 4: what tells two people of the same name apart ("van papa")
    """
    ALTER TABLE people ADD COLUMN distinction TEXT NOT NULL DEFAULT '';
    """,
    # 5: people and mentions stored in the order of their key (WITHOUT ROWID),
    # so the key is the table and needs no index of its own: a recorded name
    # writes three pages instead of five, and every page is a write and a
    # sync of the journal (bench/README.md). Rebuilt as SQLite's "other kinds
    # of table schema changes" says; runs with foreign keys off (see
    # _Database.open_checked), so dropping the old tables cascades nowhere.
    """
    CREATE TABLE people_v5 (
        session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        id          INTEGER NOT NULL,
        name        TEXT    NOT NULL,
        sector      TEXT    NOT NULL,
        closeness   INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 3),
        note        TEXT    NOT NULL DEFAULT '',
        distinction TEXT    NOT NULL DEFAULT '',
        PRIMARY KEY (session_id, id)
    ) WITHOUT ROWID;
    INSERT INTO people_v5 (session_id, id, name, sector, closeness, note, distinction)
        SELECT session_id, id, name, sector, closeness, note, distinction FROM people;
    CREATE TABLE mentions_v5 (
        session_id INTEGER NOT NULL,
        id         INTEGER NOT NULL,
        person_id  INTEGER NOT NULL,
        player_id  INTEGER NOT NULL,
        card_id    TEXT    NOT NULL,
        theme      TEXT    NOT NULL,
        PRIMARY KEY (session_id, id),
        FOREIGN KEY (session_id, person_id) REFERENCES people(session_id, id) ON DELETE CASCADE,
        FOREIGN KEY (session_id, player_id) REFERENCES players(session_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    INSERT INTO mentions_v5 (session_id, id, person_id, player_id, card_id, theme)
        SELECT session_id, id, person_id, player_id, card_id, theme FROM mentions;
    DROP TABLE mentions;
    DROP TABLE people;
    ALTER TABLE people_v5 RENAME TO people;
    ALTER TABLE mentions_v5 RENAME TO mentions;
    CREATE INDEX mentions_by_person ON mentions(session_id, person_id);
    """,
)

_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
#: What a bad value on its way into or out of SQLite raises (a lone surrogate
#: cannot be encoded; an integer can be too large).
_VALUE_ERRORS = (sqlite3.Error, UnicodeError, ValueError, OverflowError)
_BUSY_MS = 5000
#: How long a wipe waits for another program's read to end before it is left pending.
_WIPE_WAIT_MS = 250


# --- errors ------------------------------------------------------------------


class DamagedStoreError(StoreError):
    """The sessions file was damaged. It was moved aside (kept, not deleted) to
    :attr:`moved_to`; a fresh file was started in its place."""

    def __init__(self, message: str, *, path: Path, moved_to: Path, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to
        self.reason = reason


class _Damage(Exception):
    """Inside the store: this file is damaged (``reason`` says how)."""


# --- values ------------------------------------------------------------------


@dataclass(frozen=True)
class DamagedFile:
    """A sessions file that was moved aside because it was damaged."""

    path: Path
    size: int
    modified: dt.datetime


class _Mended(str):
    """Text read back with replacement characters: its bytes were not UTF-8."""


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Mended(raw.decode("utf-8", "replace"))


def _mended(values: Sequence[Any]) -> bool:
    return any(isinstance(v, _Mended) for v in values)


# --- the thin wrapper --------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


_NO_DATE = dt.datetime.fromtimestamp(0, dt.timezone.utc)

#: How far a session's ``updated`` may lag behind its last action (see :meth:`Store.save`).
STAMP_EVERY = dt.timedelta(minutes=1)


def _moment(text: str) -> tuple[dt.datetime, bool]:
    """The moment written by :func:`_stamp`, and False; a stand-in and True
    when the text is damaged."""
    try:
        return dt.datetime.fromisoformat(text), isinstance(text, _Mended)
    except (TypeError, ValueError):
        return _NO_DATE, True


def _is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _DAMAGE_CODES


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one by one (``executescript``
    would commit the transaction the migration must run in)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"Incomplete statement in a migration: {pending.strip()[:60]}")


class _Database:
    """A sqlite3 connection with our pragmas, migrations and transactions."""

    def __init__(self, target: str) -> None:
        # isolation_level=None: no hidden transactions; we BEGIN and COMMIT.
        self._conn = sqlite3.connect(target, isolation_level=None, timeout=_BUSY_MS / 1000)
        self._conn.text_factory = _decode
        self._in_transaction = False

    @classmethod
    def open_checked(cls, target: str) -> _Database:
        """Open, check, configure and migrate; :class:`_Damage` when damaged."""
        db = cls(target)
        try:
            rows = db.all("PRAGMA quick_check")
            if rows != [("ok",)]:
                raise _Damage("; ".join(str(r[0]) for r in rows[:3]) or "quick_check failed")
            db._configure()
            db._migrate()
            # only now: SQLite ignores the switch inside the migration's
            # transaction, and a rebuilt table (5) must not cascade its DROP
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as e:
            db.close()
            if _is_damage(e):
                raise _Damage(str(e)) from e
            raise
        except BaseException:
            db.close()
            raise
        return db

    def _configure(self) -> None:
        self.execute("PRAGMA secure_delete = ON")
        self.execute("PRAGMA foreign_keys = OFF")   # on after migrating (open_checked)
        self.execute("PRAGMA temp_store = MEMORY")
        self.execute("PRAGMA trusted_schema = OFF")
        self._use_wal()
        self.execute("PRAGMA synchronous = FULL")

    def _use_wal(self) -> None:
        """Switch a new file to WAL (it stays so). Switching needs the file to
        itself and SQLite does not wait for that, so when several processes
        open a fresh folder at once the switch is retried for a while."""
        deadline = time.monotonic() + _BUSY_MS / 1000
        while True:
            try:
                if self.one("PRAGMA journal_mode")[0] == "wal":
                    return
                self.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if (getattr(e, "sqlite_errorcode", 0) & 0xFF) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _migrate(self) -> None:
        """Bring the schema up to date, in one transaction. The version is
        read inside it: several processes opening a fresh folder at once then
        migrate one after the other instead of all creating the tables."""
        with self.transaction():
            version = self.one("PRAGMA user_version")[0]
            if version > len(MIGRATIONS):
                raise StoreError(
                    "These sessions were saved by a newer version of the app. "
                    "Update the app to open them."
                )
            if version == 0 and self.one("SELECT count(*) FROM sqlite_master")[0]:
                raise _Damage("the file holds other data than sessions")
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    self.execute(statement)
            if version < len(MIGRATIONS):
                self.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    def transaction(self, what: str | None = None) -> _Transaction:
        """One transaction: ``with db.transaction():``, committed (and
        synced) when the block ends, rolled back if it raises; with
        ``what``, a failure to write becomes a :class:`StoreError` saying
        what was not saved."""
        return _Transaction(self, what)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self._conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def checkpoint(self, mode: str = "PASSIVE", wait_ms: int = 0) -> bool:
        """Copy the journal into the database file (``TRUNCATE`` also empties
        the journal to 0 bytes), waiting at most ``wait_ms`` for other
        programs' reads. True when it completed. PASSIVE never waits (SQLite
        does not call the busy handler for it), so the wait is set only for
        the other modes."""
        if mode == "PASSIVE":
            row = self.one("PRAGMA wal_checkpoint(PASSIVE)")
        else:
            self._conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                row = self.one(f"PRAGMA wal_checkpoint({mode})")
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        return row is None or (row[0] == 0 and row[1] == row[2])

    def trace(self, callback: Callable[[str], None] | None) -> None:
        """Call ``callback`` with every statement run (tests count commits)."""
        self._conn.set_trace_callback(callback)

    def close(self) -> None:
        self._conn.close()


class _Transaction:
    """:meth:`_Database.transaction`. A class rather than a generator: every
    name recorded is one, and a generator's ``with`` costs about three times
    as much."""

    __slots__ = ("_db", "_what")

    def __init__(self, db: _Database, what: str | None) -> None:
        self._db, self._what = db, what

    def __enter__(self) -> _Database:
        db = self._db
        if db._in_transaction:
            raise RuntimeError("transactions do not nest")
        try:
            db._conn.execute("BEGIN IMMEDIATE")
        except _VALUE_ERRORS as e:
            if self._what is None:
                raise
            raise self._failed(e) from e
        db._in_transaction = True
        return db

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        db = self._db
        db._in_transaction = False
        conn = db._conn
        if kind is None:
            try:
                conn.execute("COMMIT")
                return
            except _VALUE_ERRORS as e:   # busy, or a full disk: nothing of it stays
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if self._what is None:
                    raise
                raise self._failed(e) from e
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if self._what is not None and isinstance(error, _VALUE_ERRORS):
            raise self._failed(error) from error

    def _failed(self, error: BaseException) -> StoreError:
        return StoreError(f"Could not save {self._what}: {error}. The last change was not saved.")


# --- the store -----------------------------------------------------------------


class Store:
    """All saved sessions, in one file. Open with :meth:`open`; close with
    :meth:`close`, or use it as a context manager. Satisfies
    :class:`kaarten.records.SessionStore`."""

    #: a file store keeps what it is given
    keeps_nothing = False

    def __init__(
        self,
        db: _Database,
        path: Path,
        damaged: DamagedStoreError | None = None,
        lock: FolderLock | None = None,
    ) -> None:
        """Use :meth:`open`."""
        self._db: _Database | None = db
        #: the database file
        self.path = path
        #: set when the file was damaged and moved aside while opening
        self.damaged = damaged
        self._lock = lock
        #: the session whose row was written last, its table, and when (see :meth:`save`)
        self._written: tuple[SessionId, TableSnapshot | None, dt.datetime] | None = None

    # -- opening --

    @classmethod
    def open(cls, path: Path | str | os.PathLike[str] | None = None, *, exclusive: bool = False) -> Store:
        """Open (or create) the sessions file, by default
        ``data_dir() / "sessions.sqlite3"``.

        ``exclusive`` (the app): first take the data folder's OS lock, so a
        second app on the same sessions refuses with :class:`AlreadyOpenError`
        instead of overwriting the first one's game with a stale copy.

        A damaged file is moved aside to ``sessions.damaged-<time>.sqlite3``
        and a fresh one is started; :attr:`damaged_notice` then tells the
        worker. A wipe left pending by the last run is finished. Other
        problems (no permission, disk full...) raise :class:`StoreError`.
        """
        path = Path(path) if path is not None else data_dir() / DB_NAME
        lock = None
        if exclusive:
            cls._make_folder(path)
            lock = FolderLock.acquire(path.parent)
        try:
            store = cls._open_or_move_aside(path, lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store._finish_pending_wipe()
        return store

    @classmethod
    def _open_or_move_aside(cls, path: Path, lock: FolderLock | None) -> Store:
        try:
            return cls(cls._open_file(path), path, lock=lock)
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
                return cls(cls._open_file(path), path, notice, lock=lock)
            except _Damage as again:
                raise StoreError(f"Could not start a new sessions file at {path}: {again}") from None

    @staticmethod
    def _make_folder(path: Path) -> None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"Could not make the folder {path.parent}: {e.strerror or e}.") from None

    @classmethod
    def _open_file(cls, path: Path) -> _Database:
        cls._make_folder(path)
        try:
            if not path.exists():
                # Create it readable by its owner only; SQLite gives its -wal
                # and -shm files the same permissions.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            return _Database.open_checked(os.fspath(path))
        except OSError as e:
            raise StoreError(f"Could not open the sessions file {path}: {e.strerror or e}.") from None
        except sqlite3.Error as e:
            raise StoreError(f"Could not open the sessions file {path}: {e}.") from None

    @property
    def damaged_notice(self) -> str | None:
        """A message for the worker when the file was damaged on opening, else None."""
        return str(self.damaged) if self.damaged else None

    def close(self) -> None:
        """Fold the journal into the file and close it. Everything was already
        saved; closing twice is fine."""
        if self._db is not None:
            try:
                self.checkpoint()
            except StoreError as e:
                log.warning("No checkpoint on closing: %s", type(e).__name__)
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _open_db(self) -> _Database:
        if self._db is None:
            raise StoreError("The sessions file is closed.")
        return self._db

    def _writing(self, what: str) -> _Transaction:
        return self._open_db.transaction(what)

    @contextmanager
    def _reading(self, what: str) -> Iterator[_Database]:
        db = self._open_db
        try:
            yield db
        except KaartenError:
            raise
        except _VALUE_ERRORS as e:
            raise StoreError(f"Could not read {what}: {e}.") from e

    # -- journal and wiping --

    @property
    def _wipe_marker(self) -> Path:
        return self.path.with_name(WIPE_PENDING_NAME)

    @property
    def wipe_pending(self) -> bool:
        """True while removed names may still be on disk because another
        program was reading the file; the wipe is retried on every checkpoint
        and when the store is next opened."""
        return self._wipe_marker.exists()

    def checkpoint(self) -> bool:
        """Fold the journal into the main file and empty it (for the app's
        ``on_pause``/``on_stop``); finishes a pending wipe. True when done,
        False when another program's read kept part of the journal."""
        with self._reading("the sessions file") as db:
            done = db.checkpoint("TRUNCATE", wait_ms=_WIPE_WAIT_MS)
        if done and self.wipe_pending:
            self._wipe_marker.unlink(missing_ok=True)
            log.info("Pending wipe finished")
        return done

    def _wipe(self) -> None:
        """After a committed removal: no old copy of a name may stay in the
        file or its journal. When another program's read prevents that, say
        so on disk and finish later; the removal itself stands (nothing is
        raised: the caller must not undo a change that was committed)."""
        try:
            if self.checkpoint():
                return
        except StoreError as e:
            log.warning("Checkpoint after a removal failed: %s", type(e).__name__)
        try:
            os.close(os.open(self._wipe_marker, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as e:
            log.error("Could not note a pending wipe: %s", e.strerror or type(e).__name__)
        log.warning("Wipe pending: another program is reading the sessions file")

    def _finish_pending_wipe(self) -> None:
        if self.wipe_pending:
            self.checkpoint()

    # -- sessions --

    def create(self, record: SessionRecord) -> SessionId:
        """Save a new session (one transaction); its id."""
        created = _stamp(record.created)
        with self._writing("the new session") as db:
            cur = db.execute(
                "INSERT INTO sessions (deck_id, language, created, updated, finished, seed, table_state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.deck_id, record.language, created, created, int(record.table.finished),
                 record.seed, _state_json(record.table)),
            )
            session_id = SessionId(cur.lastrowid)
            db.executemany(
                "INSERT INTO players (session_id, id, position, name, colour) VALUES (?, ?, ?, ?, ?)",
                [(session_id, p.id, pos, p.name, p.colour) for pos, p in enumerate(record.players)],
            )
            db.executemany(
                "INSERT INTO cards (session_id, card_id, theme) VALUES (?, ?, ?)",
                [(session_id, c, t) for c, t in record.themes_by_card.items()],
            )
            _write_people(db, session_id, record.people, record.mentions)
            _write_plan(db, session_id, record.plan_lines, record.plan_notes)
            if record.follow_up is not None:
                fu = record.follow_up
                db.execute(
                    "INSERT INTO follow_ups (session_id, earlier_id, earlier_created) VALUES (?, ?, ?)",
                    (session_id, fu.earlier_id, _stamp(fu.earlier_created)),
                )
                db.executemany(
                    "INSERT INTO origins (session_id, person_id, sector, closeness) VALUES (?, ?, ?, ?)",
                    [(session_id, pid, o.sector.value, int(o.closeness)) for pid, o in fu.origins.items()],
                )
        return session_id

    def sessions(self) -> list[SessionInfo]:
        """Every saved session, most recently used first. Never fails on a
        bad byte: such a session is listed with :attr:`SessionInfo.damaged`."""
        with self._reading("the list of sessions") as db:
            rows = db.all(
                "SELECT s.id, s.deck_id, s.language, s.created, s.updated, s.finished, "
                "(SELECT count(*) FROM people p WHERE p.session_id = s.id) "
                "FROM sessions s ORDER BY s.updated DESC, s.id DESC"
            )
            names: dict[int, list[str]] = {}
            for session_id, name in db.all("SELECT session_id, name FROM players ORDER BY session_id, position"):
                names.setdefault(session_id, []).append(name)
            mended = _mended_sessions(db)
            follows = dict(db.all("SELECT session_id, earlier_created FROM follow_ups"))
        infos = []
        for sid, deck_id, language, created_text, updated_text, finished, people_count in rows:
            created, bad_created = _moment(created_text)
            updated, bad_updated = _moment(updated_text)
            infos.append(SessionInfo(
                id=SessionId(sid),
                deck_id=deck_id,
                language=language,
                created=created,
                updated=updated,
                finished=bool(finished),
                people_count=people_count,
                player_names=tuple(names.get(sid, ())),
                damaged=sid in mended or bad_created or bad_updated or _mended((deck_id, language)),
                follows_created=_moment(follows[sid])[0] if sid in follows else None,
            ))
        return infos

    def unfinished(self) -> SessionInfo | None:
        """The most recently used unfinished session (to offer "continue?")."""
        return next((s for s in self.sessions() if not s.finished), None)

    def load(self, session_id: SessionId) -> SessionRecord:
        """A saved session as it was written, or :class:`UnknownSessionError`.
        Text with bad bytes comes back with replacement characters and the
        record marked damaged; what cannot be read back at all raises
        :class:`DamagedSessionError`."""
        with self._reading(f"session {session_id}") as db:
            row = db.one(
                "SELECT deck_id, language, created, seed, table_state FROM sessions WHERE id = ?",
                (session_id,),
            )
            if row is None:
                raise UnknownSessionError(f"There is no saved session {session_id} (perhaps it was deleted).")
            player_rows = db.all(
                "SELECT id, name, colour FROM players WHERE session_id = ? ORDER BY position", (session_id,)
            )
            theme_rows = db.all("SELECT card_id, theme FROM cards WHERE session_id = ?", (session_id,))
            people_rows = db.all(
                "SELECT id, name, sector, closeness, note, distinction FROM people WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
            mention_rows = db.all(
                "SELECT id, person_id, player_id, card_id, theme FROM mentions WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
            plan_rows = db.all(
                "SELECT id, person_id, ask, theme, asker, by_date, earlier, outcome "
                "FROM plan_lines WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
            notes_row = db.one("SELECT goes_well, next_step FROM plan_notes WHERE session_id = ?", (session_id,))
            follow_row = db.one(
                "SELECT earlier_id, earlier_created FROM follow_ups WHERE session_id = ?", (session_id,)
            )
            origin_rows = db.all(
                "SELECT person_id, sector, closeness FROM origins WHERE session_id = ?", (session_id,)
            )
        deck_id, language, created_text, seed, state = row
        created, bad_created = _moment(created_text)
        try:
            record = SessionRecord(
                deck_id=deck_id,
                language=language,
                created=created,
                seed=seed,
                table=TableSnapshot.from_dict(json.loads(state)),
                players=tuple(Player(PlayerId(pid), name, colour) for pid, name, colour in player_rows),
                themes_by_card=dict(theme_rows),
                people=tuple(
                    Person(PersonId(pid), name, Sector(sector), Closeness(closeness), note, distinction)
                    for pid, name, sector, closeness, note, distinction in people_rows
                ),
                mentions=tuple(
                    Mention(MentionId(mid), PersonId(person), PlayerId(player), card, theme)
                    for mid, person, player, card, theme in mention_rows
                ),
                damaged=bad_created or any(
                    _mended(r) for r in (row, *player_rows, *theme_rows, *people_rows, *mention_rows,
                                         *plan_rows, notes_row or ())
                ),
                plan_lines=tuple(
                    PlanLine(
                        PlanLineId(lid), PersonId(person), ask, theme,
                        None if asker is None else PlayerId(asker),
                        None if by is None else dt.date.fromisoformat(by),
                        bool(earlier), None if outcome is None else Outcome(outcome),
                    )
                    for lid, person, ask, theme, asker, by, earlier, outcome in plan_rows
                ),
                plan_notes=PlanNotes(*notes_row) if notes_row else PlanNotes(),
                follow_up=None if follow_row is None else FollowUpOf(
                    SessionId(follow_row[0]),
                    _moment(follow_row[1])[0],
                    {PersonId(pid): Origin(Sector(sec), Closeness(clo)) for pid, sec, clo in origin_rows},
                ),
            )
        except (KaartenError, ValueError, TypeError) as e:
            raise DamagedSessionError(f"Session {session_id} could not be restored: {e}") from None
        return record

    def save(self, session_id: SessionId, changes: SessionChanges) -> None:
        """Write one action of a session in one transaction, committed before
        this returns. Called by :class:`~kaarten.session.Session`.

        The session's row (its table and when it was last used) is written
        unless this store's last write was this session's row, less than
        :data:`STAMP_EVERY` ago, and the table is the one written then or
        did not move (``changes.table`` None: a name recorded). Rewriting the
        row with every name doubled the cost of recording one (see
        ``bench/``). ``updated`` is then at most a minute behind (retention
        counts days), and the most recently used session is still listed
        first."""
        now = _now()
        snapshot, written = changes.table, self._written
        same = written is not None and written[0] == session_id
        stamp = not same or now - written[2] >= STAMP_EVERY or (snapshot is not None and snapshot != written[1])
        with self._writing("this change") as db:
            if stamp and snapshot is not None:
                cur = db.execute(
                    "UPDATE sessions SET table_state = ?, finished = ?, updated = ? WHERE id = ?",
                    (_state_json(snapshot), int(snapshot.finished), _stamp(now), session_id),
                )
            elif stamp:
                cur = db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (_stamp(now), session_id))
            if stamp:
                found = cur.rowcount == 1
            elif changes.people or changes.mentions:
                # their rows point at the session (foreign keys): a deleted
                # one refuses them, without a query of its own before
                found = True
            else:
                found = db.one("SELECT 1 FROM sessions WHERE id = ?", (session_id,)) is not None
            if not found:
                raise UnknownSessionError(f"Session {session_id} no longer exists (it was deleted).")
            # new and changed first (a merge moves mentions away from a person it then removes)
            try:
                _write_people(db, session_id, changes.people, changes.mentions)
            except sqlite3.IntegrityError:
                if db.one("SELECT 1 FROM sessions WHERE id = ?", (session_id,)) is None:
                    raise UnknownSessionError(f"Session {session_id} no longer exists (it was deleted).") from None
                raise
            if changes.players:
                db.executemany(
                    "UPDATE players SET name = ? WHERE session_id = ? AND id = ?",
                    [(p.name, session_id, p.id) for p in changes.players],
                )
            if changes.removed_mentions:
                db.executemany(
                    "DELETE FROM mentions WHERE session_id = ? AND id = ?",
                    [(session_id, m) for m in changes.removed_mentions],
                )
            _write_plan(db, session_id, changes.plan_lines, changes.plan_notes)
            if changes.removed_plan_lines:
                db.executemany(
                    "DELETE FROM plan_lines WHERE session_id = ? AND id = ?",
                    [(session_id, x) for x in changes.removed_plan_lines],
                )
            for person_id in changes.removed_people:
                for table, column in (("plan_lines", "person_id"), ("origins", "person_id"),
                                      ("mentions", "person_id"), ("people", "id")):
                    db.execute(f"DELETE FROM {table} WHERE session_id = ? AND {column} = ?", (session_id, person_id))
        if stamp:
            # the table now in the row: this one, or (not moved) the one before
            self._written = (session_id, snapshot if snapshot is not None or not same else written[1], now)
        if changes.wipe:
            self._wipe()
        elif changes.resting_point:
            self._fold()

    def _fold(self) -> None:
        """Fold the journal into the main file without waiting for anyone.
        The change is committed already: a failure here is logged, not raised
        (the next checkpoint folds it)."""
        try:
            self._open_db.checkpoint("PASSIVE")
        except sqlite3.Error as e:
            log.warning("Checkpoint after a turn failed: %s", type(e).__name__)

    def delete_session(self, session_id: SessionId) -> None:
        """Delete a session for real: its rows are overwritten (secure_delete)
        and the journal emptied, so its names are in neither file afterwards
        (or, while another program reads the file, as soon as it stops:
        see :attr:`wipe_pending`)."""
        self._delete([session_id], missing_ok=False)

    def delete_all(self) -> int:
        """Delete every session for real (a tablet that changes hands), and
        every damaged file moved aside: the rows are overwritten and the
        journal emptied, as for one session, then the emptied pages are
        given back (VACUUM), so the file keeps no trace of any name. Returns
        how many sessions there were."""
        with self._reading("the list of sessions") as db:
            ids = [SessionId(r[0]) for r in db.all("SELECT id FROM sessions")]
        self._delete(ids, missing_ok=True)
        try:
            self._open_db.execute("VACUUM")
        except sqlite3.Error as e:
            raise StoreError(f"The sessions were deleted, but the file could not be tidied: {e}.") from e
        self._wipe()
        for damaged in self.damaged_files():
            self.delete_damaged(damaged.path)
        return len(ids)

    def expire(self, older_than: dt.timedelta, *, now: dt.datetime | None = None) -> list[SessionId]:
        """Delete for real every session not used for ``older_than``, and
        every damaged file moved aside that long ago; returns the sessions' ids.
        A session an unfinished follow-up points at is kept (the follow-up
        compares with it) until the follow-up ends, or expires itself."""
        moment = now or _now()
        cutoff = _stamp(moment - older_than)
        with self._reading("the list of sessions") as db:
            ids = [SessionId(r[0]) for r in db.all(
                "SELECT id FROM sessions WHERE updated < ? AND id NOT IN ("
                "SELECT f.earlier_id FROM follow_ups f JOIN sessions s ON s.id = f.session_id "
                "WHERE s.finished = 0 AND s.updated >= ?)",
                (cutoff, cutoff),
            )]
        if ids:
            self._delete(ids, missing_ok=True)
        for damaged in self.damaged_files():
            if damaged.modified < moment - older_than:
                self.delete_damaged(damaged.path)
        return ids

    def _delete(self, session_ids: Sequence[SessionId], *, missing_ok: bool) -> None:
        with self._writing("the deletion") as db:
            for session_id in session_ids:
                if db.one("SELECT 1 FROM sessions WHERE id = ?", (session_id,)) is None:
                    if missing_ok:
                        continue
                    raise UnknownSessionError(f"There is no saved session {session_id} to delete.")
                for table in ("plan_lines", "plan_notes", "follow_ups", "origins",
                              "mentions", "people", "players", "cards"):
                    db.execute(f"DELETE FROM {table} WHERE session_id = ?", (session_id,))
                db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._wipe()

    # -- damaged files moved aside --

    def damaged_files(self) -> list[DamagedFile]:
        """The damaged sessions files moved aside in this folder, oldest first."""
        found = []
        for path in self.path.parent.glob(f"{self.path.stem}.damaged-*{self.path.suffix}"):
            try:
                info = path.stat()
            except OSError:
                continue
            modified = dt.datetime.fromtimestamp(info.st_mtime, dt.timezone.utc)
            found.append(DamagedFile(path, info.st_size, modified))
        return sorted(found, key=lambda d: (d.modified, d.path.name))

    def delete_damaged(self, path: Path) -> None:
        """Delete a damaged file for real: overwritten with zeros, synced, then
        removed (with its ``-wal`` and ``-shm``). Only files listed by
        :meth:`damaged_files` can be deleted this way."""
        path = Path(path)
        if path not in {d.path for d in self.damaged_files()}:
            raise StoreError(f"{path.name} is not a damaged sessions file of this folder.")
        for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                _shred(target)
            except FileNotFoundError:
                continue
            except OSError as e:
                raise StoreError(f"Could not delete {target.name}: {e.strerror or e}.") from None
        _sync_folder(path.parent)

    # -- exports and demo sessions (kaarten.exports) --

    def add_export(self, session_id: SessionId, path: Path | str, fmt: str, *, now: dt.datetime | None = None) -> None:
        """Note a file written from a session (one transaction)."""
        with self._writing("the export's place") as db:
            if db.one("SELECT 1 FROM sessions WHERE id = ?", (session_id,)) is None:
                raise UnknownSessionError(f"There is no saved session {session_id}.")
            db.execute("INSERT INTO exports (session_id, path, format, created) VALUES (?, ?, ?, ?)",
                       (session_id, os.fspath(path), fmt, _stamp(now or _now())))

    def exports(self, session_id: SessionId | None = None) -> list[tuple[SessionId, Path, str, dt.datetime]]:
        """(session, file, format, when) of every export noted (of one session), newest first."""
        with self._reading("the list of exports") as db:
            sql = "SELECT session_id, path, format, created FROM exports"
            rows = db.all(sql + (" WHERE session_id = ?" if session_id is not None else "") + " ORDER BY id DESC",
                          (session_id,) if session_id is not None else ())
        return [(SessionId(sid), Path(path), fmt, _moment(created)[0]) for sid, path, fmt, created in rows]

    def forget_export(self, path: Path | str) -> None:
        """The file is gone (deleted, or no longer the app's): stop listing it."""
        with self._writing("the list of exports") as db:
            db.execute("DELETE FROM exports WHERE path = ?", (os.fspath(path),))

    def mark_demo(self, session_id: SessionId) -> None:
        """Mark a session as a demo family (never a real one)."""
        with self._writing("the demo mark") as db:
            db.execute("INSERT OR IGNORE INTO demo_sessions (session_id) VALUES (?)", (session_id,))

    def demo_sessions(self) -> set[SessionId]:
        """The sessions that are a demo family."""
        with self._reading("the list of sessions") as db:
            return {SessionId(r[0]) for r in db.all("SELECT session_id FROM demo_sessions")}

    def integrity_check(self) -> str:
        """SQLite's full ``integrity_check``: "ok", or what is wrong."""
        with self._reading("the sessions file") as db:
            return "\n".join(str(r[0]) for r in db.all("PRAGMA integrity_check"))

    def _trace(self, callback: Callable[[str], None] | None) -> None:
        """Every statement run on the file goes to ``callback`` (tests count commits)."""
        self._open_db.trace(callback)


class PracticeStore:
    """The store of a practice game: it keeps nothing, anywhere.

    It hands out ids and accepts every change, but writes no file and
    remembers no session: the list is always empty and nothing can be
    resumed. Satisfies :class:`kaarten.records.SessionStore`.
    """

    keeps_nothing = True

    def __init__(self) -> None:
        self._last_id = 0

    def create(self, record: SessionRecord) -> SessionId:
        self._last_id += 1
        return SessionId(self._last_id)

    def load(self, session_id: SessionId) -> SessionRecord:
        raise UnknownSessionError("A practice game is not kept, so it cannot be opened again.")

    def save(self, session_id: SessionId, changes: SessionChanges) -> None:
        """Nothing to write: the game lives only in memory."""

    def sessions(self) -> list[SessionInfo]:
        return []

    def unfinished(self) -> SessionInfo | None:
        return None

    def delete_session(self, session_id: SessionId) -> None:
        """Nothing was kept, so nothing is left to delete."""

    def checkpoint(self) -> bool:
        """Nothing on disk to fold: always done."""
        return True

    def add_export(self, session_id: SessionId, path, fmt: str, *, now=None) -> None:
        raise StoreError("A practice game is not kept, so nothing is exported from it.")

    def exports(self, session_id: SessionId | None = None) -> list:
        return []

    def forget_export(self, path) -> None:
        """Nothing was noted."""

    def mark_demo(self, session_id: SessionId) -> None:
        """Nothing is kept to mark."""

    def demo_sessions(self) -> set[SessionId]:
        return set()

    def close(self) -> None:
        """Nothing to close."""


# --- helpers -------------------------------------------------------------------


_PEOPLE_SQL = ("INSERT INTO people (session_id, id, name, sector, closeness, note, distinction) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (session_id, id) DO UPDATE SET "
               "name = excluded.name, sector = excluded.sector, "
               "closeness = excluded.closeness, note = excluded.note, distinction = excluded.distinction")
_MENTIONS_SQL = ("INSERT INTO mentions (session_id, id, person_id, player_id, card_id, theme) "
                 "VALUES (?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (session_id, id) DO UPDATE SET person_id = excluded.person_id")


def _write_people(db: _Database, session_id: SessionId, people: Sequence[Person], mentions: Sequence[Mention]) -> None:
    rows = [(session_id, p.id, p.name, p.sector.value, int(p.closeness), p.note, p.distinction) for p in people]
    _write_rows(db, _PEOPLE_SQL, rows)
    _write_rows(db, _MENTIONS_SQL, [(session_id, m.id, m.person_id, m.player_id, m.card_id, m.theme)
                                    for m in mentions])


def _write_rows(db: _Database, sql: str, rows: list[tuple]) -> None:
    """One row (a name recorded: the usual case) by ``execute``, more by
    ``executemany``, none not at all."""
    if len(rows) == 1:
        db.execute(sql, rows[0])
    elif rows:
        db.executemany(sql, rows)


def _write_plan(
    db: _Database, session_id: SessionId, lines: Sequence[PlanLine], notes: PlanNotes | None
) -> None:
    if lines:
        db.executemany(
            "INSERT INTO plan_lines (session_id, id, person_id, ask, theme, asker, by_date, earlier, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, id) DO UPDATE SET person_id = excluded.person_id, ask = excluded.ask, "
            "theme = excluded.theme, asker = excluded.asker, by_date = excluded.by_date, "
            "earlier = excluded.earlier, outcome = excluded.outcome",
            [
                (session_id, x.id, x.person_id, x.ask, x.theme, x.asker,
                 None if x.by is None else x.by.isoformat(), int(x.earlier),
                 None if x.outcome is None else x.outcome.value)
                for x in lines
            ],
        )
    if notes is not None:
        db.execute(
            "INSERT INTO plan_notes (session_id, goes_well, next_step) VALUES (?, ?, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET goes_well = excluded.goes_well, next_step = excluded.next_step",
            (session_id, notes.goes_well, notes.next_step),
        )


def _mended_sessions(db: _Database) -> set[int]:
    """Sessions with text that had bad bytes (read back with replacement characters)."""
    queries = (
        "SELECT id, deck_id, language, created, updated, table_state FROM sessions",
        "SELECT session_id, name, colour FROM players",
        "SELECT session_id, card_id, theme FROM cards",
        "SELECT session_id, name, sector, note, distinction FROM people",
        "SELECT session_id, card_id, theme FROM mentions",
        "SELECT session_id, ask, theme FROM plan_lines",
        "SELECT session_id, goes_well, next_step FROM plan_notes",
    )
    return {row[0] for sql in queries for row in db.all(sql) if _mended(row[1:])}


#: one encoder for every turn (``json.dumps`` with options builds a new one each call)
_TABLE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _state_json(snapshot: TableSnapshot) -> str:
    return _TABLE_ENCODER.encode(snapshot.as_dict())


def _shred(path: Path) -> None:
    """Overwrite a file with zeros, sync it, then unlink it."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        chunk = b"\0" * 65536
        left = size
        while left > 0:
            left -= f.write(chunk[: min(left, len(chunk))])
        f.flush()
        os.fsync(f.fileno())
    path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make a removal in ``folder`` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Windows cannot sync a folder; the removal stands
    finally:
        os.close(fd)


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

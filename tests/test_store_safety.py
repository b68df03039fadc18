"""Never stuck, never silently wrong: bad bytes, the journal, several
processes, and deleting for real -- with real SQLite files and real processes."""

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import new_game, raw_bytes

from kaarten.errors import AlreadyOpenError, StoreError
from kaarten.network import Closeness, Mention, MentionId, Person, PersonId, PlayerId, Sector
from kaarten.records import SessionChanges
from kaarten.session import Session
from kaarten.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 10  # seconds: no test here may hang longer


def child(code: str, data: Path, **popen) -> subprocess.Popen:
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


# --- one bad byte never locks the worker out ---------------------------------------


def test_a_name_with_a_bad_byte_is_shown_mended_and_the_session_marked_damaged(data):
    with Store.open() as store:
        good = new_game(store, seed=1)
        good.record_person("Heel-Goed", "friends", 1)
        bad = new_game(store, seed=2)
        bad.record_person("Oma", "family", 1)
        bad.record_person("Buurman", "neighbourhood", 2)
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("UPDATE players SET name = CAST(X'4D61FF6D61' AS TEXT) WHERE session_id = ? AND id = 1", (bad.id,))
    conn.execute("UPDATE people SET name = CAST(X'4F6DC3' AS TEXT) WHERE session_id = ? AND id = 1", (bad.id,))
    conn.commit()
    conn.close()

    with Store.open() as store:
        assert store.damaged_notice is None  # quick_check passes: nothing is moved aside
        infos = {i.id: i for i in store.sessions()}
        assert infos[bad.id].damaged and not infos[good.id].damaged
        assert infos[bad.id].player_names == ("Ma\ufffdma", "Sam", "Opa Jan")
        assert store.unfinished().id == bad.id
        s = Session.resume(store, bad.id)
        assert s.damaged and not Session.resume(store, good.id).damaged
        assert [p.name for p in s.network.people] == ["Om\ufffd", "Buurman"]
        assert s.summary().totals.people == 2         # what is readable can be exported
        store.delete_session(bad.id)
        assert [i.id for i in store.sessions()] == [good.id]


def test_every_error_the_store_raises_is_a_store_error(data):
    store = Store.open()
    s = new_game(store)
    table = s.table.snapshot()
    lone_surrogate = Person(PersonId(9), "\ud800", Sector.FAMILY, Closeness.CLOSE)
    with pytest.raises(StoreError):                   # UnicodeEncodeError underneath
        store.save(s.id, SessionChanges(table=table, people=(lone_surrogate,)))
    with pytest.raises(StoreError):                   # OverflowError underneath
        store.save(s.id, SessionChanges(table=table, mentions=(
            Mention(MentionId(2**70), PersonId(1), PlayerId(1), "kaart-1", "fun"),)))
    assert Session.resume(store, s.id).network.people == ()  # nothing half-saved
    store._open_db.execute("DROP TABLE mentions")     # sqlite3.OperationalError underneath
    with pytest.raises(StoreError):
        Session.resume(store, s.id)
    store.close()


def test_a_change_refused_at_commit_is_rolled_back_and_the_next_one_is_saved(data):
    """SQLite can refuse a transaction at COMMIT itself (here a foreign key
    checked only then; in the field a full disk). The worker is told, nothing
    of it stays, and the next name is saved as usual."""
    with Store.open() as store:
        s = new_game(store)
        db = store._open_db
        with pytest.raises(StoreError, match="Could not save the test change"):
            with db.transaction("the test change"):
                db.execute("PRAGMA defer_foreign_keys = ON")
                db.execute("INSERT INTO mentions VALUES (?, 99, 99, 1, 'kaart-1', 'fun')", (s.id,))
        s.record_person("oma", "family", 1)
        again = Session.resume(store, s.id)
        assert [p.name for p in again.network.people] == ["oma"]
        assert [m.person_id for m in again.network.mentions] == [again.network.people[0].id]


# --- a game never lives only in the -wal -------------------------------------------


def test_after_a_whole_game_the_main_file_alone_holds_it(data, tmp_path_factory):
    store = Store.open()
    s = new_game(store)
    s.record_person("Alleen-In-Hoofdbestand", "family", 1)
    s.next_turn()
    s.record_person("Tweede-Beurt", "friends", 2)
    s.end()
    copy = tmp_path_factory.mktemp("backup") / DB_NAME
    shutil.copyfile(data / DB_NAME, copy)  # the app is still open; only the main file is copied
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT finished FROM sessions").fetchall() == [(1,)]
    assert sorted(r[0] for r in conn.execute("SELECT name FROM people")) == ["Alleen-In-Hoofdbestand", "Tweede-Beurt"]
    conn.close()
    store.close()


def test_each_turn_is_folded_into_the_main_file(data, tmp_path_factory):
    with Store.open() as store:
        s = new_game(store)
        s.record_person("Na-Een-Beurt", "family", 1)
        s.next_turn()
        copy = tmp_path_factory.mktemp("backup") / DB_NAME
        shutil.copyfile(data / DB_NAME, copy)
        conn = sqlite3.connect(copy)
        assert conn.execute("SELECT name FROM people").fetchall() == [("Na-Een-Beurt",)]
        conn.close()
        s.record_person("Nog-In-Journaal", "family", 1)
        assert store.checkpoint()  # what the app calls in on_pause
        assert os.path.getsize(f"{data / DB_NAME}-wal") == 0


# --- several processes ----------------------------------------------------------------

OPEN_AT = r"""
import sys, time
from kaarten.store import Store
start = float(sys.argv[1])
while time.time() < start:
    pass
with Store.open() as store:
    print(len(store.sessions()), flush=True)
"""


def test_three_processes_opening_a_fresh_folder_at_once_all_succeed(tmp_path):
    for round_ in range(6):
        folder = tmp_path / f"round-{round_}"
        start = time.time() + 1.5
        kids = [child(OPEN_AT.replace("sys.argv[1]", repr(str(start))), folder) for _ in range(3)]
        results = [k.communicate(timeout=HANG_GUARD + 20) for k in kids]
        assert [k.returncode for k in kids] == [0, 0, 0], [err for _, err in results]
        assert [out.strip() for out, _ in results] == ["0", "0", "0"]


HOLD = r"""
import sys
from kaarten.store import Store
store = Store.open(exclusive=True)
print("open", flush=True)
sys.stdin.read()
"""


def test_a_second_app_on_the_same_folder_refuses_until_the_first_one_dies(data):
    first = child(HOLD, data, stdin=subprocess.PIPE)
    try:
        assert first.stdout.readline().strip() == "open", first.stderr.read()
        with pytest.raises(AlreadyOpenError, match="already open"):
            Store.open(exclusive=True)
        second = child(HOLD, data, stdin=subprocess.PIPE)
        _, err = second.communicate("", timeout=HANG_GUARD + 20)
        assert second.returncode != 0 and "AlreadyOpenError" in err
        with Store.open() as reader:       # reading without the lock stays possible
            assert reader.sessions() == []
    finally:
        first.send_signal(signal.SIGKILL)  # killed: no clean-up, no file left claiming the folder
        first.wait(timeout=HANG_GUARD)
    store = Store.open(exclusive=True)
    store.close()


# --- deleting is real in every case ---------------------------------------------------


def test_every_removal_leaves_no_trace_of_the_old_name_while_the_app_runs(data):
    store = Store.open()
    s = new_game(store)
    db = data / DB_NAME
    weg = s.record_person("Weg-Persoon", "family", 1)
    oud = s.record_person("Oude-Naam", "friends", 1)
    twin = s.record_person("Dubbel-Genoemd", "friends", 2)
    fout = s.record_person("Per-Ongeluk", "school-work", 3)
    note = s.record_person("Met-Notitie", "friends", 2, note="Geheime-Notitie")
    s.next_turn()
    s.name_again(oud.id)
    mention = s.name_again(note.id)
    before = raw_bytes(db)
    for name in (b"Weg-Persoon", b"Oude-Naam", b"Dubbel-Genoemd", b"Per-Ongeluk", b"Geheime-Notitie"):
        assert name in before, "the test must see each name before it goes"

    s.remove_person(weg.id)
    assert b"Weg-Persoon" not in raw_bytes(db)
    s.rename(oud.id, "Nieuwe-Naam")
    assert b"Oude-Naam" not in raw_bytes(db) and b"Nieuwe-Naam" in raw_bytes(db)
    s.merge(oud.id, twin.id)
    assert b"Dubbel-Genoemd" not in raw_bytes(db)
    s.take_back(fout.id, card_id=s.table.played[0])
    assert b"Per-Ongeluk" not in raw_bytes(db)
    s.set_note(note.id, "")
    assert b"Geheime-Notitie" not in raw_bytes(db)
    s.remove_mention(mention.id)
    assert os.path.getsize(f"{db}-wal") == 0
    assert not store.wipe_pending
    store.close()


DELETE_AND_DIE = r"""
from kaarten.session import Session
from kaarten.store import Store
store = Store.open(exclusive=True)
[info] = store.sessions()
store.delete_session(info.id)   # another program is reading: must not raise
print("deleted", store.wipe_pending, flush=True)
import sys; sys.stdin.read()
"""


def test_a_delete_during_another_programs_read_is_finished_on_the_next_open(data):
    with Store.open() as store:
        new_game(store).record_person("Lezer-Ziet-Mij", "family", 1)
    db = data / DB_NAME
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM people").fetchone() == (1,)  # holds its snapshot
    app = child(DELETE_AND_DIE, data, stdin=subprocess.PIPE)
    try:
        line = app.stdout.readline().strip()
        assert line == "deleted True", app.stderr.read() if not line else line
    finally:
        app.send_signal(signal.SIGKILL)  # the app is killed before it could finish the wipe
        app.wait(timeout=HANG_GUARD)
    reader.rollback()
    reader.close()
    assert (data / "sessions.wipe-pending").exists()
    with Store.open() as store:
        assert not store.wipe_pending and store.sessions() == []
        assert b"Lezer-Ziet-Mij" not in raw_bytes(db)


def test_a_damaged_file_moved_aside_is_listed_and_deleted_for_real(data, tmp_path_factory):
    garbage = b"Naam-In-Beschadigd-Bestand " * 400
    (data / DB_NAME).write_bytes(garbage)
    store = Store.open()
    [damaged] = store.damaged_files()
    assert damaged.path == store.damaged.moved_to and damaged.size == len(garbage)
    peek = tmp_path_factory.mktemp("peek") / "same-inode"
    try:
        os.link(damaged.path, peek)        # a second name for the same bytes on disk
    except OSError:
        peek = None
    with pytest.raises(StoreError):
        store.delete_damaged(data / DB_NAME)  # only files moved aside can go this way
    store.delete_damaged(damaged.path)
    assert not damaged.path.exists() and store.damaged_files() == []
    if peek is not None:
        assert peek.read_bytes() == b"\0" * len(garbage), "the bytes were not overwritten"
    store.close()


def test_damaged_files_fall_under_retention_by_their_date(data):
    (data / DB_NAME).write_bytes(b"\x00not a database\xff" * 400)
    store = Store.open()
    [damaged] = store.damaged_files()
    now = dt.datetime.now(dt.timezone.utc)
    store.expire(dt.timedelta(days=30), now=now)
    assert store.damaged_files() == [damaged]
    old = (now - dt.timedelta(days=40)).timestamp()
    os.utime(damaged.path, (old, old))
    store.expire(dt.timedelta(days=30), now=now)
    assert store.damaged_files() == [] and not damaged.path.exists()
    store.close()

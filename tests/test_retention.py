"""Retention: sessions are kept a number of whole days after the day they
were last played, warned about the day before, then deleted for real; the
same from the command line (`purge`)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import new_game

from kaarten import exports, retention
from kaarten.preferences import Preferences
from kaarten.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("Tante Wilhelmina", "Buurman Gerrit", "Juf Rozemarijn")


def local(y, m, d, h=12):
    return dt.datetime(y, m, d, h).astimezone()


def age(db: Path, session_id, when: dt.datetime) -> None:
    """Make a session last played at ``when`` (the store stamps the real
    time; a test of retention needs older sessions than that)."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE sessions SET updated = ? WHERE id = ?",
                    (when.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"), int(session_id)))
    con.close()


def played(store, name: str):
    s = new_game(store)
    s.record_person(name, "family", 1)
    return s


def raw_folder(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_kept_through_the_last_day_warned_the_day_before_deleted_after(data):
    db = data / DB_NAME
    with Store.open(db) as store:
        march = played(store, NAMES[0])
        later = played(store, NAMES[1])
    age(db, march.id, local(2026, 3, 1, 23))        # late on 1 March
    age(db, later.id, local(2026, 3, 20, 9))
    with Store.open(db) as store:
        sessions = store.sessions()
        by_id = {s.id: s for s in sessions}
        assert retention.expires_on(by_id[march.id], 30) == dt.date(2026, 4, 1)
        # 30 March: nothing yet; 31 March (its last day): "morgen"
        assert retention.due_tomorrow(sessions, 30, local(2026, 3, 30, 23)) == []
        assert [s.id for s in retention.due_tomorrow(sessions, 30, local(2026, 3, 31, 0))] == [march.id]
        assert retention.purge(store, 30, local(2026, 3, 31, 23)) == []
        assert len(store.sessions()) == 2
        # 1 April, just after midnight: gone
        assert retention.purge(store, 30, local(2026, 4, 1, 0)) == [march.id]
        assert [s.id for s in store.sessions()] == [later.id]
    raw = raw_folder(data)
    assert NAMES[0].encode() not in raw and NAMES[1].encode() in raw


@pytest.mark.parametrize("bad", [0, 366, -1, "30.5", "dertig", True, None, 7.0, ""])
def test_days_out_of_range_are_refused_in_words(bad):
    with pytest.raises(ValueError, match="whole number from 1 to 365"):
        retention.check_days(bad)


def test_a_practice_store_has_nothing_to_purge():
    from kaarten.store import PracticeStore
    assert retention.purge(PracticeStore(), 1, local(2030, 1, 1)) == []


# -- the files exported from sessions: retention's housekeeping too --


def exported(store, session, folder: Path, name: str, *, when: dt.datetime | None = None,
             holds: str = "") -> Path:
    """A file written from ``session`` into ``folder`` (holding the name
    ``holds``), noted in the store."""
    path = exports.write_file(folder, name, b"%PDF-1.7 " + holds.encode())
    store.add_export(session.id, path, "pdf", now=when)
    return path


def test_an_expired_sessions_exports_in_the_data_folder_go_with_it(data, tmp_path_factory):
    """Played on 1 March, exported on 20 March: on 1 April the session goes,
    and its export with it (not on 20 April, when the file's own days end);
    a file the worker saved in a folder of their own stays."""
    db = data / DB_NAME
    elsewhere = tmp_path_factory.mktemp("usb-stick")
    with Store.open(db) as store:
        march = played(store, NAMES[0])
        later = played(store, NAMES[1])
        inside = exported(store, march, data / exports.FOLDER_NAME, "march.pdf")
        outside = exported(store, march, elsewhere, "march.pdf")
        kept = exported(store, later, data / exports.FOLDER_NAME, "later.pdf")
    age(db, march.id, local(2026, 3, 1))
    age(db, later.id, local(2026, 3, 25))
    exported_on = local(2026, 3, 20).timestamp()
    for path in (inside, outside, kept):
        os.utime(path, (exported_on, exported_on))
    with Store.open(db) as store:
        assert retention.purge(store, 30, local(2026, 4, 1, 0)) == [march.id]
        assert [p for _sid, p, _f, _w in store.exports()] == [kept]
    assert not inside.exists() and outside.exists() and kept.exists()


def test_a_session_goes_the_day_after_its_export_when_the_worker_chose_that(data):
    with Store.open(data / DB_NAME) as store:
        old, fresh = played(store, NAMES[0]), played(store, NAMES[1])
        now = dt.datetime.now(dt.timezone.utc)
        path = exported(store, old, data / exports.FOLDER_NAME, "old.pdf", when=now - dt.timedelta(days=1, hours=1),
                        holds=NAMES[0])
        exported(store, fresh, data / exports.FOLDER_NAME, "fresh.pdf")
        assert retention.purge(store, 30, now, settings=exports.ExportSettings()) == []
        on = exports.ExportSettings(delete_after_export=True)
        assert retention.purge(store, 30, now, settings=on) == [old.id]
        assert [s.id for s in store.sessions()] == [fresh.id] and not path.exists()
    assert NAMES[0].encode() not in raw_folder(data)


def test_the_exports_folder_keeps_files_as_many_days_as_sessions(data):
    with Store.open(data / DB_NAME) as store:
        session = played(store, NAMES[1])
        old = exported(store, session, data / exports.FOLDER_NAME, "old.pdf")
        new = exported(store, session, data / exports.FOLDER_NAME, "new.pdf")
        long_ago = (dt.datetime.now() - dt.timedelta(days=31)).timestamp()
        os.utime(old, (long_ago, long_ago))
        assert retention.purge(store, 30, dt.datetime.now(dt.timezone.utc)) == []
        assert not old.exists() and new.exists()
        assert [p for _sid, p, _f, _w in store.exports()] == [new]


def test_purge_from_the_command_line_takes_the_exports_too(data):
    db = data / DB_NAME
    with Store.open(db) as store:
        old = played(store, NAMES[0])
        path = exported(store, old, data / exports.FOLDER_NAME, "old.pdf", holds=NAMES[0])
    age(db, old.id, dt.datetime.now().astimezone() - dt.timedelta(days=40))
    result = run_purge(data)
    assert result.returncode == 0 and "Deleted 1 session" in result.stdout, result.stderr
    assert not path.exists()
    assert NAMES[0].encode() not in raw_folder(data)


def run_purge(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "purge", *args], env=env,
                          capture_output=True, text=True, timeout=60)


def test_purge_from_the_command_line_deletes_for_real(data):
    db = data / DB_NAME
    with Store.open(db) as store:
        old = played(store, NAMES[0])
        older = played(store, NAMES[1])
        recent = played(store, NAMES[2])
    now = dt.datetime.now().astimezone()
    age(db, old.id, now - dt.timedelta(days=12))
    age(db, older.id, now - dt.timedelta(days=40))
    age(db, recent.id, now - dt.timedelta(days=2))

    result = run_purge(data)                    # the app's setting: 30 days
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Deleted 1 session last played before") and "1 session" in result.stdout
    Preferences().with_(retention_days=60).save(data)
    assert "Deleted 0 sessions" in run_purge(data).stdout
    result = run_purge(data, "--older-than", "10")
    assert result.returncode == 0 and "Deleted 1 session" in result.stdout and "1 left" in result.stdout
    with Store.open(db) as store:
        assert [s.id for s in store.sessions()] == [recent.id]
    raw = raw_folder(data)
    assert NAMES[0].encode() not in raw and NAMES[1].encode() not in raw and NAMES[2].encode() in raw
    for name in NAMES:
        assert name not in result.stdout + result.stderr


@pytest.mark.parametrize("bad", ["0", "366", "-5", "dertig", "3.5", "", "1e3"])
def test_purge_with_a_bad_number_of_days_says_so_and_exits_2(data, bad):
    result = run_purge(data, "--older-than", bad)
    assert result.returncode == 2
    assert "--older-than needs a whole number of days from 1 to 365" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (data / DB_NAME).exists()          # nothing was opened or made


def test_purge_while_the_app_holds_the_sessions_says_so(data):
    with Store.open(data / DB_NAME, exclusive=True) as store:
        played(store, NAMES[0])
        result = run_purge(data, "--older-than", "1")
    assert result.returncode == 1 and "The app is open" in result.stderr
    assert "Traceback" not in result.stderr


def test_purge_without_sessions_makes_nothing(data):
    result = run_purge(data)
    assert result.returncode == 0 and "nothing to delete" in result.stdout
    assert list(data.iterdir()) == []

"""The store with real SQLite files: the data folder, damage, real deletion,
surviving a killed process, migrations."""

import datetime as dt
import os
import random
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import CARDS, new_game, raw_bytes

from kaarten import paths
from kaarten.paths import data_dir
from kaarten.session import Session
from kaarten.store import DB_NAME, MIGRATIONS, Store, StoreError, UnknownSessionError

ROOT = Path(__file__).resolve().parents[1]


# --- the data folder ---------------------------------------------------------


def test_data_dir_prefers_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREKSKAARTEN_DATA", str(tmp_path / "env"))
    assert data_dir(tmp_path / "app") == tmp_path / "env"
    assert (tmp_path / "env").is_dir() and not (tmp_path / "app").exists()


def test_data_dir_uses_the_apps_folder_then_the_platform_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("GESPREKSKAARTEN_DATA", raising=False)
    folder = data_dir(tmp_path / "kivy-user-data")
    assert folder == tmp_path / "kivy-user-data"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        monkeypatch.delenv("ANDROID_ARGUMENT", raising=False)
        assert data_dir() == tmp_path / "xdg" / paths.APP_NAME
        assert stat.S_IMODE((tmp_path / "xdg" / paths.APP_NAME).stat().st_mode) == 0o700


def test_the_store_opens_in_the_data_folder_readable_by_its_owner_only(data):
    with Store.open() as store:
        assert store.path == data / DB_NAME and store.damaged_notice is None
        new_game(store)
    if os.name == "posix":
        assert stat.S_IMODE((data / DB_NAME).stat().st_mode) == 0o600


def test_the_file_uses_wal_full_sync_secure_delete_and_is_migrated(data):
    with Store.open() as store:
        new_game(store)
    conn = sqlite3.connect(data / DB_NAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()
    # the per-connection pragmas are set by the store itself
    store = Store.open()
    db = store._open_db
    assert db.one("PRAGMA synchronous")[0] == 2  # FULL
    assert db.one("PRAGMA secure_delete")[0] == 1
    assert db.one("PRAGMA foreign_keys")[0] == 1
    store.close()


def _file_of_version(version: int, path: Path, rows_from: Path) -> None:
    """A sessions file as an app of schema ``version`` left it, holding the
    rows of the file ``rows_from`` (written by today's app)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("ATTACH ? AS today", (str(rows_from),))
    for table in ("sessions", "players", "cards", "people", "mentions", "plan_lines", "plan_notes",
                  "follow_ups", "origins"):
        columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM today.{table}")
    conn.execute("DETACH today")
    conn.close()


def test_a_file_of_version_4_is_rebuilt_with_every_person_mention_and_link_kept(data, tmp_path):
    """Migration 5 rebuilds people and mentions (WITHOUT ROWID). Everything
    the family named comes back, what points at a person still does, and
    removing a person still takes their mentions, plan lines and origin."""
    today = tmp_path / "today"
    with Store.open(today / DB_NAME) as store:
        first = new_game(store, seed=1)
        oma = first.record_person("oma", "family", 1)
        first.record_person("oma", "family", 2, distinction="van papa")
        first.record_person("جدة فاطمة", "family", 1, note="woont dichtbij 🌻")
        first.next_turn()
        first.record_person("oma", "family", 1, same_as=oma.id)
        juf = first.record_person("juf Anna", "school-work", 2)
        first.add_plan_line(juf.id, "ophalen van school", theme="trust")
        first.end()
        later = Session.start_follow_up(store, first.id, card_ids=list(CARDS), themes_by_card=CARDS, seed=2)
        later.deal()
        later.record_person("buurman Piet", "neighbourhood", 3)
        expected = {s.id: (s.network.people, s.network.mentions, s.plan.lines) for s in (first, later)}
    _file_of_version(4, data / DB_NAME, today / DB_NAME)

    with Store.open() as store:
        assert store.damaged_notice is None
        db = store._open_db
        assert db.one("PRAGMA user_version")[0] == len(MIGRATIONS)
        for table in ("people", "mentions"):
            assert "WITHOUT ROWID" in db.one("SELECT sql FROM sqlite_master WHERE name = ?", (table,))[0]
        assert db.all("PRAGMA foreign_key_check") == []
        assert db.one("SELECT count(*) FROM origins")[0] == len(expected[first.id][0])   # the follow-up's
        assert db.one("PRAGMA foreign_keys")[0] == 1
        for sid, (people, mentions, lines) in expected.items():
            again = Session.resume(store, sid)
            assert (again.network.people, again.network.mentions, again.plan.lines) == (people, mentions, lines)
        again = Session.resume(store, first.id)
        again.remove_person(juf.id)
        assert db.one("SELECT count(*) FROM plan_lines WHERE session_id = ?", (first.id,))[0] == 0
        assert db.one("SELECT count(*) FROM mentions WHERE session_id = ? AND person_id = ?",
                      (first.id, juf.id))[0] == 0
        store.delete_session(first.id)
        assert [i.id for i in store.sessions()] == [later.id]
        assert [p.name for p in Session.resume(store, later.id).network.people][-1] == "buurman Piet"


def test_a_file_from_a_newer_app_is_refused_not_moved(data):
    Store.open().close()
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store.open()
    assert [p.name for p in data.iterdir() if "damaged" in p.name] == []


# --- damage ------------------------------------------------------------------


def test_a_damaged_file_is_moved_aside_and_a_fresh_one_works(data):
    garbage = b"\x00this is not a database\xff" * 400
    (data / DB_NAME).write_bytes(garbage)
    store = Store.open()
    notice = store.damaged_notice
    assert notice is not None and "damaged" in notice and "new, empty file" in notice
    moved = store.damaged.moved_to
    assert moved.name.startswith("sessions.damaged-") and moved.name.endswith(".sqlite3")
    assert moved.name in notice
    assert moved.read_bytes() == garbage  # kept, not deleted
    s = new_game(store)
    s.record_person("oma", "family", 1)
    store.close()
    with Store.open() as again:
        assert again.damaged_notice is None
        assert Session.resume(again, s.id).network.people[0].name == "oma"


def test_a_file_with_damaged_pages_is_moved_aside(data):
    with Store.open() as store:
        for seed in range(5):
            s = new_game(store, seed)
            for i in range(30):
                s.record_person(f"persoon {seed}-{i}", "friends", 2, note="x" * 150)
    db = data / DB_NAME
    raw = bytearray(db.read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page : len(raw) - page] = random.Random(3).randbytes(len(raw) - 3 * page)
    db.write_bytes(bytes(raw))
    store = Store.open()
    assert store.damaged_notice is not None
    assert store.sessions() == []
    store.close()


def test_another_programs_sqlite_file_is_moved_aside(data):
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    with Store.open() as store:
        assert store.damaged_notice is not None
        assert store.damaged.moved_to.exists()


# --- deletion ----------------------------------------------------------------

SECRETS = ["Zyxwvutsrqp", "Qwertyuiopz", "Ögrétzæl-ünïek", "geheimnotitie-4711", "Spelernaam-uniek"]


def test_a_deleted_session_leaves_no_trace_in_the_file_or_its_wal(data):
    store = Store.open()
    keep = new_game(store, seed=1)
    keep.record_person("Blijft-Bewaard", "friends", 1)
    gone = new_game(store, seed=2, players=[("Spelernaam-uniek", "#000000"), ("Sam", "#111111")])
    p = gone.record_person("Qwertyuiopz", "family", 1)
    gone.rename(p.id, "Zyxwvutsrqp")
    gone.record_person("Ögrétzæl-ünïek", "friends", 2, note="geheimnotitie-4711")
    gone.next_turn()
    gone.record_person("x", "friends", 2, same_as=p.id)
    db = data / DB_NAME
    before = raw_bytes(db)
    # the name renamed away is already wiped; the others must be seen before deleting
    assert b"Qwertyuiopz" not in before
    assert all(s.encode() in before for s in SECRETS if s != "Qwertyuiopz"), "the test must see the names"

    store.delete_session(gone.id)
    after = raw_bytes(db)  # the app is still open
    for secret in SECRETS:
        assert secret.encode() not in after, f"{secret} is still on disk"
    assert b"Blijft-Bewaard" in after
    assert Path(f"{db}-wal").stat().st_size == 0
    assert [i.id for i in store.sessions()] == [keep.id]
    with pytest.raises(UnknownSessionError):
        Session.resume(store, gone.id)
    with pytest.raises(UnknownSessionError):
        store.delete_session(gone.id)
    store.close()
    after_close = raw_bytes(db)
    assert not any(s.encode() in after_close for s in SECRETS)


def test_old_sessions_expire(data):
    with Store.open() as store:
        old = new_game(store, seed=1)
        old.record_person("Verlopen-Naam", "friends", 1)
        recent = new_game(store, seed=2)
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)
        assert store.expire(dt.timedelta(days=60), now=later) == []
        recent.record_person("nog-bezig", "friends", 1)
        # pretend 'old' was last used 40 days ago
        store._open_db.execute(
            "UPDATE sessions SET updated = ? WHERE id = ?",
            ((later - dt.timedelta(days=40)).isoformat(), old.id),
        )
        assert store.expire(dt.timedelta(days=31), now=later) == [old.id]
        assert [i.id for i in store.sessions()] == [recent.id]
    assert b"Verlopen-Naam" not in raw_bytes(data / DB_NAME)


def test_sessions_are_listed_most_recent_first(data):
    with Store.open() as store:
        a = new_game(store, seed=1)
        b = new_game(store, seed=2)
        a.record_person("oma", "family", 1)
        assert [i.id for i in store.sessions()] == [a.id, b.id]
        b.record_person("juf", "school-work", 2)
        assert [i.id for i in store.sessions()] == [b.id, a.id]
        a.next_turn()
        a.record_person("opa", "family", 2)
        assert [i.id for i in store.sessions()] == [a.id, b.id]
        assert Session.resume(store, a.id).table.snapshot() == a.table.snapshot()
        assert store.unfinished().id == a.id
        a.end()
        assert store.unfinished().id == b.id
        Session.resume(store, b.id).end()
        assert store.unfinished() is None
        assert Session.resume(store, b.id).finished
        assert [i.finished for i in store.sessions()] == [True, True]


# --- a killed app loses nothing ----------------------------------------------

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from kaarten.session import Session
from kaarten.store import Store
store = Store.open()
info = store.unfinished()
if info is None:
    cards = [f"k{i}" for i in range(2000)]
    s = Session.start(store, deck_id="d", language="nl", card_ids=cards, themes_by_card={c: "trust" for c in cards},
                      players=[("A", "#111111"), ("B", "#222222"), ("C", "#333333")], seed=5)
    s.deal()
else:
    s = Session.resume(store, info.id)
i = 0
while True:
    i += 1
    name = f"naam-{sys.argv[1]}-{i}"
    s.record_person(name, "friends", 2, note="n" * (i % 50))
    print(name, flush=True)
    if i % 4 == 0:
        s.next_turn()
"""


def test_names_confirmed_before_a_kill_are_all_there_afterwards(data):
    rng = random.Random(2024)
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data))
    confirmed: list[str] = []
    for run in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(run), str(ROOT)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        wanted = rng.randint(1, 12)
        got = 0
        while got < wanted:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"the child stopped early: {child.stderr.read()}")
            confirmed.append(line.strip())
            got += 1
        time.sleep(rng.random() * 0.004)  # kill at a random moment, maybe mid-commit
        child.kill()  # SIGKILL on POSIX
        child.wait()
        confirmed += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
        child.stdout.close()
        child.stderr.close()

        with Store.open() as store:
            assert store.damaged_notice is None
            assert store.integrity_check() == "ok"
            names = {p.name for info in store.sessions() for p in Session.resume(store, info.id).network.people}
        missing = [n for n in confirmed if n not in names]
        assert not missing, f"run {run}: lost {missing}"
    assert len(confirmed) >= 20


# --- one data folder: the old Linux folder is moved once ---------------------------------


@pytest.fixture
def fake_home(tmp_path, monkeypatch):
    """A HOME of its own, with no data-folder settings from the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("GESPREKSKAARTEN_DATA", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "ANDROID_ARGUMENT"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the old folder was Kivy's, on Linux")
def test_sessions_in_the_old_folder_are_moved_once_with_nothing_lost(fake_home):
    old = fake_home / ".config" / paths.APP_NAME
    with Store.open(old / DB_NAME) as store:
        s = new_game(store)
        s.record_person("Oud-Bewaard", "family", 1)
        sid = s.id
    (old / "settings.json").write_text('{"ui_language": "en"}', encoding="utf-8")
    (old / "sessions.damaged-20260101-000000.sqlite3").write_bytes(b"kept")

    folder = data_dir()
    assert folder == fake_home / ".local" / "share" / paths.APP_NAME
    assert not old.exists()
    assert (folder / "settings.json").read_text(encoding="utf-8") == '{"ui_language": "en"}'
    with Store.open() as store:
        assert store.path == folder / DB_NAME
        assert Session.resume(store, sid).network.people[0].name == "Oud-Bewaard"
        assert [d.path.name for d in store.damaged_files()] == ["sessions.damaged-20260101-000000.sqlite3"]
    assert data_dir() == folder  # and once only


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the old folder was Kivy's, on Linux")
def test_an_old_file_never_overwrites_a_new_one_it_is_kept_aside(fake_home, caplog):
    old = fake_home / ".config" / paths.APP_NAME
    new = fake_home / ".local" / "share" / paths.APP_NAME
    for folder, name in ((old, "In-Oude-Map"), (new, "In-Nieuwe-Map")):
        with Store.open(folder / DB_NAME) as store:
            new_game(store).record_person(name, "family", 1)
    with caplog.at_level("WARNING", logger="kaarten.paths"):
        assert data_dir() == new
    assert b"In-Nieuwe-Map" in raw_bytes(new / DB_NAME) and b"In-Oude-Map" not in raw_bytes(new / DB_NAME)
    [kept] = [p for p in old.iterdir() if p.name.endswith(".sqlite3")]
    assert kept.name.startswith("sessions.kept-") and b"In-Oude-Map" in raw_bytes(kept)
    assert "kept as" in caplog.text and "In-Oude-Map" not in caplog.text
    data_dir()
    assert kept.exists()  # not moved again, not lost


def test_naming_people_leaves_the_sessions_row_alone_until_a_minute_passed(data, monkeypatch):
    """Recording a name writes the person and the mention; the session's row
    (table and 'updated') only when the table moved, another session was
    written in between, or a minute passed. A deleted session is still
    refused on the short path."""
    import kaarten.store as store_module
    with Store.open() as store:
        s = new_game(store)
        seen: list[str] = []
        store._open_db.trace(seen.append)
        s.record_person("oma", "family", 1)
        opa = s.record_person("opa", "family", 2)
        assert not [q for q in seen if q.startswith("UPDATE sessions")]
        assert sum(q.startswith("INSERT INTO people") for q in seen) == 2
        seen.clear()
        s.next_turn()
        assert [q for q in seen if q.startswith("UPDATE sessions")]
        stamped = store.sessions()[0].updated
        seen.clear()
        later = stamped + store_module.STAMP_EVERY
        monkeypatch.setattr(store_module, "_now", lambda: later)
        s.record_person("tante", "family", 3)
        # only the time: a name leaves the table as it was, so it is not written again
        assert [q.split(" WHERE")[0] for q in seen if q.startswith("UPDATE sessions")] == [
            "UPDATE sessions SET updated = " + repr(store_module._stamp(later))]
        assert store.sessions()[0].updated == later
        assert Session.resume(store, s.id).table.snapshot() == s.table.snapshot()
        seen.clear()
        s.record_person("buurman", "neighbourhood", 3)
        assert not [q for q in seen if q.startswith("UPDATE sessions")]
        # nor a look-up of the row first: the new rows' foreign keys refuse a deleted session
        assert not [q for q in seen if q.startswith("SELECT")]
        gone = [s.record_person(f"weg {i}", "friends", 3) for i in range(2)]
        seen.clear()
        monkeypatch.setattr(store_module, "_now", lambda: later + store_module.STAMP_EVERY)
        for person in gone:                # other changes than names: the same
            s.remove_person(person.id)
        assert len([q for q in seen if q.startswith("UPDATE sessions")]) == 1   # the minute, once
        store._open_db.trace(None)
        with Store.open(store.path) as other:
            other.delete_session(s.id)
        before = sorted(p.name for p in s.network.people), len(s.network.mentions)
        with pytest.raises(UnknownSessionError, match="deleted"):
            s.record_person("juf", "school-work", 2)
        with pytest.raises(UnknownSessionError, match="deleted"):
            s.record_person("opa", "family", 2, same_as=opa.id)    # named on an earlier card
        # refused: nothing of either stays in the game in memory
        assert (sorted(p.name for p in s.network.people), len(s.network.mentions)) == before

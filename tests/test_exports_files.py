"""Export files on disk and their notes in the store (kaarten.exports, Store.add_export)."""

from __future__ import annotations

import datetime as dt
import json
import os

from store_helpers import new_game as start_game

from kaarten import exports
from kaarten.store import PracticeStore, Store


def test_file_names_hold_no_names():
    assert exports.file_name(12, dt.date(2026, 11, 30), "pdf") == "gesprek-12-2026-11-30-jouw-mensen.pdf"
    assert exports.file_name(3, dt.date(2026, 1, 2), "md", demo=True) == "demo-3-2026-01-02-verslag.md"


def test_write_file_is_owner_only_and_never_overwrites(tmp_path):
    folder = tmp_path / "exports"
    first = exports.write_file(folder, "a.pdf", b"one")
    second = exports.write_file(folder, "a.pdf", b"two")
    assert (first.name, second.name) == ("a.pdf", "a-2.pdf")
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert sorted(p.name for p in folder.iterdir()) == ["a-2.pdf", "a.pdf"]  # no temporary file left


def test_delete_file_overwrites_before_removing(tmp_path, monkeypatch):
    path = exports.write_file(tmp_path, "x.md", b"Oma Riet")
    written = []
    real_open = open

    def spy(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "r+b" in mode:
            original = handle.write
            handle.write = lambda data: written.append(bytes(data)) or original(data)
        return handle

    monkeypatch.setattr("builtins.open", spy)
    assert exports.delete_file(path)
    assert written == [b"\0" * 8] and not path.exists()
    assert not exports.delete_file(path)


def test_expire_files_deletes_only_old_files(tmp_path):
    old = exports.write_file(tmp_path, "old.pdf", b"x")
    new = exports.write_file(tmp_path, "new.pdf", b"y")
    long_ago = (dt.datetime.now() - dt.timedelta(days=40)).timestamp()
    os.utime(old, (long_ago, long_ago))
    assert exports.expire_files(tmp_path, dt.timedelta(days=30)) == [old]
    assert new.exists() and not old.exists()
    assert exports.expire_files(tmp_path / "none", dt.timedelta(days=1)) == []


def test_sessions_due_the_day_after_their_first_export():
    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.timezone.utc)
    rows = [(1, None, "pdf", now - dt.timedelta(days=2)), (1, None, "md", now),
            (2, None, "pdf", now - dt.timedelta(hours=3))]
    assert exports.sessions_due(rows, now=now) == [1]


def test_settings_default_and_forgiving(tmp_path):
    assert exports.ExportSettings.load(tmp_path) == exports.ExportSettings()
    (tmp_path / exports.SETTINGS_FILE).write_text('{"folder": 3, "delete_after_export": "yes"}')
    assert exports.ExportSettings.load(tmp_path) == exports.ExportSettings()
    exports.ExportSettings(folder=str(tmp_path / "out"), delete_after_export=True).save(tmp_path)
    loaded = exports.ExportSettings.load(tmp_path)
    assert loaded.delete_after_export and loaded.target(tmp_path) == tmp_path / "out"
    assert json.loads((tmp_path / exports.SETTINGS_FILE).read_text())["delete_after_export"] is True
    assert exports.ExportSettings().target(tmp_path) == tmp_path / "exports"


def test_the_store_lists_exports_with_their_session_and_forgets_them_with_it(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        a, b = start_game(store), start_game(store)
        store.add_export(a.id, tmp_path / "a.pdf", "pdf")
        store.add_export(b.id, tmp_path / "b.md", "md")
        store.mark_demo(b.id)
        assert [(sid, p.name, fmt) for sid, p, fmt, _ in store.exports()] == [(b.id, "b.md", "md"), (a.id, "a.pdf", "pdf")]
        assert store.demo_sessions() == {b.id}
        store.delete_session(b.id)
        assert [sid for sid, *_ in store.exports()] == [a.id] and store.demo_sessions() == set()
        store.forget_export(tmp_path / "a.pdf")
        assert store.exports() == []


def test_a_practice_store_notes_no_export():
    store = PracticeStore()
    assert store.exports() == [] and store.demo_sessions() == set()

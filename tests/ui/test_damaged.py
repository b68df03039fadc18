"""Damage never locks the worker out: a session with a bad byte is listed,
marked and opened; a damaged file moved aside is named on the start screen
and deleted for real from there."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import crowded_game
import pytest

pytestmark = pytest.mark.timeout(180)


def question(driver):
    from kivy.core.window import Window
    found = [w for w in Window.children if type(w).__name__ == "QuestionDialog"]
    assert len(found) == 1
    return found[0]


def test_a_session_with_a_bad_byte_is_listed_marked_and_opens(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    session, ids = crowded_game.play(app.store, people=crowded_game.PEOPLE[:3], named_again=(), finish=True)
    db = sqlite3.connect(app.store.path)
    db.execute("UPDATE people SET name = CAST(X'4F6DC3' AS TEXT) WHERE session_id = ? AND id = ?",
               (session.id, ids[0]))
    db.commit()
    db.close()
    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    card = [c for c in screen.ids.list.children if c.session_id == int(session.id)][0]
    assert "beschadigd" in card.detail
    driver.tap(card.ids.open)
    driver.settle()
    assert app.root.current == "summary"
    summary = app.root.get_screen("summary")
    assert "Om\ufffd" in {p.name for p in summary.ids.map.summary.people}
    app.go("start")
    driver.settle()


def test_a_damaged_file_is_named_on_the_start_screen_and_deleted_for_real(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    folder = Path(app.store.path).parent
    damaged = folder / "sessions.damaged-20260101-120000.sqlite3"
    damaged.write_bytes(b"Oma Geheim " * 100)
    start = app.root.get_screen("start")
    start.refresh()
    driver.settle()
    assert "1 beschadigd bestand" in start.damaged_text
    assert start.ids.damaged_block.parent is not None
    driver.tap(start.ids.delete_damaged)
    driver.settle()
    driver.tap(question(driver).ids.yes)
    driver.settle()
    assert not damaged.exists()
    assert start.damaged_text == "" and start.ids.damaged_block.parent is None

"""One family never sees another's people.

A worker plays with one family in the morning and another in the afternoon
on the same tablet; a class plays practice games on a projector. Only the
session in play is ever on a screen: leaving it (Klaar, the back key, stop
and then home) clears every screen that showed it, a language or text-size
switch re-draws where the worker is and never goes elsewhere, practice mode
shows no real session and keeps nothing, and "Alle gesprekken wissen"
deletes every session for real.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import app_driver
import crowded_game
import pytest

pytestmark = pytest.mark.timeout(240)

#: the people of the finished session whose names must not be seen again
PEOPLE = crowded_game.PEOPLE[:5] + crowded_game.PEOPLE[10:11]   # an Arabic name too
NAMES = [name for name, _, _ in PEOPLE]


def names_shown(app, names) -> list[tuple[str, str, str]]:
    """(widget, attribute, name) for every widget, on every screen, in every
    open panel and in the panels screens keep for later, that holds one of
    ``names`` in a text it shows."""
    from kivy.core.window import Window
    table = app.root.get_screen("table")
    summary = app.root.get_screen("summary")
    roots = list(app.root.screens) + list(Window.children) + [table._panel, summary.ids.map.panel]
    found = []
    for root in roots:
        if root is None:
            continue
        for w in root.walk(restrict=True):
            for attr in ("text", "name", "player_name", "question", "detail", "title", "label"):
                value = getattr(w, attr, None)
                if isinstance(value, str):
                    found += [(type(w).__name__, attr, n) for n in names if n in value]
    m = summary.ids.map
    if m.summary is not None:
        found += [("NetworkMap", "summary", p.name) for p in m.summary.people if p.name in names]
    if m.map_layout is not None:
        found += [("NetworkMap", "map_layout", lab.text) for lab in m.map_layout.labels.values()]
    return found


def press_back(driver) -> None:
    """The Escape key / Android's back button."""
    from kivy.core.window import Window
    Window.dispatch("on_keyboard", 27, 0, "", [])
    driver.settle()


def question(driver):
    from kivy.core.window import Window
    found = [w for w in Window.children if type(w).__name__ == "QuestionDialog"]
    assert len(found) == 1, f"expected one open question, found {len(found)}"
    return found[0]


def switch_settings_around(driver, names) -> None:
    """In Settings: three app languages and one text size, as the worker
    who reported the fault did; after each, Settings is still showing and
    no name of the session that was left is anywhere."""
    from app.widgets.text import style
    app = driver.app
    driver.tap(app.root.get_screen("start").ids.settings_button)
    driver.settle()
    assert app.root.current == "settings"
    settings = app.root.get_screen("settings")
    try:
        for lang in ("ar", "ti", "nl", "size"):
            if lang == "size":
                button = {b.value: b for b in settings.ids.text_sizes.children}["large"]
            else:
                button = {b.value: b for b in settings.ids.ui_languages.children}[lang]
            driver.tap(button)
            driver.settle()
            driver.pump(120)           # two (virtual) seconds more: nothing jumps later
            assert app.root.current == "settings", f"after {lang}: on {app.root.current}"
            assert app.session is None
            assert names_shown(app, names) == [], f"after {lang}"
    finally:
        app.set_text_size("normal")
        app.set_ui_language("nl")
        style.scale = 1.0
        driver.settle()


def open_from_the_list(driver, session) -> None:
    app = driver.app
    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    card = [c for c in screen.ids.list.children if c.session_id == int(session.id)][0]
    driver.tap(card.ids.open)
    driver.settle()
    assert app.root.current == "summary"
    # the family's people are on the map now (so the checks below can fail)
    assert {n for _, _, n in names_shown(app, NAMES)} >= set(NAMES[:2])


@pytest.mark.parametrize("leave", ["klaar", "back"])
def test_a_summary_left_is_gone_from_every_screen(driver, leave):
    app = driver.app
    app.go("start")
    driver.settle()
    session, _ = crowded_game.play(app.store, people=PEOPLE, named_again=(), finish=True)
    open_from_the_list(driver, session)
    summary = app.root.get_screen("summary")
    m = summary.ids.map
    m.open_panel(next(iter(m.map_layout.dots)))      # a person's panel is open too
    driver.settle()
    assert m.panel is not None
    press_back(driver)                              # the back key closes the panel first
    assert m.panel is None and app.root.current == "summary"
    if leave == "klaar":
        driver.tap(summary.ids.done)
        driver.settle()
    else:
        press_back(driver)
    assert app.root.current == "start"
    assert app.session is None
    assert names_shown(app, NAMES) == []
    switch_settings_around(driver, NAMES)


def test_a_game_stopped_at_the_table_is_gone_after_home(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    driver.new_game(["mama", "Sam"])
    panel = driver.open_naming()
    driver.name_new(panel, "Oma Truus", "family", 1)
    driver.name_new(panel, "Opa Henk", "family", 2)
    driver.close_naming(panel)
    table = app.root.get_screen("table")
    driver.tap(table.ids.stop)
    driver.settle()
    ask = question(driver)
    assert "bewaard" in ask.message
    driver.tap(ask.ids.yes)
    driver.settle()
    assert app.root.current == "summary"
    press_back(driver)
    assert app.root.current == "start" and app.session is None
    names = ["Oma Truus", "Opa Henk", "mama is aan de beurt"]
    assert names_shown(app, names) == []
    switch_settings_around(driver, names)


def test_klaar_takes_one_tap_on_a_summary_read_in_the_familys_language(driver):
    from app.i18n import tr
    app = driver.app
    app.go("start")
    driver.settle()
    session, _ = crowded_game.play(app.store, people=PEOPLE, named_again=(), finish=True,
                                   language="ar")
    open_from_the_list(driver, session)
    summary = app.root.get_screen("summary")
    driver.tap(summary.ids.language)
    driver.settle()
    assert tr.lang == "ar"
    driver.tap(summary.ids.done)
    driver.settle()
    assert app.root.current == "start"
    assert tr.lang == "nl" and app.session is None
    assert names_shown(app, NAMES) == []


def test_practice_mode_shows_no_real_session_and_says_nothing_is_kept(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    crowded_game.play(app.store, people=PEOPLE[:2], named_again=())      # unfinished, real
    start = app.root.get_screen("start")
    start.refresh()
    driver.settle()
    assert start.resume_id and start.ids.resume_block.parent is not None
    driver.tap(start.ids.practice_button)
    driver.settle()
    try:
        assert app.practice
        assert start.resume_id == 0 and start.ids.resume_block.parent is None
        driver.tap(start.ids.sessions_button)
        driver.settle()
        sessions = app.root.get_screen("sessions")
        assert sessions.empty and list(sessions.ids.list.children) == []
        assert sessions.ids.practice_note.text == "Oefenen: er wordt niets bewaard"
        assert sessions.ids.practice_note.height > 0
        # every screen says it: the table and its stop question too
        app.go("start")
        driver.settle()
        driver.new_game(["student"])
        table = app.root.get_screen("table")
        assert "niets bewaard" in table.ids.pile.text
        driver.tap(table.ids.stop)
        driver.settle()
        ask = question(driver)
        assert "niets bewaard" in ask.message and "is bewaard" not in ask.message
        driver.tap(ask.ids.yes)
        driver.settle()
        assert app.root.get_screen("summary").ids.practice_note.text
        driver.tap(app.root.get_screen("summary").ids.done)
        driver.settle()
    finally:
        driver.tap(start.ids.practice_button)
        driver.settle()
    assert not app.practice
    assert start.resume_id and start.ids.resume_block.parent is not None      # real ones are back
    assert app.root.get_screen("settings").ids.practice_note.text == ""


def _raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.timeout(300)
def test_a_practice_game_leaves_no_name_on_disk_or_in_the_logs(tmp_path):
    """In a process of its own, logging to files as the app does: a practice
    game with names, a second one that starts empty, then a bug whose
    message holds a name: it is logged and the app goes on. No name in the
    data folder or in Kivy's home (its log files included)."""
    data, kivy_home = tmp_path / "data", tmp_path / "kivy-home"
    kivy_home.mkdir()
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data), KIVY_HOME=str(kivy_home),
               KIVY_LOG_MODE="KIVY", SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    run = subprocess.run([sys.executable, str(app_driver.ROOT / "tests" / "ui" / "app_driver.py"),
                          "practice"], env=env, capture_output=True, text=True, timeout=240)
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, run.stdout[-2000:] + run.stderr[-3000:]
    result = json.loads(lines[0][len("RESULT "):])
    assert result["first_game"] == sorted(app_driver.PRACTICE_NAMES)
    assert result["second_game"] == {"people": [], "chips": [], "sessions_listed": 0}
    assert run.returncode == 0 and "STILL RUNNING" in run.stdout, run.stderr[-3000:]
    logs = list((kivy_home / "logs").glob("*.txt"))
    assert logs and any(b"Unexpected error" in p.read_bytes() and b"KeyError" in p.read_bytes()
                        for p in logs), "the bug was not logged"
    everything = _raw_bytes(data) + _raw_bytes(kivy_home) + run.stderr.encode()   # stdout: the test's own channel
    for name in app_driver.PRACTICE_NAMES:
        assert name.encode() not in everything, name


def test_erase_everything_asks_twice_and_leaves_no_name(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    crowded_game.play(app.store, people=PEOPLE, named_again=(), finish=True)
    crowded_game.play(app.store, people=PEOPLE[:3], named_again=())
    folder = Path(app.store.path).parent
    assert NAMES[0].encode() in _raw_bytes(folder)     # so the check below can fail
    app.go("settings")
    driver.settle()
    settings = app.root.get_screen("settings")
    driver.tap(settings.ids.erase_all)
    driver.settle()
    first = question(driver)
    assert "gesprekken" in first.message and "echt weg" in first.message
    driver.tap(first.ids.no)                       # "Niet wissen": nothing happens
    driver.settle()
    assert len(app.store.sessions()) >= 2
    driver.tap(settings.ids.erase_all)
    driver.settle()
    driver.tap(question(driver).ids.yes)
    driver.settle()
    driver.tap(question(driver).ids.yes)            # "Alles wissen"
    driver.settle()
    done = question(driver)
    assert done.title == "Alles is gewist"
    driver.tap(done.ids.yes)
    driver.settle()
    assert app.store.sessions() == []
    raw = _raw_bytes(folder)
    for name in NAMES + [p[0] for p in crowded_game.PLAYERS]:
        assert name.encode() not in raw, name
    app.go("sessions")
    driver.settle()
    assert app.root.get_screen("sessions").empty


def test_screens_watch_the_session_once_however_often_they_are_visited(driver):
    # a screen leaves and rejoins the window at every visit; watching the
    # App's session on each visit would redraw (and clear) once more each time
    app = driver.app
    app.go("start")
    driver.settle()
    watching = len(app.get_property_observers("session"))
    for _ in range(3):
        driver.new_game(["mama"])
        app.end_game()
        driver.settle()
        app.go("start")
        driver.settle()
    assert len(app.get_property_observers("session")) == watching

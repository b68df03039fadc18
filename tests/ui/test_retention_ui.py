"""Retention in the running app, with an injected clock: the start screen
warns the day before ("Dit gesprek wordt morgen gewist"), the sessions are
deleted for real after the first frame at start and when the day changes
while the app is open, and every game starts with a line saying what is
kept and for how long."""
from __future__ import annotations

import datetime as dt

import app_driver
import crowded_game
import pytest

from kaarten.store import DB_NAME, Store

pytestmark = pytest.mark.timeout(300)

NAMES = [name for name, _, _ in crowded_game.PEOPLE[:4]]


class FakeClock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def noon(day: dt.date) -> float:
    """Local noon of ``day`` as a timestamp (clear of midnight and DST)."""
    return dt.datetime.combine(day, dt.time(12)).astimezone().timestamp()


@pytest.fixture
def two_sessions(tmp_path):
    """An unfinished and a finished session, played today; the day they were played."""
    with Store.open(tmp_path / DB_NAME) as store:
        crowded_game.play(store, people=crowded_game.PEOPLE[:2], named_again=(), finish=True)
        crowded_game.play(store, people=crowded_game.PEOPLE[2:4], named_again=())
        played = store.sessions()[0].updated.astimezone().date()
    return tmp_path, played


def start(folder, clock, run_first_frame: bool = True):
    from app.main import GesprekskaartenApp
    app = GesprekskaartenApp(data_folder=folder, clock=clock)
    app._run_prepare()
    driver = app_driver.Driver(app)
    if run_first_frame:
        driver.settle()
    return driver


def raw_folder(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_warned_the_day_before_then_deleted_when_the_day_changes(window, two_sessions):
    folder, played = two_sessions
    clock = FakeClock(noon(played + dt.timedelta(days=30)))        # their last day
    driver = start(folder, clock)
    app = driver.app
    start_screen = app.root.get_screen("start")
    assert start_screen.resume_id
    assert start_screen.ids.resume_warning.text == "Dit gesprek wordt morgen gewist."
    assert start_screen.ids.expiry.text == ("Morgen wordt 1 eerder gesprek gewist. "
                                            "Je vindt het onder Eerdere gesprekken.")
    app.go("sessions")
    driver.settle()
    details = [c.detail for c in app.root.get_screen("sessions").ids.list.children]
    assert len(details) == 2 and all(d.endswith("Dit gesprek wordt morgen gewist.") for d in details)
    app.go("start")
    driver.settle()

    # the app stays open past midnight
    clock.now = noon(played + dt.timedelta(days=31)) - 12 * 3600 + 60    # 00:01
    driver.pump(61)
    driver.settle()
    assert app.store.sessions() == []
    assert start_screen.resume_id == 0 and start_screen.ids.resume_warning.text == ""
    assert start_screen.ids.expiry.text == ""
    app_driver.stop_app(driver)
    raw = raw_folder(folder)
    for name in NAMES + [p for p, _ in crowded_game.PLAYERS]:
        assert name.encode("utf-8") not in raw, name


def test_deleted_after_the_first_frame_at_start(window, two_sessions):
    folder, played = two_sessions
    clock = FakeClock(noon(played + dt.timedelta(days=31)))
    driver = start(folder, clock, run_first_frame=False)
    app = driver.app
    assert len(app.store.sessions()) == 2         # not before the first frame is drawn
    driver.settle()                                # (ends with the first frame drawn)
    driver.pump(2)
    assert app.store.sessions() == []
    start_screen = app.root.get_screen("start")
    assert start_screen.resume_id == 0
    app_driver.stop_app(driver)
    raw = raw_folder(folder)
    for name in NAMES:
        assert name.encode("utf-8") not in raw, name


def test_a_session_looked_at_when_its_days_end_is_left(window, two_sessions):
    folder, played = two_sessions
    clock = FakeClock(noon(played + dt.timedelta(days=30)))
    driver = start(folder, clock)
    app = driver.app
    finished = [s for s in app.store.sessions() if s.finished][0]
    app.open_session(finished.id)
    driver.settle()
    assert app.root.current == "summary"
    clock.now += 86400
    driver.pump(61)
    driver.settle()
    assert app.session is None and app.root.current == "start"
    app_driver.stop_app(driver)


def test_fewer_days_in_settings_ask_before_anything_goes(window, two_sessions):
    from kivy.core.window import Window
    folder, played = two_sessions
    clock = FakeClock(noon(played + dt.timedelta(days=10)))
    driver = start(folder, clock)
    app = driver.app
    app.go("settings")
    driver.settle()
    settings = app.root.get_screen("settings")
    def seven():
        return {b.value: b for b in settings.ids.retention_days.children}["7"]
    driver.tap(seven())
    question = next(w for w in Window.children if type(w).__name__ == "QuestionDialog")
    assert "Dan worden nu 2 gesprekken gewist" in question.message and "echt weg" in question.message
    driver.tap(question.ids.no)
    assert len(app.store.sessions()) == 2 and app.prefs.retention_days == 30
    driver.tap(seven())
    question = next(w for w in Window.children if type(w).__name__ == "QuestionDialog")
    driver.tap(question.ids.yes)
    assert app.store.sessions() == [] and app.prefs.retention_days == 7
    app_driver.stop_app(driver)
    driver = start(folder, clock)                       # the number survives a restart
    assert driver.app.prefs.retention_days == 7
    app_driver.stop_app(driver)


def test_every_game_starts_with_what_is_kept_and_for_how_long(window, tmp_path):
    import time
    clock = FakeClock(time.time())
    driver = start(tmp_path, clock)
    driver.new_game(["mama", "Sam"])
    table = driver.app.root.get_screen("table")
    assert table.ids.kept.text == ("Wat jullie vertellen, blijft alleen op deze tablet: de namen en "
                                   "waar ze bij horen. 30 dagen na het laatste spel wordt het gewist.")
    driver.tap(table.ids.next_button)
    assert table.ids.kept.text == ""
    app_driver.stop_app(driver)

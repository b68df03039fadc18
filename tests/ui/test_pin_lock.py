"""The PIN lock, through the real app with an injected clock.

Set in Settings (asked twice); asked at start, after the chosen quiet time
and when the app comes back from the background; the lock shows no name, no
deck and no count; wrong attempts make the next one wait, also after a
restart; a changed PIN replaces the old one; a forgotten PIN opens the app
only by erasing every session, for real.
"""
from __future__ import annotations

import app_driver
import crowded_game
import pytest

from kaarten.pin import PIN_FILE

pytestmark = pytest.mark.timeout(300)

SECRETS = [name for name, _, _ in crowded_game.PEOPLE[:6]] + [name for name, _ in crowded_game.PLAYERS]


class FakeClock:
    """The app's clock, moved by the test (it starts now: sessions played
    today are not old enough to be deleted)."""

    def __init__(self, now: float | None = None):
        import time
        self.now = time.time() if now is None else now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def start(folder, clock):
    """The app as it starts on the tablet: built, on the window, first frames run."""
    from app.main import GesprekskaartenApp
    app = GesprekskaartenApp(data_folder=folder, clock=clock)
    app._run_prepare()
    driver = app_driver.Driver(app)
    driver.settle()
    return driver


def lock_view(driver):
    from kivy.core.window import Window
    top = Window.children[0]
    assert type(top).__name__ == "LockView", f"on top: {type(top).__name__}"
    return top


def type_pin(driver, view, pin: str) -> None:
    """Tap the digits and OK on the lock's (or a dialog's) PIN pad."""
    for key in [*pin, "ok"]:
        driver.tap(driver.find_one(view, "PinKey", key=key))


def texts(root) -> list[str]:
    return [w.text for w in root.walk(restrict=True) if isinstance(getattr(w, "text", None), str)]


def assert_lock_shows_nothing_of_the_session(driver, view, session) -> None:
    """No name, no deck title, no count on the lock; it covers the window."""
    from kivy.core.window import Window
    shown = " ".join(texts(view))
    for secret in SECRETS:
        assert secret not in shown
    deck = driver.app.decks.get(session.deck_id)
    assert deck.title not in shown
    assert not any(ch.isdigit() for t in texts(view) for ch in t if t not in "0123456789"), shown
    assert tuple(view.size) == tuple(Window.size) and tuple(view.pos) == (0, 0)


def idle(driver, clock, seconds: float) -> None:
    """``seconds`` pass on the app's clock without a touch; the idle check runs."""
    clock.now += seconds
    driver.pump(61)          # the idle check runs once a (virtual) second


def set_pin_in_settings(driver, pin: str, action_button: str = "pin_set", current: str | None = None):
    from kivy.core.window import Window
    app = driver.app
    app.go("settings")
    driver.settle()
    driver.tap(driver.get("settings", action_button))
    dialog = next(w for w in Window.children if type(w).__name__ == "PinDialog")
    if current is not None:
        type_pin(driver, dialog, current)
    type_pin(driver, dialog, pin)
    assert dialog.step == "again" and dialog.parent is not None     # asked twice
    type_pin(driver, dialog, pin)
    assert dialog.parent is None
    message = next(w for w in Window.children if type(w).__name__ == "QuestionDialog")
    driver.tap(message.ids.yes)


def test_pin_set_twice_then_asked_at_start_after_quiet_and_back_from_the_background(window, tmp_path, clock):
    driver = start(tmp_path, clock)
    app = driver.app
    assert not app.locked and not app.pin_set
    set_pin_in_settings(driver, "2468")
    assert app.pin_set and (tmp_path / PIN_FILE).exists()
    assert b"2468" not in (tmp_path / PIN_FILE).read_bytes()
    session, _ = crowded_game.play(app.store, people=crowded_game.PEOPLE[:6], named_again=())
    app.resume_session(session.id)
    driver.settle()
    assert app.root.current == "table"
    playing = app.session

    # after quiet: 4:59 is not enough, 5:00 (the default) is
    idle(driver, clock, 299)
    assert not app.locked
    idle(driver, clock, 1)
    assert app.locked
    view = lock_view(driver)
    assert_lock_shows_nothing_of_the_session(driver, view, session)
    # a touch on the lock reaches nothing underneath
    driver.tap(view.ids.title)
    assert app.root.current == "table" and app.locked
    type_pin(driver, view, "2468")
    assert not app.locked and view.parent is None
    assert app.root.current == "table" and app.session is playing    # the game is where it was

    # a touch counts as activity: the quiet time starts again
    idle(driver, clock, 200)
    driver.tap(driver.get("table", "pile"))
    idle(driver, clock, 200)
    assert not app.locked

    # to the background and back
    app.dispatch("on_pause")
    driver.settle()
    assert app.locked
    app.dispatch("on_resume")
    driver.settle()
    type_pin(driver, lock_view(driver), "2468")
    assert not app.locked

    # closed and opened again: the lock is there before anything else
    app_driver.stop_app(driver)
    driver = start(tmp_path, clock)
    assert driver.app.locked
    view = lock_view(driver)
    assert_lock_shows_nothing_of_the_session(driver, view, session)
    type_pin(driver, view, "2468")
    assert not driver.app.locked and driver.app.root.current == "start"
    app_driver.stop_app(driver)


def test_wrong_attempts_wait_longer_also_after_a_restart(window, tmp_path, clock):
    from kaarten.pin import PinLock
    PinLock(tmp_path).set("1357")
    driver = start(tmp_path, clock)
    view = lock_view(driver)
    for _ in range(2):
        type_pin(driver, view, "0000")
        assert view.message == "Dat klopt niet. Probeer het nog eens." and not view.waiting
    type_pin(driver, view, "0000")
    assert view.waiting
    assert view.ids.message.text == "Even wachten. Over 30 seconden kun je het weer proberen."
    assert not view.ids.pad.enabled
    type_pin(driver, view, "1357")             # the pad takes nothing while waiting
    assert driver.app.locked

    clock.now += 12
    app_driver.stop_app(driver)
    driver = start(tmp_path, clock)            # a restart does not reset the wait
    view = lock_view(driver)
    assert view.waiting and view.ids.message.text == "Even wachten. Over 18 seconden kun je het weer proberen."
    idle(driver, clock, 18)
    assert not view.waiting and view.ids.pad.enabled
    type_pin(driver, view, "9999")
    assert view.ids.message.text == "Even wachten. Over 60 seconden kun je het weer proberen."
    idle(driver, clock, 60)
    type_pin(driver, view, "9999")
    assert view.ids.message.text == "Even wachten. Over 2 minuten kun je het weer proberen."
    idle(driver, clock, 120)
    type_pin(driver, view, "1357")
    assert not driver.app.locked
    assert PinLock(tmp_path).failures == 0
    app_driver.stop_app(driver)


def test_a_changed_pin_replaces_the_old_one_and_can_be_turned_off(window, tmp_path, clock):
    from kaarten.pin import PinLock
    PinLock(tmp_path).set("1111")
    driver = start(tmp_path, clock)
    type_pin(driver, lock_view(driver), "1111")
    set_pin_in_settings(driver, "22223333", current="1111")
    assert not PinLock(tmp_path).check("1111").ok
    assert PinLock(tmp_path).check("22223333").ok
    # turned off: the old PIN first
    from kivy.core.window import Window
    driver.tap(driver.get("settings", "pin_remove"))
    dialog = next(w for w in Window.children if type(w).__name__ == "PinDialog")
    type_pin(driver, dialog, "22223333")
    assert not (tmp_path / PIN_FILE).exists() and not driver.app.pin_set
    driver.tap(next(w for w in Window.children if type(w).__name__ == "QuestionDialog").ids.yes)
    idle(driver, clock, 3600)
    assert not driver.app.locked
    app_driver.stop_app(driver)


def test_a_forgotten_pin_opens_the_app_only_by_erasing_every_session(window, tmp_path, clock):
    from kaarten.pin import PinLock
    from kaarten.store import Store
    with Store.open(tmp_path / "sessions.sqlite3") as store:
        crowded_game.play(store, people=crowded_game.PEOPLE[:6], named_again=())
        crowded_game.play(store, people=crowded_game.PEOPLE[:3], named_again=(), finish=True)
    PinLock(tmp_path).set("4321")
    driver = start(tmp_path, clock)
    view = lock_view(driver)
    driver.tap(view.ids.secondary)                # "Pincode vergeten?"
    assert view.step == "forgot"
    assert "alle gesprekken" in view.ids.explain.text and "echt weg" in view.ids.explain.text
    driver.tap(view.ids.secondary)                # "Niet wissen": back to the pad, nothing gone
    assert view.step == "enter" and len(driver.app.store.sessions()) == 2
    driver.tap(view.ids.secondary)
    driver.tap(view.ids.primary)                  # "Alles wissen"
    assert view.step == "sure" and len(driver.app.store.sessions()) == 2
    driver.tap(view.ids.primary)                  # "Alles wissen", for sure
    app = driver.app
    assert not app.locked and not app.pin_set and app.root.current == "start"
    assert app.store.sessions() == []
    assert not (tmp_path / PIN_FILE).exists()
    app_driver.stop_app(driver)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode("utf-8") not in raw, (path.name, secret)

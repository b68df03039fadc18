"""The app starts as a worker would start it: ``python main.py``, in a process
of its own, on an account the app has never seen."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from kaarten import paths
from kaarten.session import Session
from kaarten.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parents[1]
START_BUDGET = 90  # seconds for Kivy to reach its main loop on a busy test machine
HANG_GUARD = 10    # seconds to stop after SIGTERM


class RunningApp:
    """``python main.py`` offscreen with ``home`` as HOME and no data-folder settings."""

    def __init__(self, home: Path) -> None:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("XDG_", "KIVY_", "GESPREKSKAARTEN_"))}
        env.update(HOME=str(home), SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
        self.process = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env, text=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.lines: list[str] = []
        self.looping = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)
            if "Start application main loop" in line:
                self.looping.set()

    def reaches_main_loop(self) -> bool:
        """True when the app drew its start screen and is still running a moment later."""
        self.looping.wait(START_BUDGET)
        time.sleep(2)  # a few frames of the start screen
        return self.looping.is_set() and self.process.poll() is None

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=HANG_GUARD)
        self._reader.join(HANG_GUARD)
        return code

    @property
    def log(self) -> str:
        return "".join(self.lines)


def fresh_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_the_app_starts_on_a_fresh_account_and_a_second_one_keeps_its_hands_off(tmp_path):
    home = fresh_home(tmp_path)
    first = RunningApp(home)
    second = None
    try:
        started = first.reaches_main_loop()
        if started:
            second = RunningApp(home)
            second_started = second.reaches_main_loop()
    finally:
        code = first.stop()
        second_code = second.stop() if second is not None else None
    assert started, f"the app did not reach its main loop:\n{first.log[-3000:]}"
    assert "Traceback" not in first.log and "[CRITICAL]" not in first.log, first.log[-3000:]
    assert code in (0, -signal.SIGTERM)
    data = home / ".local" / "share" / paths.APP_NAME
    assert (data / DB_NAME).is_file(), "the sessions file is not in the one data folder"
    assert not (home / ".config" / paths.APP_NAME).exists()
    # the second app starts too, but leaves the first one's sessions alone
    assert second_started and second_code in (0, -signal.SIGTERM), second.log[-3000:]
    assert "AlreadyOpenError" in second.log and "Traceback" not in second.log


def test_the_app_starts_when_a_saved_name_holds_a_bad_byte(tmp_path):
    home = fresh_home(tmp_path)
    data = home / ".local" / "share" / paths.APP_NAME
    with Store.open(data / DB_NAME) as store:
        s = Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=["a", "b"],
                          themes_by_card={"a": "trust", "b": "fun"}, players=[("Mama", "#E53935")], seed=1)
        s.deal()
        s.record_person("Oma", "family", 1)
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("UPDATE players SET name = CAST(X'4D61FF6D61' AS TEXT)")
    conn.execute("UPDATE people SET name = CAST(X'4F6DC3' AS TEXT)")
    conn.commit()
    conn.close()
    app = RunningApp(home)
    try:
        started = app.reaches_main_loop()
    finally:
        code = app.stop()
    assert started and code in (0, -signal.SIGTERM), app.log[-3000:]
    assert "Traceback" not in app.log and "Error" not in app.log, app.log[-3000:]

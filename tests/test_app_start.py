"""The app starts as a worker would start it: ``python main.py``, in a process
of its own, on an account the app has never seen."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kaarten import paths
from kaarten.store import DB_NAME

ROOT = Path(__file__).resolve().parents[1]
START_BUDGET = 90  # seconds for Kivy to reach its main loop on a busy test machine
HANG_GUARD = 10    # seconds to stop after SIGTERM


def test_the_app_starts_on_a_fresh_account_without_config_folders(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "KIVY_", "GESPREKSKAARTEN_"))}
    env.update(HOME=str(home), SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    app = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines: list[str] = []
    looping = threading.Event()

    def read() -> None:
        for line in app.stderr:
            lines.append(line)
            if "Start application main loop" in line:
                looping.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        looping.wait(START_BUDGET)
        time.sleep(2)  # a few frames of the start screen
        alive = app.poll() is None
    finally:
        app.send_signal(signal.SIGTERM)
        code = app.wait(timeout=HANG_GUARD)
        reader.join(HANG_GUARD)
    log = "".join(lines)
    assert looping.is_set() and alive, f"the app did not reach its main loop:\n{log[-3000:]}"
    assert "Traceback" not in log and "[CRITICAL]" not in log, log[-3000:]
    assert code in (0, -signal.SIGTERM)
    data = home / ".local" / "share" / paths.APP_NAME
    assert (data / DB_NAME).is_file(), "the sessions file is not in the one data folder"
    assert not (home / ".config" / paths.APP_NAME).exists()

"""The real app, started with a pipe where a deck file belongs (through
GESPREKSKAARTEN_DECKS), reaches its main loop, reads its decks (just after
the first frame), names the pipe, and stops on SIGTERM. Before, opening the
pipe blocked start-up for ever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_GUARD = 90  # seconds for Kivy to start on a busy machine; a hang never ends


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.timeout(START_GUARD + 30)
def test_the_app_starts_with_a_pipe_among_its_decks(tmp_path):
    decks = tmp_path / "decks"
    (decks / "pijp").mkdir(parents=True)
    os.mkfifo(decks / "pijp" / "deck.yaml")
    own = decks / "eigen"
    own.mkdir()
    (own / "deck.yaml").write_text(
        (ROOT / "kaarten" / "decks" / "klas" / "deck.yaml").read_text(encoding="utf-8")
        .replace("id: klas", "id: eigen", 1), encoding="utf-8")
    os.mkfifo(own / "en.yaml")
    env = dict(os.environ, GESPREKSKAARTEN_DECKS=str(decks), GESPREKSKAARTEN_DATA=str(tmp_path / "data"),
               KIVY_HOME=str(tmp_path / "kivy"), KIVY_LOG_MODE="KIVY", KIVY_NO_ARGS="1",
               SDL_VIDEODRIVER="offscreen")
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    try:
        deadline = time.monotonic() + START_GUARD
        for line in app.stdout:
            log.append(line)
            if sum("Deck problem" in seen for seen in log) >= 2 or time.monotonic() > deadline:
                break
        assert any("Start application main loop" in line for line in log), "".join(log[-30:])
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    problems = "".join(line for line in log if "Deck problem" in line)
    assert "pijp/deck.yaml:1:1: deck.yaml is a pipe (FIFO), not a file" in problems
    assert "eigen/en.yaml:1:1: en.yaml is a pipe (FIFO), not a file" in problems

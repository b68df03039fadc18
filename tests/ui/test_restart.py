"""Nothing lost: the app killed half-way through a game offers to resume it,
with every person named so far, the same card and the same player's turn."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import app_driver
import pytest

DRIVER = Path(__file__).with_name("app_driver.py")


def _env(data: Path) -> dict:
    env = dict(os.environ)
    env.update(GESPREKSKAARTEN_DATA=str(data), SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    return env


@pytest.mark.timeout(600)
def test_killed_mid_game_resumes_with_everyone(tmp_path):
    data = tmp_path / "data"
    game = subprocess.Popen([sys.executable, str(DRIVER), "half-game"], env=_env(data),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = app_driver.read_line(game, "READY ", timeout=300)
        assert line is not None, "the game never got half-way"
        ready = json.loads(line[6:])
    finally:
        game.kill()          # SIGKILL: no on_stop, no clean close
        game.wait(timeout=30)
    assert game.returncode == -9
    assert len(ready["people"]) == 4
    assert {p["name"]: p["mentions"] for p in ready["people"]}["oma"] == 2   # once by her chip

    again = subprocess.run([sys.executable, str(DRIVER), "resume"], env=_env(data),
                           capture_output=True, text=True, timeout=240)
    lines = [ln for ln in again.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, again.stdout + again.stderr[-3000:]
    result = json.loads(lines[-1][7:])

    assert result["screen"] == "start"
    assert result["resume_shown"], "the start screen does not offer to carry on"
    assert result["resume_first"], "'Verder spelen' is not the first choice"
    assert result["resume_tallest"], "'Verder spelen' is not the biggest button"
    assert result["screen_after"] == "table"
    assert result["session"] == ready["session"]
    assert result["people"] == ready["people"]          # names, sectors, circles, mentions
    assert result["card"] == ready["card"]
    assert result["player"] == ready["player"]
    # the table shows who was named on this card already (oma named again by chip)
    assert result["named_on_card"] == sorted(["juf Anna", "سارة", "oma"])

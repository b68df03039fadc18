"""The on-screen keyboard never covers the name field being typed in.

Kivy's docked virtual keyboard (keyboard_mode 'dock' or 'systemanddock')
stands in for a tablet's keyboard. Each mode needs its own window, so each
runs the app in a subprocess.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("app_driver.py")


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.timeout(180)
@pytest.mark.parametrize("mode", ["dock", "systemanddock"])
def test_keyboard_leaves_the_name_field_visible(tmp_path, mode):
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(tmp_path / "data"),
               SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    run = subprocess.run([sys.executable, str(DRIVER), "keyboard", mode], env=env,
                         capture_output=True, text=True, timeout=150)
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, run.stdout + run.stderr[-3000:]
    result = json.loads(lines[-1][7:])
    assert result["softinput_mode"] in ("below_target", "pan")
    for where in ("naming", "setup_last_player"):
        seen = result[where]
        assert seen["keyboard"] is not None, f"{where}: no docked keyboard appeared"
        width, height = seen["window"]
        field, keyboard = seen["field"], seen["keyboard"]
        assert not _overlap(field, keyboard), f"{where}: the keyboard covers the field: {seen}"
        # the field is on the screen, not pushed off the top
        assert 0 <= field[1] and field[1] + field[3] <= height, f"{where}: field off screen: {seen}"
        # and the keyboard itself is on the screen (its keys can be reached)
        assert keyboard[1] >= -1 and keyboard[1] + keyboard[3] <= height + 1, seen

"""Every screen, as drawn: touch targets of at least 48 dp and text that
reaches WCAG contrast against the pixels actually behind it.

The live widget tree of every screen (and of the naming panel and the stop
question) is walked with a sample game in progress, in landscape and
portrait, at density 1 and 2 and with the extra-large text setting. Each
run needs its own window (density is read at start), so each runs in a
subprocess.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("app_driver.py")


@pytest.mark.timeout(300)
@pytest.mark.parametrize("density,text_size", [("1", "normal"), ("2", "normal"), ("1", "extra-large")])
def test_touch_targets_and_contrast(tmp_path, density, text_size):
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(tmp_path / "data"), SDL_VIDEODRIVER="offscreen",
               KIVY_NO_ARGS="1", KIVY_METRICS_DENSITY=density, GESPREKSKAARTEN_TEXT_SIZE=text_size)
    run = subprocess.run([sys.executable, str(DRIVER), "audit"], env=env,
                         capture_output=True, text=True, timeout=280)
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, run.stdout + run.stderr[-3000:]
    result = json.loads(lines[-1][7:])
    assert result["labels"] > 50 and result["touchables"] > 30    # the walk saw the screens
    problems = "\n".join(json.dumps(p, ensure_ascii=False) for p in result["problems"])
    assert not result["problems"], "\n" + problems

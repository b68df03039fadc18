"""Start-up and peak memory, each against a bare Kivy app showing one Label.

Both run as child processes of ``bench/first_frame.py`` in the same
environment: SDL's offscreen driver, ``KIVY_NO_ARGS=1``, a temporary
``KIVY_HOME`` and ``GESPREKSKAARTEN_DATA`` (no PIN set).

- start-up: from just before ``Popen`` to the child's ``first-frame`` line
  (the first ``Window.on_flip``, the start screen drawn), one warm-up pair,
  then ``runs`` pairs alternating app and bare app; medians.
- the app's modules are compiled to bytecode first (``compileall``), as the
  warm-up run would have done on any machine that lets Python write its
  cache, and as an installed app ships them: this machine sets
  ``PYTHONDONTWRITEBYTECODE=1``, and every start then compiled the app's
  ~90 modules from source again (about 60 ms a start; the bare app only
  imports Kivy and the standard library, which come compiled).
- peak memory: the app plays a whole game (every card of the family deck,
  two or three names a card) and shows its map; the bare app stops at its
  first frame; the peak RSS of each child from ``os.wait4``; medians.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Figure, alternate, median, spread

RUNNER = Path(__file__).resolve().parent / "first_frame.py"
TARGET_START = 1.3
TARGET_MEMORY = 1.5


def _env(root: Path, fresh_data: bool) -> dict[str, str]:
    env = dict(os.environ)
    data = Path(tempfile.mkdtemp(dir=root)) if fresh_data else root / "data"
    (root / "kivy-home").mkdir(exist_ok=True)
    data.mkdir(exist_ok=True)
    env.update(SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1", KIVY_HOME=str(root / "kivy-home"),
               GESPREKSKAARTEN_DATA=str(data), KIVY_LOG_LEVEL="warning")
    return env


def _child(which: str, env: dict[str, str], game: bool = False) -> tuple[float, float]:
    """(seconds to the first frame, peak RSS in MiB) of one child."""
    args = [sys.executable, str(RUNNER), which] + (["game"] if game else [])
    start = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = None
    for line in proc.stdout:
        if line.startswith("first-frame "):
            first = float(line.split()[1]) - start
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if first is None or proc.returncode != 0:
        raise RuntimeError(f"{which}: no first frame (exit {proc.returncode})")
    return first, usage.ru_maxrss / 1024   # Linux: KiB


def compile_app() -> None:
    """Bytecode for the app's own modules (see the module's doc)."""
    import compileall
    root = RUNNER.parent.parent
    for package in ("app", "kaarten"):
        compileall.compile_dir(root / package, quiet=1)


def start_up(runs: int = 7) -> list[Figure]:
    compile_app()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        env = _env(Path(tmp), fresh_data=False)
        ours, bare = alternate(lambda: _child("app", env)[0], lambda: _child("bare", env)[0], runs, timed=False)
    return [Figure("start-up to first frame", median(ours), median(bare), "s", TARGET_START,
                   runs=f"{runs}+1 warm-up, alternating",
                   spread=f"{spread(ours, 1, 2)} / {spread(bare, 1, 2)} s")]


def peak_memory(runs: int = 3) -> list[Figure]:
    compile_app()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        root = Path(tmp)
        ours, bare = alternate(lambda: _child("app", _env(root, fresh_data=True), game=True)[1],
                               lambda: _child("bare", _env(root, fresh_data=True))[1], runs, warmup=0, timed=False)
    return [Figure("peak memory after a whole game", median(ours), median(bare), "MiB", TARGET_MEMORY,
                   runs=f"{runs}, alternating",
                   spread=f"{spread(ours, 1, 0)} / {spread(bare, 1, 0)} MiB")]

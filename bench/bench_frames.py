"""Frames a family sees: while a card is dealt, and while a person is dragged
across a 100-person map. Run by ``bench/run.py``.

The real app on the window, offscreen on the software renderer (Mesa's
llvmpipe), 1280x800, driven frame by frame on the virtual clock of
:mod:`app.testing` (each ``EventLoop.idle`` is one frame: clock, input,
layout, drawing; nothing sleeps). Every frame is timed on the wall clock
(a frame is what the eye sees). Targets (absolute): p95 frame at most 33 ms
in both; the worst frame is reported beside it. The baseline column is the
median frame of the unchanged window redrawn, 20 frames (the software
renderer's floor on this machine at this moment: it moves with the load).

- dealing: ``deals`` times the Next button's action on the table
  (``next_turn``: the turn saved with its checkpoint, the next card slid in
  over 0.35 s), the frame of the tap and the 24 frames after it, the app
  left to settle (untimed) before each tap, as a family reads the card first;
- dragging: one person of ``n`` dragged in a circle round the map, one move a
  frame, then released (one layout).
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

from common import Figure, p95, spread

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_map import crowd  # noqa: E402

TARGET_P95 = 0.033
DEAL_FRAMES = 24          # 0.35 s at 60 frames a second, and a little


#: CPU time of every timed frame, by the list its wall time went to
CPU: dict[int, list[float]] = {}


def _timed_frame(frames: list[float], before=None) -> None:
    """One frame, timed until the renderer has finished drawing it: Mesa
    queues the drawing and a later frame (the next texture upload) would pay
    for it otherwise, as a swap with vsync makes a real screen wait. The
    process's CPU time (all threads: llvmpipe draws in threads of ours) is
    kept beside it: on a loaded machine the wall clock also counts the wait
    for a core, the CPU time only the work."""
    from kivy.base import EventLoop
    from kivy.graphics.opengl import glFinish
    begin, cpu = time.perf_counter(), time.process_time()
    if before is not None:
        before()
    EventLoop.idle()
    glFinish()
    frames.append(time.perf_counter() - begin)
    CPU.setdefault(id(frames), []).append(time.process_time() - cpu)


def _idle_frames(count: int = 20) -> list[float]:
    from kivy.core.window import Window
    idle: list[float] = []
    for _ in range(count):
        _timed_frame(idle, Window.canvas.ask_update)
    return idle


def figures(deals: int = 12, n: int = 100, moves: int = 60) -> list[Figure]:
    if "kivy.core.window" not in sys.modules:
        # the window's surface at the tablet's size from the start (the
        # screenshots make it as big as their biggest size)
        from kivy.config import Config
        Config.set("graphics", "width", "1280")
        Config.set("graphics", "height", "800")
        import kivy.core.window  # noqa: F401
    from app.screenshots import PLAYERS, _start_app

    driver = _start_app(None)
    app = driver.app
    from kivy.core.window import Window
    from kivy.logger import Logger
    from kivy.tests.common import UnitTestTouch

    from kaarten.network import Sector

    Logger.setLevel("WARNING")
    Window.size = (1280, 800)
    driver.pump(frames=3)
    family = next((d for d in app.decks.decks if d.audience == "family"), app.decks.decks[0])
    app.start_game(family.id, "nl", list(PLAYERS))
    driver.settle()
    table = app.root.get_screen("table")

    # -- dealing --
    dealt: list[float] = []
    for _ in range(deals):
        driver.settle()   # a family reads the card first: the app is quiet before the next tap
        _timed_frame(dealt, table.next_turn)
        for _ in range(DEAL_FRAMES):
            _timed_frame(dealt)
    idle_table = _idle_frames()

    # -- dragging --
    seen: set[str] = set()
    for i, person in enumerate(crowd(n)):
        name = person.label if person.label not in seen else f"{person.label} {i}"
        seen.add(name)
        app.session.record_person(name, list(Sector)[person.sector], person.circle)
        if i % 6 == 5:
            app.session.next_turn()   # a card holds a few names, a game has a few dozen cards
    app.show_summary()
    driver.settle()
    the_map = app.root.get_screen("summary").ids.map
    _pid, dot = next(iter(the_map.map_layout.dots.items()))
    start = the_map.to_window(*the_map.from_map(dot.x, dot.y))
    cx, cy = the_map.to_window(*the_map.from_map(the_map.map_layout.geometry.cx, the_map.map_layout.geometry.cy))
    radius = math.hypot(start[0] - cx, start[1] - cy)
    touch = UnitTestTouch(*start)
    touch.touch_down()
    _timed_frame([])
    dragged: list[float] = []
    for i in range(1, moves + 1):
        angle = math.atan2(start[1] - cy, start[0] - cx) + 2 * math.pi * i / moves
        _timed_frame(dragged, lambda a=angle: touch.touch_move(cx + radius * math.cos(a), cy + radius * math.sin(a)))
    released: list[float] = []
    _timed_frame(released, touch.touch_up)
    _timed_frame(released)   # the layout runs on the next frame's trigger
    release = sum(released)
    idle_map = _idle_frames()
    app.stop()

    med = statistics.median
    cpu = {name: CPU.get(id(values), [0.0]) for name, values in
           (("dealt", dealt), ("idle_table", idle_table), ("dragged", dragged), ("idle_map", idle_map))}
    return [
        Figure("card dealt, p95 frame", p95(dealt) * 1000, med(idle_table) * 1000, "ms", TARGET_P95 * 1000,
               absolute=True, runs=f"{deals} deals, {len(dealt)} frames",
               spread=f"{spread(dealt)} / {spread(idle_table)} ms"),
        Figure("card dealt, worst frame", max(dealt) * 1000, med(idle_table) * 1000, "ms", None, absolute=True,
               runs=f"{len(dealt)} frames", spread="the frame of the tap"),
        Figure(f"drag a {n}-person map, p95 frame", p95(dragged) * 1000, med(idle_map) * 1000, "ms",
               TARGET_P95 * 1000, absolute=True, runs=f"{moves} frames",
               spread=f"{spread(dragged)} / {spread(idle_map)} ms"),
        Figure(f"drag a {n}-person map, worst frame", max(dragged) * 1000, med(idle_map) * 1000, "ms", None,
               absolute=True, runs=f"{moves} frames", spread=f"release {release * 1000:.1f} ms"),
        Figure("card dealt, p95 frame, CPU time", p95(cpu["dealt"]) * 1000, med(cpu["idle_table"]) * 1000, "ms",
               None, absolute=True, runs="the same frames",
               spread=f"{spread(cpu['dealt'])} / {spread(cpu['idle_table'])} ms"),
        Figure(f"drag a {n}-person map, p95 frame, CPU time", p95(cpu["dragged"]) * 1000,
               med(cpu["idle_map"]) * 1000, "ms", None, absolute=True, runs="the same frames",
               spread=f"{spread(cpu['dragged'])} / {spread(cpu['idle_map'])} ms"),
    ]

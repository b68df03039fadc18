"""The network map: laying it out for 25, 50, 100 and 150 people (the
frames of a drag are in bench_frames.py). Run by ``bench/run.py``.

Times :func:`app.map.layout_map` on a 700 px map with the labels' font at
18 px, as the summary screen lays it out on a landscape tablet. The text is
measured the way the widget measures it (:func:`app.map.widget.measure_text`,
Kivy's text provider with the widget's cache; the cache is filled by one
warm-up layout per size, as it is once the summary has been shown), or with
a stand-in that needs no Kivy (``run.py --simple-measure``). Each size is laid
out ``runs`` times: the median and the slowest run, and the median at 150
people against 25 (growth: 6x the people). Target (absolute, as issue 15
asks): 150 people within 50 ms at the median.

Times are CPU time of this process (``time.process_time``): the machine is
shared, and wall-clock time under someone else's test run measures them,
not the layout.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from common import Figure, spread  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.map import MapPerson, layout_map  # noqa: E402

TARGET_150 = 0.050
SIZES = (25, 50, 100, 150)
MAP_SIDE = 700.0
FONT_PX = 18.0
SECTOR_NAMES = ("Familie", "Vrienden", "Buurt", "School en werk", "Club, geloof, vrije tijd", "Hulp en zorg")
TITLES = ("Oma", "Opa", "Tante", "Oom", "Juf", "Meester", "Buurvrouw", "Buurman", "Nicht", "Neef", "Zus",
          "Broer", "Coach", "Dokter", "")
NAMES = ("Truus", "Henk", "Marieke", "Mohammed", "Esra", "Lotte", "Bram", "Ayşe", "Kees", "محمد", "فاطمة",
         "Pieter-Jan", "Ans", "Sanne", "Ahmed", "Yusuf", "Maria", "Zeynep", "Jansen", "Łukasz", "Олена",
         "Fatima", "Noor", "Sam", "Schoolmaatschappelijk werker", "Mohammed Al-Rashidi bin Abdullah")


def crowd(n: int, seed: int = 1) -> list[MapPerson]:
    """n people: short, long and Arabic names, most of them in the outer
    circles, some named more than once (a bigger dot)."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        name = f"{rng.choice(TITLES)} {rng.choice(NAMES)}".strip()
        people.append(MapPerson(id=f"p{i}", label=name, sector=rng.randrange(6),
                                circle=rng.choice((1, 2, 2, 3, 3, 3)), mentions=1 + rng.randrange(6) // 4))
    return people


def simple_measure(text: str, font_size: float) -> tuple[float, float]:
    """A stand-in for the text renderer: Latin ~0.55 em, Arabic ~0.5 em."""
    w = 0.0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 0.5 if 0x0600 <= ord(ch) <= 0x06FF else (1.0 if ord(ch) >= 0x2E80 else 0.55)
    return (math.ceil(w * font_size) + 2, math.ceil(1.2 * font_size))


def kivy_measure():
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_LOG_LEVEL", "warning")
    from app.map.widget import measure_text
    return measure_text


def figures(runs: int = 9, simple: bool = False) -> list[Figure]:
    measure = simple_measure if simple else kivy_measure()
    medians, rows = {}, []
    for n in SIZES:
        people = crowd(n)
        layout = layout_map(MAP_SIDE, people, measure, font_size=FONT_PX, sector_names=SECTOR_NAMES)
        cpu = []
        for _ in range(runs):
            start_cpu = time.process_time()
            layout_map(MAP_SIDE, people, measure, font_size=FONT_PX, sector_names=SECTOR_NAMES)
            cpu.append(time.process_time() - start_cpu)
        medians[n] = statistics.median(cpu)
        rows.append(Figure(f"map layout, {n} people ({len(layout.hidden)} labels hidden)", medians[n] * 1000, None,
                           "ms", TARGET_150 * 1000 if n == 150 else None, absolute=True,
                           runs=f"{runs}+1 warm-up, CPU time", spread=f"{spread(cpu)} ms"))
    rows.append(Figure("map layout growth, 150 vs 25 people (6x)", medians[150] * 1000, medians[25] * 1000, "ms",
                       None, runs="medians above"))
    return rows

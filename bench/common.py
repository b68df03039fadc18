"""What every benchmark shares: a figure (one row of the table), medians and
p95, and alternating runs of ours and the baseline."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Figure:
    """One row: ``ours`` against ``baseline`` (same unit), or an absolute
    figure (``baseline`` None). ``target`` is the highest ratio allowed (or,
    absolute, the highest value); None: reported only. ``runs`` and ``spread``
    (min-max of ours / of the baseline) say how noisy it was."""

    name: str
    ours: float
    baseline: float | None
    unit: str            # "ms", "s", "MiB"
    target: float | None
    absolute: bool = False
    runs: str = ""
    spread: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        value = self.ours if self.absolute else self.ratio
        return value is not None and value <= self.target


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def spread(values: list[float], scale: float = 1000.0, digits: int = 1) -> str:
    return f"{min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f}"


def alternate(ours: Callable[[], object], baseline: Callable[[], object], runs: int,
              warmup: int = 1, timed: bool = True) -> tuple[list[float], list[float]]:
    """Run ours and the baseline in turn (``warmup`` pairs first, thrown away),
    ``runs`` pairs kept: timed here (wall clock, ``timed``) or each call
    returns its own measure. The order within a pair swaps every time."""
    def measure(fn):
        start = time.perf_counter()
        value = fn()
        return time.perf_counter() - start if timed else value

    a, b = [], []
    for i in range(warmup + runs):
        if i % 2:
            y, x = measure(baseline), measure(ours)
        else:
            x, y = measure(ours), measure(baseline)
        if i >= warmup:
            a.append(x)
            b.append(y)
    return a, b


def median(values: list[float]) -> float:
    return statistics.median(values)

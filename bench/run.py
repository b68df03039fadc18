"""Every benchmark, one table: ``.venv/bin/python bench/run.py``.

Each figure is ours against a baseline measured in the same run (ours and
the baseline alternate; medians), as a ratio with its target, or an absolute
figure where issue 15 asks for one (the map). Prints a Markdown table --
figure, ours, baseline, ratio, target, pass, runs, spread (min-max of ours /
of the baseline) -- and the machine it ran on; exits 1 when a target is
missed. Not part of ``./test.sh``; the last table is kept in bench/README.md.

    .venv/bin/python bench/run.py                 # everything (about a minute)
    .venv/bin/python bench/run.py --only store map
    .venv/bin/python bench/run.py --start-runs 9  # more start-up pairs
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

GROUPS = ("start", "memory", "decks", "store", "frames", "map")


def _environment(scratch: Path) -> None:
    """Kivy reads its environment once, at import: offscreen, no arguments,
    and throw-away folders for Kivy and for the sessions."""
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_LOG_LEVEL", "warning")
    for name, sub in (("KIVY_HOME", "kivy-home"), ("GESPREKSKAARTEN_DATA", "data")):
        (scratch / sub).mkdir(exist_ok=True)
        os.environ[name] = str(scratch / sub)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import kivy
        kivy_version = kivy.__version__
    except ImportError:
        kivy_version = "not installed"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores (nproc), {cpu}; Python {platform.python_version()}, Kivy {kivy_version}; "
            f"load average {load}")


def _value(x: float | None, unit: str) -> str:
    if x is None:
        return "-"
    if unit == "s":
        return f"{x:.3f} s"
    if unit == "MiB":
        return f"{x:.0f} MiB"
    return f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms"


def table(figures) -> str:
    rows = [("figure", "ours", "baseline", "ratio", "target", "pass", "runs", "spread ours / baseline")]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        if f.target is None:
            target = "report"
        elif f.absolute:
            target = "<= " + _value(f.target, f.unit)
        else:
            target = f"<= {f.target:g}x"
        passed = {True: "pass", False: "MISSED", None: "-"}[f.passed]
        rows.append((f.name, _value(f.ours, f.unit), _value(f.baseline, f.unit), ratio, target, passed,
                     f.runs, f.spread))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=GROUPS, default=list(GROUPS))
    parser.add_argument("--start-runs", type=int, default=7, help="start-up pairs after one warm-up pair (7)")
    parser.add_argument("--memory-runs", type=int, default=3, help="whole games and bare apps (3)")
    parser.add_argument("--map-runs", type=int, default=9, help="layouts per size (9)")
    parser.add_argument("--simple-measure", action="store_true", help="map: a stand-in text measure, no Kivy")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        _environment(Path(tmp))
        figures = []
        if "start" in args.only or "memory" in args.only:
            import startup
            if "start" in args.only:
                figures += startup.start_up(args.start_runs)
            if "memory" in args.only:
                figures += startup.peak_memory(args.memory_runs)
        if "decks" in args.only:
            import bench_decks
            figures += bench_decks.figures()
        if "store" in args.only:
            import bench_store
            figures += bench_store.figures()
        if "frames" in args.only:   # first: it opens the window at the tablet's size
            import bench_frames
            figures += bench_frames.figures()
        if "map" in args.only:
            import bench_map
            figures += bench_map.figures(args.map_runs, simple=args.simple_measure)
        print(table(figures))
        print()
        print(f"machine: {machine()}")
    missed = [f.name for f in figures if f.passed is False]
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

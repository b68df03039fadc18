"""Benchmark: how long loading decks takes, and a large synthetic deck.

Run on demand (not part of the test suite):  .venv/bin/python bench/bench_decks.py

Targets (on the project's 2-core machine): all shipped decks with their
language decks load in under 0.5 s; a 2 000-card deck with 6 language decks
(about 1.4 MB of YAML) in under 2 s. The app loads decks once at start.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kaarten.decks import load_decks, read_deck, source_hash  # noqa: E402

TARGET_SHIPPED = 0.5
TARGET_LARGE = 2.0


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def large_deck(root: Path, cards: int = 2000) -> None:
    folder = root / "groot"
    folder.mkdir()
    lines = ["id: groot", "language: nl", "title: Groot", "audience: family", "cards:"]
    for i in range(cards):
        lines += [f"  - id: kaart-{i}", "    theme: trust", f"    text: Wie helpt jou bij ding nummer {i}?",
                  f"    follow_up: Hoe vaak zie je die persoon, en waar, bij ding {i}?"]
    (folder / "deck.yaml").write_text("\n".join(lines) + "\n")
    deck = read_deck(folder / "deck.yaml")
    for lang in ("en", "ar", "tr", "ti", "pl", "uk"):
        out = [f"language: {lang}", "cards:"]
        for card in deck.cards:
            out += [f"  - id: {card.id}", f"    text: \"{lang} {card.text}\"", f"    source: {source_hash(card)}"]
        (folder / f"{lang}.yaml").write_text("\n".join(out) + "\n")


def main() -> int:
    shipped = timed(load_decks)
    with tempfile.TemporaryDirectory() as tmp:
        large_deck(Path(tmp))
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.yaml"))
        large = timed(lambda: load_decks(Path(tmp)), repeat=3)
    print(f"shipped decks: {shipped * 1000:.0f} ms (target < {TARGET_SHIPPED * 1000:.0f} ms)")
    print(f"2000-card deck + 6 languages ({size / 1e6:.1f} MB): {large * 1000:.0f} ms (target < {TARGET_LARGE * 1000:.0f} ms)")
    return 0 if shipped < TARGET_SHIPPED and large < TARGET_LARGE else 1


if __name__ == "__main__":
    sys.exit(main())

"""Loading decks: a 2 000-card deck with 6 language decks against a bare
``yaml.load(..., CSafeLoader)`` of the same files (target 2x), and all the
shipped decks with their language decks (absolute: under 0.5 s; the app
loads decks once at start). Run by ``bench/run.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml
from common import Figure, alternate, median, spread

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kaarten.decks import load_decks, read_deck, source_hash  # noqa: E402

TARGET_SHIPPED = 0.5
TARGET_LARGE = 2.0


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


def bare_load(root: Path) -> None:
    """The baseline: every file read and parsed, nothing checked."""
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def figures(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-decks-") as tmp:
        root = Path(tmp)
        large_deck(root)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        ours, bare = alternate(lambda: load_decks(root), lambda: bare_load(root), runs)
    shipped = []
    for _ in range(runs):
        start = time.perf_counter()
        load_decks()
        shipped.append(time.perf_counter() - start)
    return [
        Figure(f"2000-card deck + 6 languages ({size / 1e6:.1f} MB)", median(ours) * 1000, median(bare) * 1000,
               "ms", TARGET_LARGE, runs=f"{runs}+1 warm-up, alternating",
               spread=f"{spread(ours, digits=0)} / {spread(bare, digits=0)} ms"),
        Figure("shipped decks, all languages", median(shipped) * 1000, None, "ms", TARGET_SHIPPED * 1000,
               absolute=True, runs=f"{runs}", spread=f"{spread(shipped, digits=0)} ms"),
    ]

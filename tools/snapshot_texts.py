"""Freeze the decks' texts as they are now, Dutch and every translation, into
``tests/data/texts_before_revision.json``.

Run once, before a revision of the Dutch cards (it was run at the commit named
in the file). ``tests/test_revision.py`` then checks that every card, theme
label, title and description whose Dutch text changed since was also changed
in every language deck: running ``mark-current`` alone cannot pass it. CI runs
on a clean checkout without history, hence a file instead of ``git show``.

    .venv/bin/python tools/snapshot_texts.py [--force]
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kaarten.decks import DECKS_DIR, load_deck  # noqa: E402

OUT = ROOT / "tests" / "data" / "texts_before_revision.json"


def texts(deck) -> dict:
    """Every text of a deck as a family sees it: title, description, labels, cards."""
    found = {"title": deck.title, "description": deck.description}
    found.update({f"theme:{t.id}": t.label for t in deck.themes})
    found.update({f"card:{c.id}": [c.text, c.follow_up or ""] for c in deck.cards})
    return found


def snapshot_of(deck) -> dict:
    """The Dutch texts of ``deck`` and, per language deck, the texts it translates itself."""
    entry = {"nl": texts(deck)}
    for lang, tr in sorted(deck.translations.items()):
        own = texts(deck.localized(lang))
        entry[lang] = {k: v for k, v in own.items() if k in _translated(tr)}
    return entry


def snapshot() -> dict:
    decks = {}
    for folder in sorted(Path(DECKS_DIR).iterdir()):
        if (folder / "deck.yaml").is_file():
            deck = load_deck(folder)
            decks[deck.id] = snapshot_of(deck)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"commit": commit, "decks": decks}


def _translated(tr) -> set[str]:
    keys = {f"card:{cid}" for cid in tr.cards} | {f"theme:{t}" for t in tr.theme_labels}
    return keys | ({"title"} if tr.title else set()) | ({"description"} if tr.description else set())


if __name__ == "__main__":
    if OUT.exists() and "--force" not in sys.argv:
        sys.exit(f"{OUT} exists: it is the state before the revision; use --force to write it again")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")

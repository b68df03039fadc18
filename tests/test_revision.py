"""The content revision reached every language deck.

``tests/data/texts_before_revision.json`` holds every deck text, Dutch and
translated, as it was before the revision (written once by
``tools/snapshot_texts.py``; CI has no git history). Every card, theme label,
title and description whose Dutch text changed since must have a changed
text in every language deck that had it, and every new one must be
translated. ``mark-current`` only rewrites fingerprints, so it cannot pass
this test on its own.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from kaarten import decks as decks_mod
from kaarten.decks import DECKS_DIR, load_deck

ROOT = Path(__file__).resolve().parent.parent
BEFORE = json.loads((ROOT / "tests" / "data" / "texts_before_revision.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("snapshot_texts", ROOT / "tools" / "snapshot_texts.py")
snapshot_texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot_texts)


def translated_texts(deck, language: str) -> dict:
    """The texts the language deck itself holds (no Dutch in their place)."""
    tr = deck.translations[language]
    shown = snapshot_texts.texts(deck.localized(language))
    return {k: v for k, v in shown.items() if k in snapshot_texts._translated(tr)}


def unrevised(before: dict, deck) -> list[str]:
    """What did not follow the Dutch revision, one line per text and language."""
    now_nl = snapshot_texts.texts(deck)
    found = []
    for language in sorted(set(before) - {"nl"}):
        if language not in deck.translations:
            found.append(f"{language}: the language deck is gone")
            continue
        now = translated_texts(deck, language)
        for key, dutch in now_nl.items():
            if key not in before["nl"]:
                if key not in now:
                    found.append(f"{language} {key}: new in Dutch, not translated")
            elif dutch != before["nl"][key]:
                if key not in now:
                    found.append(f"{language} {key}: changed in Dutch, not translated")
                elif now[key] == before[language].get(key):
                    found.append(f"{language} {key}: changed in Dutch, the translation did not change")
    return found


@pytest.mark.parametrize("deck_id", sorted(BEFORE["decks"]))
def test_every_changed_dutch_text_changed_in_every_language_deck(deck_id):
    deck = load_deck(Path(DECKS_DIR) / deck_id)
    assert unrevised(BEFORE["decks"][deck_id], deck) == []


def test_the_revision_changed_dutch_texts():
    """The snapshot is from before the revision: the test above has work to check."""
    changed = 0
    for deck_id, before in BEFORE["decks"].items():
        now = snapshot_texts.texts(load_deck(Path(DECKS_DIR) / deck_id))
        changed += sum(1 for k, v in now.items() if before["nl"].get(k) != v)
    assert changed >= 30


def test_mark_current_alone_does_not_pass(tmp_path):
    """Change a Dutch card in a copy, run mark-current: check is content, this test is not."""
    folder = tmp_path / "wie-is-er-voor-jou"
    folder.mkdir()
    source = Path(DECKS_DIR) / "wie-is-er-voor-jou"
    shutil.copy(source / "deck.yaml", folder / "deck.yaml")
    shutil.copy(source / "en.yaml", folder / "en.yaml")
    before = snapshot_texts.snapshot_of(load_deck(folder))
    text = (folder / "deck.yaml").read_text(encoding="utf-8")
    (folder / "deck.yaml").write_text(text.replace("text: Wie vertrouw jij?", "text: Wie vertrouw jij het meest?"),
                                      encoding="utf-8")
    deck = load_deck(folder)
    assert deck.translations["en"].outdated
    decks_mod.mark_current(deck, "en")
    deck = load_deck(folder)
    assert not deck.translations["en"].outdated  # mark-current silenced check...
    assert unrevised(before, deck) == ["en card:vertrouwen: changed in Dutch, the translation did not change"]


def test_a_new_dutch_card_must_be_translated(tmp_path):
    folder = tmp_path / "wie-is-er-voor-jou"
    shutil.copytree(Path(DECKS_DIR) / "wie-is-er-voor-jou", folder)
    before = snapshot_texts.snapshot_of(load_deck(folder))
    with open(folder / "deck.yaml", "a", encoding="utf-8") as f:
        f.write("\n  - id: nieuw\n    theme: trust\n    text: Wie is nieuw?\n")
    assert "en card:nieuw: new in Dutch, not translated" in unrevised(before, load_deck(folder))

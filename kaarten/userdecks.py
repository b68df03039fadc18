"""Decks beyond the package: the user's own decks folder, and where a
translator's file may be written.

``<data folder>/decks`` holds decks in the same layout as ``kaarten/decks``:
decks of one's own, newer versions of shipped decks, and language decks
(``<deck-id>/<lang>.yaml`` without a ``deck.yaml``) for decks loaded from
elsewhere. An installed package folder is often read-only; the translator's
commands then write here instead, and :func:`kaarten.decks.load_decks` picks
the file up from here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kaarten.paths import data_dir

__all__ = ["can_write", "language_deck_path", "user_decks_dir", "writable_copy"]


def user_decks_dir() -> Path:
    """The user's decks folder, ``<data folder>/decks`` (not created here)."""
    return data_dir() / "decks"


def can_write(path: Path) -> bool:
    """Whether this process may write ``path`` (a file, or a folder to add files to).

    Asked of the operating system (:func:`os.access`), not tried: a failed
    try would leave the translator with half a plan. Root may write anywhere.
    """
    return os.access(path, os.W_OK)


def language_deck_path(deck_id: str, deck_folder: Path, language: str) -> Path:
    """Where a new language deck for ``deck_id`` goes: beside its deck when that
    folder can be written, else in the user's decks folder."""
    folder = deck_folder if can_write(deck_folder) else user_decks_dir() / deck_id
    return folder / f"{language}.yaml"


def writable_copy(path: Path, deck_id: str) -> Path:
    """``path`` when it can be written; else its copy in the user's decks folder,
    made now unless it is there already (a copy is never written over)."""
    if can_write(path):
        return path
    copy = user_decks_dir() / deck_id / path.name
    if not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    return copy

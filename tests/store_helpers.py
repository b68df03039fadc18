"""What the store tests share: a game to play and the raw bytes of a
sessions file (a removed name must be gone from them). The ``data`` fixture
(a data folder of the test's own) is in conftest.py."""
from __future__ import annotations

from pathlib import Path

from kaarten.session import Session

CARDS = {f"kaart-{i}": "trust" if i % 2 else "fun" for i in range(12)}
PLAYERS = [("Mama", "#E53935"), ("Sam", "#1E88E5"), ("Opa Jan", "#43A047")]


def new_game(store, seed=1, players=PLAYERS):
    s = Session.start(store, deck_id="wie-is-er-voor-jou", language="nl", card_ids=list(CARDS),
                      themes_by_card=CARDS, players=players, seed=seed)
    s.deal()
    return s


def raw_bytes(db: Path) -> bytes:
    """The database file and its companions, as bytes on disk."""
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists())

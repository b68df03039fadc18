"""The store: what one recorded name, a turn and a wipe cost, each against
bare SQLite with the same pragmas, and resuming a full session.

Every action of ours is its own committed transaction with
``synchronous=FULL`` in WAL, so a name is on disk before the app confirms
it. The baseline is a bare ``sqlite3`` connection to its own file in the
same folder with the same pragmas (WAL, ``synchronous=FULL``,
``secure_delete``, ``foreign_keys``, ``temp_store=MEMORY``) and one small
table; ours and the baseline alternate action by action (the order swapped
every time), 200 new people (six a turn) and 200 mentions of them (twelve a turn):

- recording a person (new or named again) vs INSERT + COMMIT: median and p95,
  target 1.5x each;
- the turn (``next_turn``: the table saved, then a PASSIVE checkpoint) vs
  UPDATE + COMMIT + ``wal_checkpoint(PASSIVE)`` after as many inserts:
  target 1.5x (the same work a bare program must do to keep the main file
  whole after each turn);
- the wipe after removing a person (``remove_person``: delete, then
  ``wal_checkpoint(TRUNCATE)`` with ``secure_delete``) vs DELETE + COMMIT +
  ``wal_checkpoint(TRUNCATE)``: target 1.5x;
- reopening and resuming a session of 200 people and 400 mentions:
  absolute, under 0.5 s.

An fsync on a virtual disk is bimodal (about 0.1 ms or 4-12 ms, as the
host's journal decides), so a median can land in either mode and the ratio
of medians swings with it from run to run; the spread column gives min-max
and the mean (which weighs both modes) of ours and the baseline.

``BENCH_DIR=/some/folder`` measures on that disk instead of the temp folder.
Run by ``bench/run.py``.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import Figure, p95, spread

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kaarten.decks import DECKS_DIR, load_deck  # noqa: E402
from kaarten.network import Closeness, Sector  # noqa: E402
from kaarten.session import Session  # noqa: E402
from kaarten.store import Store  # noqa: E402

TARGET_RECORD = 1.5
TARGET_TURN = 1.5
TARGET_WIPE = 1.5
TARGET_RESUME = 0.5
PEOPLE = 200


class Bare:
    """The baseline: one connection, our pragmas, one table, no wrapper."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("secure_delete = ON", "foreign_keys = ON", "temp_store = MEMORY", "journal_mode = WAL",
                       "synchronous = FULL"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sector TEXT NOT NULL,"
                        " closeness INTEGER NOT NULL)")
        self.db.execute("CREATE TABLE state (id INTEGER PRIMARY KEY, turn INTEGER NOT NULL)")
        self.db.execute("INSERT INTO state VALUES (1, 0)")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def insert(self, i: int) -> None:
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO people (name, sector, closeness) VALUES (?, ?, ?)",
                        (f"persoon {i}", "family", 1 + i % 3))
        self.db.execute("COMMIT")

    def turn(self) -> None:
        self.db.execute("BEGIN")
        self.db.execute("UPDATE state SET turn = turn + 1 WHERE id = 1")
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def wipe(self) -> None:
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM people WHERE id = (SELECT max(id) FROM people)")
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _pair(i: int, ours, bare, into_ours: list[float], into_bare: list[float]) -> None:
    for which in ((ours, bare) if i % 2 == 0 else (bare, ours)):
        start = time.perf_counter()
        which()
        (into_ours if which is ours else into_bare).append(time.perf_counter() - start)


def figures() -> list[Figure]:
    deck = load_deck(DECKS_DIR / "wie-is-er-voor-jou")
    sectors = list(Sector)
    rec, rec_bare, turns, turns_bare, wipes, wipes_bare = [], [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-store-", dir=os.environ.get("BENCH_DIR")) as tmp:
        store = Store.open(Path(tmp) / "sessions.sqlite3")
        bare = Bare(Path(tmp) / "bare.sqlite3")
        session = Session.start(store, deck_id=deck.id, language="nl", card_ids=[c.id for c in deck.cards],
                                themes_by_card={c.id: c.theme for c in deck.cards},
                                players=[("mama", "#1E5E5A"), ("Sam", "#B3412E"), ("Noor", "#F2B53D")], seed=1)
        session.deal()
        people = []
        for i in range(PEOPLE):  # six people named per card
            _pair(i, lambda i=i: people.append(session.record_person(f"persoon {i}", sectors[i % 6],
                                                                      Closeness(i % 3 + 1))),
                  lambda i=i: bare.insert(i), rec, rec_bare)
            if i % 6 == 5:
                _pair(i // 6, session.next_turn, bare.turn, turns, turns_bare)
        for i, person in enumerate(people):  # named again, on later cards
            _pair(i, lambda p=person: session.record_person(p.name, p.sector, p.closeness, same_as=p.id),
                  lambda i=i: bare.insert(i), rec, rec_bare)
            if i % 12 == 11:   # twelve a card: the deck has fewer cards than 400 / 6
                _pair(i // 12, session.next_turn, bare.turn, turns, turns_bare)
        sid = session.id
        store.close()
        start = time.perf_counter()
        again = Store.open(Path(tmp) / "sessions.sqlite3")
        resumed = Session.resume(again, sid)
        resume = time.perf_counter() - start
        count, mentions = len(resumed.network.people), len(resumed.network.mentions)
        for i, person in enumerate(people[:30]):
            _pair(i, lambda p=person: resumed.remove_person(p.id), bare.wipe, wipes, wipes_bare)
        again.close()
        bare.db.close()
    med = statistics.median

    def noise(ours: list[float], bare: list[float]) -> str:
        return (f"{spread(ours)} / {spread(bare)} ms, mean {statistics.fmean(ours) * 1000:.1f} / "
                f"{statistics.fmean(bare) * 1000:.1f}")

    return [
        Figure("record a person, median", med(rec) * 1000, med(rec_bare) * 1000, "ms", TARGET_RECORD,
               runs=f"{len(rec)} actions, alternating", spread=noise(rec, rec_bare)),
        Figure("record a person, p95", p95(rec) * 1000, p95(rec_bare) * 1000, "ms", TARGET_RECORD,
               runs=f"{len(rec)} actions, alternating", spread="as above"),
        Figure("next turn (checkpoint PASSIVE)", med(turns) * 1000, med(turns_bare) * 1000, "ms", TARGET_TURN,
               runs=f"{len(turns)} turns, alternating", spread=noise(turns, turns_bare)),
        Figure("remove a person (wipe TRUNCATE)", med(wipes) * 1000, med(wipes_bare) * 1000, "ms", TARGET_WIPE,
               runs=f"{len(wipes)} removals, alternating", spread=noise(wipes, wipes_bare)),
        Figure(f"resume {count} people, {mentions} mentions", resume * 1000, None, "ms", TARGET_RESUME * 1000,
               absolute=True, runs="1"),
    ]

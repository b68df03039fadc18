"""Benchmark: what one recorded name costs, and resuming a full session.

Run on demand (not part of the test suite):  .venv/bin/python bench/bench_store.py
(BENCH_DIR=/some/folder measures on that disk instead of the temp folder).

Every action is its own committed transaction with synchronous=FULL, so a
name is on disk before the app confirms it. Targets on the project's 2-core
machine: recording a name (a new person or a mention) in under 50 ms at the
median, and resuming a session of 200 people and 400 mentions in under 0.5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kaarten.decks import DECKS_DIR, load_deck  # noqa: E402
from kaarten.network import Closeness, Sector  # noqa: E402
from kaarten.session import Session  # noqa: E402
from kaarten.store import Store  # noqa: E402

TARGET_RECORD = 0.050
TARGET_RESUME = 0.5


def main() -> int:
    deck = load_deck(DECKS_DIR / "wie-is-er-voor-jou")
    sectors = list(Sector)
    with tempfile.TemporaryDirectory(dir=__import__('os').environ.get('BENCH_DIR')) as tmp:
        store = Store.open(Path(tmp) / "sessions.sqlite3")
        session = Session.start(store, deck_id=deck.id, language="nl", card_ids=[c.id for c in deck.cards],
                                themes_by_card={c.id: c.theme for c in deck.cards},
                                players=[("mama", "#1E5E5A"), ("Sam", "#B3412E"), ("Noor", "#F2B53D")], seed=1)
        session.deal()
        times = []
        turns = []  # a turn ends with a checkpoint: the main file holds the game
        people = []
        for i in range(200):  # six people named per card
            start = time.perf_counter()
            people.append(session.record_person(f"persoon {i}", sectors[i % 6], Closeness(i % 3 + 1)))
            times.append(time.perf_counter() - start)
            if i % 6 == 5:
                start = time.perf_counter()
                session.next_turn()
                turns.append(time.perf_counter() - start)
        for i, person in enumerate(people):  # named again, on later cards
            start = time.perf_counter()
            session.record_person(person.name, person.sector, person.closeness, same_as=person.id)
            times.append(time.perf_counter() - start)
            if i % 12 == 11:
                session.next_turn()
        record = statistics.median(times)
        sid = session.id
        store.close()
        start = time.perf_counter()
        again = Store.open(Path(tmp) / "sessions.sqlite3")
        resumed = Session.resume(again, sid)
        resume = time.perf_counter() - start
        count = len(resumed.network.people)
        mentions = len(resumed.network.mentions)
        again.close()
    print(f"record a name: median {record * 1000:.1f} ms over {len(times)} actions (target < {TARGET_RECORD * 1000:.0f} ms)")
    print(f"next turn (with its checkpoint): median {statistics.median(turns) * 1000:.1f} ms over {len(turns)} turns")
    print(f"reopen and resume a session of {count} people, {mentions} mentions: {resume * 1000:.0f} ms (target < {TARGET_RESUME * 1000:.0f} ms)")
    return 0 if record < TARGET_RECORD and resume < TARGET_RESUME else 1


if __name__ == "__main__":
    sys.exit(main())

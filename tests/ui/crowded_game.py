"""A crowded game for the summary and map tests (and for looking at them).

Three players name 25 people: 8 of them in the family, very close (one slice
and circle), some with long names, some in Arabic; several people are named
more than once. Played through the real session, so it is saved in a real
store like any game at the table.
"""
from __future__ import annotations

from kaarten.decks import load_decks
from kaarten.network import Closeness, Sector
from kaarten.session import Session

DECK_ID = "wie-is-er-voor-jou"

PLAYERS = (("Mama", "#1E5E5A"), ("Samir", "#B3412E"), ("Oma Fatma", "#2F5DA8"))

F, V, B, S, C, H = (Sector.FAMILY, Sector.FRIENDS, Sector.NEIGHBOURHOOD,
                    Sector.SCHOOL_WORK, Sector.CLUB_FAITH_LEISURE, Sector.PROFESSIONALS)

#: (name, sector, circle): the first 8 share family / very close.
PEOPLE = (
    ("Oma Truus", F, 1),
    ("Opa Henk", F, 1),
    ("Tante Marieke van den Berghe-Oudenaarde", F, 1),
    ("فاطمة الزهراء", F, 1),
    ("Oom Mohammed", F, 1),
    ("Nicht Esra", F, 1),
    ("Zus Lotte", F, 1),
    ("Broer Bram", F, 1),
    ("Ayşe", V, 1),
    ("Kees", V, 2),
    ("محمد عبد الرحمن", V, 2),
    ("Pieter-Jan", V, 3),
    ("Buurvrouw Ans", B, 2),
    ("Wijkagent", B, 3),
    ("Juf Sanne", S, 2),
    ("Meester Ahmed", S, 2),
    ("Schoolmaatschappelijk werker", S, 3),
    ("Voetbaltrainer", C, 2),
    ("Imam Yusuf", C, 2),
    ("Koorleider Maria", C, 3),
    ("Huisarts", H, 2),
    ("Jeugdconsulent", H, 3),
    ("Mohammed Al-Rashidi bin Abdullah", H, 3),
    ("Dokter Jansen", H, 3),
    ("Zeynep", F, 2),
)

#: indexes into PEOPLE named again on later turns (by other players)
NAMED_AGAIN = (0, 0, 0, 1, 3, 3, 8, 12, 14, 0, 9)


def deck():
    return load_decks().get(DECK_ID)


def play(store, *, people=PEOPLE, named_again=NAMED_AGAIN, finish=False, language="nl"):
    """A session in ``store`` with ``people`` recorded turn by turn (cards in ``language``)."""
    d = deck()
    session = Session.start(
        store, deck_id=d.id, language=language, card_ids=[c.id for c in d.cards],
        themes_by_card={c.id: c.theme for c in d.cards}, players=PLAYERS, seed=7,
    )
    ids = []
    session.deal()
    for name, sector, circle in people:
        ids.append(session.record_person(name, sector, Closeness(circle)).id)
        session.next_turn()
    for index in named_again:
        session.name_again(ids[index])
        session.next_turn()
    if finish:
        session.end()
    return session, ids

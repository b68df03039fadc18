"""What an export says, gathered once from a session: the same content for
the family's PDF, the map's PNG and the worker's Markdown.

:func:`hand_out` reads the session's summary (:mod:`kaarten.summary`), its
plan and its deck's words (title, theme labels in the export's language)
into a :class:`HandOut`: plain values, every name already as it will be
printed (pseudonyms when asked), so the writers only arrange and draw.
No Kivy here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from app.export.words import Words
from app.map.layout import MapPerson
from kaarten.network import Person, PersonId, Sector
from kaarten.plan import Outcome
from kaarten.pseudonyms import pseudonymise_summary
from kaarten.summary import Summary, labelled

__all__ = ["HandOut", "PlanItem", "hand_out", "plan_detail", "SECTOR_ORDER"]

#: Sector enum -> slice index on the map (as :mod:`app.map.widget` has it).
SECTOR_ORDER: tuple[Sector, ...] = tuple(Sector)


@dataclass(frozen=True)
class PlanItem:
    """One line of the wie-plan as printed: who is asked, for what, by whom, by when."""

    person: str
    ask: str
    theme: str = ""
    asker: str = ""
    by: dt.date | None = None
    #: for an ask of the earlier plan: how it went, in words ('' when not said)
    outcome: str = ""


@dataclass(frozen=True)
class HandOut:
    """Everything an export prints, names as they will be printed."""

    words: Words
    date: dt.date
    deck_title: str
    players: tuple[str, ...]
    summary: Summary
    #: theme id -> label in the export's language
    theme_labels: Mapping[str, str]
    plan: tuple[PlanItem, ...] = ()
    goes_well: str = ""
    next_step: str = ""
    demo: bool = False
    pseudonyms: bool = False
    #: the earlier plan's asks, in a follow-up game
    earlier_plan: tuple[PlanItem, ...] = field(default=())

    @property
    def lang(self) -> str:
        return self.words.lang

    def people_in(self, sector: Sector) -> tuple[Person, ...]:
        return self.summary.people_in(sector)

    def themes_of(self, person_id: PersonId) -> tuple[str, ...]:
        """The labels of the themes a person was named for, in the order first named."""
        return tuple(self.theme_labels.get(t, t) for t in self.summary.themes_by_person.get(person_id, ()))

    def mentions_of(self, person_id: PersonId) -> int:
        return len(self.summary.mentions_by_person.get(person_id, ()))

    def player_name(self, player_id) -> str:
        for p in self.summary.players:
            if p.id == player_id:
                return p.name
        return "?"

    def map_people(self) -> list[MapPerson]:
        """The people as the map's layout takes them (as the screen's map does)."""
        s = self.summary
        return [
            MapPerson(
                id=p.id,
                label=p.name,
                sector=SECTOR_ORDER.index(p.sector),
                circle=int(p.closeness),
                mentions=max(1, len(s.mentions_by_person.get(p.id, ()))),
            )
            for p in s.people
        ]

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every person's and player's name as printed (tests look for them)."""
        return tuple(p.name for p in self.summary.people) + self.players


def hand_out(session: Any, deck: Any | None, lang: str, *, pseudonyms: bool = False,
             demo: bool = False, today: dt.date | None = None) -> HandOut:
    """The content of an export of ``session`` in language ``lang``.

    ``deck`` (a :class:`kaarten.decks.Deck`, or None when the deck is gone)
    gives the title and the theme labels; ``pseudonyms``: initials and
    "Speler 1..n" instead of the names as typed (the plan follows);
    ``demo``: a demo family's game (:meth:`kaarten.store.Store.demo_sessions`),
    said on every page.
    """
    words = Words(lang)
    summary: Summary = session.summary()
    local = deck.localized(lang) if deck is not None else None
    theme_labels = {t.id: t.label for t in local.themes} if local is not None else {}
    if pseudonyms:
        summary = pseudonymise_summary(summary, player_label=words._("Speler {n}"))
    else:       # namesakes told apart ("oma (van papa)"), "Speler 2" for a player without a name
        summary = labelled(summary, player_label=words._("Speler {n}"))
    plan, earlier, goes_well, next_step = _plan(session, summary, theme_labels, words, pseudonyms)
    return HandOut(
        words=words,
        date=today or summary.date,
        deck_title=local.title if local is not None else session.deck_id,
        players=tuple(p.name for p in summary.players),
        summary=summary,
        theme_labels=theme_labels,
        plan=plan,
        earlier_plan=earlier,
        goes_well="" if pseudonyms else goes_well,
        next_step="" if pseudonyms else next_step,
        demo=demo,
        pseudonyms=pseudonyms,
    )


def _plan(session: Any, summary: Summary, theme_labels: Mapping[str, str], words: Words, pseudonyms: bool):
    """(this game's asks, the earlier plan's asks, what goes well, the next step).

    Names come from ``summary`` (so pseudonyms follow), never from the plan.
    With pseudonyms the family's own words are left out (they may hold a
    name): an ask then shows its theme only."""
    plan = session.plan
    people = {p.id: p.name for p in summary.people}
    players = {p.id: p.name for p in summary.players}
    outcomes = {Outcome.DONE: words._("Gedaan"), Outcome.NOT_YET: words._("Nog niet"),
                Outcome.NOT_NEEDED: words._("Niet meer nodig")}

    def item(line) -> PlanItem:
        return PlanItem(
            person=people[line.person_id],
            ask="" if pseudonyms else line.ask,
            theme=theme_labels.get(line.theme, line.theme) if line.theme else "",
            asker=players.get(line.asker, "") if line.asker is not None else "",
            by=line.by,
            outcome=outcomes.get(line.outcome, "") if line.outcome is not None else "",
        )

    asks = tuple(item(x) for x in plan.asks if x.person_id in people)
    earlier = tuple(item(x) for x in plan.earlier_asks if x.person_id in people)
    return asks, earlier, plan.notes.goes_well, plan.notes.next_step


def plan_detail(c: HandOut, item: PlanItem) -> str:
    """'Mama vraagt het · vóór 7 december 2026 · Gedaan'."""
    _ = c.words._
    detail = []
    if item.asker:
        detail.append(_("{name} vraagt het").format(name=item.asker))
    if item.by is not None:
        detail.append(_("vóór {date}").format(date=c.words.date(item.by)))
    if item.outcome:
        detail.append(item.outcome)
    return " \u00b7 ".join(detail)

"""Class mode: the App's side of a class game (:mod:`kaarten.classroom`).

A trainer starts a class game from the start screen ("Les in de klas"):
the class deck, or the family deck with one of the class deck's case
families. It is always played on a :class:`kaarten.store.PracticeStore`,
so nothing is kept and no real session is ever shown; leaving it (Klaar,
the back key to the start screen) empties it like any practice game.

The screens: ``classsetup`` (choose), ``classcase`` (the case card, first
and one tap away), ``classroles`` (who plays what this round),
``classtable`` (the card, the timer, the observer's tally), ``projector``
(only the question, big) and ``debrief``. Which of them comes next is the
game's rule (:meth:`kaarten.classroom.ClassGame.step`); :func:`go_on` only
turns it into a screen name.
"""

from __future__ import annotations

import datetime as dt
import logging

from app import theme
from app.i18n import tr
from kaarten.classroom import ClassGame, DebriefWords, Role, Step
from kaarten.errors import KaartenError
from kaarten.session import Session
from kaarten.store import PracticeStore

__all__ = ["start_class_game", "go_on", "role_label", "debrief_words", "seat_name", "save_debrief"]

log = logging.getLogger(__name__)

SCREEN_OF_STEP = {Step.CASE: "classcase", Step.ROLES: "classroles", Step.PLAY: "classtable"}


def seat_name(n: int) -> str:
    """The name of a seat nobody typed a name for: "Stoel 2"."""
    return tr._("Stoel {n}").format(n=n)


def role_label(role: Role | str) -> str:
    return {
        Role.WORKER: tr._("werker"),
        Role.PARENT: tr._("ouder"),
        Role.CHILD: tr._("kind"),
        Role.OBSERVER: tr._("observator"),
    }[Role(role)]


def role_task(role: Role | str, case: bool = True) -> str:
    """What a role does, in a few words (without a case family, the parent
    and the child simply answer the card)."""
    if not case and Role(role).answers:
        return tr._("antwoordt op de vraag")
    return {
        Role.WORKER: tr._("leest de kaart voor en vraagt door"),
        Role.PARENT: tr._("antwoordt als ouder van het casusgezin"),
        Role.CHILD: tr._("antwoordt als kind van het casusgezin"),
        Role.OBSERVER: tr._("turft wie-vragen en wat-vragen"),
    }[Role(role)]


ROLE_PICTOGRAMS = {Role.WORKER: "speech", Role.PARENT: "house", Role.CHILD: "smile", Role.OBSERVER: "pencil"}


def start_class_game(app, deck_id: str, language: str, seats, case_card=None, timer_minutes=None) -> bool:
    """Start a class game on a fresh practice store and show what comes first."""
    from kivy.clock import Clock
    deck = app.decks.get(deck_id)
    cards = deck.localized(language).cards
    app.leave_session()
    app.practice_store = PracticeStore()
    try:
        session = Session.start(
            app.practice_store, deck_id=deck.id, language=language, card_ids=[c.id for c in cards],
            themes_by_card={c.id: c.theme for c in cards}, players=list(seats))
        session.deal()
        game = ClassGame(session, case_card=case_card, timer_minutes=timer_minutes, clock=Clock.get_time)
    except KaartenError as e:
        app.leave_session()
        app.show_error(e)
        return False
    app.session = session
    app.class_game = game
    go_on(app)
    return True


def go_on(app, seen: Step | str | None = None) -> None:
    """The class has seen ``seen`` (the case card, the roles): on to what comes next."""
    game = app.class_game
    if game is None:
        app.go("start")
        return
    if seen is not None:
        game.seen(seen)
    if game.session.finished:
        app.go("debrief")
        return
    app.go(SCREEN_OF_STEP[game.step()])


def debrief_words() -> DebriefWords:
    """The debrief's Markdown words in the UI language."""
    from kaarten.network import Closeness, Sector
    return DebriefWords(
        title=tr._("Nabespreking"),
        named=tr._("Wat er genoemd werd"),
        part_of_life=tr._("Deel van het leven"),
        total=tr._("Samen"),
        people=tr._("Mensen genoemd: {n}"),
        cards=tr._("Kaarten gespeeld: {n}"),
        rounds=tr._("Rondes: {n}"),
        tally=tr._("Turven van de observator"),
        who_questions=tr._("wie-vraag"),
        what_questions=tr._("wat-vraag"),
        round_n=tr._("Ronde {n}"),
        answered=tr._("Namen per stoel"),
        seat_n=tr._("Stoel {n}"),
        as_role=tr._("als {role}"),
        roles={r: role_label(r) for r in Role},
        rewrites=tr._("Herschreven vragen"),
        no_rewrites=tr._("Er zijn geen herschrijfkaarten gespeeld."),
        prompts_title=tr._("Om samen over te praten"),
        no_names=tr._("Zonder namen: alleen aantallen."),
        sectors={s: theme.sector_label(s) for s in Sector},
        circles={c: theme.closeness_label(c) for c in Closeness},
        prompts=reflection_prompts(),
    )


def reflection_prompts() -> tuple[str, str, str]:
    return (
        tr._("Welke vraag leverde de meeste namen op, en waarom juist die?"),
        tr._("Wanneer stelde de werker toch een wat-vraag? Hoe klinkt die als wie-vraag?"),
        tr._("In welk deel van het leven werd niemand genoemd? Wie zou daar kunnen zijn?"),
    )


def save_debrief(data_folder, markdown: str, now: dt.datetime | None = None):
    """Write the debrief's Markdown (no names in it) where exports go
    (:class:`kaarten.exports.ExportSettings`: the data folder's ``exports/``,
    covered by retention, unless the settings chose another folder), as
    ``nabespreking-<date>.md``, never over another file; returns the path."""
    from kaarten import exports
    now = now or dt.datetime.now()
    folder = exports.ExportSettings.load(data_folder).target(data_folder)
    return exports.write_file(folder, f"nabespreking-{now:%Y-%m-%d}.md", markdown.encode("utf-8"))

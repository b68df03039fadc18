"""How a name of the session in play is shown: as typed, or (pseudonyms on)
as initials and "Speler n" (:mod:`kaarten.pseudonyms`).

The table, the summary and the map ask here for every name they show, so
turning pseudonyms on (a setting, or the summary's toggle) changes every name
on the screen at once; the stored names stay as they were typed.
"""

from __future__ import annotations

from kivy.app import App

from app.i18n import tr
from kaarten.network import person_label
from kaarten.pseudonyms import pseudonymise_summary, pseudonyms
from kaarten.summary import labelled

__all__ = ["pseudonyms_on", "person_name", "player_name", "shown_summary", "player_label",
           "person_label", "numbered_player", "player_names"]


def player_label() -> str:
    """'Speler {n}' in the language on screen."""
    return tr._("Speler {n}")


def pseudonyms_on() -> bool:
    app = App.get_running_app()
    return bool(getattr(app, "pseudonyms", False))


def _names(session):
    return pseudonyms(session.network.people, session.players, player_label=player_label())


def person_name(session, person) -> str:
    """A named person of ``session`` as shown now: "oma (van papa)" when a
    distinction tells them from a namesake."""
    return _names(session).person(person.id) if pseudonyms_on() else person_label(person)


def player_name(session, player) -> str:
    """A player of ``session`` as shown now ("Speler 2" for one without a name)."""
    if pseudonyms_on():
        return _names(session).player(player.id)
    return numbered_player(player, session.players)


def numbered_player(player, players=()) -> str:
    """A player's name, or "Speler N" (N: their place at the table) in the
    language of the moment for a player stored without a name."""
    if player is None:
        return "?"
    if player.name:
        return player.name
    ids = [p.id for p in players]
    number = ids.index(player.id) + 1 if player.id in ids else int(player.id)
    return player_label().format(n=number)


def player_names(names) -> list[str]:
    """Stored names in turn order (some empty) as they are shown."""
    return [n or player_label().format(n=i) for i, n in enumerate(names, start=1)]


def shown_summary(summary, on: bool | None = None):
    """``summary`` as shown now: with pseudonyms and no notes while they are
    on; else with namesakes told apart ("oma (van papa)") and "Speler 2"."""
    if on is None:
        on = pseudonyms_on()
    if on:
        return pseudonymise_summary(summary, player_label=player_label())
    return labelled(summary, player_label=player_label())

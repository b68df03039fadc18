"""How a name of the session in play is shown: as typed, or (pseudonyms on)
as initials and "Speler n" (:mod:`kaarten.pseudonyms`); and recording a name
from the naming panel (:class:`RecordsNames`).

The table, the summary and the map ask here for every name they show, so
turning pseudonyms on (a setting, or the summary's toggle) changes every name
on the screen at once; the stored names stay as they were typed.
"""

from __future__ import annotations

from kivy.app import App

from app.i18n import tr
from kaarten.errors import KaartenError
from kaarten.network import NetworkError, person_label
from kaarten.pseudonyms import pseudonymise_summary, pseudonyms
from kaarten.summary import labelled

__all__ = ["pseudonyms_on", "person_name", "player_name", "shown_summary", "player_label",
           "person_label", "numbered_player", "player_names", "RecordsNames"]


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


class RecordsNames:
    """What the naming panel (:class:`app.screens.table.NamingPanel`) calls
    on the screen it belongs to: ``record_new`` and ``record_again``.

    The screen gives :meth:`names_recorder`, the kaarten object that records
    (the session at the family table; the class game at the class table,
    which credits the seat that answers), ``session``, ``app()`` and
    ``_show_named()`` (the chips of the card's names). One user action, one
    kaarten call; an expected error is told, never a crash.
    """

    def names_recorder(self):
        return self.session

    def record_new(self, name: str, sector: str, closeness: int, distinction: str = ""):
        """A new person (a bad name raises NetworkError for the panel to say
        what to fix); None when another error was shown."""
        try:
            person = self.names_recorder().record_person(name, sector, closeness, distinction=distinction)
        except NetworkError:
            raise
        except KaartenError as e:  # the worker is told
            self.app().show_error(e)
            return None
        self._show_named()
        return person

    def record_again(self, person_id):
        """Someone named before, named again for this card; None when an
        error was shown."""
        try:
            self.names_recorder().name_again(person_id)
        except KaartenError as e:
            self.app().show_error(e)
            return None
        self._show_named()
        return self.session.network.person(person_id)

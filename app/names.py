"""How people and players are called on screen.

A player left without a name is stored without one and shown as "Speler 2"
in the language of the moment (nothing made up is saved); a person with a
namesake shows their distinction: "oma (van papa)".
"""

from __future__ import annotations

from typing import Sequence

from app.i18n import tr
from kaarten.network import person_label

__all__ = ["player_label", "player_labels", "person_label"]


def player_label(player, players: Sequence = ()) -> str:
    """The player's name, or "Speler N" (N: their place at the table)."""
    if player is None:
        return "?"
    if player.name:
        return player.name
    ids = [p.id for p in players]
    number = ids.index(player.id) + 1 if player.id in ids else int(player.id)
    return tr._("Speler {n}").format(n=number)


def player_labels(names: Sequence[str]) -> list[str]:
    """Stored names in turn order (some empty) as they are shown."""
    return [n or tr._("Speler {n}").format(n=i) for i, n in enumerate(names, start=1)]

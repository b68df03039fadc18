"""Class mode: who plays what this round.

Shown before the first card of every round: each seat, its role and what
that role does. After a round the roles move one seat on (the rule is
:func:`kaarten.classroom.roles_in_round`), so every student plays the
worker once.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ColorProperty, StringProperty

from app import theme
from app.classmode import ROLE_PICTOGRAMS, go_on, role_label, role_task
from app.i18n import tr
from app.widgets.layout import AppScreen, MirroredBoxLayout
from app.widgets.pictogram import pictogram_path
from kaarten.classroom import Role, Step

__all__ = ["ClassRolesScreen", "RoleRow"]


class RoleRow(MirroredBoxLayout):
    """A seat: its colour, name, role and what the role does."""

    seat = StringProperty("")
    role = StringProperty("")
    task = StringProperty("")
    source = StringProperty("")
    colour = ColorProperty(theme.PRIMARY)
    worker = BooleanProperty(False)


class ClassRolesScreen(AppScreen):
    title = StringProperty("")
    subtitle = StringProperty("")

    def on_kv_post(self, *_):
        self.watch_app("class_game", lambda *_: self.ids.rows.clear_widgets())
        tr.bind(lang=self._refresh_if_shown)    # weakly: a method, not a lambda

    def on_pre_enter(self, *_):
        self.refresh()

    def refresh(self) -> None:
        box = self.ids.rows
        box.clear_widgets()
        game = self.app().class_game
        if game is None:
            self.title = self.subtitle = ""
            return
        r = game.round_index
        self.title = tr._("Ronde {n}").format(n=r + 1)
        self.subtitle = (tr._("Zo spelen jullie deze ronde: één kaart voor elke stoel.") if r == 0 else
                         tr._("De rollen schuiven een stoel door."))
        for player, role in zip(game.session.players, game.roles):
            box.add_widget(RoleRow(seat=player.name, role=role_label(role), task=role_task(role, game.case_card is not None),
                                   source=pictogram_path(ROLE_PICTOGRAMS[role]),
                                   colour=theme.rgba(player.colour), worker=role is Role.WORKER))

    def go_on(self) -> None:
        go_on(self.app(), Step.ROLES)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""Class mode: the case card. Shown before the first round, and one tap
("Casus") away from the class table during the game."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty

from app.classmode import go_on
from app.widgets import card as _card  # noqa: F401  (CardView for kv)
from app.widgets.layout import AppScreen
from kaarten.classroom import CLASS_DECK, Step

__all__ = ["ClassCaseScreen"]


class ClassCaseScreen(AppScreen):
    #: the game is under way (the button goes back to it)
    playing = BooleanProperty(False)

    def on_kv_post(self, *_):
        self.watch_app("class_game", lambda *_: self.ids.card.clear())

    def on_pre_enter(self, *_):
        app = self.app()
        game = app.class_game
        if game is None or game.case_card is None:
            self.ids.card.clear()
            return
        from app.i18n import tr
        self.playing = game.step() is not Step.CASE
        deck = app.decks.get(CLASS_DECK)
        language = game.session.language if game.session.language in deck.languages else deck.language
        self.ids.card.show(deck, language, game.case_card, tr.lang)

    def go_on(self) -> None:
        go_on(self.app(), Step.CASE)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""Class mode: the projector view. Only the card's question, big, dark on
white: at least 48 px (a projected 1920x1080 read from the back of a class
room) and a contrast of at least 7:1 (WCAG AAA). Nothing else competes; one
quiet button goes back to the class table. It is its own view, separate from
the "Extra groot" text setting, which stays for tablets: the question's size
follows the window, not that setting.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import sp
from kivy.properties import NumericProperty, StringProperty

from app import theme
from app.i18n import tr
from app.widgets.layout import AppScreen
from app.widgets.text import style

__all__ = ["ProjectorScreen", "question_px", "MIN_QUESTION_PX", "INK", "PAPER"]

#: keys that deal the next card on the projector: Page Down (a presenter's
#: clicker), the right arrow, the space bar
NEXT_KEYS = (281, 275, 32)
#: the smallest the question is ever set, in pixels
MIN_QUESTION_PX = 48
#: dark ink on white: 16:1
INK, PAPER = theme.INK, theme.SURFACE


def question_px(width: float, height: float, length: int) -> float:
    """The question's size in pixels for a window of ``width`` x ``height``:
    big on a projector (about 7 % of the height for a short question, less
    for a long one so it still fits), never under :data:`MIN_QUESTION_PX`."""
    size = height * (0.075 if length <= 90 else 0.06 if length <= 180 else 0.05)
    size = min(size, width * 0.05)
    return max(float(MIN_QUESTION_PX), size)


class ProjectorScreen(AppScreen):
    question = StringProperty("")
    lang = StringProperty("nl")
    #: the question's size in sp at the normal text setting (see :func:`question_px`)
    question_sp = NumericProperty(40)

    def on_kv_post(self, *_):
        self.watch_app("class_game", lambda *_: setattr(self, "question", ""))
        self.fbind("size", self._resize)
        self.fbind("question", self._resize)
        style.bind(scale=self._resize)

    def on_pre_enter(self, *_):
        app = self.app()
        game = app.class_game
        if game is None or game.session.current_card is None:
            self.question = ""
            return
        session = game.session
        try:
            card = app.decks.get(session.deck_id).localized(session.language).card(session.current_card)
        except KeyError:
            self.question = tr._("Deze kaart is er niet meer.")
            return
        self.lang = card.language or session.language
        self.question = card.text

    def _resize(self, *_) -> None:
        # the label multiplies by sp and by the tablet's text setting: undo both,
        # so the projector's size is the window's and nothing else
        px = question_px(self.width, self.height, len(self.question))
        self.question_sp = px / (sp(1) * style.scale)

    def on_enter(self, *_):
        from kivy.core.window import Window
        Window.bind(on_keyboard=self._on_key)

    def on_leave(self, *_):
        from kivy.core.window import Window
        Window.unbind(on_keyboard=self._on_key)

    def _on_key(self, _window, key, *_):
        """A presenter's clicker (Page Down), the right arrow or the space bar:
        the next card, without leaving the projector (a new round shows its
        roles first)."""
        if key in NEXT_KEYS:
            self.next_card()
            return True
        return False

    def next_card(self) -> None:
        from app.classmode import go_on
        from kaarten.classroom import Step
        from kaarten.errors import KaartenError
        app = self.app()
        game = app.class_game
        if game is None:
            return
        try:
            game.next_turn()
        except KaartenError as e:
            app.show_error(e)
            return
        if game.session.finished or game.step() is not Step.PLAY:
            go_on(app)
        else:
            self.on_pre_enter()

    def back(self) -> None:
        self.app().go("classtable")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

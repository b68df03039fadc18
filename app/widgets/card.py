"""The question card on the table: big question, pictogram, theme colour.

:class:`CardView` only shows what it is given (the table screen fills it from
the deck); :meth:`CardView.deal_in` plays the short slide-and-turn animation of
a card being dealt.
"""

from __future__ import annotations

from pathlib import Path

from kivy.animation import Animation
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from app import theme
from app.widgets import text as _text  # noqa: F401  (registers ScriptLabel for kv)
from app.widgets.pictogram import pictogram_path

__all__ = ["CardView"]


class CardView(BoxLayout):
    """A dealt card. ``lang`` is the language of ``question``/``follow_up``;
    ``second_question`` is the same question in the worker's language (shown
    small), or ''."""

    question = StringProperty("")
    follow_up = StringProperty("")
    second_question = StringProperty("")
    theme_label = StringProperty("")
    lang = StringProperty("nl")
    colour = ColorProperty(theme.SURFACE)
    pictogram = StringProperty("")       # a pictogram name
    pictogram_source = StringProperty("")
    # animation state: horizontal shift (px) and horizontal squeeze (0..1)
    shift = NumericProperty(0)
    turn = NumericProperty(1)
    #: the card is at least this high (its content is centred in it)
    min_card_height = NumericProperty(0)

    def show(self, source, language: str, card_id: str, worker_language: str) -> bool:
        """Show card ``card_id`` of deck ``source`` as a family reading
        ``language`` sees it, with the question in ``worker_language`` below
        when that differs. False (and nothing shown) when the deck has no such
        card any more."""
        deck = source.localized(language)
        try:
            card = deck.card(card_id)
            theme_ = deck.theme(card.theme)
        except KeyError:
            return False
        self.lang = card.language or language
        self.question = card.text
        self.follow_up = card.follow_up or ""
        self.theme_label = theme_.label
        self.colour = theme.rgba(theme_.colour)
        self.pictogram = card.pictogram or theme_.pictogram or ""
        second = ""
        if self.lang != worker_language and worker_language in source.languages:
            try:
                other = source.localized(worker_language).card(card_id)
            except KeyError:  # a card of the family's language deck only
                other = card
            if other.text != card.text:
                second = other.text
        self.second_question = second
        return True

    def clear(self) -> None:
        """Show no card (nothing of a session that was left stays on screen)."""
        Animation.cancel_all(self, "shift", "turn", "opacity")
        self.question = self.follow_up = self.second_question = self.theme_label = ""
        self.pictogram = ""
        self.colour = theme.SURFACE
        self.shift, self.turn, self.opacity = 0, 1, 1

    def on_pictogram(self, _instance, name):
        self.pictogram_source = pictogram_path(name)

    def pictogram_height(self, text_height: float, card_height: float) -> float:
        """As big as the card has room for (at most 150 dp); none below 56 dp."""
        if not card_height:
            return dp(112)
        room = card_height - text_height - self.padding[1] - self.padding[3] - 5 * self.spacing
        room = min(dp(150), room)
        return room if room >= dp(56) else 0

    def deal_in(self, duration: float = 0.35) -> None:
        """Slide in from the right while turning face up."""
        Animation.cancel_all(self, "shift", "turn", "opacity")
        self.shift = max(self.width, dp(200)) * 0.35
        self.turn = 0.15
        self.opacity = 0
        Animation(shift=0, turn=1, opacity=1, d=duration, t="out_cubic").start(self)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""The question card on the table: big question, pictogram, theme colour.

:class:`Kaart` only shows what it is given (the table screen fills it from
the deck); :meth:`Kaart.deal_in` plays the short slide-and-turn animation of
a card being dealt.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from app import text as _text  # noqa: F401  (registers Tekst for kv)
from app import theme
from app.widgets.pictogram import pictogram_path

__all__ = ["Kaart"]


class Kaart(BoxLayout):
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


Builder.load_string(
    """
#:import theme app.theme
#:import tr app.i18n.tr

<Kaart>:
    orientation: 'vertical'
    padding: dp(28), dp(24)
    spacing: dp(14)
    size_hint_y: None
    height: max(self.minimum_height, self.min_card_height)
    canvas.before:
        PushMatrix
        Translate:
            x: self.shift + self.center_x * (1 - self.turn)
        Scale:
            origin: 0, 0
            x: self.turn
        Color:
            rgba: 0.12, 0.14, 0.19, 0.10
        RoundedRectangle:
            pos: self.x + dp(3), self.y - dp(5)
            size: self.size
            radius: [dp(theme.CARD_RADIUS)]
        Color:
            rgba: self.colour
        RoundedRectangle:
            pos: self.pos
            size: self.size
            radius: [dp(theme.CARD_RADIUS)]
        Color:
            rgba: theme.mix(self.colour, theme.INK, 0.25)
        Line:
            rounded_rectangle: (self.x, self.y, self.width, self.height, dp(theme.CARD_RADIUS))
            width: dp(1.2)
    canvas.after:
        PopMatrix

    Widget:
        # spacer: centres the content when the card is higher than it
    Tekst:
        id: label
        text: root.theme_label
        lang: tr.lang
        size_sp: theme.FONT_SMALL
        bold: True
        color: theme.INK_SOFT
        align: 'center'
        opacity: 1 if self.text else 0
    Image:
        source: root.pictogram_source
        fit_mode: 'contain'
        size_hint_y: None
        height: root.pictogram_height(label.height + question.height + follow.height + second.height, root.min_card_height) if root.pictogram_source else 0
        opacity: 1 if root.pictogram_source else 0
    Tekst:
        id: question
        text: root.question
        lang: root.lang
        size_sp: theme.FONT_CARD
        bold: True
        align: 'center'
    Tekst:
        id: follow
        text: root.follow_up
        lang: root.lang
        size_sp: theme.FONT_FOLLOW_UP
        align: 'center'
        color: theme.INK_SOFT
        height: self.texture_size[1] if self.text else 0
    Tekst:
        id: second
        text: root.second_question
        lang: tr.lang
        size_sp: theme.FONT_SMALL
        align: 'center'
        color: theme.INK_SOFT
        height: self.texture_size[1] if self.text else 0
    Widget:
        # spacer
"""
)

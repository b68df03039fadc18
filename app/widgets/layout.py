"""Small layout pieces every screen uses.

- :class:`Scherm`: a Screen on the warm paper background.
- :class:`Kolom`: a vertical column as high as its content and at most
  ``max_width`` wide, centred (put it in a ScrollView: nothing is ever cut
  off, however large the text).
- :class:`Rij`: a row of widgets as high as the highest of them.
- :class:`Kop`: the top bar of a screen: "Terug" and a title.
- :class:`Chip`: a round-cornered touchable label in a colour (a player, a
  person); its text colour follows the background (contrast >= 4.5:1).
- :class:`Stip`: a coloured dot (the colour of a player).
"""

from __future__ import annotations

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from app import text as _text  # noqa: F401  (registers Tekst for kv)
from app import theme
from app.text import TekstKnop

__all__ = ["Scherm", "Kolom", "Rij", "Kop", "Chip", "Stip"]


class Scherm(Screen):
    """A screen on the app's background colour."""

    def app(self):
        from kivy.app import App
        return App.get_running_app()


class Kolom(BoxLayout):
    max_width = NumericProperty(dp(760))


class Rij(GridLayout):
    """Children side by side; as high as the highest child."""


class Kop(BoxLayout):
    title = StringProperty("")
    back_text = StringProperty("")
    back_screen = StringProperty("start")


class Chip(TekstKnop):
    pass


class Stip(Widget):
    colour = ColorProperty(theme.PRIMARY)


Builder.load_string(
    """
#:import theme app.theme
#:import tr app.i18n.tr

<Scherm>:
    canvas.before:
        Color:
            rgba: theme.BACKGROUND
        Rectangle:
            pos: self.pos
            size: self.size

<Kolom>:
    orientation: 'vertical'
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(theme.GAP)
    padding: max(dp(theme.PAD), (self.width - self.max_width) / 2), dp(theme.PAD)

<Rij>:
    rows: 1
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(theme.GAP)

<Kop>:
    size_hint_y: None
    height: max(dp(theme.BUTTON) + dp(16), back.height + dp(16), title.height + dp(16))
    padding: dp(theme.PAD), dp(8)
    spacing: dp(theme.GAP)
    canvas.before:
        Color:
            rgba: theme.SURFACE_WARM
        Rectangle:
            pos: self.pos
            size: self.size
    TekstKnop:
        id: back
        text: root.back_text or tr._('Terug')
        kind: 'quiet'
        fit_width: True
        max_width: root.width * 0.4
        pos_hint: {'center_y': .5}
        on_release: app.go(root.back_screen)
    Tekst:
        id: title
        text: root.title
        size_sp: theme.FONT_HEADING
        bold: True
        pos_hint: {'center_y': .5}

<Chip>:
    fit_width: True
    size_sp: theme.FONT_BODY
    bold: False
    pad_x: dp(18)
    pad_y: dp(8)
    min_height: dp(theme.TOUCH)
    radius: min(self.height / 2, dp(24))

<Stip>:
    size_hint: None, None
    size: dp(28), dp(28)
    canvas:
        Color:
            rgba: self.colour
        Ellipse:
            pos: self.pos
            size: self.size
"""
)

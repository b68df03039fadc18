"""Small layout pieces every screen uses.

- :class:`Scherm`: a Screen on the warm paper background.
- :class:`Kolom`: a vertical column as high as its content and at most
  ``max_width`` wide, centred (put it in a ScrollView: nothing is ever cut
  off, however large the text).
- :class:`Rij`: a row of widgets as high as the highest of them.
- :class:`PassendRaster`: a grid that takes fewer columns when the texts of
  its children would not fit (big text, narrow screen).
- :class:`Kop`: the top bar of a screen: "Terug" and a title.
- :class:`Chip`: a round-cornered touchable label in a colour (a player, a
  person); its text colour follows the background (contrast >= 4.5:1).
- :class:`Stip`: a coloured dot (the colour of a player).
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from app import text as _text  # noqa: F401  (registers Tekst for kv)
from app import theme
from app.i18n import tr
from app.text import TekstKnop, style

__all__ = ["Scherm", "Kolom", "Rij", "PassendRaster", "Kop", "Chip", "Stip"]


class Scherm(Screen):
    """A screen on the app's background colour."""

    def app(self):
        from kivy.app import App
        return App.get_running_app()


class Kolom(BoxLayout):
    max_width = NumericProperty(dp(760))
    #: extra room at the end while an on-screen keyboard is up (see TekstVeld)
    keyboard_room = NumericProperty(0)


class Rij(GridLayout):
    """Children side by side; as high as the highest child."""


class PassendRaster(GridLayout):
    """A grid that picks its number of columns so every child's text fits on
    one line: the first of ``col_options`` for which each child's
    ``natural_width()`` fits a column (else the last option)."""

    col_options = ListProperty([6, 3, 2, 1])

    def __init__(self, **kwargs):
        self._recount = Clock.create_trigger(self._recount_now, -1)
        super().__init__(**kwargs)
        self.fbind("width", self._recount)
        self.fbind("col_options", self._recount)
        style.fbind("scale", self._recount)
        tr.fbind("lang", self._recount)

    def add_widget(self, widget, *args, **kwargs):
        super().add_widget(widget, *args, **kwargs)
        self._recount()

    def _recount_now(self, *_):
        if self.width <= 1 or not self.children:
            return
        need = max(c.natural_width() for c in self.children if hasattr(c, "natural_width"))
        sp_x = self.spacing[0] if isinstance(self.spacing, (list, tuple)) else self.spacing
        pad = self.padding[0] + self.padding[2]
        for cols in self.col_options:
            if cols > len(self.children) and cols != self.col_options[-1]:
                continue
            column = (self.width - pad - sp_x * (cols - 1)) / cols
            if need <= column:
                break
        if self.cols != cols:
            self.cols = cols


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
    padding: max(dp(theme.PAD), (self.width - self.max_width) / 2), dp(theme.PAD), max(dp(theme.PAD), (self.width - self.max_width) / 2), dp(theme.PAD) + self.keyboard_room

<Rij>:
    rows: 1
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(theme.GAP)

<PassendRaster>:
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(10)

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
        shrink_words: True
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

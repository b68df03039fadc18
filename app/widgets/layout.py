"""Small layout pieces every screen uses.

- :class:`AppScreen`: a Screen on the warm paper background (the window's).
- :class:`ColumnLayout`: a vertical column as high as its content and at most
  ``max_width`` wide, centred (put it in a ScrollView: nothing is ever cut
  off, however large the text).
- :class:`RowGrid`: a row of widgets as high as the highest of them.
- :class:`MirroredBoxLayout`: a horizontal BoxLayout whose children swap sides in
  a right-to-left UI language (RowGrid, FittingGrid and the chip stacks do the
  same through their ``orientation``); the network map is never mirrored.
- :class:`FittingGrid`: a grid that takes fewer columns when the texts of
  its children would not fit (big text, narrow screen).
- :class:`TopBar`: the top bar of a screen: "Terug" and a title.
- :class:`Chip`: a round-cornered touchable label in a colour (a player, a
  person); its text colour follows the background (contrast >= 4.5:1).
- :class:`Dot`: a coloured dot (the colour of a player).
- :class:`PracticeNote`: "Oefenen: er wordt niets bewaard" under the top bar
  while practice mode is on (empty and flat otherwise).
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from app import theme
from app.i18n import is_rtl, tr
from app.widgets import text as _text  # noqa: F401  (registers ScriptLabel for kv)
from app.widgets.text import ScriptButton, style

__all__ = ["show_child", "AppScreen", "ColumnLayout", "RowGrid", "MirroredBoxLayout", "FittingGrid", "TopBar", "Chip", "Dot", "PracticeNote"]


def show_child(parent, child, shown: bool, index: int = 0) -> None:
    """Put ``child`` in ``parent`` (at Kivy's ``index``: 0 is the end) while
    ``shown``, and take it out otherwise.

    Kivy has no "display: none": a widget made invisible still takes its
    place and the layout's spacing, so a button or block that comes and goes
    leaves the tree instead. The screen keeps a strong reference to it (kv
    ``ids`` are weak) so it can come back.
    """
    if shown and child.parent is None:
        parent.add_widget(child, index=index)
    elif not shown and child.parent is not None:
        child.parent.remove_widget(child)


class AppScreen(Screen):
    """A screen on the app's background colour.

    The colour is the window's clear colour (``Window.clearcolor``), not a
    rectangle of the screen's own: on the software renderer every layer that
    covers the window costs about 12 ms of CPU a frame (see bench/README.md).
    """

    def app(self):
        from kivy.app import App
        return App.get_running_app()

    def watch_app(self, name: str, callback) -> None:
        """Call ``callback`` whenever the App's property ``name`` changes.
        Bound once, when the screen is built (a screen is taken off and put
        back in the window at every visit, so binding on each visit would
        call it once more every time)."""
        app = self.app()
        if app is not None:
            app.fbind(name, callback)


class ColumnLayout(BoxLayout):
    max_width = NumericProperty(dp(760))
    #: extra room at the end while an on-screen keyboard is up (see ScriptTextInput)
    keyboard_room = NumericProperty(0)


class MirroredBoxLayout(BoxLayout):
    """A row laid out as a BoxLayout, then mirrored when the UI reads right to left."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        tr.fbind("lang", self._trigger_layout)

    def do_layout(self, *largs):
        super().do_layout(*largs)
        if self.orientation == "horizontal" and is_rtl(tr.lang):
            for child in self.children:
                child.x = self.x + (self.right - child.right)


class RowGrid(GridLayout):
    """Children side by side; as high as the highest child."""


class FittingGrid(GridLayout):
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


class TopBar(MirroredBoxLayout):
    title = StringProperty("")
    back_text = StringProperty("")
    back_screen = StringProperty("start")


class Chip(ScriptButton):
    pass


class PracticeNote(_text.ScriptLabel):
    """A calm band under a screen's top bar while practice mode is on:
    nothing of this game is kept (and nothing real is shown)."""


class Dot(Widget):
    colour = ColorProperty(theme.PRIMARY)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

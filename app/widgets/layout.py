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
- :class:`PictureScrollView`: a ScrollView that keeps a picture of what it
  shows and draws that while nothing in it changes.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.graphics import Canvas, ClearBuffers, ClearColor, Color, Fbo, PopMatrix, PushMatrix, Rectangle, Translate
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.layout import Layout
from kivy.uix.screenmanager import Screen
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

from app import theme
from app.i18n import is_rtl, tr
from app.widgets import text as _text  # noqa: F401  (registers ScriptLabel for kv)
from app.widgets.text import ScriptButton, style

__all__ = ["ClipScrollView", "PictureScrollView", "ChildrenInPicture", "PictureMixin", "PictureActionsRow", "show_child", "scroll_view_around",
           "AppScreen", "ColumnLayout", "RowGrid", "MirroredBoxLayout", "FittingGrid", "ActionsRow", "TopBar", "Chip", "Dot",
           "PracticeNote"]


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


def scroll_view_around(widget):
    """The nearest ScrollView ``widget`` lies in (None when it is in none)."""
    p = widget.parent
    while p is not None and p is not p.parent:
        if isinstance(p, ScrollView):
            return p
        p = p.parent
    return None


class AppScreen(Screen):
    """A screen on the app's background colour.

    The colour is the window's clear colour (``Window.clearcolor``), not a
    rectangle of the screen's own: on the software renderer every layer that
    covers the window costs about 12 ms of CPU a frame (see bench/README.md).
    """

    def app(self):
        from kivy.app import App
        return App.get_running_app()

    def _refresh_if_shown(self, *_) -> None:
        """A language switch re-words the screen in sight; others refresh
        when they are next entered. Bound as a method, so weakly: the
        language never keeps a screen alive."""
        if self.manager and self.manager.current == self.name:
            self.refresh()

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
        tr.bind(lang=self._trigger_layout)

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
        style.bind(scale=self._recount)
        tr.bind(lang=self._recount)

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


class ActionsRow(Layout):
    """A title (with what stands before it, a dot say) and buttons at the
    end: on one row while the title's longest word still fits beside the
    buttons, else the buttons on a row of their own under the title, at the
    end. Mirrors in a right-to-left UI. As high as its rows; a Layout, so no
    widget changes parent. ``label`` is the title (its words never break);
    the buttons are the children that have ``natural_width``."""

    spacing = NumericProperty(0)
    padding = ListProperty([0, 0, 0, 0])
    label = ObjectProperty(None, allownone=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("pos", "width", "spacing", "padding", "children", "label"):
            self.fbind(name, self._trigger_layout)
        style.bind(scale=self._trigger_layout)
        tr.bind(lang=self._trigger_layout)

    def add_widget(self, widget, *args, **kwargs):
        widget.fbind("height", self._trigger_layout)
        if hasattr(widget, "natural_width"):
            widget.fbind("text", self._trigger_layout)
        super().add_widget(widget, *args, **kwargs)

    def _title(self):
        """The title widget itself (kv hands a weak proxy of it)."""
        return getattr(self.label, "__self__", self.label) if self.label is not None else None

    def _longest_word(self) -> float:
        label = self._title()
        if label is None or not label.text.strip():
            return dp(48)
        from app.scripts import display_text
        lang = label.lang or tr.lang
        return max(label._measure(display_text(w, lang)) for w in label.text.split()) + 2 * label.pad_x + dp(4)

    def do_layout(self, *_):
        if not self.children or self.width <= 1:
            return
        pad = list(self.padding)
        pad = pad * 4 if len(pad) == 1 else (pad * 2 if len(pad) == 2 else pad)   # as Kivy's layouts take it
        left, top, right, bottom = pad
        width, gap = self.width - left - right, self.spacing
        ordered = list(reversed(self.children))           # in kv order
        buttons = [c for c in ordered if hasattr(c, "natural_width")]
        lead = [c for c in ordered if c not in buttons]
        title = self._title()
        fixed = sum(c.width for c in lead if c is not title) + gap * max(len(lead) - 1, 0)
        longest = self._longest_word()
        wanted = [min(b.full_width() if hasattr(b, "compact") else b.natural_width(), width) for b in buttons]
        room = width - fixed - sum(wanted) - gap * len(buttons)
        one_row = room >= longest
        compact = False
        if not one_row and any(hasattr(b, "compact") for b in buttons):
            # buttons that have a short form (a pictogram) take it, if then all fits on one row
            short = [b.compact_width() if hasattr(b, "compact") else w for b, w in zip(buttons, wanted)]
            if width - fixed - sum(short) - gap * len(buttons) >= longest:
                compact, wanted, one_row = True, short, True
                room = width - fixed - sum(short) - gap * len(buttons)
        for b in buttons:
            if hasattr(b, "compact"):
                b.compact = compact
        if title is not None:
            title.width = max(room if one_row else width - fixed, dp(24))
        if not one_row and sum(wanted) + gap * (len(buttons) - 1) > width:
            wanted = [(width - gap * (len(buttons) - 1)) / len(buttons)] * len(buttons)
        for b, w in zip(buttons, wanted):
            b.width = w
        rows = [r for r in ([lead + buttons] if one_row else [lead, buttons]) if r]
        heights = [max(c.height for c in r) for r in rows]
        total = top + bottom + sum(heights) + gap * (len(rows) - 1)
        rtl = is_rtl(tr.lang)

        def place(c, x, y, height):
            c.x = (self.x + self.width - (x - self.x) - c.width) if rtl else x
            c.y = y + (height - c.height) / 2

        y = self.y + total - top
        for row, height in zip(rows, heights):
            y -= height
            x = self.x + left                       # the title and what stands before it: from the start
            for c in row:
                if c not in buttons:
                    place(c, x, y, height)
                    x += c.width + gap
            end = self.x + left + width             # the buttons: at the end
            for b in reversed([c for c in row if c in buttons]):
                place(b, end - b.width, y, height)
                end -= b.width + gap
            y -= gap
        self.height = total


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


class ChildrenInPicture:
    """Children added to this widget draw into ``self._inside`` (a canvas
    inside the widget's Fbo) instead of its own canvas. Put it before the
    widget class among the bases."""

    def _into_picture(self, method, *args, **kwargs):
        canvas, self.canvas = self.canvas, self._inside
        try:
            return method(*args, **kwargs)
        finally:
            self.canvas = canvas

    def add_widget(self, widget, *args, **kwargs):
        return self._into_picture(super().add_widget, widget, *args, **kwargs)

    def remove_widget(self, widget, *args, **kwargs):
        return self._into_picture(super().remove_widget, widget, *args, **kwargs)


def _open_picture(widget, background) -> Fbo:
    """The Fbo of a widget that draws from a picture of itself: cleared to
    ``background``, shifted so the widget's window position is its origin
    (``widget._shift``); its content is added by the caller, then
    :func:`_close_picture`."""
    fbo = Fbo(size=(1, 1))
    with fbo:
        widget._clear = ClearColor(*background)
        ClearBuffers()
        PushMatrix()
        widget._shift = Translate(0, 0)
    return fbo


def _close_picture(widget) -> None:
    """After the content: the Fbo on the widget's canvas (drawn again only
    when something in it changed) and the picture shown where the widget
    is, following its place and size."""
    widget._fbo.add(PopMatrix())
    widget.canvas.add(widget._fbo)
    with widget.canvas:
        Color(1, 1, 1, 1)
        widget._picture = Rectangle(texture=widget._fbo.texture, size=(1, 1))
    for name in ("pos", "size"):
        widget.fbind(name, widget._frame_picture)
    widget._frame_picture()


def _frame_picture(widget) -> None:
    """The picture on the widget, in whole pixels (drawn 1:1)."""
    x, y = round(widget.x), round(widget.y)
    size = (max(1, round(widget.width)), max(1, round(widget.height)))
    if tuple(widget._fbo.size) != size:
        widget._fbo.size = size
        widget._picture.texture = widget._fbo.texture
    widget._shift.xy = (-x, -y)
    widget._picture.pos = (x, y)
    widget._picture.size = size


class PictureMixin(ChildrenInPicture):
    """For a Layout: its children draw into a picture of its own size (an
    :class:`~kivy.graphics.Fbo`, cleared to the bars' colour), and
    a frame shows the picture. For the bars of the table, which stand still
    while a card slides in between them: on the software renderer their
    buttons were ~9 ms of each of the slide's frames; the picture is drawn
    again only when something in it changes (a press, a new name). Children
    stay widgets (touches, tests and the accessibility walk reach them).
    Put it first among the bases: ``class X(PictureMixin, ActionsRow)``."""

    def __init__(self, **kwargs):
        self._fbo = _open_picture(self, theme.SURFACE_WARM)
        self._inside = Canvas()
        self._fbo.add(self._inside)
        super().__init__(**kwargs)
        _close_picture(self)

    def _frame_picture(self, *_):
        _frame_picture(self)


class PictureActionsRow(PictureMixin, ActionsRow):
    """An :class:`ActionsRow` drawn from a picture of itself (a screen's top bar)."""


class OwnClipScrollView(ScrollView):
    """A ScrollView without StencilView's stencil, its scroll bars drawn as
    Kivy draws them (layout.kv): the base of the two below, which clip in
    cheaper ways on the software renderer."""


class PictureScrollView(OwnClipScrollView):
    """A ScrollView that draws what it shows into a picture of its own size
    (an :class:`~kivy.graphics.Fbo`, as the map does) and shows the picture.

    Kivy draws the whole window every frame; the summary's side column (the
    buttons, the players, the who-helps-with-what lines) cost about 20 ms of
    every frame on the software renderer while a dot was dragged on the map
    beside it, about 0.1 ms per draw call. The picture is drawn again only
    when something in it changes or it scrolls, and it clips for free (no
    stencil). The picture is opaque, cleared to the screen's background
    colour, so text edges blend as they would on the screen: for a view on
    the app's background.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.canvas.remove(self.canvas_viewport)
        self._fbo = _open_picture(self, theme.BACKGROUND)
        self._fbo.add(self.canvas_viewport)
        _close_picture(self)

    def _frame_picture(self, *_):
        _frame_picture(self)


class ClipScrollView(OwnClipScrollView):
    """A ScrollView that cuts its content off at its edges with a scissor
    (the renderer simply does not draw outside a rectangle) instead of
    Kivy's stencil, which fills its rectangle into the stencil buffer twice
    a frame and tests every pixel drawn inside against it: on the software
    renderer about 5 ms of every frame of the table (bench/README.md).

    A scissor is given in window pixels: :attr:`clip` follows the view's
    place in the window. Not for a view that moves without its own
    position changing (inside another scroll view's content).
    """

    #: (x, y, width, height) in window pixels
    clip = ListProperty([0, 0, 0, 0])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("pos", "size", "parent"):
            self.fbind(name, self._place_clip)
        self._place_clip()

    def _place_clip(self, *_):
        x, y = self.to_window(self.x, self.y)
        self.clip = [int(round(x)), int(round(y)), max(0, int(round(self.width))), max(0, int(round(self.height)))]


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

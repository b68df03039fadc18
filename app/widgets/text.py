"""The text widgets: every text the app draws is one of these.

- :class:`ScriptLabel`, a Label that wraps to its width and grows to its
  text (no clipping), sized in sp and scaled by the text-size setting
  (:data:`style` ``.scale``), in the font of its language or script
  (:mod:`app.fonts`), shaped and ordered for its direction
  (:mod:`app.scripts`).
- :class:`ScriptButton`, a button made of the same, at least 48 dp in both
  directions, growing with its text.
- ``ScriptTextInput``, a one-line field in the app's type that keeps
  itself above a docked on-screen keyboard, lives in
  :mod:`app.widgets.textinput`: Kivy's TextInput costs a tenth of a second to
  import, so it is imported when a screen first makes a field (kv finds it
  through the Factory; ``from app.widgets.text import ScriptTextInput`` works
  too), never at start-up.

They watch :data:`style` through weak references, so a widget thrown away
(a chip of a name, a row of a list) is freed, not kept alive by the style.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label

from app import theme
from app.fonts import as_drawn, font_for, measure
from app.i18n import tr
from app.scripts import display_text, text_is_rtl

__all__ = ["style", "TextStyle", "TEXT_SCALES", "ScriptLabel", "ScriptButton", "resolve_halign",
           "TypedPreview"]

#: The text-size setting: name -> factor on every sp size.
TEXT_SCALES = {"normal": 1.0, "large": 1.5, "extra-large": 2.0}


class TextStyle(EventDispatcher):
    """App-wide text settings every :class:`ScriptLabel` follows."""

    scale = NumericProperty(1.0)


#: The one text style; the app sets ``style.scale`` from its settings.
style = TextStyle()


def resolve_halign(align: str, lang: str | None, text: str = "") -> str:
    """'start' / 'end' -> 'left' / 'right' for the reading direction."""
    if align in ("center", "justify"):
        return align
    rtl = text_is_rtl(text, lang or tr.lang)
    if align == "end":
        return "left" if rtl else "right"
    return "right" if rtl else "left"


# --- widgets ---------------------------------------------------------------------


class ScriptLabel(Label):
    """A label for every text in the app.

    ``size_sp`` is the size at the normal text setting; ``lang`` the language
    of the text (empty: the UI language), which picks font and direction;
    ``align`` is 'start', 'center' or 'end' (start = left in Dutch, right in
    Arabic). It wraps at its width and its height follows the text, so put it
    in a layout that gives it a width (``size_hint_x``) and let it choose its
    height.
    """

    size_sp = NumericProperty(theme.FONT_BODY)
    lang = StringProperty("")
    align = OptionProperty("start", options=("start", "center", "end", "justify"))
    pad_x = NumericProperty(0)
    pad_y = NumericProperty(0)
    #: the app-wide :data:`style` (a property so kv can watch its scale)
    text_style = ObjectProperty(style)
    #: rather than break a word that is wider than the line, make the text
    #: smaller (never below :data:`theme.FONT_SMALL` sp); for titles and buttons
    shrink_words = BooleanProperty(False)
    fit_factor = NumericProperty(1.0)

    def __init__(self, **kwargs):
        self._shrink = Clock.create_trigger(self._shrink_now, -1)
        super().__init__(**kwargs)
        for name in ("text", "width", "size_sp", "pad_x", "shrink_words", "font_name", "bold"):
            self.fbind(name, self._shrink)
        style.bind(scale=self._on_style)       # a weak reference: see the module's doc
        self._shrink()

    def _on_style(self, *_):
        self._shrink()

    def _shrink_now(self, *_):
        if not self.shrink_words or not self.text.strip() or self.width <= 1:
            self.fit_factor = 1.0
            return
        base = sp(self.size_sp) * style.scale
        lang = self.lang or tr.lang
        widest = max(self._measure(display_text(w, lang), base) for w in self.text.split())
        room = self.width - 2 * self.pad_x - dp(2)
        factor = 1.0 if widest <= room else room / widest
        self.fit_factor = max(factor, min(1.0, sp(theme.FONT_SMALL) / base))

    @staticmethod
    def pick_font(lang: str, text: str) -> str:
        return font_for(lang, text)

    @staticmethod
    def pick_halign(align: str, lang: str, text: str) -> str:
        return resolve_halign(align, lang, text)

    def texture_update(self, *largs):
        # The drawn string is made from the logical `text` here, and only here.
        lang = self.lang or tr.lang
        if self._label is not None:
            self._label.resolve_font_name()
            as_drawn(self._label)     # Kivy then measures as it draws (app.fonts.as_drawn)
        if self._label is not None and not self.markup:
            width = self.text_size[0] if self.text_size else None
            if width is not None and self.padding:      # the room kept inside at the ends
                width -= self.padding[0] + self.padding[2]
            drawn = display_text(self.text, lang, width, self._measure)
            self._label.text = drawn
            if width is not None:
                # Kivy lays the lines out again with its own measure: never
                # let it break a line that the one measure fitted
                slack = self._kivy_slack(drawn, width)
                self._label.text_size = (self.text_size[0] + slack, self.text_size[1])
                super().texture_update(*largs)
                # drawing can change Kivy's figure (see _kivy_slack): when it
                # grew, the line was drawn cut at the texture's edge; again
                after = self._kivy_slack(drawn, width)
                if after > slack:
                    self._label.text_size = (self.text_size[0] + after, self.text_size[1])
                    super().texture_update(*largs)
                return
        super().texture_update(*largs)

    def _kivy_slack(self, drawn: str, room: float) -> float:
        """How much wider than ``room`` Kivy's own measure finds a line that
        :func:`app.fonts.measure` says fits (0 almost always).

        The two differed by a few pixels for the same string, font and size
        when the font object Kivy keeps per font and size had not drawn yet
        (a Tigrinya sector name: 58 px, then 61 px once drawn), and a box
        sized by the one measure got a word broken into two lines by Kivy,
        of which one showed ("ት"). :func:`app.fonts.as_drawn` takes that
        cause away; this stays as the guard for any other difference (Kivy
        measures word by word, the one measure whole lines). A line the one
        measure fitted is given the room Kivy wants for it; a line it did
        not fit is wrapped as before.
        """
        fitted = [line for line in drawn.split("\n") if line and self._measure(line) <= room]
        if not fitted:
            return 0
        self._label.resolve_font_name()
        live = max(self._label.get_extents(line)[0] for line in fitted)
        return max(0, live - room)

    def _measure(self, visual: str, font_size: float | None = None) -> float:
        return measure(visual, self.font_name, font_size or self.font_size, self.bold)[0]


class ScriptButton(ButtonBehavior, ScriptLabel):
    """A button with text: kind 'primary' (the next step), 'secondary', 'warm',
    'danger', 'quiet' or 'surface'; or set ``bg`` and the text colour follows.
    At least :data:`theme.TOUCH` dp in both directions and ``min_height``
    high; it grows when the text wraps.
    """

    kind = OptionProperty("secondary", options=tuple(theme.BUTTONS))
    bg = ColorProperty(None, allownone=True)
    selected = BooleanProperty(False)
    min_height = NumericProperty(dp(theme.BUTTON))
    radius = NumericProperty(dp(theme.RADIUS))
    _bg = ColorProperty(theme.SECONDARY)
    _down = ColorProperty(theme.SECONDARY_DOWN)
    #: hug the text: as wide as the text on one line, but at most
    #: ``max_width`` (then the text wraps). Otherwise the layout sets the width.
    fit_width = BooleanProperty(False)
    max_width = NumericProperty(dp(100000))

    def __init__(self, **kwargs):
        self._fit = Clock.create_trigger(self._fit_now, -1)
        super().__init__(**kwargs)
        for name in ("text", "size_sp", "font_name", "bold", "max_width", "pad_x", "fit_width"):
            self.fbind(name, self._fit)
        self._fit()

    def _on_style(self, *_):
        super()._on_style()
        self._fit()

    def on_parent(self, _instance, parent):
        old = getattr(self, "_width_parent", None)
        if old is not None:
            old.funbind("width", self._fit)
        self._width_parent = parent
        if parent is not None:
            parent.fbind("width", self._fit)
        self._fit()

    def natural_width(self) -> float:
        """How wide this button wants to be: its text on one line, at full
        size (before any shrinking to fit)."""
        text = display_text(self.text, self.lang or tr.lang) if self.text else ""
        base = sp(self.size_sp) * style.scale
        return (self._measure(text, base) if text else 0) + 2 * self.pad_x + dp(2)

    def _fit_now(self, *_):
        if not self.fit_width:
            return
        limit = self.max_width
        parent = self.parent
        if parent is not None and parent.width > dp(60):
            pad = getattr(parent, "padding", (0, 0, 0, 0))
            pad_x = (pad[0] + pad[2]) if len(pad) == 4 else (pad[0] * 2 if pad else 0)
            limit = min(limit, parent.width - pad_x)
        width = max(dp(theme.TOUCH), min(limit, self.natural_width()))
        self.size_hint_x = None
        self.width = width


#: The count under a field shows past this part of its ``max_chars``: "4 van
#: 60 tekens" under "mama" read as a form to fill in; near the end it helps.
COUNT_FROM = 2 / 3


class TypedPreview(ScriptLabel):
    """Under a field: the count against the field's ``max_chars`` ("45 van
    60 tekens") once the text nears it, red past it. With ``reserve`` the
    line keeps its height when empty, so nothing below it moves.

    It showed the typed text shaped too, while the field drew Arabic
    unjoined; :class:`app.widgets.textinput.ScriptTextInput` draws it shaped
    itself now, and a name twice was one thing more to read.
    """

    field = ObjectProperty(None, allownone=True)
    reserve = BooleanProperty(True)

    def on_field(self, _instance, field):
        if field is not None:
            field.fbind("text", self._update)
            field.fbind("max_chars", self._update)
        self._update()

    def _update(self, *_):
        field = self.field
        n = len(" ".join((field.text if field is not None else "").split()))
        limit = field.max_chars if field is not None else 0
        self.text = tr._("{n} van {max} tekens").format(n=n, max=int(limit)) \
            if limit and n > limit * COUNT_FROM else ""
        self.color = theme.DANGER if limit and n > limit else theme.INK


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

# kv meets ScriptTextInput by name: the Factory imports its module then
Factory.register("ScriptTextInput", module="app.widgets.textinput")


def __getattr__(name: str):
    """``from app.widgets.text import ScriptTextInput`` still works, importing
    :mod:`app.widgets.textinput` (and Kivy's TextInput) only then."""
    if name == "ScriptTextInput":
        from app.widgets.textinput import ScriptTextInput
        return ScriptTextInput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The one-line text field of the app (:class:`ScriptTextInput`).

Its own module because Kivy's TextInput takes about a tenth of a second to
import (it loads the clipboard and the on-screen keyboard machinery): the
start screen has no field, so start-up never pays for it. kv files name
``ScriptTextInput`` as usual; :mod:`app.widgets.text` registers it with the
Factory, which imports this module when the first field is made.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.graphics import Color, Rectangle
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.textinput import TextInput

from app import theme
from app.fonts import font_for
from app.i18n import tr
from app.scripts import display_text, has_rtl, text_is_rtl
from app.widgets.layout import scroll_view_around
from app.widgets.text import style

__all__ = ["ScriptTextInput"]


class ScriptTextInput(TextInput):
    """A one-line text field in the app's type (size, font by script).

    Typing Arabic into a Kivy TextInput does not join letters (kivy#1570,
    #1619). The field keeps the logical string (``text``, the cursor, what a
    key inserts or deletes) and draws each line with right-to-left letters
    shaped and in reading order (:func:`app.scripts.display_text`); the
    cursor, a tap and a selection on such a line are placed by the width of
    the drawn prefix, from the right when the line reads right to left
    (:meth:`_visual_x`). The placeholder (``hint_text``) is shaped
    here: set it to the logical text, the field shows the drawn one. The font
    follows the typed script (the mixed font for a name in two scripts or with
    an emoji); the text sits on the right when it, or the UI language, reads
    right to left. ``max_chars`` (0: none) is the longest text the field is
    for; :class:`app.widgets.text.TypedPreview` under it counts near it.
    """

    size_sp = NumericProperty(theme.FONT_BODY + 4)
    lang = StringProperty("")
    text_style = ObjectProperty(style)
    max_chars = NumericProperty(0)

    def __init__(self, **kwargs):
        self._logical_hint = ""
        self._shaping_hint = False
        super().__init__(**kwargs)
        tr.bind(lang=self._reshape_hint)     # weakly: a dropped field is not kept alive

    def on_hint_text(self, _instance, value):
        if self._shaping_hint:
            return
        self._logical_hint = value
        self._reshape_hint()

    def _reshape_hint(self, *_):
        shaped = display_text(self._logical_hint, self.lang or tr.lang)
        self._shaping_hint = True
        try:
            self.hint_text = shaped
        finally:
            self._shaping_hint = False

    @property
    def placeholder(self) -> str:
        """The placeholder as written (logical order; ``hint_text`` is as drawn)."""
        return self._logical_hint

    @staticmethod
    def pick_halign(lang: str, text: str) -> str:
        return "right" if text_is_rtl(text, None if text.strip() else lang) else "left"

    @staticmethod
    def pick_font(lang: str, text: str) -> str:
        return font_for(lang, text)

    # -- right-to-left letters, drawn shaped -----------------------------------
    # Kivy draws, measures and hit-tests a line as its logical string. Lines
    # with Arabic or Hebrew letters are drawn shaped instead, and the four
    # places that turn a logical column into x (and back) go through
    # _visual_x. Everything else (typing, deleting, the text) stays Kivy's.

    def _create_line_label(self, text, hint=False):
        if not hint and has_rtl(text):     # the placeholder is shaped already
            text = display_text(text)
        return super()._create_line_label(text, hint)

    def _visual_x(self, row: int, col: int) -> float:
        """x of the place before logical ``col`` of line ``row``, from the
        left of the drawn line: the width of the drawn prefix, counted from
        the right (the drawn line's width) when the line reads right to left."""
        line = self._lines[row]
        prefix = self._get_text_width(display_text(line[:col]), self.tab_width, self._label_cached) if col else 0
        return max(0, self._get_row_width(row) - prefix) if text_is_rtl(line) else prefix

    def cursor_offset(self):
        row, col = int(self.cursor_row), int(self.cursor_col)
        if row < len(self._lines) and has_rtl(self._lines[row]):
            return self._visual_x(row, col)
        return super().cursor_offset()

    def get_cursor_from_xy(self, x, y):
        col, row = super().get_cursor_from_xy(x, y)
        if row >= len(self._lines_rects) or not has_rtl(self._lines[row]):
            return col, row
        # the column whose place is nearest the tap, on the line as drawn
        left = self._lines_rects[row].pos[0]
        return min(range(len(self._lines[row]) + 1), key=lambda c: abs(left + self._visual_x(row, c) - x)), row

    def _draw_selection(self, pos, size, line_num, selection_start, selection_end, lines, *args):
        line = lines[line_num] if line_num < len(lines) else ""
        if not has_rtl(line) or not selection_start[1] <= line_num <= selection_end[1]:
            return super()._draw_selection(pos, size, line_num, selection_start, selection_end, lines, *args)
        canvas_add, selection_color = args[-2], args[-1]
        first = selection_start[0] if line_num == selection_start[1] else 0
        last = selection_end[0] if line_num == selection_end[1] else len(line)
        xs = sorted((self._visual_x(line_num, first), self._visual_x(line_num, last)))
        if xs[0] == xs[1]:
            return
        canvas_add(Color(*selection_color, group="selection"))
        canvas_add(Rectangle(pos=(pos[0] + xs[0], pos[1]), size=(xs[1] - xs[0], size[1]), group="selection"))

    # -- the on-screen keyboard never covers the field ------------------------
    # Window.softinput_mode handles the system keyboard. Kivy's own docked
    # keyboard is placed from the field's *local* y (wrong inside a
    # ScrollView) and the view is not panned; so: dock the keyboard at the
    # bottom and, when the field would be under it, scroll the field up
    # (giving the column extra room at its end while typing).

    def on_focus(self, _instance, focused):
        if focused:
            Clock.schedule_once(self._keep_above_keyboard, 0)
        else:
            self._set_keyboard_room(0)

    def _docked_keyboard(self):
        from kivy.core.window import Window
        return next((w for w in Window.children if type(w).__name__ == "VKeyboard"
                     and getattr(w, "docked", False)), None)

    def _set_keyboard_room(self, room: float) -> None:
        p = self.parent
        while p is not None and p.parent is not p:
            if hasattr(p, "keyboard_room"):
                p.keyboard_room = room
                return
            p = p.parent

    def _keep_above_keyboard(self, *_):
        keyboard = self._docked_keyboard()
        if keyboard is None or not self.focus:
            return
        keyboard.pos = (0, 0)
        top = keyboard.height * keyboard.scale + dp(8)
        below = top - self.to_window(self.x, self.y)[1]
        scroll = scroll_view_around(self)
        if below <= 0 or scroll is None:
            return
        self._set_keyboard_room(top)
        Clock.schedule_once(lambda *_: self._scroll_up(scroll, top), 0)

    def _scroll_up(self, scroll, top: float) -> None:
        below = top - self.to_window(self.x, self.y)[1]
        content = scroll.children[0] if scroll.children else None
        if below <= 0 or content is None:
            return
        extra = content.height - scroll.height
        if extra > 0:
            scroll.scroll_y = max(0.0, scroll.scroll_y - below / extra)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

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
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.textinput import TextInput

from app import theme
from app.fonts import font_for
from app.i18n import tr
from app.scripts import display_text, text_is_rtl
from app.widgets.layout import scroll_view_around
from app.widgets.text import style

__all__ = ["ScriptTextInput"]


class ScriptTextInput(TextInput):
    """A one-line text field in the app's type (size, font by script).

    Typing Arabic into a Kivy TextInput does not join letters (kivy#1570,
    #1619): the field keeps the logical string, and
    :class:`app.widgets.text.TypedPreview` beside it shows what was typed,
    shaped and in reading order. The placeholder (``hint_text``) is shaped
    here: set it to the logical text, the field shows the drawn one. The font
    follows the typed script (the mixed font for a name in two scripts or with
    an emoji); the text sits on the right when it, or the UI language, reads
    right to left. ``max_chars`` (0: none) is the longest text the field is
    for; the preview shows the count while typing.
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

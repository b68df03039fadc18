"""What stands between the family's names and someone who should not see
them: the PIN lock, the PIN pad, setting a PIN, and the names cover.

- :class:`LockView` covers the whole window (above every screen and every
  open panel) until the PIN is typed. It shows no name, no deck and no count:
  only the question, dots for the digits typed, and a calm line when a
  wrong PIN makes the next try wait. "Pincode vergeten?" leads, after two
  clear questions, to erasing every session (the only way back in).
- :class:`NamesCover` is the "Namen verbergen" cover of the table and the
  summary: one calm surface over everything; "Namen tonen" takes it away
  (after the PIN when one is set).
- :class:`PinDialog` sets, changes or removes the PIN from Settings (a new
  PIN is asked twice).

The overlays are widgets on the Window, not screens: the screen and the
session in play stay as they were underneath, and :func:`keep_on_top` keeps
them above any panel or question opened later. The PIN itself is checked by
:class:`kaarten.pin.PinLock`; nothing here keeps the digits after a try.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable

from kivy.clock import Clock
from kivy.graphics import Color, Ellipse, Line
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

from app import theme
from app.i18n import tr
from app.overlays import keep_on_top  # noqa: F401  (its home before; main imports app.overlays)
from app.widgets import layout as _layout  # noqa: F401  (ColumnLayout, FittingGrid for kv)
from app.widgets import pictogram as _pictogram  # noqa: F401  (Pictogram for kv)
from app.widgets.layout import show_child
from app.widgets.text import ScriptButton, style
from kaarten.pin import PIN_LENGTHS, PinError, PinLock, check_pin_format

__all__ = ["LockView", "NamesCover", "HideNamesButton", "PinDialog", "PinPad", "wait_text", "keep_on_top"]


def wait_text(seconds: float) -> str:
    """"Even wachten. Over 30 seconden kun je het weer proberen." (minutes
    from two minutes on)."""
    seconds = math.ceil(seconds)
    if seconds >= 120:
        n = math.ceil(seconds / 60)
        return tr.ngettext("Even wachten. Over {n} minuut kun je het weer proberen.",
                           "Even wachten. Over {n} minuten kun je het weer proberen.", n).format(n=n)
    return tr.ngettext("Even wachten. Over {n} seconde kun je het weer proberen.",
                       "Even wachten. Over {n} seconden kun je het weer proberen.", seconds).format(n=seconds)


class PinDots(Widget):
    """One circle per digit typed (filled), and the room left (open)."""

    count = NumericProperty(0)
    room = NumericProperty(PIN_LENGTHS[0])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bind(count=self._draw, room=self._draw, pos=self._draw, size=self._draw)

    def _draw(self, *_):
        self.canvas.clear()
        slots = max(int(self.room), int(self.count))
        r, gap = dp(9), dp(14)
        width = slots * 2 * r + (slots - 1) * gap
        x = self.center_x - width / 2
        with self.canvas:
            for i in range(slots):
                Color(*theme.PRIMARY)
                cx = x + r + i * (2 * r + gap)
                if i < self.count:
                    Ellipse(pos=(cx - r, self.center_y - r), size=(2 * r, 2 * r))
                else:
                    Line(circle=(cx, self.center_y, r - dp(1)), width=dp(1.5))


class PinPad(FloatLayout):
    """Ten digits, "Wis" and "OK", as on a phone (never mirrored): the digits
    typed are kept only until OK, then handed to ``on_pin`` and forgotten."""

    #: how many digits are typed (the digits themselves are not a property)
    count = NumericProperty(0)
    enabled = BooleanProperty(True)

    __events__ = ("on_pin",)

    def __init__(self, **kwargs):
        self._digits = ""
        super().__init__(**kwargs)

    def press(self, key: str) -> None:
        if not self.enabled:
            return
        if key == "back":
            self._digits = self._digits[:-1]
        elif key == "ok":
            if len(self._digits) >= PIN_LENGTHS[0]:
                pin, self._digits = self._digits, ""
                self.count = 0
                self.dispatch("on_pin", pin)
            return
        elif len(self._digits) < PIN_LENGTHS[1]:
            self._digits += key
        self.count = len(self._digits)

    def type_pin(self, pin: str) -> None:
        """Type ``pin`` and OK, key by key (a hardware keyboard, a test)."""
        for key in pin:
            self.press(key)
        self.press("ok")

    def clear(self) -> None:
        self._digits = ""
        self.count = 0

    def on_pin(self, pin: str) -> None:
        pass


class _Overlay(FloatLayout):
    """A layer over the whole window that lets no touch through."""

    def on_touch_down(self, touch):
        super().on_touch_down(touch)
        return True

    def on_touch_move(self, touch):
        super().on_touch_move(touch)
        return True

    def on_touch_up(self, touch):
        super().on_touch_up(touch)
        return True


class LockView(_Overlay):
    """The lock: "Vul je pincode in" and the PIN pad, over everything.

    ``purpose`` 'unlock' (at start, after quiet, back from the background)
    or 'reveal' (show the names under the cover: "Terug" keeps them covered).
    ``on_open(purpose)`` is called after the right PIN, or after everything
    was erased because the PIN was forgotten.
    """

    step = OptionProperty("enter", options=("enter", "forgot", "sure"))
    purpose = OptionProperty("unlock", options=("unlock", "reveal"))
    message = StringProperty("")
    #: "Even wachten..." while a wrong PIN makes the next try wait
    wait_message = StringProperty("")
    waiting = BooleanProperty(False)
    damaged = BooleanProperty(False)

    def __init__(self, pin: PinLock, on_open: Callable[[str], None],
                 on_erase: Callable[[], bool], on_cancel: Callable[[], None] | None = None, **kwargs):
        self.pin = pin
        self._on_open = on_open
        self._on_erase = on_erase
        self._on_cancel = on_cancel
        self._tick = Clock.schedule_interval(self._update_wait, 1.0)
        self._tick.cancel()
        super().__init__(**kwargs)
        tr.bind(lang=self._update_wait)     # weakly: a dismissed lock is not kept alive

    def on_kv_post(self, *_):
        self.ids.pad.bind(on_pin=lambda _pad, pin: self.try_pin(pin))
        self._primary = self.ids.primary.__self__      # ids are weak; it comes and goes
        self.fbind("step", self._show_buttons)
        self.fbind("purpose", self._show_buttons)
        self._show_buttons()

    def _show_buttons(self, *_) -> None:
        """At the lock: only "Pincode vergeten?" (and "Terug" when it guards
        the names); on the questions: "Niet wissen" and "Alles wissen"."""
        shown = not (self.step == "enter" and self.purpose == "unlock")
        show_child(self.ids.answers, self._primary, shown)

    def start(self, purpose: str = "unlock") -> None:
        self.purpose = purpose
        self.step = "enter"
        self.ids.pad.clear()
        self.damaged = self.pin.damaged
        self.message = (tr._("De pincode kon niet worden gelezen. De app gaat alleen weer open "
                             "als alle gesprekken worden gewist.") if self.damaged else "")
        self._update_wait()

    def _update_wait(self, *_) -> None:
        left = self.pin.wait_left() if self.pin.is_set else 0
        self.waiting = left > 0
        self.ids.pad.enabled = not self.waiting
        self.wait_message = wait_text(left) if self.waiting else ""
        if self.waiting:
            self._tick()
        else:
            self._tick.cancel()

    def try_pin(self, pin: str) -> None:
        attempt = self.pin.check(pin)
        if attempt.ok:
            self.message = ""
            self._tick.cancel()
            self._on_open(self.purpose)
            return
        if not self.damaged:
            self.message = tr._("Dat klopt niet. Probeer het nog eens.")
        self._update_wait()

    def key(self, text: str) -> bool:
        """A key of a hardware keyboard: digits, backspace, enter."""
        if self.step != "enter":
            return False
        if text in "0123456789" and len(text) == 1:
            self.ids.pad.press(text)
        elif text == "backspace":
            self.ids.pad.press("back")
        elif text == "enter":
            self.ids.pad.press("ok")
        else:
            return False
        return True

    def cancel(self) -> None:
        self._tick.cancel()
        if self._on_cancel is not None:
            self._on_cancel()

    def forgot(self) -> None:
        self.step = "forgot"

    def back(self) -> None:
        self.step = "enter"

    def sure(self) -> None:
        self.step = "sure"

    def erase(self) -> None:
        """Every session goes, for real; then the PIN; then the app opens."""
        if self._on_erase():
            self.pin.clear()
            self._tick.cancel()
            self._on_open("erased")
        else:
            self.step = "enter"


class HideNamesButton(ScriptButton):
    """"Namen verbergen", always on the table and the summary. Where the
    words leave no room beside the title, it is just the cover's pictogram
    (``compact``, set by :class:`app.widgets.layout.ActionsRow`)."""

    compact = BooleanProperty(False)

    def natural_width(self) -> float:
        return self.compact_width() if self.compact else self.full_width()

    def full_width(self) -> float:
        """As wide as "Namen verbergen" on one line (whatever it shows now)."""
        from app.scripts import display_text
        text = display_text(tr._("Namen verbergen"), self.lang or tr.lang)
        return self._measure(text, sp(self.size_sp) * style.scale) + 2 * self.pad_x + dp(2)

    def compact_width(self) -> float:
        return dp(theme.BUTTON)


class NamesCover(_Overlay):
    """The calm cover over every name; "Namen tonen" asks the App to lift it."""

    app = ObjectProperty(None)


class PinDialog(ModalView):
    """Set a PIN (asked twice), change it (the old one first) or turn it off
    (the old one). ``done(message)`` is called when it was changed."""

    title = StringProperty("")
    message = StringProperty("")
    step = OptionProperty("new", options=("current", "new", "again"))

    def __init__(self, pin: PinLock, action: str, done: Callable[[str], None], **kwargs):
        self.pin = pin
        self.action = action          # 'set', 'change' or 'remove'
        self._done = done
        self._first = ""
        self._tick = Clock.schedule_interval(self._update_wait, 1.0)
        super().__init__(**kwargs)
        self.ids.pad.bind(on_pin=lambda _pad, value: self.entered(value))
        self.bind(on_dismiss=lambda *_: self._tick.cancel())
        self._ask("current" if action in ("change", "remove") else "new")

    def _update_wait(self, *_) -> None:
        """While a wrong PIN makes the next try wait: the calm line counts
        down, and the pad opens again when the wait is over."""
        if self.step != "current":
            return
        wait = self.pin.wait_left()
        self.ids.pad.enabled = wait <= 0
        if wait > 0:
            self.message = wait_text(wait)
        elif self.message.startswith(wait_text(1).split(".")[0]):
            self.message = ""

    def _ask(self, step: str, message: str = "") -> None:
        self.step = step
        self.title = {
            "current": tr._("Vul je pincode in"),
            "new": tr._("Kies een pincode van 4 tot 8 cijfers"),
            "again": tr._("Vul dezelfde pincode nog een keer in"),
        }[step]
        self.message = message
        wait = self.pin.wait_left() if step == "current" else 0
        self.ids.pad.enabled = wait <= 0
        if wait > 0:
            self.message = wait_text(wait)

    def entered(self, value: str) -> None:
        if self.step == "current":
            attempt = self.pin.check(value)
            if not attempt.ok:
                self.ids.pad.enabled = attempt.wait <= 0
                self.message = (wait_text(attempt.wait) if attempt.wait > 0
                                else tr._("Dat klopt niet. Probeer het nog eens."))
                return
            if self.action == "remove":
                self.pin.clear()
                self.dismiss()
                self._done(tr._("De pincode staat uit."))
                return
            self._ask("new")
        elif self.step == "new":
            try:
                self._first = check_pin_format(value)
            except PinError:
                self._ask("new", tr._("Een pincode heeft 4 tot 8 cijfers."))
                return
            self._ask("again")
        else:
            first, self._first = self._first, ""
            if value != first:
                self._ask("new", tr._("De twee pincodes waren niet gelijk. Kies er opnieuw een."))
                return
            self.pin.set(value)
            self.dismiss()
            self._done(tr._("De pincode staat aan."))


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

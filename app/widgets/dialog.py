"""A calm question in the middle of the screen: two big answers.

``ask(title, text, yes, no, on_yes)`` opens it; the safe answer ("no") is on
the left and never red; the other one can be ``yes_kind='danger'``.

:class:`QuestionDialog` is also the frame of every other dialog: a title, a
message, a ``body`` (empty here; :class:`app.widgets.text_dialog.TextDialog`
puts a text field in it through :meth:`QuestionDialog.build_body`) and the
two answers, on one rounded surface.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from app.widgets import text as _text  # noqa: F401  (registers ScriptLabel for kv)
from app.widgets.layout import show_child  # (and RowGrid for kv)

__all__ = ["QuestionDialog", "ask"]


class QuestionDialog(ModalView):
    title = StringProperty("")
    message = StringProperty("")
    yes_text = StringProperty("")
    no_text = StringProperty("")
    yes_kind = StringProperty("primary")
    #: called after "yes" (not named on_yes: Kivy binds on_* keyword arguments)
    yes_action = ObjectProperty(None, allownone=True)
    #: called after "no" (a second question that does something either way)
    no_action = ObjectProperty(None, allownone=True)
    #: the frame: how wide at most, the room inside it and between its parts
    max_width = NumericProperty(dp(620))
    pad = NumericProperty(dp(28))
    gap = NumericProperty(dp(18))

    def on_kv_post(self, *_):
        self._no = self.ids.no.__self__   # ids are weak; keep it while off screen
        body = self.ids.body.__self__
        self.build_body(body)
        # an empty body leaves the frame (it would add a gap)
        show_child(self.ids.box, body, bool(body.children), index=1)
        self.fbind("no_text", self._one_or_two)
        self._one_or_two()

    def build_body(self, body) -> None:
        """Put what comes between the message and the answers in ``body``
        (a vertical box); a plain question has nothing there."""

    def _one_or_two(self, *_):
        """Without a "no" text, only the "yes" button shows (a message)."""
        show_child(self.ids.answers, self._no, bool(self.no_text), index=len(self.ids.answers.children))

    def answer(self, yes: bool) -> None:
        self.dismiss()
        if yes and self.yes_action is not None:
            self.yes_action()
        elif not yes and self.no_action is not None:
            self.no_action()


def ask(title: str, message: str, yes: str, no: str = "", on_yes: Callable[[], None] | None = None,
        yes_kind: str = "primary", on_no: Callable[[], None] | None = None) -> QuestionDialog:
    view = QuestionDialog(title=title, message=message, yes_text=yes, no_text=no,
                 yes_action=on_yes, yes_kind=yes_kind, no_action=on_no)
    view.open()
    return view


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

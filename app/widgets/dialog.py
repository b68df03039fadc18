"""A calm question in the middle of the screen: two big answers.

``ask(title, text, yes, no, on_yes)`` opens it; the safe answer ("no") is on
the left and never red; the other one can be ``yes_kind='danger'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.lang import Builder
from kivy.properties import ObjectProperty, StringProperty
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

    def on_kv_post(self, *_):
        self._no = self.ids.no.__self__   # ids are weak; keep it while off screen
        self.fbind("no_text", self._one_or_two)
        self._one_or_two()

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

"""A calm question that wants a few words: a name, a distinction, a note.

``ask_text(title, message, text, placeholder, save, on_save)`` opens it with
the field focused and the shaped preview under it (:class:`TypedPreview`).
``on_save(text)`` returns None when done (the dialog closes) or a message
saying what to fix (shown under the field; it clears as soon as the text
changes). The safe answer ("Niet veranderen") is on the start side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from app.widgets import layout as _layout  # noqa: F401  (FittingGrid for kv)
from app.widgets import text as _text  # noqa: F401  (ScriptLabel, ScriptTextInput, TypedPreview for kv)

__all__ = ["TextDialog", "ask_text"]


class TextDialog(ModalView):
    title = StringProperty("")
    message = StringProperty("")
    placeholder = StringProperty("")
    save_text = StringProperty("")
    cancel_text = StringProperty("")
    error = StringProperty("")
    max_chars = NumericProperty(0)
    #: called with the typed text; returns None (done) or what to fix
    save_action = ObjectProperty(None, allownone=True)

    def on_kv_post(self, *_):
        self.ids.field.bind(text=lambda *_: setattr(self, "error", ""))

    def on_open(self):
        Clock.schedule_once(lambda *_: setattr(self.ids.field, "focus", True), 0)

    def save(self) -> None:
        problem = self.save_action(self.ids.field.text) if self.save_action else None
        if problem:
            self.error = problem
            return
        self.ids.field.focus = False
        self.dismiss()


def ask_text(title: str, message: str, text: str, placeholder: str, save: str, cancel: str,
             on_save: Callable[[str], str | None], max_chars: int = 0) -> TextDialog:
    view = TextDialog(title=title, message=message, placeholder=placeholder, save_text=save,
                      cancel_text=cancel, save_action=on_save, max_chars=max_chars)
    view.ids.field.text = text
    view.open()
    return view


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""A calm question that wants a few words: a name, a distinction, a note.

``ask_text(title, message, text, placeholder, save, on_save)`` opens it with
the field focused and the count under it (:class:`TypedPreview`).
``on_save(text)`` returns None when done (the dialog closes) or a message
saying what to fix (shown under the field; it clears as soon as the text
changes). The safe answer ("Niet veranderen") is on the start side.

It is a :class:`app.widgets.dialog.QuestionDialog` (the same frame, title,
message and answers) with the field, its count and the message what to
fix as its body.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from app.widgets import text as _text  # noqa: F401  (ScriptLabel, TypedPreview for kv)
from app.widgets import textinput as _textinput  # noqa: F401  (ScriptTextInput for kv)
from app.widgets.dialog import QuestionDialog

__all__ = ["TextDialog", "TextEntry", "ask_text"]


class TextEntry(BoxLayout):
    """The body of a :class:`TextDialog`: the field, the count under it and
    what to fix."""

    dialog = ObjectProperty(None, allownone=True)


class TextDialog(QuestionDialog):
    placeholder = StringProperty("")
    error = StringProperty("")
    max_chars = NumericProperty(0)
    #: called with the typed text; returns None (done) or what to fix
    save_action = ObjectProperty(None, allownone=True)

    def build_body(self, body) -> None:
        entry = TextEntry(dialog=self)
        body.add_widget(entry)
        # the field and the answers by the names the callers know them by
        for name in ("field", "preview", "error"):
            self.ids[name] = entry.ids[name]
        self.ids["save"], self.ids["cancel"] = self.ids.yes, self.ids.no
        entry.ids.field.bind(text=lambda *_: setattr(self, "error", ""))

    def on_open(self):
        Clock.schedule_once(lambda *_: setattr(self.ids.field, "focus", True), 0)

    def answer(self, yes: bool) -> None:
        if yes:
            self.save()
            return
        self.ids.field.focus = False
        self.dismiss()

    def save(self) -> None:
        problem = self.save_action(self.ids.field.text) if self.save_action else None
        if problem:
            self.error = problem
            return
        self.ids.field.focus = False
        self.dismiss()


def ask_text(title: str, message: str, text: str, placeholder: str, save: str, cancel: str,
             on_save: Callable[[str], str | None], max_chars: int = 0) -> TextDialog:
    view = TextDialog(title=title, message=message, placeholder=placeholder, yes_text=save,
                      no_text=cancel, save_action=on_save, max_chars=max_chars)
    view.ids.field.text = text
    view.open()
    return view


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

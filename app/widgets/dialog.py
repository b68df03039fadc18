"""A calm question in the middle of the screen: two big answers.

``ask(title, text, yes, no, on_yes)`` opens it; the safe answer ("no") is on
the left and never red; the other one can be ``yes_kind='danger'``.
"""

from __future__ import annotations

from typing import Callable

from kivy.lang import Builder
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from app import text as _text  # noqa: F401  (registers Tekst for kv)
from app import theme
from app.widgets import layout as _layout  # noqa: F401  (Rij)

__all__ = ["Vraag", "ask"]


class Vraag(ModalView):
    title = StringProperty("")
    message = StringProperty("")
    yes_text = StringProperty("")
    no_text = StringProperty("")
    yes_kind = StringProperty("primary")
    #: called after "yes" (not named on_yes: Kivy binds on_* keyword arguments)
    yes_action = ObjectProperty(None, allownone=True)

    def on_kv_post(self, *_):
        self._no = self.ids.no.__self__   # ids are weak; keep it while off screen
        self.fbind("no_text", self._one_or_two)
        self._one_or_two()

    def _one_or_two(self, *_):
        """Without a "no" text, only the "yes" button shows (a message)."""
        row, no = self.ids.answers, self._no
        if not self.no_text and no.parent is not None:
            row.remove_widget(no)
        elif self.no_text and no.parent is None:
            row.add_widget(no, index=len(row.children))

    def answer(self, yes: bool) -> None:
        self.dismiss()
        if yes and self.yes_action is not None:
            self.yes_action()


def ask(title: str, message: str, yes: str, no: str = "", on_yes: Callable[[], None] | None = None,
        yes_kind: str = "primary") -> Vraag:
    view = Vraag(title=title, message=message, yes_text=yes, no_text=no,
                 yes_action=on_yes, yes_kind=yes_kind)
    view.open()
    return view


Builder.load_string(
    """
#:import theme app.theme
#:import Window kivy.core.window.Window

<Vraag>:
    size_hint: None, None
    width: min(dp(620), Window.width - dp(32))
    height: min(box.height, Window.height - dp(32))
    auto_dismiss: True
    overlay_color: theme.SHADE
    background: ''
    background_color: 0, 0, 0, 0
    ScrollView:
        do_scroll_x: False
        canvas.before:
            Color:
                rgba: theme.SURFACE
            RoundedRectangle:
                pos: self.pos
                size: self.size
                radius: [dp(theme.RADIUS)]
        BoxLayout:
            id: box
            orientation: 'vertical'
            size_hint_y: None
            height: self.minimum_height
            padding: dp(28)
            spacing: dp(18)
            Tekst:
                text: root.title
                size_sp: theme.FONT_HEADING
                bold: True
            Tekst:
                text: root.message
                height: self.texture_size[1] if self.text else 0
            PassendRaster:
                id: answers
                col_options: [2, 1]
                TekstKnop:
                    id: no
                    text: root.no_text
                    kind: 'secondary'
                    on_release: root.answer(False)
                TekstKnop:
                    id: yes
                    text: root.yes_text
                    kind: root.yes_kind
                    on_release: root.answer(True)
"""
)

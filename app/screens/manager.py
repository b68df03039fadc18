"""The screen manager that builds each screen the first time it is wanted.

Kivy's showcase demo loads a screen's kv and builds it when it is first
shown; :class:`LazyScreenManager` does the same from a table of
``name -> (module, class)`` (the App's ``SCREENS``). At start-up only the
first screen is imported and built: the others' modules, kv rules and
widgets cost nothing until someone opens them.

A screen is built when it becomes ``current`` or when code asks for it with
:meth:`get_screen` (tests and the screenshot tool look at a screen's ids);
:meth:`has_screen` and :attr:`screen_names` know every screen of the table,
built or not. :attr:`screens` (Kivy's list) holds the built ones only.

Kivy's own rule for ScreenManager clips it with a stencil (two rectangles
the size of the window, every frame) for sliding transitions; the app fades
between screens that fill the manager, so this one does not clip.
"""

from __future__ import annotations

import importlib

from kivy.lang import Builder
from kivy.properties import AliasProperty, DictProperty, NumericProperty
from kivy.uix.screenmanager import ScreenManager, TransitionBase

__all__ = ["LazyScreenManager", "FadeInTransition"]


class FadeInTransition(TransitionBase):
    """The next screen fades in over the window's own colour; the one it
    replaces goes at once.

    Kivy's FadeTransition draws both screens into two window-sized Fbos
    every frame of the fade and blends them: on a software renderer the
    frames of a screen change were the slowest of all, and the summary's
    first frame then held two screens and two window-sized pictures at once
    (about 11 MiB more at its peak, bench/README.md). Here a screen's
    ``opacity`` does the fading (a shader value, no picture), and only one
    screen is ever drawn.
    """

    duration = NumericProperty(0.15)

    def add_screen(self, screen):
        if screen is self.screen_in:
            out = self.screen_out
            if out is not None and out.parent is self.manager:
                self.manager.real_remove_widget(out)
            screen.opacity = 0
        super().add_screen(screen)

    def on_progress(self, progression):
        self.screen_in.opacity = progression

    def on_complete(self):
        self.screen_in.opacity = 1
        if self.screen_out is not None and self.screen_out.parent is self.manager:
            super().on_complete()


class LazyScreenManager(ScreenManager):
    #: name -> (module, class name) of every screen it can show
    table = DictProperty({})

    def is_built(self, name: str) -> bool:
        return any(s.name == name for s in self.screens)

    def build_screen(self, name: str):
        """Import the screen's module (which loads its kv) and make it, once."""
        for screen in self.screens:
            if screen.name == name:
                return screen
        module, cls = self.table[name]
        screen = getattr(importlib.import_module(module), cls)(name=name)
        self.add_widget(screen)
        return screen

    def get_screen(self, name):
        if name in self.table and not self.is_built(name):
            return self.build_screen(name)
        return super().get_screen(name)

    def has_screen(self, name):
        return name in self.table or super().has_screen(name)

    def _get_screen_names(self):
        built = [s.name for s in self.screens]
        return built + [n for n in self.table if n not in built]

    screen_names = AliasProperty(_get_screen_names, bind=("screens", "table"))


# no base rules: ScreenManager's stencil clip is not needed for a fade
Builder.load_string("""
<-LazyScreenManager>:
    canvas:
""")

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
from kivy.properties import AliasProperty, DictProperty
from kivy.uix.screenmanager import ScreenManager

__all__ = ["LazyScreenManager"]


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

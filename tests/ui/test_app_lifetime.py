"""A stopped app goes, screens and all.

The app is one per process, but the UI tests make some thirty in one
process. When a stopped one stayed alive (a lambda bound to the language,
a function bound to the window, an animation the stopped clock never
ended), its screens went on following the language and the text size: a
language switch then relabelled every app ever made, and the last UI
modules ran a hundred times slower than alone, in a process of 1 GB.
"""
from __future__ import annotations

import gc
import weakref

import app_driver
import pytest


@pytest.mark.timeout(120)
def test_a_stopped_app_and_every_screen_it_built_are_let_go(window, tmp_path):
    from app.i18n import tr
    from app.widgets.text import style

    driver = app_driver.start_app(tmp_path)
    app = driver.app
    driver.new_game(["mama", "Sam"])
    panel = driver.open_naming()
    driver.name_new(panel, "oma", "family", 1)
    driver.name_new(panel, "سارة", "friends", 2)
    driver.close_naming(panel)
    app.end_game()
    driver.settle()
    driver.tap(app.root.get_screen("summary").ids.save)     # a dialog, and the PDF library
    driver.settle()
    tr.switch("ar")                   # every screen built is re-worded
    driver.settle()
    tr.switch("nl")
    for name in ("sessions", "settings", "start"):
        app.go(name)
        driver.settle()
    screens = {name: weakref.ref(app.root.get_screen(name)) for name in app.root.screen_names}
    assert {"start", "setup", "table", "summary", "sessions", "settings"} <= set(screens)
    gone = weakref.ref(app)
    app_driver.stop_app(driver)
    del driver, app, panel
    gc.collect()

    assert gone() is None, "the stopped app is still alive"
    assert [name for name, ref in screens.items() if ref() is not None] == []
    # nothing of it answers a language switch or a text size any more
    from kivy.uix.widget import Widget
    tr.switch("ar")
    style.scale = 1.25
    try:
        alive = [w for w in gc.get_objects() if isinstance(type(w), type) and issubclass(type(w), Widget)
                 and type(w).__module__.startswith("app.")]
    finally:
        tr.switch("nl")
        style.scale = 1.0
    assert alive == []

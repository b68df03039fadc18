"""The one App every UI test module drives (Kivy keeps one window per process)."""

from __future__ import annotations

import app_driver
import pytest

# SDL's offscreen driver keeps the drawing surface of the window's first size:
# whichever module makes the window first, make it as big as any test needs
# (1920x1280), so a frame read back at a later size is all drawn pixels.
app_driver.configure(1920, 1280)

# fpdf keeps the ImportError of its optional `cryptography` as a module
# global, and with its traceback every frame of the stack that first
# imported fpdf: imported first inside a test, that test's app stayed alive
# for the rest of the process. Imported here, the stack is this module's.
import fpdf  # noqa: E402,F401


@pytest.fixture
def window():
    """The bare window at 1280x800, in Dutch, with nothing left on it by an
    earlier test: for a test that starts the App itself (its own data
    folder, its own clock). A module may define its own ``window``."""
    app_driver.configure()
    from kivy.core.window import Window

    from app.i18n import tr
    for child in list(Window.children):
        Window.remove_widget(child)
    tr.switch("nl")
    Window.size = (1280, 800)
    return Window


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """The whole App in the window at 1280x800, in Dutch at the normal text
    size, with its own data folder; whatever an earlier module left on the
    window is cleared first."""
    app_driver.configure()
    from kivy.core.window import Window

    from app.i18n import tr
    from app.widgets.text import style
    for child in list(Window.children):
        Window.remove_widget(child)
    style.scale = 1.0
    tr.switch("nl")
    Window.size = (1280, 800)
    d = app_driver.start_app(tmp_path_factory.mktemp("ui-data"))
    yield d
    tr.switch("nl")
    app_driver.stop_app(d)

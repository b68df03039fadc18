"""Test set-up shared by every test: Kivy must be configured before it is imported.

Kivy reads its environment once, at import time. These lines run before any
test module imports Kivy, so every test draws offscreen (SDL's offscreen
driver on Mesa), keeps ``~/.kivy`` untouched and never sees pytest's argv, and
the game's data folder is a throw-away one.
"""
import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="gesprekskaarten-tests-")
os.environ["KIVY_NO_ARGS"] = "1"
os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
os.environ["KIVY_HOME"] = os.path.join(_scratch, "kivy-home")
os.environ["GESPREKSKAARTEN_DATA"] = os.path.join(_scratch, "data")
os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
os.makedirs(os.environ["KIVY_HOME"], exist_ok=True)


# SDL's offscreen driver draws on a surface of the window's first size and
# keeps it when the window is resized: a frame read bigger than that holds
# undrawn pixels. Whichever test opens the window first (tests/test_app_errors.py
# makes a Label, at Kivy's default 800x600), it opens as big as any UI test
# needs; the UI tests then size it (tests/ui/conftest.py). Before this, a full
# run read pixels past x=800 that nothing had drawn, and the names-cover test
# saw "different pixels under the cover" that only the full run had.
from kivy.config import Config  # noqa: E402

Config.set("graphics", "width", "1920")
Config.set("graphics", "height", "1280")

import pytest  # noqa: E402  (after the environment above is set)


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder of the test's own (GESPREKSKAARTEN_DATA)."""
    monkeypatch.setenv("GESPREKSKAARTEN_DATA", str(tmp_path))
    return tmp_path

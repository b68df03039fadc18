"""Where the game keeps its data: one function, used by the CLI and the app alike."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["APP_NAME", "ENV_VAR", "data_dir"]

APP_NAME = "gesprekskaarten"
#: Set this to a folder to keep the data there (tests, portable installs).
ENV_VAR = "GESPREKSKAARTEN_DATA"


def data_dir(app_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the session database, created if needed (mode 0o700).

    In order of preference:

    1. ``$GESPREKSKAARTEN_DATA`` when set and not empty;
    2. ``app_dir`` when given -- the app passes Kivy's ``App.user_data_dir``,
       which is the app's private folder on Android;
    3. the platform's user-data folder: ``$XDG_DATA_HOME/gesprekskaarten``
       (default ``~/.local/share/gesprekskaarten``) on Linux,
       ``~/Library/Application Support/gesprekskaarten`` on macOS,
       ``%APPDATA%\\gesprekskaarten`` on Windows, and on Android without an
       ``app_dir`` the app's private folder (``$ANDROID_PRIVATE``).
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        folder = Path(env).expanduser()
    elif app_dir is not None and os.fspath(app_dir):
        folder = Path(app_dir).expanduser()
    else:
        folder = _platform_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _platform_dir() -> Path:
    home = Path.home()
    if "ANDROID_ARGUMENT" in os.environ or hasattr(sys, "getandroidapilevel"):
        private = os.environ.get("ANDROID_PRIVATE")
        if private:
            return Path(private) / APP_NAME
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_NAME

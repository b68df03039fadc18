"""Where the game keeps its data: one function, used by the CLI and the app alike.

Earlier versions of the app on Linux kept their data in Kivy's
``user_data_dir`` (``~/.config/gesprekskaarten``), the command line in
``~/.local/share/gesprekskaarten``. Now both use the latter; the old folder's
files are moved over once, the first time :func:`data_dir` runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
from pathlib import Path

from kaarten.lock import LOCK_NAME

__all__ = ["APP_NAME", "ENV_VAR", "data_dir"]

APP_NAME = "gesprekskaarten"
#: Set this to a folder to keep the data there (tests, portable installs).
ENV_VAR = "GESPREKSKAARTEN_DATA"
#: Never moved out of an old folder: the lock belongs to the process holding it.
_NOT_MOVED = {LOCK_NAME}

log = logging.getLogger(__name__)


def data_dir(app_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the session database, created if needed (mode 0o700).

    In order of preference:

    1. ``$GESPREKSKAARTEN_DATA`` when set and not empty;
    2. ``app_dir`` when given -- the app passes Kivy's ``App.user_data_dir``
       on Android only, where it is the app's private folder (elsewhere
       Kivy's folder is ``~/.config``, which may not even exist);
    3. the platform's user-data folder: ``$XDG_DATA_HOME/gesprekskaarten``
       (default ``~/.local/share/gesprekskaarten``) on Linux,
       ``~/Library/Application Support/gesprekskaarten`` on macOS,
       ``%APPDATA%\\gesprekskaarten`` on Windows, and on Android without an
       ``app_dir`` the app's private folder (``$ANDROID_PRIVATE``). Files
       left in the old Linux folder (see the module) are moved here once.
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        folder = Path(env).expanduser()
    elif app_dir is not None and os.fspath(app_dir):
        folder = Path(app_dir).expanduser()
    else:
        folder = _platform_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        old = _old_dir()
        if old is not None and old.is_dir() and old != folder:
            _move_old_files(old, folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _is_android() -> bool:
    return "ANDROID_ARGUMENT" in os.environ or hasattr(sys, "getandroidapilevel")


def _old_dir() -> Path | None:
    """Where earlier versions of the app kept their data: Kivy's
    ``user_data_dir`` on Linux (elsewhere it is the folder used now)."""
    if not sys.platform.startswith("linux") or _is_android():
        return None
    xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".config") / APP_NAME


def _move_old_files(old: Path, new: Path) -> None:
    """Move the old folder's files into ``new``, nothing lost: a database
    moves with its ``-wal`` and ``-shm``; a file whose name is taken in the
    new folder is never written over -- it stays in the old folder, renamed
    ``<name>.kept-<time>``, and the log says so. The old folder goes when empty."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    groups: dict[str, list[Path]] = {}
    for path in sorted(old.iterdir()):
        if path.is_file() and path.name not in _NOT_MOVED and ".kept-" not in path.name:
            base = path.name.removesuffix("-wal").removesuffix("-shm")
            groups.setdefault(base, []).append(path)
    for base, paths in groups.items():
        try:
            if (new / base).exists():
                stem, dot, suffix = base.partition(".")
                kept = f"{stem}.kept-{stamp}{dot}{suffix}"
                for path in paths:
                    path.rename(old / (kept + path.name[len(base):]))
                log.warning("Both %s and %s hold %s; the new one is used, the old one kept as %s",
                            new, old, base, old / kept)
                continue
            # the -wal and -shm first: a database is never seen without its journal
            for path in sorted(paths, key=lambda p: p.name == base):
                shutil.move(path, new / path.name)
            log.info("Moved %s from %s to %s", base, old, new)
        except OSError as e:
            log.error("Could not move %s from %s: %s", base, old, e.strerror or type(e).__name__)
    try:
        old.rmdir()
    except OSError:
        pass  # not empty (kept files) or not ours to remove: it stays


def _platform_dir() -> Path:
    home = Path.home()
    if _is_android():
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

"""Exports on disk: where the files written from a session go, what they are
called, and how they are deleted for real.

By default they go into ``exports/`` inside the data folder (readable by the
app's user only, covered by retention and deleted with their session when the
worker says so); a folder chosen in the settings may be anywhere, and a file
there is the worker's to keep safe. File names hold the session's number, its
date and what the file is, never a name. The store notes every export with
its session (:meth:`kaarten.store.Store.add_export`). Deleting them when
their days are over, or with their session, is retention's housekeeping
(:func:`kaarten.retention.purge`), built on the pieces here. No Kivy here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kaarten.paths import data_dir

__all__ = ["FOLDER_NAME", "FORMATS", "default_folder", "file_name", "write_file", "delete_file",
           "inside_data_folder", "expire_files", "sessions_due", "ExportSettings", "SETTINGS_FILE"]

FOLDER_NAME = "exports"
#: format -> (what the file is, suffix)
FORMATS = {"pdf": ("jouw-mensen", ".pdf"), "png": ("overzicht", ".png"), "md": ("verslag", ".md")}


def default_folder() -> Path:
    """``<data folder>/exports``."""
    return data_dir() / FOLDER_NAME


def file_name(session_id: int, date: dt.date, fmt: str, *, demo: bool = False) -> str:
    """``gesprek-12-2026-11-30-jouw-mensen.pdf``: no name of anyone in it."""
    what, suffix = FORMATS[fmt]
    return f"{'demo' if demo else 'gesprek'}-{int(session_id)}-{date.isoformat()}-{what}{suffix}"


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` whole into ``folder/name`` (made owner-only when new),
    never over another file (``-2``, ``-3``... then); the path written.
    A temporary file is renamed into place, so a killed app leaves no half file."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(name)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, 1000):
            target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)  # fails when the name is taken: never over another file
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links: rename, checked first
                if target.exists():
                    continue
                os.replace(tmp, target)
            return target
        raise FileExistsError(f"Too many exports named {name} in {folder}.")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def delete_file(path: Path) -> bool:
    """Delete an export for real: overwritten with zeros, synced, removed.
    False when it was gone already."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def inside_data_folder(path: Path, data_folder: Path | None = None) -> bool:
    """True for a file inside the app's data folder (covered by retention)."""
    try:
        Path(path).resolve().relative_to(Path(data_folder or data_dir()).resolve())
    except ValueError:
        return False
    return True


def expire_files(folder: Path, older_than: dt.timedelta, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete for real every file in the exports ``folder`` last changed
    longer ago than ``older_than``; the files deleted."""
    folder = Path(folder)
    moment = (now or dt.datetime.now(dt.timezone.utc)).timestamp()
    gone = []
    if not folder.is_dir():
        return gone
    for path in sorted(folder.iterdir()):
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < moment - older_than.total_seconds():
                if delete_file(path):
                    gone.append(path)
        except OSError:
            continue
    return gone


def sessions_due(exports: Iterable[tuple[int, Path, str, dt.datetime]], *, now: dt.datetime | None = None,
                 after: dt.timedelta = dt.timedelta(days=1)) -> list[int]:
    """With "delete a session the day after its export" on: the sessions
    whose first export was ``after`` ago or longer."""
    moment = now or dt.datetime.now(dt.timezone.utc)
    first: dict[int, dt.datetime] = {}
    for session_id, _path, _fmt, created in exports:
        first[session_id] = min(created, first.get(session_id, created))
    return sorted(sid for sid, when in first.items() if moment - when >= after)


# -- the worker's choices ------------------------------------------------------------

SETTINGS_FILE = "exports.json"


@dataclass(frozen=True)
class ExportSettings:
    """Where exports go ('' = ``exports/`` in the data folder) and whether a
    session is deleted the day after its first export. Kept in
    ``exports.json`` in the data folder; a missing or bad file gives the defaults."""

    folder: str = ""
    delete_after_export: bool = False

    @classmethod
    def load(cls, data_folder: Path | None = None) -> ExportSettings:
        path = Path(data_folder or data_dir()) / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        folder = raw.get("folder", "")
        after = raw.get("delete_after_export", False)
        return cls(folder=folder if isinstance(folder, str) and len(folder) < 4096 else "",
                   delete_after_export=after if isinstance(after, bool) else False)

    def save(self, data_folder: Path | None = None) -> None:
        folder = Path(data_folder or data_dir())
        data = json.dumps({"folder": self.folder, "delete_after_export": self.delete_after_export},
                          ensure_ascii=False, indent=2).encode("utf-8")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".exports-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, folder / SETTINGS_FILE)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def target(self, data_folder: Path | None = None) -> Path:
        """The folder exports are written to."""
        if self.folder:
            return Path(self.folder).expanduser()
        return Path(data_folder or data_dir()) / FOLDER_NAME

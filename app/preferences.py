"""The app's few settings, kept as a small JSON file in the data folder.

Written atomically (temporary file, fsync, ``os.replace``), so a killed app
leaves either the old or the new file, never half of one. A missing or
unreadable file gives the defaults; a bad value falls back to its default.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

__all__ = ["Preferences", "FILE_NAME", "TEXT_SIZES"]

FILE_NAME = "settings.json"
TEXT_SIZES = ("normal", "large", "extra-large")


@dataclass(frozen=True)
class Preferences:
    ui_language: str = "nl"
    card_language: str = "nl"
    text_size: str = "normal"

    @classmethod
    def load(cls, folder: Path) -> Preferences:
        path = Path(folder) / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        values = {}
        for f in fields(cls):
            v = data.get(f.name)
            if isinstance(v, str) and 0 < len(v) <= 20:
                values[f.name] = v
        prefs = cls(**values)
        if prefs.text_size not in TEXT_SIZES:
            prefs = replace(prefs, text_size="normal")
        return prefs

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, folder / FILE_NAME)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        try:  # make the rename itself durable
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass

    def with_(self, **changes) -> Preferences:
        return replace(self, **changes)

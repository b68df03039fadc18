"""The app's settings, typed, kept as a small JSON file in the data folder.

Each setting has a type (text, a whole number in a range, a switch) and a
default. The file is written whole (:func:`kaarten.files.write_whole`), so a
killed app leaves the old or the new settings, never half. Reading is
forgiving: a missing or unreadable file gives the defaults, and a value of
the wrong type or out of its range falls back to its own default (a ``true``
is never taken for the number 1, nor ``1`` for a switch).

Settings an organisation decides live here too: how many days sessions are
kept (:data:`RETENTION_DAYS`), how many minutes of quiet lock the app when a
PIN is set. The command line reads them as the app does (no Kivy here).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from kaarten.files import write_whole

__all__ = ["Preferences", "FILE_NAME", "TEXT_SIZES", "RETENTION_DAYS", "IDLE_LOCK_MINUTES", "LIMITS"]

FILE_NAME = "settings.json"
TEXT_SIZES = ("normal", "large", "extra-large")
#: days a session is kept after it was last played: (lowest, highest)
RETENTION_DAYS = (1, 365)
#: minutes without a touch before the app locks (when a PIN is set)
IDLE_LOCK_MINUTES = (1, 60)
#: the allowed range of every whole-number setting
LIMITS = {"retention_days": RETENTION_DAYS, "idle_lock_minutes": IDLE_LOCK_MINUTES}
#: the allowed values of every setting that is one of a few words
CHOICES = {"text_size": TEXT_SIZES}
_MAX_TEXT = 20


@dataclass(frozen=True)
class Preferences:
    ui_language: str = "nl"
    card_language: str = "nl"
    text_size: str = "normal"
    #: sessions are deleted this many days after they were last played
    retention_days: int = 30
    #: with a PIN set: lock after this many minutes without a touch
    idle_lock_minutes: int = 5
    #: show initials and "Speler 1..n" instead of the names as typed
    pseudonyms: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            problem = _problem(f.name, getattr(self, f.name), f.default)
            if problem:
                raise ValueError(problem)

    @classmethod
    def load(cls, folder: Path) -> Preferences:
        """The settings in ``folder``; defaults for whatever is missing or bad."""
        path = Path(folder) / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        values = {f.name: data[f.name] for f in fields(cls)
                  if f.name in data and not _problem(f.name, data[f.name], f.default)}
        return cls(**values)

    def save(self, folder: Path) -> None:
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")
        write_whole(Path(folder) / FILE_NAME, data)

    def with_(self, **changes) -> Preferences:
        """These settings with ``changes``; ValueError names a bad one."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise ValueError(f"There is no setting {', '.join(sorted(unknown))}.")
        return replace(self, **changes)


def _problem(name: str, value: Any, default: Any) -> str:
    """What is wrong with ``value`` for the setting ``name`` ('' when nothing)."""
    kind = type(default)
    if type(value) is not kind:         # bool is an int in Python: compare exactly
        return f"The setting {name} must be {_kind_words(kind)}; got {value!r}."
    if kind is str and not 0 < len(value) <= _MAX_TEXT:
        return f"The setting {name} must be a short text; got {value!r}."
    if name in CHOICES and value not in CHOICES[name]:
        return f"The setting {name} must be one of {', '.join(CHOICES[name])}; got {value!r}."
    if name in LIMITS:
        low, high = LIMITS[name]
        if not low <= value <= high:
            return f"The setting {name} must be a whole number from {low} to {high}; got {value!r}."
    return ""


def _kind_words(kind: type) -> str:
    return {bool: "true or false", int: "a whole number", str: "a text"}.get(kind, kind.__name__)

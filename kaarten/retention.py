"""How long sessions are kept, and deleting them when that time is up.

A session is kept for a number of whole days after the day it was last
played (the organisation's setting, :data:`kaarten.preferences.RETENTION_DAYS`:
1 to 365, default 30). Played on 1 March with 30 days: kept through 31 March,
"Dit gesprek wordt morgen gewist" on 31 March, deleted from 1 April on, at the
first start or the first change of day of the open app. Days are the
tablet's own calendar days, so "morgen" means tomorrow for the worker.

Deleting is :meth:`kaarten.store.Store.expire`: rows overwritten, journal
emptied (see the store). The clock is handed in (``now``), so tests move
the date instead of waiting for it.

:func:`purge` is the one housekeeping the app does at start and on a new
day, and ``main.py purge`` does on the command line: old sessions, the files
exported from them inside the data folder, the exports folder's old files,
and "delete a session the day after its export" (:mod:`kaarten.exports`
holds the file primitives and the worker's export settings).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from kaarten import exports
from kaarten.preferences import RETENTION_DAYS
from kaarten.records import SessionId, SessionInfo

__all__ = ["DEFAULT_DAYS", "check_days", "cutoff", "expires_on", "due_tomorrow", "due_now", "purge"]

DEFAULT_DAYS = 30


def check_days(days: object) -> int:
    """``days`` as a whole number from 1 to 365, else ValueError in words."""
    low, high = RETENTION_DAYS
    if isinstance(days, str):
        try:
            days = int(days.strip(), 10)
        except ValueError:
            pass
    if type(days) is not int or not low <= days <= high:
        raise ValueError(f"The number of days must be a whole number from {low} to {high}; got {days!r}.")
    return days


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def cutoff(days: int, now: dt.datetime) -> dt.datetime:
    """Sessions last played before this moment have had their days: local
    midnight at the start of today, ``days`` days back."""
    today = _local_day(now)
    midnight = dt.datetime.combine(today - dt.timedelta(days=days), dt.time()).astimezone()
    return midnight.astimezone(dt.timezone.utc)


def expires_on(info: SessionInfo, days: int) -> dt.date:
    """The day a session will be deleted (at its start)."""
    return _local_day(info.updated) + dt.timedelta(days=days + 1)


def due_tomorrow(sessions: Iterable[SessionInfo], days: int, now: dt.datetime) -> list[SessionInfo]:
    """The sessions that will be deleted tomorrow (today is their last day)."""
    tomorrow = _local_day(now) + dt.timedelta(days=1)
    return [s for s in sessions if expires_on(s, days) == tomorrow]


def due_now(sessions: Iterable[SessionInfo], days: int, now: dt.datetime) -> list[SessionInfo]:
    """The sessions whose days are over (what :func:`purge` would delete now)."""
    today = _local_day(now)
    return [s for s in sessions if expires_on(s, days) <= today]


def purge(store, days: int, now: dt.datetime, *, data_folder: Path | None = None,
          settings: exports.ExportSettings | None = None) -> list[SessionId]:
    """Delete for real what has had its days; the ids of the sessions deleted.

    - every session of ``store`` whose days are over (and damaged files moved
      aside as long ago), with the files exported from it into the data folder;
    - with "delete a session the day after its export" on in ``settings``,
      those sessions, with their exports into the data folder;
    - every file in the data folder's ``exports/`` older than the days (the
      store forgets it).

    ``data_folder`` is the store's folder unless given; files exported
    elsewhere are the worker's and stay. A store that keeps nothing has
    nothing to delete."""
    if getattr(store, "keeps_nothing", False) or not hasattr(store, "expire"):
        return []
    days = check_days(days)
    folder = Path(data_folder) if data_folder is not None else Path(store.path).parent
    # the store forgets a session's exports with it: note them first
    exported = store.exports()
    # Store.expire deletes what was last used before ``now - older_than``
    deleted = list(store.expire(dt.timedelta(0), now=cutoff(days, now)))
    if settings is not None and settings.delete_after_export:
        for session_id in exports.sessions_due(exported, now=now):
            if session_id not in deleted:
                store.delete_session(session_id)
                deleted.append(session_id)
    for session_id, path, _fmt, _when in exported:
        if session_id in deleted and exports.inside_data_folder(path, folder):
            _delete_export(path)
    try:
        old_files = exports.expire_files(folder / exports.FOLDER_NAME, dt.timedelta(days=days), now=now)
    except OSError:     # the folder cannot be read now: the next day (or start) tries again
        old_files = []
    for path in old_files:
        store.forget_export(path)
    return deleted


def _delete_export(path: Path) -> None:
    """One export of a deleted session; a file that cannot be deleted now
    is left for the exports folder's own days (never a crash)."""
    try:
        exports.delete_file(path)
    except OSError:
        pass

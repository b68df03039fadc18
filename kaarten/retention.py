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
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

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


def purge(store, days: int, now: dt.datetime) -> list[SessionId]:
    """Delete for real every session of ``store`` whose days are over (and
    damaged files moved aside as long ago); their ids. A store that keeps
    nothing has nothing to delete."""
    if getattr(store, "keeps_nothing", False) or not hasattr(store, "expire"):
        return []
    moment = cutoff(check_days(days), now)
    # Store.expire deletes what was last used before ``now - older_than``
    return store.expire(dt.timedelta(0), now=moment)

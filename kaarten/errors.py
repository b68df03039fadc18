"""The one family of errors the game raises: everything a worker can meet.

Every error :mod:`kaarten` raises on purpose is a :class:`KaartenError`, so the
app can tell "something the worker can fix or be told about" (catch
``KaartenError`` and explain it) from a bug (let it reach the log). The
family is flat and says what to fix:

- ``DeckError`` (:mod:`kaarten.yamlsafe`): a deck file that cannot be used;
- ``TableError`` (:mod:`kaarten.table`): a move that is not possible now;
- ``NetworkError`` (:mod:`kaarten.network`): a name, note or place that cannot be;
- :class:`SetupError`: a new game asked for something impossible;
- :class:`StoreError` and its kinds: the saved sessions could not be read or written.

The store's errors live here rather than in :mod:`kaarten.store` because the
session raises them too (a saved game that cannot be restored) and must not
depend on one particular store.
"""

from __future__ import annotations

__all__ = [
    "KaartenError",
    "SetupError",
    "StoreError",
    "UnknownSessionError",
    "DamagedSessionError",
    "AlreadyOpenError",
]


class KaartenError(Exception):
    """Base of every error the game raises on purpose; the message says why."""


class SetupError(KaartenError, ValueError):
    """A new game cannot start like this (no deck, a card without a theme...)."""


class StoreError(KaartenError):
    """The saved sessions could not be read or written; the message says what
    happened and what to do."""


class UnknownSessionError(StoreError, LookupError):
    """No session with this id (perhaps it was deleted)."""


class DamagedSessionError(StoreError):
    """A saved session is too damaged to be played on (its table or players
    cannot be restored). It can still be deleted."""


class AlreadyOpenError(StoreError):
    """The data folder is in use by the app in another window or process."""

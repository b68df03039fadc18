"""One app per data folder: an OS lock that dies with its process.

Two apps on the same sessions file each hold their own copy of a game in
memory; the stale one's next move would rewind the saved game. So the app
takes this lock on its data folder before it opens the store. It is an OS
lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a small file that
stays in the folder: the lock -- not the file -- says "in use", and the
operating system drops it when the process ends, however it ends. A killed
app therefore never locks the worker out (a PID file would).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kaarten.errors import AlreadyOpenError, StoreError

__all__ = ["LOCK_NAME", "FolderLock"]

LOCK_NAME = "in-use.lock"


class FolderLock:
    """Held while this process uses a data folder; :meth:`release` lets go."""

    def __init__(self, path: Path, fd: int) -> None:
        """Use :meth:`acquire`."""
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, folder: Path) -> FolderLock:
        """Take the folder's lock, or :class:`AlreadyOpenError` when another
        process holds it. Never waits."""
        path = Path(folder) / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise StoreError(f"Could not open the lock file {path}: {e.strerror or e}.") from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyOpenError(
                "The app is already open with these sessions (in another window, or for "
                "another user of this device). Close it there first, then open it here again."
            ) from None
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go of the lock; releasing twice is fine."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the lock


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

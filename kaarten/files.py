"""Small files written whole: a settings file, the PIN file.

:func:`write_whole` writes to a temporary file in the same folder, syncs it,
and moves it over the old one (``os.replace``), so a killed app leaves either
the old file or the new one, never half of one (the field notes measured 3
unreadable files in 30 kills with a plain ``open('w')``, 0 this way). The new
file is readable by its owner only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_whole"]


def write_whole(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` by a file holding ``data`` (readable by ``mode``),
    atomically and durably; the folder is made (owner-only) when missing."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
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

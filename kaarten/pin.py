"""The PIN that locks the app: kept only as a salted, slow hash.

What is stored (``pin.json`` in the data folder, readable by its owner only,
written whole): the key-derivation function and its cost parameters, a
random salt, the derived hash, and the count of wrong attempts with the
moment the next attempt is allowed. Never the PIN.

- Hash: stdlib :func:`hashlib.scrypt` with N = 2**15, r = 8, p = 1 (32 MiB of
  memory, about 0.2 s on a laptop core) and a 16-byte salt from
  :func:`os.urandom`; compared with :func:`hmac.compare_digest` (constant time).
  The parameters are written in the file, so stronger ones later still read
  old files.
- Wrong attempts: the first :data:`FREE_ATTEMPTS` cost nothing; after that
  each one makes the next wait longer (:data:`WAITS`: 30 s up to 15 minutes).
  The count and the moment are in the file, so a restart does not reset them.
- A PIN of 4 to 8 digits cannot resist an offline attack on a copied file,
  whatever the cost parameters (10**4 to 10**8 guesses): the hash keeps the
  PIN itself from being read, the waits slow guessing in the app. The data
  is not encrypted by this PIN (see docs/privacy.md).

A file that cannot be read counts as a PIN that cannot be matched: the app
stays locked and only :meth:`PinLock.clear` (after erasing every session)
opens it. The clock is injected (``clock``: seconds since the epoch), so
tests move time instead of waiting.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kaarten.errors import KaartenError
from kaarten.files import write_whole

__all__ = [
    "PIN_FILE", "PinLock", "PinError", "Attempt", "check_pin_format",
    "SCRYPT_N", "SCRYPT_R", "SCRYPT_P", "FREE_ATTEMPTS", "WAITS", "PIN_LENGTHS",
]

PIN_FILE = "pin.json"
#: scrypt cost parameters (written into the file with each hash)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
#: a PIN is this many digits (lowest, highest)
PIN_LENGTHS = (4, 8)
#: wrong attempts that cost no wait
FREE_ATTEMPTS = 3
#: seconds to wait after the 4th, 5th, ... wrong attempt (the last one repeats)
WAITS = (30, 60, 120, 300, 900)
_FORMAT = 1


class PinError(KaartenError):
    """A PIN that cannot be one (not 4 to 8 digits)."""


@dataclass(frozen=True)
class Attempt:
    """What came of trying a PIN: ``ok``, else ``wait`` seconds before the
    next try may be made (0: try again now). ``checked`` is False when the
    PIN was not even looked at (a wait was still running)."""

    ok: bool
    wait: float = 0.0
    checked: bool = True


def check_pin_format(pin: str) -> str:
    """``pin`` when it is 4 to 8 digits (0-9), else :class:`PinError`."""
    low, high = PIN_LENGTHS
    if not isinstance(pin, str) or not (low <= len(pin) <= high) or not all(c in "0123456789" for c in pin):
        raise PinError(f"A PIN is {low} to {high} digits.")
    return pin


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong attempts in a row."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(WAITS[min(failures - FREE_ATTEMPTS, len(WAITS) - 1)])


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # scrypt needs 128 * r * N bytes; allow twice that
    maxmem = 2 * 128 * r * n + 1024 * 1024
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=length)


class PinLock:
    """The PIN of one data folder."""

    def __init__(self, folder: Path | str, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(folder) / PIN_FILE
        self._clock = clock

    # -- reading and writing the file --

    def _read(self) -> dict | None:
        """The file's contents; None when there is none; {} when it is unreadable."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("kdf") != "scrypt":
                return {}
            for key in ("n", "r", "p", "failures"):
                if type(data[key]) is not int or data[key] < 0:
                    return {}
            if not 1 < data["n"] <= 2 ** 20 or not 0 < data["r"] <= 64 or not 0 < data["p"] <= 16:
                return {}
            bytes.fromhex(data["salt"])
            bytes.fromhex(data["hash"])
            float(data["wait_until"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return {}
        return data

    def _write(self, data: dict) -> None:
        write_whole(self.path, json.dumps(data, indent=2).encode("utf-8"))

    # -- asking --

    @property
    def is_set(self) -> bool:
        """True when a PIN locks the app (an unreadable PIN file counts)."""
        return self._read() is not None

    @property
    def damaged(self) -> bool:
        """True when the PIN file cannot be read: no PIN can open the app."""
        return self._read() == {}

    @property
    def failures(self) -> int:
        """Wrong attempts in a row since the last right one."""
        data = self._read()
        return data["failures"] if data else 0

    def wait_left(self) -> float:
        """Seconds before a PIN may be tried again (0: now). A clock set
        back never makes the wait longer than the one that was given."""
        data = self._read()
        if not data:
            return 0.0
        left = float(data["wait_until"]) - self._clock()
        return max(0.0, min(left, wait_after(data["failures"])))

    # -- changing --

    def set(self, pin: str) -> None:
        """Lock with ``pin`` (4-8 digits): a new salt, the hash, no failures."""
        check_pin_format(pin)
        salt = os.urandom(SALT_BYTES)
        digest = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
        self._write({
            "format": _FORMAT,
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": salt.hex(),
            "hash": digest.hex(),
            "failures": 0,
            "wait_until": 0.0,
        })

    def clear(self) -> None:
        """No PIN any more (after it was checked, or after every session was
        erased because it was forgotten)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def check(self, pin: str) -> Attempt:
        """Try ``pin``. While a wait runs nothing is checked or counted. A
        wrong PIN counts, and the next wait is written to the file before
        this returns; a right one clears the count."""
        data = self._read()
        if data is None:
            return Attempt(ok=True)
        left = self.wait_left()
        if left > 0:
            return Attempt(ok=False, wait=left, checked=False)
        ok = False
        if data:
            try:
                check_pin_format(pin)
            except PinError:
                pass
            else:
                digest = _derive(pin, bytes.fromhex(data["salt"]), data["n"], data["r"], data["p"],
                                 len(bytes.fromhex(data["hash"])))
                ok = hmac.compare_digest(digest, bytes.fromhex(data["hash"]))
        if not data:
            return Attempt(ok=False)
        if ok:
            if data["failures"]:
                self._write(data | {"failures": 0, "wait_until": 0.0})
            return Attempt(ok=True)
        failures = data["failures"] + 1
        wait = wait_after(failures)
        self._write(data | {"failures": failures, "wait_until": self._clock() + wait})
        return Attempt(ok=False, wait=wait)

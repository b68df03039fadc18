"""The PIN: a salted scrypt hash in an owner-only file, never the PIN;
wrong attempts make the next one wait, kept across a restart."""

import json
import os
import stat

import pytest

import kaarten.pin as pin_mod
from kaarten.pin import FREE_ATTEMPTS, PIN_FILE, PinError, PinLock, check_pin_format


class FakeClock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def test_the_file_holds_a_salt_the_cost_and_the_hash_but_never_the_pin(tmp_path):
    lock = PinLock(tmp_path)
    assert not lock.is_set
    lock.set("48151623")
    raw = (tmp_path / PIN_FILE).read_bytes()
    assert b"48151623" not in raw
    data = json.loads(raw)
    # nothing but the hash's own fields: the digits are nowhere (hex of a hash may hold any 4 of them)
    assert set(data) == {"format", "kdf", "n", "r", "p", "salt", "hash", "failures", "wait_until"}
    assert (data["kdf"], data["n"], data["r"], data["p"]) == ("scrypt", 2 ** 15, 8, 1)
    assert len(bytes.fromhex(data["salt"])) == 16 and len(bytes.fromhex(data["hash"])) == 32
    assert stat.S_IMODE(os.stat(tmp_path / PIN_FILE).st_mode) == 0o600
    # a new salt every time: the same PIN gives another hash
    lock.set("48151623")
    again = json.loads((tmp_path / PIN_FILE).read_bytes())
    assert again["salt"] != data["salt"] and again["hash"] != data["hash"]
    assert lock.is_set and lock.check("48151623").ok and not lock.check("48151624").ok


def test_the_hashes_are_compared_in_constant_time(tmp_path, monkeypatch):
    calls = []
    real = pin_mod.hmac.compare_digest

    def spy(a, b):
        calls.append((type(a), type(b)))
        return real(a, b)

    monkeypatch.setattr(pin_mod.hmac, "compare_digest", spy)
    lock = PinLock(tmp_path)
    lock.set("1234")
    assert lock.check("1234").ok
    assert not lock.check("4321").ok
    assert calls == [(bytes, bytes), (bytes, bytes)]


@pytest.mark.parametrize("bad", ["123", "123456789", "12a4", "", "١٢٣٤", " 1234", None])
def test_a_pin_is_four_to_eight_digits(bad):
    with pytest.raises(PinError, match="4 to 8 digits"):
        check_pin_format(bad)


def test_wrong_attempts_make_the_next_wait_longer_and_a_restart_keeps_the_wait(tmp_path):
    clock = FakeClock()
    lock = PinLock(tmp_path, clock=clock)
    lock.set("2580")
    for _ in range(FREE_ATTEMPTS - 1):
        assert lock.check("0000").wait == 0
    first = lock.check("0000")
    assert (first.ok, first.wait) == (False, 30)
    # while waiting, even the right PIN is not looked at, and nothing is counted
    waiting = lock.check("2580")
    assert (waiting.ok, waiting.checked, waiting.wait) == (False, False, 30)
    assert lock.failures == FREE_ATTEMPTS
    # the app is closed and opened again: the wait is still there
    clock.now += 10
    restarted = PinLock(tmp_path, clock=clock)
    assert restarted.wait_left() == 20
    clock.now += 20
    assert restarted.wait_left() == 0
    assert restarted.check("1111").wait == 60          # longer each time
    clock.now += 60
    assert restarted.check("1111").wait == 120
    # a clock set back a day never makes a wait longer than the one given
    clock.now -= 86_400
    assert restarted.wait_left() == 120
    clock.now += 86_400 + 120
    assert restarted.check("2580").ok
    assert restarted.failures == 0 and restarted.wait_left() == 0


def test_clearing_the_pin_removes_the_file(tmp_path):
    lock = PinLock(tmp_path)
    lock.set("1234")
    lock.clear()
    assert not lock.is_set and list(tmp_path.iterdir()) == []
    assert lock.check("anything").ok          # no PIN: nothing to ask


@pytest.mark.parametrize("content", [b"{", b"[]", b'{"format": 1}', b"\xff\xfe", b""])
def test_an_unreadable_pin_file_opens_for_no_pin(tmp_path, content):
    (tmp_path / PIN_FILE).write_bytes(content)
    lock = PinLock(tmp_path)
    assert lock.is_set and lock.damaged
    assert not lock.check("1234").ok
    lock.clear()
    assert not lock.is_set

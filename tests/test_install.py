"""``pip install .`` as a user does it: a fresh venv outside the checkout, the
installed ``gesprekskaarten`` command run from another folder.

One install per test run (about 10-60 s: pip's cache holds the dependencies
after the first time). Deselect with ``-m "not install"`` when iterating.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_BUDGET = 300  # seconds for pip, dependencies from its cache or the index
START_BUDGET = 90     # seconds for Kivy to reach its main loop on a busy machine
#: Kinds of file the packages read at run time; every one in the checkout must be installed.
RESOURCES = {".kv", ".yaml", ".png", ".ttf", ".txt", ".po", ".pot"}

pytestmark = [pytest.mark.install, pytest.mark.timeout(INSTALL_BUDGET + 2 * START_BUDGET)]


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=120)
    installed = subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)],
                               capture_output=True, text=True, timeout=INSTALL_BUDGET, cwd=folder)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return folder


def user_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A user's environment: no test settings, a home and data folder of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KIVY_", "GESPREKSKAARTEN_"))}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), **extra)
    return env


def command(venv: Path, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "gesprekskaarten"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def test_every_resource_of_the_checkout_is_installed(venv):
    site = site_packages(venv)
    wanted = sorted(str(p.relative_to(ROOT)) for package in ("app", "kaarten")
                    for p in (ROOT / package).rglob("*") if p.suffix in RESOURCES)
    assert len(wanted) > 50
    missing = [name for name in wanted if not (site / name).is_file()]
    assert not missing, missing
    assert not (site / "tests").exists() and not (site / "tools").exists()


def test_the_installed_command_checks_and_lists_the_decks_from_another_folder(venv, tmp_path):
    env = user_env(tmp_path)
    checked = command(venv, "check", cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stderr
    assert f"{site_packages(venv)}/kaarten/decks/wie-is-er-voor-jou/deck.yaml: ok" in checked.stdout
    listed = command(venv, "decks", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert f"    from: shipped, {site_packages(venv)}/kaarten/decks/kinderen" in listed.stdout


def test_the_installed_command_shows_a_deck_from_gesprekskaarten_decks(venv, tmp_path):
    extra = tmp_path / "gedeeld" / "eigen"
    extra.mkdir(parents=True)
    shipped = (ROOT / "kaarten" / "decks" / "wie-is-er-voor-jou" / "deck.yaml").read_text(encoding="utf-8")
    (extra / "deck.yaml").write_text(shipped.replace("id: wie-is-er-voor-jou", "id: eigen", 1), encoding="utf-8")
    listed = command(venv, "decks", cwd=tmp_path, env=user_env(tmp_path, GESPREKSKAARTEN_DECKS=str(extra.parent)))
    assert listed.returncode == 0, listed.stderr
    assert f"    from: GESPREKSKAARTEN_DECKS, {extra}" in listed.stdout


def test_the_installed_command_starts_the_app_from_another_folder(venv, tmp_path):
    env = user_env(tmp_path, SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    process = subprocess.Popen([str(venv / "bin" / "gesprekskaarten")], cwd=tmp_path, env=env, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines: list[str] = []
    looping = threading.Event()

    def read() -> None:
        for line in process.stderr:
            lines.append(line)
            if "Start application main loop" in line:
                looping.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        looping.wait(START_BUDGET)
        running = process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
        reader.join(10)
    log = "".join(lines)
    assert looping.is_set() and running, f"the app did not reach its main loop:\n{log[-3000:]}"
    assert "Traceback" not in log and "[CRITICAL]" not in log, log[-3000:]
    assert code in (0, -signal.SIGTERM)
    assert str(ROOT) not in log, "the installed app read a file from the checkout"

"""Decks beyond the package, as an organisation and a translator use them:
real folders, and ``main.py`` in a real process for what a user sees."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kaarten import cli, userdecks
from kaarten.decks import DECKS_DIR, DECKS_ENV_VAR, load_deck, load_decks

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = DECKS_DIR / "wie-is-er-voor-jou"
SHIPPED_VERSION = load_deck(SHIPPED).version


def run(*args: str, data: Path, decks_folder: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data))
    env.pop(DECKS_ENV_VAR, None)
    if decks_folder is not None:
        env[DECKS_ENV_VAR] = str(decks_folder)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=data.parent, env=env,
                          capture_output=True, text=True, timeout=60)


def shipped_deck_with_version(root: Path, version: int) -> Path:
    """The shipped deck's deck.yaml alone (no language decks), at ``version``."""
    folder = root / "wie-is-er-voor-jou"
    folder.mkdir(parents=True)
    text = (SHIPPED / "deck.yaml").read_text(encoding="utf-8")
    shipped = f"\nversion: {SHIPPED_VERSION}\n"
    assert shipped in text
    (folder / "deck.yaml").write_text(text.replace(shipped, f"\nversion: {version}\n"), encoding="utf-8")
    return folder


def lone_language_file(root: Path, language: str = "so") -> Path:
    """A language deck for the shipped deck, in a folder of its own without deck.yaml."""
    folder = root / "wie-is-er-voor-jou"
    folder.mkdir(parents=True, exist_ok=True)
    text = (SHIPPED / "en.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text
    path = folder / f"{language}.yaml"
    path.write_text(text.replace("\nlanguage: en\n", f"\nlanguage: {language}\n"), encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A data folder of this test's own, for this process and the processes it starts."""
    folder = tmp_path / "data"
    monkeypatch.setenv("GESPREKSKAARTEN_DATA", str(folder))
    monkeypatch.delenv(DECKS_ENV_VAR, raising=False)
    return folder


def test_a_deck_in_the_extra_folder_is_listed_with_where_it_comes_from(tmp_path, data):
    extra = tmp_path / "gedeeld"
    shutil.copytree(SHIPPED, extra / "eigen", ignore=shutil.ignore_patterns("*.yaml"))
    text = (SHIPPED / "deck.yaml").read_text(encoding="utf-8").replace("id: wie-is-er-voor-jou", "id: eigen", 1)
    (extra / "eigen" / "deck.yaml").write_text(text, encoding="utf-8")
    result = run("decks", data=data, decks_folder=extra)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("eigen "))
    assert lines[at + 1] == f"    from: GESPREKSKAARTEN_DECKS, {extra / 'eigen'}"
    assert f"    from: shipped, {SHIPPED}" in lines
    assert run("check", data=data, decks_folder=extra).returncode == 0


def test_a_lone_language_file_in_the_data_folder_attaches_to_the_shipped_deck(data):
    path = lone_language_file(data / "decks")
    result = run("decks", data=data)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("    so, "))
    assert line.endswith(f"(from: data folder, {path})")
    deck = load_decks().get("wie-is-er-voor-jou")
    assert deck.translations["so"].path == path and "en" in deck.translations
    checked = run("check", data=data)
    assert checked.returncode == 0, checked.stderr
    assert f"{path}: ok: so, " in checked.stdout


def test_a_lone_language_file_for_no_deck_is_a_problem(data):
    folder = lone_language_file(data / "decks").parent
    folder.rename(folder.with_name("bestaat-niet"))
    result = run("check", data=data)
    assert result.returncode == 1
    assert f"{data / 'decks' / 'bestaat-niet'}:1:1: there is no deck.yaml here and no deck 'bestaat-niet'" in result.stderr


def test_a_higher_version_replaces_the_shipped_deck_and_keeps_its_languages(tmp_path, data):
    extra = tmp_path / "gedeeld"
    newer = shipped_deck_with_version(extra, SHIPPED_VERSION + 1)
    result = run("decks", data=data, decks_folder=extra)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("wie-is-er-voor-jou "))
    assert f"version {SHIPPED_VERSION + 1})" in lines[at]
    assert lines[at + 1] == f"    from: GESPREKSKAARTEN_DECKS, {newer}"
    assert lines[at + 2].startswith("    ar, ") and lines[at + 2].endswith(f"(from: shipped, {SHIPPED / 'ar.yaml'})")


def test_a_version_no_higher_than_the_shipped_one_is_refused_and_the_shipped_deck_stays(data):
    older = shipped_deck_with_version(data / "decks", SHIPPED_VERSION)
    result = run("decks", data=data)
    assert result.returncode == 1
    assert (f"{older / 'deck.yaml'}:1:1: a deck 'wie-is-er-voor-jou' (version {SHIPPED_VERSION}) is already loaded "
            f"from {SHIPPED}; this one (version {SHIPPED_VERSION}) replaces it only with a higher 'version:'") in result.stderr
    assert f"    from: shipped, {SHIPPED}" in result.stdout
    assert run("check", data=data).returncode == 1


def read_only_package(monkeypatch) -> None:
    """The shipped decks folder as an installed, read-only package has it.

    Tests run as root, for whom ``chmod`` does not stop a write, so the
    operating system's answer (:func:`userdecks.can_write`) is replaced by
    the one a user gets from a read-only install."""
    real = userdecks.can_write
    monkeypatch.setattr(userdecks, "can_write", lambda path: not Path(path).is_relative_to(DECKS_DIR) and real(path))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_new_language_goes_to_the_data_folder_when_the_package_is_read_only(data, monkeypatch):
    read_only_package(monkeypatch)
    before = snapshot(SHIPPED)
    out, err = io.StringIO(), io.StringIO()
    assert cli.new_language("wie-is-er-voor-jou", "so", out=out, err=err) == 0, err.getvalue()
    made = data / "decks" / "wie-is-er-voor-jou" / "so.yaml"
    assert made.is_file() and str(made) in out.getvalue()
    assert snapshot(SHIPPED) == before
    assert load_decks().get("wie-is-er-voor-jou").translations["so"].path == made
    assert cli.new_language("wie-is-er-voor-jou", "so", out=out, err=err) == 1
    assert cli.new_language("wie-is-er-voor-jou", "en", out=out, err=err) == 1
    assert f"{SHIPPED / 'en.yaml'} exists already" in err.getvalue()


def test_mark_current_marks_a_copy_in_the_data_folder_when_the_package_is_read_only(data, monkeypatch):
    read_only_package(monkeypatch)
    before = snapshot(SHIPPED)
    # the translator's copy, made outdated: one card's source fingerprint is wrong
    path = lone_language_file(data / "decks", "en")
    text = path.read_text(encoding="utf-8").replace("\nlanguage: so\n", "\nlanguage: en\n")
    first_source = next(line for line in text.splitlines() if line.strip().startswith("source:"))
    path.write_text(text.replace(first_source, first_source.split(":")[0] + ": 00000000", 1), encoding="utf-8")
    assert load_decks().get("wie-is-er-voor-jou").translations["en"].outdated
    out, err = io.StringIO(), io.StringIO()
    assert cli.mark_current("wie-is-er-voor-jou", "en", out=out, err=err) == 0, err.getvalue()
    assert not load_decks().get("wie-is-er-voor-jou").translations["en"].outdated
    assert snapshot(SHIPPED) == before


def test_mark_current_copies_a_read_only_shipped_language_deck_first(data, monkeypatch):
    read_only_package(monkeypatch)
    before = snapshot(SHIPPED)
    out, err = io.StringIO(), io.StringIO()
    assert cli.mark_current("wie-is-er-voor-jou", "ar", out=out, err=err) == 0, err.getvalue()
    copy = data / "decks" / "wie-is-er-voor-jou" / "ar.yaml"
    assert str(copy) in out.getvalue()
    assert copy.read_bytes() == (SHIPPED / "ar.yaml").read_bytes()  # already current: nothing to change
    assert load_decks().get("wie-is-er-voor-jou").translations["ar"].path == copy
    assert snapshot(SHIPPED) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_folder_is_not_writable(tmp_path):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir(mode=0o555)
    assert not userdecks.can_write(folder)
    assert userdecks.can_write(tmp_path)

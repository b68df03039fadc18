"""``sessions``, ``export`` and ``demo`` on the command line: real processes,
a real data folder, every bad input a clear line, exit 1, no traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent


def run(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GESPREKSKAARTEN_DATA": str(data)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=data, env=env,
                          capture_output=True, text=True, timeout=120)


def failed_cleanly(result: subprocess.CompletedProcess, words: str) -> bool:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stdout + result.stderr
    assert words in result.stderr, result.stderr
    return True


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    """A data folder holding a Dutch and a Polish demo family."""
    data = tmp_path_factory.mktemp("data")
    for lang in ("nl", "pl"):
        result = run(data, "demo", "--language", lang)
        assert result.returncode == 0, result.stderr
        assert "Recorded demo session" in result.stdout
    return data


def test_sessions_on_an_empty_data_folder(tmp_path):
    result = run(tmp_path, "sessions")
    assert result.returncode == 0 and "No saved sessions" in result.stdout


def test_sessions_lists_id_date_deck_players_and_people(demo_data):
    result = run(demo_data, "sessions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("1  ") and "wie-is-er-voor-jou (nl)" in lines[1]
    assert "players: Mama Petra, Sam, Noor" in lines[1] and "people: 10" in lines[1] and "demo" in lines[1]
    assert "players: Mama Ewa, Zosia, Kuba" in lines[0]


@pytest.mark.parametrize("fmt", ["pdf", "png", "md"])
def test_export_writes_each_format(demo_data, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    result = run(demo_data, "export", "2", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "yours to keep safe" in result.stdout
    data = out.read_bytes()
    if fmt == "pdf":
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "Babcia Hela" in text and "Ludzie wokół ciebie" in text  # the family's language
    elif fmt == "png":
        assert Image.open(io.BytesIO(data)).width >= 1200
    else:
        assert "Babcia Hela" in data.decode() and data.decode().startswith("# Jouw mensen")  # the worker's Dutch
    listed = run(demo_data, "sessions").stdout
    assert "export(s)" in listed


def test_export_in_another_language(demo_data, tmp_path):
    out = tmp_path / "nl.md"
    assert run(demo_data, "export", "1", "--format", "md", "--lang", "en", "--out", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_an_unknown_session(demo_data, tmp_path):
    assert failed_cleanly(run(demo_data, "export", "99", "--format", "pdf", "--out", str(tmp_path / "x.pdf")),
                          "There is no saved session 99")
    assert failed_cleanly(run(demo_data, "export", "oma", "--format", "pdf", "--out", str(tmp_path / "x.pdf")),
                          "is not a session id")
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_language(demo_data, tmp_path):
    assert failed_cleanly(run(demo_data, "export", "1", "--format", "md", "--lang", "xx", "--out",
                              str(tmp_path / "x.md")), "There is no language 'xx'")
    assert failed_cleanly(run(demo_data, "demo", "--language", "xx"), "There is no demo family in 'xx'")


def test_an_unwritable_path(demo_data, tmp_path):
    assert failed_cleanly(run(demo_data, "export", "1", "--format", "pdf", "--out",
                              str(tmp_path / "nowhere" / "x.pdf")), "does not exist")
    assert failed_cleanly(run(demo_data, "export", "1", "--format", "pdf", "--out", str(tmp_path)), "is a folder")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # root writes anywhere: make it a file path through a file
        target = tmp_path / "a-file" / "x.pdf"
        (tmp_path / "a-file").write_text("")
        assert failed_cleanly(run(demo_data, "export", "1", "--format", "pdf", "--out", str(target)),
                              "does not exist")
    else:
        assert failed_cleanly(run(demo_data, "export", "1", "--format", "pdf", "--out", str(locked / "x.pdf")),
                              "no permission")


def test_a_bad_format_is_refused_by_the_parser(demo_data, tmp_path):
    result = run(demo_data, "export", "1", "--format", "doc", "--out", str(tmp_path / "x.doc"))
    assert result.returncode == 2 and "invalid choice" in result.stderr and "Traceback" not in result.stderr


def test_export_with_pseudonyms(demo_data, tmp_path):
    out = tmp_path / "p.md"
    result = run(demo_data, "export", "2", "--format", "md", "--pseudonyms", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Babcia Hela" not in text and "Zosia" not in text and "B.H." in text and "Speler 2" in text


def test_purge_covers_the_exports_folder(tmp_path):
    assert run(tmp_path, "demo").returncode == 0
    folder = tmp_path / "exports"
    folder.mkdir()
    old, new = folder / "gesprek-1-old.pdf", folder / "gesprek-1-new.pdf"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    long_ago = time.time() - 40 * 86400
    os.utime(old, (long_ago, long_ago))
    result = run(tmp_path, "purge", "--older-than", "30")
    assert result.returncode == 0, result.stderr
    assert not old.exists() and new.exists()

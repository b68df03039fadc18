"""The command line as a translator uses it: real processes, real files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "kaarten" / "decks" / "wie-is-er-voor-jou"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("check", "decks", "new-language", "mark-current", "screenshots"):
        assert command in result.stdout


def test_check_passes_on_the_shipped_decks_from_another_folder(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wie-is-er-voor-jou/deck.yaml: ok" in result.stdout


def test_check_reports_a_broken_deck_with_its_line_and_no_traceback(tmp_path):
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "deck.yaml").write_text("id: kapot\nlanguage: nl\ntitle: x\naudience: family\ncards:\n  - id: a\n\ttheme: fun\n")
    result = run("check", str(broken), str(DECK))
    assert result.returncode == 1
    assert f"{broken / 'deck.yaml'}:7:1: a tab is used here" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "wie-is-er-voor-jou/deck.yaml: ok" in result.stdout  # the good deck is still checked


def test_check_a_language_deck_without_its_deck(tmp_path):
    lonely = tmp_path / "en.yaml"
    lonely.write_text("deck: nergens\nlanguage: en\ncards: []\n")
    result = run("check", str(lonely))
    assert result.returncode == 1 and "no deck.yaml beside" in result.stderr


def test_translator_workflow_new_language_check_mark_current(tmp_path):
    # work on a copy of the decks folder so the repository stays untouched
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "kaarten", copy / "kaarten", ignore=shutil.ignore_patterns("__pycache__"))
    # main.py dispatches through app/__main__.py: the copy's own, never an installed one
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__", "locales", "fonts"))
    shutil.copy(ROOT / "main.py", copy / "main.py")
    for lang in (copy / "kaarten" / "decks" / "wie-is-er-voor-jou").glob("*.yaml"):
        if lang.name == "deck.yaml":
            continue
        lang.unlink()

    def here(*args):
        return subprocess.run([sys.executable, str(copy / "main.py"), *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)

    made = here("new-language", "wie-is-er-voor-jou", "pl")
    assert made.returncode == 0, made.stderr
    skeleton = copy / "kaarten" / "decks" / "wie-is-er-voor-jou" / "pl.yaml"
    checked = here("check", str(skeleton.parent))
    assert checked.returncode == 0
    assert "pl, 0 of" in checked.stdout and "is not translated yet" in checked.stdout
    again = here("new-language", "wie-is-er-voor-jou", "pl")
    assert again.returncode == 1 and "exists already" in again.stderr
    # the Dutch card changes after translation: check warns, mark-current clears it
    skeleton.write_text(skeleton.read_text().replace('text: ""', 'text: "Kto jest dla ciebie?"', 1))
    deck_yaml = skeleton.parent / "deck.yaml"
    first = next(line for line in deck_yaml.read_text().splitlines() if line.strip().startswith("text:"))
    deck_yaml.write_text(deck_yaml.read_text().replace(first, first + " Echt", 1))
    outdated = here("check", str(skeleton))
    assert outdated.returncode == 0 and "1 outdated" in outdated.stdout
    marked = here("mark-current", "wie-is-er-voor-jou", "pl")
    assert marked.returncode == 0 and "Marked 1" in marked.stdout
    assert "outdated" not in here("check", str(skeleton)).stdout


def test_unknown_deck_is_named_with_the_known_ones():
    result = run("new-language", "bestaat-niet", "en")
    assert result.returncode == 1 and "wie-is-er-voor-jou" in result.stderr

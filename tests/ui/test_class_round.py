"""A class round with a case family, played through to the debrief, keeps
nothing: after it neither the data folder nor Kivy's home (its log files
included) holds a name typed, the practice store is empty and gone, and no
screen shows a name. On the way: the case card first and one tap away, the
roles moving one seat on after a round, the projector view and the back
key, the observer's tally and the debrief's counts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import app_driver
import class_scenario
import pytest

pytestmark = pytest.mark.timeout(300)


def _raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def class_round(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    data, kivy_home = tmp / "data", tmp / "kivy-home"
    kivy_home.mkdir()
    env = dict(os.environ, GESPREKSKAARTEN_DATA=str(data), KIVY_HOME=str(kivy_home),
               KIVY_LOG_MODE="KIVY", SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    run = subprocess.run([sys.executable, str(app_driver.ROOT / "tests" / "ui" / "class_scenario.py")],
                         env=env, capture_output=True, text=True, timeout=280)
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines and run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return json.loads(lines[0][len("RESULT "):]), data, kivy_home, run.stderr


def test_nothing_typed_is_left_on_disk_or_on_a_screen(class_round):
    result, data, kivy_home, stderr = class_round
    assert (kivy_home / "logs").is_dir() and any((kivy_home / "logs").iterdir())
    saved = list((data / "exports").glob("nabespreking-*.md"))
    assert len(saved) == 1 and "| Familie | 1 | 0 | 1 | 2 |" in saved[0].read_text(encoding="utf-8")
    everything = _raw_bytes(data) + _raw_bytes(kivy_home) + stderr.encode()
    typed = class_scenario.SEAT_NAMES + tuple(name for name, _, _ in class_scenario.CASE_NAMES)
    for name in typed:
        assert name.encode() not in everything, name
    assert result["names_still_shown"] == []
    assert result["after"] == {"session": True, "class_game": True, "practice_store": True,
                               "old_store_sessions": 0, "old_store_unfinished": True,
                               "real_sessions": 0}
    assert result["practice_store_keeps_nothing"]


def test_the_case_card_comes_first_and_stays_one_tap_away(class_round):
    result = class_round[0]
    assert result["case_chosen"] == "casus-tesfay"
    assert result["first_screen"] == "classcase" and "Tesfay" in result["case_card"]
    assert result["case_again"] == ["classcase", "Terug naar het spel"]


def test_the_roles_move_one_seat_on_after_a_round(class_round):
    result = class_round[0]
    a, b, c = class_scenario.SEAT_NAMES
    assert result["round1_roles"] == [f"{a} is werker", f"{b} is ouder", f"{c} is observator"]
    assert result["round2_screen"] == "classroles"
    assert result["round2_roles"] == [f"{a} is observator", f"{b} is werker", f"{c} is ouder"]
    assert all(line.startswith(f"{a} (werker) leest voor") for line in result["roles_line"])
    assert result["timer_on"]


def test_an_answer_is_credited_to_the_seat_that_answered(class_round):
    """Round one: the worker reads (seat 1), the parent answers (seat 2),
    also on the worker's and the observer's cards; round two: the parent is
    seat 3. The naming panel says who answers, the names are theirs, and
    the debrief counts them per seat, in the role they answered in."""
    result = class_round[0]
    a, b, c = class_scenario.SEAT_NAMES
    assert result["naming_for"] == [b, c]
    assert result["credited"] == [1, 1, 1, 2]
    assert result["debrief"]["seats"] == [f"{a}: geen namen", f"{b}: 3 namen als ouder",
                                          f"{c}\u200e: 1 naam als ouder"]
    saved = next((class_round[1] / "exports").glob("nabespreking-*.md")).read_text(encoding="utf-8")
    assert "| Stoel 2 | 3 | 3 |" in saved and "| Stoel 3 | 1 | 1 |" in saved


def test_the_projector_shows_the_question_big_and_the_back_key_returns_to_the_game(class_round):
    result = class_round[0]
    assert result["projector"]["screen"] == "projector"
    assert result["projector"]["font_px"] >= 48 and result["projector"]["question"]
    assert result["after_back"] == ["classtable", True]
    assert result["back_at_table"] == ["classtable", True]
    assert result["back_from_case"] == ["classtable", True]
    assert result["clicker"] == {"screen": "projector", "changed": True, "card_in_round": 1}


def test_the_debrief_counts_without_names(class_round):
    result = class_round[0]
    d = result["debrief"]
    assert result["debrief_screen"] == "debrief"
    assert d["totals"] == "4 mensen genoemd · 5 kaarten · 2 rondes"
    assert d["tally"] == "wie-vraag: 3   ·   wat-vraag: 2"
    assert d["rounds"] == "Ronde 1: 2 wie · 2 wat\nRonde 2: 1 wie · 0 wat"
    grid = [d["grid"][i:i + 5] for i in range(0, len(d["grid"]), 5)]
    assert grid[1] == ["Familie", "1", "0", "1", "2"]
    assert grid[-1] == ["Samen", "1", "2", "1", "4"]
    assert d["prompts"] == 3
    assert result["saved"].startswith("Opgeslagen: ")
    assert result["end_screen"] == "start"


def test_projector_text_is_at_least_7_to_1():
    from app import theme
    from app.screens import projector  # noqa: F401  (needs a Kivy app module; contrast only)
    assert theme.contrast(projector.INK, projector.PAPER) >= 7
    assert projector.question_px(1920, 1080, 300) >= 48
    assert projector.question_px(1920, 1080, 40) >= 72

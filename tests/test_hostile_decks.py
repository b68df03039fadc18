"""Deck files made to hang, fool or confuse: special files where a deck file
belongs, characters that make text look different from what it is, and YAML
syntax errors. Real files in temporary folders, real FIFOs, and the command
line as a real process with a 10 s hang guard."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_decks import error_for  # one way to read a deck file and catch its error

from kaarten import decks, yamlsafe
from kaarten.decks import DECKS_ENV_VAR, MAX_CARDS, load_decks, load_language_deck

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 10  # seconds; a FIFO opened for reading blocks forever

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")

DECK = """\
id: {id}
language: nl
title: Proefdeck
audience: family
themes: standard
cards:
  - id: vertrouwen
    theme: trust
    text: Wie vertrouw jij?
  - id: lachen
    theme: fun
    text: Met wie kun jij hard lachen?
"""

LANGUAGE = """\
deck: {id}
language: en
cards:
  - id: vertrouwen
    text: Who do you trust?
"""


def make_deck(root: Path, deck_id: str = "proef", text: str | None = None) -> Path:
    folder = root / deck_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(DECK.format(id=deck_id) if text is None else text, encoding="utf-8")
    return folder


def run(*args: str, decks_folder: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop(DECKS_ENV_VAR, None)
    if decks_folder is not None:
        env[DECKS_ENV_VAR] = str(decks_folder)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=HANG_GUARD)


def load_decks_in_a_process(decks_folder: Path) -> list[str]:
    """``load_decks()`` in a child process, so a hang fails the test instead of freezing it."""
    code = ("from kaarten.decks import load_decks\n"
            "found = load_decks()\n"
            "print('\\n'.join(['deck ' + d.id + ' ' + ' '.join(sorted(d.translations)) for d in found.decks]"
            " + ['problem ' + str(p) for p in found.problems]))\n")
    env = dict(os.environ, **{DECKS_ENV_VAR: str(decks_folder)})
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=HANG_GUARD)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


# -- special files where a deck file belongs ---------------------------------------

@needs_fifo
def test_a_fifo_deck_yaml_never_hangs_check_and_the_shipped_decks_still_pass(tmp_path):
    folder = tmp_path / "pijp"
    folder.mkdir()
    os.mkfifo(folder / "deck.yaml")
    make_deck(tmp_path, "goed")
    result = run("check", decks_folder=tmp_path)
    assert result.returncode == 1
    assert f"{folder / 'deck.yaml'}:1:1: deck.yaml is a pipe (FIFO), not a file" in result.stderr
    assert "no deck.yaml here" not in result.stderr
    assert f"{tmp_path / 'goed' / 'deck.yaml'}: ok" in result.stdout
    assert "wie-is-er-voor-jou/deck.yaml: ok" in result.stdout


@needs_fifo
def test_a_fifo_language_file_never_hangs_and_the_deck_loads_without_it(tmp_path):
    folder = make_deck(tmp_path)
    (folder / "en.yaml").write_text(LANGUAGE.format(id="proef"), encoding="utf-8")
    os.mkfifo(folder / "ar.yaml")
    result = run("check", str(folder))
    assert result.returncode == 1
    assert f"{folder / 'ar.yaml'}:1:1: ar.yaml is a pipe (FIFO), not a file" in result.stderr
    assert f"{folder / 'en.yaml'}: ok" in result.stdout

    lines = load_decks_in_a_process(tmp_path)
    assert "deck proef en" in lines
    assert f"problem {folder / 'ar.yaml'}:1:1: ar.yaml is a pipe (FIFO), not a file; replace it with a text file" in lines
    assert any(line.startswith("deck wie-is-er-voor-jou ") for line in lines)


@needs_fifo
def test_a_fifo_deck_yaml_never_hangs_load_decks(tmp_path):
    (tmp_path / "pijp").mkdir()
    os.mkfifo(tmp_path / "pijp" / "deck.yaml")
    make_deck(tmp_path, "goed")
    lines = load_decks_in_a_process(tmp_path)
    assert "deck goed " in lines
    assert any(line.startswith("problem ") and "deck.yaml is a pipe (FIFO), not a file" in line for line in lines)


@needs_fifo
def test_a_fifo_swapped_in_after_the_stat_is_refused_by_fstat_without_hanging(tmp_path):
    # The race: os.stat saw a regular file, then the path became a FIFO.
    # O_NONBLOCK makes the open return at once; fstat then sees the pipe.
    fifo = tmp_path / "deck.yaml"
    os.mkfifo(fifo)
    code = textwrap.dedent(f"""
        import os, stat
        from pathlib import Path
        from kaarten import yamlsafe
        real_stat = os.stat
        def lying_stat(path, *args, **kwargs):
            result = real_stat(path, *args, **kwargs)
            return os.stat_result((stat.S_IFREG | 0o644, *result[1:]))
        yamlsafe.os.stat = lying_stat
        try:
            yamlsafe.read_regular_file(Path({str(fifo)!r}))
        except yamlsafe.DeckError as exc:
            print(exc)
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=HANG_GUARD)
    assert result.stdout.strip() == f"{fifo}:1:1: deck.yaml is a pipe (FIFO), not a file; replace it with a text file"


def test_a_folder_named_deck_yaml_is_called_a_folder(tmp_path):
    (tmp_path / "map" / "deck.yaml").mkdir(parents=True)
    assert error_for(tmp_path / "map" / "deck.yaml").message == "deck.yaml is a folder, not a file"
    for target in (tmp_path / "map", tmp_path / "map" / "deck.yaml"):
        result = run("check", str(target))
        assert result.returncode == 1
        assert f"{tmp_path / 'map' / 'deck.yaml'}:1:1: deck.yaml is a folder, not a file" in result.stderr
        assert "no deck.yaml here" not in result.stderr


def test_a_folder_named_like_a_language_file_is_called_a_folder(tmp_path):
    folder = make_deck(tmp_path)
    (folder / "en.yaml").mkdir()
    found = load_decks(tmp_path)
    assert [d.id for d in found.decks] == ["proef"]
    assert [str(p) for p in found.problems] == [f"{folder / 'en.yaml'}:1:1: en.yaml is a folder, not a file"]


def test_a_symlink_loop_is_called_a_loop(tmp_path):
    folder = make_deck(tmp_path)
    (folder / "en.yaml").symlink_to("en.yaml")
    assert "en.yaml is a link that leads back to itself (a loop), not a file" in str(error_for(folder / "en.yaml"))
    (tmp_path / "lus").mkdir()
    (tmp_path / "lus" / "deck.yaml").symlink_to("deck.yaml")
    result = run("check", decks_folder=tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path / 'lus' / 'deck.yaml'}:1:1: deck.yaml is a link that leads back to itself (a loop)" in result.stderr
    assert f"{folder / 'en.yaml'}:1:1: en.yaml is a link that leads back to itself (a loop)" in result.stderr
    assert f"{folder / 'deck.yaml'}: ok" in result.stdout


def test_a_link_to_nothing_is_called_a_link_to_nothing(tmp_path):
    folder = make_deck(tmp_path)
    (folder / "en.yaml").symlink_to("weg.yaml")
    assert error_for(folder / "en.yaml").message == "en.yaml is a link to a file that does not exist"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_link_to_a_device_is_called_a_device(tmp_path):
    folder = make_deck(tmp_path)
    (folder / "en.yaml").symlink_to("/dev/zero")
    assert error_for(folder / "en.yaml").message == "en.yaml is a device, not a file; replace it with a text file"


def test_a_broken_extra_deck_is_a_problem_and_every_other_deck_loads(tmp_path, monkeypatch):
    make_deck(tmp_path, "goed")
    make_deck(tmp_path, "kapot", "id: kapot\n")
    make_deck(tmp_path, "wie-is-er-voor-jou")  # the id of a shipped deck
    monkeypatch.setenv(DECKS_ENV_VAR, str(tmp_path))
    found = load_decks()
    ids = [d.id for d in found.decks]
    assert "goed" in ids and "kinderen" in ids and ids.count("wie-is-er-voor-jou") == 1
    assert found.get("wie-is-er-voor-jou").path.parent == decks.DECKS_DIR / "wie-is-er-voor-jou"
    messages = sorted(str(p) for p in found.problems)
    assert messages == sorted([
        f"{tmp_path / 'kapot' / 'deck.yaml'}:1:1: the deck has no 'language:' line; add it at the top of the file",
        f"{tmp_path / 'wie-is-er-voor-jou' / 'deck.yaml'}:1:1: a deck 'wie-is-er-voor-jou' "
        f"(version {found.get('wie-is-er-voor-jou').version}) is already loaded "
        f"from {decks.DECKS_DIR / 'wie-is-er-voor-jou'}; this one (version 1) replaces it only with a higher "
        "'version:', else give it another id and folder name",
    ])


def test_a_decks_folder_that_does_not_exist_is_a_problem_and_the_shipped_decks_load(tmp_path, monkeypatch):
    monkeypatch.setenv(DECKS_ENV_VAR, str(tmp_path / "nergens"))
    found = load_decks()
    assert "wie-is-er-voor-jou" in {d.id for d in found.decks}
    assert [str(p) for p in found.problems] == [
        f"{tmp_path / 'nergens'}:1:1: this decks folder does not exist; it is set in {DECKS_ENV_VAR}"]


def test_translator_commands_find_a_deck_in_the_extra_folder(tmp_path):
    folder = make_deck(tmp_path, "eigen")
    result = run("new-language", "eigen", "en", decks_folder=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (folder / "en.yaml").is_file()
    result = run("check", str(folder))
    assert result.returncode == 0, result.stderr
    assert "en, 0 of 2 cards translated" in result.stdout


# -- text that can fool a reader ---------------------------------------------------

def card_deck(text_line: str, *, comment: str = "") -> str:
    """A 12-line deck whose second card's text line (line 12) is ``text_line``."""
    return DECK.format(id="proef").replace("    text: Met wie kun jij hard lachen?", text_line) + comment


@pytest.mark.parametrize(
    "name, content, line, column, shown",
    [
        ("raw ANSI colour code in the title", DECK.format(id="proef").replace("Proefdeck", "Proef\x1b[31mdeck"),
         3, 13, "\\x1b"),
        ("raw right-to-left override in a card", card_deck("    text: Met wie \u202ekun jij?"), 12, 19, "\\u202e"),
        ("a first-strong isolate in a comment", card_deck("    text: Met wie?", comment="# let op \u2068\n"), 13, 10,
         "\\u2068"),
        ("raw DEL", card_deck("    text: Met\x7f wie?"), 12, 14, "\\x7f"),
        ("raw NEL (PyYAML counts it as a new line)", card_deck("    text: Met\x85wie?").replace("Proefdeck", "Proef\x85deck"),
         3, 13, "\\x85"),
        ("raw line separator", card_deck("    text: Met wie\u2028kun jij?"), 12, 18, "\\u2028"),
        ("escaped ANSI code in double quotes", card_deck('    text: "Met \\e[2J wie?"'), 12, 11, "\\x1b"),
        ("escaped C1 control in double quotes", card_deck('    text: "Met \\x9b31m wie?"'), 12, 11, "\\x9b"),
        ("escaped bidi override in a card id", DECK.format(id="proef").replace("id: lachen", 'id: "lachen\\u202d"'),
         10, 9, "\\u202d"),
        ("escaped isolate in the title", DECK.format(id="proef").replace("title: Proefdeck", 'title: "\\u2067Proef"'),
         3, 8, "\\u2067"),
    ],
)
def test_characters_that_fool_a_reader_are_refused_at_the_editors_line_and_shown_escaped(
        tmp_path, name, content, line, column, shown):
    path = make_deck(tmp_path, text=content) / "deck.yaml"
    assert content.count("\n") <= 13
    exc = error_for(path)
    assert (exc.line, exc.column) == (line, column), str(exc)
    assert shown in exc.message
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") for ch in str(exc)), repr(str(exc))


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"])
def test_an_id_with_an_invisible_character_is_refused_and_named(tmp_path, invisible):
    content = DECK.format(id="proef").replace("id: lachen", f"id: lach{invisible}en")
    exc = error_for(make_deck(tmp_path, text=content) / "deck.yaml")
    escaped = f"\\u{ord(invisible):04x}"
    assert (exc.line, exc.column) == (10, 9)
    assert exc.message == (f"a card id 'lach{escaped}en' holds an invisible character {escaped} "
                           f"({unicodedata.name(invisible)}); delete the id and type it again")


def test_invisible_characters_in_card_text_stay(tmp_path):
    # Joiners and direction marks belong in Arabic and emoji text; only ids refuse them.
    content = card_deck("    text: \"\u0645\u200c\u0646 \U0001F468\u200d\U0001F469 \u200f?\"")
    deck = decks.read_deck(make_deck(tmp_path, text=content) / "deck.yaml")
    assert deck.card("lachen").text == "\u0645\u200c\u0646 \U0001F468\u200d\U0001F469 \u200f?"


def test_check_prints_hostile_characters_escaped_and_fails(tmp_path):
    content = DECK.format(id="proef").replace("Proefdeck", "Proef\x1b]0;pwned\x07\x1b[2J")
    folder = make_deck(tmp_path, text=content)
    hostile_folder = tmp_path / "ev\x1b[31mil"
    hostile_folder.mkdir()
    (hostile_folder / "deck.yaml").write_text(DECK.format(id="evil"), encoding="utf-8")
    result = run("check", str(folder), str(hostile_folder))
    assert result.returncode == 1
    assert f"{folder / 'deck.yaml'}:3:13: an invisible control character \\x1b (a control character) is here" in result.stderr
    assert "the deck id 'evil' must equal its folder name 'ev\\x1b[31mil'" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr


def test_a_character_that_is_not_text_is_found_after_other_scripts(tmp_path):
    # libyaml reports a byte offset: after Arabic letters it is not the column
    content = DECK.format(id="proef").replace("title: Proefdeck", "title: \u0645\u0646 \uffff")
    exc = error_for(make_deck(tmp_path, text=content) / "deck.yaml")
    assert (exc.line, exc.column) == (3, 11)
    assert "\\uffff" in exc.message and "not belong in a text file" in exc.message


def test_a_nel_reports_the_line_a_text_editor_shows(tmp_path):
    # PyYAML counts NEL, LS and PS as line breaks: a NEL on line 3 of this
    # 12-line file once moved every later error two lines down.
    content = DECK.format(id="proef").replace("title: Proefdeck", "title: Proef\x85deck\x85")
    assert content.count("\n") == 12
    exc = error_for(make_deck(tmp_path, text=content) / "deck.yaml")
    assert (exc.line, exc.column) == (3, 13)
    assert "an invisible line break \\x85 (a control character) is here" in exc.message


hostile_chars = st.sampled_from(sorted(
    {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\x7f", "\x85", "\x9b"}
    | yamlsafe.BIDI_CONTROLS | yamlsafe.HIDDEN_LINE_BREAKS))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.integers(min_value=0, max_value=len(DECK.format(id="proef"))), char=hostile_chars)
def test_a_hostile_character_anywhere_is_refused_and_never_printed_raw(tmp_path, where, char):
    good = DECK.format(id="proef")
    content = good[:where] + char + good[where:]
    exc = error_for(make_deck(tmp_path, text=content) / "deck.yaml")
    assert (exc.line, exc.column) == yamlsafe.editor_position(content, where)
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") for ch in str(exc)), repr(str(exc))


# -- language decks obey the deck caps ------------------------------------------------

def added_cards(count: int) -> str:
    return "".join(f"  - id: eigen-{n}\n    added: true\n    theme: fun\n    text: QuestionDialog {n}?\n" for n in range(count))


def test_ten_thousand_added_cards_are_refused(tmp_path):
    folder = make_deck(tmp_path)
    path = folder / "en.yaml"
    compact = "".join(f"- {{id: e{n}, added: ja, theme: fun, text: v}}\n" for n in range(10_000))
    path.write_text("deck: proef\nlanguage: en\ncards:\n" + compact, encoding="utf-8")
    assert path.stat().st_size <= yamlsafe.MAX_FILE_BYTES
    exc = error_for(path)
    assert (exc.line, exc.message) == (4, f"a language deck holds at most {MAX_CARDS} cards, like a deck; this one has 10000")


def test_added_cards_may_not_take_the_deck_past_its_cap(tmp_path):
    folder = make_deck(tmp_path)  # 2 cards
    path = folder / "en.yaml"
    path.write_text("deck: proef\nlanguage: en\ncards:\n" + added_cards(MAX_CARDS - 1), encoding="utf-8")
    exc = error_for(path)
    assert exc.line == 4 + 4 * (MAX_CARDS - 2)  # the first added card past the cap
    assert f"more than {MAX_CARDS} cards" in exc.message
    path.write_text("deck: proef\nlanguage: en\ncards:\n" + added_cards(MAX_CARDS - 2), encoding="utf-8")
    assert len(load_language_deck(path).added) == MAX_CARDS - 2


def test_language_deck_texts_obey_the_deck_sizes(tmp_path):
    folder = make_deck(tmp_path)
    path = folder / "en.yaml"
    path.write_text(LANGUAGE.format(id="proef").replace("Who do you trust?", "x" * (decks.MAX_TEXT + 1)),
                    encoding="utf-8")
    exc = error_for(path)
    assert (exc.line, exc.message) == (5, f"the card text is {decks.MAX_TEXT + 1} characters long; "
                                          f"at most {decks.MAX_TEXT} fit on a card")


# -- YAML syntax errors in words a translator can act on ----------------------------

@pytest.mark.parametrize(
    "name, replace, line, column, words",
    [
        ("an incompatible %YAML line", ("id: proef", "%YAML 2.0\n---\nid: proef"), 1, 1, "delete that line"),
        ("a ']' where a text belongs", ("text: Wie vertrouw jij?", "text: ] Wie?"), 9, 11, "put quotes around the text"),
        ("a '[' never closed", ("text: Wie vertrouw jij?", "text: [Wie, jij?"), 9, 11, "the '[' here is never closed"),
        ("a ': ' inside a text", ("text: Wie vertrouw jij?", "text: Wie: jij?"), 9, 14, "needs quotes around it"),
        ("a line without ':'", ("    theme: trust\n", "    theme: trust\n    hallo\n"), 9, 5, "this line has no ':'"),
        ("an indented item that does not fit", ("  - id: lachen", "   - id: lachen"), 10, 4, "starts with '- ' in the same column"),
        ("text after a closing quote", ("text: Wie vertrouw jij?", 'text: "Wie" jij?'), 9, 17, "nothing follows a closing quote"),
        ("a quote never closed", ("text: Met wie kun jij hard lachen?", 'text: "Met wie'), 12, 11, "never closed"),
        ("an unknown escape", ("text: Wie vertrouw jij?", 'text: "Wie\\q"'), 9, 15, "write \\\\ for a backslash"),
        ("a text that starts with '@'", ("text: Wie vertrouw jij?", "text: @oma"), 9, 11, "may not start with this sign"),
        ("a text that starts with '%'", ("cards:", "%cards:"), 6, 1, "may not start with '%'"),
    ],
)
def test_yaml_syntax_errors_are_told_in_plain_words(tmp_path, name, replace, line, column, words):
    content = DECK.format(id="proef").replace(*replace)
    exc = error_for(make_deck(tmp_path, text=content) / "deck.yaml")
    assert (exc.line, exc.column) == (line, column), str(exc)
    assert words in exc.message, str(exc)
    for jargon in ("found incompatible", "did not find expected", "mapping values", "could not find expected",
                   "found character", "found unexpected", "while scanning", "while parsing", "token", "directive"):
        assert jargon not in exc.message, str(exc)

"""The UI catalogs: extract, update, compile and check, all through Babel.

    .venv/bin/python tools/i18n.py extract   # app/ -> app/locales/messages.pot
    .venv/bin/python tools/i18n.py update    # extract, then bring every .po up to date
    .venv/bin/python tools/i18n.py compile   # .po -> .mo (./run.sh and ./test.sh do this)

Dutch is the source language: every ``msgid`` is the Dutch text. The
languages the app ships are :data:`LANGUAGES`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "app" / "locales"
POT = LOCALES / "messages.pot"
LANGUAGES = ("nl", "en", "ar", "tr", "ti", "pl", "uk")
KEYWORDS = ("-k", "_", "-k", "ngettext:1,2", "-k", "N_")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(output: Path = POT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    _babel("extract", "-F", str(ROOT / "babel.cfg"), *KEYWORDS, "--no-location", "--sort-output",
           "--no-wrap", "--project", "gesprekskaarten",
           "-o", str(output), str(ROOT))
    return output


def update() -> None:
    extract()
    for lang in LANGUAGES:
        po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _babel("update", "-i", str(POT), "-d", str(LOCALES), "-l", lang, "--no-wrap", "--ignore-obsolete")
        else:
            _babel("init", "-i", str(POT), "-d", str(LOCALES), "-l", lang, "--no-wrap")


def compile_all() -> None:
    _babel("compile", "-d", str(LOCALES), "-D", "messages")


def ids(path: Path) -> set[str | tuple[str, ...]]:
    """The message ids of a .pot or .po file."""
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(handle) if m.id}


def missing_from_pot() -> set:
    """Strings the code uses that ``messages.pot`` does not hold (should be empty)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = extract(Path(tmp) / "fresh.pot")
        return ids(fresh) - ids(POT)


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    if argv[0] != "compile":
        stale = missing_from_pot()
        assert not stale, stale
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

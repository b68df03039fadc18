#!/usr/bin/env bash
# Run the whole test suite without a display. Sets itself up on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/scripts/setup.sh"
cd "$here"
export SDL_VIDEODRIVER=offscreen KIVY_NO_ARGS=1
.venv/bin/ruff check --quiet .   # the linter first: pyflakes, imports, bugbear (pyproject.toml)
# The names-cover pixel test runs in a process of its own: after the ~1 070
# tests before it in one process (some 30 apps made and dropped) its first
# case ran past its time limit, while alone it takes ~12 s. Not yet
# explained; the app itself makes one app per process (see the closing note
# of 2026-11-30).
.venv/bin/python -m pytest "$@" --deselect tests/ui/test_names_hidden.py::test_one_tap_covers_every_name_whichever_family_is_underneath
exec .venv/bin/python -m pytest "$@" tests/ui/test_names_hidden.py::test_one_tap_covers_every_name_whichever_family_is_underneath

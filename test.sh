#!/usr/bin/env bash
# Run the whole test suite without a display. Sets itself up on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/scripts/setup.sh"
cd "$here"
export SDL_VIDEODRIVER=offscreen KIVY_NO_ARGS=1
.venv/bin/ruff check --quiet .   # the linter first: pyflakes, imports, bugbear (pyproject.toml)
exec .venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# Start the app. Sets itself up on first use (see scripts/setup.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/scripts/setup.sh"
exec "$here/.venv/bin/python" "$here/main.py" "$@"

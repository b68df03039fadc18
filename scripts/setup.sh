#!/usr/bin/env bash
# Set-up shared by ./run.sh and ./test.sh: system packages, .venv, Python
# packages, compiled translation catalogs. Safe to run again; quick when done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# System packages Kivy needs to draw without a GPU (Mesa's GL/EGL), libmtdev1
# (silences a traceback at start), xclip (Kivy's clipboard and cut buffer on
# Linux: without xclip or xsel every start logs "CRITICAL ... cutbuffer") and
# Python's venv module.
apt_packages=(python3-venv libgl1 libgl1-mesa-dri libegl1 libegl-mesa0 libgbm1 libmtdev1 xclip)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for p in "${apt_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing system packages: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing system packages: ${missing[*]}"
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Some system packages are missing. Please run:" >&2
        echo "    sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

python="${PYTHON:-python3}"
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing Python packages into .venv (first run only)..."
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[test]"
    touch "$stamp"
fi

# Compile the UI translations (.po -> .mo); the .mo files are not committed.
if compgen -G "app/locales/*/LC_MESSAGES/messages.po" >/dev/null; then
    .venv/bin/pybabel -q compile -d app/locales -D messages 2>/dev/null || .venv/bin/pybabel compile -d app/locales -D messages
fi

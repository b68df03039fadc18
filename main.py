"""Wie is er voor jou? Start the app, or run a command: ``python main.py --help``.

A checkout's way in; the work is done in :mod:`app.__main__` (the installed
``gesprekskaarten`` command). This file never installs anything
(``./run.sh`` sets up).
"""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

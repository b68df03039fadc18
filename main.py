"""Wie is er voor jou? Start the app, or run a command: ``python main.py --help``.

This file only dispatches; it never installs anything (``./run.sh`` sets up).
"""

import os
import sys


def _screenshots(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ["KIVY_NO_ARGS"] = "1"
    from app import screenshots

    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    if args.cards:
        files = []
        for lang in languages:
            files += screenshots.render_cards(args.outdir, args.cards, lang, args.count)
    else:
        files = screenshots.render_all(args.outdir, languages=languages)
    for path in files:
        print(path)
    return 0


def main(argv: list[str]) -> int:
    if not argv:
        os.environ["KIVY_NO_ARGS"] = "1"
        from app.main import run_app

        run_app()
        return 0
    from kaarten.cli import main as cli_main

    return cli_main(argv, ui_commands={"screenshots": _screenshots})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

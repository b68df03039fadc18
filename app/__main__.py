"""Start the app, or run a command: ``gesprekskaarten --help``.

The installed ``gesprekskaarten`` command, ``python -m app`` and ``main.py``
in a checkout all come here. With no arguments the app starts; with
arguments the command line runs (``check``, ``decks``, ...) without
importing Kivy, except for the commands that draw. Nothing is installed here
(``./run.sh`` sets a checkout up; pip installs a wheel).
"""

from __future__ import annotations

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
            files += screenshots.render_cards(args.outdir, args.cards, lang, args.count,
                                              card_ids=[i.strip() for i in (args.ids or "").split(",") if i.strip()])
    else:
        files = screenshots.render_all(args.outdir, languages=languages)
    for path in files:
        print(path)
    return 0


def _export(args) -> int:
    """Exports draw with the app's fonts and map code (Kivy's modules are
    imported for the theme, but no window is opened)."""
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    from app.export.cli import run_export

    return run_export(args)


def main(argv: list[str] | None = None) -> int:
    """Run ``argv`` (default: the process's arguments); the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        os.environ["KIVY_NO_ARGS"] = "1"
        from app.main import run_app

        run_app()
        return 0
    from kaarten.cli import main as cli_main

    return cli_main(argv, ui_commands={"screenshots": _screenshots, "export": _export})


if __name__ == "__main__":
    sys.exit(main())

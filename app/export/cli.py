"""``python main.py export SESSION --format pdf|png|md [--lang LANG]
[--pseudonyms] --out FILE``: handed in to :mod:`kaarten.cli` by
:mod:`app.__main__` (it draws with the app's fonts and map code).

Every bad input gets one clear line and exit status 1, never a traceback:
an unknown session, an unknown language, a file that cannot be written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kaarten.yamlsafe import shown

__all__ = ["run_export"]


def run_export(args, out=sys.stdout, err=sys.stderr) -> int:
    from app.export.words import known_languages
    from kaarten.errors import KaartenError
    from kaarten.records import SessionId
    from kaarten.store import Store

    try:
        session_id = SessionId(int(args.session))
    except ValueError:
        print(f"'{shown(args.session)}' is not a session id: use the number python main.py sessions shows.",
              file=err)
        return 1
    languages = known_languages()
    if args.lang is not None and args.lang not in languages:
        print(f"There is no language '{shown(args.lang)}' for exports. Languages: {', '.join(languages)}",
              file=err)
        return 1
    target = Path(args.out)
    problem = _unwritable(target)
    if problem:
        print(problem, file=err)
        return 1
    try:
        store = Store.open()
    except KaartenError as exc:
        print(exc, file=err)
        return 1
    with store:
        try:
            from kaarten.session import Session

            session = Session.resume(store, session_id)
        except KaartenError as exc:
            print(f"{exc} The sessions are listed by: python main.py sessions", file=err)
            return 1
        lang = args.lang or ("nl" if args.fmt == "md" else session.language)
        if lang not in languages:  # a card language without app words: Dutch words
            lang = "nl"
        from app.export import render
        from kaarten.decks import load_decks

        try:
            deck = load_decks().get(session.deck_id)
        except KeyError:
            deck = None
        demo = session_id in store.demo_sessions()
        data = render(session, deck, args.fmt, lang, pseudonyms=args.pseudonyms, demo=demo)
        try:
            _write(target, data)
        except OSError as exc:
            print(f"Could not write {shown(str(target))}: {exc.strerror or exc}.", file=err)
            return 1
        store.add_export(session_id, target.resolve(), args.fmt)
    print(f"Wrote {shown(str(target))} ({args.fmt}, {lang}{', pseudonyms' if args.pseudonyms else ''}). "
          "A file outside the app is yours to keep safe.", file=out)
    return 0


def _unwritable(target: Path) -> str:
    """Why ``target`` cannot be written ('' when it can)."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        return f"{shown(str(target))} is a folder: give a file name, e.g. {shown(str(target / 'jouw-mensen.pdf'))}."
    if not folder.is_dir():
        return f"The folder {shown(str(folder))} does not exist."
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"Cannot write {shown(str(target))}: no permission."
    return ""


def _write(target: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside the target, renamed over it."""
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

"""The command line: ``python main.py <command>``.

For translators and trainers as much as for developers: every message says
which file and line to change, and no traceback is ever printed for a bad deck.
Commands that need the window (``screenshots``) are handed in by ``main.py``,
so this module never imports Kivy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from kaarten import decks as decks_mod
from kaarten import userdecks
from kaarten.decks import Deck, DeckError, DeckSet, deck_origin, load_decks
from kaarten.yamlsafe import shown

UiCommand = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Wie is er voor jou? Without a command, the app starts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="check decks and language decks for mistakes",
                       description="Check decks. A PATH is a deck folder or a deck file; "
                                   "without PATH every deck that loads is checked: the shipped "
                                   "ones, those in the folder named by GESPREKSKAARTEN_DECKS and "
                                   "those in the data folder's decks/. "
                                   "Exits 1 when a file cannot be used.")
    p.add_argument("paths", nargs="*", metavar="PATH")

    sub.add_parser("decks", help="list the decks used, where each comes from, their languages "
                                 "and how complete each language is")

    p = sub.add_parser("new-language", help="write a language-deck skeleton for a translator to fill in")
    p.add_argument("deck", metavar="DECK", help="deck id, e.g. wie-is-er-voor-jou")
    p.add_argument("language", metavar="LANG", help="language code, e.g. en, ar, ti, uk")
    p.add_argument("--translated-by", default="", help="your name, or 'Machine-made draft'")

    p = sub.add_parser("mark-current", help="after updating a translation, record that it matches today's Dutch cards")
    p.add_argument("deck", metavar="DECK")
    p.add_argument("language", metavar="LANG")

    p = sub.add_parser("purge", help="delete for real the sessions not played for a number of days",
                       description="Delete for real (overwritten, not only hidden) every session "
                                   "last played more than DAYS whole days ago, as the app does on "
                                   "its own. Without --older-than: the days set in the app "
                                   "(Instellingen, default 30). Close the app first.")
    p.add_argument("--older-than", metavar="DAYS", default=None,
                   help="whole days from 1 to 365 (default: the app's setting)")

    p = sub.add_parser("screenshots", help="render every screen to PNG files, without a display")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--languages", default="nl", metavar="LANGS",
                   help="comma-separated UI and card languages to render, e.g. nl,ar,ti,uk (default nl)")
    p.add_argument("--cards", metavar="DECK", help="instead: the first cards of DECK on the table screen")
    p.add_argument("--count", type=int, default=5, help="with --cards: how many cards (default 5)")
    p.add_argument("--ids", metavar="IDS", help="with --cards: these card ids (comma-separated) instead of the first ones")

    sub.add_parser("sessions", help="list the saved sessions: id, date, deck, players, people")

    p = sub.add_parser("export", help="write a session's hand-out (pdf), map (png) or summary (md) to a file",
                       description="Write one session to FILE: the family's A4 hand-out (pdf), the map alone "
                                   "(png) or the worker's summary (md). Exits 1 with a message for an unknown "
                                   "session or language, or a file that cannot be written.")
    p.add_argument("session", metavar="SESSION", help="the session's id (see: python main.py sessions)")
    p.add_argument("--format", required=True, choices=("pdf", "png", "md"), dest="fmt")
    p.add_argument("--lang", metavar="LANG",
                   help="language of the words (default: the cards' language for pdf and png, Dutch for md)")
    p.add_argument("--pseudonyms", action="store_true", help="initials instead of the names as typed")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")

    p = sub.add_parser("demo", help="record a fictional family's finished game, marked as a demo, for training")
    p.add_argument("--language", default="nl", metavar="LANG",
                   help="the family's language: its names and cards (default nl)")
    return parser


def main(argv: Sequence[str], ui_commands: Mapping[str, UiCommand] | None = None) -> int:
    args = build_parser().parse_args(list(argv))
    if args.command == "check":
        return check(args.paths)
    if args.command == "decks":
        return list_decks()
    if args.command == "new-language":
        return new_language(args.deck, args.language, args.translated_by)
    if args.command == "mark-current":
        return mark_current(args.deck, args.language)
    if args.command == "purge":
        return purge(args.older_than)
    if args.command == "sessions":
        return list_sessions()
    if args.command == "demo":
        return demo(args.language)
    handler = (ui_commands or {}).get(args.command)
    if handler is None:
        build_parser().print_help()
        return 2
    return handler(args)


# -- check ---------------------------------------------------------------------------

def check(paths: Sequence[str], out=sys.stdout, err=sys.stderr) -> int:
    """Report on decks; 1 when any file cannot be used, else 0 (warnings allowed)."""
    if not paths:
        return _check_loaded(load_decks(), out, err)
    failed = False
    for target in (Path(p) for p in paths):
        for line, ok in _check_target(target):
            print(line, file=out if ok else err)
            failed |= not ok
    return 1 if failed else 0


def _check_loaded(found: DeckSet, out, err) -> int:
    """Every deck as the app loads it (replacements and attached language
    decks included), then every problem met on the way."""
    for deck in found.decks:
        print(f"{shown(str(deck.path))}: ok: {deck.title} ({deck.audience}, {len(deck.cards)} cards)", file=out)
        for warning in deck.warnings:
            print(warning, file=out)
        for language in sorted(deck.translations):
            tr = deck.translations[language]
            print(f"{shown(str(tr.path))}: ok: {_completeness(deck, tr)}", file=out)
            for warning in tr.warnings:
                if warning.kind != "added":
                    print(warning, file=out)
    for problem in found.problems:
        print(problem, file=err)
    return 1 if found.problems else 0


def _check_target(target: Path) -> list[tuple[str, bool]]:
    """(line, ok) pairs for a deck folder, a deck.yaml or one language deck.

    A name ending in ``.yaml`` is a deck file even when it is a folder or a
    pipe, so the loader can say what it is instead of "no deck.yaml here".
    """
    whole_deck = True
    if target.name == "deck.yaml":
        deck_file, language_files = target, []
    elif target.suffix != ".yaml" and target.is_dir():
        deck_file, language_files = target / "deck.yaml", decks_mod.language_files(target)
    else:
        deck_file, language_files, whole_deck = target.parent / "deck.yaml", [target], False
    lines: list[tuple[str, bool]] = []
    if not os.path.lexists(deck_file):
        if not language_files:
            return [(f"{shown(str(target))}:1:1: no deck.yaml here; a deck folder holds a deck.yaml", False)]
        deck = _loaded(deck_file.parent.name)  # language decks of their own for a deck loaded elsewhere
        if deck is None:
            for path in language_files:  # the loader explains that the deck is missing
                try:
                    decks_mod.load_language_deck(path)
                except DeckError as exc:
                    lines.append((str(exc), False))
            return lines
        whole_deck = False
    else:
        try:
            deck = decks_mod.read_deck(deck_file)
        except DeckError as exc:
            return [(str(exc), False)]
    if whole_deck:
        lines.append((f"{shown(str(deck.path))}: ok: {deck.title} ({deck.audience}, {len(deck.cards)} cards)", True))
        lines.extend((str(w), True) for w in deck.warnings)
    for path in language_files:
        try:
            tr = decks_mod.load_language_deck(path, deck)
        except DeckError as exc:
            lines.append((str(exc), False))
            continue
        lines.append((f"{shown(str(path))}: ok: {_completeness(deck, tr)}", True))
        lines.extend((str(w), True) for w in tr.warnings if w.kind != "added")
    return lines


def _completeness(deck: Deck, tr: decks_mod.LanguageDeck) -> str:
    if not tr.has_cards:
        parts = [f"{tr.language}, the title, description and theme labels only (not a card language)"]
        if tr.outdated:
            parts.append(f"{len(tr.outdated)} outdated")
        return ", ".join(parts)
    done = len([c for c in tr.cards if not any(f"card '{c}'" in w.message for w in tr.outdated)])
    parts = [f"{tr.language}, {done} of {len(deck.cards)} cards translated"]
    if tr.address:
        parts.append(f"addresses the family: {tr.address}")
    if tr.missing:
        parts.append(f"{len(tr.missing)} missing")
    if tr.outdated:
        parts.append(f"{len(tr.outdated)} outdated")
    if tr.added:
        parts.append(f"{len(tr.added)} added")
    parts.append("reviewed" if tr.reviewed else "not reviewed by a native speaker yet")
    return ", ".join(parts)


# -- decks -----------------------------------------------------------------------------

def list_decks(out=sys.stdout, err=sys.stderr) -> int:
    """Every deck the app uses, and where it and each of its language decks
    come from (shipped, GESPREKSKAARTEN_DECKS or the data folder)."""
    found = load_decks()
    for deck in found.decks:
        print(f"{deck.id}  {deck.title}  ({deck.audience}, {len(deck.cards)} cards, {deck.language}, "
              f"version {deck.version})", file=out)
        print(f"    from: {deck_origin(deck.path)}, {shown(str(deck.path.parent))}", file=out)
        for language in sorted(deck.translations):
            tr = deck.translations[language]
            elsewhere = (f" (from: {deck_origin(tr.path)}, {shown(str(tr.path))})"
                         if tr.path.parent != deck.path.parent else "")
            print(f"    {_completeness(deck, tr)}{elsewhere}", file=out)
    for problem in found.problems:
        print(problem, file=err)
    return 1 if found.problems else 0


# -- translator commands ------------------------------------------------------------------

def _loaded(deck_id: str) -> Deck | None:
    """The deck ``deck_id`` as the app uses it, or None."""
    return next((d for d in load_decks().decks if d.id == deck_id), None)


def _deck_or_error(deck_id: str, err) -> Deck | None:
    """The deck as the app uses it (a newer version from another folder, with
    every language deck attached), or None after saying which decks there are."""
    found = load_decks()
    deck = next((d for d in found.decks if d.id == deck_id), None)
    if deck is None:
        for problem in found.problems:  # perhaps the deck is there but broken
            print(problem, file=err)
        known = ", ".join(sorted(shown(d.id) for d in found.decks))
        print(f"There is no deck '{shown(deck_id)}'. The decks are: {known}", file=err)
    return deck


def new_language(deck_id: str, language: str, translated_by: str = "", out=sys.stdout, err=sys.stderr) -> int:
    deck = _deck_or_error(deck_id, err)
    if deck is None:
        return 1
    path = userdecks.language_deck_path(deck.id, deck.path.parent, language)
    try:
        path = decks_mod.new_language(deck, language, translated_by=translated_by, path=path)
    except (ValueError, FileExistsError) as exc:
        print(exc, file=err)
        return 1
    print(f"Wrote {shown(str(path))}. Fill in the texts, then run: python main.py check {shown(str(path.parent))}", file=out)
    return 0


def mark_current(deck_id: str, language: str, out=sys.stdout, err=sys.stderr) -> int:
    deck = _deck_or_error(deck_id, err)
    if deck is None:
        return 1
    tr = deck.translations.get(language)
    path = tr.path if tr is not None else deck.path.parent / f"{language}.yaml"
    if not os.path.lexists(path):
        print(f"There is no language deck '{shown(language)}' for '{deck_id}'. "
              f"Start one with: python main.py new-language {deck_id} {language}", file=err)
        return 1
    try:
        path, count = decks_mod.mark_current(deck, language, userdecks.writable_copy(path, deck.id))
    except DeckError as exc:
        print(exc, file=err)
        return 1
    print(f"Marked {count} translated cards in {shown(str(path))} as current.", file=out)
    return 0


# -- purge -----------------------------------------------------------------------------------

def purge(older_than: str | None, out=sys.stdout, err=sys.stderr, now=None) -> int:
    """Delete the sessions whose days are over: 0 when done, 2 for a bad
    number of days, 1 when the sessions file cannot be opened (the app is
    open, no permission...). Never prints a name."""
    import datetime as dt

    from kaarten import exports, retention
    from kaarten.errors import AlreadyOpenError, KaartenError
    from kaarten.paths import data_dir
    from kaarten.preferences import Preferences
    from kaarten.store import DB_NAME, Store

    folder = data_dir()
    if older_than is None:
        days = Preferences.load(folder).retention_days
    else:
        try:
            days = retention.check_days(older_than)
        except ValueError:
            print(f"--older-than needs a whole number of days from 1 to 365, for example "
                  f"--older-than 30; got {shown(older_than)!r}.", file=err)
            return 2
    path = folder / DB_NAME
    if not path.exists():
        print(f"There are no saved sessions in {shown(str(folder))}: nothing to delete.", file=out)
        return 0
    moment = now or dt.datetime.now(dt.timezone.utc)
    try:
        with Store.open(path, exclusive=True) as store:
            # with their exports, the exports folder's old files, and "delete a
            # session the day after its export" (kaarten.retention.purge)
            deleted = retention.purge(store, days, moment, data_folder=folder,
                                      settings=exports.ExportSettings.load(folder))
            left = len(store.sessions())
    except AlreadyOpenError:
        print("The app is open on these sessions. Close it first, then run purge again "
              "(the app deletes old sessions itself too).", file=err)
        return 1
    except KaartenError as e:
        print(f"Could not delete old sessions: {e}", file=err)
        return 1
    before = retention.cutoff(days, moment).astimezone().date()
    print(f"Deleted {len(deleted)} session{'s' if len(deleted) != 1 else ''} last played before "
          f"{before.isoformat()} (kept: {days} days); {left} left.", file=out)
    return 0


# -- sessions and the demo family ------------------------------------------------------

def _open_store(err):
    """The data folder's sessions, or None after saying why not."""
    from kaarten.errors import StoreError
    from kaarten.store import Store

    try:
        return Store.open()
    except StoreError as exc:
        print(exc, file=err)
        return None


def list_sessions(out=sys.stdout, err=sys.stderr) -> int:
    """One line per saved session: id, date, deck, players, people (and
    whether it is a demo, and how many exports were written from it)."""
    store = _open_store(err)
    if store is None:
        return 1
    with store:
        infos = store.sessions()
        demos = store.demo_sessions()
        exported: dict[int, int] = {}
        for session_id, *_rest in store.exports():
            exported[session_id] = exported.get(session_id, 0) + 1
    if not infos:
        print("No saved sessions. (python main.py demo records a sample family.)", file=out)
        return 0
    for info in infos:
        marks = [m for m in ("demo" if info.id in demos else "", "" if info.finished else "unfinished",
                             "damaged" if info.damaged else "") if m]
        if exported.get(info.id):
            marks.append(f"{exported[info.id]} export(s)")
        players = ", ".join(shown(n) for n in info.player_names)
        line = (f"{info.id}  {info.created.astimezone().date().isoformat()}  {shown(info.deck_id)} ({info.language})  "
                f"players: {players}  people: {info.people_count}")
        print(line + (f"  [{', '.join(marks)}]" if marks else ""), file=out)
    return 0


def demo(language: str = "nl", out=sys.stdout, err=sys.stderr) -> int:
    """Record the demo family's finished game in ``language`` into the data folder."""
    from kaarten import demo as demo_mod
    from kaarten.errors import KaartenError

    if language not in demo_mod.LANGUAGES:
        print(f"There is no demo family in '{shown(language)}'. Languages: {', '.join(demo_mod.LANGUAGES)}", file=err)
        return 1
    deck = _deck_or_error(demo_mod.DEMO_DECK, err)
    if deck is None:
        return 1
    store = _open_store(err)
    if store is None:
        return 1
    try:
        with store:
            session = demo_mod.record_demo(store, deck, language)
    except KaartenError as exc:
        print(exc, file=err)
        return 1
    people = len(session.network.people)
    print(f"Recorded demo session {session.id} (a fictional family, {language}, {people} people). "
          f"Export it with: python main.py export {session.id} --format pdf --out demo.pdf", file=out)
    return 0


__all__ = ["build_parser", "check", "demo", "list_decks", "list_sessions", "main", "mark_current", "new_language",
           "purge"]

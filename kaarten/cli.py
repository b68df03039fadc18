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
from kaarten.decks import Deck, DeckError, deck_folders, deck_roots, load_deck, load_decks
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
                                   "without PATH every deck in kaarten/decks (and in the folder "
                                   "named by GESPREKSKAARTEN_DECKS) is checked. "
                                   "Exits 1 when a file cannot be used.")
    p.add_argument("paths", nargs="*", metavar="PATH")

    sub.add_parser("decks", help="list decks, their languages and how complete each language is")

    p = sub.add_parser("new-language", help="write a language-deck skeleton for a translator to fill in")
    p.add_argument("deck", metavar="DECK", help="deck id, e.g. wie-is-er-voor-jou")
    p.add_argument("language", metavar="LANG", help="language code, e.g. en, ar, ti, uk")
    p.add_argument("--translated-by", default="", help="your name, or 'Machine-made draft'")

    p = sub.add_parser("mark-current", help="after updating a translation, record that it matches today's Dutch cards")
    p.add_argument("deck", metavar="DECK")
    p.add_argument("language", metavar="LANG")

    p = sub.add_parser("screenshots", help="render every screen to PNG files, without a display")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--languages", default="nl", metavar="LANGS",
                   help="comma-separated UI and card languages to render, e.g. nl,ar,ti,uk (default nl)")
    p.add_argument("--cards", metavar="DECK", help="instead: the first cards of DECK on the table screen")
    p.add_argument("--count", type=int, default=5, help="with --cards: how many cards (default 5)")
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
    handler = (ui_commands or {}).get(args.command)
    if handler is None:
        build_parser().print_help()
        return 2
    return handler(args)


# -- check ---------------------------------------------------------------------------

def check(paths: Sequence[str], out=sys.stdout, err=sys.stderr) -> int:
    """Report on decks; 1 when any file cannot be used, else 0 (warnings allowed)."""
    failed = False
    if paths:
        targets = [Path(p) for p in paths]
    else:
        targets, problems = deck_folders(deck_roots())
        for problem in problems:
            print(problem, file=err)
            failed = True
    for target in targets:
        for line, ok in _check_target(target):
            print(line, file=out if ok else err)
            failed |= not ok
    return 1 if failed else 0


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
        for path in language_files:  # the loader explains that the deck is missing
            try:
                decks_mod.load_language_deck(path)
            except DeckError as exc:
                lines.append((str(exc), False))
        return lines
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
    done = len(tr.cards) - len(tr.outdated)
    parts = [f"{tr.language}, {done} of {len(deck.cards)} cards translated"]
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
    found = load_decks()
    for deck in found.decks:
        print(f"{deck.id}  {deck.title}  ({deck.audience}, {len(deck.cards)} cards, {deck.language})", file=out)
        for language in sorted(deck.translations):
            print(f"    {_completeness(deck, deck.translations[language])}", file=out)
    for problem in found.problems:
        print(problem, file=err)
    return 1 if found.problems else 0


# -- translator commands ------------------------------------------------------------------

def _deck_or_error(deck_id: str, err) -> Deck | None:
    folders, _ = deck_folders(deck_roots())
    folder = next((f for f in folders if f.name == deck_id), None)
    if folder is None:
        known = ", ".join(sorted({shown(f.name) for f in folders}))
        print(f"There is no deck '{shown(deck_id)}'. The decks are: {known}", file=err)
        return None
    try:
        return load_deck(folder)
    except DeckError as exc:
        print(exc, file=err)
        return None


def new_language(deck_id: str, language: str, translated_by: str = "", out=sys.stdout, err=sys.stderr) -> int:
    deck = _deck_or_error(deck_id, err)
    if deck is None:
        return 1
    try:
        path = decks_mod.new_language(deck, language, translated_by=translated_by)
    except (ValueError, FileExistsError) as exc:
        print(exc, file=err)
        return 1
    print(f"Wrote {shown(str(path))}. Fill in the texts, then run: python main.py check {shown(str(path.parent))}", file=out)
    return 0


def mark_current(deck_id: str, language: str, out=sys.stdout, err=sys.stderr) -> int:
    deck = _deck_or_error(deck_id, err)
    if deck is None:
        return 1
    if not os.path.lexists(deck.path.parent / f"{language}.yaml"):
        print(f"There is no language deck '{shown(language)}' for '{deck_id}'. "
              f"Start one with: python main.py new-language {deck_id} {language}", file=err)
        return 1
    try:
        path, count = decks_mod.mark_current(deck, language)
    except DeckError as exc:
        print(exc, file=err)
        return 1
    print(f"Marked {count} translated cards in {shown(str(path))} as current.", file=out)
    return 0


__all__ = ["build_parser", "check", "list_decks", "main", "mark_current", "new_language"]

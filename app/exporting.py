""""Bewaren of printen": the App writes a session's exports where the worker
chose (``kaarten.exports.ExportSettings``), notes them with their session,
and says where they went.

Three files per press: the family's hand-out (PDF, in the cards' language
when the app has words for it), the map alone (PNG) and the worker's
summary (Markdown, in the worker's language). No Kivy here: the summary
screen calls :func:`save_exports` and shows what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.export import render
from app.export.words import known_languages
from kaarten import exports

__all__ = ["SavedExports", "save_exports", "path_text"]


def path_text(path) -> str:
    """A folder as text in a sentence of any direction: its parts joined by
    " / " so a long path wraps between them instead of running off the
    screen, and left-to-right marks around it so an Arabic sentence keeps
    its slashes in place."""
    path = Path(path)
    parts = list(path.parts[1:] if path.anchor else path.parts)
    shown = " / ".join(parts)
    return f"\u200e{path.anchor}{shown}\u200e"


@dataclass(frozen=True)
class SavedExports:
    folder: Path
    files: tuple[Path, ...]
    #: True when the folder is outside the app's data folder: the worker's to keep safe
    outside: bool


def save_exports(store, session, deck, *, worker_language: str, data_folder: Path | None = None,
                 pseudonyms: bool = False) -> SavedExports:
    """Write the three exports of ``session``; OSError when the folder cannot be written."""
    settings = exports.ExportSettings.load(data_folder)
    folder = settings.target(data_folder)
    languages = known_languages()
    family = session.language if session.language in languages else worker_language
    demo = session.id in store.demo_sessions()
    date = session.created.astimezone().date()
    written = []
    for fmt, lang in (("pdf", family), ("png", family), ("md", worker_language)):
        data = render(session, deck, fmt, lang, pseudonyms=pseudonyms, demo=demo)
        path = exports.write_file(folder, exports.file_name(session.id, date, fmt, demo=demo), data)
        store.add_export(session.id, path, fmt)
        written.append(path)
    return SavedExports(folder, tuple(written), outside=not exports.inside_data_folder(folder, data_folder))

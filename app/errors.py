"""What the worker reads when something could not be done: plain Dutch.

The game core raises errors in English for developers; :func:`explain`
turns the kinds the worker can meet into a short sentence that says what to
do, through the translator.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from kivy.base import ExceptionHandler, ExceptionManager

from kaarten.errors import StoreError
from kaarten.network import InvalidNameError, InvalidNoteError, NetworkError
from kaarten.table import TableError

from app.i18n import tr

__all__ = ["explain", "log_unexpected", "LogUnexpected"]

log = logging.getLogger(__name__)


def explain(error: BaseException) -> str:
    """The worker's words for an error of the ``KaartenError`` family
    (anything else gets the general sentence)."""
    if isinstance(error, InvalidNameError):
        return tr._("Deze naam kan niet. Typ een naam of rol van hoogstens 60 tekens.")
    if isinstance(error, InvalidNoteError):
        return tr._("Deze notitie is te lang.")
    if isinstance(error, NetworkError):
        return tr._("Deze persoon is er niet meer. Kijk nog eens op de kaart.")
    if isinstance(error, TableError):
        return tr._("Dat kan nu niet in het spel.")
    if isinstance(error, StoreError):
        return tr._("Dit kon niet worden bewaard. Probeer het nog eens. "
                    "Lukt het niet, vraag dan hulp.")
    return tr._("Er ging iets mis. Probeer het nog eens.")


def log_unexpected(error: BaseException) -> None:
    """Log a bug by its type and where it happened, never by its message:
    a message can hold a name a family typed, and the log leaves the tablet."""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.error("Unexpected %s at %s", type(error).__name__, where or "?")


class LogUnexpected(ExceptionHandler):
    """The running app's last net: a bug reaches the log (without names) and
    the family's game goes on -- every action was saved or rolled back whole."""

    def handle_exception(self, inst):
        if isinstance(inst, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        log_unexpected(inst)
        return ExceptionManager.PASS

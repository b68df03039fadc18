"""What the worker reads when something could not be done: plain Dutch.

The game core raises errors in English for developers; :func:`explain`
turns the kinds the worker can meet into a short sentence that says what to
do, through the translator. (What reaches the log: :mod:`app.logs`.)
"""

from __future__ import annotations

from app.i18n import tr
from kaarten.errors import StoreError
from kaarten.network import InvalidNameError, InvalidNoteError, NetworkError
from kaarten.table import TableError

__all__ = ["explain"]


def explain(error: BaseException) -> str:
    """The worker's words for an error of the ``KaartenError`` family
    (anything else gets the general sentence)."""
    if isinstance(error, InvalidNameError):
        return tr._("Deze naam kan niet. Typ een naam of rol van hoogstens 60 tekens.")
    if isinstance(error, InvalidNoteError):
        return tr._("Deze notitie is te lang.")
    if isinstance(error, NetworkError):
        return tr._("Deze naam staat niet meer in de lijst.")
    if isinstance(error, TableError):
        return tr._("Dat kan nu niet in het spel.")
    if isinstance(error, StoreError):
        return tr._("Dit kon niet worden bewaard. Probeer het nog eens. "
                    "Lukt het niet, vraag dan hulp.")
    return tr._("Er ging iets mis. Probeer het nog eens.")

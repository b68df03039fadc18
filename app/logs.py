"""Logs that never carry a person's name.

Kivy writes its log files into ``KIVY_HOME`` (outside the app's data folder,
where the privacy promises do not reach), and a traceback's last line holds
the exception's message, which may quote whatever the code was handling: a
name a family said. So the app logs errors by kind and place only:

- :func:`log_error` writes an error's type and the frames it passed through
  (file, line, function and the line of code: the program, never its data);
- :func:`install` makes that the running app's last net: an error that
  escapes a Kivy callback is logged and the family's game goes on (every
  action was saved or rolled back whole, so nothing is half-done);
- :func:`run_logged` does the same for an error that ends the app (while it
  starts, say), which then exits with status 1 instead of printing the
  traceback (stderr, too, ends up in Kivy's log file).
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Callable

__all__ = ["describe", "log_error", "install", "run_logged"]

log = logging.getLogger("gesprekskaarten")


def describe(error: BaseException) -> str:
    """An error's kind and the code it went through, without its message."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{type(error).__module__}.{type(error).__qualname__}"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    cause = error.__cause__ or error.__context__
    if cause is not None and cause is not error:
        lines.append("caused by " + f"{type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines)


def log_error(what: str, error: BaseException) -> None:
    """Log ``what`` went wrong (fixed words, or ids) and where, never a name."""
    log.error("%s: %s", what, describe(error))


class _NameFreeHandler:
    """Kivy's exception handler: log without the message and carry on."""

    def handle_exception(self, error: BaseException):
        from kivy.base import ExceptionManager
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        log_error("Unexpected error", error)
        return ExceptionManager.PASS


def install() -> None:
    """Route errors that escape Kivy's callbacks through :func:`log_error`."""
    from kivy.base import ExceptionManager
    if not any(isinstance(h, _NameFreeHandler) for h in ExceptionManager.handlers):
        ExceptionManager.add_handler(_NameFreeHandler())


def run_logged(main: Callable[[], object]) -> None:
    """Run ``main``; an error that ends it is logged name-free (already, if
    it passed Kivy's handler) and the process exits with status 1."""
    try:
        main()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - logged without its message
        log_error("The app stopped on an error", error)
        sys.exit(1)

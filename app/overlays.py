"""Keeping the lock and the names cover above everything else on the window.

Its own small module (it was in :mod:`app.lock`) so the App can watch the
window from start-up without importing the lock screen and its kv, which
only a set PIN needs.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["keep_on_top"]


def keep_on_top(overlays: Callable[[], list]) -> Callable:
    """A Window ``children`` watcher that puts ``overlays()`` (bottom first)
    back on top whenever something else (a panel, a question) was added
    above them. Returns the callback to bind."""
    busy = []

    def watch(window, children) -> None:
        if busy:
            return
        wanted = [w for w in overlays() if w is not None and w in children]
        if not wanted or list(reversed(children[:len(wanted)])) == wanted:
            return
        busy.append(True)
        try:
            for w in wanted:
                window.remove_widget(w)
            for w in wanted:
                window.add_widget(w)
        finally:
            busy.clear()
    return watch

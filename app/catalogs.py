"""The UI catalogs as gettext reads them: a current ``.mo`` for every ``.po``.

The ``.mo`` files are build output (``scripts/setup.sh`` compiles them in a
checkout). An installed copy may have none, or older ones than its ``.po``
files, and its package folder may be read-only. A missing catalog would leave
the UI half-translated while the layout already mirrors for Arabic, so a
``.po`` without a current ``.mo`` beside it is compiled with Babel on first
use into ``<data folder>/locales`` and read from there.

No Kivy here: the translator in :mod:`app.i18n` asks :func:`catalog_dir`
which folder to hand to gettext.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from kaarten.paths import data_dir

__all__ = ["catalog_dir", "compiled_dir"]

DOMAIN = "messages"

log = logging.getLogger(__name__)


def _catalog(folder: Path, lang: str, suffix: str) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _current(mo: Path, po: Path) -> bool:
    return mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime


def compiled_dir() -> Path:
    """Where catalogs compiled on first use are kept: ``<data folder>/locales``."""
    return data_dir() / "locales"


def catalog_dir(lang: str, locales_dir: Path, cache_dir: Path | None = None) -> Path:
    """The folder whose ``<lang>/LC_MESSAGES/messages.mo`` is current for ``lang``.

    ``locales_dir`` itself when its ``.mo`` is at least as new as its ``.po``
    (or there is no ``.po``); otherwise ``cache_dir`` (default
    :func:`compiled_dir`), after compiling the ``.po`` there unless an
    earlier run did already.
    """
    po = _catalog(locales_dir, lang, ".po")
    if not po.is_file() or _current(_catalog(locales_dir, lang, ".mo"), po):
        return locales_dir
    cache = compiled_dir() if cache_dir is None else cache_dir
    mo = _catalog(cache, lang, ".mo")
    if not _current(mo, po):
        _compile(po, mo)
    return cache


def _compile(po: Path, mo: Path) -> None:
    """Compile ``po`` into ``mo``, whole or not at all: written to a temporary
    file beside it and renamed, so a second app starting at the same moment
    never reads half a catalog."""
    with po.open("rb") as handle:
        from babel.messages.pofile import read_po  # (Babel: only when compiling)
        catalog = read_po(handle, locale=po.parent.parent.name)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as out:
            from babel.messages.mofile import write_mo
            write_mo(out, catalog)
        os.replace(tmp, mo)
    except BaseException:
        os.unlink(tmp)
        raise
    log.info("Compiled %s into %s", po, mo)

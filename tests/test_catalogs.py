"""A catalog without a current .mo is compiled on first use, never half-used.

Worked on a copy of ``app/locales`` holding only the .po files, as an
installed wheel built without .mo files would.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import catalogs
from app.i18n import LOCALES_DIR, Translator


@pytest.fixture
def po_only(tmp_path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    assert not list(copy.rglob("*.mo"))
    return copy


def translations(po: Path) -> dict[str, str]:
    with po.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle)
                if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


@pytest.mark.parametrize("lang", ["ar", "en", "ti"])
def test_a_language_without_a_mo_is_translated_whole(po_only, tmp_path, monkeypatch, lang):
    cache = tmp_path / "data" / "locales"
    monkeypatch.setattr(catalogs, "compiled_dir", lambda: cache)
    tr = Translator(locales_dir=po_only)
    tr.switch(lang)
    wanted = translations(po_only / lang / "LC_MESSAGES" / "messages.po")
    assert len(wanted) > 50
    assert {msgid: tr._(msgid) for msgid in wanted} == wanted
    assert (cache / lang / "LC_MESSAGES" / "messages.mo").is_file()
    assert not (po_only / lang / "LC_MESSAGES" / "messages.mo").exists()  # the package is left alone


def test_the_catalogs_go_to_the_data_folder_by_default(po_only):
    folder = catalogs.catalog_dir("en", po_only)
    assert folder == Path(os.environ["GESPREKSKAARTEN_DATA"]) / "locales"
    assert (folder / "en" / "LC_MESSAGES" / "messages.mo").is_file()


def test_a_current_mo_beside_the_po_is_used_as_it_is(po_only, tmp_path):
    catalogs._compile(po_only / "en" / "LC_MESSAGES" / "messages.po", po_only / "en" / "LC_MESSAGES" / "messages.mo")
    cache = tmp_path / "cache"
    assert catalogs.catalog_dir("en", po_only, cache) == po_only
    assert not cache.exists()


def test_a_mo_older_than_its_po_is_compiled_afresh_once(po_only, tmp_path):
    po = po_only / "en" / "LC_MESSAGES" / "messages.po"
    stale = po_only / "en" / "LC_MESSAGES" / "messages.mo"
    stale.write_bytes(b"not a catalog")
    os.utime(stale, (po.stat().st_mtime - 60,) * 2)
    cache = tmp_path / "cache"
    assert catalogs.catalog_dir("en", po_only, cache) == cache
    compiled = cache / "en" / "LC_MESSAGES" / "messages.mo"
    first = compiled.stat().st_mtime_ns
    os.utime(compiled, ns=(first - 10**9, first - 10**9))   # older than now, newer than the .po
    assert catalogs.catalog_dir("en", po_only, cache) == cache
    assert compiled.stat().st_mtime_ns == first - 10**9, "compiled again although current"
    assert list(compiled.parent.iterdir()) == [compiled], "a temporary file was left behind"


def test_a_language_with_no_catalog_at_all_shows_dutch(po_only):
    tr = Translator(locales_dir=po_only)
    tr.switch("so")
    assert tr._("Alle gesprekken wissen") == "Alle gesprekken wissen"


def test_a_data_folder_that_cannot_hold_catalogs_leaves_the_ui_dutch_not_broken(po_only, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setattr(catalogs, "compiled_dir", lambda: blocked / "locales")
    tr = Translator(locales_dir=po_only)
    tr.switch("en")
    assert tr._("Alle gesprekken wissen") == "Alle gesprekken wissen"

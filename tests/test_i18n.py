"""The UI catalogs: current with the code, compilable, with real plural forms."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalogs  # noqa: E402  (tools/i18n.py)

LANGUAGES = catalogs.LANGUAGES


def po_path(lang: str) -> Path:
    return catalogs.LOCALES / lang / "LC_MESSAGES" / "messages.po"


def test_messages_pot_holds_every_string_the_code_marks():
    missing = catalogs.missing_from_pot()
    assert not missing, f"run: .venv/bin/python tools/i18n.py update  (missing: {sorted(map(str, missing))[:10]})"


def test_the_freshness_check_bites(tmp_path, monkeypatch):
    stale = tmp_path / "messages.pot"
    stale.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n')
    monkeypatch.setattr(catalogs, "POT", stale)
    assert catalogs.missing_from_pot()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_exists_compiles_and_keeps_placeholders(lang):
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    problems = [(m.id, errs) for m, errs in catalog.check()]
    assert not problems, problems
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()
    pot_ids = catalogs.ids(catalogs.POT)
    assert catalogs.ids(po_path(lang)) >= pot_ids, "run tools/i18n.py update"
    if lang != "nl":
        untranslated = [m.id for m in catalog
                        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))]
        assert not untranslated, untranslated[:10]


def _translations(lang: str, tmp_path: Path) -> Translations:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    mo = tmp_path / lang / "LC_MESSAGES" / "messages.mo"
    mo.parent.mkdir(parents=True)
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    return Translations.load(str(tmp_path), [lang], "messages")


def _plural_messages() -> list[tuple[str, str]]:
    with catalogs.POT.open("rb") as handle:
        return [tuple(m.id) for m in read_po(handle) if m.pluralizable]


def test_dutch_plurals_are_one_and_many(tmp_path):
    t = _translations("nl", tmp_path)
    singular, plural = next(p for p in _plural_messages() if "persoon" in p[0])
    assert t.ngettext(singular, plural, 1) == singular
    assert t.ngettext(singular, plural, 3) == plural
    assert t.ngettext(singular, plural, 0) == plural


def test_arabic_has_its_six_plural_forms(tmp_path):
    t = _translations("ar", tmp_path)
    with po_path("ar").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    assert catalog.num_plurals == 6
    singular, plural = next(p for p in _plural_messages() if "persoon" in p[0])
    forms = {n: t.ngettext(singular, plural, n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) >= 5, forms  # zero, one, two, few, many, other
    assert all(singular != f for f in forms.values())

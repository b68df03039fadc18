"""Typed settings: numbers and switches survive a restart; a bad value in
the file falls back to its own default and never stops the app."""

import json
import os
import stat

import pytest

from kaarten.preferences import FILE_NAME, Preferences


def test_numbers_and_switches_are_kept_as_they_were_set(tmp_path):
    prefs = Preferences().with_(retention_days=90, idle_lock_minutes=2, pseudonyms=True, text_size="large")
    prefs.save(tmp_path)
    again = Preferences.load(tmp_path)
    assert again == prefs
    assert (again.retention_days, again.idle_lock_minutes, again.pseudonyms) == (90, 2, True)
    assert type(again.retention_days) is int and type(again.pseudonyms) is bool
    raw = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert raw["retention_days"] == 90 and raw["pseudonyms"] is True
    assert stat.S_IMODE(os.stat(tmp_path / FILE_NAME).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]


@pytest.mark.parametrize("field, bad", [
    ("retention_days", 0), ("retention_days", 366), ("retention_days", "30"), ("retention_days", True),
    ("retention_days", 30.5), ("idle_lock_minutes", -1), ("idle_lock_minutes", None),
    ("pseudonyms", 1), ("pseudonyms", "true"), ("text_size", "gigantic"), ("ui_language", ""),
    ("ui_language", "x" * 200), ("card_language", 7),
])
def test_a_bad_value_in_the_file_gives_that_settings_default_only(tmp_path, field, bad):
    (tmp_path / FILE_NAME).write_text(json.dumps({field: bad, "ui_language": "en", "retention_days": 60}
                                                 | {field: bad}), encoding="utf-8")
    loaded = Preferences.load(tmp_path)
    assert getattr(loaded, field) == getattr(Preferences(), field)
    others = {"ui_language": "en", "retention_days": 60}
    for name, value in others.items():
        if name != field:
            assert getattr(loaded, name) == value


def test_a_bad_value_set_in_code_is_refused_with_its_name():
    with pytest.raises(ValueError, match="retention_days .* 1 to 365"):
        Preferences().with_(retention_days=400)
    with pytest.raises(ValueError, match="pseudonyms must be true or false"):
        Preferences().with_(pseudonyms="yes")
    with pytest.raises(ValueError, match="no setting colour"):
        Preferences().with_(colour="red")


@pytest.mark.parametrize("content", ["{half a fi", "[1, 2]", "null", "\udcff", ""])
def test_an_unreadable_file_gives_the_defaults(tmp_path, content):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8", errors="surrogateescape")
    assert Preferences.load(tmp_path) == Preferences()

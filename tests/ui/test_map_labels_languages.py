"""The map's sector names stay whole when one process speaks nl, then ar,
then ti (the worker switching languages during a day).

In such a process a Tigrinya sector name once showed as one letter ("ት"):
the map sized its box with the app's cached text measure, and Kivy, which
lays the label out again with its own measure on a font object whose figure
for the same string had grown a few pixels during the run, broke the word
into two lines in that box. The second case below makes the cached figure
a few pixels short on purpose, as the long run did; the first switches
languages as it comes. Each sector name must be drawn on one line, as wide
as a fresh measure of it on the font Kivy draws with.
"""
from __future__ import annotations

import crowded_game
import pytest

pytestmark = pytest.mark.timeout(180)


def summary_map(driver, language: str):
    from app.map.widget import NetworkMap
    app = driver.app
    app.set_ui_language(language)
    session, _ = crowded_game.play(app.store, language="nl")
    app.session = session
    app.show_summary()
    driver.settle()
    screen = app.root.get_screen("summary")
    return next(w for w in screen.walk(restrict=True) if isinstance(w, NetworkMap))


def fresh_measure(label) -> tuple[int, int]:
    """The drawn string measured now, on the font object Kivy draws it with."""
    from kivy.core.text import Label as CoreLabel
    drawn = label._label.text
    return CoreLabel(text=drawn, font_name=label.font_name, font_size=label.font_size,
                     bold=label.bold).get_extents(drawn)


@pytest.mark.parametrize("cached_short_by", [0, 3], ids=["as-measured", "cache-3px-short"])
def test_sector_names_stay_whole_after_nl_ar_ti_in_one_process(driver, monkeypatch, cached_short_by):
    from app.map import widget as map_widget
    from app.widgets import text as text_widgets
    if cached_short_by:     # the one measure, as the map and the labels see it
        cached = map_widget.measure

        def short(text, font_name, font_size, bold=False):
            w, h = cached(text, font_name, font_size, bold)
            return w - cached_short_by, h
        monkeypatch.setattr(map_widget, "measure", short)
        monkeypatch.setattr(text_widgets, "measure", short)
    try:
        for language in ("nl", "ar", "ti"):
            m = summary_map(driver, language)
            names = [t for t in m._sector_labels if t.opacity and t.text]
            assert len(names) == 6, language
            for label in names:
                # laid out again now: Kivy's figure for a string can change
                # as other text is drawn, and the label must hold up whenever
                label.texture_update()
                width, height = fresh_measure(label)
                assert "\n" not in label._label.text, (language, label.text)
                assert label.texture_size[1] < 1.5 * height, f"{language}: {label.text!r} broke into lines"
                assert label.texture_size[0] >= width, f"{language}: {label.text!r} is cut"
    finally:
        driver.app.set_ui_language("nl")
        driver.settle()

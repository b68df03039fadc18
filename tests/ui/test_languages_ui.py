"""The family's language beside the worker's: the summary in either, and
right-to-left screens that mirror their rows (but never the map)."""

from __future__ import annotations

import app_driver
import crowded_game
import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.timeout(120)


def msgstr(lang: str, msgid: str) -> str:
    with (app_driver.ROOT / "app" / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)[msgid].string


def show_summary(driver, language: str):
    app = driver.app
    session, _ = crowded_game.play(app.store, language=language)
    app.session = session
    app.show_summary()
    driver.settle()
    return app.root.get_screen("summary")


def test_the_summary_can_be_read_in_the_familys_language_and_back(driver):
    from app.i18n import tr
    screen = show_summary(driver, "ar")
    button = screen.ids.language
    assert button.parent is not None and button.text == "العربية"
    driver.tap(button)
    driver.settle()
    assert tr.lang == "ar"
    assert screen.ids.title.text == msgstr("ar", "Jouw mensen")
    assert screen.ids.language.text == "Nederlands"
    driver.tap(screen.ids.language)
    driver.settle()
    assert screen.ids.title.text == "Jouw mensen"
    # read in Arabic, then leave: the worker's own language comes back
    driver.tap(screen.ids.language)
    driver.settle()
    driver.app.go("start")
    driver.settle()
    assert tr.lang == "nl" and driver.app.ui_language == "nl"


def test_no_language_button_when_the_cards_were_in_the_workers_language(driver):
    screen = show_summary(driver, "nl")
    assert screen.other_language == "" and screen.ids.language.parent is None


def test_rows_mirror_in_arabic_but_the_map_does_not(driver):
    screen = show_summary(driver, "nl")
    row = screen.ids.supporters.children[-1]          # the first key supporter
    dot, words = row.children[-1], row.children[0]
    assert dot.center_x < words.center_x               # Dutch: dot, then name
    def sides(layout):  # which side of the centre each person's dot is on
        g = layout.geometry
        return {pid: (d.x > g.cx, d.y > g.cy) for pid, d in layout.dots.items()
                if abs(d.x - g.cx) > 10 and abs(d.y - g.cy) > 10}

    sides_nl = sides(screen.ids.map.map_layout)
    driver.app.set_ui_language("ar")
    driver.settle()
    try:
        row = screen.ids.supporters.children[-1]
        dot, words = row.children[-1], row.children[0]
        assert dot.center_x > words.center_x           # Arabic: the dot sits on the right
        sides_ar = sides(screen.ids.map.map_layout)
        assert sides_ar == sides_nl and len(sides_nl) > 10   # the map keeps its sides
        driver.app.go("sessions")
        driver.settle()
        kop = driver.find_one(driver.app.root.get_screen("sessions"), "TopBar")
        assert kop.ids.back.x > kop.ids.title.x        # "back" on the right-hand side
    finally:
        driver.app.set_ui_language("nl")
        driver.settle()


def test_every_language_name_in_the_picker_gets_a_font_that_has_its_letters():
    """In an Arabic or Tigrinya screen, 'Українська' must not fall to the
    script font (it has Latin but no Cyrillic: empty boxes)."""
    from kivy.core.text import DEFAULT_FONT

    from app.fonts import font_for
    from app.i18n import language_name
    for ui in ("ar", "ti", "nl"):
        assert font_for(ui, language_name("uk")) == DEFAULT_FONT
        assert font_for(ui, language_name("tr")) == DEFAULT_FONT
        assert font_for(ui, language_name("ar")) == font_for("nl", "العربية") != DEFAULT_FONT
        assert font_for(ui, language_name("ti")) == font_for("nl", "ትግርኛ") != DEFAULT_FONT
    assert font_for("ar", "12") != DEFAULT_FONT       # no letters: the language's font

"""What playing the app as a family and a worker would found: each test a
path that went wrong on the screen, played again through the real widgets.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(300)


def fresh_game(d, players):
    app = d.app
    app.go("start")
    d.settle()
    d.new_game(players)
    return app.session


def seen_in(scroll, widget) -> bool:
    """True when ``widget`` lies wholly inside the visible part of ``scroll``."""
    sx, sy = scroll.to_window(scroll.x, scroll.y)
    wx, wy = widget.to_window(widget.x, widget.y)
    return sy - 1 <= wy and wy + widget.height <= sy + scroll.height + 1


# --- the naming panel on a landscape tablet (1280x800) ----------------------------------


def test_the_naming_panel_shows_people_named_before_and_the_circles_when_they_are_next(driver):
    """At 1280x800 the panel scrolls: the chips of people named before sit
    above the sectors, the circles below them. Tapping a circle scrolled the
    panel down and it stayed there: the next name's "Al genoemd" chips, and
    on the next turn every chip, were out of sight; and after a sector the
    circles were still below the fold.

    Before the first name of a game no chip can show, and the panel kept two
    empty rows for them all the same: now it keeps none then, and fits."""
    from kivy.core.window import Window
    d = driver
    assert Window.size == (1280, 800)
    session = fresh_game(d, ["mama", "Sam"])
    panel = d.open_naming()
    scroll = panel.ids.scroll
    assert panel.ids.chips_scroll.height == 0 and panel.ids.chips_hint.height == 0
    assert panel.ids.content.height <= scroll.height, "the first name's panel scrolls"
    d.close_naming(panel)
    session.record_person("buurvrouw Els", "neighbourhood", 2)
    panel = d.open_naming()
    scroll = panel.ids.scroll
    assert panel.ids.chips_scroll.height > 0
    assert panel.ids.content.height > scroll.height, "the panel fits: this test cannot fail"
    d.type_into(panel.ids.name, "Oma Truus")
    panel.ids.name.focus = False
    d.settle()
    d.tap(d.find_one(panel, "SectorButton", sector="family"))
    assert seen_in(scroll, panel.ids.circles), "after a sector, the circles are out of sight"
    d.tap(d.find_one(panel, "CircleButton", closeness=1))
    # the next name: "Truus" again, the chip of the one named before shows
    d.type_into(panel.ids.name, "Truu")
    assert [c.text for c in panel.ids.chips.children] == ["Oma Truus"]
    assert seen_in(scroll, panel.ids.chips_scroll) and seen_in(scroll, panel.ids.chips_hint)
    d.type_into(panel.ids.name, "")
    d.close_naming(panel)
    d.tap(d.get("table", "next_button"))
    panel = d.open_naming()
    assert sorted(c.text for c in panel.ids.chips.children) == ["Oma Truus", "buurvrouw Els"]
    assert seen_in(panel.ids.scroll, panel.ids.chips_scroll), "on the next turn the chips are out of sight"
    d.close_naming(panel)


@pytest.mark.parametrize("ui", ["nl", "ar"])
@pytest.mark.parametrize("size", ["normal", "extra-large"])
def test_the_name_field_keeps_its_height_whatever_script_is_typed(driver, ui, size):
    """The field was one line of the font in use high: typing "oma" into an
    Arabic screen shrank it (the hint is Arabic), "oma 🌻" grew it, and
    everything under it jumped (11 px at extra-large text)."""
    d, app = driver, driver.app
    fresh_game(d, ["mama"])
    app.set_ui_language(ui)
    app.set_text_size(size)
    try:
        panel = d.open_naming()
        field = panel.ids.name
        heights, tops = set(), set()
        for typed in ("", "oma", "أمي", "ኣደይ", "oma 🌻", ""):
            d.type_into(field, typed)
            heights.add(field.height)
            tops.add(round(panel.ids.sectors.to_window(0, panel.ids.sectors.top)[1]))
            # the typed line fits in the field
            assert field.line_height <= field.height - 2 * field.padding[1] + 0.5
        assert len(heights) == 1, f"the name field changed height: {sorted(heights)}"
        assert len(tops) == 1, f"the sectors moved: {sorted(tops)}"
        d.close_naming(panel)
    finally:
        app.set_text_size("normal")
        app.set_ui_language("nl")
        d.settle()


def test_the_count_under_a_name_shows_only_near_the_limit(driver):
    """ "4 van 60 tekens" stood under every name typed ("mama", "oma"): a
    form's counter, read by a tired family as one more thing to get right.
    It shows once a name nears the limit, and in red over it."""
    from app import theme
    from app.i18n import tr
    d = driver
    d.app.go("start")
    d.settle()
    d.tap(d.get("start", "new_game"))
    setup = d.app.root.get_screen("setup")
    row = list(reversed(setup.ids.players.children))[0]
    d.type_into(row.ids.name, "mama")
    assert "tekens" not in row.ids.preview.text
    fresh_game(d, ["mama"])
    panel = d.open_naming()
    preview = panel.ids.preview
    for typed in ("oma", "buurvrouw van de overkant", "x" * 40):
        d.type_into(panel.ids.name, typed)
        assert "tekens" not in preview.text, typed
    d.type_into(panel.ids.name, "x" * 45)
    assert preview.text == tr._("{n} van {max} tekens").format(n=45, max=60)
    assert tuple(preview.color) == tuple(theme.INK)
    d.type_into(panel.ids.name, "x" * 61)
    assert tuple(preview.color) == tuple(theme.DANGER)
    d.type_into(panel.ids.name, "")
    d.close_naming(panel)


def test_the_next_familys_set_up_starts_from_the_preferred_deck_and_card_language(driver):
    """A family played on the children's deck in Tigrinya; the next
    family's "Nieuw spel" had Tigrinya and that deck still chosen: a trace of
    the family before, and one tap on Beginnen away from the wrong cards."""
    d, app = driver, driver.app
    app.go("start")
    d.settle()
    d.tap(d.get("start", "new_game"))
    setup = app.root.get_screen("setup")
    first_deck = setup.deck_id
    children = [t for t in setup.ids.decks.children if t.value == "kinderen"]
    d.tap(children[0])
    d.tap(next(c for c in setup.ids.languages.children if c.lang_code == "ti"))
    row = list(reversed(setup.ids.players.children))[0]
    d.type_into(row.ids.name, "Yonas")
    row.ids.name.focus = False
    d.tap(setup.ids.begin)
    assert app.session.language == "ti" and app.session.deck_id == "kinderen"
    app.end_game()
    d.settle()
    d.tap(d.get("summary", "done"))
    d.tap(d.get("start", "new_game"))
    assert setup.deck_id == first_deck
    assert setup.language == app.prefs.card_language == "nl"
    assert [c.lang_code for c in setup.ids.languages.children if c.selected] == ["nl"]
    assert [t.value for t in setup.ids.decks.children if t.selected] == [first_deck]
    assert setup.draft_text == ""
    assert [r.name for r in setup.ids.players.children] == [""]


def test_the_same_person_of_two_namesakes_is_tapped_on_a_chip_in_sight(driver):
    """Two "oma"s on the map, "oma" typed again, a sector, a circle, "Dezelfde
    persoon": the panel says "Tik op de juiste naam hierboven", and the names
    must be in sight (the circles had scrolled them away at 1280x800)."""
    d = driver
    fresh_game(d, ["mama"])
    session = d.app.session
    first = session.record_person("oma", "family", 1)
    session.record_person("oma", "family", 2, distinction="van papa")
    panel = d.open_naming()
    d.type_into(panel.ids.name, "oma")
    panel.ids.name.focus = False
    d.tap(d.find_one(panel, "SectorButton", sector="family"))
    d.tap(d.find_one(panel, "CircleButton", closeness=1))
    d.tap(d.top_modal().ids.no)                         # "Dezelfde persoon"
    assert panel.feedback == "Tik op de juiste naam hierboven."
    chips = list(reversed(panel.ids.chips.children))
    assert [c.text for c in chips][:2] == ["oma", "oma (van papa)"]
    assert seen_in(panel.ids.scroll, panel.ids.chips_scroll)
    d.tap(chips[0])
    assert panel.feedback == "oma staat erbij." and len(session.network) == 2
    assert session.network.mentions_of(first.id)
    d.close_naming(panel)

"""The parts that draw from a picture of themselves (an Fbo, drawn again
only when something in them changed: the summary's side column, the table's
top bar and turn buttons) show on screen what is in them now: after a
scroll, a tap that changes a look, a new turn; and exactly what they showed
before once it is back."""
from __future__ import annotations

import app_driver
import crowded_game
import pytest


def same(a: bytes, b: bytes, widget) -> bool:
    """Two regions of ``widget`` alike (a cheap compare; see first_difference)."""
    return app_driver.first_difference(a, b, round(widget.width)) is None


def region(driver, widget) -> bytes:
    """The widget's pixels in the next drawn frame (RGBA rows, bottom first),
    once a scroll bar shown by a touch or a scroll has faded again (which
    ``settle`` does not wait for)."""
    driver.pump(seconds=1.5)
    width, _height, pixels = app_driver._read_frame(driver)
    x, y, w, h = (round(v) for v in driver.window_rect(widget))
    return b"".join(pixels[(row * width + x) * 4:(row * width + x + w) * 4] for row in range(y, y + h))


@pytest.mark.timeout(120)
def test_the_summarys_side_column_follows_a_scroll_and_a_tap_and_comes_back_the_same(driver):
    app = driver.app
    session, _ids = crowded_game.play(app.store, finish=True)
    app.resume_session(session.id, look_only=True)
    driver.settle()
    summary = app.root.get_screen("summary")
    side, who, the_map = summary.ids.side, summary.ids.who, summary.ids.map
    assert side.__class__.__name__ == "PictureScrollView"
    assert side.viewport_size[1] > side.height, "the column must be long enough to scroll"
    top, map_before = region(driver, side), region(driver, the_map)

    side.scroll_y = 0
    driver.settle()
    assert not same(region(driver, side), top, side), "the picture did not follow the scroll"
    assert same(region(driver, the_map), map_before, the_map)
    side.scroll_y = 1
    driver.settle()
    assert same(region(driver, side), top, side)

    chip = who.ids.layers.chip_of(session.players[1].id)
    driver.tap(chip)                       # one player's layer: the chip looks chosen
    assert chip.selected
    chosen = region(driver, side)
    assert not same(chosen, top, side), "the chosen chip did not show"
    driver.tap(chip)
    assert not chip.selected
    assert same(region(driver, side), top, side), "after the chip again, the column is not as it was"
    app.go("start")
    driver.settle()


@pytest.mark.timeout(120)
def test_the_tables_bars_show_the_turn_in_play(driver):
    app = driver.app
    driver.new_game(["mama", "Sam"])
    table = app.root.get_screen("table")
    topbar, buttons = table.ids.topbar, table.ids.buttons_area
    assert topbar.__class__.__name__ == "PictureActionsRow" and buttons.__class__.__name__ == "PictureTurnButtons"
    first_bar, first_buttons = region(driver, topbar), region(driver, buttons)
    assert app.session.current_player.name == "mama"
    driver.tap(table.ids.next_button)
    driver.settle()
    assert app.session.current_player.name == "Sam"
    assert not same(region(driver, topbar), first_bar, topbar), "the top bar still shows mama's turn"
    assert same(region(driver, buttons), first_buttons, buttons)     # the same buttons, drawn the same
    app.go("start")
    driver.settle()

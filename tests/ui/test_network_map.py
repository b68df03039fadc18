"""The summary's network map, as a family uses it: by touch, in a real window.

- a tap on a person opens the panel that says who named them, for which card;
- dragging a person to another circle or slice moves them, and the move is on
  disk (checked by opening the sessions file again);
- the words beside the map: key supporters, gentle empty sectors, plurals.
"""
from __future__ import annotations

import math

import crowded_game
import pytest

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def summary(driver):
    """A crowded game on the summary screen."""
    app = driver.app
    session, ids = crowded_game.play(app.store)
    app.session = session
    app.show_summary()
    driver.settle()
    screen = app.root.get_screen("summary")
    return driver, screen, session, ids


def window_point(m, x, y):
    """A point on the map square (map coordinates) in window coordinates."""
    return m.to_window(*m.from_map(x, y))


def dot_of(m, pid):
    d = m.map_layout.dots[pid]
    return window_point(m, d.x, d.y)


def drag(driver, start, end, steps=8):
    from kivy.tests.common import UnitTestTouch
    touch = UnitTestTouch(*start)
    touch.touch_down()
    driver.pump(1)
    for i in range(1, steps + 1):
        touch.touch_move(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
        driver.pump(1)
    touch.touch_up()
    driver.pump(3)


def tap(driver, point):
    from kivy.tests.common import UnitTestTouch
    touch = UnitTestTouch(*point)
    touch.touch_down()
    driver.pump(1)
    touch.touch_up()
    driver.pump(3)


def test_tap_a_person_shows_who_named_them_for_which_card(summary):
    driver, screen, session, ids = summary
    m = screen.ids.map
    oma = ids[0]  # Oma Truus: named by Mama first, then again on three more turns
    tap(driver, dot_of(m, oma))
    panel = m.panel
    assert panel is not None, "tapping Oma's dot opened no panel"
    deck = crowded_game.deck()
    players = {p.id: p.name for p in session.players}
    expected = [(players[mt.player_id], deck.card(mt.card_id).text)
                for mt in session.network.mentions_of(oma)]
    assert len(expected) == 5
    assert [(name, card) for name, _colour, card in panel.rows] == expected
    # and it is on screen, in words
    shown = [w.text for w in panel.walk() if type(w).__name__ in ("ScriptLabel", "NameLabel")]
    assert "Oma Truus" in shown
    assert any(t.startswith("Samir: ") and expected[1][1] in t for t in shown)
    panel.dismiss()
    driver.settle()


def test_tap_on_a_name_label_works_too_and_shows_the_full_long_name(summary):
    driver, screen, session, ids = summary
    m = screen.ids.map
    long_id = ids[2]  # "Tante Marieke van den Berghe-Oudenaarde"
    label = m.map_layout.labels[long_id]
    assert label.truncated
    tap(driver, window_point(m, *label.box.center))
    assert m.panel is not None and m.panel.person.name == crowded_game.PEOPLE[2][0]
    m.panel.dismiss()
    driver.settle()


def test_drag_from_the_edge_to_the_middle_is_saved(summary, tmp_path):
    driver, screen, session, ids = summary
    m = screen.ids.map
    from app.map import sector_mid_angle
    from kaarten.network import Closeness, Sector
    from kaarten.session import Session
    from kaarten.store import Store

    wijkagent = ids[13]  # neighbourhood, circle 3
    person = session.network.person(wijkagent)
    assert (person.sector, person.closeness) == (Sector.NEIGHBOURHOOD, Closeness.FURTHER)
    g = m.map_layout.geometry
    inner, outer = g.ring(1)
    target = window_point(m, *g.polar((inner + outer) / 2, sector_mid_angle(2)))
    drag(driver, dot_of(m, wijkagent), target)
    driver.settle()

    assert session.network.person(wijkagent).closeness == Closeness.VERY_CLOSE
    # on disk: open the sessions file again, as after a restart
    with Store.open(driver.app.store.path) as again:
        saved = Session.resume(again, session.id).network.person(wijkagent)
    assert (saved.sector, saved.closeness) == (Sector.NEIGHBOURHOOD, Closeness.VERY_CLOSE)
    # and the map was laid out again: the dot is now in circle 1
    d = m.map_layout.dots[wijkagent]
    assert (g := m.map_layout.geometry).circle_at(d.x, d.y) == 1
    assert m.panel is None, "a drag is not a tap"


def test_drag_to_another_slice_changes_the_sector(summary):
    driver, screen, session, ids = summary
    m = screen.ids.map
    from app.map import sector_mid_angle
    from kaarten.network import Closeness, Sector
    from kaarten.session import Session
    from kaarten.store import Store

    kees = ids[9]  # friends, circle 2
    g = m.map_layout.geometry
    inner, outer = g.ring(2)
    target = window_point(m, *g.polar((inner + outer) / 2, sector_mid_angle(4) + 0.2))
    drag(driver, dot_of(m, kees), target)
    driver.settle()
    with Store.open(driver.app.store.path) as again:
        saved = Session.resume(again, session.id).network.person(kees)
    assert (saved.sector, saved.closeness) == (Sector.CLUB_FAITH_LEISURE, Closeness.CLOSE)


def test_a_short_wobble_is_a_tap_not_a_move(summary):
    driver, screen, session, ids = summary
    m = screen.ids.map
    before = session.network.person(ids[4])
    x, y = dot_of(m, ids[4])
    drag(driver, (x, y), (x + 3, y - 3), steps=2)
    assert session.network.person(ids[4]) == before
    assert m.panel is not None
    m.panel.dismiss()
    driver.settle()


def test_every_dot_is_a_48dp_target_and_labels_do_not_overlap_on_screen(summary):
    driver, screen, session, ids = summary
    from kivy.metrics import dp
    L = screen.ids.map.map_layout
    assert len(L.dots) == 25 and not L.hidden
    assert all(2 * d.touch_radius >= dp(48) - 1e-6 for d in L.dots.values())
    boxes = [lab.box for lab in L.labels.values()]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # the label widgets are where the layout put them
    m = screen.ids.map
    for pid, lab in L.labels.items():
        widget = m._labels[pid]
        assert math.isclose(widget.x, m.square[0] + lab.box.x, abs_tol=0.5)
        assert widget.text == lab.text


def test_the_words_beside_the_map(summary):
    driver, screen, session, ids = summary
    s = session.summary()
    assert screen.supporter_ids == [p.id for p in s.key_supporters]
    assert screen.supporter_ids[0] == ids[0]  # Oma Truus, named five times
    assert "25 personen" in screen.totals
    assert screen.ids.title.text == "Jouw mensen"
    # the game is not finished: "Verder spelen" is there, next to "Klaar"
    assert screen.ids.play_on.parent is screen.ids.buttons.__self__


def test_empty_sectors_are_named_gently_and_one_person_is_singular(driver):
    app = driver.app
    from kaarten.network import Sector
    session, _ = crowded_game.play(app.store, people=(("Oma", Sector.FAMILY, 1),), named_again=(),
                                   finish=True)
    app.session = session
    app.show_summary()
    driver.settle()
    screen = app.root.get_screen("summary")
    gentle = [row.text for row in screen.ids.empty.children][::-1]
    assert gentle == [
        "Nog geen vrienden genoemd",
        "Nog geen buren genoemd",
        "Nog niemand van school of werk genoemd",
        "Nog niemand van club, geloof of vrije tijd genoemd",
    ]  # never "no professionals yet": that would nudge the family toward them
    assert "1 persoon," in screen.totals and "1 keer genoemd" in screen.totals
    # finished: only "Klaar"
    assert screen.ids.play_on.parent is None


def test_a_game_where_nobody_was_named_says_so_kindly(driver):
    # "Samen: 0 personen, 0 keer genoemd." read like a score of nothing
    app = driver.app
    session, _ = crowded_game.play(app.store, people=(), named_again=(), finish=True)
    app.session = session
    app.show_summary()
    driver.settle()
    screen = app.root.get_screen("summary")
    assert screen.totals == "Nog niemand genoemd."
    app.set_ui_language("ar")
    driver.settle()
    assert screen.totals == "لم يُذكر أحد بعد."
    app.set_ui_language("nl")
    driver.settle()


def test_an_empty_games_side_column_has_no_gap_where_the_panel_has_nothing(driver):
    """The who-helps panel's parts without anything to show (the players'
    chips, the plan button, the table and its legend) took its spacing each:
    an empty game's summary had some 70 px of nothing under its buttons. Its
    parts come back, in order, once the family has people."""
    from kivy.metrics import dp

    from app import theme
    app = driver.app
    session, _ = crowded_game.play(app.store, people=(), named_again=(), finish=True)
    app.session = session
    app.show_summary()
    driver.settle()
    who = app.root.get_screen("summary").ids.who
    parts = [type(w).__name__ for w in reversed(who.children)]
    assert parts == ["ThemeOverview"]
    assert who.height <= dp(theme.GAP)
    full, _ids = crowded_game.play(app.store, people=crowded_game.PEOPLE[:4], named_again=(0,), finish=True)
    app.session = full
    app.show_summary()
    driver.settle()
    assert [type(w).__name__ for w in reversed(who.children)] == [
        "PlayerLayers", "ScriptButton", "OverviewName", "ThemeOverview", "ThemeLegend"]
    assert who.ids.overview.height > 0 and who.ids.legend.height > 0
    app.go("start")
    driver.settle()

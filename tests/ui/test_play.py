"""A whole game at the kitchen table, played by tapping the real buttons.

Three players; five people named (oma twice, once through her chip); one
card passed; the worker stops; the summary's map has everyone in the right
sector and circle, and all of it is on disk.
"""
from __future__ import annotations

import pytest

EXPECTED = {
    # name: (sector, circle, mentions)
    "oma": ("family", 1, 2),
    "buurvrouw Els": ("neighbourhood", 2, 1),
    "juf Anna": ("school-work", 2, 1),
    "سارة": ("friends", 1, 1),
    "coach Mo": ("club-faith-leisure", 3, 1),
}


@pytest.mark.timeout(240)
def test_a_whole_game_by_touch(driver):
    d = driver
    app = d.app
    assert app.root.current == "start"

    # set-up: three players, the family deck
    d.new_game(["mama", "Sam", "Noor"])
    session = app.session
    assert [p.name for p in session.players] == ["mama", "Sam", "Noor"]
    assert session.current_card is not None
    table = app.root.get_screen("table")
    assert "mama" in table.player_name

    # mama names two people: type, sector, circle
    panel = d.open_naming()
    d.name_new(panel, "oma", "family", 1)
    assert panel.feedback_ok and "oma" in panel.feedback
    d.name_new(panel, "buurvrouw Els", "neighbourhood", 2)
    d.close_naming(panel)
    assert sorted(c.text for c in table.ids.named.children) == ["buurvrouw Els", "oma"]

    # next player: Sam passes once, then names three (oma again, by her chip)
    d.tap(table.ids.next_button)
    d.settle()
    assert session.current_player.name == "Sam"
    first_card = session.current_card
    d.tap(table.ids.pass_button)
    d.settle()
    assert session.current_player.name == "Sam"
    assert session.current_card != first_card
    assert first_card in session.table.passed_once

    panel = d.open_naming()
    d.name_new(panel, "juf Anna", "school-work", 2)
    d.name_again(panel, "Oma", "oma")          # a match is offered first: one tap
    d.name_new(panel, "سارة", "friends", 1)
    d.close_naming(panel)

    # Noor names one
    d.tap(table.ids.next_button)
    d.settle()
    assert session.current_player.name == "Noor"
    panel = d.open_naming()
    d.name_new(panel, "coach Mo", "club-faith-leisure", 3)
    d.close_naming(panel)

    # the worker stops, after saying yes
    d.tap(table.ids.stop)
    d.settle()
    from kivy.core.window import Window
    question = [w for w in Window.children if type(w).__name__ == "QuestionDialog"]
    assert question, "no question before stopping"
    d.tap(question[0].ids.yes)
    d.settle()
    assert app.root.current == "summary"
    assert session.finished

    # the session has everyone, in the right place
    network = session.network
    seen = {p.name: (str(p.sector), int(p.closeness), len(network.mentions_of(p.id)))
            for p in network.people}
    assert seen == EXPECTED

    # the summary screen's map shows them in the right sectors and circles
    summary = app.root.get_screen("summary")
    the_map = summary.ids.map
    d.pump(5)
    assert {p.name for p in the_map.summary.people} == set(EXPECTED)
    layout = the_map.map_layout
    for person in the_map.summary.people:
        dot = layout.dots.get(person.id) or layout.dots.get(str(person.id))
        assert dot is not None, f"no dot for {person.name}"
        sector, circle = the_map.place_at(*the_map.from_map(dot.x, dot.y))
        assert (str(sector), int(circle)) == EXPECTED[person.name][:2], person.name

    # and all of it is on disk: a fresh look at the file finds the same
    from kaarten.session import Session
    from kaarten.store import Store
    with Store.open(app.store.path) as again:
        saved = Session.resume(again, session.id)
        assert {p.name: (str(p.sector), int(p.closeness), len(saved.network.mentions_of(p.id)))
                for p in saved.network.people} == EXPECTED
        assert saved.finished


@pytest.mark.timeout(180)
def test_a_name_recorded_by_mistake_can_be_taken_back(driver):
    d = driver
    app = d.app
    app.go("start")
    d.settle()
    d.new_game(["papa"])
    session = app.session
    table = app.root.get_screen("table")
    panel = d.open_naming()
    d.name_new(panel, "buurman Kees", "neighbourhood", 2)
    d.name_new(panel, "oom Jan", "family", 2)
    d.close_naming(panel)
    kees = [c for c in table.ids.named.children if c.text == "buurman Kees"][0]
    d.tap(kees)
    d.settle()
    from kivy.core.window import Window
    question = [w for w in Window.children if type(w).__name__ == "QuestionDialog"][0]
    d.tap(question.ids.yes)
    d.settle()
    assert [p.name for p in session.network.people] == ["oom Jan"]
    assert [c.text for c in table.ids.named.children] == ["oom Jan"]


@pytest.mark.timeout(180)
def test_practice_mode_writes_nothing(driver):
    d = driver
    app = d.app
    app.go("start")
    d.settle()
    before = [s.id for s in app.store.sessions()]
    start = app.root.get_screen("start")
    d.tap(start.ids.practice_button)
    assert app.practice
    try:
        d.new_game(["student", "docent"])
        panel = d.open_naming()
        d.name_new(panel, "mentor", "school-work", 2)
        d.close_naming(panel)
        assert app.practice_session
        assert [p.name for p in app.session.network.people] == ["mentor"]
        assert [s.id for s in app.store.sessions()] == before      # nothing in the real file
    finally:
        app.practice = False


@pytest.mark.timeout(180)
def test_the_turn_buttons_take_more_rows_when_their_words_do_not_fit(driver):
    from kivy.core.window import Window

    d = driver
    app = d.app
    app.go("start")
    d.settle()
    d.new_game(["mama"])
    area = app.root.get_screen("table").ids.buttons_area
    buttons = list(area.children)
    try:
        assert len(area.rows()) == 1
        Window.size = (800, 1280)
        app.set_text_size("extra-large")
        d.settle()
        rows = area.rows()
        assert len(rows) >= 2 and rows[0] == [app.root.get_screen("table").ids.name_button]
        # the buttons never leave the layout, never overlap, and fit in it
        assert list(area.children) == buttons
        boxes = [(b.x, b.y, b.right, b.top) for b in buttons]
        for i, a in enumerate(boxes):
            assert area.x <= a[0] and a[2] <= area.right + 0.5 and area.y <= a[1] and a[3] <= area.top + 0.5
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5
    finally:
        app.set_text_size("normal")
        Window.size = (1280, 800)
        d.settle()

"""Names out of sight: the "Namen verbergen" cover on the table and the
summary, and pseudonyms (initials, "Speler n", no notes) on the map, in the
lists, in the panels, on the table.

The cover is checked by what reaches the screen: a covered table or summary
is the same, pixel for pixel, whichever family is underneath. Pseudonyms are
checked by walking every widget the summary and the table show.
"""
from __future__ import annotations

import app_driver
import crowded_game
import pytest

from kaarten.network import Sector

pytestmark = pytest.mark.timeout(300)

NOTE = "slaapt slecht sinds de verhuizing"
PLAYER_NAMES = [name for name, _ in crowded_game.PLAYERS]
PEOPLE_NAMES = [name for name, _, _ in crowded_game.PEOPLE]


def every_text(app) -> list[str]:
    """Every text on every screen, in every open panel and question, in the
    panels the screens keep for later, and in what the map drew."""
    from kivy.core.window import Window
    table = app.root.get_screen("table")
    summary = app.root.get_screen("summary")
    roots = [app.root] + list(Window.children) + [table._panel, summary.ids.map.panel]
    found = []
    for root in roots:
        if root is None:
            continue
        for w in root.walk(restrict=True):
            for attr in ("text", "name", "player_name", "detail", "title", "label", "player", "card"):
                value = getattr(w, attr, None)
                if isinstance(value, str) and value:
                    found.append(value)
            rows = getattr(w, "rows", None)
            if isinstance(rows, list):
                found += [v for row in rows for v in row if isinstance(v, str)]
    m = summary.ids.map
    if m.summary is not None:
        found += [p.name for p in m.summary.people] + [p.note for p in m.summary.people]
        found += [p.name for p in m.summary.players]
    if m.map_layout is not None:
        found += [lab.text for lab in m.map_layout.labels.values()]
    return found


def names_in(texts, names) -> list[str]:
    """The names (and the note) that show up in ``texts``: a whole name, or
    any word of it longer than three letters."""
    words = {w for n in names for w in n.split() if len(w) > 3} | set(names)
    return sorted({w for w in words for t in texts if w in t})


def frame(driver) -> bytes:
    return app_driver._read_frame(driver)[2]


def play_family(app, people):
    session, ids = crowded_game.play(app.store, people=people, named_again=(0, 0, 1))
    session.set_note(ids[0], NOTE)
    return session, ids


@pytest.fixture
def fresh(driver):
    """The shared app, at the start screen, without PIN, cover or pseudonyms."""
    app = driver.app
    app.names_hidden = False
    app.pin.clear()
    app.pin_changed()
    app.set_pseudonyms_setting(False)
    app.go("start")
    driver.settle()
    yield driver
    app.names_hidden = False
    if app.locked:
        app._unlock_cancelled()
    app.pin.clear()
    app.pin_changed()
    app.set_pseudonyms_setting(False)
    app.go("start")
    driver.settle()


@pytest.mark.parametrize("where", ["table", "summary"])
def test_one_tap_covers_every_name_whichever_family_is_underneath(fresh, where):
    from kivy.core.window import Window
    driver, app = fresh, fresh.app
    covered = []
    for people in (crowded_game.PEOPLE[:12], crowded_game.PEOPLE[12:]):
        session, _ = play_family(app, people)
        app.resume_session(session.id, look_only=where == "summary")
        driver.settle()
        assert app.root.current == where
        screen = app.root.get_screen(where)
        if where == "summary":
            m = screen.ids.map
            m.open_panel(next(iter(m.map_layout.dots)))      # a person's panel open too
            driver.settle()
        else:
            screen.name_someone()                            # the naming panel with its chips
            driver.settle()
        assert names_in(every_text(app), [p[0] for p in people]), "names on screen before the cover"
        uncovered = frame(driver)
        # on the table the naming panel lies over the button: it has its own
        driver.tap(screen._panel.ids.hide_names if where == "table" else screen.ids.hide_names)
        assert app.names_hidden
        assert type(Window.children[0]).__name__ == "NamesCover"
        cover = Window.children[0]
        assert tuple(cover.size) == tuple(Window.size)
        covered.append(frame(driver))
        assert covered[-1] != uncovered
        # nothing under the cover can be touched; the back key does not lift it
        Window.dispatch("on_keyboard", 27, 0, "", [])
        driver.settle()
        assert app.names_hidden and app.root.current == where
        driver.tap(cover.ids.show)                   # one tap: the names are back (no PIN)
        assert not app.names_hidden and cover.parent is None
        assert frame(driver) != covered[-1]
        assert names_in(every_text(app), [p[0] for p in people])     # the panel is still open
        for w in list(Window.children):
            if w is not app.root:
                w.dismiss(animation=False)
        app.go("start")
        driver.settle()
    # the same pixels over two different families: no name shows through
    assert app_driver.first_difference(covered[0], covered[1], Window.width) is None


def test_with_a_pin_the_names_come_back_only_after_it(fresh):
    from kivy.core.window import Window
    driver, app = fresh, fresh.app
    app.pin.set("8642")
    app.pin_changed()
    session, _ = play_family(app, crowded_game.PEOPLE[:5])
    app.resume_session(session.id)
    driver.settle()
    driver.tap(app.root.get_screen("table").ids.hide_names)
    cover = Window.children[0]
    driver.tap(cover.ids.show)
    view = Window.children[0]
    assert type(view).__name__ == "LockView" and view.purpose == "reveal" and app.names_hidden
    driver.tap(view.ids.secondary)                    # "Terug": still covered
    assert app.names_hidden and not app.locked and Window.children[0] is cover
    driver.tap(cover.ids.show)
    for key in "1111":
        driver.tap(driver.find_one(view, "PinKey", key=key))
    driver.tap(driver.find_one(view, "PinKey", key="ok"))
    assert app.names_hidden and app.locked           # a wrong PIN shows nothing
    for key in [*"8642", "ok"]:
        driver.tap(driver.find_one(view, "PinKey", key=key))
    assert not app.names_hidden and not app.locked
    assert app.root.current == "table"


def test_pseudonyms_leave_no_typed_name_and_no_note_on_the_summary_and_the_table(fresh):
    from kivy.core.window import Window
    driver, app = fresh, fresh.app
    people = crowded_game.PEOPLE[:14]
    session, ids = play_family(app, people)
    names = [p[0] for p in people] + PLAYER_NAMES + [NOTE]

    app.resume_session(session.id, look_only=True)
    driver.settle()
    summary = app.root.get_screen("summary")
    plain_totals = summary.totals
    assert set(names_in(every_text(app), names)) >= {"Mama", "Opa Henk"}
    driver.tap(summary.ids.pseudonyms)                        # the summary's toggle
    assert app.pseudonyms
    m = summary.ids.map
    m.open_panel(ids[0])                                      # the person with the note
    driver.settle()
    assert names_in(every_text(app), names) == []
    assert summary.totals == plain_totals                     # the figures stay
    shown = [lab.text for lab in m.map_layout.labels.values()]
    assert "O.T." in shown and "O.H." in shown                # Oma Truus, Opa Henk
    rows = m.panel.rows
    assert {r[0] for r in rows} <= {"Speler 1", "Speler 2", "Speler 3"}
    m.close_panel()
    # the stored names are as typed
    assert app.store.load(session.id).people[0].name == "Oma Truus"
    driver.tap(summary.ids.pseudonyms)                        # off again (no PIN): names back
    assert not app.pseudonyms and "Oma Truus" in every_text(app)

    # the setting: every session opens with initials, the table too
    app.go("start")
    driver.settle()
    app.set_pseudonyms_setting(True)
    app.resume_session(session.id)
    driver.settle()
    table = app.root.get_screen("table")
    assert table.player_name.startswith("Speler ")
    session = app.session
    session.record_person("Wijkverpleegkundige Joke", Sector.PROFESSIONALS, 2)
    table.refresh()
    panel = table.name_someone()
    driver.settle()
    assert panel.ids.chips.children, "chips of people named before"
    assert names_in(every_text(app), names + ["Wijkverpleegkundige Joke"]) == []
    chip = list(reversed(panel.ids.chips.children))[0]
    driver.tap(chip)                                          # naming again by a chip still works
    assert "staat erbij" in panel.feedback
    assert names_in([panel.feedback], names) == []
    driver.tap(panel.ids.done)
    question = table.ask_take_back(next(iter(session.network.named_for(session.current_card))).id)
    driver.settle()
    assert names_in(every_text(app), names) == []
    question.dismiss()
    driver.settle()
    for w in list(Window.children):
        if w is not app.root:
            w.dismiss(animation=False)


def test_pseudonyms_hide_the_plan_words_and_keep_them_stored(fresh):
    driver, app = fresh, fresh.app
    people = crowded_game.PEOPLE[:6]
    session, ids = play_family(app, people)
    ask = "woensdag de kinderen van school halen"
    session.add_plan_line(ids[1], ask, asker=session.players[1].id)
    session.set_plan_notes(goes_well="oma komt elke zondag", next_step="juf bellen over vervoer")
    names = [p[0] for p in people] + PLAYER_NAMES
    words = [NOTE, ask, "oma komt elke zondag", "juf bellen over vervoer"]

    def shown(texts):
        """Names (or words of them), and whole typed phrases, on the screen."""
        return names_in(texts, names) + sorted({w for w in words for t in texts if w in t})

    app.resume_session(session.id, look_only=True)
    driver.settle()
    app.show_plan()
    driver.settle()
    assert set(shown(every_text(app))) >= {ask, "oma komt elke zondag"}
    app.show_summary()
    driver.settle()
    driver.tap(app.root.get_screen("summary").ids.pseudonyms)
    assert shown(every_text(app)) == []                       # the plan's parts on the summary too
    app.show_plan()
    driver.settle()
    plan = app.root.get_screen("plan")
    assert plan.read_only
    assert shown(every_text(app)) == []
    assert plan.ask_someone(ids[0]) is None                   # nothing is typed over hidden words
    app.show_summary()                                        # leaving the plan saves nothing
    driver.settle()
    stored = app.store.load(session.id)
    assert stored.plan_notes.goes_well == "oma komt elke zondag"
    assert [line.ask for line in stored.plan_lines] == [ask]

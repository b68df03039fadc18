""""Bewaren of printen" in the real app: the summary writes the three files
into the exports folder and says where; the sessions list shows them with
their session; deleting a session offers to delete them too; the setting
"delete a session the day after its export" is kept and acted on."""
from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.timeout(120)


def the_question():
    from kivy.core.window import Window
    found = [w for w in Window.children if type(w).__name__ == "QuestionDialog"]
    assert found, "no question was asked"
    return found[-1]


def demo_game(app):
    from kaarten.demo import record_demo
    return record_demo(app.store, app.decks.get("wie-is-er-voor-jou"), "pl")


def test_save_writes_the_files_says_where_and_they_are_listed(driver):
    app = driver.app
    session = demo_game(app)
    app.open_session(session.id)
    driver.settle()
    summary = app.root.get_screen("summary")
    assert summary.ids.save.parent is not None, "no Bewaren of printen button"
    driver.tap(summary.ids.save)
    driver.settle()
    question = the_question()
    folder = app.data_folder / "exports"
    from app.exporting import path_text
    assert path_text(folder) in question.message
    files = sorted(p.name for p in folder.iterdir())
    assert sorted(f.rsplit(".", 1)[1] for f in files) == ["md", "pdf", "png"]
    assert all(f.startswith(f"demo-{session.id}-") for f in files)  # no name in a file name
    assert "gewist met het gesprek" in question.message
    driver.tap(question.ids.yes)
    driver.settle()
    assert len(app.store.exports(session.id)) == 3

    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    card = {c.session_id: c for c in screen.ids.list.children}[int(session.id)]
    assert "3 bestanden bewaard" in card.detail and "Voorbeeld" in card.detail

    # deleting it asks twice; "Ook wissen" takes the files too
    driver.tap(card.ids.delete)
    driver.settle()
    driver.tap(the_question().ids.yes)
    driver.settle()
    assert the_question().title == "Ook de bewaarde bestanden wissen?"
    driver.tap(the_question().ids.yes)
    driver.settle()
    assert not list(folder.iterdir())
    assert int(session.id) not in [int(i.id) for i in app.store.sessions()]


def test_keeping_the_files_when_the_session_goes(driver):
    app = driver.app
    session = demo_game(app)
    app.open_session(session.id)
    driver.settle()
    driver.tap(app.root.get_screen("summary").ids.save)
    driver.settle()
    driver.tap(the_question().ids.yes)
    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    card = {c.session_id: c for c in screen.ids.list.children}[int(session.id)]
    driver.tap(card.ids.delete)
    driver.settle()
    driver.tap(the_question().ids.yes)
    driver.settle()
    driver.tap(the_question().ids.no)   # "Bestanden houden"
    driver.settle()
    assert int(session.id) not in [int(i.id) for i in app.store.sessions()]
    assert len(list((app.data_folder / "exports").iterdir())) == 3


def test_the_setting_delete_the_day_after_export(driver):
    from kaarten import exports
    app = driver.app
    app.go("settings")
    driver.settle()
    settings = app.root.get_screen("settings")
    from app.exporting import path_text
    assert path_text(app.data_folder / "exports") in settings.export_folder_text
    on = [b for b in settings.ids.delete_after.children if b.value == "on"][0]
    driver.tap(on)
    driver.settle()
    assert exports.ExportSettings.load(app.data_folder).delete_after_export

    session = demo_game(app)
    app.store.add_export(session.id, app.data_folder / "exports" / "x.pdf", "pdf",
                         now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1, minutes=1))
    fresh = demo_game(app)
    app.store.add_export(fresh.id, app.data_folder / "exports" / "y.pdf", "pdf")
    app.expire_old_sessions()   # as after the first frame, or on a new day
    left = [int(i.id) for i in app.store.sessions()]
    assert int(session.id) not in left and int(fresh.id) in left
    off = [b for b in settings.ids.delete_after.children if b.value == "off"][0]
    driver.tap(off)
    driver.settle()
    assert not exports.ExportSettings.load(app.data_folder).delete_after_export


def test_a_practice_game_offers_no_saving(driver):
    app = driver.app
    app.go("start")
    driver.settle()
    app.practice = True
    try:
        driver.new_game(["Oefen"])
        app.end_game()
        driver.settle()
        summary = app.root.get_screen("summary")
        assert summary.ids.save.parent is None
        assert app.save_exports() is None
    finally:
        app.go("start")
        app.practice = False
        driver.settle()

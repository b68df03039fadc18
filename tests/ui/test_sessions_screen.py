"""Earlier sessions and the settings, driven by touch in a real window.

- "Wissen" asks first, says it cannot be undone, and only "Wissen" in that
  question deletes: the session is then gone from the sessions file;
- each session says its date, deck and number of people, and "Bekijken"
  opens its map;
- the settings: text size and card language are saved; the app-language list
  comes from the catalogs.
"""
from __future__ import annotations

import crowded_game
import pytest

pytestmark = pytest.mark.timeout(120)


def cards(screen):
    return {c.session_id: c for c in screen.ids.list.children}


def the_question():
    from kivy.core.window import Window
    found = [w for w in Window.children if type(w).__name__ == "QuestionDialog"]
    assert found, "no question was asked"
    return found[0]


def test_delete_asks_first_and_then_removes_the_session_from_the_store(driver):
    from kaarten.store import Store
    app = driver.app
    keep, _ = crowded_game.play(app.store, people=crowded_game.PEOPLE[:3], named_again=(), finish=True)
    gone, _ = crowded_game.play(app.store, people=crowded_game.PEOPLE[:4], named_again=())
    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    card = cards(screen)[int(gone.id)]
    assert "4 mensen" in card.detail

    # "Wissen", then think again: nothing is deleted
    driver.tap(card.ids.delete)
    driver.settle()
    question = the_question()
    # it names what goes: the date, the time and the players
    info = next(i for i in app.store.sessions() if i.id == gone.id)
    moment = info.created.astimezone()
    from app.i18n import tr
    assert question.message == (
        f"Het gesprek van {tr.format_date(moment)}, {moment:%H:%M}, "
        f"met {', '.join(p.name for p in gone.players[:-1])} en {gone.players[-1].name}. "
        "Het gesprek is daarna echt weg, met alle namen.")
    driver.tap(question.ids.no)
    driver.settle()
    assert int(gone.id) in [int(i.id) for i in app.store.sessions()]

    # "Wissen" and "Wissen": gone, from the list and from the file
    driver.tap(cards(screen)[int(gone.id)].ids.delete)
    driver.settle()
    driver.tap(the_question().ids.yes)
    driver.settle()
    assert int(gone.id) not in cards(screen)
    assert int(keep.id) in cards(screen)
    with Store.open(app.store.path) as again:
        ids = [int(i.id) for i in again.sessions()]
    assert int(gone.id) not in ids and int(keep.id) in ids


def test_open_shows_the_map_and_unfinished_games_offer_to_carry_on(driver):
    app = driver.app
    done, _ = crowded_game.play(app.store, people=crowded_game.PEOPLE[:2], named_again=(), finish=True)
    busy, _ = crowded_game.play(app.store, people=crowded_game.PEOPLE[:1], named_again=())
    app.go("start")
    driver.settle()
    app.go("sessions")
    driver.settle()
    screen = app.root.get_screen("sessions")
    finished_card, busy_card = cards(screen)[int(done.id)], cards(screen)[int(busy.id)]
    assert "Wie is er voor jou?" in finished_card.title
    assert "2 mensen" in finished_card.detail and "1 persoon" in busy_card.detail
    # "Verder spelen" only on the unfinished game
    assert finished_card.ids.resume.parent is None
    assert busy_card.ids.resume.parent is busy_card.ids.actions.__self__

    driver.tap(finished_card.ids.open)
    driver.settle()
    assert app.root.current == "summary"
    summary = app.root.get_screen("summary")
    assert summary.session.id == done.id
    assert len(summary.ids.map.map_layout.dots) == 2


def test_settings_text_size_and_card_language_are_saved(driver):
    from app.preferences import Preferences
    from app.widgets.text import style
    app = driver.app
    app.go("settings")
    driver.settle()
    screen = app.root.get_screen("settings")
    ui = [b.value for b in screen.ids.ui_languages.children][::-1]
    assert ui[0] == "nl"
    sizes = {b.value: b for b in screen.ids.text_sizes.children}
    assert [b.text for b in screen.ids.text_sizes.children][::-1] == ["Normaal", "Groot", "Extra groot"]
    try:
        driver.tap(sizes["large"])
        driver.settle()
        assert style.scale == 1.5
        assert Preferences.load(app.data_folder).text_size == "large"
        cards_ = {b.value: b for b in screen.ids.card_languages.children}
        assert "nl" in cards_
        other = next((v for v in cards_ if v != "nl"), None)
        if other:
            driver.tap(cards_[other])
            driver.settle()
            assert Preferences.load(app.data_folder).card_language == other
            assert {b.value: b.selected for b in screen.ids.card_languages.children}[other]
    finally:
        app.set_text_size("normal")
        app.set_card_language("nl")
        driver.settle()


def test_language_names_are_in_their_own_script():
    from app.i18n import language_name
    assert language_name("ar") == "العربية"
    assert language_name("tr") == "Türkçe"
    assert language_name("nl") == "Nederlands"


def test_choosing_an_app_language_switches_the_translator_and_is_saved(driver, monkeypatch):
    import app.screens.settings as settings_module
    from app.i18n import tr
    from app.preferences import Preferences
    app = driver.app
    # as if an English catalog had arrived in app/locales/
    monkeypatch.setattr(settings_module, "available_languages", lambda: ["nl", "en"])
    monkeypatch.setattr("app.main.available_languages", lambda: ["nl", "en"])
    app.go("start")
    driver.settle()
    app.go("settings")
    driver.settle()
    screen = app.root.get_screen("settings")
    buttons = {b.value: b for b in screen.ids.ui_languages.children}
    assert buttons["en"].text == "English" and buttons["nl"].selected
    try:
        driver.tap(buttons["en"])
        driver.settle()
        assert tr.lang == "en"
        assert Preferences.load(app.data_folder).ui_language == "en"
        assert {b.value: b.selected for b in screen.ids.ui_languages.children}["en"]
    finally:
        app.set_ui_language("nl")
        driver.settle()
    assert tr.lang == "nl"

"""The set-up screen: a card language that no native speaker read yet says
so; a deck's name shows in the worker's language when a language deck
translates it (the class deck's cards stay Dutch)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(120)


def open_setup(driver):
    driver.app.go("setup")
    driver.settle()
    return driver.app.root.get_screen("setup")


def chip(screen, lang):
    return next(c for c in screen.ids.languages.children if c.lang_code == lang)


def test_a_draft_card_language_says_so_and_dutch_does_not(driver):
    screen = open_setup(driver)
    screen.choose_deck("wie-is-er-voor-jou")
    driver.settle()
    driver.tap(chip(screen, "nl"))
    driver.settle()
    assert screen.draft_label.parent is None
    driver.tap(chip(screen, "ar"))
    driver.settle()
    note = screen.draft_label
    assert note.parent == screen.ids.column
    assert note.text == ("Deze kaarten zijn een eerste vertaling. "
                         "Nog niemand met Arabisch als moedertaal heeft ze gelezen.")
    # right under the language chips, and on the screen
    column = screen.ids.column.children
    assert column.index(note) == column.index(screen.ids.languages) - 1
    assert note.height > 0 and note.width > 0
    driver.tap(chip(screen, "nl"))
    driver.settle()
    assert screen.draft_label.parent is None


def test_a_reviewed_translation_has_no_note(driver):
    from dataclasses import replace

    from app.screens.setup import draft_note
    deck = driver.app.decks.get("kinderen")
    assert draft_note(deck, "uk")
    reviewed = replace(deck, translations={**deck.translations,
                                           "uk": replace(deck.translations["uk"], reviewed=True)})
    assert draft_note(reviewed, "uk") == "" and draft_note(deck, "nl") == ""


def test_the_class_deck_is_named_in_the_workers_language_but_offers_only_its_card_languages(driver):
    from app.i18n import tr
    driver.app.set_ui_language("uk")
    driver.settle()
    try:
        screen = open_setup(driver)
        tiles = {t.value: t for t in screen.ids.decks.children}
        assert tiles["klas"].title == "Хто поруч із вами? На заняттях"
        screen.choose_deck("klas")
        driver.settle()
        assert {c.lang_code for c in screen.ids.languages.children} == {"nl", "en"}
        assert tr.lang == "uk"
    finally:
        driver.app.set_ui_language("nl")
        driver.settle()

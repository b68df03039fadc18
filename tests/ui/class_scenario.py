"""A class round played as a trainer and students would, in a process of its own:

    python tests/ui/class_scenario.py      # prints RESULT {...}

From the start screen: "Les in de klas", the family deck with a case family,
three seats with typed names, the timer at 2 minutes; the case card; the
roles; a round of three cards with case-family names typed and the observer
tallying; the case card and the projector during the game; the roles of
round two; stop; the debrief (saved as Markdown); Klaar. The data folder
comes from ``GESPREKSKAARTEN_DATA``; Kivy runs offscreen and logs to files.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import app_driver  # noqa: E402

#: what the students type: their own names (seats) and the case family's people
SEAT_NAMES = ("Zeynep Klasgenoot", "Bram Studentes", "مريم طالبة")
CASE_NAMES = (("Samira Casusmoeder", "family", 1), ("buurvrouw Bovenaan", "neighbourhood", 2),
              ("trainer Voetbalclub", "club-faith-leisure", 2), ("nicht Rotterdamse", "family", 3))


def texts(root) -> list[str]:
    return [w.text for w in root.walk(restrict=True) if isinstance(getattr(w, "text", None), str) and w.text]


def main() -> None:
    from kivy.core.window import Window

    driver = app_driver.start_app()
    app = driver.app
    result: dict = {}
    driver.tap(app.root.get_screen("start").ids.class_button)
    setup = app.root.get_screen("classsetup")
    result["setup_screen"] = app.root.current
    family = [t for t in setup.ids.decks.children if t.value == "wie-is-er-voor-jou"][0]
    driver.tap(family)
    cases = list(reversed(setup.ids.cases.children))
    driver.tap(cases[2])                         # gezin Tesfay
    result["case_chosen"] = setup.case_id
    fields = list(reversed(setup.ids.seats.children))
    for field, name in zip(fields, SEAT_NAMES):
        driver.type_into(field, name)
        field.focus = False
    minutes = [c for c in setup.ids.minutes.children if c.minutes == 2][0]
    driver.tap(minutes)
    driver.tap(setup.ids.begin)
    result["first_screen"] = app.root.current
    case = app.root.get_screen("classcase")
    result["case_card"] = case.ids.card.question
    result["practice_store_keeps_nothing"] = app.practice_store.keeps_nothing
    store = app.practice_store
    driver.tap(case.ids.next_button)
    roles = app.root.get_screen("classroles")
    result["round1_screen"] = app.root.current
    result["round1_roles"] = [row.ids.words.children[-1].text for row in reversed(roles.ids.rows.children)]
    driver.tap(roles.ids.play)
    table = app.root.get_screen("classtable")
    result["table_screen"] = app.root.current
    result["timer_on"] = table.timer_on
    result["roles_line"] = [table.roles_text]
    panel = driver.open_naming_on(table)
    result["naming_for"] = [panel.player_name]          # the worker's card: the parent answers
    for name, sector, closeness in CASE_NAMES[:2]:
        driver.name_new(panel, name, sector, closeness)
    driver.close_naming(panel)
    for kind in ("who_button", "who_button", "what_button"):
        driver.tap(table.ids[kind])
    card = app.session.current_card
    driver.tap(table.ids.case_button)                   # the case card, one tap away
    result["case_again"] = (app.root.current, case.ids.next_button.text)
    driver.tap(case.ids.next_button)
    driver.tap(table.ids.projector_button)
    projector = app.root.get_screen("projector")
    result["projector"] = {"screen": app.root.current, "font_px": projector.ids.question.font_size,
                           "question": projector.ids.question.text}
    Window.dispatch("on_keyboard", 27, 0, "", [])      # the back key: to the game, not home
    driver.settle()
    result["after_back"] = (app.root.current, app.session.current_card == card)
    driver.tap(table.ids.case_button)
    Window.dispatch("on_keyboard", 27, 0, "", [])      # from the case card too
    driver.settle()
    result["back_from_case"] = (app.root.current, app.session.current_card == card)
    Window.dispatch("on_keyboard", 27, 0, "", [])      # at the class table it never ends the game
    driver.settle()
    result["back_at_table"] = (app.root.current, app.class_game is not None)
    driver.tap(table.ids.next_button)
    result["roles_line"].append(table.roles_text)
    panel = driver.open_naming_on(table)
    driver.name_new(panel, *CASE_NAMES[2])
    driver.close_naming(panel)
    driver.tap(table.ids.what_button)
    driver.tap(table.ids.next_button)
    result["roles_line"].append(table.roles_text)
    driver.tap(table.ids.next_button)                 # the round is over: the roles move on
    result["round2_screen"] = app.root.current
    result["round2_roles"] = [row.ids.words.children[-1].text for row in reversed(roles.ids.rows.children)]
    driver.tap(roles.ids.play)
    driver.tap(table.ids.projector_button)
    before = projector.ids.question.text
    Window.dispatch("on_keyboard", 281, 0, "", [])     # a presenter's clicker: Page Down
    driver.settle()
    result["clicker"] = {"screen": app.root.current, "changed": projector.ids.question.text != before,
                         "card_in_round": app.class_game.card_in_round}
    Window.dispatch("on_keyboard", 27, 0, "", [])
    driver.settle()
    panel = driver.open_naming_on(table)
    result["naming_for"].append(panel.player_name)    # round two, the observer's card
    driver.name_new(panel, *CASE_NAMES[3])
    driver.close_naming(panel)
    seats = [p.id for p in app.session.players]
    result["credited"] = [seats.index(m.player_id) for m in app.session.network.mentions]
    driver.tap(table.ids.who_button)
    driver.tap(table.ids.stop)
    question = [w for w in Window.children if type(w).__name__ == "QuestionDialog"][0]
    driver.tap(question.ids.yes)
    debrief = app.root.get_screen("debrief")
    result["debrief_screen"] = app.root.current
    result["debrief"] = {"totals": debrief.totals_text, "tally": debrief.tally_text,
                         "rounds": debrief.rounds_tally_text,
                         "grid": [w.text for w in reversed(debrief.ids.grid.children)],
                         "seats": [w.text for w in reversed(debrief.ids.seats.children)],
                         "prompts": len(debrief.ids.prompts.children),
                         "all_text": texts(debrief)}
    driver.tap(debrief.ids.save)
    result["saved"] = debrief.saved_text
    driver.tap(debrief.ids.done)
    result["end_screen"] = app.root.current
    result["after"] = {"session": app.session is None, "class_game": app.class_game is None,
                       "practice_store": app.practice_store is None,
                       "old_store_sessions": len(store.sessions()),
                       "old_store_unfinished": store.unfinished() is None,
                       "real_sessions": len(app.store.sessions())}
    shown = [t for s in app.root.screens for t in texts(s)]
    result["names_still_shown"] = [n for n in SEAT_NAMES + tuple(c[0] for c in CASE_NAMES)
                                   if any(n in t for t in shown)]
    app.dispatch("on_stop")
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    app_driver.configure(1280, 800)
    main()

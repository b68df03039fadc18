"""Issue 19, the table as families live it: one test (or a few) per numbered
item, through the real widgets of the running app, in Dutch and Arabic, and
Tigrinya where it is about script. Where it is about rendering, the pixels
are checked: every drawn character is a glyph, not the font's missing-glyph
box, and the order of what is drawn is the reading order.

1. typing in every script: placeholders and typed Arabic drawn shaped in the field;
2. a line in two scripts draws every letter (one covering font);
3. an emoji name is drawn (monochrome), an emoji no font has is refused kindly;
4. the same name twice: asked once, a distinction, the person panel, a player renamed;
5. the naming panel keeps still, keeps focus, clears a fixed error, counts, shows the card;
6. no phantom players;
7. the sessions list: time, order of mixed text, what the delete question names;
8. right-to-left consistency;
9. the clipboard provider starts without a CRITICAL traceback.
"""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(300)

ROOT = Path(__file__).resolve().parents[2]
MISSING = ("\u0378", "\ue000")     # in no font: drawn as the font's .notdef box
ARABIC = "سَلمى"
TIGRINYA = "ኣደይ ለተ"


# --- helpers ---------------------------------------------------------------------------


def render_alone(text: str, font_name: str, font_size: float, bold: bool):
    from kivy.core.text import Label as CoreLabel
    label = CoreLabel(text=text, font_name=font_name, font_size=font_size, bold=bold)
    label.refresh()
    tex = label.texture
    return tex.width, tex.height, bytes(tex.pixels)


def tofu(label) -> list[str]:
    """The characters a label draws as its font's missing-glyph box (or not at all)."""
    drawn = label._label.text if label._label is not None else label.text
    args = (label.font_name, label.font_size, label.bold)
    box = render_alone(MISSING[0], *args)
    assert box == render_alone(MISSING[1], *args)
    bad = []
    for ch in dict.fromkeys(drawn):
        if ch.isspace() or ch in "\u200d\ufe0f":
            continue
        rendering = render_alone(ch, *args)
        if rendering == box or not any(rendering[2][3::4]):
            bad.append(f"{ch} U+{ord(ch):04X}")
    return bad


def has_ink(label) -> bool:
    return any(bytes(label.texture.pixels)[3::4])


def ink_columns(label) -> tuple[int, int]:
    w, h = label.texture.size
    alpha = bytes(label.texture.pixels)[3::4]
    cols = [x for x in range(w) if any(alpha[y * w + x] > 64 for y in range(h))]
    return cols[0], cols[-1]


def modal(cls_name: str):
    from kivy.core.window import Window
    found = [w for w in Window.children if type(w).__name__ == cls_name]
    assert found, f"no {cls_name} is open"
    return found[0]


def window_x(widget) -> float:
    return widget.to_window(widget.x, widget.y)[0]


@pytest.fixture
def lang(driver, request):
    """Run a test in a UI language (then back to Dutch)."""
    driver.app.set_ui_language(request.param)
    driver.settle()
    yield request.param
    driver.app.set_ui_language("nl")
    driver.settle()


def fresh_game(d, players, card_language=None):
    """From anywhere: home, then a new game with ``players`` (typed names)."""
    app = d.app
    app.go("start")
    d.settle()
    d.new_game(players, language=card_language or "nl")
    d.settle()
    return app.session


def name(d, panel, text, sector="family", closeness=1):
    d.name_new(panel, text, sector, closeness)
    d.settle()


# --- 1. typing in every script ---------------------------------------------------------


def drawn_in_field(field) -> str:
    """Fails unless the field's one line is drawn exactly as a label of the
    shaped text (joined, right to left); that shaped text."""
    from kivy.core.text import Label as CoreLabel

    from app.scripts import display_text
    shaped = display_text(field.text)
    ref = CoreLabel(text=shaped, font_name=field.font_name, font_size=field.font_size)
    ref.refresh()
    line = field._lines_labels[0]
    assert tuple(line.size) == tuple(ref.texture.size), (field.text, line.size, ref.texture.size)
    assert bytes(line.pixels)[3::4] == bytes(ref.texture.pixels)[3::4], f"{field.text!r} drawn unshaped"
    return shaped


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_placeholder_and_typed_arabic_are_drawn_shaped_in_the_field(driver, lang):
    from app.i18n import tr
    from app.scripts import display_text
    d, app = driver, driver.app
    app.go("start")
    d.settle()
    d.tap(d.get("start", "new_game"))
    d.settle()
    setup = app.root.get_screen("setup")
    setup.reset()
    d.settle()
    row = setup._rows()[0]
    field, preview = row.ids.name, row.ids.preview
    # the placeholder is drawn shaped (in Arabic: joined, right to left)
    assert field.hint_text == display_text(field.placeholder, tr.lang)
    if lang == "ar":
        assert field.hint_text != field.placeholder and field.halign == "right"
    # a player name from the "ماما" chip: the field draws it as it reads,
    # and nothing repeats it under the field
    mama = "ماما"
    setup.quick_role(mama)
    d.settle()
    assert field.text == mama and field.halign == "right"
    assert drawn_in_field(field) != mama
    assert preview.text == ""
    # the naming panel: typed Arabic is drawn shaped as it is typed (the count only near the limit)
    session = fresh_game(d, ["Sam"])
    panel = d.open_naming()
    d.type_into(panel.ids.name, ARABIC)
    d.settle()
    drawn_in_field(panel.ids.name)
    assert panel.ids.preview.text == ""
    assert panel.ids.name.hint_text == display_text(panel.ids.name.placeholder, tr.lang)
    d.close_naming(panel)
    assert session is app.session


# --- 2. two scripts on one line --------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "ti"], indirect=True)
def test_a_line_in_two_scripts_draws_every_letter(driver, lang, tmp_path):
    """An Arabic-speaking player names someone with a Tigrinya name (and a
    Ukrainian one): the chip, the map label and the person panel's line
    "ماما: <Tigrinya card question>" draw every letter."""
    from app.fonts import MIXED, font_for
    d, app = driver, driver.app
    session = fresh_game(d, ["ماما"], card_language="ti")
    assert session.language == "ti"
    panel = d.open_naming()
    # an Arabic name typed in a Tigrinya (or Arabic) screen: shaped inside the question too
    d.type_into(panel.ids.name, ARABIC)
    d.settle()
    question = panel.ids.sector_question
    letters = [ch for ch in question._label.text
               if unicodedata.category(ch).startswith("L") and (0x0600 <= ord(ch) <= 0x06FF or ch >= "\ufe70")]
    assert letters and all(ch >= "\ufe70" for ch in letters), "Arabic letters drawn unjoined"
    assert tofu(question) == [] and tofu(panel.ids.title) == []
    panel.ids.name.text = ""
    name(d, panel, TIGRINYA + " Оля")
    d.type_into(panel.ids.name, "ኣ")
    d.settle()
    [chip] = [c for c in panel.ids.chips.children if TIGRINYA in c.text]
    assert chip.font_name == font_for("", chip.text) == f"gk-{MIXED}" and tofu(chip) == []
    d.close_naming(panel)
    app.end_game()
    d.settle()
    summary = app.root.get_screen("summary")
    m = summary.ids.map
    [person] = session.network.people
    assert tofu(m._labels[person.id]) == []
    person_panel = m.open_panel(person.id)
    d.settle()
    [row] = person_panel.ids.mentions.children
    words = row.ids.words
    assert words.text.replace("\u200e", "").replace("\u200f", "").startswith("ماما: ")
    assert tofu(words) == [] and has_ink(words)
    person_panel.dismiss()
    d.settle()


# --- 3. emoji --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_an_emoji_name_is_drawn_and_one_no_font_has_is_refused(driver, lang):
    from app.i18n import tr
    d, app = driver, driver.app
    session = fresh_game(d, ["Sam"])
    panel = d.open_naming()
    name(d, panel, "👵")
    assert [p.name for p in session.network.people] == ["👵"]
    d.type_into(panel.ids.name, "")
    d.settle()
    [chip] = panel.ids.chips.children
    assert chip.text == "👵" and tofu(chip) == [] and has_ink(chip)
    # in the field too
    d.type_into(panel.ids.name, "oma 👵")
    d.settle()
    assert panel.ids.name.font_name == "gk-Mixed"
    # an emoji newer than the font: a kind word, nothing saved
    panel.ids.name.text = ""
    name(d, panel, "🫠")
    assert [p.name for p in session.network.people] == ["👵"]
    assert panel.feedback == tr._("Dit plaatje kan de tablet niet laten zien. Typ de naam in letters, "
                                  "of kies een ander plaatje.")
    # fixed: the message goes
    panel.ids.name.text = "oma"
    d.settle()
    assert panel.feedback == ""
    d.close_naming(panel)
    app.end_game()
    d.settle()
    m = app.root.get_screen("summary").ids.map
    label = m._labels[session.network.people[0].id]
    assert tofu(label) == [] and has_ink(label)


# --- 4. the same name twice ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_a_second_oma_is_asked_about_once_and_told_apart_everywhere(driver, lang):
    from app.i18n import tr
    from kaarten.network import person_label
    from kaarten.session import Session
    d, app = driver, driver.app
    session = fresh_game(d, ["Mama", "Sam"])
    panel = d.open_naming()
    name(d, panel, "oma")
    name(d, panel, "Oma", closeness=2)               # typed, then a sector and a circle
    question = modal("QuestionDialog")
    assert question.message == tr._("Is het dezelfde persoon of iemand anders?")
    d.tap(question.ids.yes)                          # someone else
    d.settle()
    words = modal("TextDialog")
    d.type_into(words.ids.field, "van papa")
    d.tap(words.ids.save)
    d.settle()
    first, second = session.network.people
    assert (second.name, second.distinction) == ("Oma", "van papa")
    # the chips tell them apart
    d.type_into(panel.ids.name, "oma")
    d.settle()
    assert sorted(c.text for c in panel.ids.chips.children) == ["Oma (van papa)", "oma"]
    # the same one, when there is one of that name: a mention, no new person
    panel.ids.name.text = ""
    name(d, panel, "Mies")
    d.tap(panel.ids.done)
    d.settle()
    app.root.get_screen("table").next_turn()
    d.settle()
    panel = d.open_naming()
    name(d, panel, "mies")
    d.tap(modal("QuestionDialog").ids.no)            # the same person
    d.settle()
    assert len(session.network.people) == 3
    assert len(session.network.mentions_of(session.network.people[2].id)) == 2
    d.close_naming(panel)
    app.end_game()
    d.settle()
    m = app.root.get_screen("summary").ids.map
    assert m._labels[second.id].text == "Oma (van papa)"
    sid = session.id
    # the person panel: distinction, note, rename, move, merge, remove
    pp = m.open_panel(second.id)
    d.settle()
    assert pp.title == "Oma (van papa)"
    d.tap(pp.ids.distinction)
    d.settle()
    dialog = modal("TextDialog")
    dialog.ids.field.text = "van mama"
    d.tap(dialog.ids.save)
    d.settle()
    assert session.network.person(second.id).distinction == "van mama"
    assert pp.title == "Oma (van mama)"
    d.tap(pp.ids.note_button)
    d.settle()
    dialog = modal("TextDialog")
    dialog.ids.field.text = "woont in Tilburg"
    d.tap(dialog.ids.save)
    d.settle()
    d.tap(pp.ids.rename)
    d.settle()
    dialog = modal("TextDialog")
    dialog.ids.field.text = "oma Fatma"
    d.tap(dialog.ids.save)
    d.settle()
    assert session.network.person(second.id).name == "oma Fatma"
    friends = next(c for c in pp.ids.sectors.children if c.sector == "friends")
    d.tap(friends)
    d.settle()
    assert str(session.network.person(second.id).sector) == "friends"
    # merge the first oma into this one
    chip = next(c for c in pp.ids.merge.children if c.person_id == first.id)
    d.tap(chip)
    d.settle()
    d.tap(modal("QuestionDialog").ids.yes)
    d.settle()
    # both were named by Mama for the same card: the doubled mention goes
    assert first.id not in session.network and len(session.network.mentions_of(second.id)) == 1
    # remove, after a question that says what goes
    d.tap(pp.ids.remove_button)
    d.settle()
    question = modal("QuestionDialog")
    assert "oma Fatma (van mama)" in question.title and "oma Fatma (van mama)" in question.message
    assert tr.ngettext("(bij {n} kaart).", "(bij {n} kaarten).", 1).format(n=1) in question.message
    d.tap(question.ids.yes)
    d.settle()
    assert second.id not in session.network
    with app.store.__class__.open(app.store.path) as again:
        back = Session.resume(again, sid)
        assert [person_label(p) for p in back.network.people] == ["Mies"]


def test_a_player_name_is_corrected_after_the_game_started(driver):
    from kaarten.session import Session
    d, app = driver, driver.app
    session = fresh_game(d, ["Mama", "Sam"])
    table = app.root.get_screen("table")
    table.next_turn()
    d.settle()
    assert table.player_name == "Sam is aan de beurt"
    d.tap(table.ids.turn)
    d.settle()
    dialog = modal("TextDialog")
    dialog.ids.field.text = ""                       # no name: "Speler 2"
    d.tap(dialog.ids.save)
    d.settle()
    assert table.player_name == "Speler 2 is aan de beurt"
    d.tap(table.ids.turn)
    d.settle()
    dialog = modal("TextDialog")
    d.type_into(dialog.ids.field, "Samir")
    d.tap(dialog.ids.save)
    d.settle()
    assert table.player_name == "Samir is aan de beurt"
    with app.store.__class__.open(app.store.path) as again:
        assert [p.name for p in Session.resume(again, session.id).players] == ["Mama", "Samir"]


# --- 5. the naming panel keeps still ---------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_the_naming_panel_keeps_still_keeps_focus_and_clears_fixed_errors(driver, lang):
    from app.i18n import tr
    d, app = driver, driver.app
    fresh_game(d, ["Sam"])
    table = app.root.get_screen("table")
    panel = d.open_naming()
    # the card's question in the panel's header
    assert panel.ids.question.text == table.ids.card.question != ""
    name(d, panel, "oma")
    name(d, panel, "opa")
    buttons = list(panel.ids.sectors.children) + list(panel.ids.circles.children)

    def places():
        return [tuple(round(v) for v in (*b.to_window(b.x, b.y), b.width, b.height)) for b in buttons]

    still = places()
    for typed in ("o", "om", "oma", "omar", "x" * 40, "", "o"):   # chips come and go
        panel.ids.name.text = typed
        d.settle()
        assert places() == still, f"the buttons moved while typing {typed!r}"
    # focus stays in the name field after a name is saved
    panel.ids.name.text = ""
    name(d, panel, "buurvrouw", "neighbourhood", 2)
    assert panel.ids.name.focus and panel.feedback_ok
    # an error goes as soon as it is fixed
    panel.ids.name.text = ""
    d.tap(panel.ids.circles.children[0])
    d.settle()
    assert panel.feedback == tr._("Typ eerst een naam of rol.")
    panel.ids.name.text = "juf"
    d.settle()
    assert panel.feedback == ""
    d.tap(panel.ids.circles.children[0])
    d.settle()
    assert not panel.feedback_ok
    d.tap(panel.ids.sectors.children[0])
    d.settle()
    assert panel.feedback == ""
    # the limit shows while typing; over it, it says so and saves nothing
    panel.ids.name.text = "x" * 61
    d.settle()
    assert tr._("{n} van {max} tekens").format(n=61, max=60) in panel.ids.preview.text
    before = len(app.session.network)
    d.tap(panel.ids.circles.children[0])
    d.settle()
    assert len(app.session.network) == before and not panel.feedback_ok
    panel.ids.name.text = "x" * 60
    d.settle()
    assert panel.feedback == ""
    d.close_naming(panel)


# --- 6. no phantom players -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_no_phantom_players_and_an_unnamed_player_is_speler_n_in_the_language_of_the_moment(driver, lang):
    from app.i18n import tr
    from app.naming import numbered_player as player_label
    d, app = driver, driver.app
    app.go("start")
    d.settle()
    d.tap(d.get("start", "new_game"))
    d.settle()
    setup = app.root.get_screen("setup")
    assert setup.ids.scroll.scroll_y == 1        # opens at the top: the decks in view
    setup.reset()
    d.settle()
    first = setup._rows()[0]
    d.type_into(first.ids.name, "Mama")
    d.tap(setup.ids.add_player)
    d.settle()
    d.tap(setup.ids.add_player)                  # a double tap: no second empty row
    d.settle()
    rows = setup._rows()
    assert len(rows) == 2 and rows[1].ids.name.focus
    d.tap(setup.ids.add_player)
    d.settle()
    assert len(setup._rows()) == 2
    # a player between others without a name stays, stored without one
    d.type_into(rows[1].ids.name, "")
    setup.add_player("Sam")
    setup.add_player()                           # empty rows at the end are dropped
    d.settle()
    d.tap(setup.ids.begin)
    d.settle()
    session = app.session
    assert [p.name for p in session.players] == ["Mama", "", "Sam"]
    assert player_label(session.players[1], session.players) == tr._("Speler {n}").format(n=2)
    app.set_ui_language("nl" if lang == "ar" else "ar")
    assert player_label(session.players[1], session.players) == tr._("Speler {n}").format(n=2)
    app.set_ui_language(lang)
    d.settle()


# --- 7. the sessions list --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "ar"], indirect=True)
def test_sessions_list_time_mixed_order_and_what_delete_names(driver, lang):
    from app.i18n import tr
    from app.scripts import display_text
    d, app = driver, driver.app
    session = fresh_game(d, ["ماما"])
    panel = d.open_naming()
    name(d, panel, "oma")
    d.close_naming(panel)
    app.end_game()
    d.settle()
    app.go("sessions")
    d.settle()
    screen = app.root.get_screen("sessions")
    card = next(c for c in screen.ids.list.children if c.session_id == int(session.id))
    moment = session.created.astimezone()
    assert tr.format_time(moment) in card.title
    # "ماما · 1 persoon genoemd": the number stays with its own words
    drawn = card.ids.detail._label.text
    count = tr.ngettext("{n} persoon genoemd", "{n} mensen genoemd", 1).format(n=1)
    mama = display_text("ماما", "ar")
    if lang == "nl":
        assert drawn.index(mama) < drawn.index("1") and drawn.endswith("persoon genoemd")
    else:                    # right to left: the name on the right, the count on the left
        assert drawn.index(mama) > drawn.index(display_text(count, "ar").split()[0])
    assert tofu(card.ids.detail) == []
    d.tap(card.ids.delete)
    d.settle()
    question = modal("QuestionDialog")
    assert tr.format_date(moment) in question.message and tr.format_time(moment) in question.message
    assert "ماما" in question.message
    d.tap(question.ids.no)
    d.settle()


# --- 8. right to left ------------------------------------------------------------------


def test_right_to_left_is_consistent(driver):
    from kivy.core.window import Window
    d, app = driver, driver.app
    app.set_ui_language("ar")
    d.settle()
    try:
        session = fresh_game(d, ["ماما"])
        panel = d.open_naming()
        # the done button opposite its title
        assert window_x(panel.ids.done) < window_x(panel.ids.title)
        name(d, panel, "oma")
        d.close_naming(panel)
        app.end_game()
        d.settle()
        summary = app.root.get_screen("summary")
        # the summary's buttons mirrored: "done" on the left
        buttons = summary.ids.buttons
        shown = list(buttons.children)
        assert len(shown) >= 2 and window_x(summary.ids.done) == min(window_x(b) for b in shown)
        # the language button offers the session's card language (Dutch cards here)
        assert summary.other_language == "nl"
        # the person panel: the colour dot beside its text, on the right
        pp = summary.ids.map.open_panel(session.network.people[0].id)
        d.settle()
        place = pp.ids.place
        dot = next(w for w in place.parent.children if type(w).__name__ == "Dot")
        assert window_x(dot) > window_x(place)
        row = pp.ids.mentions.children[0]
        assert window_x(row.children[-1]) > window_x(row.ids.words)
        pp.dismiss()
        d.settle()
        # portrait: the help lines keep their first letter
        Window.size = (800, 1280)
        d.settle()
        for key in ("legend", "hint"):
            label = summary.ids[key]
            assert ink_columns(label)[1] < label.texture.size[0] - 1, f"{key} touches its right edge"
    finally:
        Window.size = (1280, 800)
        app.set_ui_language("nl")
        d.settle()


@pytest.mark.parametrize("cards", ["ar", "ti"])
def test_the_summary_offers_the_card_language_of_its_session(driver, cards):
    d, app = driver, driver.app
    fresh_game(d, ["Sam"], card_language=cards)
    app.end_game()
    d.settle()
    summary = app.root.get_screen("summary")
    assert summary.other_language == cards
    d.tap(summary.ids.language)
    d.settle()
    assert summary.other_language == "nl"
    app.go("start")
    d.settle()


# --- 9. the clipboard ------------------------------------------------------------------


def test_set_up_installs_the_clipboard_tool_and_kivy_starts_without_critical():
    assert "xclip" in (ROOT / "scripts" / "setup.sh").read_text()
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1", KIVY_LOG_LEVEL="info")
    out = subprocess.run([sys.executable, "-c", "from kivy.core import clipboard"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "CRITICAL" not in out.stdout + out.stderr, out.stdout + out.stderr

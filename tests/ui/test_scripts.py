"""Arabic and Tigrinya as the family sees them: drawn by the real widgets, in a
real (offscreen) window, checked on the pixels.

- A real Arabic and a real Tigrinya card, in the real card widget filled as
  the table screen fills it: every letter it draws is a glyph, not the font's
  missing-glyph box, and every text on the card left ink on the card.
- A wrapped Arabic question: its top line is the *first* logical line (and
  not the last, which is what shaping the whole paragraph at once gives),
  and every line is right-aligned.
- The live start screen follows a switch of the UI language (en, ar, nl),
  with the texts of the translation catalogs.
- An Arabic name typed by a family: stored as typed (logical order), drawn
  joined and right to left in its chip and on the network map.

Font-level glyph coverage is in tests/test_fonts.py; the line-breaking rule
of display_text() on strings is in tests/ui/test_text.py. These tests check
what the widgets draw.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import app_driver
import pytest

app_driver.configure()

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "app" / "locales"
DECK = "wie-is-er-voor-jou"
MISSING = ("\u0378", "\ue000")     # in no font: drawn as the font's .notdef box
#: an Arabic name with a vowel mark and a lam-alef ligature ("Salma al-Ahmad")
ARABIC_NAME = "سَلمى الأحمد"


# --- pixels ------------------------------------------------------------------------------


def alpha_rows(texture) -> list[bytes]:
    """The alpha channel of a label texture, one bytes row per pixel row, top row first."""
    w, h = texture.size
    alpha = bytes(texture.pixels)[3::4]
    return [alpha[y * w:(y + 1) * w] for y in range(h)]


def has_ink(rows) -> bool:
    return any(any(r) for r in rows)


def ink_columns(rows) -> tuple[int, int] | None:
    """First and last column with any ink (alpha > 64) in these rows."""
    width = len(rows[0])
    cols = [x for x in range(width) if any(r[x] > 64 for r in rows)]
    return (cols[0], cols[-1]) if cols else None


def band_distance(a: list[bytes], b: list[bytes], max_shift: int = 4) -> float:
    """Mean absolute alpha difference (0..255) between two pixel bands of the
    same width, at the best horizontal shift of up to ``max_shift`` px (Kivy
    places a right-aligned line by its measured width, which may be off by a
    pixel or two between a line alone and the same line in a paragraph)."""
    h = min(len(a), len(b))
    w = len(a[0])
    assert len(b[0]) == w, "bands of different widths"
    best = float("inf")
    for dx in range(-max_shift, max_shift + 1):
        total = 0
        for ra, rb in zip(a[:h], b[:h]):
            if dx >= 0:
                total += sum(abs(x - y) for x, y in zip(ra[dx:], rb[:w - dx]))
            else:
                total += sum(abs(x - y) for x, y in zip(ra[:w + dx], rb[-dx:]))
        best = min(best, total / (h * w))
    return best


def render_alone(text: str, font_name: str, font_size: float, bold: bool) -> tuple[int, int, bytes]:
    """(width, height, RGBA pixels) of ``text`` drawn by Kivy's core label in
    this font, as a label widget with these properties draws it."""
    from kivy.core.text import Label as CoreLabel
    label = CoreLabel(text=text, font_name=font_name, font_size=font_size, bold=bold)
    label.refresh()
    tex = label.texture
    return tex.width, tex.height, bytes(tex.pixels)


def tofu_letters(chars, font_name: str, font_size: float, bold: bool) -> list[str]:
    """The characters (spaces aside) this font draws as its missing-glyph box or not at all."""
    box, box2 = (render_alone(ch, font_name, font_size, bold) for ch in MISSING)
    assert box == box2, "two missing characters should draw the same .notdef box"
    bad = []
    for ch in dict.fromkeys(chars):
        if ch.isspace():
            continue
        drawn = render_alone(ch, font_name, font_size, bold)
        if drawn == box or not any(drawn[2][3::4]):
            bad.append(f"{ch} U+{ord(ch):04X}")
    return bad


def line_count(label) -> int:
    """How many lines a label drew (Kivy's own wrapping included)."""
    return len(label._label._cached_lines)


def save_png(widget, name: str, tmp_path) -> Path:
    """Keep a picture of ``widget`` (in ``GK_SCRIPTS_PNG_DIR`` when set, to look at)."""
    folder = Path(os.environ.get("GK_SCRIPTS_PNG_DIR") or tmp_path)
    path = folder / name
    widget.export_to_png(str(path))
    assert path.stat().st_size > 1000, f"{path} is (nearly) empty"
    return path


def is_arabic_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and "ARABIC" in unicodedata.name(ch, "")


def logical_letters_of(drawn: str) -> str:
    """Undo what display_text() does to an all-Arabic line: presentation
    forms back to letters (NFKC), visual order back to reading order; vowel
    marks left out (their place is checked by the renderer, not here)."""
    parts = [unicodedata.normalize("NFKC", ch) for ch in drawn if not unicodedata.combining(ch)]
    return "".join(reversed(parts))


def without_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def window():
    """The one window of the test process, in Dutch at the normal text size."""
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from app.i18n import tr
    from app.widgets.text import style
    EventLoop.ensure_window()
    style.scale = 1.0
    tr.switch("nl")
    return Window


@pytest.fixture(scope="session")
def catalogs(tmp_path_factory):
    """Every app/locales/*/LC_MESSAGES/messages.po, read, and compiled afresh into a
    temporary locales folder (the .mo files in app/locales/ are build output and
    may be missing or older than the .po files)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = tmp_path_factory.mktemp("locales")
    read = {}
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        with open(po, "rb") as f:
            catalog = read_po(f, locale=lang)
        out = folder / lang / "LC_MESSAGES"
        out.mkdir(parents=True)
        with open(out / "messages.mo", "wb") as f:
            write_mo(f, catalog)
        read[lang] = catalog
    assert {"en", "ar"} <= set(read), f"catalogs found: {sorted(read)}"
    return folder, read


def pump(frames: int = 5) -> None:
    from app.testing import run_frames
    run_frames(frames)


# --- 1. a real Arabic and a real Tigrinya card --------------------------------------------


def fill_card(view, deck, lang: str, card_id: str, ui_lang: str = "nl") -> None:
    """Fill the card widget as TableScreen._show_card does."""
    assert view.show(deck, lang, card_id, ui_lang)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_a_card_in_arabic_or_tigrinya_draws_every_letter(window, lang, tmp_path):
    from kivy.core.text import DEFAULT_FONT
    from kivy.metrics import dp, sp

    from app import theme
    from app.fonts import font_for
    from app.scripts import display_text
    from app.widgets.card import CardView
    from kaarten.decks import load_decks

    deck = load_decks().get(DECK)
    localized = deck.localized(lang)
    translated = [c for c in localized.cards if c.language == lang]
    assert len(translated) >= 10, f"the {lang} deck has hardly any translated cards"
    # the longest question that has a follow-up: it wraps, and there is more to draw
    card = max((c for c in translated if c.follow_up), key=lambda c: len(c.text))

    view = CardView(size_hint_x=None, width=dp(600))
    fill_card(view, deck, lang, card.id)
    window.add_widget(view)
    try:
        pump(6)
        q, follow, label, second = (view.ids[i] for i in ("question", "follow", "label", "second"))
        assert q.text == card.text and q.lang == lang          # the logical text, untouched
        assert q.font_name == font_for(lang) != DEFAULT_FONT
        assert q.bold and q.font_size == pytest.approx(sp(theme.FONT_CARD))
        drawn = q._label.text                                   # what the label drew
        assert line_count(q) >= 2, f"the question should wrap on a 600 dp card: {drawn!r}"
        if lang == "ar":
            # shaped: Arabic presentation forms are drawn, not the logical letters
            assert drawn != card.text
            assert any("FORM" in unicodedata.name(ch, "") for ch in drawn)
        else:
            assert drawn == card.text                          # Ethiopic needs no shaping

        # every letter of the question (logical and as drawn), of the follow-up
        # and of every other card of the deck, drawn alone in the question's font
        # and size: none may be the missing-glyph box
        letters = card.text + drawn + follow.text + follow._label.text
        for other in translated:
            letters += other.text + display_text(other.text, lang)
            if other.follow_up:
                letters += other.follow_up + display_text(other.follow_up, lang)
        assert tofu_letters(letters, q.font_name, q.font_size, q.bold) == []
        # and the same for the other texts on the card, in their own fonts
        for t in (follow, label, second):
            assert t.text, f"the card shows no {t}"
            assert tofu_letters(t.text + t._label.text, t.font_name, t.font_size, t.bold) == []

        # the whole card: every line of every text left ink on the card itself
        image = view.export_as_image()
        rows = _rgb_rows(image.texture)
        card_rgb = tuple(round(c * 255) for c in view.colour[:3])
        for t in (label, q, follow, second):
            n = line_count(t)
            x0 = int(t.x - view.x)
            x1 = int(t.right - view.x)
            top = int(view.top - t.top)                 # rows counted from the card's top
            line_h = t.height / n
            for i in range(n):
                y0, y1 = int(top + i * line_h), int(top + (i + 1) * line_h)
                dark = sum(1 for y in range(y0, y1) for x in range(x0, x1)
                           if _differs(rows[y][3 * x:3 * x + 3], card_rgb))
                assert dark > 20, (f"line {i + 1} of {t.text!r} left no ink on the card "
                                   f"(rows {y0}-{y1}, columns {x0}-{x1})")
        save_png(view, f"scripts-card-{lang}.png", tmp_path)
    finally:
        window.remove_widget(view)


def _rgb_rows(texture) -> list[bytes]:
    """RGB rows of a widget picture (export_as_image), top row first."""
    w, h = texture.size
    px = bytes(texture.pixels)
    rows = []
    for y in range(h):
        row = px[y * w * 4:(y + 1) * w * 4]
        rgb = bytearray(len(row) // 4 * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = row[0::4], row[1::4], row[2::4]
        rows.append(bytes(rgb))
    return rows


def _differs(pixel: bytes, background: tuple[int, int, int]) -> bool:
    return sum(abs(p - b) for p, b in zip(pixel, background)) > 120


# --- 2. a wrapped Arabic question: lines top to bottom, each right-aligned ------------------


def _logical_lines(text: str, drawn: str, lang: str) -> list[str]:
    """The logical lines behind the drawn lines: the words of ``text`` in
    order, cut where each drawn line is the shaped form of the next words."""
    from app.scripts import display_text
    words = text.split(" ")
    out, i = [], 0
    for visual in drawn.split("\n"):
        for k in range(i + 1, len(words) + 1):
            if display_text(" ".join(words[i:k]), lang) == visual:
                out.append(" ".join(words[i:k]))
                i = k
                break
        else:
            raise AssertionError(f"drawn line {visual!r} is not the shaped form of the next words "
                                 f"of {text!r} (from word {i})")
    assert i == len(words), "words are missing from the drawn text"
    return out


@pytest.mark.timeout(120)
def test_a_wrapped_arabic_question_reads_top_to_bottom_and_right_aligned(window, tmp_path):
    from kivy.uix.label import Label

    from app import theme
    from app.scripts import display_text
    from app.widgets.text import ScriptLabel
    from kaarten.decks import load_decks

    width = 300
    made = []

    def tekst(text, lang="ar"):
        t = ScriptLabel(text=text, lang=lang, size_sp=theme.FONT_CARD, bold=True,
                  size_hint=(None, None), width=width)
        window.add_widget(t)
        made.append(t)
        return t

    try:
        # "top" really is the top of a label texture: a Dutch control
        dutch = tekst("Wie\nvertrouw jij?", lang="nl")
        pump(3)
        assert line_count(dutch) == 2
        rows = alpha_rows(dutch.texture)
        half = len(rows) // 2
        top_ink, bottom_ink = ink_columns(rows[:half]), ink_columns(rows[half:])
        assert top_ink[1] - top_ink[0] < (bottom_ink[1] - bottom_ink[0]) / 2

        # the longest question of the Arabic deck with its follow-up: two sentences
        deck = load_decks().get(DECK).localized("ar")
        card = max((c for c in deck.cards if c.language == "ar" and c.follow_up),
                   key=lambda c: len(c.text) + len(c.follow_up))
        text = f"{card.text} {card.follow_up}"
        label = tekst(text)
        pump(3)
        assert label.text == text                              # logical, as in the deck
        assert label.halign == "right"                         # 'start' in Arabic
        drawn = label._label.text
        logical = _logical_lines(text, drawn, "ar")
        n = len(logical)
        assert n >= 3 and line_count(label) == n, drawn
        rows = alpha_rows(label.texture)
        assert len(rows[0]) == width
        line_h = len(rows) // n
        assert line_h * n == len(rows)
        bands = [rows[i * line_h:(i + 1) * line_h] for i in range(n)]

        # each logical line drawn alone, in the same widget settings
        alone = []
        for words in logical:
            t = tekst(words)
            pump(2)
            assert line_count(t) == 1, f"{words!r} should fit one line"
            alone.append(alpha_rows(t.texture))
            assert len(alone[-1]) == line_h
        first, last = alone[0], alone[-1]
        assert band_distance(first, last) > 8, "the first and last lines must look different"

        # the top line of the label is the first logical line, the bottom one the last
        for i in range(n):
            d = band_distance(bands[i], alone[i])
            assert d < 1.0, f"line {i + 1} of the label is not {logical[i]!r} (distance {d:.2f})"
        assert band_distance(bands[0], last) > 8
        assert band_distance(bands[-1], first) > 8

        # right-aligned: every line's ink ends at the right edge, not the left
        for i, band in enumerate(bands):
            left, right = ink_columns(band)
            assert width - 1 - right <= 6, f"line {i + 1} ends {width - 1 - right} px from the right edge"
            assert left > width - 1 - right, f"line {i + 1} hugs the left edge"
        assert max(ink_columns(b)[0] for b in bands) > width * 0.15, "no line is shorter than the width"

        # the naive way: the whole paragraph shaped and put in visual order at
        # once (what bidi.get_display over the paragraph gives), then wrapped
        # by Kivy: the top line then holds the *last* words
        naive = Label(text=display_text(text, "ar"), font_name=label.font_name,
                      font_size=label.font_size, bold=True, halign="right", color=theme.INK,
                      text_size=(width, None), size_hint=(None, None), width=width)
        window.add_widget(naive)
        made.append(naive)
        pump(3)
        naive.height = naive.texture_size[1]
        pump(2)
        assert "\n" not in naive.text
        naive_rows = alpha_rows(naive.texture)
        assert line_count(naive) >= 3
        naive_top = naive_rows[:line_h]
        assert band_distance(naive_top, first) > 8, "the naive top line should not be the first line"
        assert band_distance(naive_top, bands[0]) > 8, "the naive top line looks like the right one"
        # ... because Kivy wrapped the visual string: the first word of the
        # question ends up on the bottom line instead of the top one
        naive_lines = ["".join(w.text for w in line.words).split()
                       for line in naive._label._cached_lines]
        first_word = display_text(text.split(" ")[0], "ar")
        assert first_word in drawn.split("\n")[0].split()
        assert first_word in naive_lines[-1] and first_word not in naive_lines[0], naive_lines
        save_png(label, "scripts-wrapped-ar.png", tmp_path)
        save_png(naive, "scripts-wrapped-ar-naive.png", tmp_path)
    finally:
        for w in made:
            window.remove_widget(w)


# --- 3. the live start screen follows the UI language --------------------------------------


def _msgstr(catalogs, lang: str, msgid: str) -> str:
    message = catalogs[1][lang].get(msgid)
    assert message is not None and message.string, f"{msgid!r} is not translated in {lang}"
    assert not message.fuzzy, f"{msgid!r} is fuzzy in {lang}: the app would show Dutch"
    return message.string


@pytest.mark.timeout(120)
def test_switching_the_ui_language_relabels_the_live_start_screen(driver, catalogs, monkeypatch):
    from kivy.core.text import DEFAULT_FONT

    from app.fonts import font_for
    from app.i18n import tr
    from app.scripts import display_text

    app = driver.app
    # the app's translator reads the catalogs compiled from the .po files now
    monkeypatch.setattr(tr, "_locales_dir", catalogs[0])
    app.go("start")
    driver.settle()
    start = app.root.get_screen("start")
    button = start.ids.new_game
    ids = {"new_game": "Nieuw spel", "sessions_button": "Eerdere gesprekken",
           "settings_button": "Instellingen"}
    assert tr.lang == "nl"
    for wid, msgid in ids.items():
        assert start.ids[wid].text == msgid                    # Dutch is the source
    try:
        for lang in ("en", "ar"):
            app.set_ui_language(lang)                          # as the settings screen does
            driver.settle()
            assert tr.lang == lang and app.root.current == "start"
            assert start.ids.new_game is button                # the same live widget
            for wid, msgid in ids.items():
                widget = start.ids[wid]
                expected = _msgstr(catalogs, lang, msgid)
                assert widget.text == expected, (lang, wid)    # the logical translation
                drawn = widget._label.text
                if lang == "ar":
                    assert widget.font_name == font_for("ar") != DEFAULT_FONT
                    assert drawn == display_text(expected, "ar", widget.text_size[0], widget._measure)
                    assert drawn != expected                   # shaped, right to left
                else:
                    assert drawn == expected
                    assert widget.font_name == DEFAULT_FONT
            assert button.texture is not None and has_ink(alpha_rows(button.texture))
            # joined letters, in visual order: read back right to left they are the msgstr
            if lang == "ar":
                ar = _msgstr(catalogs, "ar", "Nieuw spel")
                assert logical_letters_of(button._label.text) == without_marks(ar)
                assert any("FORM" in unicodedata.name(ch, "") for ch in button._label.text)
    finally:
        app.set_ui_language("nl")
        driver.settle()
    assert tr.lang == "nl"
    assert button.text == "Nieuw spel" and button._label.text == "Nieuw spel"
    assert button.font_name == DEFAULT_FONT


# --- 4. an Arabic name: stored as typed, drawn joined and right to left ---------------------


def _check_drawn_name(widget, name: str, where: str) -> None:
    from app.fonts import font_for
    from app.i18n import tr
    from app.scripts import display_text
    assert widget.text == name, f"{where}: the widget's text should be the name as typed"
    drawn = widget._label.text
    assert drawn == display_text(name, widget.lang or tr.lang), f"{where}: drawn {drawn!r}"
    assert "\n" not in drawn, f"{where}: the name was broken over lines"
    assert widget.font_name == font_for("", name), f"{where}: not the Arabic font"
    # joined: every letter is a presentation form, some of them initial/medial/final
    letters = [ch for ch in drawn if is_arabic_letter(ch)]
    assert letters and all(0xFB50 <= ord(ch) <= 0xFEFF for ch in letters), where
    assert any(word in unicodedata.name(ch) for ch in letters
               for word in ("INITIAL", "MEDIAL", "FINAL")), f"{where}: letters not joined"
    # visual order: read from right to left they spell the name; vowel marks kept
    assert logical_letters_of(drawn) == without_marks(name), f"{where}: {drawn!r}"
    assert sum(map(unicodedata.combining, drawn)) == sum(map(unicodedata.combining, name))
    assert sorted(ch for ch in drawn if unicodedata.combining(ch)) == \
        sorted(ch for ch in name if unicodedata.combining(ch))
    assert widget.texture is not None and has_ink(alpha_rows(widget.texture)), where


@pytest.mark.timeout(120)
def test_an_arabic_name_is_shaped_in_its_chip_and_on_the_map(driver, tmp_path):
    d = driver
    app = d.app
    app.go("start")
    d.settle()
    d.new_game(["mama", "Sam"])
    session = app.session
    table = app.root.get_screen("table")

    panel = d.open_naming()
    d.name_new(panel, ARABIC_NAME, "friends", 1)
    assert panel.feedback_ok, panel.feedback
    d.settle()
    people = [p for p in session.network.people if p.name == ARABIC_NAME]
    assert len(people) == 1, [p.name for p in session.network.people]
    person = people[0]                                  # stored as typed: logical order

    # the chip of people named before, in the naming panel
    chips = [c for c in panel.ids.chips.children if getattr(c, "person_id", None) == person.id]
    assert len(chips) == 1
    _check_drawn_name(chips[0], ARABIC_NAME, "chip in the naming panel")
    d.close_naming(panel)

    # the chip under the card: named for this card
    chips = [c for c in table.ids.named.children if getattr(c, "person_id", None) == person.id]
    assert len(chips) == 1
    _check_drawn_name(chips[0], ARABIC_NAME, "chip on the table")

    # the network map of the summary
    app.end_game()
    d.settle()
    assert app.root.current == "summary"
    m = app.root.get_screen("summary").ids.map
    d.pump(3)
    assert person.id in m._labels, "the map has no label for the Arabic name"
    _check_drawn_name(m._labels[person.id], ARABIC_NAME, "label on the map")
    save_png(m, "scripts-map-ar-name.png", tmp_path)

    # and on disk it is the name as typed
    assert session.network.person(person.id).name == ARABIC_NAME
    from kaarten.session import Session
    again = Session.resume(app.store, session.id)
    assert again.network.person(person.id).name == ARABIC_NAME


@pytest.mark.timeout(60)
def test_an_arabic_name_typed_into_the_field_is_drawn_joined_and_the_cursor_follows_it(window):
    """kivy#1570: Kivy draws a typed Arabic name letter by letter, unjoined
    and left to right. The field keeps the name as typed and draws it shaped;
    the cursor, a tap and a selection land where the drawn letters are."""
    from kivy.base import EventLoop
    from kivy.core.text import Label as CoreLabel
    from kivy.core.window import Window
    from kivy.graphics import Rectangle

    from app.scripts import display_text
    from app.widgets.textinput import ScriptTextInput

    field = ScriptTextInput(size_hint=(None, None), width=600, pos=(100, 300))
    Window.add_widget(field)
    try:
        EventLoop.idle()
        for ch in ARABIC_NAME:                      # as the keys would type it
            field.insert_text(ch)
        for _ in range(3):
            EventLoop.idle()
        assert field.text == ARABIC_NAME and field.halign == "right"
        drawn = CoreLabel(text=display_text(ARABIC_NAME), font_name=field.font_name, font_size=field.font_size)
        drawn.refresh()
        line = field._lines_labels[0]
        assert tuple(line.size) == tuple(drawn.texture.size)
        assert alpha_rows(line) == alpha_rows(drawn.texture), "the field draws the name unshaped"
        rect = field._lines_rects[0]
        left, right, middle = rect.pos[0], rect.pos[0] + rect.size[0], rect.pos[1] + rect.size[1] / 2
        assert field.cursor_pos[0] == pytest.approx(left, abs=1)       # typing goes on at the left
        field.cursor = (0, 0)
        assert field.cursor_pos[0] == pytest.approx(right, abs=1)      # the name begins on the right
        assert field.get_cursor_from_xy(left + 1, middle)[0] == len(ARABIC_NAME)
        assert field.get_cursor_from_xy(right - 1, middle)[0] == 0
        field.select_all()
        for _ in range(2):
            EventLoop.idle()
        [mark] = [i for i in field.canvas.get_group("selection") if isinstance(i, Rectangle)]
        assert (mark.pos[0], mark.pos[0] + mark.size[0]) == (pytest.approx(left, abs=1), pytest.approx(right, abs=1))
        field.text = "oma"                          # a Dutch name: as Kivy draws it
        for _ in range(2):
            EventLoop.idle()
        assert field.halign == "left" and field.cursor_offset() == field._get_text_width("oma", 4, field._label_cached)
    finally:
        Window.remove_widget(field)

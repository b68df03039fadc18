"""The app's text helpers: translator, fonts, right-to-left, sizes, colours, settings."""
from __future__ import annotations

import json

import app_driver
import pytest

app_driver.configure()

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402


def _catalog(tmp_path, lang: str, messages: dict) -> None:
    cat = Catalog(locale=lang)
    for src, dst in messages.items():
        cat.add(src, dst)
    folder = tmp_path / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as f:
        write_mo(f, cat)


@pytest.mark.timeout(60)
def test_kv_text_follows_a_language_switch(tmp_path):
    from kivy.lang import Builder, global_idmap

    from app.i18n import Translator

    _catalog(tmp_path, "en", {"Nieuw spel": "New game",
                              ("{n} kaart", "{n} kaarten"): ("{n} card", "{n} cards")})
    t = Translator(locales_dir=tmp_path)
    global_idmap["test_tr"] = t
    try:
        label = Builder.load_string("Label:\n    text: test_tr._('Nieuw spel')\n")
        assert label.text == "Nieuw spel"           # Dutch is the source
        t.switch("en")
        assert label.text == "New game"             # kv re-evaluated
        assert t.ngettext("{n} kaart", "{n} kaarten", 3) == "{n} cards"
        t.switch("ar")                              # no catalog: Dutch
        assert label.text == "Nieuw spel"
        assert t.rtl
    finally:
        del global_idmap["test_tr"]


def test_dates_and_lists_in_the_ui_language():
    import datetime as dt

    from app.i18n import Translator

    t = Translator()
    assert t.format_list(["mama", "Sam", "Noor"]) == "mama, Sam en Noor"
    assert t.format_date(dt.date(2026, 6, 3)) == "3 juni 2026"


def test_fonts_follow_the_script_of_the_text():
    from kivy.core.text import DEFAULT_FONT

    from app.fonts import font_for

    assert font_for("nl", "oma") == DEFAULT_FONT
    arabic = font_for("nl", "سارة")
    assert arabic != DEFAULT_FONT                  # an Arabic name in a Dutch screen
    assert font_for("ar", "") == arabic
    assert font_for("ti", "") not in (DEFAULT_FONT, arabic)


def test_right_to_left_lines_stay_in_reading_order():
    from app.scripts import display_text

    assert display_text("Wie vertrouw jij?", "nl") == "Wie vertrouw jij?"
    text = "واحد اثنان ثلاثة أربعة"
    lines = display_text(text, "ar", width=11, measure=len).split("\n")
    # broken in logical order first, then each line shaped and put right to left:
    # the first line holds the first words (Kivy alone would swap the lines)
    assert lines == [display_text("واحد اثنان", "ar"), display_text("ثلاثة أربعة", "ar")]
    one_line = display_text("سارة 12 abc", "ar")
    assert "12" in one_line and "abc" in one_line       # numbers and Latin keep their order


@pytest.mark.timeout(60)
def test_text_wraps_and_grows_at_extra_large_size():
    from kivy.base import EventLoop
    from kivy.metrics import sp

    from app.widgets.text import ScriptButton, ScriptLabel, style

    EventLoop.ensure_window()
    style.scale = 2.0
    try:
        t = ScriptLabel(text="Met wie kun jij heel hard lachen, ook als het even moeilijk is?",
                  size_hint_x=None, width=300)
        b = ScriptButton(text="Iemand noemen", size_hint_x=None, width=160)
        for w in (t, b):
            w.texture_update()
        assert t.font_size == pytest.approx(sp(20) * 2)
        assert t.texture_size[0] <= 300 and t.height >= t.texture_size[1]
        assert t.texture_size[1] > t.font_size * 2          # wrapped over several lines
        assert b.height >= b.texture_size[1] and b.texture_size[0] <= 160
    finally:
        style.scale = 1.0


TIGRINYA_SECTORS = ("ስድራቤት", "ኣዕሩኽ", "ጎረባብቲ", "ቤት ትምህርትን ስራሕን", "ክለብ፣ እምነት፣ ናጻ ግዜ", "ሓገዝን ክንክንን")


@pytest.mark.timeout(60)
def test_kivy_still_measures_with_what_the_font_held_not_with_the_labels_settings():
    """Why app.fonts.as_drawn exists: the same core label, with the same
    settings, measures a Tigrinya name 96 px before its font drew and 101 px
    after. When this fails, Kivy measures as it draws: take it out."""
    from kivy.base import EventLoop
    from kivy.core.text import Label as CoreLabel
    from kivy.core.text._text_sdl2 import _SurfaceContainer

    from app.fonts import font_for

    EventLoop.ensure_window()
    text, size = "ሓገዝን ክንክንን", 18.71      # a size nothing else uses: a font object of its own
    label = CoreLabel(text=text, font_name=font_for("ti", text), font_size=size, font_script_name="Latn")
    before = label.get_extents(text)[0]
    _SurfaceContainer(1, 1).render(label, " ", 0, 0)        # the font draws with the label's settings
    assert label.get_extents(text)[0] != before


@pytest.mark.timeout(60)
def test_a_label_draws_as_wide_as_the_one_measure_said():
    """The map measures its names long before their labels draw, and in
    between the font can take other settings from other drawing (in the app
    a Tigrinya sector name grew from 96 to 101 px that way, which label set
    them was not pinned down): the pill was 5 px short and cut its last
    letter. Every Tigrinya sector name, an Arabic name and a Dutch one, each
    measured on a font that never drew, are drawn exactly as wide."""
    from kivy.base import EventLoop
    from kivy.core.text import Label as CoreLabel
    from kivy.core.text._text_sdl2 import _SurfaceContainer

    from app.fonts import font_for, measure
    from app.scripts import display_text
    from app.widgets.text import ScriptLabel

    EventLoop.ensure_window()
    cases = [("ti", t) for t in TIGRINYA_SECTORS] + [("ar", "جدة فاطمة"), ("nl", "Buurvrouw Mo")]
    for size in (17.31, 23.53):           # sizes nothing else uses: fonts that never drew
        for lang, text in cases:
            drawn, font = display_text(text, lang), font_for(lang, text)
            width = measure(drawn, font, size)[0]
            other = CoreLabel(text=" ", font_name=font, font_size=size, font_script_name="Latn")
            _SurfaceContainer(1, 1).render(other, " ", 0, 0)
            label = ScriptLabel(text=text, lang=lang, size_hint=(None, None), width=2 * width)
            label.font_size = size
            label.texture_update()
            assert "\n" not in label._label.text, (lang, text, size)
            assert label._label.get_extents(label._label.text)[0] == width, (lang, text, size)


def test_colours_reach_wcag_contrast():
    from app import theme

    for kind, (bg, down, fg) in theme.BUTTONS.items():
        assert theme.contrast(fg, bg) >= 4.5, kind
        assert theme.contrast(fg, down) >= 4.5, kind
    for hex_colour in theme.PLAYER_COLOURS:
        assert theme.contrast(theme.text_on(hex_colour), hex_colour) >= 4.5, hex_colour
    assert len(set(theme.PLAYER_COLOURS)) == 8
    for look in theme.SECTORS:
        assert theme.contrast(theme.INK, look.colour) >= 4.5, look.sector
    assert theme.contrast(theme.INK_SOFT, theme.BACKGROUND) >= 4.5
    assert theme.contrast(theme.DISABLED_TEXT, theme.DISABLED) >= 4.5


def test_settings_file_is_replaced_whole_and_bad_files_give_defaults(tmp_path):
    from app.preferences import FILE_NAME, Preferences

    assert Preferences.load(tmp_path) == Preferences()
    Preferences(ui_language="en", text_size="extra-large").save(tmp_path)
    assert Preferences.load(tmp_path) == Preferences(ui_language="en", text_size="extra-large")
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]     # no temp files left
    (tmp_path / FILE_NAME).write_text("{half a fi")
    assert Preferences.load(tmp_path) == Preferences()
    (tmp_path / FILE_NAME).write_text(json.dumps({"text_size": "gigantic"}))
    assert Preferences.load(tmp_path).text_size == "normal"


@pytest.mark.timeout(60)
def test_thrown_away_text_widgets_leave_no_observer_on_the_text_style():
    # 300 chips of names made and dropped (the naming panel does this on every
    # key): the app-wide style must not gather an observer for each of them
    import gc
    import weakref

    from kivy.base import EventLoop

    from app.widgets.layout import Chip
    from app.widgets.text import ScriptButton, ScriptLabel, style

    EventLoop.ensure_window()
    style.scale = 1.0
    before = len(style.get_property_observers("scale"))
    refs = []
    for i in range(100):
        for kind in (ScriptLabel, ScriptButton, Chip):
            refs.append(weakref.ref(kind(text=f"Naam-{i}")))
    gc.collect()
    assert [r for r in refs if r() is not None] == []
    style.scale = 1.5            # a dispatch drops the observers of widgets that are gone
    style.scale = 1.0
    after = len(style.get_property_observers("scale"))
    assert after <= before + 2, f"{after - before} observers left behind by 300 discarded widgets"


def test_an_arabic_name_inside_a_tigrinya_sentence_is_shaped():
    """The first script of the line is Ethiopic; the Arabic name inside it
    is shaped and ordered all the same (it was drawn raw, letters apart)."""
    from app.scripts import display_text
    drawn = display_text("ናይ سَلمى ጉጅለ ኣየናይ እዩ?", "ti")
    assert drawn.startswith("ናይ ") and drawn.endswith(" ጉጅለ ኣየናይ እዩ?")
    arabic = [ch for ch in drawn if 0x0600 <= ord(ch) <= 0x06FF or 0xFE70 <= ord(ch) <= 0xFEFF]
    # every letter in a joined (presentation) form, only the vowel mark as typed
    assert arabic and all(0xFE70 <= ord(ch) <= 0xFEFF or ch == "\u064e" for ch in arabic)
    assert display_text("👵\ufe0f oma", "nl") == "👵\ufe0f oma"             # an emoji is no reason


@pytest.mark.timeout(60)
def test_thrown_away_overview_cells_and_rows_are_not_kept_alive_by_the_language():
    # the language is app-wide: a widget that watched it with a strong
    # binding lived as long as the app (every overview line ever made did:
    # three times 116 lines after one summary of a big family)
    import gc
    import weakref

    from kivy.base import EventLoop

    from app.widgets.layout import MirroredBoxLayout
    from app.widgets.who import OverviewName, ThemeCells

    EventLoop.ensure_window()
    refs = []
    for i in range(30):
        refs.append(weakref.ref(ThemeCells(colours=[(1, 0, 0, 1)] * 3, filled=[True, False, True])))
        row = MirroredBoxLayout()
        row.add_widget(OverviewName(text=f"Naam {i}"))
        refs.append(weakref.ref(row))
        del row
    gc.collect()
    assert [r for r in refs if r() is not None] == []

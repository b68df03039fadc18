"""The fonts in app/fonts/ draw every character the decks need: no tofu.

Kivy's SDL2 text provider draws a string with one font file only; a character
that font lacks becomes its .notdef glyph (an empty box, "tofu"). These tests
render text with Kivy's core Label offscreen and compare the texture of each
character with the texture of a character no font has (U+0378, unassigned,
and U+E000, private use) in the same font and settings: a real glyph must
draw something, and something else than that missing-glyph box.

Only Kivy and the standard library are used here: fontTools is needed to
*build* the fonts (tools/build_fonts.py), not to use or test them.
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest
from kivy.core.text import Label as CoreLabel
from kivy.core.window import Window  # noqa: F401  (a GL context for textures)

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "app" / "fonts"
DECKS = ROOT / "kaarten" / "decks"
ARABIC = {
    "Regular": FONTS / "NotoSansArabicUI-Merged-Regular.ttf",
    "Bold": FONTS / "NotoSansArabicUI-Merged-Bold.ttf",
}
ETHIOPIC = {
    "Regular": FONTS / "NotoSansEthiopic-Merged-Regular.ttf",
    "Bold": FONTS / "NotoSansEthiopic-Merged-Bold.ttf",
}
NOTO_SANS = {
    "Regular": FONTS / "NotoSans-Regular.ttf",
    "Bold": FONTS / "NotoSans-Bold.ttf",
}
MERGED = [*ARABIC.values(), *ETHIOPIC.values()]
FAMILIES = {
    ARABIC["Regular"]: ("Gesprekskaarten Arabic", "Regular"),
    ARABIC["Bold"]: ("Gesprekskaarten Arabic", "Bold"),
    ETHIOPIC["Regular"]: ("Gesprekskaarten Ethiopic", "Regular"),
    ETHIOPIC["Bold"]: ("Gesprekskaarten Ethiopic", "Bold"),
}

ARABIC_SAMPLE = "مَن تثق به؟ 12"
ARABIC_EXTRA = "٠١٢٣٤٥٦٧٨٩،؛ـًٌٍَُِّْ"          # Arabic-Indic digits, comma, semicolon, tatweel, harakat
TIGRINYA_SAMPLE = "ንመን ትኣምን? 12"
ETHIOPIC_EXTRA = "፡።፣፤፧፩፪፫ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ"  # punctuation, numerals, letters
LATIN = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
         "?!.,:;'\"()-–—…‘’“”€"
         "ĳ"                      # Dutch
         "çÇğĞıİöÖşŞüÜ"          # Turkish
         "ąĄćĆęĘłŁńŃóÓśŚźŹżŻ")    # Polish
CYRILLIC = "Хто поруч із тобою? ҐґЄєІіЇї"   # Ukrainian
MISSING = ("\u0378", "\ue000")   # in no font: rendered as the font's .notdef


def render(text: str, font: str | Path, **kwargs) -> tuple[int, int, bytes]:
    """(width, height, RGBA pixels) of ``text`` drawn by Kivy's core Label.

    Always pass a 4-letter ISO 15924 ``font_script_name``: Kivy's default,
    'Latin', is not a valid script for SDL_ttf and is ignored, so the font
    (cached per file and size) keeps the script of the previous rendering.
    """
    label = CoreLabel(text=text, font_name=str(font), font_size=40, **kwargs)
    label.refresh()
    texture = label.texture
    return texture.width, texture.height, bytes(texture.pixels)


def has_ink(rendering: tuple[int, int, bytes]) -> bool:
    return any(rendering[2][3::4])


def ink_width(rendering: tuple[int, int, bytes]) -> int:
    """Width in pixels of the drawn part (columns with any alpha)."""
    width, _, pixels = rendering
    alpha = pixels[3::4]
    columns = [x for x in range(width) if any(alpha[x::width])]
    return columns[-1] - columns[0] + 1 if columns else 0


def missing_glyph(font, **kwargs) -> tuple[int, int, bytes]:
    """The rendering of a character the font lacks (checked to be the same for two)."""
    first, second = (render(ch, font, **kwargs) for ch in MISSING)
    assert first == second, "two missing characters should draw the same .notdef"
    return first


def tofu(text: str, font, **kwargs) -> list[str]:
    """The characters of ``text`` (spaces aside) that ``font`` draws as tofu."""
    box = missing_glyph(font, **kwargs)
    bad = []
    for ch in dict.fromkeys(text):   # each character once, in order
        if ch.isspace():
            continue
        drawn = render(ch, font, **kwargs)
        if drawn == box or not has_ink(drawn):
            bad.append(f"{ch} U+{ord(ch):04X}")
    return bad


def name_table(path: Path) -> dict[int, str]:
    """Windows-platform (3, 1, en-US) names of a TrueType font, stdlib only."""
    data = path.read_bytes()
    num_tables = struct.unpack_from(">H", data, 4)[0]
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"name":
            break
    else:
        raise AssertionError(f"{path.name} has no name table")
    _, count, strings = struct.unpack_from(">HHH", data, offset)
    names = {}
    for i in range(count):
        pid, eid, lang, nid, length, off = struct.unpack_from(">6H", data, offset + 6 + 12 * i)
        if (pid, eid, lang) == (3, 1, 0x409):
            start = offset + strings + off
            names[nid] = data[start:start + length].decode("utf-16-be")
    return names


# --- the files -------------------------------------------------------------

def test_font_files_are_small_and_licensed():
    for path in [*MERGED, *NOTO_SANS.values()]:
        assert path.is_file(), f"{path.name} missing: run tools/build_fonts.py"
        assert path.stat().st_size < 1_000_000, f"{path.name} is over 1 MB"
    ofl = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    assert "Google" in ofl    # the copyright notices come with the licence
    assert (FONTS / "README.md").is_file()


@pytest.mark.parametrize("path", MERGED, ids=lambda p: p.name)
def test_merged_fonts_are_renamed(path):
    family, style = FAMILIES[path]
    names = name_table(path)
    assert names[1] == family and names[2] == style
    assert names[6] == f"{family.replace(' ', '')}-{style}"
    assert "Open Font License" in names[13]


# --- the merged fonts draw their script, Latin, '?' and digits --------------

@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_arabic_sample_is_not_tofu(style):
    shaped = {"font_script_name": "Arab", "font_direction": "rtl"}
    assert tofu(ARABIC_SAMPLE + ARABIC_EXTRA, ARABIC[style], **shaped) == []


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_tigrinya_sample_is_not_tofu(style):
    assert tofu(TIGRINYA_SAMPLE + ETHIOPIC_EXTRA, ETHIOPIC[style],
                font_script_name="Ethi") == []


@pytest.mark.parametrize("path", MERGED, ids=lambda p: p.name)
def test_merged_fonts_draw_latin_punctuation_and_digits(path):
    assert tofu(LATIN, path, font_script_name="Latn") == []


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_arabic_letters_still_join_after_the_merge(style):
    """The merge kept the Arabic font's OpenType features: with the 'Arab'
    script, three behs join into narrow initial/medial/final forms, narrower
    than three isolated behs. (Ink width, not texture width: Kivy 2.3.1
    measures text without the script settings.)"""
    shaped = {"font_script_name": "Arab", "font_direction": "rtl"}
    joined = ink_width(render("ببب", ARABIC[style], **shaped))
    isolated = ink_width(render("ب", ARABIC[style], **shaped))
    assert 0 < joined < 3 * isolated * 0.8


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_noto_sans_draws_dutch_turkish_polish_ukrainian(style):
    assert tofu(LATIN, NOTO_SANS[style], font_script_name="Latn") == []
    assert tofu(CYRILLIC, NOTO_SANS[style], font_script_name="Cyrl") == []


# Language -> (font, script) the app draws that language's cards with.
DECK_FONTS = {
    "ar": (ARABIC["Regular"], {"font_script_name": "Arab", "font_direction": "rtl"}),
    "ti": (ETHIOPIC["Regular"], {"font_script_name": "Ethi"}),
    "uk": (NOTO_SANS["Regular"], {"font_script_name": "Cyrl"}),
    "tr": (NOTO_SANS["Regular"], {"font_script_name": "Latn"}),
    "pl": (NOTO_SANS["Regular"], {"font_script_name": "Latn"}),
}


@pytest.mark.parametrize("language", sorted(DECK_FONTS))
def test_every_character_of_the_language_decks_is_drawn(language):
    """Every character in kaarten/decks/*/<language>.yaml (cards, titles, and
    the Dutch comments too) has a glyph in the font for that language."""
    files = sorted(DECKS.glob(f"*/{language}.yaml"))
    if not files:
        pytest.skip(f"no {language} decks yet")
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    font, settings = DECK_FONTS[language]
    assert tofu(text, font, **settings) == []


# --- the comparison bites ---------------------------------------------------

def test_default_font_draws_ethiopic_as_tofu():
    """Kivy's default font (Roboto) has no Ethiopic: every Tigrinya letter is
    tofu there, which is why the merged Ethiopic font exists, and which shows
    that tofu() really detects missing glyphs."""
    letters = [ch for ch in TIGRINYA_SAMPLE if "\u1200" <= ch <= "\u137f"]
    assert letters
    assert len(tofu(TIGRINYA_SAMPLE, "Roboto", font_script_name="Ethi")) == len(set(letters))
    # ... while '?' and the digits are fine in Roboto:
    assert tofu("? 12", "Roboto", font_script_name="Latn") == []



# --- the mixed font: a line in several scripts, and emoji -------------------

MIXED_FONT = {"Regular": FONTS / "Mixed-Regular.ttf", "Bold": FONTS / "Mixed-Bold.ttf"}
MIXED_SAMPLE = ARABIC_SAMPLE + TIGRINYA_SAMPLE + CYRILLIC + LATIN + "👵👴👩👨❤☺😀🧕🐶"


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_mixed_font_draws_arabic_ethiopic_cyrillic_latin_and_emoji(style):
    path = MIXED_FONT[style]
    assert path.stat().st_size < 2_000_000
    assert name_table(path)[1] == "Gesprekskaarten Mixed"
    assert tofu(MIXED_SAMPLE, path, font_script_name="Zyyy") == []
    assert "George Douros" in (FONTS / "OFL.txt").read_text(encoding="utf-8")   # Symbola's licence


def test_the_symbol_list_says_what_the_mixed_font_draws():
    from app.fonts import undrawable
    assert undrawable("oma 👵 ❤ 🧕") == ""
    assert undrawable("🫠 oma 🫠") == "🫠"       # Unicode 14: not in Symbola
    box = missing_glyph(MIXED_FONT["Regular"], font_script_name="Zyyy")
    assert render("🫠", MIXED_FONT["Regular"], font_script_name="Zyyy") == box

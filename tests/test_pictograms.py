"""The committed pictograms in kaarten/pictograms/ (made by tools/pictograms.py).

The PNGs are read with a small stdlib (zlib) reader, independent of the
writer in the tool, so these tests look at the files exactly as committed.
"""
import importlib.util
import itertools
import os
import struct
import tempfile
import zlib
from pathlib import Path

# Kivy (only needed by the last test) must be configured before it is imported.
os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PICTO_DIR = ROOT / "kaarten" / "pictograms"
TOOL = ROOT / "tools" / "pictograms.py"

REQUIRED = [
    # theme pictograms
    "heart", "smile", "basket", "lightbulb", "phone", "sun", "star",
    # children's cards
    "hug", "ball", "school", "bed", "signpost", "plate", "book", "bicycle",
    "thermometer", "cake", "moon", "raincloud", "dog", "car", "music", "tree",
    "umbrella", "gift", "bus", "key", "house", "hand", "ear", "friends",
    # Social Work class deck
    "family", "pencil", "mirror", "speech",
]
SIZE = 256
DARK = (0x1F, 0x24, 0x30)

# Two pictograms must differ in more than this fraction of the 1024 pixels of
# their 32x32 alpha masks. 8% is 82 pixels at 32 px: more than a 9x9 block,
# i.e. more than any single detail (a door, an eye, a candle) can account
# for, so two pictograms above it differ in overall silhouette, not just in a
# detail. The closest pair measured when this was written was well above it
# (see test_every_pair_differs_clearly's message for the current minimum).
MIN_DIFFERENCE = 0.08


def read_png(path):
    """(width, height, rgba bytes top row first) of an 8-bit RGBA PNG."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        tag = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if tag == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif tag == b"IDAT":
            idat += body
        elif tag == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    assert (depth, colour_type, interlace) == (8, 6, 0), \
        f"{path}: expected 8-bit RGBA, not interlaced"
    raw = zlib.decompress(idat)
    stride, bpp = width * 4, 4
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                row[i] = (row[i] + a) & 0xFF
            elif ftype == 2:
                row[i] = (row[i] + b) & 0xFF
            elif ftype == 3:
                row[i] = (row[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + pred) & 0xFF
            else:
                assert ftype == 0, f"bad PNG filter {ftype}"
        out += row
        prev = row
    return width, height, bytes(out)


def mask32(rgba, size=SIZE):
    """32x32 alpha mask: each cell is the mean alpha of its block of the
    image (box downscale), True where that mean is at least 0.5."""
    block = size // 32
    mask = []
    for cy in range(32):
        for cx in range(32):
            total = 0
            for y in range(cy * block, (cy + 1) * block):
                row = y * size
                for x in range(cx * block, (cx + 1) * block):
                    total += rgba[(row + x) * 4 + 3]
            mask.append(total / (block * block * 255) >= 0.5)
    return mask


def difference(m1, m2):
    return sum(a != b for a, b in zip(m1, m2)) / len(m1)


@pytest.fixture(scope="module")
def images():
    found = {}
    for name in REQUIRED:
        path = PICTO_DIR / f"{name}.png"
        if path.exists():
            found[name] = read_png(path)
    return found


def test_every_required_pictogram_exists():
    missing = [n for n in REQUIRED if not (PICTO_DIR / f"{n}.png").is_file()]
    assert not missing, f"missing pictograms: {missing}"


def test_no_stray_files():
    known = set(REQUIRED) | {"contact-sheet"}
    stray = [p.name for p in PICTO_DIR.glob("*.png") if p.stem not in known]
    assert not stray, f"PNGs no card uses: {stray}"
    assert (PICTO_DIR / "contact-sheet.png").is_file()
    assert (PICTO_DIR / "README.md").is_file()


def test_size_and_transparent_background(images):
    for name, (w, h, rgba) in images.items():
        assert (w, h) == (SIZE, SIZE), name
        corners = [0, SIZE - 1, SIZE * (SIZE - 1), SIZE * SIZE - 1]
        assert all(rgba[i * 4 + 3] == 0 for i in corners), \
            f"{name}: background is not transparent"


def test_none_is_blank_or_filled(images):
    for name, (_, _, rgba) in images.items():
        opaque = sum(a >= 128 for a in rgba[3::4]) / (SIZE * SIZE)
        assert 0.08 < opaque < 0.75, \
            f"{name}: {opaque:.0%} of the pixels are opaque"


def test_dark_plus_at_most_one_accent(images):
    """Flat colours: the inside of every shape (pixels whose four neighbours
    are the same opaque colour; anti-aliased edges are blends and never
    look like that over any area) is the dark #1F2430 or one accent."""
    for name, (_, _, rgba) in images.items():
        px = [rgba[i:i + 4] for i in range(0, len(rgba), 4)]
        counts = {}
        for y in range(1, SIZE - 1):
            for x in range(1, SIZE - 1):
                c = px[y * SIZE + x]
                if c[3] == 255 and c == px[y * SIZE + x - 1] == \
                        px[y * SIZE + x + 1] == px[(y - 1) * SIZE + x] == \
                        px[(y + 1) * SIZE + x]:
                    counts[c[:3]] = counts.get(c[:3], 0) + 1
        total = sum(counts.values())
        main = {tuple(c) for c, n in counts.items() if n >= 0.005 * total}
        assert DARK in main, f"{name}: the dark colour is missing"
        assert len(main) <= 2, f"{name}: colours {sorted(main)}"


def test_difference_measure_bites(images):
    """The measure is 0 for a pictogram against itself (which the threshold
    then rejects) and clearly above 0 against a different one."""
    m = mask32(images["heart"][2])
    assert difference(m, m) == 0
    assert not difference(m, m) > MIN_DIFFERENCE
    assert difference(m, mask32(images["star"][2])) > 0


def test_every_pair_differs_clearly(images):
    masks = {name: mask32(rgba) for name, (_, _, rgba) in images.items()}
    diffs = sorted((difference(masks[a], masks[b]), a, b)
                   for a, b in itertools.combinations(sorted(masks), 2))
    closest = ", ".join(f"{a}/{b} {d:.1%}" for d, a, b in diffs[:5])
    too_close = [(a, b, f"{d:.1%}") for d, a, b in diffs
                 if not d > MIN_DIFFERENCE]
    assert not too_close, f"too similar at 32 px: {too_close}; " \
                          f"closest pairs: {closest}"


def test_committed_files_match_the_script(images, tmp_path):
    """Rendering again gives the committed pictures, so the PNGs are what
    tools/pictograms.py draws. On this machine (Mesa llvmpipe) the output is
    byte-identical; another OpenGL driver may round anti-aliased edges a
    little differently, so a few slightly different edge pixels are
    tolerated, while any change to a drawing fails."""
    spec = importlib.util.spec_from_file_location("pictograms_tool", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert set(REQUIRED) <= set(tool.NAMES)
    for name in REQUIRED:
        fresh = tool.render(name)
        committed = images[name][2]
        if fresh == committed:
            continue
        off = sum(1 for i in range(0, len(fresh), 4)
                  if max(abs(fresh[i + j] - committed[i + j])
                         for j in range(4)) > 8)
        assert off <= 0.002 * SIZE * SIZE, \
            f"{name}: {off} pixels differ from a fresh render; " \
            f"run python tools/pictograms.py and commit the PNGs"
    # the tool's PNG writer round-trips through the independent reader
    tool.write_png(tmp_path / "heart.png", SIZE, SIZE, fresh)
    assert read_png(tmp_path / "heart.png")[2] == fresh

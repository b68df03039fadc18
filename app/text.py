"""All text the app draws goes through here.

- :class:`Tekst`, a Label that wraps to its width and grows to its text (no
  clipping), sized in sp and scaled by the text-size setting
  (:data:`style` ``.scale``), in the font of its language or script.
- :class:`TekstKnop`, a button made of the same, at least 48 dp in both
  directions, growing with its text.
- :func:`font_for`, the font registry: language or script -> font file in
  ``app/fonts/``; Kivy's Roboto when nothing else fits. No screen names a
  font.
- :func:`display_text`, the one place where a logical string becomes the
  string drawn: right-to-left text is shaped and put in visual order here,
  line by line (see ``shared/notes/kivy-facts.md``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Callable

from kivy.clock import Clock
from kivy.core.text import DEFAULT_FONT, LabelBase
from kivy.event import EventDispatcher
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import (BooleanProperty, ColorProperty, NumericProperty,
                             ObjectProperty, OptionProperty, StringProperty)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.textinput import TextInput

from app import theme
from app.i18n import is_rtl, tr
from kaarten.resources import resource_dir

__all__ = ["FONTS_DIR", "style", "TextStyle", "Tekst", "TekstKnop", "TekstVeld", "font_for",
           "register_font", "script_of", "display_text", "TEXT_SCALES"]

FONTS_DIR = resource_dir("app", "fonts")

#: The text-size setting: name -> factor on every sp size.
TEXT_SCALES = {"normal": 1.0, "large": 1.5, "extra-large": 2.0}


class TextStyle(EventDispatcher):
    """App-wide text settings every :class:`Tekst` follows."""

    scale = NumericProperty(1.0)


#: The one text style; the app sets ``style.scale`` from its settings.
style = TextStyle()


# --- scripts and fonts ---------------------------------------------------------

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x1200, 0x139F, "Ethi"), (0x2D80, 0x2DDF, "Ethi"), (0xAB00, 0xAB2F, "Ethi"),
)
_LANGUAGE_SCRIPTS = {"ar": "Arab", "fa": "Arab", "ur": "Arab", "ps": "Arab",
                     "he": "Hebr", "ti": "Ethi", "am": "Ethi"}
_RTL_SCRIPTS = frozenset({"Arab", "Hebr"})


def script_of(text: str) -> str | None:
    """The first non-Latin script met in ``text`` that needs its own font."""
    for ch in text:
        o = ord(ch)
        if o < 0x0590:
            continue
        for lo, hi, script in _SCRIPT_RANGES:
            if lo <= o <= hi:
                return script
    return None


#: Font registry: a script code or language code -> registered font name.
#: Filled from ``app/fonts/`` at import (merged Noto fonts that cover Latin
#: too); call :func:`register_font` to add one.
_FONTS: dict[str, str] = {}

#: File names looked for in app/fonts/, per script, best first.
_FONT_CANDIDATES = {
    "Arab": ("NotoNaskhArabic-Merged.ttf", "NotoSansArabic-Merged.ttf",
             "NotoNaskhArabic.ttf", "NotoSansArabic.ttf"),
    "Ethi": ("NotoSansEthiopic-Merged.ttf", "NotoSansEthiopic.ttf"),
}


def register_font(key: str, regular: str | Path, bold: str | Path | None = None) -> str:
    """Use ``regular`` (and ``bold``) for a script (``'Arab'``) or language (``'ar'``)."""
    name = f"gk-{key}"
    LabelBase.register(name, str(regular), fn_bold=str(bold) if bold else None)
    _FONTS[key] = name
    return name


def _discover_fonts() -> None:
    if not FONTS_DIR.is_dir():
        return
    files = {p.name.lower(): p for p in FONTS_DIR.iterdir() if p.suffix.lower() in (".ttf", ".otf")}
    for script, names in _FONT_CANDIDATES.items():
        found = [files[n.lower()] for n in names if n.lower() in files]
        if not found:   # any file that names the script, e.g. "...Arabic...ttf"
            word = {"Arab": "arabic", "Ethi": "ethiopic"}[script]
            found = sorted((p for n, p in files.items() if word in n and "bold" not in n),
                           key=lambda p: ("merged" not in p.name.lower(), p.name))
        if found:
            regular = found[0]
            bold = FONTS_DIR / regular.name.replace("Regular", "Bold")
            register_font(script, regular, bold if bold.exists() and bold != regular else None)


_discover_fonts()

# Until the Noto fonts land in app/fonts/, Kivy's own DejaVu Sans (shipped
# inside Kivy, Latin + Arabic + Hebrew) keeps Arabic and Hebrew names readable.
for _script in ("Arab", "Hebr"):
    if _script not in _FONTS:
        from kivy import kivy_data_dir as _kivy_data
        _dejavu = Path(_kivy_data) / "fonts" / "DejaVuSans.ttf"
        if _dejavu.exists():
            register_font(_script, _dejavu)


def font_for(lang: str | None, text: str = "") -> str:
    """The font for ``text`` in language ``lang``.

    The text's own script wins (an Arabic name in a Dutch screen gets the
    Arabic font), then the language's script, then Kivy's default (Roboto).
    """
    base = (lang or "").split("-")[0].split("_")[0]
    if base in _FONTS:
        return _FONTS[base]
    script = script_of(text)
    if script is None and any(ch.isalpha() for ch in text):
        # Latin, Cyrillic or Greek letters (a language's own name in the
        # picker, a Dutch name in an Arabic screen): the default font has
        # them all, the script fonts only Latin
        return DEFAULT_FONT
    script = script or _LANGUAGE_SCRIPTS.get(base)
    return _FONTS.get(script, DEFAULT_FONT) if script else DEFAULT_FONT


# --- the one place for right-to-left -------------------------------------------

Measure = Callable[[str], float]


def _visual_line(line: str, rtl: bool) -> str:
    """One line of logical text in the order it must be drawn, letters joined.

    ``rtl`` is the paragraph's direction (from its language): an Arabic name
    inside a Dutch sentence stays where Dutch puts it.
    """
    import arabic_reshaper
    from bidi.algorithm import get_display

    reshaped = _RESHAPER(arabic_reshaper).reshape(line)
    return get_display(reshaped, base_dir="R" if rtl else "L")


_reshaper = None


def _RESHAPER(module):
    global _reshaper
    if _reshaper is None:
        _reshaper = module.ArabicReshaper(configuration={"delete_harakat": False,
                                                         "support_ligatures": True})
    return _reshaper


def _wrap(paragraph: str, width: float | None, measure: Measure | None, rtl: bool) -> list[str]:
    """Break a logical paragraph into lines no wider than ``width``."""
    if not width or measure is None:
        return [paragraph]
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and measure(_visual_line(candidate, rtl)) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def display_text(text: str, lang: str | None = None, width: float | None = None,
                 measure: Measure | None = None) -> str:
    """The string to draw for logical ``text``.

    Left-to-right text comes back unchanged. Text with right-to-left letters
    (Arabic, Hebrew) is broken into lines in logical order first (``width``
    and ``measure`` say how wide a line may be), then each line is shaped
    (joined letter forms, vowel marks kept) and put in visual order, so the
    lines stay top to bottom and numbers and Latin words keep their order.
    The paragraph direction follows ``lang`` (right to left for Arabic),
    or the text itself when no language is given.
    """
    if not text or script_of(text) not in _RTL_SCRIPTS:
        return text
    rtl = text_is_rtl(text, lang)
    out: list[str] = []
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, width, measure, rtl):
            out.append(_visual_line(line, rtl))
    return "\n".join(out)


def text_is_rtl(text: str, lang: str | None = None) -> bool:
    """The paragraph direction: the language's, else the text's first script."""
    if lang:
        return is_rtl(lang)
    script = script_of(text)
    return script in _RTL_SCRIPTS if script else False


def resolve_halign(align: str, lang: str | None, text: str = "") -> str:
    """'start' / 'end' -> 'left' / 'right' for the reading direction."""
    if align in ("center", "justify"):
        return align
    rtl = text_is_rtl(text, lang or tr.lang)
    if align == "end":
        return "left" if rtl else "right"
    return "right" if rtl else "left"


# --- widgets ---------------------------------------------------------------------


class Tekst(Label):
    """A label for every text in the app.

    ``size_sp`` is the size at the normal text setting; ``lang`` the language
    of the text (empty: the UI language), which picks font and direction;
    ``align`` is 'start', 'center' or 'end' (start = left in Dutch, right in
    Arabic). It wraps at its width and its height follows the text, so put it
    in a layout that gives it a width (``size_hint_x``) and let it choose its
    height.
    """

    size_sp = NumericProperty(theme.FONT_BODY)
    lang = StringProperty("")
    align = OptionProperty("start", options=("start", "center", "end", "justify"))
    pad_x = NumericProperty(0)
    pad_y = NumericProperty(0)
    #: the app-wide :data:`style` (a property so kv can watch its scale)
    text_style = ObjectProperty(style)
    #: rather than break a word that is wider than the line, make the text
    #: smaller (never below :data:`theme.FONT_SMALL` sp); for titles and buttons
    shrink_words = BooleanProperty(False)
    fit_factor = NumericProperty(1.0)

    def __init__(self, **kwargs):
        self._shrink = Clock.create_trigger(self._shrink_now, -1)
        super().__init__(**kwargs)
        for name in ("text", "width", "size_sp", "pad_x", "shrink_words", "font_name", "bold"):
            self.fbind(name, self._shrink)
        style.fbind("scale", self._shrink)
        self._shrink()

    def _shrink_now(self, *_):
        if not self.shrink_words or not self.text.strip() or self.width <= 1:
            self.fit_factor = 1.0
            return
        base = sp(self.size_sp) * style.scale
        lang = self.lang or tr.lang
        widest = max(self._measure(display_text(w, lang), base) for w in self.text.split())
        room = self.width - 2 * self.pad_x - dp(2)
        factor = 1.0 if widest <= room else room / widest
        self.fit_factor = max(factor, min(1.0, sp(theme.FONT_SMALL) / base))

    @staticmethod
    def pick_font(lang: str, text: str) -> str:
        return font_for(lang, text)

    @staticmethod
    def pick_halign(align: str, lang: str, text: str) -> str:
        return resolve_halign(align, lang, text)

    def texture_update(self, *largs):
        # The drawn string is made from the logical `text` here, and only here.
        lang = self.lang or tr.lang
        if self._label is not None and not self.markup:
            width = self.text_size[0] if self.text_size else None
            self._label.text = display_text(self.text, lang, width, self._measure)
        super().texture_update(*largs)

    def _measure(self, visual: str, font_size: float | None = None) -> float:
        from kivy.core.text import Label as CoreLabel
        size = font_size or self.font_size
        probe = CoreLabel(text=visual, font_name=self.font_name, font_size=size, bold=self.bold)
        return probe.get_extents(visual)[0]


class TekstKnop(ButtonBehavior, Tekst):
    """A button with text: kind 'primary' (the next step), 'secondary', 'warm',
    'danger', 'quiet' or 'surface'; or set ``bg`` and the text colour follows.
    At least :data:`theme.TOUCH` dp in both directions and ``min_height``
    high; it grows when the text wraps.
    """

    kind = OptionProperty("secondary", options=tuple(theme.BUTTONS))
    bg = ColorProperty(None, allownone=True)
    selected = BooleanProperty(False)
    min_height = NumericProperty(dp(theme.BUTTON))
    radius = NumericProperty(dp(theme.RADIUS))
    _bg = ColorProperty(theme.SECONDARY)
    _down = ColorProperty(theme.SECONDARY_DOWN)
    #: hug the text: as wide as the text on one line, but at most
    #: ``max_width`` (then the text wraps). Otherwise the layout sets the width.
    fit_width = BooleanProperty(False)
    max_width = NumericProperty(dp(100000))

    def __init__(self, **kwargs):
        self._fit = Clock.create_trigger(self._fit_now, -1)
        super().__init__(**kwargs)
        for name in ("text", "size_sp", "font_name", "bold", "max_width", "pad_x", "fit_width"):
            self.fbind(name, self._fit)
        style.fbind("scale", self._fit)
        self._fit()

    def on_parent(self, _instance, parent):
        old = getattr(self, "_width_parent", None)
        if old is not None:
            old.funbind("width", self._fit)
        self._width_parent = parent
        if parent is not None:
            parent.fbind("width", self._fit)
        self._fit()

    def natural_width(self) -> float:
        """How wide this button wants to be: its text on one line, at full
        size (before any shrinking to fit)."""
        text = display_text(self.text, self.lang or tr.lang) if self.text else ""
        base = sp(self.size_sp) * style.scale
        return (self._measure(text, base) if text else 0) + 2 * self.pad_x + dp(2)

    def _fit_now(self, *_):
        if not self.fit_width:
            return
        limit = self.max_width
        parent = self.parent
        if parent is not None and parent.width > dp(60):
            pad = getattr(parent, "padding", (0, 0, 0, 0))
            pad_x = (pad[0] + pad[2]) if len(pad) == 4 else (pad[0] * 2 if pad else 0)
            limit = min(limit, parent.width - pad_x)
        width = max(dp(theme.TOUCH), min(limit, self.natural_width()))
        self.size_hint_x = None
        self.width = width


class TekstVeld(TextInput):
    """A one-line text field in the app's type (size, font by script).

    Typing Arabic into a Kivy TextInput does not join letters yet (kivy#1570);
    the font at least follows the typed script, so the letters are readable.
    """

    size_sp = NumericProperty(theme.FONT_BODY + 4)
    lang = StringProperty("")
    text_style = ObjectProperty(style)

    @staticmethod
    def pick_font(lang: str, text: str) -> str:
        return font_for(lang, text)

    # -- the on-screen keyboard never covers the field ------------------------
    # Window.softinput_mode handles the system keyboard. Kivy's own docked
    # keyboard is placed from the field's *local* y (wrong inside a
    # ScrollView) and the view is not panned; so: dock the keyboard at the
    # bottom and, when the field would be under it, scroll the field up
    # (giving the column extra room at its end while typing).

    def on_focus(self, _instance, focused):
        if focused:
            Clock.schedule_once(self._keep_above_keyboard, 0)
        else:
            self._set_keyboard_room(0)

    def _docked_keyboard(self):
        from kivy.core.window import Window
        return next((w for w in Window.children if type(w).__name__ == "VKeyboard"
                     and getattr(w, "docked", False)), None)

    def _scroll_parent(self):
        from kivy.uix.scrollview import ScrollView
        p = self.parent
        while p is not None and p.parent is not p:
            if isinstance(p, ScrollView):
                return p
            p = p.parent
        return None

    def _set_keyboard_room(self, room: float) -> None:
        p = self.parent
        while p is not None and p.parent is not p:
            if hasattr(p, "keyboard_room"):
                p.keyboard_room = room
                return
            p = p.parent

    def _keep_above_keyboard(self, *_):
        keyboard = self._docked_keyboard()
        if keyboard is None or not self.focus:
            return
        keyboard.pos = (0, 0)
        top = keyboard.height * keyboard.scale + dp(8)
        below = top - self.to_window(self.x, self.y)[1]
        scroll = self._scroll_parent()
        if below <= 0 or scroll is None:
            return
        self._set_keyboard_room(top)
        Clock.schedule_once(lambda *_: self._scroll_up(scroll, top), 0)

    def _scroll_up(self, scroll, top: float) -> None:
        below = top - self.to_window(self.x, self.y)[1]
        content = scroll.children[0] if scroll.children else None
        if below <= 0 or content is None:
            return
        extra = content.height - scroll.height
        if extra > 0:
            scroll.scroll_y = max(0.0, scroll.scroll_y - below / extra)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

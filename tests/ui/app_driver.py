"""Drive the real app frame by frame, as a person would: tap buttons, type names.

Used by the UI tests in the test process (``Driver``) and as a small script in
a subprocess for the tests that need their own window or a kill:

    python tests/ui/app_driver.py half-game      # play half a game, print READY, keep running
    python tests/ui/app_driver.py resume         # start again, resume, print what is there
    python tests/ui/app_driver.py keyboard MODE  # docked keyboard: is the name field covered?

The data folder comes from ``GESPREKSKAARTEN_DATA``; Kivy runs offscreen.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import testing  # noqa: E402  (needs ROOT on the path when run as a script)


def configure(width: int = 1280, height: int = 800, keyboard_mode: str | None = None) -> None:
    """Set Kivy up before anything imports its window (a no-op after that)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_LOG_LEVEL", "warning")
    if "KIVY_HOME" not in os.environ:
        os.environ["KIVY_HOME"] = tempfile.mkdtemp(prefix="kivy-home-")
    if "kivy.core.window" in sys.modules:
        return
    from kivy.config import Config
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if keyboard_mode:
        Config.set("kivy", "keyboard_mode", keyboard_mode)


class Driver(testing.Driver):
    """The app driver of ``app.testing`` with the steps of a game."""

    # -- steps of a game, through the screen --

    def new_game(self, players: list[str], language: str | None = None) -> None:
        """From the start screen: set up ``players`` on the family deck (cards
        in ``language`` when given) and begin."""
        button = self.get("start", "new_game")
        self.tap(button)
        self.settle()
        assert self.app.root.current == "setup", (
            f"still on {self.app.root.current}: button at {self.window_rect(button)}, "
            f"window {__import__('kivy.core.window', fromlist=['Window']).Window.size}, "
            f"children {[type(c).__name__ for c in __import__('kivy.core.window', fromlist=['Window']).Window.children]}")
        setup = self.app.root.get_screen("setup")
        family = [t for t in setup.ids.decks.children if t.value == "wie-is-er-voor-jou"]
        if family:
            self.tap(family[0])
        if language:
            self.settle()
            self.tap(next(c for c in setup.ids.languages.children if c.lang_code == language))
        for i, name in enumerate(players):
            rows = list(reversed(setup.ids.players.children))
            if i >= len(rows):
                self.tap(setup.ids.add_player)
                rows = list(reversed(setup.ids.players.children))
            self.type_into(rows[i].ids.name, name)
            rows[i].ids.name.focus = False
        self.settle()
        self.tap(setup.ids.begin)
        self.settle()
        assert self.app.root.current == "table", self.app.root.current

    def open_naming(self):
        return self.open_naming_on(self.app.root.get_screen("table"))

    def open_naming_on(self, table):
        """Tap "Iemand noemen" on a table screen (the family's or the class's)."""
        self.tap(table.ids.name_button)
        self.settle()
        return table._panel

    def name_new(self, panel, name: str, sector: str, closeness: int) -> None:
        """Type a name, tap a sector, tap a circle: three taps after typing."""
        self.type_into(panel.ids.name, name)
        panel.ids.name.focus = False
        self.settle()
        self.tap(self.find_one(panel, "SectorButton", sector=sector))
        self.tap(self.find_one(panel, "CircleButton", closeness=closeness))

    def name_again(self, panel, typed: str, person_name: str) -> None:
        """Type a name and tap the chip of the person named before."""
        self.type_into(panel.ids.name, typed)
        panel.ids.name.focus = False
        self.settle()
        chips = list(reversed(panel.ids.chips.children))
        assert chips, "no chips of people named before"
        assert chips[0].text == person_name, f"first chip is {chips[0].text!r}"
        self.tap(chips[0])

    @staticmethod
    def top_modal():
        """The dialog or panel on top (the last ModalView on the window)."""
        from kivy.core.window import Window
        from kivy.uix.modalview import ModalView
        views = [w for w in Window.children if isinstance(w, ModalView)]
        assert views, "no dialog open"
        return views[0]

    def close_naming(self, panel) -> None:
        self.tap(panel.ids.done)
        self.settle()


def start_app(data_folder=None) -> Driver:
    from app.main import GesprekskaartenApp
    app = GesprekskaartenApp(data_folder=Path(data_folder) if data_folder else None)
    app._run_prepare()
    driver = Driver(app)
    driver.settle()
    return driver


def stop_app(driver: Driver) -> None:
    """Take the app off the window (the window stays for other tests)."""
    from kivy.app import App
    from kivy.core.window import Window
    for child in list(Window.children):
        Window.remove_widget(child)
    if driver.app.store is not None:
        driver.app.store.close()
    # kv's `app` is a proxy that keeps the first app it met until on_stop
    driver.app.dispatch("on_stop")
    App._running_app = None
    release_app(driver.app)


def release_app(app) -> None:
    """Let a stopped app and its widgets go, as the end of its process would.

    The virtual clock stops with the test, so an animation still running
    then (a ScrollView fading its bar) never ends, and Kivy keeps every
    running Animation, its widget and so the whole screen tree. A test
    process made some thirty apps, and every one stayed: still following
    the language and the text size, so by the last UI module a language
    switch relabelled them all (1 GB, tests a hundred times slower than
    alone). ``tests/ui/test_driver.py`` checks that a stopped app goes.
    """
    from kivy.animation import Animation
    from kivy.uix.textinput import TextInput
    # every animation still running (of this app's widgets: the next app is
    # not made yet), dialogs and panels off the window included
    for animation in list(Animation._instances):
        for entry in list(animation._widgets.values()):
            animation.cancel(entry["widget"])
    # Kivy's TextInput debounces its viewport through one class-wide
    # `@triggered` that keeps the arguments of the last call: the last text
    # field typed in, and through it its panel, its screen and every screen.
    testing.run_frames(2, draw=False)   # what is due on the next frame runs (and lets go)
    adjust = TextInput._adjust_viewport
    kept = dict(zip(adjust.__code__.co_freevars, adjust.__closure__ or ())).get("_args")
    if kept is not None:
        kept.cell_contents.clear()


def read_line(child, prefix: str, timeout: float) -> str | None:
    """The first line ``child`` prints that starts with ``prefix``, or None
    when none came within ``timeout`` seconds (whether the child printed
    other lines, nothing at all, or ended). Reads with ``select`` on the
    pipe against a deadline, so a child that hangs silently cannot hang the
    test; the caller kills the child."""
    import codecs
    import selectors
    import time

    deadline = time.monotonic() + timeout
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    pending = ""
    fd = child.stdout.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not selector.select(left):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:                       # the child closed its output
                return None
            pending += decode(chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                if line.startswith(prefix):
                    return line
    return None


def people_of(session) -> list[dict]:
    network = session.network
    out = []
    for p in network.people:
        out.append({"name": p.name, "sector": str(p.sector), "closeness": int(p.closeness),
                    "mentions": len(network.mentions_of(p.id))})
    return sorted(out, key=lambda d: d["name"])


# -- scenarios run in a subprocess -----------------------------------------------------


HALF_GAME = [("oma", "family", 1), ("buurman Piet", "neighbourhood", 2), ("juf Anna", "school-work", 2),
             ("سارة", "friends", 1)]


def scenario_half_game() -> None:
    driver = start_app()
    driver.new_game(["mama", "Sam"])
    panel = driver.open_naming()
    for name, sector, closeness in HALF_GAME[:2]:
        driver.name_new(panel, name, sector, closeness)
    driver.close_naming(panel)
    driver.tap(driver.get("table", "next_button"))
    driver.settle()
    panel = driver.open_naming()
    for name, sector, closeness in HALF_GAME[2:]:
        driver.name_new(panel, name, sector, closeness)
    driver.name_again(panel, "oma", "oma")
    session = driver.app.session
    print("READY " + json.dumps({"session": int(session.id), "people": people_of(session),
                                 "card": session.current_card,
                                 "player": session.current_player.name}), flush=True)
    signal.pause()       # the app stays open, mid-game, until it is killed


PRACTICE_NAMES = ("Zeynep Oefenaar", "Opa Praktikus", "مريم تمرين")


def scenario_practice() -> None:
    """A practice game with names, stopped and left; a second practice game
    that must start empty; then a bug in a Kivy callback whose message holds
    a name, which the app logs name-free and survives (see app/logs.py)."""
    from kivy.clock import Clock

    driver = start_app()
    app = driver.app
    driver.tap(app.root.get_screen("start").ids.practice_button)
    driver.settle()
    driver.new_game(["student"])
    panel = driver.open_naming()
    for name, sector in zip(PRACTICE_NAMES, ("friends", "family", "school-work")):
        driver.name_new(panel, name, sector, 2)
    driver.close_naming(panel)
    first = sorted(p.name for p in app.session.network.people)
    app.end_game()
    driver.settle()
    driver.tap(app.root.get_screen("summary").ids.done)
    driver.settle()
    driver.new_game(["docent"])
    panel = driver.open_naming()
    second = {"people": [p.name for p in app.session.network.people],
              "chips": [c.text for c in panel.ids.chips.children],
              "sessions_listed": len(app.sessions_store.sessions())}
    driver.close_naming(panel)
    print("RESULT " + json.dumps({"first_game": first, "second_game": second}), flush=True)

    def fail(*_):
        raise KeyError(PRACTICE_NAMES[0])

    Clock.schedule_once(fail, 0)
    driver.pump(5)
    print("STILL RUNNING", flush=True)


def scenario_resume() -> None:
    driver = start_app()
    start = driver.app.root.get_screen("start")
    result = {"screen": driver.app.root.current, "resume_id": start.resume_id,
              "resume_shown": start.ids.resume_block.parent is not None}
    if result["resume_shown"]:
        column = list(reversed(start.ids.column.children))
        buttons = [w for w in column if type(w).__name__ in ("ScriptButton", "BoxLayout")]
        result["resume_first"] = buttons[0] == start.ids.resume_block
        result["resume_tallest"] = start.ids.resume_button.height >= max(
            start.ids.new_game.height, start.ids.sessions_button.height)
        driver.tap(start.ids.resume_button)
        driver.settle()
        session = driver.app.session
        table = driver.app.root.get_screen("table")
        result.update(screen_after=driver.app.root.current, session=int(session.id),
                      people=people_of(session), card=session.current_card,
                      player=session.current_player.name,
                      named_on_card=sorted(c.text for c in table.ids.named.children))
    print("RESULT " + json.dumps(result), flush=True)


def scenario_keyboard(mode: str) -> None:
    from kivy.core.window import Window

    driver = start_app()
    result: dict = {"mode": mode, "softinput_mode": Window.softinput_mode}

    def measure(field) -> dict:
        """Where the field and the keyboard are on the screen while typing.

        The window pans its whole content (keyboard included) up by the
        modelview's y translation; positions on the screen are window
        positions plus that shift.
        """
        field.focus = True
        driver.settle()
        keyboards = [w for w in Window.children if type(w).__name__ == "VKeyboard"]
        shift = Window.render_context["modelview_mat"].get()[13]
        x, y, w, h = driver.window_rect(field)
        out = {"field": [x, y + shift, w, h], "window": list(Window.size), "shift": shift,
               "keyboard": None}
        if keyboards:
            kb = keyboards[0]
            out["keyboard"] = [kb.x, kb.y + shift, kb.width * kb.scale, kb.height * kb.scale]
        field.focus = False
        driver.settle()
        return out

    driver.new_game(["mama", "Sam", "Noor"])
    panel = driver.open_naming()
    result["naming"] = measure(panel.ids.name)
    driver.close_naming(panel)

    driver.app.go("setup")
    driver.settle()
    setup = driver.app.root.get_screen("setup")
    for name in ("papa", "Lina", "Yara", "Mo"):
        setup.add_player(name)
    driver.settle()
    last = list(reversed(setup.ids.players.children))[-1].ids.name
    setup.ids.scroll.scroll_y = 0  # the form scrolled to its end
    driver.settle()
    result["setup_last_player"] = measure(last)
    print("RESULT " + json.dumps(result), flush=True)


# -- accessibility audit: touch sizes and text contrast on the live screens -----------


def _read_frame(driver):
    """The pixels of the next drawn frame (RGBA bytes, bottom row first)."""
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    got = []
    driver.next_frame_drawn(lambda: got.append(
        (*Window.size, glReadPixels(0, 0, *Window.size, GL_RGBA, GL_UNSIGNED_BYTE))))
    return got[0]


def first_difference(a: bytes, b: bytes, width: int) -> tuple[int, int] | None:
    """Where two RGBA frames (or regions) ``width`` pixels wide first differ,
    as (x, y) from the bottom left; None when they are the same. For
    asserts: pytest's own diff of two frames of megabytes takes minutes."""
    if a == b:
        return None
    if len(a) != len(b):
        return (-1, -1)
    index = next(i for i in range(0, len(a), 4) if a[i:i + 4] != b[i:i + 4]) // 4
    return index % width, index // width


def _visible(widget) -> bool:
    w = widget
    while w is not None and w.parent is not w:
        if getattr(w, "opacity", 1) <= 0:
            return False
        w = w.parent
    return widget.width > 1 and widget.height > 1


def _clip(widget, rect):
    """``rect`` cut to the window and to every ScrollView around the widget."""
    from kivy.core.window import Window
    from kivy.uix.scrollview import ScrollView
    x0, y0, x1, y1 = rect[0], rect[1], rect[0] + rect[2], rect[1] + rect[3]
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, Window.width), min(y1, Window.height)
    p = widget.parent
    while p is not None and p.parent is not p:
        if isinstance(p, ScrollView):
            sx, sy = p.to_window(p.x, p.y)
            x0, y0 = max(x0, sx), max(y0, sy)
            x1, y1 = min(x1, sx + p.width), min(y1, sy + p.height)
        p = p.parent
    return (x0, y0, x1, y1) if x1 - x0 >= 2 and y1 - y0 >= 2 else None


AUDITED = {"labels": 0, "touchables": 0}


def audit(driver, root, where: str) -> list[dict]:
    """Touch targets under 48 dp and text under its WCAG contrast, under ``root``."""
    from collections import Counter

    from kivy.metrics import dp
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.label import Label
    from kivy.uix.textinput import TextInput

    from app import theme

    problems = []
    width, height, pixels = _read_frame(driver)
    for w in root.walk(restrict=True):
        if not _visible(w):
            continue
        name = f"{where}: {type(w).__name__} {getattr(w, 'text', '')[:40]!r}"
        if isinstance(w, (ButtonBehavior, TextInput)) and not getattr(w, "audit_skip", False):
            AUDITED["touchables"] += 1
            if w.width < dp(theme.TOUCH) - 0.5 or w.height < dp(theme.TOUCH) - 0.5:
                problems.append({"what": "touch", "widget": name,
                                 "size_dp": [round(w.width / dp(1)), round(w.height / dp(1))]})
        if isinstance(w, Label) and w.text.strip() and w.texture is not None:
            tw, th = w.texture_size
            if tw > w.width + 1 or th > w.height + 1:
                problems.append({"what": "clipped", "widget": name, "texture": [tw, th],
                                 "box": [round(w.width), round(w.height)]})
            if w.text_size and w.text_size[0] and hasattr(w, "_measure") and not w.markup:
                from app.scripts import display_text
                lang = w.lang or ""
                widest = max(w._measure(display_text(word, lang)) for word in w.text.split())
                if widest > w.text_size[0] + 1:
                    problems.append({"what": "word broken", "widget": name,
                                     "word_px": round(widest), "line_px": round(w.text_size[0])})
            cx, cy = w.to_window(w.center_x, w.center_y)
            box = _clip(w, (cx - tw / 2, cy - th / 2, tw, th))
            if box is None:
                continue
            x0, y0, x1, y1 = (int(v) for v in box)
            AUDITED["labels"] += 1
            colours = Counter()
            stepx = max(1, (x1 - x0) // 60)
            stepy = max(1, (y1 - y0) // 30)
            for y in range(y0, y1, stepy):
                row = y * width * 4
                for x in range(x0, x1, stepx):
                    i = row + x * 4
                    colours[pixels[i:i + 3]] += 1
            background = tuple(c / 255 for c in colours.most_common(1)[0][0])
            fg = tuple(w.disabled_color if w.disabled else w.color)
            a = fg[3] if len(fg) > 3 else 1
            fg = tuple(fg[i] * a + background[i] * (1 - a) for i in range(3))
            ratio = theme.contrast(fg, background)
            size = w.font_size / dp(1)
            large = size >= 24 or (w.bold and size >= 18.66)
            need = 3.0 if large else 4.5
            if ratio < need:
                problems.append({"what": "contrast", "widget": name, "ratio": round(ratio, 2),
                                 "need": need, "text": [round(c, 3) for c in fg],
                                 "background": [round(c, 3) for c in background]})
    return problems


def scenario_audit(sizes: list[tuple[int, int]]) -> None:
    from kivy.core.window import Window

    from app.main import SCREENS
    from app.screenshots import CLASS_GAME_SCREENS, sample_class_game, sample_game

    driver = start_app()
    app = driver.app
    if os.environ.get("GESPREKSKAARTEN_TEXT_SIZE"):
        app.set_text_size(os.environ["GESPREKSKAARTEN_TEXT_SIZE"])
    sample_game(app)
    playing = app.session.id     # other screens leave it: come back to it
    problems: list[dict] = []
    for w, h in sizes:
        Window.size = (w, h)
        driver.settle()
        for name in SCREENS:
            if name in CLASS_GAME_SCREENS:           # a class game of its own
                if app.class_game is None:
                    sample_class_game(app)
                app.go(name)
            elif name in app.SESSION_SCREENS:
                app.resume_session(playing)
            if name == "summary":
                app.show_summary()
            elif name not in CLASS_GAME_SCREENS:
                app.go(name)
            driver.settle()
            screen = app.root.get_screen(name)
            problems += audit(driver, screen, f"{name} {w}x{h}")
            if name == "table":
                panel = screen.name_someone()
                driver.settle()
                problems += audit(driver, panel, f"naming {w}x{h}")
                panel.dismiss()
                driver.settle()
                question = screen.ask_stop()
                driver.settle()
                problems += audit(driver, question, f"stop question {w}x{h}")
                question.dismiss()
                driver.settle()
    print("RESULT " + json.dumps({"problems": problems, **AUDITED}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "audit":
        configure(1280, 1280)      # the offscreen surface must fit every size
    else:
        configure(keyboard_mode=sys.argv[2] if what == "keyboard" else None)
    if what == "half-game":
        scenario_half_game()
    elif what == "resume":
        scenario_resume()
    elif what == "practice":
        scenario_practice()
    elif what == "keyboard":
        scenario_keyboard(sys.argv[2])
    elif what == "audit":
        scenario_audit([(1280, 800), (800, 1280)])
    else:
        raise SystemExit(f"unknown scenario {what}")

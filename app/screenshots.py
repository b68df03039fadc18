"""Render every screen to PNG, without a display: ``python main.py screenshots OUTDIR``.

The app runs in this process on SDL's offscreen driver, with a throw-away
data folder and a sample game in progress (three players, people named in
several sectors and circles, one of them with an Arabic name, one named
twice, and one earlier finished game), so no screen is empty. Every screen is
saved at 1280x800 and 800x1280 (tablet, landscape and portrait) and 1920x1080
(desktop): ``<screen>-<width>x<height>.png``; the naming panel and the stop
question on the table are saved as ``table-naming-...`` and ``table-stop-...``.

Set ``KIVY_METRICS_DENSITY=2`` or ``text_size='extra-large'`` (or the
environment variable ``GESPREKSKAARTEN_TEXT_SIZE``) to check the layout with
big text.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZES = ((1280, 800), (800, 1280), (1920, 1080))

#: the sample family
PLAYERS = (("mama", "#1E5E5A"), ("Sam", "#B3412E"), ("Noor", "#F2B53D"))


def _prepare_environment(data: Path) -> None:
    """Kivy reads its environment once, at import: set it up first."""
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_LOG_LEVEL", "warning")
    if "KIVY_HOME" not in os.environ:
        home = data / "kivy-home"
        home.mkdir(parents=True, exist_ok=True)
        os.environ["KIVY_HOME"] = str(home)
    # never touch the real sessions: the sample game lives in a scratch folder
    os.environ["GESPREKSKAARTEN_DATA"] = str(data / "data")
    if "kivy.core.window" not in sys.modules:
        from kivy.config import Config
        # SDL's offscreen driver keeps the drawing surface of the first
        # window size: start as wide and as high as the largest size, then
        # shrink to each size (growing later draws garbage outside).
        Config.set("graphics", "width", str(max(w for w, _ in SIZES)))
        Config.set("graphics", "height", str(max(h for _, h in SIZES)))
        Config.set("graphics", "resizable", "1")
        Config.set("kivy", "keyboard_mode", "system")
        Config.set("input", "mouse", "mouse,disable_multitouch")


def save_png(driver, path: Path) -> Path:
    """Save the next drawn frame to ``path``."""
    from kivy.core.window import Window
    written: list[str] = []
    driver.next_frame_drawn(lambda: written.append(Window.screenshot(name=str(path))))
    if Path(written[0]) != path:
        os.replace(written[0], path)
    return path


def sample_game(app, language: str = "nl") -> None:
    """One finished earlier game and one game in progress (cards in
    ``language``), with people named."""
    decks = app.decks.decks
    family = next((d for d in decks if d.audience == "family"), decks[0])
    if language not in family.languages:
        language = family.language

    # an earlier, finished game (for the sessions screen)
    app.start_game(family.id, "nl", [("papa", "#2F5DA8"), ("Lina", "#7B4DA3")])
    s = app.session
    s.record_person("opa Henk", "family", 1)
    s.record_person("trainer Kees", "club-faith-leisure", 2)
    s.end()

    app.start_game(family.id, language, list(PLAYERS))
    s = app.session
    oma = s.record_person("oma", "family", 1)
    s.record_person("buurvrouw Els", "neighbourhood", 2)
    s.next_turn()
    s.record_person("سارة", "friends", 1)
    s.record_person("juf Anna", "school-work", 2)
    s.name_again(oma.id)
    s.next_turn()
    s.record_person("coach Mo", "club-faith-leisure", 3)
    s.record_person("wijkcoach Fatima", "professionals", 3)
    s.pass_card()
    # a start of the wie-plan (the plan screen): words, and a picture instead of words
    s.add_plan_line(oma.id, "woensdag de kinderen ophalen", asker=s.players[0].id)
    s.add_plan_line(s.network.people[1].id, theme="practical", asker=s.players[1].id)


#: the seats of the sample class
CLASS_SEATS = ("Ada", "Bo", "Cas", "Dewi")
#: the screens of class mode that show a class game
CLASS_GAME_SCREENS = ("classcase", "classroles", "classtable", "projector", "debrief")


def sample_class_game(app, seats=CLASS_SEATS, timer_minutes=3) -> None:
    """A class game on the family deck with the first case family, the timer on."""
    from app.theme import player_colour
    from kaarten.classroom import CLASS_DECK, case_families
    case = case_families(app.decks.get(CLASS_DECK))[0].id
    app.start_class_game("wie-is-er-voor-jou", "nl", [(n, player_colour(i)) for i, n in enumerate(seats)],
                         case_card=case, timer_minutes=timer_minutes)
    game = app.class_game
    game.seen("case")
    game.seen("roles")
    game.record_person("buurvrouw", "neighbourhood", 1)
    game.record_person("nicht", "family", 2)
    game.tally("wie")
    game.tally("wat")


def _start_app(text_size: str | None):
    """The app on the window, driven frame by frame by ``app.testing.Driver``."""
    scratch = Path(tempfile.mkdtemp(prefix="gesprekskaarten-shots-"))
    _prepare_environment(scratch)
    from app.main import GesprekskaartenApp
    from app.testing import Driver

    app = GesprekskaartenApp()
    app._run_prepare()
    text_size = text_size or os.environ.get("GESPREKSKAARTEN_TEXT_SIZE") or "normal"
    if text_size != "normal":
        app.set_text_size(text_size)
    return Driver(app)


def _output(outdir) -> Path:
    """The folder the PNGs go to (made when missing)."""
    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    return out


def _each_size(driver, languages, sizes):
    """Every language in turn (the app speaks it), and in it every window
    size, settled: yields (language, (width, height), the files' suffix,
    "" for Dutch and "-<lang>" otherwise)."""
    from kivy.core.window import Window
    for lang in languages:
        driver.app.set_ui_language(lang)
        for w, h in sizes:
            Window.size = (w, h)
            driver.settle()
            yield lang, (w, h), "" if lang == "nl" else f"-{lang}"


def render_all(outdir, text_size: str | None = None, languages=("nl",)) -> list[Path]:
    """Render every screen at every size into ``outdir``; returns the files.

    For each language in ``languages`` the app speaks that language and the
    sample game's cards are in it (with the Dutch question below, as a worker
    sees it); files of languages other than Dutch end in ``-<lang>.png``.
    """
    out, driver = _output(outdir), _start_app(text_size)
    app = driver.app

    from app.main import SCREENS

    files: list[Path] = []
    sampled = None
    for lang, (w, h), suffix in _each_size(driver, languages, SIZES):
        if lang != sampled:     # every language its own sample game
            sampled = lang
            sample_game(app, lang)
            playing = app.session.id     # other screens leave it: come back to it
            table = app.root.get_screen("table")
        for name in SCREENS:
            if name in CLASS_GAME_SCREENS:
                if app.class_game is None:
                    sample_class_game(app)
                app.go(name)
                driver.settle()
                files.append(save_png(driver, out / f"{name}-{w}x{h}{suffix}.png"))
                continue
            if name in app.SESSION_SCREENS:
                app.resume_session(playing)
            if name == "summary":
                app.show_summary()
            elif name == "setup":
                setup = app.root.get_screen("setup")
                app.go("setup")
                driver.settle()
                setup.reset()
                for who, _ in PLAYERS:
                    setup.quick_role(who)
            else:
                app.go(name)
            driver.settle()
            files.append(save_png(driver, out / f"{name}-{w}x{h}{suffix}.png"))
            if name == "summary":   # "Bewaren of printen": where the files went
                question = app.save_exports()
                driver.settle()
                files.append(save_png(driver, out / f"summary-saved-{w}x{h}{suffix}.png"))
                question.dismiss()
                driver.settle()
            if name == "settings":  # the lower half: saving and printing, erasing
                scroll = app.root.get_screen("settings").ids.scroll
                scroll.scroll_y = 0
                driver.settle()
                files.append(save_png(driver, out / f"settings-end-{w}x{h}{suffix}.png"))
                scroll.scroll_y = 1
            if name == "table":
                panel = table.name_someone()
                driver.settle()
                panel.ids.name.text = "oma"
                panel.ids.name.focus = False
                driver.settle()
                files.append(save_png(driver, out / f"table-naming-{w}x{h}{suffix}.png"))
                panel.dismiss()
                driver.settle()
                question = table.ask_stop()
                driver.settle()
                files.append(save_png(driver, out / f"table-stop-{w}x{h}{suffix}.png"))
                question.dismiss()
                driver.settle()
    app.set_ui_language("nl")
    return files


def render_cards(outdir, deck_id: str, language: str = "nl", count: int = 5,
                 size: tuple[int, int] = (1280, 800), text_size: str | None = None,
                 card_ids: list[str] | None = None) -> list[Path]:
    """The first ``count`` cards of a game with ``deck_id`` in ``language`` on
    the table screen (the worker's Dutch below when ``language`` is not
    Dutch): ``cards-<deck>-<lang>-<n>.png``; with ``card_ids``, those cards
    instead (``cards-<deck>-<lang>-<id>.png``), to look at chosen ones."""
    out, driver = _output(outdir), _start_app(text_size)
    app = driver.app
    from kivy.core.window import Window

    Window.size = size
    app.start_game(deck_id, language, list(PLAYERS))
    table = app.root.get_screen("table")
    files = []
    if card_ids:
        for card_id in card_ids:
            driver.settle()
            table._show_card(card_id)  # the card view as the table shows a dealt card
            driver.settle()
            files.append(save_png(driver, out / f"cards-{deck_id}-{language}-{card_id}.png"))
        return files
    for n in range(1, count + 1):
        driver.settle()
        files.append(save_png(driver, out / f"cards-{deck_id}-{language}-{n}.png"))
        table.next_turn()
    return files


def render_class(outdir, languages=("nl",)) -> list[Path]:
    """A class game with a case family, on every class screen: the case card,
    the role screen, the class table with the timer on, the projector view and
    the debrief, at 1920x1080 and 1280x800: ``class-<screen>-<w>x<h>.png``."""
    out, driver = _output(outdir), _start_app(None)
    app = driver.app
    from kivy.core.window import Window

    from app.theme import player_colour
    from kaarten.classroom import CLASS_DECK, case_families

    files: list[Path] = []
    case = case_families(app.decks.get(CLASS_DECK))[0].id
    seats = [(name, player_colour(i)) for i, name in enumerate(CLASS_SEATS)]
    for _lang, (w, h), suffix in _each_size(driver, languages, ((1920, 1080), (1280, 800), (800, 1280))):
        app.go("start")
        driver.settle()
        files.append(save_png(driver, out / f"class-start-{w}x{h}{suffix}.png"))
        app.go("classsetup")
        driver.settle()
        setup = app.root.get_screen("classsetup")
        setup.choose_deck("wie-is-er-voor-jou")
        driver.settle()
        files.append(save_png(driver, out / f"class-setup-{w}x{h}{suffix}.png"))
        app.start_class_game("wie-is-er-voor-jou", "nl", seats, case_card=case, timer_minutes=3)
        driver.settle()
        files.append(save_png(driver, out / f"class-case-{w}x{h}{suffix}.png"))
        app.root.get_screen("classcase").go_on()
        driver.settle()
        files.append(save_png(driver, out / f"class-roles-{w}x{h}{suffix}.png"))
        app.root.get_screen("classroles").go_on()
        driver.settle()
        game = app.class_game
        game.record_person("buurvrouw", "neighbourhood", 1)     # the parent answers the worker's card
        game.record_person("nicht", "family", 2)
        game.tally("wie")
        game.tally("wie")
        game.tally("wat")
        driver.pump(seconds=70)        # the ring fills slowly (virtual seconds)
        table = app.root.get_screen("classtable")
        table.refresh()
        driver.settle()
        files.append(save_png(driver, out / f"class-table-{w}x{h}{suffix}.png"))
        table.toggle_timer()
        driver.settle()
        files.append(save_png(driver, out / f"class-timer-paused-{w}x{h}{suffix}.png"))
        app.go("projector")
        driver.settle()
        files.append(save_png(driver, out / f"class-projector-{w}x{h}{suffix}.png"))
        app.go("classtable")
        driver.settle()
        for _ in range(game.seats):
            table.next_turn()
            driver.settle()
        files.append(save_png(driver, out / f"class-roles-round2-{w}x{h}{suffix}.png"))
        app.root.get_screen("classroles").go_on()
        driver.settle()
        game.record_person("trainer", "club-faith-leisure", 2)
        game.tally("wat")
        game.end()
        app.go("debrief")
        driver.settle()
        files.append(save_png(driver, out / f"class-debrief-{w}x{h}{suffix}.png"))
        app.go("start")
        driver.settle()
    # a class-deck card on the projector (the rewrite cards are long)
    Window.size = (1920, 1080)
    app.set_ui_language("nl")
    seats = [(name, player_colour(i)) for i, name in enumerate(CLASS_SEATS[:3])]
    app.start_class_game(CLASS_DECK, "nl", seats)
    driver.settle()
    app.root.get_screen("classroles").go_on()
    driver.settle()
    for n in range(1, 4):
        app.go("projector")
        driver.settle()
        files.append(save_png(driver, out / f"class-projector-klas-{n}-1920x1080.png"))
        app.go("classtable")
        driver.settle()
        app.class_game.next_turn()
    app.go("start")
    driver.settle()
    return files


if __name__ == "__main__":  # pragma: no cover
    for f in render_all(sys.argv[1] if len(sys.argv) > 1 else "screenshots"):
        print(f)

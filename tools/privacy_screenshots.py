"""Screenshots of the privacy screens (issue 16), to look at:

    .venv/bin/python tools/privacy_screenshots.py OUTDIR [nl,ar,ti]

The lock (and its calm wait), the names cover over the table and the
summary, the map and the table with initials, the start screen the day
before a session is deleted, the first turn's line on what is kept, and
the settings' privacy part; at 1280x800 and 800x1280. A throw-away data
folder, the sample game of ``app.screenshots``.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import screenshots  # noqa: E402

SIZES = ((1280, 800), (800, 1280))


def main(outdir: str, languages: list[str]) -> None:
    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    driver = screenshots._start_app(None)
    app = driver.app
    from kivy.core.window import Window

    def shot(name: str) -> None:
        driver.settle()
        print(screenshots.save_png(driver, out / f"{name}.png"))

    for lang in languages:
        app.set_ui_language(lang)
        screenshots.sample_game(app, lang)
        playing = app.session.id
        for w, h in SIZES:
            Window.size = (w, h)
            driver.settle()
            tag = f"{w}x{h}-{lang}"
            # the lock, over the table of a game in progress
            app.resume_session(playing)
            app.pin.set("1234")
            app.pin_changed()
            app.lock()
            shot(f"lock-{tag}")
            for _ in range(3):
                app._lock_view.try_pin("0000")
            shot(f"lock-wait-{tag}")
            app.pin.clear()
            app.pin_changed()
            app._unlock_cancelled()
            # the names cover over the table and the summary
            app.resume_session(playing)
            driver.settle()
            shot(f"table-{tag}")
            app.hide_names()
            shot(f"cover-table-{tag}")
            app.names_hidden = False
            app.show_summary()
            app.hide_names()
            shot(f"cover-summary-{tag}")
            app.names_hidden = False
            # initials on the summary and at the table
            app.set_pseudonyms(True)
            shot(f"pseudonyms-summary-{tag}")
            app.resume_session(playing)
            app.set_pseudonyms(True)
            shot(f"pseudonyms-table-{tag}")
            app.set_pseudonyms(False)
            # the start screen the day before the sessions are deleted
            real = app.clock
            last_day = dt.date.today() + dt.timedelta(days=app.prefs.retention_days)
            moment = dt.datetime.combine(last_day, dt.time(12)).astimezone().timestamp()
            app.clock = lambda moment=moment: moment
            app.go("start")
            shot(f"retention-start-{tag}")
            app.clock = real
            app.go("settings")
            settings = app.root.get_screen("settings")
            driver.settle()
            settings.ids.scroll.scroll_to(settings.ids.pin_status, padding=20, animate=False)
            shot(f"settings-privacy-{tag}")
        deck = app.decks.decks[0].id
        app.start_game(deck, lang, list(screenshots.PLAYERS))
        for w, h in SIZES:
            Window.size = (w, h)
            shot(f"kept-line-{w}x{h}-{lang}")
        app.go("start")
        driver.settle()
    app.set_ui_language("nl")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "privacy-shots",
         (sys.argv[2] if len(sys.argv) > 2 else "nl,ar,ti").split(","))

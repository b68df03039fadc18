"""Child process for the start-up and memory figures (started by bench/startup.py).

    python bench/first_frame.py app|bare [game]

``app`` starts the real app (:func:`app.main.run_app`), ``bare`` a bare Kivy
app showing one Label; both in the environment the parent sets (offscreen,
``KIVY_NO_ARGS``, a temporary ``KIVY_HOME`` and ``GESPREKSKAARTEN_DATA``). On
the first ``Window.on_flip`` the process prints ``first-frame <time.monotonic()>``
(the same clock as the parent's: CLOCK_MONOTONIC is system-wide) and exits at
once, or with ``game`` (app only) plays a whole game through
:class:`kaarten.session.Session`, one turn a frame, shows its map and exits a
few frames later. The parent reads the peak memory from ``os.wait4``.

Every frame is finished (``glFinish`` after each flip), for the app and the
bare app alike, as a screen's buffer swap does: SDL's offscreen driver
never presents a frame, so Mesa's llvmpipe kept queuing the work of every
frame drawn and its memory grew with each redraw (200 rounded rectangles
redrawn 420 times: 160 -> 611 MiB; finished frames: 151 MiB flat). That
measured the missing screen, not the app (see bench/README.md).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

PLAYERS = (("mama", "#1E5E5A"), ("Sam", "#B3412E"), ("Noor", "#F2B53D"))


def _done() -> None:
    sys.stdout.flush()
    os._exit(0)   # the same for both: no teardown counted or waited for


def _play(frames_left: list[int]) -> None:
    """A whole game: every card of the family deck, two or three names a card
    (one named again), one turn a frame; then the summary map."""
    from kivy.app import App
    from kivy.clock import Clock

    from kaarten.network import Sector

    app = App.get_running_app()
    family = next((d for d in app.decks.decks if d.audience == "family"), app.decks.decks[0])
    app.start_game(family.id, "nl", list(PLAYERS))
    sectors = list(Sector)
    count = [0]

    def turn(_dt):
        s = app.session
        i = count[0]
        first = s.record_person(f"persoon {i}", sectors[i % 6], 1 + i % 3)
        s.record_person(f"buur {i}", sectors[(i + 2) % 6], 1 + (i + 1) % 3)
        if i % 3 == 0:
            s.name_again(first.id)
        count[0] += 1
        if s.next_turn() is None:
            app.show_summary()
            Clock.schedule_once(lambda _dt: wait_frames(), 0)
        else:
            Clock.schedule_once(turn, 0)

    def wait_frames():
        frames_left[0] -= 1
        if frames_left[0] <= 0:
            print(f"game-over {count[0]} cards {len(app.session.network.people)} people", flush=True)
            _done()
        Clock.schedule_once(lambda _dt: wait_frames(), 0)

    Clock.schedule_once(turn, 0)


def main() -> None:
    which = sys.argv[1]
    game = sys.argv[2:] == ["game"]
    if which == "app":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from app import main as app_main
        run = app_main.run_app
    else:
        from kivy.app import App
        from kivy.uix.label import Label

        class Bare(App):
            def build(self):
                return Label(text="Wie is er voor jou?")

        run = Bare().run
    from kivy.core.window import Window
    from kivy.graphics.opengl import glFinish

    Window.bind(on_flip=lambda *_: glFinish())   # as a screen's buffer swap would: see the module's doc

    def first_flip(*_args):
        Window.unbind(on_flip=first_flip)
        print(f"first-frame {time.monotonic():.6f}", flush=True)
        if game:
            from kivy.clock import Clock
            Clock.schedule_once(lambda _dt: _play([10]), 0)
        else:
            _done()

    Window.bind(on_flip=first_flip)
    run()
    _done()


if __name__ == "__main__":
    main()

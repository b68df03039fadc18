"""Drive the app frame by frame on a virtual clock: the hands of the UI tests
and of ``screenshots``.

A busy machine draws fewer frames per second, so anything that waits in
seconds (a screen transition, the card's 0.35 s deal animation, ScrollView's
250 ms scroll timeout and 0.2 s deferred touch-up) ends after a different
number of frames on every run. Here time is counted in frames instead:

- :func:`install_virtual_clock` makes Kivy's Clock read a counter that each
  frame advances by one :data:`FRAME` (1/60 s), and never sleep; touches and
  buttons measure their hold times on the same counter.
- :meth:`Driver.settle` runs frames until nothing is left to happen (no
  screen transition, no running animation, no clock event due soon, no widget
  moved for two frames) and fails loudly, naming what is still busy, when
  that takes more than a budget of frames.
- :meth:`Driver.tap` and :meth:`Driver.drag` hold and move for a fixed number
  of frames, so their outcome never depends on how fast the machine is.
"""

from __future__ import annotations

import math

#: One frame of virtual time: 1/60 s rounded up to a multiple of 2**-30, so
#: every virtual time and every difference between two of them is an exact
#: binary fraction. With the plain float 1/60, 21 frame steps add up to just
#: under 0.35 s on about half of the starting frames, and a 0.35 s animation
#: would take one frame more or less depending on when it started.
FRAME = math.ceil(2 ** 30 / 60) / 2 ** 30

#: Clock events due later than this (in virtual seconds) do not keep
#: :meth:`Driver.settle` waiting: a long timeout is not part of settling
#: (ScrollView's and the app's own timeouts are all well under a second).
QUIET_HORIZON = 2.0

#: What :meth:`Driver.settle` does not wait for: ScrollView fading its scroll
#: bar to the inactive colour, half a second after any scroll or resize and
#: for another half second. Only a colour changes, on the virtual clock, so
#: it ends the same way on every machine; waiting for it would add a second
#: of frames to every settle near a list.
_COSMETIC_EVENTS = ("_bind_inactive_bar_color",)
_COSMETIC_PROPERTIES = {"_bar_color"}

#: Frames :meth:`Driver.settle` may run before it gives up: 10 virtual seconds.
SETTLE_BUDGET = 600

#: Frames a tap is held: 0.1 s, longer than a button's pressed look
#: (``min_state_time``) and shorter than ScrollView's 250 ms scroll timeout,
#: so a tap inside a scrolling list is a tap, not the start of a scroll.
TAP_FRAMES = 6

#: Kivy modules that take wall-clock ``time()`` for touches: when a touch
#: began and moved (``MotionEvent``), how long a button was held, how fast a
#: scroll was flung. They read the virtual clock too, or a touch held for six
#: frames could look like one held for a second on a busy machine.
_WALL_CLOCK_READERS = ("kivy.input.motionevent", "kivy.uix.behaviors.button",
                       "kivy.effects.kinetic", "kivy.effects.scroll")


class VirtualClock:
    """The time Kivy sees: a frame counter times :data:`FRAME`."""

    def __init__(self, clock):
        self._clock = clock
        # start at (not before) the time Kivy has already seen, so events
        # scheduled before the switch still come due
        self.frames = math.ceil(clock._last_tick / FRAME)

    def now(self) -> float:
        return self.frames * FRAME

    def idle(self) -> float:
        """Stands in for ``ClockBaseBehavior.idle``: instead of sleeping
        until the next frame is due, the next frame is simply there."""
        self.frames += 1
        now = self.now()
        self._clock._dt = now - self._clock._last_tick
        self._clock._last_tick = now
        return now


_virtual_clock: VirtualClock | None = None


def install_virtual_clock() -> VirtualClock:
    """Put Kivy's Clock (and the touch code that reads wall-clock time) on
    the virtual clock, once per process; returns it."""
    global _virtual_clock
    if _virtual_clock is None:
        import importlib

        from kivy.clock import Clock
        clock = VirtualClock(Clock)
        Clock.time = clock.now          # an instance attribute hides the staticmethod
        Clock.idle = clock.idle         # ClockBaseBehavior.tick() calls self.idle()
        for name in _WALL_CLOCK_READERS:
            importlib.import_module(name).time = clock.now
        _virtual_clock = clock
    return _virtual_clock


def run_frames(count: int = 1, draw: bool = True) -> None:
    """Run ``count`` frames on the virtual clock, without sleeping: clock
    events, input, layout and, when ``draw``, drawing, as the app's own loop
    (``EventLoop.idle``) does.

    Drawing is most of a frame's cost on a machine without a GPU and changes
    nothing the app knows, so :meth:`Driver.settle` leaves it out of the
    frames it waits through and draws once when the app is quiet.
    """
    from kivy.base import EventLoop
    from kivy.clock import Clock
    from kivy.lang import Builder
    install_virtual_clock()
    for _ in range(count):
        if draw:
            EventLoop.idle()
            _finish()
        else:   # EventLoop.idle of Kivy 2.3 without its last step, the drawing
            Clock.tick()
            EventLoop.dispatch_input()
            Builder.sync()
            Clock.tick_draw()
            Builder.sync()


def draw() -> None:
    """Draw the window as it is now, if anything changed since it was last drawn."""
    from kivy.core.window import Window
    if Window.canvas.needs_redraw:
        Window.dispatch("on_draw")
        Window.dispatch("on_flip")
        _finish()


def _finish() -> None:
    """Let the renderer finish the frame, as a screen's buffer swap does.
    SDL's offscreen driver never presents a frame, so Mesa's software
    renderer kept queuing the work of every frame drawn: a whole test run
    grew to 1.4-1.7 GB and slowed down with it (bench/README.md)."""
    from kivy.graphics.opengl import glFinish
    glFinish()


class Driver:
    """The running app and a person's hands, frame by frame."""

    def __init__(self, app):
        self.app = app
        self.clock = install_virtual_clock()

    # -- time --

    def pump(self, frames: int = 1, seconds: float = 0.0) -> int:
        """Run at least ``frames`` frames and at least ``seconds`` of virtual
        time; returns how many frames ran."""
        count = max(frames, math.ceil(seconds / FRAME - 1e-9))
        run_frames(count)
        return count

    def settle(self, seconds: float | None = None, *, budget: int = SETTLE_BUDGET) -> int:
        """Run frames until the app is quiet and return how many it took.

        Quiet: no screen transition, no running ``Animation``, no clock
        event due within :data:`QUIET_HORIZON` (repeating intervals, such as
        a text field's blinking cursor, never count), and no widget moved,
        resized, added or removed for two frames running. Past ``budget``
        frames an AssertionError names what was still busy. The window is
        drawn once, when the app is quiet (see :func:`run_frames`).

        ``seconds`` is accepted from older callers and ignored: when the app
        is quiet is decided by the app, not by a guess.
        """
        before = self._places()
        still = 0
        for count in range(1, budget + 1):
            run_frames(1, draw=False)
            now = self._places()
            moved = _moved(before, now)
            busy = self._busy()
            before = now
            still = 0 if moved or busy else still + 1
            if still == 2:
                draw()
                return count
        raise AssertionError(
            f"not quiet after {budget} frames ({budget * FRAME:.1f} virtual s): "
            + "; ".join(busy + [f"moved: {m}" for m in moved[:10]]))

    def _places(self) -> dict[int, tuple]:
        """Every widget on the window, by identity: (widget, class, pos, size)."""
        from kivy.core.window import Window
        return {id(w): (w, type(w).__name__, tuple(w.pos), tuple(w.size))
                for root in Window.children for w in root.walk(restrict=True)}

    def _busy(self) -> list[str]:
        """What is still going on, in words (empty when nothing is)."""
        from kivy.animation import Animation
        from kivy.clock import Clock
        from kivy.core.window import Window
        from kivy.uix.screenmanager import ScreenManager

        busy = []
        for root in Window.children:
            for w in root.walk(restrict=True):
                if isinstance(w, ScreenManager) and w.transition.is_active:
                    busy.append(f"screen transition to {w.current!r}")
        for animation in Animation._instances:
            if set(animation.animated_properties) <= _COSMETIC_PROPERTIES:
                continue
            widgets = ", ".join(_describe(a["widget"])
                                for a in getattr(animation, "_widgets", {}).values())
            busy.append(f"animation of {sorted(animation.animated_properties)} on {widgets}")
        now = self.clock.now()
        for event in Clock.get_events():
            callback = event.get_callback()
            if event.loop or getattr(callback, "__name__", "") in _COSMETIC_EVENTS:
                continue
            due = event._last_dt + max(event.timeout, 0) - now
            if due <= QUIET_HORIZON:
                busy.append(f"clock event {callback!r} due in {max(due, 0):.3f} s")
        return busy

    # -- looking --

    @property
    def screen(self):
        return self.app.root.current_screen

    def get(self, screen: str, widget_id: str):
        return self.app.root.get_screen(screen).ids[widget_id]

    @staticmethod
    def window_rect(widget) -> tuple[float, float, float, float]:
        x, y = widget.to_window(widget.x, widget.y)
        return x, y, widget.width, widget.height

    def find(self, root, cls_name: str, **attrs):
        """All widgets under ``root`` of class ``cls_name`` with these attributes."""
        return [w for w in root.walk(restrict=True)
                if type(w).__name__ == cls_name
                and all(getattr(w, k, None) == v for k, v in attrs.items())]

    def find_one(self, root, cls_name: str, **attrs):
        found = self.find(root, cls_name, **attrs)
        assert len(found) == 1, f"expected one {cls_name} {attrs}, found {len(found)}"
        return found[0]

    # -- hands --

    def tap(self, widget, hold: int = TAP_FRAMES) -> None:
        """A finger on the middle of ``widget`` (scrolled into view first),
        held for ``hold`` frames, lifted; then settle."""
        from app.widgets.layout import scroll_view_around
        scroll = scroll_view_around(widget)
        if scroll is not None:
            scroll.scroll_to(widget, padding=10, animate=False)
        self.settle()
        x, y, w, h = self.window_rect(widget)
        assert w > 0 and h > 0, f"{_describe(widget)} has no size"
        touch = self._touch(x + w / 2, y + h / 2)
        touch.touch_down()
        self.pump(hold)
        touch.touch_up()
        self.settle()

    def drag(self, start: tuple[float, float], end: tuple[float, float],
             moves: int = 10) -> None:
        """A finger down at ``start`` (window coordinates), moved to ``end``
        in ``moves`` equal steps, one frame each, lifted; then settle."""
        self.settle()
        touch = self._touch(*start)
        touch.touch_down()
        for step in range(1, moves + 1):
            self.pump(1)
            touch.touch_move(start[0] + (end[0] - start[0]) * step / moves,
                             start[1] + (end[1] - start[1]) * step / moves)
        self.pump(1)
        touch.touch_up()
        self.settle()

    @staticmethod
    def _touch(x: float, y: float):
        from kivy.tests.common import UnitTestTouch
        return UnitTestTouch(x, y)

    def type_into(self, field, text: str) -> None:
        """Focus a text field, clear it and type ``text``."""
        field.focus = True
        self.settle()
        field.select_all()
        field.delete_selection()
        field.insert_text(text)
        self.settle()

    def next_frame_drawn(self, on_drawn) -> None:
        """Ask for a redraw and call ``on_drawn()`` once, right after the next
        frame is drawn and before it is shown (a screenshot taken earlier, say
        from a clock callback, comes out black)."""
        from kivy.core.window import Window
        called = []

        def on_flip(*_):
            if not called:
                called.append(on_drawn())
            return False

        Window.bind(on_flip=on_flip)
        try:
            Window.canvas.ask_update()
            self.pump(1)
        finally:
            Window.unbind(on_flip=on_flip)
        assert called, "the window drew no frame when asked to"


def _moved(before: dict[int, tuple], now: dict[int, tuple]) -> list[str]:
    """Widgets that moved, changed size, appeared or went away."""
    changes = [f"{_describe(w)} at {pos} size {size} -> at {now[k][2]} size {now[k][3]}"
               for k, (w, kind, pos, size) in before.items()
               if k in now and now[k][1:] != (kind, pos, size)]
    changes += [f"{_describe(p[0])} appeared" for k, p in now.items() if k not in before]
    changes += [f"{_describe(p[0])} went away" for k, p in before.items() if k not in now]
    return changes


def _describe(widget) -> str:
    """A widget as a reader finds it: class, kv id and text where it has them."""
    name = type(widget).__name__
    parent = getattr(widget, "parent", None)     # animations move transitions too
    while parent is not None and parent is not parent.parent:
        ids = [k for k, v in getattr(parent, "ids", {}).items() if v is widget]
        if ids:
            name += f"#{ids[0]}"
            break
        parent = parent.parent
    text = getattr(widget, "text", None)
    if isinstance(text, str) and text:
        name += f" {text[:30]!r}"
    return name

"""The driver the UI tests stand on counts frames, not seconds: time moves one
1/60 s frame per frame whatever the machine's speed, ``settle`` waits for
exactly what is still going on and names it when that never ends."""
from __future__ import annotations

import pytest

from app.testing import FRAME, TAP_FRAMES


@pytest.fixture
def on_window(driver):
    """Widgets added to the window over the app; taken off again after the test."""
    from kivy.core.window import Window
    added = []

    def add(widget):
        Window.add_widget(widget)
        added.append(widget)
        return widget

    yield add
    for widget in added:
        Window.remove_widget(widget)
    driver.settle()


@pytest.mark.timeout(60)
def test_each_frame_is_one_sixtieth_of_a_second(driver):
    from kivy.clock import Clock
    driver.settle()
    start = Clock.get_time()
    driver.pump(60)
    assert Clock.get_time() - start == 60 * FRAME
    assert Clock.frametime == FRAME
    assert abs(60 * FRAME - 1.0) < 1e-6


@pytest.mark.timeout(60)
def test_an_animation_of_035_s_takes_22_frames_from_its_start(driver, on_window):
    """Kivy's Animation applies progress 0 on its first frame and only then
    adds each frame's time: 1 + 21 frames for 0.35 s."""
    from kivy.animation import Animation
    from kivy.uix.widget import Widget

    box = on_window(Widget(size_hint=(None, None), size=(10, 10), pos=(0, 0)))
    driver.settle()
    progress = []
    animation = Animation(x=100, duration=0.35)
    animation.bind(on_progress=lambda _a, _w, p: progress.append(p))
    animation.start(box)
    frames = 0
    while animation in Animation._instances:
        driver.pump(1)
        frames += 1
        assert frames < 100, "the animation never ended"
    assert frames == 22
    assert progress[0] == 0 and progress[-1] == 1 and len(progress) == 22
    assert box.x == 100


@pytest.mark.timeout(60)
def test_settle_waits_for_a_timeout_and_ignores_a_far_one(driver):
    from kivy.clock import Clock
    fired = []
    Clock.schedule_once(lambda dt: fired.append("soon"), 1.0)
    far = Clock.schedule_once(lambda dt: fired.append("far"), 30)
    try:
        frames = driver.settle()
        assert fired == ["soon"]
        assert 60 <= frames <= 63          # one second, plus two quiet frames
    finally:
        far.cancel()


@pytest.mark.timeout(60)
def test_settle_names_a_widget_that_keeps_moving(driver, on_window):
    from kivy.clock import Clock
    from kivy.uix.widget import Widget

    class Wanderer(Widget):
        pass

    wanderer = on_window(Wanderer(size_hint=(None, None), size=(10, 10)))

    def move(dt):
        wanderer.x += 1

    ticking = Clock.schedule_interval(move, 0)
    try:
        with pytest.raises(AssertionError, match=r"not quiet after 30 frames.*moved: Wanderer"):
            driver.settle(budget=30)
    finally:
        ticking.cancel()


@pytest.mark.timeout(60)
def test_settle_names_a_clock_event_that_is_always_due(driver):
    from kivy.clock import Clock

    def again_and_again(dt):
        Clock.schedule_once(again_and_again, 0.5)

    Clock.schedule_once(again_and_again, 0.5)
    try:
        with pytest.raises(AssertionError, match=r"clock event .*again_and_again.* due in"):
            driver.settle(budget=100)
    finally:
        Clock.unschedule(again_and_again)


@pytest.mark.timeout(60)
def test_a_tap_in_a_scrolling_list_is_a_tap(driver, on_window):
    """ScrollView holds a touch for up to 250 ms to see whether it scrolls and
    hands the button its touch-up 0.2 s late: both on the virtual clock."""
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.button import Button
    from kivy.uix.scrollview import ScrollView

    scroll = ScrollView(size_hint=(None, None), size=(300, 200), pos=(100, 100))
    column = BoxLayout(orientation="vertical", size_hint_y=None, height=1000)
    buttons = [Button(text=f"row {i}") for i in range(10)]
    for b in buttons:
        column.add_widget(b)
    scroll.add_widget(column)
    on_window(scroll)
    released = []
    buttons[7].bind(on_release=lambda b: released.append(b.text))
    driver.tap(buttons[7])
    assert released == ["row 7"]
    assert buttons[7].state == "normal"
    assert TAP_FRAMES * FRAME < 0.25


@pytest.mark.timeout(60)
def test_a_drag_scrolls_a_list(driver, on_window):
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.button import Button
    from kivy.uix.scrollview import ScrollView

    scroll = ScrollView(size_hint=(None, None), size=(300, 200), pos=(100, 100),
                        effect_cls="ScrollEffect")
    column = BoxLayout(orientation="vertical", size_hint_y=None, height=1000)
    for i in range(10):
        column.add_widget(Button(text=f"row {i}"))
    scroll.add_widget(column)
    on_window(scroll)
    released = []
    for b in column.children:
        b.bind(on_release=lambda b: released.append(b.text))
    assert scroll.scroll_y == 1
    driver.drag((250, 150), (250, 290))
    assert scroll.scroll_y < 1
    assert released == []

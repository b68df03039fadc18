"""A calm turn timer: a ring that slowly fills (no sound, no red, no numbers
counting down). It shows :attr:`fraction` (0..1) and nothing else; the
time itself is :class:`kaarten.classroom.TurnTimer`'s."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.widget import Widget

__all__ = ["TimerRing"]


class TimerRing(Widget):
    #: how full the ring is, 0..1
    fraction = NumericProperty(0)
    paused = BooleanProperty(False)
    thickness = NumericProperty(10)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""The app's settings: :mod:`kaarten.preferences` (typed, shared with the
command line, which reads the retention days as the app does)."""

from kaarten.preferences import FILE_NAME, TEXT_SIZES, Preferences

__all__ = ["Preferences", "FILE_NAME", "TEXT_SIZES"]

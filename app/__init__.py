"""The Kivy app: screens, widgets, theme, text and language. No game rules: it calls ``kaarten``."""

"""The Kivy app: screens, the open store and session, the settings.

The App holds the game objects from :mod:`kaarten` and switches screens; it
holds no game rules. Every action of a game is written to disk by the
:class:`kaarten.session.Session` before the screen shows it, so nothing here
waits for ``on_stop`` (which Android may never call).
"""

from __future__ import annotations

import logging
import os

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import FadeTransition
from kivy.utils import platform

from app import fonts, logs, theme
from app.i18n import available_languages, tr
from app.preferences import TEXT_SIZES, Preferences
from app.screens.manager import LazyScreenManager
from app.widgets.text import TEXT_SCALES, style
from kaarten.errors import AlreadyOpenError, KaartenError
from kaarten.paths import data_dir
from kaarten.store import PracticeStore, Store

__all__ = ["GesprekskaartenApp", "run_app", "SCREENS"]

log = logging.getLogger(__name__)

#: screen name -> (module, class) of every screen. The first is shown at
#: start; each is imported and built the first time it is shown or asked for
#: (:class:`app.screens.manager.LazyScreenManager`), never before.
SCREENS = {
    "start": ("app.screens.start", "StartScreen"),
    "setup": ("app.screens.setup", "SetupScreen"),
    "table": ("app.screens.table", "TableScreen"),
    "summary": ("app.screens.summary", "SummaryScreen"),
    "sessions": ("app.screens.sessions", "SessionsScreen"),
    "settings": ("app.screens.settings", "SettingsScreen"),
    "classsetup": ("app.screens.classsetup", "ClassSetupScreen"),
    "classcase": ("app.screens.classcase", "ClassCaseScreen"),
    "classroles": ("app.screens.classroles", "ClassRolesScreen"),
    "classtable": ("app.screens.classtable", "ClassTableScreen"),
    "projector": ("app.screens.projector", "ProjectorScreen"),
    "debrief": ("app.screens.debrief", "DebriefScreen"),
}


class GesprekskaartenApp(App):
    title = "Wie is er voor jou?"

    #: the open sessions file (or None when it could not be opened)
    store = ObjectProperty(None, allownone=True)
    #: the practice store while a practice game runs (memory only)
    practice_store = ObjectProperty(None, allownone=True)
    #: the game being played or looked at (kaarten.session.Session) or None
    session = ObjectProperty(None, allownone=True)
    #: a class game (kaarten.classroom.ClassGame) around :attr:`session`, or None
    class_game = ObjectProperty(None, allownone=True)
    #: practice mode: new games are kept in memory only
    practice = BooleanProperty(False)
    #: a message for the worker on the start screen (a damaged file...)
    notice = StringProperty("")
    ui_language = StringProperty("nl")
    text_scale = NumericProperty(1.0)

    def __init__(self, data_folder=None, **kwargs):
        super().__init__(**kwargs)
        self._data_folder = data_folder
        self.prefs = Preferences()
        self._decks = None

    # -- start-up ------------------------------------------------------------

    @property
    def data_folder(self):
        if self._data_folder is None:
            # Only on Android is Kivy's user_data_dir the app's own folder;
            # elsewhere reading it makes ~/.config/<name> (and fails without ~/.config).
            self._data_folder = data_dir(self.user_data_dir if platform == "android" else None)
        return self._data_folder

    @property
    def decks(self):
        """Every deck that loaded (:class:`kaarten.decks.DeckSet`), read the
        first time a screen needs them or just after the first frame (see
        :meth:`after_first_frame`), whichever comes first; never before the
        start screen is drawn."""
        if self._decks is None:
            from kaarten.decks import load_decks
            self._decks = load_decks()
            for problem in self._decks.problems:
                log.warning("Deck problem: %s", problem)
        return self._decks

    @decks.setter
    def decks(self, value) -> None:
        self._decks = value

    @property
    def settings(self) -> Preferences:
        """The settings (UI language, card language, text size)."""
        return self.prefs

    def build(self):
        from kivy.core.window import Window
        logs.install()
        fonts.register_fonts()
        Window.clearcolor = theme.BACKGROUND
        Window.softinput_mode = "below_target"   # the keyboard never covers the name field
        self.prefs = Preferences.load(self.data_folder)
        self._apply_prefs()
        self._open_store()

        Window.bind(on_keyboard=self._on_back)
        Window.bind(on_flip=self._first_flip)
        sm = LazyScreenManager(transition=FadeTransition(duration=0.15), table=SCREENS)
        sm.current = next(iter(SCREENS))
        sm.bind(current=self._on_screen)
        return sm

    def _first_flip(self, window) -> None:
        window.unbind(on_flip=self._first_flip)
        from kivy.clock import Clock
        Clock.schedule_once(lambda _dt: self.after_first_frame(), 0)

    def after_first_frame(self) -> None:
        """Work the start screen does not need, done once it is drawn: read
        the decks (and report broken ones in the log)."""
        self.decks  # noqa: B018  (reads them)

    def _open_store(self) -> None:
        try:
            self.store = Store.open(self.data_folder / "sessions.sqlite3", exclusive=True)
        except KaartenError as e:  # a second app, no permission...: play without keeping, and say so
            log.warning("Could not open the sessions file: %s", type(e).__name__)
            self.store = PracticeStore()
            if isinstance(e, AlreadyOpenError):
                self.notice = tr._("De app is al open in een ander venster. Speel daar verder; "
                                   "wat je hier speelt, wordt niet bewaard.")
            else:
                self.notice = tr._("De opgeslagen gesprekken konden niet worden geopend. "
                                   "Wat je nu speelt, wordt niet bewaard.")
            return
        if self.store.damaged_notice:
            self.notice = tr._("Het bestand met gesprekken was beschadigd. Er is een nieuw "
                               "bestand begonnen; het oude is bewaard.")

    def _on_back(self, window, key, *_):
        """Escape (or Android's back button) steps back instead of closing:
        it closes an open panel, leaves a side screen for the start screen,
        and never ends a game by accident. On the start screen it closes."""
        if key != 27:
            return False
        from kivy.uix.modalview import ModalView
        modals = [w for w in window.children if isinstance(w, ModalView)]
        if modals:
            modals[0].dismiss()
            return True
        current = self.root.current if self.root else "start"
        if current == "start":
            return False
        if current in ("classcase", "classroles", "projector"):   # back into the class game
            from app.classmode import go_on
            go_on(self)
        elif current not in ("table", "classtable"):
            self.go("start")
        return True

    def on_pause(self):
        """To the background (Android may end the app there without a word):
        fold the journal into the sessions file. True: keep the game."""
        self._checkpoint()
        return True

    def on_stop(self):
        """Closing folds the journal into the file and lets go of its lock."""
        if self.store is not None:
            self.store.close()

    def _checkpoint(self) -> None:
        if self.store is not None:
            try:
                self.store.checkpoint()
            except KaartenError as e:   # everything was committed already
                log.warning("Checkpoint failed: %s", type(e).__name__)

    # -- settings --------------------------------------------------------------

    def _apply_prefs(self) -> None:
        p = self.prefs
        languages = available_languages()
        lang = p.ui_language if p.ui_language in languages else "nl"
        tr.switch(lang)
        self.ui_language = lang
        self.text_scale = TEXT_SCALES.get(p.text_size, 1.0)
        style.scale = self.text_scale

    def set_setting(self, **changes) -> None:
        """Change settings (ui_language, card_language, text_size), save, apply."""
        if "text_size" in changes and changes["text_size"] not in TEXT_SIZES:
            raise ValueError(f"text_size must be one of {TEXT_SIZES}")
        self.prefs = self.prefs.with_(**changes)
        try:
            self.prefs.save(self.data_folder)
        except OSError as e:
            log.warning("Could not save settings: %s", e)
        self._apply_prefs()

    def set_ui_language(self, lang: str) -> None:
        self.set_setting(ui_language=lang)

    def set_card_language(self, lang: str) -> None:
        self.set_setting(card_language=lang)

    def set_text_size(self, size: str) -> None:
        self.set_setting(text_size=size)

    # -- moving around -----------------------------------------------------------

    def go(self, name: str) -> None:
        if self.root is not None and self.root.has_screen(name):
            self.root.current = name

    #: the screens that show the session in play; going to any other
    #: screen leaves the session (see :meth:`leave_session`)
    SESSION_SCREENS = ("table", "summary", "classcase", "classroles", "classtable", "projector", "debrief")

    @property
    def sessions_store(self):
        """Where sessions are kept and listed: the real file, or (practice
        mode) a store that keeps nothing, so no real session shows."""
        if self.practice:
            if self.practice_store is None:
                self.practice_store = PracticeStore()
            return self.practice_store
        return self.store

    @property
    def practice_session(self) -> bool:
        """True while the session in play is a practice game (nothing kept)."""
        return self.session is not None and self.session.keeps_nothing

    def on_practice(self, *_) -> None:
        """Switching practice mode on or off leaves any session in play and
        empties the practice store: the next group starts with nothing."""
        self.leave_session()

    def _on_screen(self, _manager, name: str) -> None:
        if name not in self.SESSION_SCREENS:
            self.leave_session()

    def leave_session(self) -> None:
        """No session in play any more: every screen that showed it clears
        itself (they watch :attr:`session`); a practice game is emptied."""
        self.class_game = None
        self.session = None
        if self.practice_store is not None:
            self.practice_store.close()
            self.practice_store = None

    def start_game(self, deck_id: str, language: str, players) -> bool:
        """A new game with ``players`` [(name, colour)]: saved, first card dealt.
        False (and the worker is told why) when it could not start."""
        from kaarten.session import Session
        deck = self.decks.get(deck_id)
        cards = deck.localized(language).cards
        self.leave_session()
        store = self.sessions_store
        try:
            session = Session.start(
                store, deck_id=deck.id, language=language, card_ids=[c.id for c in cards],
                themes_by_card={c.id: c.theme for c in cards}, players=list(players))
            session.deal()
        except KaartenError as e:
            self.show_error(e)
            return False
        self.session = session
        self.go("table")
        return True

    def start_class_game(self, deck_id: str, language: str, seats, case_card=None,
                         timer_minutes=None) -> bool:
        """A class game (see :mod:`app.classmode`): always on a store that
        keeps nothing. False (and the trainer is told why) when it could not start."""
        from app.classmode import start_class_game
        return start_class_game(self, deck_id, language, seats, case_card, timer_minutes)

    def open_session(self, session_id) -> None:
        """Look at a saved game's summary (finished or not), without playing on."""
        self.resume_session(session_id, look_only=True)

    def resume_session(self, session_id, look_only: bool = False) -> None:
        """Carry on with a saved game (a finished one, or ``look_only``, shows
        its summary)."""
        from kaarten.session import Session
        try:
            session = Session.resume(self.sessions_store, session_id)
        except KaartenError as e:
            self.show_error(e)
            return
        self.session = session
        self.go("summary" if look_only or session.finished else "table")

    def end_game(self) -> None:
        """The worker stops: the game ends and the family sees its map."""
        if self.session is not None and not self.session.finished:
            try:
                self.session.end()
            except KaartenError as e:
                self.show_error(e)
                return
        self.show_summary()

    def show_summary(self) -> None:
        """The map of the session in play (the summary screen reads
        :attr:`session` itself)."""
        if self.session is not None:
            self.go("summary")

    def erase_everything(self) -> int:
        """Delete every saved session for real (Settings, for a tablet that
        changes hands); the session in play, if any, is left first. Returns
        how many were deleted; a failure is told to the worker (-1)."""
        self.leave_session()
        if self.store is None or self.store.keeps_nothing:
            return 0
        try:
            return self.store.delete_all()
        except KaartenError as e:       # the worker is told
            self.show_error(e)
            return -1

    def show_error(self, error) -> None:
        """Tell the worker what went wrong, in words, and carry on."""
        from app.widgets.dialog import ask
        log.warning("Action failed: %s", type(error).__name__)  # never the message: it may hold a name
        from app.errors import explain
        ask(tr._("Dat lukte niet"), explain(error), yes=tr._("Goed"))


def run_app() -> None:
    """Start the app (called by ``python main.py``)."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    logs.install()
    logs.run_logged(GesprekskaartenApp().run)

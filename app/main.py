"""The Kivy app: screens, the open store and session, the settings.

The App holds the game objects from :mod:`kaarten` and switches screens; it
holds no game rules. Every action of a game is written to disk by the
:class:`kaarten.session.Session` before the screen shows it, so nothing here
waits for ``on_stop`` (which Android may never call).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.utils import platform

from app import fonts, logs, theme
from app.i18n import available_languages, tr
from app.preferences import TEXT_SIZES, Preferences
from app.screens.manager import FadeInTransition, LazyScreenManager
from app.widgets.text import TEXT_SCALES, style
from kaarten import retention
from kaarten.errors import AlreadyOpenError, KaartenError
from kaarten.paths import data_dir
from kaarten.pin import PinLock
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
    "plan": ("app.screens.plan", "PlanScreen"),
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
    #: a PIN is set (Settings); the app locks at start, after quiet and
    #: when it comes back from the background
    pin_set = BooleanProperty(False)
    #: the lock is over the window now
    locked = BooleanProperty(False)
    #: the "Namen verbergen" cover is over the window now
    names_hidden = BooleanProperty(False)
    #: names shown as initials and "Speler n" (the setting, or the summary's toggle)
    pseudonyms = BooleanProperty(False)

    def __init__(self, data_folder=None, clock=None, **kwargs):
        """``clock`` (seconds since the epoch, default ``time.time``) times
        the idle lock and the PIN's waits; tests hand in their own."""
        super().__init__(**kwargs)
        self._data_folder = data_folder
        self.prefs = Preferences()
        self._decks = None
        self.clock = clock or time.time
        self._last_activity = self.clock()
        self._pin: PinLock | None = None
        self._lock_view = None
        self._cover = None
        self._ticking = None      # the once-a-second lock check (build)
        self._after_unlock = None
        #: the local day old sessions were last deleted on (None: not yet)
        self._retention_day = None

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
        if platform == "android":
            # the recent-apps preview and screenshots show nothing of the app
            _secure_android_window()
        self.prefs = Preferences.load(self.data_folder)
        self._apply_prefs()
        self.pseudonyms = self.prefs.pseudonyms
        self.pin_set = self.pin.is_set
        from app.overlays import keep_on_top
        # a plain function bound to the Window would be held for good (Kivy
        # holds only bound methods weakly), and with it the App and its screens
        self._overlays_on_top = keep_on_top(self._overlays)
        Window.bind(on_touch_down=self._activity, on_key_down=self._key_down,
                    children=self._window_children, on_keyboard=self._on_back,
                    on_flip=self._first_flip)
        from kivy.clock import Clock
        self._ticking = Clock.schedule_interval(self._tick, 1.0)
        self._open_store()

        sm = LazyScreenManager(transition=FadeInTransition(duration=0.15), table=SCREENS)
        sm.current = next(iter(SCREENS))
        sm.bind(current=self._on_screen)
        return sm

    def _overlays(self) -> list:
        """What stays above everything on the window, bottom first."""
        return [self._cover if self.names_hidden else None,
                self._lock_view if self.locked else None]

    def _window_children(self, window, children) -> None:
        self._overlays_on_top(window, children)

    def _first_flip(self, window) -> None:
        window.unbind(on_flip=self._first_flip)
        from kivy.clock import Clock
        Clock.schedule_once(lambda _dt: self.after_first_frame(), 0)

    def after_first_frame(self) -> None:
        """Work the start screen does not need, done once it is drawn: delete
        the sessions whose days are over, read the decks (and report broken
        ones in the log)."""
        self.expire_old_sessions()
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
                self.notice = tr._("We kunnen de bewaarde gesprekken nu niet openen. "
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
        if self.locked or self.names_hidden:
            return True            # the lock and the cover go only by their own buttons
        from kivy.uix.modalview import ModalView
        modals = [w for w in window.children if isinstance(w, ModalView)]
        if modals:
            modals[0].dismiss()
            return True
        current = self.root.current if self.root else "start"
        if current == "start":
            return False
        if current == "plan":
            self.show_summary()
        elif current in ("classcase", "classroles", "projector"):   # back into the class game
            from app.classmode import go_on
            go_on(self)
        elif current not in ("table", "classtable"):
            self.go("start")
        return True

    def on_start(self):
        """With a PIN set, the lock is over the first frame (old sessions are
        deleted right after it is drawn: :meth:`after_first_frame`)."""
        if self.pin_set:
            self.lock()

    def on_pause(self):
        """To the background (Android may end the app there without a word):
        fold the journal into the sessions file, and lock (with a PIN set),
        so whoever picks the tablet up meets the lock. True: keep the game."""
        if self.pin_set:
            self.lock()
        self._checkpoint()
        return True

    def on_resume(self):
        """Back from the background: the PIN is asked (when one is set)."""
        if self.pin_set:
            self.lock()

    def on_stop(self):
        """Closing folds the journal into the file and lets go of its lock,
        and of the window and the clock."""
        from kivy.core.window import Window
        Window.unbind(on_touch_down=self._activity, on_key_down=self._key_down,
                      children=self._window_children, on_keyboard=self._on_back,
                      on_flip=self._first_flip)
        if self._ticking is not None:
            self._ticking.cancel()
        if self.store is not None:
            self.store.close()

    def _checkpoint(self) -> None:
        if self.store is not None:
            try:
                self.store.checkpoint()
            except KaartenError as e:   # everything was committed already
                log.warning("Checkpoint failed: %s", type(e).__name__)

    # -- the PIN lock and the names cover ----------------------------------------

    @property
    def pin(self) -> PinLock:
        """The PIN of this data folder (:mod:`kaarten.pin`)."""
        if self._pin is None:
            self._pin = PinLock(self.data_folder, clock=self.clock)
        return self._pin

    def pin_changed(self) -> None:
        """After Settings set, changed or removed the PIN."""
        self.pin_set = self.pin.is_set
        self._last_activity = self.clock()

    def _activity(self, window, touch, *_):
        """A touch is activity. A touch on "Namen verbergen" while a panel
        lies over the screen (naming someone, a person's panel) still hides
        the names: the button works through the panel's shade."""
        self._last_activity = self.clock()
        if self.locked or self.names_hidden or self.root is None:
            return False
        if self.root.current not in self.SESSION_SCREENS:
            return False
        button = self.root.current_screen.ids.get("hide_names")
        if button is None or button.get_root_window() is None:
            return False
        from kivy.uix.modalview import ModalView
        modals = [w for w in window.children if isinstance(w, ModalView)]
        if not modals:
            return False         # the button takes its own touch
        if any(m.children and m.children[0].collide_point(*touch.pos) for m in modals):
            return False         # a touch on the panel itself is the panel's
        if button.collide_point(*button.to_widget(*touch.pos)):
            self.hide_names()
            return True
        return False

    def _key_down(self, _window, key, _scancode=None, text=None, *_):
        """A hardware key is activity too; at the lock, digits, backspace
        and enter work the PIN pad."""
        self._last_activity = self.clock()
        if self.locked and self._lock_view is not None:
            name = {8: "backspace", 13: "enter", 271: "enter"}.get(key, text or "")
            return self._lock_view.key(name)
        return False

    def _tick(self, *_) -> None:
        """Once a second: lock after the quiet time (with a PIN set); on a
        new day (the app left open overnight) delete the sessions whose days
        are over."""
        quiet = self.clock() - self._last_activity
        if self.pin_set and not self.locked and quiet >= self.prefs.idle_lock_minutes * 60:
            self.lock()
        if self._retention_day is not None and self.now().astimezone().date() != self._retention_day:
            self.expire_old_sessions()

    def now(self) -> dt.datetime:
        """The app's clock as an aware datetime."""
        return dt.datetime.fromtimestamp(self.clock(), dt.timezone.utc)

    # -- retention ---------------------------------------------------------------

    def expire_old_sessions(self, *_) -> list:
        """Delete for real the sessions whose days are over (the setting,
        default 30 days after the day last played); their ids. A session in
        play that goes is left first. Failures are logged, never shown: the
        next day (or start) tries again."""
        now = self.now()
        self._retention_day = now.astimezone().date()
        store = self.store
        if store is None or store.keeps_nothing:
            return []
        from kaarten.exports import ExportSettings
        try:
            deleted = retention.purge(store, self.prefs.retention_days, now, data_folder=self.data_folder,
                                      settings=ExportSettings.load(self.data_folder))
        except (OSError, KaartenError) as e:
            log.warning("Deleting old sessions failed: %s", type(e).__name__)
            return []
        if deleted:
            log.info("Deleted %d old session(s)", len(deleted))
            session = self.session
            if session is not None and not session.keeps_nothing and session.id in deleted:
                self.leave_session()
                self.go("start")
            screen = self.root.current_screen if self.root is not None else None
            if screen is not None and screen.name in ("start", "sessions"):
                screen.refresh()
        return deleted

    def lock(self, purpose: str = "unlock", then=None) -> None:
        """Cover the window with the lock until the PIN is typed; ``then()``
        runs after it was. Without a PIN, ``then()`` runs at once."""
        if not self.pin.is_set:
            self.pin_set = False
            if then is not None:
                then()
            return
        from kivy.core.window import Window

        from app.lock import LockView
        if self._lock_view is None:
            self._lock_view = LockView(self.pin, on_open=self._unlocked, on_erase=self._erase_for_pin,
                                       on_cancel=self._unlock_cancelled)
        if self.locked and self._lock_view.purpose == "unlock":
            return             # already locked for real: a reveal waits behind it
        self._after_unlock = then
        _unfocus_all(Window)
        self._lock_view.start(purpose)
        self.locked = True       # first: the overlays stay in order as it is added
        if self._lock_view.parent is None:
            Window.add_widget(self._lock_view)

    def _close_lock(self) -> None:
        self.locked = False
        view = self._lock_view
        if view is not None and view.parent is not None:
            view.parent.remove_widget(view)
        self._last_activity = self.clock()

    def _unlocked(self, how: str) -> None:
        then, self._after_unlock = self._after_unlock, None
        self._close_lock()
        if how == "erased":
            self.pin_set = False
            self.names_hidden = False
            self.go("start")
            return
        if then is not None:
            then()

    def _unlock_cancelled(self) -> None:
        self._after_unlock = None
        self._close_lock()

    def _erase_for_pin(self) -> bool:
        """The PIN was forgotten: every session goes, for real."""
        return self.erase_everything() >= 0

    def hide_names(self) -> None:
        """Namen verbergen: one calm cover over every name, at once."""
        self.names_hidden = True

    def show_names(self) -> None:
        """Namen tonen: the cover goes (after the PIN, when one is set)."""
        self.lock("reveal", then=lambda: setattr(self, "names_hidden", False))

    def on_names_hidden(self, _app, hidden: bool) -> None:
        from kivy.core.window import Window

        from app.lock import NamesCover
        if hidden:
            if self._cover is None:
                self._cover = NamesCover(app=self)
            _unfocus_all(Window)
            if self._cover.parent is None:
                Window.add_widget(self._cover)
                if self._lock_view is not None and self._lock_view.parent is Window:
                    Window.remove_widget(self._lock_view)     # the lock stays on top
                    Window.add_widget(self._lock_view)
        elif self._cover is not None and self._cover.parent is not None:
            self._cover.parent.remove_widget(self._cover)

    def set_pseudonyms(self, on: bool) -> None:
        """Initials for the session in play (the summary's toggle); the
        names come back after the PIN, when one is set."""
        if on or not self.pseudonyms:
            self.pseudonyms = on
        else:
            self.lock("reveal", then=lambda: setattr(self, "pseudonyms", False))

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

    def set_retention_days(self, days: int) -> None:
        """How many days sessions are kept; old ones go at once."""
        self.set_setting(retention_days=retention.check_days(days))
        self.expire_old_sessions()

    def set_pseudonyms_setting(self, on: bool) -> None:
        """The pseudonyms setting: every session opens with initials."""
        self.set_setting(pseudonyms=bool(on))
        self.pseudonyms = self.prefs.pseudonyms

    # -- moving around -----------------------------------------------------------

    def go(self, name: str) -> None:
        if self.root is not None and self.root.has_screen(name):
            self.root.current = name

    #: the screens that show the session in play; going to any other
    #: screen leaves the session (see :meth:`leave_session`)
    SESSION_SCREENS = ("table", "summary", "plan", "classcase", "classroles", "classtable", "projector",
                       "debrief")

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
        itself (they watch :attr:`session`); a practice game is emptied.
        Names show as the setting says again (the summary's toggle was for
        that session only)."""
        self.class_game = None
        self.session = None
        self.pseudonyms = self.prefs.pseudonyms
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

    def start_follow_up(self, session_id) -> bool:
        """A follow-up of a saved game (kaarten.followup): the same family,
        deck and card language, the earlier people already on the map; the
        first card dealt. False (and the worker is told why) when it could
        not start."""
        store = self.sessions_store
        try:
            info = next((i for i in store.sessions() if int(i.id) == int(session_id)), None)
            if info is None:
                from kaarten.errors import UnknownSessionError
                raise UnknownSessionError(f"There is no saved session {session_id}.")
            cards = self.decks.get(info.deck_id).localized(info.language).cards
        except KeyError:
            from kaarten.errors import SetupError
            self.show_error(SetupError("The deck of that session is not on this tablet."))
            return False
        except KaartenError as e:
            self.show_error(e)
            return False
        from kaarten.session import Session
        self.leave_session()
        try:
            session = Session.start_follow_up(
                store, info.id, card_ids=[c.id for c in cards], themes_by_card={c.id: c.theme for c in cards})
            session.deal()
        except KaartenError as e:
            self.show_error(e)
            return False
        self.session = session
        self.go("table")
        return True

    def show_plan(self) -> None:
        """The wie-plan of the session in play (app.screens.plan)."""
        if self.session is not None:
            self.go("plan")

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

    def save_exports(self):
        """"Bewaren of printen": write the session's hand-out (PDF), map (PNG)
        and summary (Markdown) into the exports folder, note them with the
        session, and tell the worker where they are (and, outside the app,
        that the files are theirs to keep safe). The dialog shown."""
        from app.exporting import path_text, save_exports
        from app.widgets.dialog import ask

        session = self.session
        if session is None or session.keeps_nothing:
            return None
        try:
            deck = self.decks.get(session.deck_id)
        except KeyError:
            deck = None
        try:
            saved = save_exports(self.store, session, deck, worker_language=self.ui_language,
                                 data_folder=self.data_folder, pseudonyms=self.pseudonyms)
        except (OSError, KaartenError) as e:
            log.warning("Export failed: %s", type(e).__name__)
            return ask(tr._("Bewaren lukte niet"),
                       tr._("De bestanden konden niet worden geschreven. Kies in Instellingen een andere map."),
                       yes=tr._("Goed"))
        message = tr._("Het overzicht voor het gezin (PDF), het overzicht als plaatje en het verslag staan in:") + \
            f"\n{path_text(saved.folder)}\n\n"
        if saved.outside:
            message += tr._("Deze map is buiten de app. Jij zorgt dat de bestanden veilig blijven, "
                            "en wist ze als ze niet meer nodig zijn.")
        else:
            message += tr._("Ze worden gewist met het gesprek, of als de bewaartijd voorbij is. "
                            "Print ze of geef ze door, en wis het gesprek daarna.")
        return ask(tr._("Bewaard"), message, yes=tr._("Goed"))

    def show_error(self, error) -> None:
        """Tell the worker what went wrong, in words, and carry on."""
        from app.widgets.dialog import ask
        log.warning("Action failed: %s", type(error).__name__)  # never the message: it may hold a name
        from app.errors import explain
        ask(tr._("Dat lukte niet"), explain(error), yes=tr._("Goed"))


def _unfocus_all(window) -> None:
    """No text field keeps the keyboard (or its text) up under the lock or the cover."""
    from kivy.uix.textinput import TextInput
    for root in window.children:
        for w in root.walk(restrict=True):
            if isinstance(w, TextInput) and w.focus:
                w.focus = False


def _secure_android_window() -> None:  # pragma: no cover - Android only, not testable here
    """FLAG_SECURE on the app's Android window: the recent-apps preview
    shows a blank card instead of the family's map, and screenshots and
    screen recordings of the app come out black. Set where the window is
    made (``build``), on Android's UI thread; pyjnius and ``android`` come
    with python-for-android's SDL2 bootstrap. Untested on a device here:
    these machines cannot build the APK (see README)."""
    try:
        from android.runnable import run_on_ui_thread
        from jnius import autoclass
    except ImportError:
        log.warning("FLAG_SECURE not set: pyjnius is missing")
        return

    @run_on_ui_thread
    def secure():
        params = autoclass("android.view.WindowManager$LayoutParams")
        activity = autoclass("org.kivy.android.PythonActivity").mActivity
        activity.getWindow().setFlags(params.FLAG_SECURE, params.FLAG_SECURE)

    secure()


def run_app() -> None:
    """Start the app (called by ``python main.py``)."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    logs.install()
    logs.run_logged(GesprekskaartenApp().run)

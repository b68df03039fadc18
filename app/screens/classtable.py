"""Class mode: the class table.

The card in the middle; above it the round and who plays what now (the
worker reads, the parent or child answers, the observer tallies); beside
it the calm turn timer (when on) and the observer's two buttons,
"wie-vraag" and "wat-vraag". "Casus" shows the case card, "Projector"
only the question, big. Every move is a :class:`kaarten.classroom.ClassGame`
call; this screen shows the result.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from app import theme
from app.classmode import go_on, role_label
from app.i18n import tr
from app.naming import RecordsNames
from app.screens.table import NamingPanel, TurnButtons  # noqa: F401  (TurnButtons for kv)
from app.widgets import card as _card  # noqa: F401  (CardView for kv)
from app.widgets import timer_ring as _ring  # noqa: F401  (TimerRing for kv)
from app.widgets.dialog import ask
from app.widgets.layout import AppScreen, Chip
from kaarten.classroom import QuestionKind, Role
from kaarten.errors import KaartenError

__all__ = ["ClassTableScreen"]


class ClassTableScreen(RecordsNames, AppScreen):
    round_text = StringProperty("")
    roles_text = StringProperty("")
    observer_text = StringProperty("")
    who_count = NumericProperty(0)
    what_count = NumericProperty(0)
    has_case = BooleanProperty(False)
    has_observer = BooleanProperty(False)
    timer_on = BooleanProperty(False)
    timer_paused = BooleanProperty(False)
    timer_fraction = NumericProperty(0)
    asks_people = BooleanProperty(True)
    named_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._panel: NamingPanel | None = None
        self._ticking = None
        self._questions: list = []
        tr.bind(lang=self._refresh_if_shown)    # weakly: a method, not a lambda

    @property
    def game(self):
        app = self.app()
        return app.class_game if app is not None else None

    @property
    def session(self):
        game = self.game
        return game.session if game is not None else None

    def on_kv_post(self, *_):
        self.watch_app("class_game", lambda *_: self.clear())

    def on_pre_enter(self, *_):
        self.refresh()
        self.ids.card.deal_in()

    def on_enter(self, *_):
        if self._ticking is None:
            self._ticking = Clock.schedule_interval(self._tick, 0.5)

    def on_leave(self, *_):
        if self._ticking is not None:
            self._ticking.cancel()
            self._ticking = None

    # -- showing --

    def clear(self) -> None:
        """Nothing of a class game that was left stays on this screen."""
        if self._panel is not None:
            self._panel.dismiss(animation=False)
            self._panel.ids.name.text = ""
            self._panel.ids.chips.clear_widgets()
            self._panel.player_name = self._panel.feedback = self._panel.chips_hint = ""
            self._panel.question = ""
        for question in list(self._questions):
            question.dismiss(animation=False)
        self._questions.clear()
        self.ids.card.clear()
        self.ids.named.clear_widgets()
        self.round_text = self.roles_text = self.observer_text = self.named_text = ""
        self.who_count = self.what_count = 0

    def refresh(self) -> None:
        game = self.game
        if game is None or game.session.finished or game.session.current_card is None:
            return
        session = game.session
        names = [p.name for p in session.players]
        self.round_text = tr._("Ronde {n} · kaart {k} van {m}").format(
            n=game.round_index + 1, k=game.card_in_round + 1, m=game.seats)
        worker, answerer = game.worker_seat, game.answering_seat
        parts = [tr._("{name} ({role}) leest voor").format(name=names[worker], role=role_label(Role.WORKER)),
                 tr._("{name} ({role}) antwoordt").format(name=names[answerer],
                                                          role=role_label(game.roles[answerer]))]
        self.roles_text = " · ".join(parts)
        observers = game.observer_seats
        self.has_observer = bool(observers)
        self.observer_text = (tr._("{names} turft").format(names=tr.format_list([names[i] for i in observers]))
                              if observers else tr._("De werker turft zelf"))
        self.has_case = game.case_card is not None
        self._show_tally()
        self._show_card()
        self._show_named()
        self._tick()

    def _show_card(self) -> None:
        app, session = self.app(), self.session
        try:
            deck = app.decks.get(session.deck_id)
        except KeyError:
            deck = None
        if deck is None or not self.ids.card.show(deck, session.language, session.current_card, tr.lang):
            self.ids.card.question = tr._("Deze kaart is er niet meer.")
            self.asks_people = False
            return
        self.asks_people = deck.localized(session.language).card(session.current_card).asks_for_people

    def _show_named(self) -> None:
        session = self.session
        box = self.ids.named
        box.clear_widgets()
        seen = session.network.named_for(session.current_card)
        for person in seen:
            box.add_widget(Chip(text=person.name, bg=theme.sector_look(person.sector).colour,
                                size_sp=theme.FONT_SMALL))
        self.named_text = tr._("Genoemd bij deze kaart:") if seen else ""

    def _show_tally(self) -> None:
        t = self.game.tally_this_round
        self.who_count, self.what_count = t.who, t.what

    def _tick(self, *_) -> None:
        game = self.game
        if game is None:
            self.timer_on = False
            return
        timer = game.timer
        self.timer_on = timer.on
        self.timer_paused = timer.paused
        self.timer_fraction = timer.fraction

    # -- the observer and the timer --

    def tally(self, kind: str) -> None:
        self.game.tally(QuestionKind(kind))
        self._show_tally()

    def toggle_timer(self) -> None:
        self.game.timer.toggle()
        self._tick()

    # -- moves --

    def _do(self, action, *args):
        try:
            return action(*args)
        except KaartenError as e:   # the trainer is told
            self.app().show_error(e)
            return None

    def name_someone(self) -> NamingPanel:
        if self._panel is None:
            self._panel = NamingPanel(screen=self)
        game = self.game
        self._panel.player_name = game.session.players[game.answering_seat].name
        self._panel.question = self.ids.card.question
        self._panel.question_lang = self.ids.card.lang
        self._panel.open()
        return self._panel

    def names_recorder(self):
        """The naming panel records through the class game: a name is the
        answering seat's, whoever's turn it is (kaarten.classroom)."""
        return self.game

    def pass_card(self) -> None:
        self._do(self.game.pass_card)
        self._after_move()

    def next_turn(self) -> None:
        self._do(self.game.next_turn)
        self._after_move()

    def _after_move(self) -> None:
        from kaarten.classroom import Step
        game = self.game
        if game.session.finished or game.step() is not Step.PLAY:
            go_on(self.app())
        else:
            self.refresh()
            self.ids.card.deal_in()

    def show_case(self) -> None:
        self.app().go("classcase")

    def show_projector(self) -> None:
        self.app().go("projector")

    def ask_stop(self):
        question = ask(tr._("Stoppen en nabespreken?"),
                       tr._("Dit is een oefenspel: er wordt niets bewaard. Daarna zien jullie de nabespreking."),
                       yes=tr._("Ja, nabespreken"), no=tr._("Doorspelen"),
                       on_yes=self.stop, yes_kind="primary")
        self._questions.append(question)
        question.bind(on_dismiss=lambda q: self._questions.remove(q) if q in self._questions else None)
        return question

    def stop(self) -> None:
        if self._do(self.game.end) is None and not self.session.finished:
            return
        go_on(self.app())


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

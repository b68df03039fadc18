"""The wie-plan: "Wie vragen we om hulp?"

After the map, the family picks a few of their people and says, in their
own words, what they will ask them, who asks, and by when. One ask is made
in :class:`PlanLinePanel`: tap a person, say the words (or tap a picture
instead), then three taps: who asks, when, "Zet in het plan". A line is
tapped again to change or remove it. Under the asks, two lines the
family-group plan knows: what goes well, and the next step.

In a follow-up game the earlier plan's asks come first ("Hoe ging het?"),
each with three answers: done, not yet, not needed.

Every change is one call on the session (:mod:`kaarten.plan` holds the
rules), saved before the screen shows it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ColorProperty, ObjectProperty, StringProperty
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.modalview import ModalView

from app import naming, theme
from app.i18n import tr
from app.widgets import layout as _layout  # noqa: F401  (TopBar, ColumnLayout for kv)
from app.widgets.layout import AppScreen, Chip, MirroredBoxLayout, show_child
from app.widgets.who import ask_words, theme_look, theme_order
from kaarten.errors import KaartenError
from kaarten.plan import Outcome, When, deadline

__all__ = ["PlanScreen", "PlanLinePanel", "when_text", "by_text"]


def when_text(when: When) -> str:
    return {
        When.TODAY: tr._("Vandaag"),
        When.THIS_WEEK: tr._("Deze week"),
        When.NEXT_WEEK: tr._("Volgende week"),
        When.THIS_MONTH: tr._("Deze maand"),
    }[When(when)]


def by_text(by: dt.date | None) -> str:
    """'vóór 6 december' ('' when no date was picked)."""
    if by is None:
        return ""
    return tr._("vóór {date}").format(date=tr.format_date(by, "EEEE d MMMM"))


class PersonChip(Chip):
    """A person on the map: tap to ask them something."""

    person_id = ObjectProperty(None)


class ThemeButton(ButtonBehavior, AnchorLayout):
    """A theme to tap instead of typing: its pictogram on its colour."""

    theme_id = StringProperty("")
    source = StringProperty("")
    colour = ColorProperty(theme.SURFACE)
    selected = BooleanProperty(False)


class PickChip(Chip):
    """A choice in the panel (who asks, when) or an answer (done, not yet...)."""

    value = ObjectProperty(None, allownone=True)

    def natural_width(self) -> float:
        # a little slack: Ethiopic measures a little narrower than it draws,
        # and a three-word answer then wrapped beside free room
        return super().natural_width() + dp(8)


class PlanLineRow(ButtonBehavior, MirroredBoxLayout):
    """One ask of the plan; tap to change it."""

    line_id = ObjectProperty(None)
    person = StringProperty("")
    words = StringProperty("")
    detail = StringProperty("")
    source = StringProperty("")
    colour = ColorProperty(theme.SURFACE)


class EarlierAskRow(MirroredBoxLayout):
    """An ask of the earlier plan, with its three answers."""

    line_id = ObjectProperty(None)
    words = StringProperty("")
    source = StringProperty("")
    outcome = StringProperty("")

    def on_kv_post(self, *_):
        for chip in self.ids.outcomes.children:
            chip.selected = chip.value == self.outcome

    def choose(self, value: str) -> None:
        screen = self.screen()
        if screen is not None:
            screen.set_outcome(self.line_id, value)

    def screen(self):
        from kivy.app import App
        app = App.get_running_app()
        return app.root.get_screen("plan") if app is not None and app.root is not None else None


class PlanLinePanel(ModalView):
    """Make or change one ask: words (or a picture), who asks, when, save."""

    screen = ObjectProperty(None)
    person_id = ObjectProperty(None)
    person_name = StringProperty("")
    #: the line being changed (None: a new one)
    line_id = ObjectProperty(None, allownone=True)
    theme_id = StringProperty("")
    asker = ObjectProperty(None, allownone=True)
    by = ObjectProperty(None, allownone=True)
    can_save = BooleanProperty(False)
    #: the label of the picture tapped ('' when none)
    theme_label = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._remove = self.ids.remove_button.__self__
        self.ids.ask.bind(text=lambda *_: self._check())
        self._fill()
        self._check()

    @property
    def session(self):
        return self.screen.session if self.screen is not None else None

    def _fill(self) -> None:
        session, deck = self.session, self.screen.deck()
        themes = self.ids.themes
        themes.clear_widgets()
        for theme_id in theme_order(deck):
            look = theme_look(deck, theme_id)
            button = ThemeButton(theme_id=theme_id, source=look.source, colour=look.colour)
            button.bind(on_release=lambda b: self.pick_theme(b.theme_id))
            themes.add_widget(button)
        askers = self.ids.askers
        askers.clear_widgets()
        for p in session.players:
            chip = PickChip(text=naming.player_name(session, p), value=p.id, bg=theme.rgba(p.colour))
            chip.bind(on_release=lambda c: self.pick_asker(c.value))
            askers.add_widget(chip)
        whens = self.ids.whens
        whens.clear_widgets()
        for when in When:
            chip = PickChip(text=when_text(when), value=when.value)
            chip.bind(on_release=lambda c: self.pick_when(c.value))
            whens.add_widget(chip)
        if self.line_id is not None:
            line = session.plan.line(self.line_id)
            self.ids.ask.text = line.ask
            self.theme_id, self.asker, self.by = line.theme, line.asker, line.by
        show_child(self.ids.actions, self._remove, self.line_id is not None, index=len(self.ids.actions.children))
        self._mark()

    def pick_theme(self, theme_id: str) -> None:
        """Tap a picture (tap it again: none)."""
        self.theme_id = "" if self.theme_id == theme_id else theme_id
        self._mark()
        self._check()

    def pick_asker(self, player_id) -> None:
        self.asker = None if self.asker == player_id else player_id
        self._mark()

    def pick_when(self, when: str) -> None:
        by = deadline(when, dt.date.today())
        self.by = None if self.by == by else by
        self._mark()

    def _mark(self) -> None:
        self.theme_label = theme_look(self.screen.deck(), self.theme_id).label if self.theme_id else ""
        for b in self.ids.themes.children:
            b.selected = b.theme_id == self.theme_id
        for c in self.ids.askers.children:
            c.selected = c.value == self.asker
        today = dt.date.today()
        for c in self.ids.whens.children:
            c.selected = self.by is not None and deadline(c.value, today) == self.by

    def _check(self) -> None:
        self.can_save = bool(self.ids.ask.text.strip() or self.theme_id)

    def save(self) -> bool:
        """Into the plan (one transaction); the panel closes."""
        session = self.session
        words = self.ids.ask.text
        try:
            if self.line_id is None:
                session.add_plan_line(self.person_id, words, theme=self.theme_id, asker=self.asker, by=self.by)
            else:
                session.edit_plan_line(self.line_id, ask=words, theme=self.theme_id, asker=self.asker, by=self.by)
        except KaartenError as e:
            self.screen.app().show_error(e)
            return False
        self.dismiss()
        self.screen.refresh()
        return True

    def remove(self) -> None:
        try:
            self.session.remove_plan_line(self.line_id)
        except KaartenError as e:
            self.screen.app().show_error(e)
            return
        self.dismiss()
        self.screen.refresh()


class PlanScreen(AppScreen):
    has_earlier = BooleanProperty(False)
    has_lines = BooleanProperty(False)
    #: pseudonyms on: the plan is looked at, not changed (its typed words are hidden)
    read_only = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._panel: PlanLinePanel | None = None
        tr.bind(lang=self._on_lang)    # weakly: a method, not a lambda

    def _on_lang(self, *_) -> None:
        self.refresh()

    @property
    def session(self):
        app = self.app()
        return getattr(app, "session", None) if app is not None else None

    def deck(self):
        app, session = self.app(), self.session
        try:
            return app.decks.get(session.deck_id)
        except (AttributeError, KeyError):
            return None

    def on_kv_post(self, *_):
        self.watch_app("session", lambda *_: self.refresh())
        self.watch_app("pseudonyms", lambda *_: self.refresh())
        for name in ("goes_well", "next_step"):
            field = self.ids[name]
            field.bind(focus=lambda f, focused, n=name: None if focused else self.save_note(n))
            field.bind(on_text_validate=lambda f, n=name: self.save_note(n))

    def on_pre_enter(self, *_):
        self.refresh()

    def on_pre_leave(self, *_):
        for name in ("goes_well", "next_step"):     # words typed and not yet confirmed
            self.save_note(name)

    def on_leave(self, *_):
        self.close_panel()

    # -- showing --------------------------------------------------------------

    def refresh(self, *_) -> None:
        session, deck = self.session, self.deck()
        people, lines, earlier = self.ids.people, self.ids.lines, self.ids.earlier
        people.clear_widgets()
        lines.clear_widgets()
        earlier.clear_widgets()
        if session is None:
            self.close_panel()
            self.has_earlier = self.has_lines = False
            self.ids.goes_well.text = self.ids.next_step.text = ""
            return
        network, plan = session.network, session.plan
        # pseudonyms on: initials, "Speler n", and none of the family's typed
        # words (the plan is then only looked at: nothing is typed over them)
        hidden = naming.pseudonyms_on()
        self.read_only = hidden
        for person in network.people:
            chip = PersonChip(text=naming.person_name(session, person), person_id=person.id,
                              bg=theme.sector_look(person.sector).colour)
            chip.bind(on_release=lambda c: self.ask_someone(c.person_id))
            people.add_widget(chip)
        players = {p.id: p for p in session.players}
        for line in plan.asks:
            if line.person_id not in network:
                continue
            person = network.person(line.person_id)
            look = theme_look(deck, line.theme) if line.theme else None
            asker = players.get(line.asker)
            detail = [tr._("{name} vraagt het").format(name=naming.player_name(session, asker)) if asker else "",
                      by_text(line.by)]
            row = PlanLineRow(
                line_id=line.id, person=naming.person_name(session, person),
                words=("" if hidden else line.ask) or (look.label if look else ""),
                detail=" \u00b7 ".join(d for d in detail if d),
                source=look.source if look else "",
                colour=look.colour if look else theme.sector_look(person.sector).colour,
            )
            row.bind(on_release=lambda r: self.change_line(r.line_id))
            lines.add_widget(row)
        for line in plan.earlier_asks:
            if line.person_id not in network:
                continue
            look = theme_look(deck, line.theme) if line.theme else None
            earlier.add_widget(EarlierAskRow(
                line_id=line.id,
                words=ask_words(line, naming.person_name(session, network.person(line.person_id)), look,
                                hide_words=hidden),
                source=look.source if look else "",
                outcome=line.outcome.value if line.outcome else "",
            ))
        self.has_lines = bool(plan.asks)
        self.has_earlier = bool(plan.earlier_asks)
        notes = plan.notes
        for name in ("goes_well", "next_step"):
            field = self.ids[name]
            field.disabled = hidden
            if hidden:
                field.focus = False
                field.text = ""          # shown empty; save_note keeps the words as they were
            elif not field.focus:
                field.text = getattr(notes, name)

    # -- actions ----------------------------------------------------------------

    def ask_someone(self, person_id) -> PlanLinePanel | None:
        """Tap a person: the panel for a new ask of them."""
        return self._open(person_id, None)

    def change_line(self, line_id) -> PlanLinePanel | None:
        session = self.session
        if session is None:
            return None
        return self._open(session.plan.line(line_id).person_id, line_id)

    def _open(self, person_id, line_id) -> PlanLinePanel | None:
        session = self.session
        if session is None or person_id not in session.network or self.read_only:
            return None
        self.close_panel()
        self._panel = PlanLinePanel(screen=self, person_id=person_id, line_id=line_id,
                                    person_name=naming.person_name(session, session.network.person(person_id)))
        self._panel.bind(on_dismiss=lambda *_: setattr(self, "_panel", None))
        self._panel.open()
        return self._panel

    @property
    def panel(self) -> PlanLinePanel | None:
        return self._panel

    def close_panel(self) -> None:
        if self._panel is not None:
            panel, self._panel = self._panel, None
            panel.dismiss(animation=False)

    def set_outcome(self, line_id, value: str) -> None:
        """How an earlier ask went (tap the chosen answer again: not said)."""
        session = self.session
        if session is None:
            return
        current = session.plan.line(line_id).outcome
        outcome = None if current is not None and current.value == value else Outcome(value)
        try:
            session.set_outcome(line_id, outcome)
        except KaartenError as e:
            self.app().show_error(e)
        self.refresh()

    def save_note(self, name: str) -> None:
        session = self.session
        if session is None or self.read_only:
            return
        text = self.ids[name].text
        if getattr(session.plan.notes, name) == " ".join(text.split()):
            return
        try:
            session.set_plan_notes(**{name: text})
        except KaartenError as e:
            self.app().show_error(e)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

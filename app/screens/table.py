"""The table: the dealt card, whose turn it is, and naming people.

Every move is a call on the :class:`kaarten.session.Session` (which writes it
to disk before returning); this screen only shows the result. Naming someone
happens in :class:`NamingPanel`: type a name, tap a sector, tap a circle
(three taps), or tap the chip of someone named before (one tap).
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.layout import Layout
from kivy.uix.modalview import ModalView

from app import lock as _lock  # noqa: F401  (HideNamesButton for kv)
from app import theme
from app.errors import explain
from app.fonts import undrawable
from app.i18n import is_rtl, tr
from app.naming import RecordsNames, person_name, player_name
from app.scripts import display_text
from app.widgets import card as _card  # noqa: F401  (CardView for kv)
from app.widgets.dialog import ask
from app.widgets.layout import AppScreen, Chip, PictureMixin
from app.widgets.pictogram import pictogram_path
from app.widgets.text import ScriptLabel, style
from app.widgets.text_dialog import ask_text
from kaarten.errors import KaartenError
from kaarten.network import DISTINCTION_MAX, NAME_MAX, Closeness, NetworkError

__all__ = ["TableScreen", "NamingPanel", "SectorButton", "CircleButton"]

class _Natural:
    def natural_width(self) -> float:
        """Width needed so no word of the label is broken."""
        label = self.ids.label
        lang = label.lang or tr.lang
        words = label.text.split() or [""]
        widest = max(label._measure(display_text(w, lang)) for w in words)
        return widest + self.padding[0] + self.padding[2] + dp(8)


class SectorButton(_Natural, ButtonBehavior, BoxLayout):
    """A sector: its pictogram, colour and short label."""

    sector = StringProperty("")
    label = StringProperty("")
    colour = ColorProperty(theme.SURFACE)
    source = StringProperty("")
    selected = BooleanProperty(False)
    #: all sector buttons are as high as the highest one
    equal_height = NumericProperty(0)


class CircleButton(_Natural, ButtonBehavior, BoxLayout):
    """A closeness: a circle (big = very close) and its words."""

    closeness = NumericProperty(1)
    label = StringProperty("")
    dot = NumericProperty(dp(56))


class NamingPanel(ModalView):
    """Name someone for the card on the table.

    It keeps still while typing: once anyone is named in the game, the
    chips of people named before have two rows of room of their own (more
    scroll), the messages and the question above the sectors keep their
    lines, so a finger aimed at a sector lands on it. Before the first name
    no chip can come, so there is no empty room for them: the room comes
    with the first name saved, not while typing. The name field keeps the focus after a name is saved; a message
    about what to fix goes as soon as it is fixed. A name already used asks
    once: the same person, or someone else (then a few words tell them apart).
    """

    screen = ObjectProperty(None)
    player_name = StringProperty("")
    #: the card's question (the panel covers the card) and its language
    question = StringProperty("")
    question_lang = StringProperty("")
    sector = StringProperty("")
    feedback = StringProperty("")
    feedback_ok = BooleanProperty(True)
    chips_hint = StringProperty("")
    #: anyone named in this game yet (else no chip can show: no room kept for them)
    has_people = BooleanProperty(False)
    name_max = NumericProperty(NAME_MAX)
    #: the height of the table's top bar, which the panel leaves free
    top_room = NumericProperty(0)
    #: the typed name, tidied (for "Waar hoort oma bij?")
    who = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._refresh_chips = Clock.create_trigger(self.fill_chips, 0)
        #: what the shown error is about: 'name', 'sector', 'long', 'symbol' ('' for none)
        self._problem = ""
        self._asking = None
        self.ids.name.bind(text=lambda *_: self._typed())
        self._fill_sectors()
        self._fill_circles()
        tr.bind(lang=self._relabel)

    # -- contents --

    def _fill_sectors(self) -> None:
        grid = self.ids.sectors
        grid.clear_widgets()
        for look in theme.SECTORS:
            button = SectorButton(sector=str(look.sector), label=look.label, colour=look.colour,
                                source=pictogram_path(look.pictogram))
            button.bind(on_release=lambda b: self.choose_sector(b.sector),
                        minimum_height=self._equalize)
            grid.add_widget(button)

    def _equalize(self, *_):
        buttons = self.ids.sectors.children
        tallest = max((b.minimum_height for b in buttons), default=0)
        for b in buttons:
            b.equal_height = tallest

    def _fill_circles(self) -> None:
        row = self.ids.circles
        row.clear_widgets()
        for closeness, size in ((Closeness.VERY_CLOSE, 60), (Closeness.CLOSE, 44), (Closeness.FURTHER, 28)):
            button = CircleButton(closeness=int(closeness), label=theme.closeness_label(closeness), dot=dp(size))
            button.bind(on_release=lambda b: self.choose_closeness(b.closeness))
            row.add_widget(button)

    def _relabel(self, *_):
        for b in self.ids.sectors.children:
            b.label = theme.sector_label(b.sector)
        for b in self.ids.circles.children:
            b.label = theme.closeness_label(b.closeness)
        self._refresh_chips()

    def on_open(self):
        self.feedback = ""
        self._problem = ""
        self.sector = ""
        for b in self.ids.sectors.children:
            b.selected = False
        self.ids.name.text = ""
        self.ids.scroll.scroll_y = 1        # the people named before first, not where the last visit left it
        self._refresh_chips()
        self.keep_focus()

    def keep_focus(self, *_):
        """The name field has the focus (after Enter, after a name is saved)."""
        Clock.schedule_once(lambda *_: setattr(self.ids.name, "focus", True), 0)

    def on_dismiss(self):
        self.ids.name.focus = False
        if self._asking is not None:
            self._asking.dismiss(animation=False)

    def _typed(self) -> None:
        name = self.ids.name.text.strip()
        self.who = " ".join(name.split())
        if self.feedback_ok and name:
            self.feedback = ""              # "oma staat erbij." goes when the next name starts
        elif not self.feedback_ok and self._problem_fixed(name):
            self.feedback = ""
            self._problem = ""
        self._refresh_chips()

    def _problem_fixed(self, name: str) -> bool:
        if self._problem == "name":
            return bool(name)
        if self._problem == "long":
            return len(" ".join(name.split())) <= NAME_MAX
        if self._problem == "symbol":
            return not undrawable(name)
        if self._problem == "sector":
            return bool(self.sector)
        return True

    def fill_chips(self, *_) -> None:
        """People named before: those matching the typed name first."""
        box = self.ids.chips
        box.clear_widgets()
        session = self.screen.session if self.screen else None
        if session is None:
            return
        self.has_people = len(session.network) > 0
        typed = self.ids.name.text.strip()
        offer = session.network.suggestions(typed)
        same_ids = {p.id for p in offer.same}
        if typed:
            self.chips_hint = (tr._("Al genoemd. Is het dezelfde? Tik op de naam.") if offer.same
                               else (tr._("Bedoel je een van deze mensen?") if offer.others else ""))
        else:
            self.chips_hint = tr._("Al genoemd. Tik om nog eens te noemen:") if offer.others else ""
        for person in offer.people[:24]:
            look = theme.sector_look(person.sector)
            chip = Chip(text=person_name(session, person), bg=look.colour,
                        bold=person.id in same_ids, selected=person.id in same_ids)
            chip.person_id = person.id
            chip.bind(on_release=lambda c: self.choose_person(c.person_id))
            box.add_widget(chip)
        self.ids.chips_scroll.scroll_y = 1

    # -- taps --

    def choose_sector(self, sector: str) -> None:
        self.sector = sector
        for b in self.ids.sectors.children:
            b.selected = b.sector == sector
        if self._problem == "sector":
            self.feedback, self._problem = "", ""
        if not self.ids.name.text.strip():
            self.say(tr._("Typ eerst een naam of rol."), ok=False, problem="name")
        # the next tap is a circle: on a short screen they lie below the fold
        self.ids.scroll.scroll_to(self.ids.circles, padding=dp(8))

    def _name_problem(self, name: str) -> bool:
        """Say what is wrong with the typed name (before anything is saved)."""
        if not name:
            self.say(tr._("Typ eerst een naam of rol."), ok=False, problem="name")
            return True
        if len(" ".join(name.split())) > NAME_MAX:
            self.say(tr._("Deze naam is te lang. Een voornaam of rol is genoeg (hoogstens {max} tekens).")
                     .format(max=NAME_MAX), ok=False, problem="long")
            return True
        if undrawable(name):
            self.say(tr._("Dit plaatje kan de tablet niet laten zien. Typ de naam in letters, "
                          "of kies een ander plaatje."), ok=False, problem="symbol")
            return True
        return False

    def choose_closeness(self, closeness: int) -> None:
        name = self.ids.name.text.strip()
        if self._name_problem(name):
            return
        if not self.sector:
            self.say(tr._("Kies eerst waar {name} bij hoort.").format(name=name), ok=False, problem="sector")
            return
        same = self.screen.session.network.matches(name)
        if same:
            self._ask_same(name, same, self.sector, closeness)
            return
        self._record(name, self.sector, closeness)

    def _record(self, name: str, sector: str, closeness: int, distinction: str = "") -> str | None:
        try:
            extra = (distinction,) if distinction else ()     # (the class table's screen takes none)
            person = self.screen.record_new(name, sector, closeness, *extra)
        except NetworkError as e:          # a name that cannot be: say so here
            self.say(explain(e), ok=False, problem="name")
            return explain(e)
        if person is not None:
            self._done(tr._("{name} staat erbij.").format(name=person_name(self.screen.session, person)))
        return None

    def _ask_same(self, name: str, same: list, sector: str, closeness: int):
        """Someone of this name is on the map already: ask once, the same
        person or someone else; someone else gets a few words of difference."""
        labels = tr.format_list([person_name(self.screen.session, p) for p in same])

        def other():
            self._asking = ask_text(
                tr._("Wat is het verschil?"),
                tr._("Een paar woorden, zodat jullie ze uit elkaar houden."),
                "", tr._("zoals: van papa"), tr._("Opslaan"), tr._("Terug"),
                on_save=lambda words: self._record(name, sector, closeness, words.strip()),
                max_chars=DISTINCTION_MAX)
            self._asking.bind(on_dismiss=lambda *_: self.keep_focus())

        def same_one():
            if len(same) == 1:
                self.choose_person(same[0].id)
            else:
                self.say(tr._("Tik op de juiste naam hierboven."), ok=True)
                self.ids.scroll.scroll_y = 1      # the names are there, not scrolled away
                self.keep_focus()

        self._asking = ask(tr._("{name} staat er al.").format(name=labels),
                           tr._("Is het dezelfde persoon of iemand anders?"),
                           yes=tr._("Iemand anders"), no=tr._("Dezelfde persoon"),
                           on_yes=other, on_no=same_one)
        return self._asking

    def choose_person(self, person_id) -> None:
        person = self.screen.record_again(person_id)
        if person is not None:
            self._done(tr._("{name} staat erbij.").format(name=person_name(self.screen.session, person)))

    def _done(self, message: str) -> None:
        self.ids.name.text = ""
        self.sector = ""
        for b in self.ids.sectors.children:
            b.selected = False
        self.ids.scroll.scroll_y = 1        # back to the top: the chips of people named before show
        self.say(message, ok=True)
        self._refresh_chips()
        self.keep_focus()

    def say(self, message: str, ok: bool = True, problem: str = "") -> None:
        self.feedback_ok = ok
        self.feedback = message
        self._problem = "" if ok else problem


class TurnLabel(ButtonBehavior, ScriptLabel):
    """Whose turn it is; a tap corrects the player's name."""


class TurnButtons(Layout):
    """The three moves of a turn: one row (Pas, Iemand noemen, Volgende) when
    their words fit at their shares of the width; otherwise "Iemand noemen"
    on a row of its own above the other two, or all three stacked. Each row is
    as high as its highest button; the whole is as high as its rows, and it
    mirrors in a right-to-left UI. A Layout: the buttons never change parent."""

    spacing = NumericProperty(0)
    padding = ListProperty([0, 0, 0, 0])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("pos", "width", "spacing", "padding", "children"):
            self.fbind(name, self._trigger_layout)
        style.bind(scale=self._trigger_layout)
        tr.bind(lang=self._trigger_layout)

    def add_widget(self, widget, *args, **kwargs):
        widget.fbind("height", self._trigger_layout)
        super().add_widget(widget, *args, **kwargs)

    def rows(self) -> list[list]:
        buttons = list(reversed(self.children))          # in kv order
        left, _top, right, _bottom = self.padding
        width, gap = self.width - left - right, self.spacing
        shares = [b.size_hint_x or 1 for b in buttons]
        room = width - gap * (len(buttons) - 1)
        if all(b.natural_width() <= room * sh / sum(shares) for b, sh in zip(buttons, shares)):
            return [buttons]
        first, *others = sorted(buttons, key=lambda b: -(b.size_hint_x or 1))   # the main move on top
        if all(b.natural_width() <= (width - gap) / 2 for b in others):
            return [[first], [b for b in buttons if b is not first]]
        return [[first]] + [[b] for b in sorted(others, key=lambda b: -(b.size_hint_x or 1))]

    def do_layout(self, *_):
        if not self.children or self.width <= 1:
            return
        left, top, right, bottom = self.padding
        width, gap = self.width - left - right, self.spacing
        rtl = is_rtl(tr.lang)
        rows = self.rows()
        heights = [max(b.height for b in row) for row in rows]
        total = top + bottom + sum(heights) + gap * (len(rows) - 1)
        y = self.y + total - top
        for row, height in zip(rows, heights):
            y -= height
            shares = [b.size_hint_x or 1 for b in row]
            free = width - gap * (len(row) - 1)
            x = self.x + left
            for b, share in zip(row, shares):
                b.width = free * share / sum(shares)
                b.x = (self.x + self.width - (x - self.x) - b.width) if rtl else x
                b.y = y + (height - b.height) / 2
                x += b.width + gap
            y -= gap
        self.height = total


class PictureTurnButtons(PictureMixin, TurnButtons):
    """The turn's buttons drawn from a picture of themselves (see PictureMixin)."""


class TableScreen(RecordsNames, AppScreen):
    player_name = StringProperty("")
    player_colour = ColorProperty(theme.PRIMARY)
    pile_text = StringProperty("")
    asks_people = BooleanProperty(True)
    named_text = StringProperty("")
    practice = BooleanProperty(False)
    #: at the start of a game: what is kept, and for how long
    kept_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._card_id = None
        self._panel: NamingPanel | None = None
        #: open questions about the session in play (closed when it is left)
        self._questions: list = []
        # a language switch re-draws in place; it never deals or navigates
        tr.bind(lang=self._on_lang)    # weakly: a method, not a lambda

    def _on_lang(self, *_) -> None:
        self.refresh(animate=False)

    @property
    def session(self):
        """The App's session in play; this screen keeps no copy of its own."""
        app = self.app()
        return app.session if app is not None else None

    def on_kv_post(self, *_):
        self.watch_app("session", self._session_changed)
        self.watch_app("pseudonyms", self._names_changed)

    def _names_changed(self, *_) -> None:
        """Pseudonyms on or off: every name here is shown again the new way."""
        if self.session is None:
            return
        self.refresh()
        if self._panel is not None and self._panel.parent is not None:
            self._panel.player_name = player_name(self.session, self.session.current_player)
            self._panel.fill_chips()

    def _session_changed(self, _app, session) -> None:
        # forget the one that was in play; another one is drawn here now only
        # when this screen shows (else on_pre_enter does)
        self.clear()
        if self.manager is not None and self.manager.current == self.name:
            self.refresh()

    def on_pre_enter(self, *_):
        session = self.session
        if session is not None and not session.finished and session.current_card is None:
            self._do(session.deal)
        self.refresh(animate=True)

    # -- showing --

    def clear(self) -> None:
        """Forget everything shown of the session that was in play: the
        card, whose turn it was, the names on the card, the naming panel
        and any open question about it."""
        if self._panel is not None:
            self._panel.dismiss(animation=False)
            self._panel.ids.name.text = ""
            self._panel.ids.chips.clear_widgets()
            self._panel.player_name = self._panel.feedback = self._panel.chips_hint = ""
        for question in list(self._questions):
            question.dismiss(animation=False)
        self._questions.clear()
        self.ids.named.clear_widgets()
        self.named_text = self.player_name = self.pile_text = self.kept_text = ""
        self.ids.card.clear()
        self._card_id = None
        self.practice = False

    def refresh(self, animate: bool = False) -> None:
        """Draw the session in play as it is now (nothing when there is none
        or it has ended: the App decides where to go, never a redraw)."""
        session = self.session
        if session is None or session.finished or session.current_card is None:
            return
        self.practice = bool(self.app().practice_session)
        self.kept_text = self._kept_text(session)
        player = session.current_player
        self.player_name = tr._("{name} is aan de beurt").format(name=player_name(session, player))
        self.player_colour = theme.rgba(player.colour)
        left = len(session.table.pile)
        self.pile_text = tr.ngettext("Nog {n} kaart", "Nog {n} kaarten", left).format(n=left)
        card_id = session.current_card
        self._show_card(card_id)
        self._show_named()
        if animate or card_id != self._card_id:
            self.ids.card.deal_in()
        self._card_id = card_id

    def _kept_text(self, session) -> str:
        """During the first turn of a game, one line says what is kept and
        for how long (practice mode says it keeps nothing, elsewhere)."""
        if self.practice or session.table.turn_number != 1:
            return ""
        days = self.app().prefs.retention_days
        return tr.ngettext(
            "Wat jullie vertellen, blijft alleen op deze tablet: de namen en waar ze bij horen. "
            "{n} dag na het laatste spel wordt het gewist.",
            "Wat jullie vertellen, blijft alleen op deze tablet: de namen en waar ze bij horen. "
            "{n} dagen na het laatste spel wordt het gewist.", days).format(n=days)

    def _show_card(self, card_id: str) -> None:
        app = self.app()
        view = self.ids.card
        session = self.session
        try:
            source = app.decks.get(session.deck_id)
        except KeyError:
            source = None
        if source is None or not view.show(source, session.language, card_id, tr.lang):
            # the deck changed since this game began
            view.question = tr._("Deze kaart is er niet meer. Tik op Volgende speler.")
            view.follow_up = view.second_question = view.theme_label = view.pictogram = ""
            view.colour = theme.SURFACE
            self.asks_people = False
            return
        self.asks_people = source.localized(session.language).card(card_id).asks_for_people

    def _show_named(self) -> None:
        session = self.session
        card = session.current_card
        box = self.ids.named
        box.clear_widgets()
        seen = session.network.named_for(card) if card is not None else ()
        for person in seen:
            chip = Chip(text=person_name(session, person), bg=theme.sector_look(person.sector).colour,
                        size_sp=theme.FONT_SMALL)
            chip.person_id = person.id
            chip.bind(on_release=lambda c: self.ask_take_back(c.person_id))
            box.add_widget(chip)
        self.named_text = tr._("Genoemd bij deze kaart:") if seen else ""

    # -- moves --

    def _do(self, action, *args, **kwargs):
        """Run a session action; a failure is told, never a crash."""
        try:
            return action(*args, **kwargs)
        except KaartenError as e:  # the worker sees what went wrong
            self.app().show_error(e)
            return None

    def name_someone(self) -> NamingPanel:
        if self._panel is None:
            self._panel = NamingPanel(screen=self)
        self._panel.player_name = player_name(self.session, self.session.current_player)
        self._panel.top_room = self.ids.topbar.height
        self._panel.question = self.ids.card.question
        self._panel.question_lang = self.ids.card.lang
        self._panel.open()
        return self._panel

    def ask_take_back(self, person_id):
        """A name recorded by mistake: tap its chip to take it back from this card."""
        session = self.session
        name = person_name(session, session.network.person(person_id))
        return self._ask(tr._("{name} weghalen?").format(name=name),
                         tr._("{name} wordt weggehaald bij deze kaart.").format(name=name),
                         yes=tr._("Weghalen"), no=tr._("Laten staan"),
                         on_yes=lambda: self.take_back(person_id), yes_kind="danger")

    def _ask(self, *args, **kwargs):
        question = ask(*args, **kwargs)
        self._questions.append(question)
        question.bind(on_dismiss=lambda q: self._questions.remove(q) if q in self._questions else None)
        return question

    def take_back(self, person_id) -> None:
        """Undo: remove this card's mentions of the person; a person named
        nowhere else is removed altogether (nothing stays behind by mistake)."""
        self._do(self.session.take_back, person_id)
        self._show_named()

    def pass_card(self) -> None:
        self._after_move(self._do(self.session.pass_card))

    def next_turn(self) -> None:
        self._after_move(self._do(self.session.next_turn))

    def _after_move(self, _dealt) -> None:
        if self.session.finished:
            self.app().show_summary()
        else:
            self.refresh(animate=True)

    def ask_player_name(self):
        """Correct the name of the player whose turn it is (also after the
        game started); an empty name leaves them "Speler 2"."""
        session = self.session
        if session is None or session.finished or self.app().pseudonyms:
            return None      # with initials on, a typed name is never put on the screen
        player = session.current_player

        def save(text: str) -> str | None:
            if undrawable(text):
                return tr._("Dit plaatje kan de tablet niet laten zien. Typ de naam in letters, "
                            "of kies een ander plaatje.")
            try:
                session.rename_player(player.id, text)
            except NetworkError as e:
                return explain(e)
            except KaartenError as e:
                self.app().show_error(e)
            self.refresh()
            return None

        question = ask_text(tr._("Naam van deze speler"), "", player.name, tr._("Naam of rol, zoals mama"),
                            tr._("Opslaan"), tr._("Niet veranderen"), on_save=save, max_chars=NAME_MAX)
        self._questions.append(question)
        question.bind(on_dismiss=lambda q: self._questions.remove(q) if q in self._questions else None)
        return question

    def ask_stop(self):
        if self.app().practice_session:
            message = tr._("Dit is een oefenspel: er wordt niets bewaard. "
                           "Daarna zien jullie het overzicht, tot je op Klaar tikt.")
        else:
            message = tr._("Alles wat jullie vertelden, is bewaard. "
                           "Daarna zien jullie het overzicht van jullie mensen.")
        return self._ask(tr._("Stoppen met spelen?"), message,
                         yes=tr._("Ja, stoppen"), no=tr._("Doorspelen"),
                         on_yes=self.app().end_game, yes_kind="primary")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

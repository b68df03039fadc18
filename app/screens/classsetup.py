"""Class mode, set-up: which cards, which case family, the seats, the timer.

The trainer chooses the class deck, or the family deck played with one of
the class deck's case families; two to eight seats (a name each, or
nothing: "Stoel 2"); and the turn timer (off, or 1 to 5 minutes). Nothing
of it is kept: a class game is played on a store that keeps nothing.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import NumericProperty, StringProperty

from app.classmode import seat_name
from app.i18n import tr
from app.screens.setup import ChoiceTile
from app.widgets.layout import AppScreen, Chip
from app.widgets.text import ScriptTextInput
from kaarten.classroom import CLASS_DECK, MAX_SEATS, MIN_SEATS, TIMER_MINUTES, case_families, case_title

__all__ = ["ClassSetupScreen", "FAMILY_DECK"]

#: the family deck played with a case family
FAMILY_DECK = "wie-is-er-voor-jou"


class ClassSetupScreen(AppScreen):
    #: CLASS_DECK or FAMILY_DECK
    deck_id = StringProperty(CLASS_DECK)
    #: the case family card played with the family deck
    case_id = StringProperty("")
    #: 0: the timer is off
    minutes = NumericProperty(0)
    seat_count = NumericProperty(0)

    def on_kv_post(self, *_):
        tr.bind(lang=self._refresh_if_shown)    # weakly: a method, not a lambda

    def on_pre_enter(self, *_):
        if not self.ids.seats.children:
            for _n in range(3):
                self.add_seat()
        self.refresh()

    # -- what is offered --

    def _decks(self):
        decks = self.app().decks
        out = {}
        for deck_id in (CLASS_DECK, FAMILY_DECK):
            try:
                out[deck_id] = decks.get(deck_id)
            except KeyError:
                pass
        return out

    def refresh(self) -> None:
        decks = self._decks()
        box = self.ids.decks
        box.clear_widgets()
        if self.deck_id not in decks and decks:
            self.deck_id = next(iter(decks))
        labels = {CLASS_DECK: (tr._("Klaskaarten"),
                               tr._("Van wat-vraag naar wie-vraag, reflectie en rollenspel")),
                  FAMILY_DECK: (tr._("Gezinskaarten met een casusgezin"),
                                tr._("Speel het gezinsdeck als een verzonnen gezin"))}
        for deck_id in decks:
            title, detail = labels[deck_id]
            tile = ChoiceTile(title=title, detail=detail, value=deck_id, selected=deck_id == self.deck_id)
            tile.bind(on_release=lambda t: self.choose_deck(t.value))
            box.add_widget(tile)
        self._fill_cases()
        self._fill_minutes()

    def _fill_cases(self) -> None:
        box = self.ids.cases
        box.clear_widgets()
        if self.deck_id != FAMILY_DECK or CLASS_DECK not in self._decks():
            self.case_id = ""
            return
        klas = self._decks()[CLASS_DECK]
        shown = klas.localized(tr.lang) if tr.lang in klas.languages else klas
        cases = case_families(shown)
        if cases and self.case_id not in {c.id for c in cases}:
            self.case_id = cases[0].id
        for card in cases:
            tile = ChoiceTile(title=case_title(card.text), value=card.id, selected=card.id == self.case_id)
            tile.bind(on_release=lambda t: self.choose_case(t.value))
            box.add_widget(tile)

    def _fill_minutes(self) -> None:
        box = self.ids.minutes
        box.clear_widgets()
        for m in (0,) + TIMER_MINUTES:
            text = tr._("Uit") if m == 0 else tr.ngettext("{n} minuut", "{n} minuten", m).format(n=m)
            chip = Chip(text=text, kind="surface", selected=m == self.minutes)
            chip.minutes = m
            chip.bind(on_release=lambda c: self.choose_minutes(c.minutes))
            box.add_widget(chip)

    # -- choices --

    def choose_deck(self, deck_id: str) -> None:
        self.deck_id = deck_id
        for tile in self.ids.decks.children:
            tile.selected = tile.value == deck_id
        self._fill_cases()

    def choose_case(self, case_id: str) -> None:
        self.case_id = case_id
        for tile in self.ids.cases.children:
            tile.selected = tile.value == case_id

    def choose_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        for chip in self.ids.minutes.children:
            chip.selected = chip.minutes == minutes

    def _fields(self) -> list:
        return list(reversed(self.ids.seats.children))

    def add_seat(self, name: str = ""):
        fields = self._fields()
        if len(fields) >= MAX_SEATS:
            return None
        field = ScriptTextInput(hint_text=seat_name(len(fields) + 1), text=name)
        self.ids.seats.add_widget(field)
        self.seat_count = len(fields) + 1
        return field

    def remove_seat(self) -> None:
        fields = self._fields()
        if len(fields) > MIN_SEATS:
            self.ids.seats.remove_widget(fields[-1])
            self.seat_count = len(fields) - 1

    def seats(self) -> list[tuple[str, str]]:
        from app import theme
        return [(f.text.strip() or seat_name(i), theme.player_colour(i - 1))
                for i, f in enumerate(self._fields(), start=1)]

    # -- go --

    def begin(self) -> None:
        deck = self._decks().get(self.deck_id)
        if deck is None:
            return
        language = tr.lang if tr.lang in deck.languages else deck.language
        case = self.case_id if self.deck_id == FAMILY_DECK else None
        if self.app().start_class_game(deck.id, language, self.seats(), case_card=case or None,
                                       timer_minutes=self.minutes or None):
            self.ids.seats.clear_widgets()      # the next class starts from a clean form
            self.seat_count = 0


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

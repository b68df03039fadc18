"""Set-up: which cards, in which language, and who is at the table.

One to eight players, each a name or a role ("mama") and a colour. Nothing
else is asked; one big "Beginnen" starts the game.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from app import theme
from app.i18n import language_name, tr
from app.widgets.layout import AppScreen, Chip, MirroredBoxLayout, show_child
from kaarten.errors import KaartenError
from kaarten.table import MAX_PLAYERS, validate_players

__all__ = ["SetupScreen", "MAX_PLAYERS", "ROLES", "draft_note"]


def ROLES() -> list[str]:
    """Quick choices for a player's name, in the UI language."""
    return [tr._("mama"), tr._("papa"), tr._("kind"), tr._("oma"), tr._("opa"),
            tr._("broer"), tr._("zus")]


def audience_label(audience: str) -> str:
    return {
        "family": tr._("Voor het hele gezin"),
        "children": tr._("Voor kinderen"),
        "class": tr._("Voor de klas (oefenen)"),
    }.get(str(audience), "")


def draft_note(deck, lang: str) -> str:
    """The line under the card languages when ``lang`` is a translation that
    no native speaker has read yet (``reviewed: false``); else empty."""
    translation = deck.translations.get(lang) if deck is not None else None
    if translation is None or translation.reviewed:
        return ""
    return tr._("Deze kaarten zijn een eerste vertaling. Nog niemand met {language} als moedertaal "
                "heeft ze gelezen.").format(language=language_name(lang, tr.lang))


class ChoiceTile(ButtonBehavior, BoxLayout):
    """A big choice tile: a title and a line under it."""

    title = StringProperty("")
    detail = StringProperty("")
    selected = BooleanProperty(False)
    value = StringProperty("")


class PlayerRow(MirroredBoxLayout):
    """One player: colour (tap to change), name field, remove."""

    colour_hex = StringProperty(theme.PLAYER_COLOURS[0])
    colour = ColorProperty(theme.PRIMARY)
    number = NumericProperty(1)
    can_remove = BooleanProperty(True)

    def on_colour_hex(self, *_):
        self.colour = theme.rgba(self.colour_hex)

    @property
    def name(self) -> str:
        return self.ids.name.text.strip()


class SetupScreen(AppScreen):
    deck_id = StringProperty("")
    language = StringProperty("nl")
    player_count = NumericProperty(0)
    languages = ListProperty([])
    #: said when the chosen card language is a draft no native speaker read yet
    draft_text = StringProperty("")

    def on_kv_post(self, *_):
        tr.bind(lang=self._language_changed)
        self.draft_label = self.ids.draft_note.__self__  # kv ids are weak; it leaves the tree while empty
        show_child(self.ids.column, self.draft_label, False)

    def _language_changed(self, *_):
        self.fill_roles()
        if self.manager is not None and self.manager.current == self.name:
            self.refresh_decks()

    def on_pre_enter(self, *_):
        if not self.ids.players.children:
            self.reset()
        self.fill_roles()
        self.refresh_decks()
        self.ids.scroll.scroll_y = 1          # opens at the top, the deck choice in view

    def fill_roles(self) -> None:
        box = self.ids.roles
        box.clear_widgets()
        for role in ROLES():
            chip = Chip(text=role, kind="surface", size_sp=theme.FONT_BODY)
            chip.bind(on_release=lambda c: self.quick_role(c.text))
            box.add_widget(chip)

    def reset(self) -> None:
        """A fresh form: the first deck, the preferred card language, one player
        (the family before chose theirs: it is not the next family's)."""
        self.deck_id = ""
        self.language = ""
        self.refresh_decks()
        self.ids.players.clear_widgets()
        self.player_count = 0
        self.add_player()

    # -- decks and language --

    def refresh_decks(self) -> None:
        app = self.app()
        order = {"family": 0, "children": 1, "class": 2}
        decks = sorted(app.decks.decks if app.decks else (),
                       key=lambda d: (order.get(str(d.audience), 3), d.title))
        if decks and self.deck_id not in {d.id for d in decks}:
            self.deck_id = decks[0].id
        box = self.ids.decks
        box.clear_widgets()
        for deck in decks:
            shown = deck.localized(tr.lang)  # a title-only language deck names it too
            n = len(deck.cards)
            detail = " · ".join(x for x in (
                audience_label(deck.audience),
                tr.ngettext("{n} kaart", "{n} kaarten", n).format(n=n)) if x)
            tile = ChoiceTile(title=shown.title, detail=detail, value=deck.id,
                              selected=deck.id == self.deck_id)
            tile.bind(on_release=lambda t: self.choose_deck(t.value))
            box.add_widget(tile)
        self.refresh_languages()

    def choose_deck(self, deck_id: str) -> None:
        self.deck_id = deck_id
        for tile in self.ids.decks.children:
            tile.selected = tile.value == deck_id
        self.refresh_languages()

    def current_deck(self):
        app = self.app()
        try:
            return app.decks.get(self.deck_id)
        except (KeyError, AttributeError):
            return None

    def refresh_languages(self) -> None:
        deck = self.current_deck()
        langs = list(deck.languages) if deck else ["nl"]
        preferred = self.app().prefs.card_language
        if self.language not in langs:
            self.language = preferred if preferred in langs else langs[0]
        self.languages = langs
        box = self.ids.languages
        box.clear_widgets()
        for lang in langs:
            chip = Chip(text=language_name(lang), lang=lang, selected=lang == self.language,
                        kind="surface")
            chip.lang_code = lang
            chip.bind(on_release=lambda c: self.choose_language(c.lang_code))
            box.add_widget(chip)
        self._show_draft_note()

    def choose_language(self, lang: str) -> None:
        self.language = lang
        for chip in self.ids.languages.children:
            chip.selected = chip.lang_code == lang
        self._show_draft_note()

    def _show_draft_note(self) -> None:
        self.draft_text = draft_note(self.current_deck(), self.language)
        column, languages = self.ids.column, self.ids.languages
        show_child(column, self.draft_label, False)
        if self.draft_text:  # right under the language chips
            show_child(column, self.draft_label, True, index=column.children.index(languages))

    # -- players --

    def _rows(self) -> list[PlayerRow]:
        return list(reversed(self.ids.players.children))

    def add_player(self, name: str = "", focus: bool = False) -> PlayerRow | None:
        """A new player row (``focus``: its name field gets the focus, as
        after a tap on "Nog iemand speelt mee"). A second tap while the last
        row is still empty gives that row the focus instead of a new one."""
        rows = self._rows()
        if focus and not name and len(rows) > 1 and not rows[-1].ids.name.text.strip():
            self._focus(rows[-1])
            return rows[-1]
        if len(rows) >= MAX_PLAYERS:
            return None
        used = {r.colour_hex for r in rows}
        colour = next(c for c in theme.PLAYER_COLOURS if c not in used)
        row = PlayerRow(colour_hex=colour, number=len(rows) + 1)
        row.ids.name.text = name
        self.ids.players.add_widget(row)
        self._renumber()
        if focus:
            self._focus(row)
        return row

    def _focus(self, row: PlayerRow) -> None:
        def now(*_):
            self.ids.scroll.scroll_to(row, padding=dp(80), animate=False)
            row.ids.name.focus = True
        Clock.schedule_once(now, 0)

    def remove_player(self, row: PlayerRow) -> None:
        if len(self._rows()) > 1:
            self.ids.players.remove_widget(row)
            self._renumber()

    def next_colour(self, row: PlayerRow) -> None:
        used = {r.colour_hex for r in self._rows() if r is not row}
        colours = theme.PLAYER_COLOURS
        i = colours.index(row.colour_hex) if row.colour_hex in colours else -1
        for step in range(1, len(colours) + 1):
            c = colours[(i + step) % len(colours)]
            if c not in used:
                row.colour_hex = c
                return

    def quick_role(self, role: str) -> None:
        """Put a role in the first empty name field, or add a player with it."""
        for row in self._rows():
            if not row.ids.name.text.strip():
                row.ids.name.text = role
                return
        self.add_player(role)

    def _renumber(self) -> None:
        rows = self._rows()
        for i, row in enumerate(rows, start=1):
            row.number = i
            row.can_remove = len(rows) > 1
        self.player_count = len(rows)

    def players(self) -> list[tuple[str, str]]:
        """(name, colour) of every player, in turn order. Empty rows at the end
        are dropped (a double tap on "Nog iemand" makes no phantom player); a
        player between others without a name stays, without a name (shown as
        "Speler 2" in the language of the moment; nothing made up is stored)."""
        rows = self._rows()
        while len(rows) > 1 and not rows[-1].name:
            rows.pop()
        return [(row.name, row.colour_hex) for row in rows]

    # -- go --

    def begin(self) -> None:
        deck = self.current_deck()
        if deck is None:
            return
        players = self.players()
        try:
            validate_players(players)     # the game's rule, asked before anything starts
        except KaartenError as e:
            self.app().show_error(e)
            return
        if self.app().start_game(deck.id, self.language, players):
            self.ids.players.clear_widgets()     # the next game starts from a clean form


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""Class mode: the debrief. What was named (counts per part of life and
circle, never a name), how many names every seat gave in the role it
answered in, the observer's tally, the class deck's rewrite cards that were
played, and three questions for the group. "Opslaan als
Markdown" writes the same for the lecturer (:func:`kaarten.classroom.debrief_markdown`);
"Klaar" empties the practice game and goes home.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import StringProperty

from app import theme
from app.classmode import debrief_words, reflection_prompts, role_label, save_debrief, seat_name
from app.i18n import is_rtl, tr
from app.scripts import display_text, keep_place
from app.widgets.layout import AppScreen
from app.widgets.text import ScriptLabel, style
from kaarten.classroom import Debrief, debrief, debrief_markdown
from kaarten.network import Closeness, Sector

__all__ = ["DebriefScreen", "current_debrief", "debrief_text"]


def current_debrief(app) -> Debrief | None:
    """The debrief of the App's class game, or None."""
    game = app.class_game
    if game is None:
        return None
    try:
        deck = app.decks.get(game.session.deck_id).localized(game.session.language)
    except KeyError:
        return debrief(game)
    return debrief(game, {c.id: c.text for c in deck.cards}, {c.id: c.theme for c in deck.cards})


def debrief_text(app) -> str:
    """The debrief as Markdown in the UI language ('' without a class game)."""
    result = current_debrief(app)
    if result is None:
        return ""
    date = tr.format_date(app.class_game.session.created.astimezone().date())
    return debrief_markdown(result, debrief_words(), date=date)


class DebriefScreen(AppScreen):
    totals_text = StringProperty("")
    tally_text = StringProperty("")
    rounds_tally_text = StringProperty("")
    saved_text = StringProperty("")

    def on_kv_post(self, *_):
        self.watch_app("class_game", lambda *_: self.clear())
        self.ids.grid.fbind("width", self._on_width)
        style.bind(scale=self._on_width)
        tr.bind(lang=self._refresh_if_shown)    # weakly: a method, not a lambda

    def on_pre_enter(self, *_):
        self.saved_text = ""
        self.refresh()

    def clear(self) -> None:
        for box in ("grid", "seats", "rewrites", "prompts"):
            self.ids[box].clear_widgets()
        self._result = None
        self.totals_text = self.tally_text = self.rounds_tally_text = self.saved_text = ""

    def refresh(self) -> None:
        self.clear()
        result = current_debrief(self.app())
        if result is None:
            return
        self.totals_text = " · ".join((
            tr.ngettext("{n} persoon genoemd", "{n} mensen genoemd", result.people).format(n=result.people),
            tr.ngettext("{n} kaart", "{n} kaarten", result.cards_played).format(n=result.cards_played),
            tr.ngettext("{n} ronde", "{n} rondes", result.rounds).format(n=result.rounds)))
        self.tally_text = tr._("wie-vraag: {who}   ·   wat-vraag: {what}").format(
            who=result.tally.who, what=result.tally.what)
        self.rounds_tally_text = "\n".join(
            tr._("Ronde {n}: {who} wie · {what} wat").format(n=r + 1, who=t.who, what=t.what)
            for r, t in sorted(result.tallies.items()))
        self._fill_grid(result)
        self._fill_seats(result)
        rewrites = self.ids.rewrites
        for text in result.rewrite_cards or (tr._("Er zijn geen herschrijfkaarten gespeeld."),):
            rewrites.add_widget(ScriptLabel(text=("• " + text) if result.rewrite_cards else text,
                                            lang=self.app().class_game.session.language
                                            if result.rewrite_cards else ""))
        for i, prompt in enumerate(reflection_prompts(), start=1):
            self.ids.prompts.add_widget(ScriptLabel(text=f"{i}. {prompt}", size_sp=theme.FONT_BUTTON))

    def _fill_seats(self, result: Debrief) -> None:
        """A line per seat: the names it gave, in the role it answered in
        (the seat that answered, not the seat whose turn it was)."""
        players = self.app().class_game.session.players
        for seat in range(result.seats):
            parts = [tr.ngettext("{n} naam als {role}", "{n} namen als {role}", n).format(n=n, role=role_label(r))
                     for r in result.answer_roles if (n := result.named_by(seat, r))]
            name = players[seat].name if seat < len(players) and players[seat].name else seat_name(seat + 1)
            words = ", ".join(parts) if parts else tr._("geen namen")
            # the name keeps its place, and the count stays with its words
            colon = ":\u200f " if is_rtl(tr.lang) else ": "
            self.ids.seats.add_widget(ScriptLabel(text=f"{keep_place(name, tr.lang)}{colon}{words}",
                                                  size_sp=theme.FONT_BODY))

    def _fill_grid(self, result: Debrief) -> None:
        grid = self.ids.grid
        grid.clear_widgets()
        self._result = result
        if self._narrow():
            # too narrow for a table: one line per part of life
            grid.cols, grid.cols_minimum = 1, {}
            for sector in Sector:
                counts = ", ".join(f"{theme.closeness_label(c)} {result.places[(sector, c)]}" for c in Closeness)
                grid.add_widget(ScriptLabel(text=f"{theme.sector_label(sector)}: {result.in_sector(sector)} ({counts})",
                                            size_sp=theme.FONT_BODY, pad_x=dp(14), pad_y=dp(6)))
            grid.add_widget(ScriptLabel(text=f"{tr._('Samen')}: {result.people}", bold=True,
                                        size_sp=theme.FONT_BODY, pad_x=dp(14), pad_y=dp(6)))
            return
        grid.cols = 5
        cells = [""] + [theme.closeness_label(c) for c in Closeness] + [tr._("Samen")]
        for sector in Sector:
            cells += [theme.sector_label(sector)] + [str(result.places[(sector, c)]) for c in Closeness]
            cells.append(str(result.in_sector(sector)))
        cells += [tr._("Samen")] + [str(result.in_circle(c)) for c in Closeness] + [str(result.people)]
        for i, text in enumerate(cells):
            row, col = divmod(i, 5)
            heading = row == 0 or col == 0 or row == len(Sector) + 1 or col == 4
            grid.add_widget(ScriptLabel(text=text, bold=heading, size_sp=theme.FONT_BODY,
                                        align="start" if col == 0 else "center", pad_y=dp(6),
                                        pad_x=dp(14) if col == 0 else 0))
        self._size_grid()

    def _narrow(self) -> bool:
        """True when the table's words do not fit its width (narrow screen,
        big text): then the counts are written as lines."""
        from app.fonts import font_for, measure
        grid = self.ids.grid
        if grid.width <= 1:
            return False

        def width(text):
            size = sp(theme.FONT_BODY) * style.scale
            return max(measure(display_text(w, tr.lang), font_for(tr.lang, w), size, True)[0]
                       for w in text.split())
        first = max(width(theme.sector_label(s)) for s in Sector) + dp(32)
        others = max(width(t) for t in [theme.closeness_label(c) for c in Closeness] + [tr._("Samen")])
        return first + 4 * (others + dp(8)) > grid.width

    def _on_width(self, *_) -> None:
        result = getattr(self, "_result", None)
        if result is not None and self.app().class_game is not None:
            if (self.ids.grid.cols == 1) != self._narrow():
                self._fill_grid(result)
        self._size_grid()

    def _size_grid(self, *_) -> None:
        """The first column is as wide as its longest word needs (no word is
        ever broken), the four columns of figures share the rest."""
        grid = self.ids.grid
        if grid.cols == 1:
            return
        labels = list(reversed(grid.children))[::5]
        if not labels or grid.width <= 1:
            return
        widest = max(lbl._measure(display_text(word, lbl.lang or tr.lang))
                     for lbl in labels for word in (lbl.text.split() or [""]))
        grid.cols_minimum = {0: min(grid.width * 0.5, max(grid.width * 0.3, widest + dp(32)))}

    def save(self) -> None:
        app = self.app()
        text = debrief_text(app)
        if not text:
            return
        try:
            path = save_debrief(app.data_folder, text)
        except OSError as e:
            app.show_error(e)
            return
        from app.exporting import path_text
        self.saved_text = tr._("Opgeslagen: {path}").format(path=path_text(path))

    def done(self) -> None:
        self.app().go("start")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

"""Class mode: the debrief. What was named (counts per part of life and
circle, never a name), the observer's tally, the class deck's rewrite cards
that were played, and three questions for the group. "Opslaan als
Markdown" writes the same for the lecturer (:func:`kaarten.classroom.debrief_markdown`);
"Klaar" empties the practice game and goes home.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import StringProperty

from app import theme
from app.classmode import debrief_words, reflection_prompts, save_debrief
from app.i18n import tr
from app.widgets.layout import AppScreen
from app.widgets.text import ScriptLabel
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
        tr.fbind("lang", lambda *_: self.refresh() if self.manager and self.manager.current == self.name else None)

    def on_pre_enter(self, *_):
        self.saved_text = ""
        self.refresh()

    def clear(self) -> None:
        for box in ("grid", "rewrites", "prompts"):
            self.ids[box].clear_widgets()
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
        rewrites = self.ids.rewrites
        for text in result.rewrite_cards or (tr._("Er zijn geen herschrijfkaarten gespeeld."),):
            rewrites.add_widget(ScriptLabel(text=("• " + text) if result.rewrite_cards else text,
                                            lang=self.app().class_game.session.language
                                            if result.rewrite_cards else ""))
        for i, prompt in enumerate(reflection_prompts(), start=1):
            self.ids.prompts.add_widget(ScriptLabel(text=f"{i}. {prompt}", size_sp=theme.FONT_BUTTON))

    def _fill_grid(self, result: Debrief) -> None:
        grid = self.ids.grid
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

    def save(self) -> None:
        app = self.app()
        text = debrief_text(app)
        if not text:
            return
        try:
            path = save_debrief(app.data_folder / "nabesprekingen", text)
        except OSError as e:
            app.show_error(e)
            return
        self.saved_text = tr._("Opgeslagen: {path}").format(path=str(path))

    def done(self) -> None:
        self.app().go("start")


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

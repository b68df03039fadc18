"""The worker's summary as plain Markdown, to paste into the case file.

In the worker's language (the caller picks it): the date, deck and players;
the people per part of life and circle; how often each player named someone
per theme; the key supporters; the parts of life where nobody was named; the
wie-plan. Names are printed as they are (or as pseudonyms); Markdown's own
signs in a name are escaped so a name never turns into a link or a heading.
"""

from __future__ import annotations

import re

from app import theme
from app.export.content import HandOut, plan_detail
from kaarten.network import Closeness

__all__ = ["markdown_text", "escape"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """``text`` with Markdown's signs escaped and on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_text(c: HandOut) -> str:
    _ = c.words._
    s = c.summary
    out: list[str] = []
    title = _("Jouw mensen")
    out.append(f"# {escape(title)}")
    out.append("")
    if c.demo:
        out.append('**' + escape(_("Voorbeeld, geen echt gezin")) + '**')
        out.append("")
    out.append('- ' + escape(_("Datum")) + ': ' + escape(c.words.date(c.date)))
    out.append('- ' + escape(_("Kaarten")) + ': ' + escape(c.deck_title))
    out.append('- ' + escape(_("Aan tafel: {names}").format(names=c.words.list(c.players))))
    out.append('- ' + escape(_("Samen: {people}, {mentions}.").format(people=_people(c, s.totals.people), mentions=_times(c, s.totals.mentions))))
    if c.pseudonyms:
        out.append('- ' + escape(_("Namen vervangen door initialen")))
    out.append("")

    out.append('## ' + escape(_("Iedereen die jullie noemden")))
    out.append("")
    for look in theme.SECTORS:
        people = c.people_in(look.sector)
        nobody = theme.sector_empty_text(look.sector, _)
        if not people and not nobody:
            continue            # professionals: no nudge, so no heading over an empty "- "
        out.append(f"### {escape(theme.sector_label(look.sector, _))}")
        out.append("")
        if not people:
            out.append(f"- {escape(nobody)}")
        for closeness in Closeness:
            here = [p for p in people if p.closeness == closeness]
            for p in here:
                line = f"- {escape(p.name)} ({escape(theme.closeness_label(closeness, _))}; " \
                       f"{escape(_times(c, c.mentions_of(p.id)))})"
                themes = c.themes_of(p.id)
                if themes:
                    line += f": {escape(c.words.list(themes))}"
                out.append(line)
        out.append("")

    out.append('## ' + escape(_("Wie noemde wie, per thema")))
    out.append("")
    themes = list(dict.fromkeys(m.theme for ms in s.mentions_by_person.values() for m in ms if m.theme))
    header = [_("Speler")] + [c.theme_labels.get(t, t) for t in themes] + [_("Samen")]
    out.append("| " + " | ".join(escape(h) for h in header) + " |")
    out.append("|" + "---|" * len(header))
    for player in s.players:
        counts = [sum(1 for ms in s.mentions_by_person.values() for m in ms if m.player_id == player.id and m.theme == t)
                  for t in themes]
        out.append("| " + " | ".join([escape(player.name)] + [str(n) for n in counts] + [str(sum(counts))]) + " |")
    out.append("")

    out.append('## ' + escape(_("Zij zijn er vaak voor jullie")))
    out.append("")
    for p in s.key_supporters or ():
        named_by = len(s.players_by_person.get(p.id, ()))
        out.append(f"- {escape(p.name)}: {escape(_times(c, c.mentions_of(p.id)))}, "
                   f"{escape(c.words.ngettext('door {n} persoon', 'door {n} mensen', named_by).format(n=named_by))}")
    if not s.key_supporters:
        out.append('- ' + escape(_("Nog niemand vaker genoemd")))
    out.append("")

    out.append('## ' + escape(_("Nog te ontdekken")))
    out.append("")
    for sector in s.empty_sectors:
        out.append(f"- {escape(theme.sector_empty_text(sector, _))}")
    if not s.empty_sectors:
        out.append('- ' + escape(_("In elk deel van het leven is iemand genoemd")))
    out.append("")

    out.append('## ' + escape(_("Ons plan")))
    out.append("")
    for title, items in ((_("Hoe ging het?"), c.earlier_plan), (_("Wie vragen we om hulp?"), c.plan)):
        if not items:
            continue
        if c.earlier_plan:
            out.append('### ' + escape(title))
            out.append("")
        for item in items:
            what = " · ".join(escape(t) for t in (item.ask, item.theme) if t)
            extra = plan_detail(c, item)
            out.append(f"- {escape(item.person)}: {what}" + (f" ({escape(extra)})" if extra else ""))
    if not (c.plan or c.earlier_plan):
        out.append('- ' + escape(_("Nog geen plan gemaakt")))
    if c.goes_well:
        out.append('- ' + escape(_("Wat gaat goed?")) + ' ' + escape(c.goes_well))
    if c.next_step:
        out.append('- ' + escape(_("De volgende stap")) + ': ' + escape(c.next_step))
    out.append("")
    return "\n".join(out)


def _people(c: HandOut, n: int) -> str:
    return c.words.ngettext("{n} persoon", "{n} personen", n).format(n=n)


def _times(c: HandOut, n: int) -> str:
    return c.words.ngettext("{n} keer genoemd", "{n} keer genoemd", n).format(n=n)

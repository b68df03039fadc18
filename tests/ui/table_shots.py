"""Screens of issue 19 as a family sees them, saved as PNG to look at:

    python tests/ui/table_shots.py OUTDIR [WIDTHxHEIGHT] [LANG]

- naming-typing: the naming panel while an Arabic name is typed;
- setup-arabic: the set-up with an Arabic player;
- map-namesakes: the map with two "oma"s (one "van papa") and an emoji name;
- person-panel: the person panel of the second oma;
- sessions-mixed: the sessions list with Arabic, Tigrinya and Dutch names.
"""
from __future__ import annotations

import sys
from pathlib import Path

import app_driver

ARABIC = "سَلمى"


def play_namesakes(d, lang: str):
    """A game: ماما and Sam; oma, oma (van papa), 👵 and a Tigrinya name."""
    from app.i18n import tr
    d.new_game(["ماما", "Sam", "ለተ"])
    panel = d.open_naming()
    d.name_new(panel, "oma", "family", 1)
    d.settle()
    d.name_new(panel, "oma", "family", 2)          # asks: the same one, or someone else?
    d.settle()
    question = d.top_modal()
    d.tap(question.ids.yes)                         # someone else
    d.settle()
    words = d.top_modal()
    d.type_into(words.ids.field, "van papa")
    d.tap(words.ids.save)
    d.settle()
    d.name_new(panel, "👵", "neighbourhood", 2)
    d.settle()
    d.name_new(panel, "ኣደይ ለተ", "friends", 1)
    d.settle()
    d.close_naming(panel)
    return tr


def main(out: Path, size: str = "1280x800", lang: str = "nl") -> list[Path]:
    import os
    import tempfile
    # never the real data folder: a scratch one
    os.environ["GESPREKSKAARTEN_DATA"] = tempfile.mkdtemp(prefix="gesprekskaarten-shots-")
    w, h = (int(x) for x in size.split("x"))
    app_driver.configure(w, h)
    from kivy.core.window import Window

    from app.screenshots import save_png
    Window.size = (w, h)
    d = app_driver.start_app()
    app = d.app
    app.set_ui_language(lang)
    d.settle()
    files = []
    tag = f"{w}x{h}-{lang}"
    # the set-up with an Arabic player
    d.tap(d.get("start", "new_game"))
    d.settle()
    setup = app.root.get_screen("setup")
    setup.quick_role("ماما")
    d.settle()
    d.type_into(setup._rows()[0].ids.name, " " + ARABIC)
    d.settle()
    files.append(save_png(d, out / f"setup-arabic-{tag}.png"))
    app.go("start")
    d.settle()
    setup.ids.players.clear_widgets()
    # the naming panel while typing an Arabic name
    d.new_game(["ماما", "Sam"])
    panel = d.open_naming()
    d.type_into(panel.ids.name, ARABIC + " الأحمد")
    d.settle()
    files.append(save_png(d, out / f"naming-typing-{tag}.png"))
    d.close_naming(panel)
    app.end_game()
    d.settle()
    app.go("start")
    d.settle()
    play_namesakes(d, lang)
    app.end_game()
    d.settle()
    files.append(save_png(d, out / f"map-namesakes-{tag}.png"))
    summary = app.root.get_screen("summary")
    people = app.session.network.people
    person_panel = summary.ids.map.open_panel(people[1].id)
    d.settle()
    files.append(save_png(d, out / f"person-panel-{tag}.png"))
    person_panel.dismiss()
    d.settle()
    app.go("sessions")
    d.settle()
    files.append(save_png(d, out / f"sessions-mixed-{tag}.png"))
    app_driver.stop_app(d)
    return files


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for f in main(out, *sys.argv[2:]):
        print(f)

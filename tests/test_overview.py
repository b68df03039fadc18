"""Who helps with what: the people x themes overview and the layers per player."""

from test_summary import MAMA, PAPA, PLAYERS, SAM, family_network

from kaarten.overview import layer, who_helps_with_what
from kaarten.summary import summarise

THEMES = ("trust", "fun", "practical", "advice", "emergency", "daily", "more-often")


def test_the_overview_of_a_scripted_game():
    net, oma, buur, juf, arts = family_network()
    o = who_helps_with_what(summarise(net, PLAYERS), THEMES)
    assert o.themes == THEMES                                   # every deck theme is a column
    assert [(r.person.name, r.themes) for r in o.rows] == [
        ("Oma", ("trust", "fun", "practical")),                 # most themes first
        ("buurvrouw", ("practical", "emergency")),
        ("huisarts", ("advice", "emergency")),
        ("juf", ("trust",)),
    ]
    assert o.has(oma.id, "fun") and not o.has(juf.id, "fun")
    assert o.people_for("emergency") == (buur, arts)
    assert o.empty_themes == ("daily", "more-often")            # nobody yet: worth seeing


def test_a_theme_outside_the_deck_order_still_gets_a_column():
    net, *_ = family_network()
    o = who_helps_with_what(summarise(net, PLAYERS), ("fun", "trust"))
    assert o.themes == ("fun", "trust", "practical", "emergency", "advice")
    assert who_helps_with_what(summarise(net, PLAYERS)).themes == ("trust", "fun", "practical", "emergency", "advice")


def test_one_players_layer_and_their_overview():
    net, oma, buur, juf, arts = family_network()
    s = summarise(net, PLAYERS)
    assert layer(s, SAM.id) == {oma.id, juf.id}
    assert layer(s, PAPA.id) == {oma.id, arts.id}
    assert layer(s, None) == {oma.id, buur.id, juf.id, arts.id}
    o = who_helps_with_what(s, THEMES, player=MAMA.id)
    assert [(r.person.name, r.themes) for r in o.rows] == [
        ("buurvrouw", ("practical", "emergency")), ("Oma", ("trust",)), ("huisarts", ("advice",))]
    assert o.player == MAMA.id


def test_an_empty_game_has_an_empty_overview():
    from kaarten.network import Network
    o = who_helps_with_what(summarise(Network(), PLAYERS), THEMES)
    assert o.empty and o.empty_themes == THEMES

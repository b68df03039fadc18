"""The summary's figures: the map, who named whom for what, key supporters."""

import datetime as dt

from kaarten.network import Closeness, Network, PlayerId, Sector
from kaarten.summary import KEY_SUPPORTERS_MAX, summarise
from kaarten.table import Player

MAMA, PAPA, SAM = (Player(PlayerId(i), n, c) for i, n, c in
                   [(1, "Mama", "#E53935"), (2, "Papa", "#1E88E5"), (3, "Sam", "#43A047")])
PLAYERS = (MAMA, PAPA, SAM)


def add(net, name, sector, closeness, player, card, theme):
    person, _ = net.add_person(name, sector, closeness, player_id=player.id, card_id=card, theme=theme)
    return person


def again(net, person, player, card, theme):
    net.add_mention(person.id, player_id=player.id, card_id=card, theme=theme)


def family_network():
    net = Network()
    oma = add(net, "Oma", Sector.FAMILY, 1, MAMA, "vertrouwen", "trust")
    again(net, oma, PAPA, "hard-lachen", "fun")
    again(net, oma, SAM, "boodschappen", "practical")
    buur = add(net, "buurvrouw", Sector.NEIGHBOURHOOD, 2, MAMA, "boodschappen", "practical")
    again(net, buur, MAMA, "nacht", "emergency")
    juf = add(net, "juf", Sector.SCHOOL_WORK, 2, SAM, "vertrouwen", "trust")
    arts = add(net, "huisarts", Sector.PROFESSIONALS, 3, PAPA, "raad", "advice")
    again(net, arts, PAPA, "nacht", "emergency")
    again(net, arts, MAMA, "raad", "advice")
    return net, oma, buur, juf, arts


def test_summary_figures():
    net, oma, buur, juf, arts = family_network()
    s = summarise(net, PLAYERS, deck_id="wie-is-er-voor-jou", date=dt.date(2026, 3, 1), cards_played=7)
    assert (s.deck_id, s.date) == ("wie-is-er-voor-jou", dt.date(2026, 3, 1))
    t = s.totals
    assert (t.people, t.mentions, t.players_who_named, t.players, t.cards_played) == (4, 9, 3, 3, 7)
    # most mentions first; equal counts: named by more players first
    assert s.key_supporters == (oma, arts, buur)
    assert s.empty_sectors == (Sector.FRIENDS, Sector.CLUB_FAITH_LEISURE)
    assert s.people_by_place[(Sector.FAMILY, Closeness.VERY_CLOSE)] == (oma,)
    assert s.people_by_place[(Sector.FRIENDS, Closeness.CLOSE)] == ()
    assert len(s.people_by_place) == 18  # every place of the map, empty or not
    assert s.people_in(Sector.SCHOOL_WORK) == (juf,)
    assert [m.player_id for m in s.mentions_by_person[oma.id]] == [1, 2, 3]
    assert s.players_by_person[arts.id] == (PAPA.id, MAMA.id)
    assert s.themes_by_person[oma.id] == ("trust", "fun", "practical")
    assert s.themes_by_person[arts.id] == ("advice", "emergency")
    assert not s.only_professionals


def test_a_person_named_once_is_no_key_supporter():
    net = Network()
    add(net, "oom", Sector.FAMILY, 2, MAMA, "a", "trust")
    s = summarise(net, PLAYERS)
    assert s.key_supporters == ()
    assert s.date == dt.date.today()


def test_at_most_five_key_supporters():
    net = Network()
    people = [add(net, f"p{i}", Sector.FRIENDS, 1, MAMA, "a", "trust") for i in range(8)]
    for i, p in enumerate(people):
        for k in range(i % 3 + 1):
            again(net, p, PAPA, f"card{k}", "fun")
    s = summarise(net, PLAYERS)
    assert len(s.key_supporters) == KEY_SUPPORTERS_MAX
    counts = [len(s.mentions_by_person[p.id]) for p in s.key_supporters]
    assert counts == sorted(counts, reverse=True)


def test_an_empty_network_and_a_network_of_only_professionals():
    empty = summarise(Network(), PLAYERS)
    assert empty.totals.people == 0 and empty.empty_sectors == tuple(s for s in Sector if s is not Sector.PROFESSIONALS)
    assert not empty.only_professionals and empty.key_supporters == ()
    net = Network()
    add(net, "hulpverlener", Sector.PROFESSIONALS, 2, MAMA, "a", "trust")
    assert summarise(net, PLAYERS).only_professionals


def test_a_person_whose_mentions_were_removed_stays_on_the_map():
    net, oma, *_ = family_network()
    for m in net.mentions_of(oma.id):
        net.remove_mention(m.id)
    s = summarise(net, PLAYERS)
    assert oma in s.people and s.mentions_by_person[oma.id] == ()
    assert oma not in s.key_supporters and s.themes_by_person[oma.id] == ()


def test_labelled_tells_namesakes_apart_and_numbers_players_without_a_name():
    from kaarten.network import Network
    from kaarten.summary import labelled, summarise
    from kaarten.table import Player
    net = Network()
    first, _ = net.add_person("oma", "family", 1, player_id=1, card_id="a", theme="t")
    second, _ = net.add_person("oma", "family", 2, player_id=2, card_id="a", theme="t",
                               distinction="van papa")
    players = (Player(1, "Mama", "#112233"), Player(2, "", "#445566"))
    shown = labelled(summarise(net, players), player_label="Speler {n}")
    assert [p.name for p in shown.people] == ["oma", "oma (van papa)"]
    assert [p.name for p in shown.players] == ["Mama", "Speler 2"]
    assert [p.name for ps in shown.people_by_place.values() for p in ps] == ["oma", "oma (van papa)"]

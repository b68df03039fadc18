"""One table for the look of each part of life, read by every screen and the map."""
from app import theme
from kaarten.decks import PICTOGRAMS_DIR
from kaarten.network import Sector


def test_every_sector_has_one_look_in_the_maps_order():
    assert tuple(look.sector for look in theme.SECTORS) == tuple(Sector)
    for sector in Sector:
        assert theme.sector_look(sector).sector == sector
        assert theme.sector_look(str(sector.value)) is theme.sector_look(sector)


def test_each_look_has_a_pictogram_a_label_and_a_gentle_empty_line():
    for look in theme.SECTORS:
        assert (PICTOGRAMS_DIR / f"{look.pictogram}.png").is_file(), look.pictogram
        if look.sector is Sector.PROFESSIONALS:
            assert look.label and look.empty_text == ""  # no nudge toward professionals
        else:
            assert look.label and look.empty_text.startswith("Nog ")
    assert len({look.empty_text for look in theme.SECTORS}) == len(theme.SECTORS)


def test_a_dot_stands_out_on_every_band_of_its_slice():
    # WCAG non-text contrast (3:1) against the inner, middle and outer band
    for look in theme.SECTORS:
        for paler in (0.0, 0.35, 0.6):
            band = theme.mix(look.colour, theme.WHITE, paler)
            assert theme.contrast(look.dot_colour, band) >= 3.0, (look.sector, paler)

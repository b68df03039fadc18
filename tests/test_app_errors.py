"""What reaches the worker and the log when something goes wrong."""

import logging

from kaarten.errors import KaartenError, StoreError
from kaarten.network import InvalidNameError
from kaarten.table import TableError
from kaarten.yamlsafe import DeckError


def test_every_error_of_the_game_is_one_family():
    for kind in (StoreError, TableError, InvalidNameError, DeckError):
        assert issubclass(kind, KaartenError)


def test_an_unexpected_error_is_logged_by_type_and_place_never_by_its_message(caplog):
    from app.errors import log_unexpected

    try:
        {}["Oma-Geheim"]
    except KeyError as e:
        with caplog.at_level(logging.ERROR, logger="app.errors"):
            log_unexpected(e)
    assert "KeyError" in caplog.text and "test_app_errors.py" in caplog.text
    assert "Oma-Geheim" not in caplog.text

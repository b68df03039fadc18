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
    from app.logs import log_error

    try:
        {}["Oma-Geheim"]
    except KeyError as e:
        with caplog.at_level(logging.ERROR, logger="gesprekskaarten"):
            log_error("Unexpected error", e)
    assert "KeyError" in caplog.text and "test_app_errors.py" in caplog.text
    assert "Oma-Geheim" not in caplog.text


def test_an_error_escaping_a_kivy_callback_is_logged_name_free_and_the_app_goes_on(caplog):
    from kivy.base import ExceptionManager

    from app import logs

    logs.install()
    logs.install()                                   # once is enough: no second handler
    assert sum(isinstance(h, logs._NameFreeHandler) for h in ExceptionManager.handlers) == 1
    try:
        raise ValueError("Opa-Geheim is not a number")
    except ValueError as e:
        with caplog.at_level(logging.ERROR, logger="gesprekskaarten"):
            outcome = ExceptionManager.handle_exception(e)
    assert outcome == ExceptionManager.PASS
    assert "ValueError" in caplog.text and "Opa-Geheim" not in caplog.text

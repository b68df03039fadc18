"""Files shipped inside the packages (decks, pictograms, fonts, catalogs).

They are found through :mod:`importlib.resources`, never relative to the
current folder or the checkout, so the same code works from a checkout, from
an installed wheel and inside an Android APK.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["resource_dir", "PICTOGRAMS_DIR"]


def resource_dir(package: str, name: str) -> Path:
    """The folder ``name`` inside ``package``, as a real :class:`Path`.

    The deck loader reads only regular files (:mod:`kaarten.yamlsafe`) and Kivy
    opens fonts and images by file name, so a folder inside a zip archive
    would not do: such an install is refused here, in words, instead of
    failing later on a missing file.
    """
    found = files(package) / name
    if not isinstance(found, Path):
        raise RuntimeError(f"{package} is installed as an archive ({found}); "
                           "install it with pip so its files are on disk")
    return found


#: The drawings on cards and sectors: one folder, checked by the deck loader
#: (:mod:`kaarten.decks`) and shown by the app (without importing the loader).
PICTOGRAMS_DIR = resource_dir("kaarten", "pictograms")

"""The Android build description agrees with the project.

The APK cannot be built here (the Android SDK download is out of reach), so
this keeps ``buildozer.spec`` honest instead: the same dependencies as
``pyproject.toml``, no network permission, no cloud backup, and every kind
of file the app reads at run time packed into the APK.
"""
from __future__ import annotations

import configparser
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def spec() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "buildozer.spec", encoding="utf-8")
    return parser["app"]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_requirements_are_the_projects_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    packed = {_name(r) for r in spec()["requirements"].split(",")} - {"python3"}
    assert packed == wanted


def test_pinned_versions_fit_the_projects_ranges():
    pins = dict(r.split("==") for r in spec()["requirements"].split(",") if "==" in r)
    assert pins["kivy"].startswith("2.3.")
    assert pins["python-bidi"].startswith("0.4."), "0.5+ is compiled Rust: no Android recipe"


def test_no_network_permission_and_no_cloud_backup():
    app = spec()
    permissions = [p.strip() for p in app.get("android.permissions", "").split(",") if p.strip()]
    assert not any("INTERNET" in p or "NETWORK" in p for p in permissions), permissions
    assert app["android.allow_backup"].strip() == "False"


def test_every_resource_the_app_reads_is_packed():
    app = spec()
    included = {e.strip() for e in app["source.include_exts"].split(",")}
    excluded = {d.strip() for d in app["source.exclude_dirs"].split(",")}
    needed = set()
    for package in ("app", "kaarten"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix:
                needed.add(path.suffix[1:])
    needed.discard("pot")          # the template translators start from; not read at run time
    needed.discard("md")           # notes beside resources, for people
    assert needed <= included, f"not packed: {sorted(needed - included)}"
    assert not excluded & {"app", "kaarten"}


def test_shaping_stays_optional_without_an_android_recipe():
    """uharfbuzz is Cython with no python-for-android recipe: the PDF export
    must work without it (the app's own reshaper), so it is never a required
    dependency and never packed."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "uharfbuzz" not in {_name(r) for r in project["dependencies"]}
    assert "uharfbuzz" not in {_name(r) for r in spec()["requirements"].split(",")}
    assert "uharfbuzz" in {_name(r) for r in project["optional-dependencies"]["shaping"]}

"""The cpportal wheel: everything a portal needs (theme, fonts with their licences, strings,
schemas, scaffold templates), the pins of requirements.txt, and the MkDocs plugin entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from conftest import ROOT
from cpportal.validation import validate_all


def build_wheel(dest: Path) -> Path:
    """The wheel `pip wheel` builds from this source tree (in an isolated build environment)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest),
                    str(ROOT)], check=True, capture_output=True)
    return next(dest.glob("cpportal-*.whl"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def _package_files() -> set[str]:
    """Every file of the package in this checkout (the schema link followed), as wheel names."""
    listed = subprocess.run(["git", "ls-files", "cpportal"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    files = set()
    for name in listed:
        path = ROOT / name
        files |= ({f"{name}/{p.relative_to(path)}" for p in path.iterdir()} if path.is_dir()
                  else {name})
    return files


def test_the_wheel_holds_every_file_of_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert _package_files() - names == set()
    for needed in ("cpportal/theme/main.html", "cpportal/theme/assets/fonts/OFL-NotoSans.txt",
                   "cpportal/theme/assets/fonts/noto-sans-bengali-bengali-400-normal.woff2",
                   "cpportal/theme/assets/javascripts/workers/portal-search.js",
                   "cpportal/locales/bn.yml", "cpportal/schema/services.schema.json",
                   "cpportal/templates/mkdocs.yml"):
        assert needed in names


def test_the_wheel_requires_exactly_the_pins_of_requirements_txt(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(f"{wheel.name.split('-py3')[0]}.dist-info/METADATA").decode()
        entry_points = archive.read(f"{wheel.name.split('-py3')[0]}.dist-info/entry_points.txt")
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert Parser().parsestr(meta).get_all("Requires-Dist") == pins
    assert all("==" in pin for pin in pins)
    assert b"cpportal = cpportal.mkdocs_plugin:PortalPlugin" in entry_points


def test_a_portal_uses_the_package_s_schemas_unless_it_brings_its_own(tmp_path):
    """No data/schema/: the package's schemas judge the data. A file of the portal's own
    replaces the package's of the same name (here: a portal that also requires a motto)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests/data_cases/valid", data)
    _, report = validate_all(data)
    assert report.errors == []
    schema = json.loads((ROOT / "cpportal/schema/portal.schema.json").read_text())
    schema["required"].append("motto")
    (data / "schema").mkdir()
    (data / "schema/portal.schema.json").write_text(json.dumps(schema))
    _, report = validate_all(data)
    assert [(d.code, Path(d.file).name) for d in report.errors] == [("RP101", "portal.yml")]
    assert "motto" in report.errors[0].message

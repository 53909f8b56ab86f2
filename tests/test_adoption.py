"""Adoption, as another group would: the wheel installed into a fresh virtual environment outside
this source tree, with its declared dependencies met (offline: no index is asked), a new portal made in another folder, cloned
as from the forge, and built strictly there by its own README command; theme, fonts and search
work in the result."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, serve
from test_browser import search
from test_package import build_wheel


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    """The built site of a portal made from the installed wheel in a fresh clone."""
    work = tmp_path_factory.mktemp("adoption")
    wheels = build_wheel(work / "wheels").parent
    # No network: pip may use only the wheel built here, and the dependencies come from this
    # test run's own environment (installed from the same pins in requirements.txt), seen by
    # the fresh venv through a .pth file; `pip check` then proves the wheel's declared
    # requirements are met there. (An index over TLS fails anyway when the clock is moved.)
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}
    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=work)
    site_packages = next(venv.glob("lib/python*/site-packages"))
    (site_packages / "dependencies.pth").write_text(
        "\n".join(p for p in sys.path if p.endswith("site-packages")) + "\n", "utf-8")
    started = time.perf_counter()
    run(venv / "bin/pip", "install", "--quiet", "--no-deps", next(wheels.glob("*.whl")),
        cwd=work, env=offline)
    installed = time.perf_counter() - started
    run(venv / "bin/pip", "check", cwd=work, env=offline)
    located = run(venv / "bin/python", "-c", "import cpportal; print(cpportal.__file__)",
                  cwd=work).stdout
    assert located.startswith(str(venv)) and str(ROOT) not in located
    started = time.perf_counter()
    run(venv / "bin/python", "-m", "cpportal", "new", "cpswg", "--group",
        "Child Protection Sub-Working Group", "--acronym", "CPSWG", "--country", "UG",
        "--languages", "en,fr", cwd=work)
    run("git", "init", "-q", "-b", "main", cwd=work / "cpswg")
    run("git", "add", "-A", cwd=work / "cpswg")
    run("git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "new",
        cwd=work / "cpswg")
    run("git", "clone", "-q", work / "cpswg", work / "clone", cwd=work)
    # The README's command, in the clone, with the venv made above (its pin is satisfied)
    build = run("make", "build", f"VENV={venv}", cwd=work / "clone", env=offline)
    print(f"\nadoption: wheel installed in {installed:.1f} s; "
          f"`new` to a built site in {time.perf_counter() - started:.1f} s")
    assert "0 error(s)" in build.stdout
    assert (work / "clone/.schema/services.schema.json").exists()  # editors' schemas
    # what the build leaves (site, PDF cache, schema link) is ignored: the clone stays clean
    assert run("git", "status", "--porcelain", cwd=work / "clone").stdout == ""
    return work / "clone/site"


def test_the_theme_and_fonts_come_from_the_installed_engine(adopted):
    home = (adopted / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/portal.css" in home and "portal-demo" in home
    fonts = (adopted / "assets/stylesheets/fonts.css").read_text()
    for name in ("noto-sans-latin-400-normal.woff2", "noto-sans-latin-700-normal.woff2"):
        assert name in fonts and (adopted / "assets/fonts" / name).stat().st_size > 10_000
    assert (adopted / "fr/index.html").exists()


def test_search_works_in_the_adopted_portal(adopted, page):
    server, base_url = serve(adopted)
    try:
        results = search(page, base_url, "fr/", "redaction")  # the page says rédaction
    finally:
        server.shutdown()
    assert "fr/coordination/" in results, results

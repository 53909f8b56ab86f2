"""Shared fixtures: one real strict build of the portal, served over HTTP, and a browser."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from cpportal import chromium, clock, pdf
from cpportal.diagnostics import Report
from cpportal.yamlio import read

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "bn", "fr"]
# The suite's clock, for this process and every build it starts: no result depends on the real
# date. The demonstration data was verified between 2026-09-01 and 2026-11-20 every 90 days.
TODAY = dt.date(2026, 11, 22)
os.environ[clock.VARIABLE] = TODAY.isoformat()


def build_site(dest: Path, project: Path = ROOT, extra_env: dict | None = None):
    """Run the real strict build; return the completed process (output kept for inspection).
    PDFs and the downloads made from them are left out unless `extra_env` asks for them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", pdf.PDF_VARIABLE: "0", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(dest)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_text(url: str) -> str:
    """The body of `url` as text, or "" if it cannot be fetched (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def copy_project(dest: Path) -> Path:
    """A copy of the portal's sources (pages, data, theme, hooks, config) to modify in a test."""
    for name in ("docs", "data", "hooks", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dest / name)
    return dest


def rename_service(project: Path, service: str, suffix: str) -> tuple[Path, int]:
    """Append `suffix` to the name of `service` in every language, in its data file (as an
    editor would save it); return the file and the line of the service's organization."""
    for path in sorted((project / "data/referral/services").glob("*.yml")):
        doc = read(path, Report(), project)
        index = next((i for i, s in enumerate(doc.data["services"]) if s["id"] == service), None)
        if index is None:
            continue
        lines = doc.text.split("\n")
        for lang in doc.data["services"][index]["name"]:
            line, _ = doc.where("services", index, "name", lang)
            lines[line - 1] += suffix
        path.write_text("\n".join(lines), encoding="utf-8")
        return path, doc.where("services", index, "organization")[0]
    raise LookupError(service)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The portal built strictly into a temporary directory, with its PDFs (cached in .cache/
    between runs): (site dir, build output)."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest, extra_env={pdf.PDF_VARIABLE: "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return dest, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve `directory` on a free loopback port in a background thread; return its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = chromium.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()

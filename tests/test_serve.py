"""`make serve` as an author uses it: pages converted once are reused on later saves, and a
reused page is exactly what a fresh build makes; a broken link is reported on every save."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from conftest import build_site, copy_project, fetch_text, free_port

ABOUT = "docs/en/about/index.md"
HOWTO = "docs/en/about/contributing.md"


def _until(condition, what: str, timeout: float = 120):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"waited {timeout} s for {what}")


def _article(page: str) -> str:
    return re.search(r"<article\b.*?</article>", page, re.S).group(0)


def _comparable(page: str) -> str:
    """A page without what only a served page has: its address, and the reload script."""
    page = re.sub(r'<link rel="canonical"[^>]*>', "", page)
    page = re.sub(r"<script[^>]*>[^<]*livereload[^<]*</script>", "", page)
    return re.sub(r"\n\s*(?=\n)", "", page)


def test_saves_are_served_and_reused_pages_match_a_fresh_build(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_PDF": "0", "PORTAL_LANGUAGE": "en"}
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=project, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: "</html>" in fetch_text(base + "about/"), "the first build")
        about = project / ABOUT
        about.write_text(about.read_text("utf-8") + "\n\nFirst saved change.\n", "utf-8")
        _until(lambda: "First saved change." in fetch_text(base + "about/"), "the first save")

        # A broken link stops the rebuild (strict), and again on the next save: a reused
        # conversion never hides a warning.
        howto = project / HOWTO
        original = howto.read_text("utf-8")
        howto.write_text(original + "\n\n[gone](no-such-page.md)\n", "utf-8")
        warning = "contains a link 'no-such-page.md'"
        _until(lambda: log.read_text().count(warning) == 1, "the broken link report")
        about.write_text(about.read_text("utf-8") + "\nSecond saved change.\n", "utf-8")
        _until(lambda: log.read_text().count(warning) == 2, "the report again", timeout=30)
        assert "Second saved change." not in fetch_text(base + "about/")
        howto.write_text(original, "utf-8")
        _until(lambda: "Second saved change." in fetch_text(base + "about/"), "the repaired build")

        # A new title shows in the navigation of every page of its section, not just its own.
        howto.write_text(original.replace("# ", "# Renamed: ", 1), "utf-8")
        _until(lambda: "Renamed: " in fetch_text(base + "about/"), "the new title in another page")
        served = {url: fetch_text(base + url) for url in ("about/", "about/contributing/",
                                                    "referral/locations/camp-1e/", "")}
    finally:
        server.terminate()
        server.wait(timeout=30)

    fresh = tmp_path / "fresh"
    result = build_site(fresh, project, {"PORTAL_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    for url, page in served.items():
        built = (fresh / url / "index.html").read_text("utf-8")
        assert _comparable(page) == _comparable(built), url
    assert "Second saved change." in _article(served["about/"])

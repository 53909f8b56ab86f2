"""`make serve` as an author uses it: pages converted once are reused on later saves, and a
reused page is exactly what a fresh build makes; a broken link is reported on every save. As a
coordinator uses it: a data edit shows in every language, and a save that breaks the data
leaves the server running and lists the errors, in the log and on the page, until fixed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from cpportal.strings import t
from conftest import LANGUAGES, build_site, copy_project, fetch_text, free_port, rename_service

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


def _serve(project, log, languages: str | None):
    """`mkdocs serve` as `make serve` runs it (LANGUAGE=all unless `languages` names one);
    returns the process and the served site's address."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_PDF": "0"}
    env.pop("PORTAL_LANGUAGE", None)
    # Under libfaketime (the suite is run with the clock moved), stock `mkdocs serve` never
    # sees a save: its watcher's timed waits stall. The server gets the real clock; the
    # portal's dates still come from the PORTAL_TODAY the suite pins.
    env["LD_PRELOAD"] = " ".join(lib for lib in env.pop("LD_PRELOAD", "").split()
                                 if "faketime" not in lib)
    if languages:
        env["PORTAL_LANGUAGE"] = languages
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=project, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}/"


def test_saves_are_served_and_reused_pages_match_a_fresh_build(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    server, base = _serve(project, log, "en")
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


SERVICE, CAMP = "brac-cm-camp-1e", "referral/locations/camp-1e/"


def test_data_edits_show_in_every_language_and_bad_data_is_listed_not_fatal(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    server, base = _serve(project, log, None)
    pages = {lang: base + ("" if lang == "en" else f"{lang}/") + CAMP for lang in LANGUAGES}
    try:
        _until(lambda: all("</html>" in fetch_text(url) for url in pages.values()),
               "the first build")
        path, line = rename_service(project, SERVICE, " (first data save)")
        _until(lambda: all("(first data save)" in fetch_text(url) for url in pages.values()),
               "the data edit in every language")

        # A broken reference: the server stays up, keeps the last good data, and says why.
        good = path.read_text("utf-8")
        lines = good.split("\n")
        lines[line - 1] = lines[line - 1].replace("organization: brac", "organization: brac-zz")
        path.write_text("\n".join(lines), "utf-8")
        where = f"data/referral/services/{path.name}:{line}:"
        _until(lambda: where in log.read_text() and "RP104" in log.read_text(),
               "the error in the log")
        for lang, url in pages.items():
            page = _until(lambda: where in (text := fetch_text(url)) and text, "the banner")
            banner = re.search(r'<div class="portal-problems".*?</div>', page, re.S).group(0)
            assert t(lang, "preview_errors", count=1) in banner.replace("&#39;", "'")
            assert "RP104" in banner and "brac-zz" in banner
            assert "(first data save)" in page  # the last good data, still served
        assert server.poll() is None

        # The next good save shows the page again, without the banner.
        path.write_text(good.replace(" (first data save)", " (fixed data save)"), "utf-8")
        for url in pages.values():
            page = _until(lambda: "(fixed data save)" in (text := fetch_text(url)) and text,
                          "the repaired data")
            assert "portal-problems" not in page
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)

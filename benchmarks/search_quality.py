"""Search: the portal's engine beside Pagefind on the same built site, in a real browser.

- Quality: the share of the field queries (search_queries.yml) with an expected page in the
  top 3, per language.
- Cost: bytes the server sent (gzip, headers included) for a first query with a cold cache
  and for a later one, and the time to the first result with the CPU slowed 4 times, per
  language, on the portal and on the synthetic portal of 400 pages a language (build_speed.py).
Pagefind indexes each page's <article> (as the portal's index does) and is queried through its
JavaScript API on a page without the portal's Content-Security-Policy (which allows no
WebAssembly); its top ten results' fragments are fetched, as the portal's worker fetches its
ten. Pagefind has no Bengali stemmer and does not run from file://.

Run: .venv/bin/pip install -r benchmarks/requirements.txt
     .venv/bin/python benchmarks/search_quality.py [SITE_DIR [SYNTHETIC_SITE_DIR]]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import build_speed  # noqa: E402
from conftest import build_site  # noqa: E402
from cpportal import chromium  # noqa: E402
from helpers import ask  # noqa: E402
from serving import serve  # noqa: E402
from table import print_table  # noqa: E402

QUERIES = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))
LANGUAGES = list(QUERIES)
START = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}  # home pages
# a first and a later query per language, for the cost
COST_QUERIES = {"en": ("trafficked", "foster care"), "bn": ("পাচারের", "ক্যাম্প 26"),
                "fr": ("l'enlèvement", "famille d'accueil")}
HIT_RATE, FIRST_KB, LATER_KB, FIRST_RESULT_S = 0.95, 60, 20, 1.0
CPU_SLOWDOWN = 4
TIMER = """() => {
  const meta = document.querySelector(".md-search-result__meta")
  document.querySelector("input.md-search__input").addEventListener(
    "keyup", () => { window.asked = performance.now() }, { once: true })
  new MutationObserver((_, observer) => {
    if (meta.textContent.trim()) { window.answered = performance.now(); observer.disconnect() }
  }).observe(meta, { childList: true, characterData: true, subtree: true })
}"""
PAGEFIND_PAGE = "pagefind-{lang}.html"
PAGEFIND_SEARCH = """async query => {
  const started = performance.now()
  window.pagefind = window.pagefind || await import("./pagefind/pagefind.js")
  const found = await pagefind.search(query)
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()))
  return { urls: data.map(d => d.url), seconds: (performance.now() - started) / 1000 }
}"""


def with_pagefind(site: Path) -> None:
    """Index `site` with Pagefind (into site/pagefind/, unless there) and add a page per
    language to query it from."""
    if not (site / "pagefind").exists():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                        "--root-selector", "article"], check=True, capture_output=True)
    for lang in LANGUAGES:
        (site / PAGEFIND_PAGE.format(lang=lang)).write_text(
            f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>x</title></html>',
            encoding="utf-8")


class Ours:
    """The portal's search box."""
    name = "portal"

    def __init__(self, page, base: str, lang: str):
        self.page, self.base = page, base
        page.goto(base + START[lang])
        page.wait_for_load_state("networkidle")
        page.locator("input.md-search__input").click()

    def search(self, query: str) -> tuple[list[str], float]:
        """The result pages, and the seconds from the key that sends the query to the
        results' count on screen, as the page's clock measures them."""
        self.page.evaluate(TIMER)
        urls = ask(self.page, query)
        seconds = self.page.evaluate("(window.answered - window.asked) / 1000")
        return [u[len(self.base):] for u in urls], seconds


class Pagefind:
    """Pagefind's JavaScript API, on a page of the reader's language."""
    name = "Pagefind"

    def __init__(self, page, base: str, lang: str):
        self.page = page
        page.goto(base + PAGEFIND_PAGE.format(lang=lang))
        page.wait_for_load_state("networkidle")

    def search(self, query: str) -> tuple[list[str], float]:
        found = self.page.evaluate(PAGEFIND_SEARCH, query)
        return [u.lstrip("/") for u in found["urls"]], found["seconds"]


def hit_rates(browser, base: str, engine) -> dict[str, tuple[int, int, list[str]]]:
    """(hits, queries, missed queries) per language."""
    rates = {}
    for lang, queries in QUERIES.items():
        context = browser.new_context()
        try:
            searcher = engine(context.new_page(), base, lang)
            prefix = "" if lang == "en" else f"{lang}/"
            missed = [q["query"] for q in queries if not {prefix + e for e in q["expect"]}
                      & set(searcher.search(q["query"])[0][:3])]
        finally:
            context.close()
        rates[lang] = (len(queries) - len(missed), len(queries), missed)
    return rates


def costs(browser, site: Path, engine) -> dict[str, tuple[float, float, float]]:
    """(KB for a first query with a cold cache, KB for a later one, seconds to the first
    result with the CPU slowed) per language."""
    out = {}
    for lang, (first, later) in COST_QUERIES.items():
        log: list = []
        server, base = serve(site, log)
        context = browser.new_context()
        try:
            page = context.new_page()
            searcher = engine(page, base, lang)
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate",
                                               {"rate": CPU_SLOWDOWN})
            figures = []
            for query in (first, later):
                page.wait_for_timeout(500)  # let the page's own requests finish
                start = len(log)
                _, seconds = searcher.search(query)
                page.wait_for_load_state("networkidle")
                figures.append((sum(size for _, _, size in log[start:]) / 1000, seconds))
            out[lang] = (figures[0][0], figures[1][0], figures[0][1])
        finally:
            context.close()
            server.shutdown()
    return out


def measure(site: Path, synthetic: Path | None) -> list[tuple[str, str, str, str]]:
    from playwright.sync_api import sync_playwright

    for folder in (site, synthetic):
        if folder:
            with_pagefind(folder)
    rows = []
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        server, base = serve(site)
        try:
            rates = {e.name: hit_rates(browser, base, e) for e in (Ours, Pagefind)}
            sizes = {(label, e.name): costs(browser, folder, e) for e in (Ours, Pagefind)
                     for label, folder in (("portal", site), ("400 pages", synthetic))
                     if folder}
        finally:
            server.shutdown()
            browser.close()
    for lang in LANGUAGES:
        (hits, total, missed), (their_hits, _, their_missed) = (
            rates["portal"][lang], rates["Pagefind"][lang])
        rows.append((f"search, {lang}: field queries with an expected page in the top 3",
                     f">= {HIT_RATE:.0%}", f"{hits}/{total} ({hits / total:.0%})"
                     + (f"; missed: {', '.join(missed)}" if missed else ""),
                     f"Pagefind {their_hits}/{total} ({their_hits / total:.0%})"))
    for (label, name), figures in sizes.items():
        if name != "portal":
            continue
        theirs = sizes[(label, "Pagefind")]
        for lang, (first, later, seconds) in figures.items():
            other = theirs[lang]
            rows += [
                (f"search, {lang}, {label}: first query, cold cache", f"<= {FIRST_KB} KB",
                 f"{first:.1f} KB", f"Pagefind {other[0]:.1f} KB"),
                (f"search, {lang}, {label}: a later query", f"<= {LATER_KB} KB",
                 f"{later:.1f} KB", f"Pagefind {other[1]:.1f} KB"),
                (f"search, {lang}, {label}: first result, CPU {CPU_SLOWDOWN}x slower",
                 f"<= {FIRST_RESULT_S:.0f} s", f"{seconds:.2f} s", f"Pagefind {other[2]:.2f} s"),
            ]
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if len(sys.argv) > 1:
            site = Path(sys.argv[1])
        else:
            site = tmp / "site"
            result = build_site(site)
            if result.returncode != 0:
                raise SystemExit(result.stdout + result.stderr)
        if len(sys.argv) > 2:
            synthetic = Path(sys.argv[2])
        else:
            _, ours = build_speed.generate(tmp / "synthetic")
            synthetic = tmp / "synthetic-site"
            result = build_site(synthetic, project=ours)
            if result.returncode != 0:
                raise SystemExit(result.stdout + result.stderr)
        print_table(measure(site, synthetic))


if __name__ == "__main__":
    main()

"""Page weight: the bytes and requests a reader's browser (Debian's chromium) fetches for a
first view of a page with a cold cache, for a second page right after, and for a first search.

The site is served gzip-compressed with a cache lifetime, as a host serves it (serving.py);
bytes are counted as the server sent them, headers included.

Run: .venv/bin/python benchmarks/page_weight.py [SITE_DIR]   (builds the portal without one)
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from conftest import build_site  # noqa: E402
from cpportal import chromium  # noqa: E402
from serving import serve  # noqa: E402
from table import print_table  # noqa: E402

# (language, first page, second page, a query found in that language)
VIEWS = [
    ("en", "referral/locations/camp-26/", "sops/lost-and-missing-children/", "family"),
    ("bn", "bn/referral/locations/camp-26/", "bn/sops/lost-and-missing-children/", "শিশু"),
    ("fr", "fr/referral/locations/camp-26/", "fr/sops/lost-and-missing-children/", "enfant"),
]
FIRST_VIEW_KB, FIRST_VIEW_REQUESTS, REPEAT_VIEW_KB = 200, 12, 25


@dataclasses.dataclass
class Fetched:
    """What the server sent during one step of a visit: (path, status, bytes) per request."""
    requests: list[tuple[str, int, int]]

    @property
    def kb(self) -> float:
        return sum(size for _, _, size in self.requests) / 1000

    @property
    def failed(self) -> list[str]:
        return [f"{path} {status}" for path, status, _ in self.requests if status >= 400]

    def paths(self) -> list[str]:
        return [path.split("?")[0] for path, _, _ in self.requests]


def visit(browser, site_dir: Path, first: str, second: str,
          query: str | None) -> dict[str, Fetched]:
    """A reader's visit: `first` cold, then `second`, then (with `query`) a search."""
    log: list = []
    server, base = serve(site_dir, log)
    context = browser.new_context()
    page = context.new_page()
    steps = {}

    def step(name: str, action) -> None:
        start = len(log)
        action()
        page.wait_for_load_state("networkidle")
        steps[name] = Fetched(log[start:])

    try:
        step("first", lambda: page.goto(base + first))
        step("repeat", lambda: page.goto(base + second))
        if query:
            def search():
                page.locator("input.md-search__input").click()
                page.keyboard.insert_text(query)
                page.keyboard.press("End")  # Material reads the query on keyup
                page.wait_for_selector(".md-search-result__item", timeout=60_000)
            step("search", search)
    finally:
        context.close()
        server.shutdown()
    return steps


def measure(site_dir: Path, views=VIEWS) -> list[tuple[str, dict[str, Fetched]]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            return [(lang, visit(browser, site_dir, first, second, query))
                    for lang, first, second, query in views]
        finally:
            browser.close()


def rows(results) -> list[tuple[str, str, str]]:
    """Table rows (figure, target, measured) for the results of measure()."""
    out = []
    for lang, steps in results:
        first, repeat = steps["first"], steps["repeat"]
        failed = [f for fetched in steps.values() for f in fetched.failed]
        out += [
            (f"first view, {lang} referral location page (cold cache)",
             f"<= {FIRST_VIEW_KB} KB, <= {FIRST_VIEW_REQUESTS} requests",
             f"{first.kb:.1f} KB, {len(first.requests)} requests"),
            (f"repeat view, {lang} SOP page", f"<= {REPEAT_VIEW_KB} KB",
             f"{repeat.kb:.1f} KB, {len(repeat.requests)} requests"),
            (f"failed requests, {lang} visit", "0",
             str(len(failed)) + (f" ({failed})" if failed else "")),
        ]
        if "search" in steps:
            search = steps["search"]
            indexes = [p for p in first.paths() + search.paths()
                       if p.startswith("/search/") and p.endswith(".json")
                       and not p.endswith("search_index.json")]
            out.append((f"first search, {lang}", "only the reader's language index",
                        f"{search.kb:.1f} KB: " + ", ".join(indexes)))
    return out


def main() -> None:
    if len(sys.argv) > 1:
        site_dir = Path(sys.argv[1])
        results = measure(site_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = build_site(Path(tmp))
            assert result.returncode == 0, result.stdout + result.stderr
            results = measure(Path(tmp))
    print_table(rows(results))
    for lang, steps in results:
        for name, fetched in steps.items():
            print(f"\n{lang} {name}: " + ", ".join(f"{p} {s} {b / 1000:.1f} KB"
                                                   for p, s, b in fetched.requests))


if __name__ == "__main__":
    main()

"""What a reader's browser fetches (sizes and times are measured by benchmarks/, not here):
no search index on a first view, only the reader's language index on a search, no failures."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from helpers import url_of
from test_browser import search

LOCATION_PAGE = "referral/locations/camp-26.md"
LANGUAGE_INDEX = re.compile(r"/search/(?!search_index\.json).+\.json$")  # a head, chunk or page


def _record(page) -> list:
    """(path, status) of every response the page and its workers get, failures as status 0."""
    seen = []
    page.on("response", lambda r: seen.append((urlsplit(r.url).path, r.status)))
    page.on("requestfailed", lambda r: seen.append((urlsplit(r.url).path, 0)))
    return seen


@pytest.mark.parametrize("lang", ["en", "bn", "fr"])
def test_a_first_view_fetches_no_search_index(page, base_url, lang):
    seen = _record(page)
    page.goto(base_url + url_of(LOCATION_PAGE, lang))
    page.wait_for_load_state("networkidle")
    assert seen
    assert [path for path, _ in seen if LANGUAGE_INDEX.search(path)] == []


def test_a_bengali_search_fetches_only_the_bengali_index(page, base_url):
    seen = _record(page)
    results = search(page, base_url, url_of("about/index.md", "bn"), "শিশু")
    assert results
    fetched = [path for path, _ in seen if LANGUAGE_INDEX.search(path)]
    assert fetched[0] == "/search/bn.json"
    assert all(path.startswith("/search/bn/") for path in fetched[1:]), fetched


def test_every_request_of_a_page_view_returns_200(browser, base_url):
    """A generated referral page in every language, and a search, each with a cold cache:
    every request gets a 200 (the stock theme asks for <page>/sitemap.xml per language and
    gets 404s)."""
    seen = []
    for lang in ("en", "bn", "fr", "search"):
        context = browser.new_context()
        try:
            tab = context.new_page()
            responses = _record(tab)
            if lang == "search":
                assert search(tab, base_url, url_of("about/index.md", "fr"), "enfant")
            else:
                tab.goto(base_url + url_of(LOCATION_PAGE, lang))
                tab.wait_for_load_state("networkidle")
            seen += responses
        finally:
            context.close()
    assert len(seen) > 20
    assert [(path, status) for path, status in seen if status != 200] == []

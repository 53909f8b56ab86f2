"""Search in a real browser on the built portal: the field queries (benchmarks/
search_queries.yml) find their pages, a query costs what it may, and search works under a
version prefix."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import serve
from helpers import ask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from serving import serve as serve_compressed  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "benchmarks/search_queries.yml").read_text(encoding="utf-8"))
PROBLEMS = ("inflected", "misspelt", "digits", "synonym")
FIRST_QUERY_KB, LATER_QUERY_KB = 60, 20


def open_search(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.mark.parametrize("lang", list(QUERIES))
def test_field_queries_find_an_expected_page_in_the_top_3(page, base_url, lang):
    open_search(page, base_url + prefix(lang) + "about/")
    hits, missed = Counter(), []
    for query in QUERIES[lang]:
        top = [url[len(base_url):] for url in ask(page, query["query"])[:3]]
        if {prefix(lang) + path for path in query["expect"]} & set(top):
            hits[query["kind"]] += 1
        else:
            missed.append((query["query"], top))
    assert len(missed) <= 0.05 * len(QUERIES[lang]), missed
    assert all(hits[kind] >= 3 for kind in PROBLEMS), (hits, missed)


@pytest.mark.parametrize("lang, first, later", [
    ("en", "trafficked", "foster care"), ("bn", "পাচারের", "ক্যাম্প 26"),
    ("fr", "l'enlèvement", "famille d'accueil")])
def test_a_first_query_fetches_at_most_60_kb_and_a_later_one_20_kb(browser, site, lang,
                                                                    first, later):
    """Compressed as a host serves the site, headers included, with a cold cache."""
    log: list = []
    server, url = serve_compressed(site, log)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_search(page, url + prefix(lang) + "about/")
        sizes = []
        for query in (first, later):
            page.wait_for_timeout(300)
            start = len(log)
            assert ask(page, query)
            sizes.append((sum(size for _, _, size in log[start:]) / 1000,
                          [path for path, _, _ in log[start:]]))
    finally:
        context.close()
        server.shutdown()
    (first_kb, first_paths), (later_kb, later_paths) = sizes
    assert any(p.startswith(f"/search/{lang}/t") for p in first_paths)  # it was measured
    assert first_kb <= FIRST_QUERY_KB, first_paths
    assert later_kb <= LATER_QUERY_KB, later_paths


def test_search_works_under_a_version_prefix(page, site, tmp_path):
    (tmp_path / "2026.1").symlink_to(site, target_is_directory=True)
    server, url = serve(tmp_path)
    try:
        open_search(page, url + "2026.1/bn/about/")
        found = ask(page, "পাচারের")
    finally:
        server.shutdown()
    assert found[0] == url + "2026.1/bn/referral/concerns/abduction-trafficking/"

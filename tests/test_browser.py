"""A real browser (Debian's chromium through Playwright) on the built site: search, language
switching, the Bengali web font."""

from __future__ import annotations

import unicodedata

import pytest

from helpers import url_of


def search(page, base_url: str, start: str, query: str) -> list[str]:
    """Open `start`, type `query` into the search box, return the result links (site-relative)."""
    page.goto(base_url + start)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    # Material shows "type to search" in the page's language once its worker is ready
    waiting = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                            ".translations['search.result.placeholder']")
    page.wait_for_function(
        "waiting => document.querySelector('.md-search-result__meta')"
        ".textContent.trim() === waiting.trim()", arg=waiting)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material reads the query on keyup; inserted text sends none
    # The first query fetches and indexes the language's index: wait for its answer, which
    # replaces the waiting text with a count or "no results".
    page.wait_for_function(
        "waiting => { const text = document.querySelector('.md-search-result__meta')"
        ".textContent.trim(); return text !== '' && text !== waiting.trim()"
        " && !text.includes('…') }", arg=waiting)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    return [h[len(base_url):].split("#")[0] for h in hrefs]


@pytest.mark.parametrize("lang, query, expected", [
    ("en", "laptop", "resources/downloads/"),
    ("bn", "ধীরগতির", "bn/"),
    ("fr", "decompresser", "fr/resources/downloads/"),   # no accent; the page says décompresser
])
def test_search_finds_the_page_in_the_readers_language(page, base_url, lang, query, expected):
    results = search(page, base_url, url_of("about/index.md", lang), query)
    assert expected in results, results
    prefix = "" if lang == "en" else f"{lang}/"
    assert all(r.startswith(prefix) for r in results)
    if lang == "en":
        assert not any(r.startswith(("bn/", "fr/")) for r in results)


def test_bengali_search_ignores_unicode_composition(page, base_url):
    """য় typed as one code point (U+09DF) or as য + nukta finds the same pages."""
    word = "সহায়তা"
    composed = word.replace("\u09af\u09bc", "\u09df")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    start = url_of("about/index.md", "bn")
    with_composed = search(page, base_url, start, composed)
    with_decomposed = search(page, base_url, start, decomposed)
    assert with_composed and with_composed == with_decomposed


def test_language_switch_from_a_deep_page_lands_on_the_same_page(page, base_url):
    src = "sops/lost-and-missing-children.md"
    page.goto(base_url + url_of(src, "en"))
    for lang, name in (("bn", "বাংলা"), ("fr", "Français"), ("en", "English")):
        page.locator(".md-header__option .md-select button").click()
        page.locator(f"a.md-select__link[hreflang={lang}]").click()
        page.wait_for_load_state()
        assert page.url == base_url + url_of(src, lang), (name, page.url)
        assert page.evaluate("document.documentElement.lang") == lang


def test_bengali_text_is_drawn_with_the_sites_own_bengali_font(page, base_url):
    page.goto(base_url + url_of("sops/lost-and-missing-children.md", "bn"))
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("""() => [...document.fonts]
        .filter(f => f.family.replace(/["']/g, '') === 'Noto Sans Bengali' && f.status === 'loaded')
        .map(f => f.weight)""")
    assert "400" in loaded, loaded
    family = page.eval_on_selector("article p", "el => getComputedStyle(el).fontFamily")
    assert "Noto Sans Bengali" in family

"""The search index: pages cut into sections as Material's own parser cuts them, and the
repeated parts of generated referral pages left out."""

from __future__ import annotations

import json
import re

import pytest
from material.plugins.search.plugin import Parser

from cpportal.search import sections

ARTICLE = re.compile(r"<article[^>]*>.*?(<h1.*)</article>", re.S)


def _material(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


def _normal(found: list[tuple]) -> list[tuple]:
    return [(ident, " ".join(title.split()), " ".join(text.split()))
            for ident, title, text in found]


def test_sections_are_materials_sections_on_every_built_page(site):
    pages = [p for p in sorted(site.rglob("index.html")) if ARTICLE.search(p.read_text("utf-8"))]
    assert len(pages) > 300
    for path in pages:
        html = ARTICLE.search(path.read_text(encoding="utf-8"))[1]
        ours = [(s.id, s.title, s.text) for s in sections(html)]
        assert _normal(ours) == _normal(_material(html)), path


def test_sections_leave_out_what_is_marked_and_keep_materials_markup():
    html = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro &amp; <em>more'
            '</em></p><h2 id="a" data-search-exclude>Hidden</h2><p>gone</p>'
            '<h2 id="b">Kept</h2><ul><li><a href="x">link</a></li></ul><p data-search-exclude>no'
            '</p><script>var x = "<p>"</script><p> </p><pre><code>a\n  b</code></pre>')
    assert [(s.id, s.title, s.text) for s in sections(html)] == [
        (None, "Title", "<p>Intro &amp; more</p>"),
        ("b", "Kept", "<ul><li>link</li></ul><pre><code>a\n  b</code></pre>"),
    ]
    assert _normal([(s.id, s.title, s.text) for s in sections(html)]) == _normal(_material(html))


@pytest.mark.parametrize("lang", ["en", "bn", "fr"])
def test_the_index_leaves_out_what_generated_pages_repeat(site, lang):
    locations = []  # of every page and heading the index holds (cpportal.search_index)
    for path in (site / "search" / lang).glob("p*.json"):
        location, _, _, headings = json.loads(path.read_text(encoding="utf-8"))
        locations += [location] + [f"{location}#{anchor}" for anchor, _ in headings]
    prefix = "" if lang == "en" else f"{lang}/"
    camp = [loc for loc in locations if loc.startswith(f"{prefix}referral/locations/camp-26/")]
    assert f"{prefix}referral/locations/camp-26/" in camp
    assert any("#svc-" in loc for loc in camp)  # the camp's services are found
    assert not any(loc.endswith(("#neglect", "#lost-missing")) for loc in camp)  # not repeated
    assert not any(loc.startswith(f"{prefix}referral/cards/") for loc in locations)
    assert any(loc.startswith(f"{prefix}referral/concerns/neglect/") for loc in locations)


def test_the_error_code_page_shows_element_names_as_text(site):
    """CT101's meaning names <script> and <style>: shown as text, they open no element (an
    open <script> would swallow the rest of the page, and the search index with it)."""
    html = (site / "about/error-codes/index.html").read_text(encoding="utf-8")
    article = ARTICLE.search(html)[1]
    assert "&lt;script&gt;" in article
    assert "<script" not in article and "<style" not in article

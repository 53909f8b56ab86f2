"""The whole site, built strictly into a temporary directory, inspected page by page."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import LANGUAGES
from helpers import html_file, nav_pages, soup, url_of

SITE_NAMES = {"en": "CPSS guidance portal", "bn": "CPSS নির্দেশিকা পোর্টাল",
              "fr": "Portail d'orientation du CPSS"}


def test_strict_build_has_no_warnings(built):
    _, output = built
    assert "WARNING" not in output, output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_nav_page_exists_with_language_and_title(site, lang):
    problems = []
    for src in nav_pages():
        url = url_of(src, lang)
        if not html_file(site, url).exists():
            problems.append(f"{url}: missing")
            continue
        page = soup(site, url)
        if page.html.get("lang") != lang:
            problems.append(f"{url}: lang={page.html.get('lang')}")
        title = page.title.get_text() if page.title else ""
        if SITE_NAMES[lang] not in title:
            problems.append(f"{url}: title {title!r} lacks the {lang} site name")
        h1 = page.select_one("article h1")
        if h1 is None or not h1.get_text(strip=True):
            problems.append(f"{url}: no heading")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["bn", "fr"])
def test_pages_are_translated_not_english_copies(site, lang):
    """A bn or fr page whose text equals the English page's was not translated."""
    def text(url):
        return " ".join(soup(site, url).select_one("article").get_text(" ").split())

    same = [url_of(src, lang) for src in nav_pages()
            if text(url_of(src, lang)) == text(url_of(src, "en"))]
    assert not same, "\n".join(same)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_links_to_the_same_page(site, lang):
    problems = []
    for src in nav_pages():
        url = url_of(src, lang)
        page = soup(site, url)
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
        for other in LANGUAGES:
            href = links.get(other)
            if href is None or href.startswith("/"):
                problems.append(f"{url}: {other} link {href!r} is missing or absolute")
                continue
            resolved = urljoin("http://portal/" + url, href)
            if resolved != "http://portal/" + url_of(src, other):
                problems.append(f"{url}: {other} link {href!r} leads to {resolved}")
    assert not problems, "\n".join(problems[:20])


def test_bengali_headings_get_readable_anchors(site):
    page = soup(site, url_of("index.md", "bn"))
    ids = [h["id"] for h in page.select("article h2[id]")]
    assert ids, "no h2 anchors on the Bengali home page"
    for anchor in ids:
        assert re.search(r"[\u0980-\u09ff]", anchor), f"unreadable anchor #{anchor}"
        assert not re.fullmatch(r"_\d+", anchor)
    # vowel signs survive: the heading text and its anchor hold the same letters
    first = page.select_one("article h2[id]")
    words = first.get_text(strip=True).rstrip("¶").split()
    assert first["id"] == "-".join(words)


def test_glossary_expands_acronyms_in_every_language(site):
    for lang, expected in {"en": "Child Protection Sub-Sector", "bn": "শিশু সুরক্ষা",
                           "fr": "Sous-secteur"}.items():
        page = soup(site, url_of("index.md", lang))
        titles = [a.get("title", "") for a in page.select("article abbr")]
        assert any(expected in t for t in titles), f"{lang}: no CPSS expansion in {titles[:5]}"


@pytest.mark.parametrize("lang", ["en", "bn", "fr"])
def test_acronyms_are_marked_at_their_first_use_in_each_section(site, lang):
    """Each section (from one h2 to the next) marks an acronym once, at its first use (in its
    Markdown text: the pathway steps are generated HTML, which the extension does not read)."""
    article = str(soup(site, url_of("referral/locations/camp-26.md", lang)).select_one("article"))
    marked_in_all = 0
    for section in re.split(r"<h2\b", article):
        marked = re.findall(r"<abbr\b[^>]*>(.*?)</abbr>", section)
        assert len(marked) == len(set(marked)), f"{lang}: marked twice in a section: {marked}"
        prose = " ".join(m.group(0) for m in re.finditer(r"<(p|td)\b.*?</\1>", section, re.S))
        used = set(re.findall(r"\b(?:CPFP|CPSS|GBV|CiC)\b", re.sub(r"<[^>]+>", " ", prose)))
        assert used <= set(marked), f"{lang}: {used - set(marked)} used but not marked"
        marked_in_all += len(marked)
    assert marked_in_all >= 10


def test_acronyms_ending_in_a_symbol_are_expanded(site):
    page = soup(site, url_of("training/cpims-case-workers/index.md", "fr"))
    assert any(a.get_text() == "CPIMS+" and a.get("title") for a in page.select("article abbr"))


@pytest.mark.parametrize("lang, endorsed_words", [
    ("en", "Endorsed by CPSS Strategic Advisory Group"),
    ("bn", "CPSS কৌশলগত উপদেষ্টা গ্রুপ (SAG) কর্তৃক"),
    ("fr", "Approuvé par Groupe consultatif stratégique du CPSS"),
])
def test_documents_show_their_standing_in_the_readers_language(site, lang, endorsed_words):
    endorsed = soup(site, url_of("sops/alternative-care.md", lang))
    status = endorsed.select_one(".portal-document-status--endorsed")
    assert status is not None and endorsed_words in status.get_text()
    assert endorsed.select_one(".portal-document-banner") is None
    draft = soup(site, url_of("sops/community-safeguarding.md", lang))
    assert draft.select_one(".portal-document-status--draft") is not None
    banner = draft.select_one(".portal-document-banner")
    english = soup(site, url_of("sops/community-safeguarding.md", "en")).select_one(
        ".portal-document-banner")
    assert banner is not None and (lang == "en" or banner.get_text() != english.get_text())

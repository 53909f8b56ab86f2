"""Nothing in the built site makes a reader's browser contact another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from helpers import url_of

RESOURCE_ATTRS = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
    "video": "src", "embed": "src", "object": "data", "track": "src", "input": "src",
}
FETCHING_RELS = {"stylesheet", "preload", "prefetch", "modulepreload", "icon", "manifest",
                 "preconnect", "dns-prefetch", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def offsite_references(site: Path) -> list[str]:
    """Every resource reference in HTML and CSS that points at another host."""
    found = []
    for path in site.rglob("*.html"):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in RESOURCE_ATTRS.items():
            for el in doc.find_all(tag):
                if el.get(attr) and _external(el[attr]):
                    found.append(f"{path.relative_to(site)}: <{tag} {attr}={el[attr]}>")
        for el in doc.find_all("link"):
            rels = set(el.get("rel", []))
            if rels & FETCHING_RELS and el.get("href") and _external(el["href"]):
                found.append(f"{path.relative_to(site)}: <link rel={sorted(rels)} {el['href']}>")
        for el in doc.find_all(style=True):
            found += [f"{path.relative_to(site)}: style {u}" for u in _css_urls(el["style"])]
        for el in doc.find_all("style"):
            found += [f"{path.relative_to(site)}: <style> {u}" for u in _css_urls(el.get_text())]
    for path in site.rglob("*.css"):
        found += [f"{path.relative_to(site)}: {u}"
                  for u in _css_urls(path.read_text(encoding="utf-8"))]
    return found


def _css_urls(css: str) -> list[str]:
    return [u for pair in CSS_URL.findall(css) for u in pair if u and _external(u)]


def test_no_page_or_stylesheet_references_another_host(site):
    assert offsite_references(site) == []


def test_the_check_catches_an_offsite_font(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<img src="//cdn.example.org/x.png">', encoding="utf-8")
    (tmp_path / "a.css").write_text("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}",
                                    encoding="utf-8")
    assert len(offsite_references(tmp_path)) == 3


def test_browser_requests_stay_on_the_site(page, base_url):
    """Load pages in every language and search: every request goes to the site's own host."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    host = urlsplit(base_url).netloc
    for lang in ("en", "bn", "fr"):
        page.goto(base_url + url_of("sops/lost-and-missing-children.md", lang))
        page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type("child")
    page.wait_for_selector(".md-search-result__item")
    others = [u for u in requests if urlsplit(u).netloc != host and not u.startswith("data:")]
    assert requests and others == []

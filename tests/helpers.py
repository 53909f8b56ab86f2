"""Helpers for reading the built site."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def nav_pages(project: Path = ROOT) -> tuple[str, ...]:
    """Every Markdown file named in the navigation of mkdocs.yml (relative to a language folder)."""
    config = load_config(str(project / "mkdocs.yml"))
    found: list[str] = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                found.append(value)

    walk(config["nav"])
    return tuple(found)


def url_of(src: str, lang: str, default: str = "en") -> str:
    """Site-relative directory URL of a page: 'sops/x.md' in bn -> 'bn/sops/x/'."""
    path = src[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    prefix = "" if lang == default else f"{lang}/"
    return prefix + path


def html_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(html_file(site, url).read_text(encoding="utf-8"), "html.parser")


def ask(page, query: str) -> list[str]:
    """Type `query` into the search box of the open page (its worker ready) and return the
    pages of the results in order, each once, as absolute URLs without their anchors."""
    page.evaluate("document.querySelector('.md-search-result__meta').textContent = ''")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material reads the query on keyup
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    return list(dict.fromkeys(href.split("#")[0].split("?")[0] for href in hrefs))

"""Printable documents composed from pages of the built site: a module's facilitator guide
(cover, contents, its pages) and single pages (handouts, forms, referral cards).

Only a page's article is kept (no navigation, search or footer); its ids are prefixed so that
several pages join into one document, links to other pages are dropped (a PDF cannot follow
them) and images point at the site root, where the printer resolves them.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import posixpath
import re
from pathlib import Path

from .pdf import Document
from .strings import t

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADING = re.compile(r'<h[12] id="([^"]+)"[^>]*>(.*?)</h[12]>', re.S)
_ID = re.compile(r'(?<![\w-])id="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTE = re.compile(r'(?<![\w-])(id|href|src)="([^"]*)"')
_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b)")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
PRINT_CSS = "assets/stylesheets/print.css"
FONTS = {"Noto Sans": "assets/fonts/noto-sans-latin-400-normal.woff2",
         "Noto Sans Bengali": "assets/fonts/noto-sans-bengali-bengali-400-normal.woff2"}


@dataclasses.dataclass
class Page:
    """A built page: its directory inside the site and its HTML."""
    url: str  # e.g. "bn/training/5w-reporting/sessions/" ("" for the home page)
    html: str

    @classmethod
    def read(cls, site: Path, url: str) -> Page:
        return cls(url, (site / url / "index.html").read_text(encoding="utf-8"))

    @property
    def article(self) -> str:
        match = _ARTICLE.search(self.html)
        return match.group(1) if match else ""

    @property
    def title(self) -> str:
        match = _H1.search(_HEADERLINK.sub("", self.article))
        return text(match.group(1)) if match else ""

    @property
    def stylesheets(self) -> list[str]:
        return [_rooted(self.url, href) for href in _STYLESHEET.findall(self.html)]

    def _ids(self, prefix: str) -> dict[str, str]:
        """Each id of the article and its short replacement (PDF link targets stay short)."""
        return {old: f"{prefix}-{n}" for n, old in enumerate(_ID.findall(self.article))}

    def body(self, prefix: str) -> str:
        """The article with ids made unique by `prefix`, ready to join other pages."""
        ids = self._ids(prefix)

        def attribute(match: re.Match) -> str:
            name, value = match.groups()
            if name == "id":
                return f'id="{ids[value]}"'
            if value.startswith("#"):
                return f'href="#{ids[value[1:]]}"' if value[1:] in ids else ""
            if ":" in value.split("/", 1)[0]:  # http:, https:, mailto:, tel:
                return match.group(0)
            return f'src="{_rooted(self.url, value)}"' if name == "src" else ""
        body = _ATTRIBUTE.sub(attribute, _HEADERLINK.sub("", self.article))
        return _DETAILS.sub("<details open", body)  # print what a reader would unfold

    def sections(self, prefix: str) -> list[tuple[str, str]]:
        """(anchor, title) of the page's title and second-level headings."""
        ids = self._ids(prefix)
        return [(ids[anchor], text(title)) for anchor, title in
                _HEADING.findall(_HEADERLINK.sub("", self.article))]


def text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def _rooted(page_url: str, url: str) -> str:
    return posixpath.normpath(posixpath.join(page_url, url))


@dataclasses.dataclass
class Context:
    """What every printed document of one language shows: site name, version, demo notice."""
    lang: str
    language: str  # the language's name, in that language
    site_name: str
    version: str
    demo: bool
    site: Path

    def running(self, title: str) -> tuple[str, str]:
        """Chromium header and footer templates: title and site name above, version, demo
        notice and page number below. They cannot load the page's fonts, so the portal's own
        Noto fonts are embedded."""
        faces = "".join(
            f"@font-face{{font-family:'{name}';src:url(data:font/woff2;base64,"
            f"{base64.b64encode((self.site / path).read_bytes()).decode()})}}"
            for name, path in FONTS.items())
        style = (f"<style>{faces}.run{{font-family:'Noto Sans','Noto Sans Bengali';"
                 "font-size:7.5pt;color:#555;width:100%;margin:0 15mm;display:flex;"
                 "justify-content:space-between;gap:2em}</style>")
        header = (f'{style}<div class="run"><span>{html.escape(title)}</span>'
                  f"<span>{html.escape(self.site_name)}</span></div>")
        demo = f" · {html.escape(t(self.lang, 'demo_label'))}" if self.demo else ""
        page = t(self.lang, "pdf_page", page='<span class="pageNumber"></span>',
                 pages='<span class="totalPages"></span>')
        footer = (f'{style}<div class="run"><span>{html.escape(self.version)}{demo}</span>'
                  f"<span>{page}</span></div>")
        return header, footer

    def document(self, path: str, title: str, stylesheets: list[str], body: str) -> Document:
        links = "".join(f'<link rel="stylesheet" href="{href}">'
                        for href in [*stylesheets, PRINT_CSS])
        demo = (f'<p class="portal-pdf-demo">{html.escape(t(self.lang, "demo_notice"))}</p>'
                if self.demo else "")
        page = (f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>{html.escape(title)}</title>{links}</head>"
                f'<body class="portal-pdf"><main class="md-typeset">{demo}{body}</main>'
                "</body></html>")
        return Document(path, page, *self.running(title))


def guide(context: Context, path: str, pages: list[Page], standing: str) -> Document:
    """A module's facilitator guide: cover, table of contents, then every page of the module."""
    lang = context.lang
    title = pages[0].title
    facts = [(t(lang, "pdf_language"), context.language),
             (t(lang, "pdf_version"), context.version),
             (t(lang, "pdf_status"), standing)]
    cover = (f'<section class="portal-pdf-cover"><p>{html.escape(context.site_name)}</p>'
             f"<h1>{html.escape(title)}</h1>"
             f'<p class="portal-pdf-kind">{html.escape(t(lang, "pdf_guide"))}</p><dl>'
             + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in facts)
             + "</dl></section>")
    entries = []
    for number, page in enumerate(pages, 1):
        (anchor, name), *sections = page.sections(f"p{number}") or [(f"p{number}", page.title)]
        sub = "".join(f'<li><a href="#{a}">{html.escape(s)}</a></li>' for a, s in sections)
        entries.append(f'<li><a href="#{anchor}">{html.escape(name)}</a>'
                       + (f"<ol>{sub}</ol>" if sub else "") + "</li>")
    contents = (f'<nav class="portal-pdf-toc"><h2>{html.escape(t(lang, "pdf_contents"))}</h2>'
                f"<ol>{''.join(entries)}</ol></nav>")
    parts = "".join(f'<section class="portal-pdf-part" id="p{n}">{page.body(f"p{n}")}</section>'
                    for n, page in enumerate(pages, 1))
    return context.document(path, f"{title} · {t(lang, 'pdf_guide')}", pages[0].stylesheets,
                            cover + contents + parts)


def single(context: Context, path: str, page: Page) -> Document:
    """One page printed on its own (a handout, a form, a referral card)."""
    return context.document(path, page.title, page.stylesheets,
                            f'<section class="portal-pdf-part">{page.body("p1")}</section>')

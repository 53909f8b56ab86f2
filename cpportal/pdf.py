"""Printing HTML documents to PDF with Chromium, cached by a hash of everything they use.

Chromium's print-to-PDF shapes Bengali and keeps its text layer in logical order (copy and
search work), which WeasyPrint does not. A document is HTML whose URLs are relative to the
built site's root; its cache key covers the HTML, the header and footer, and the bytes of every
stylesheet, image and font it loads, so a rebuild with nothing changed renders nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from . import chromium

PDF_VARIABLE = "PORTAL_PDF"  # "0" skips PDFs and everything built from them (`make serve`)
CACHE = Path(".cache/pdf")
RENDERER = "chromium-a4-v1"  # change when the print options change, to refresh the cache
_LINKED = re.compile(r'<(?:link|img|script)\b[^>]*?\b(?:href|src)="([^"#?]+)[^"]*"')
_CSS_URL = re.compile(r'url\("?([^")#?]+)')
_PAGES = re.compile(rb"/Type /Pages\s*/Count (\d+)")


class PrintError(Exception):
    """Chromium could not print; the message says what to do."""


def enabled() -> bool:
    return os.environ.get(PDF_VARIABLE, "1") != "0"


@dataclasses.dataclass
class Document:
    """One PDF to print: `html` (URLs relative to the site root) written to `path` in the site."""
    path: str
    html: str
    header: str
    footer: str

    def key(self, site: Path) -> str:
        digest = hashlib.sha256(RENDERER.encode())
        for part in (self.html, self.header, self.footer):
            digest.update(hashlib.sha256(part.encode("utf-8")).digest())
        for resource in sorted(_resources(self.html, site)):
            digest.update(resource.encode("utf-8"))
            digest.update(hashlib.sha256((site / resource).read_bytes()).digest())
        return digest.hexdigest()


def _resources(html: str, site: Path) -> set[str]:
    """Site files a document loads: its stylesheets, images and the fonts those name."""
    found = {posixpath.normpath(url) for url in _LINKED.findall(html) if ":" not in url}
    for css in [url for url in found if url.endswith(".css")]:
        text = (site / css).read_text(encoding="utf-8")
        found |= {posixpath.normpath(posixpath.join(posixpath.dirname(css), url))
                  for url in _CSS_URL.findall(text) if ":" not in url}
    return {url for url in found if (site / url).is_file()}


def page_count(pdf: bytes) -> int:
    """Pages of a PDF written by Chromium (its page tree root carries the total)."""
    return max((int(n) for n in _PAGES.findall(pdf)), default=0)


def render(documents: list[Document], site: Path, cache: Path) -> int:
    """Write each document's PDF into `site`, printing only those not in `cache`; return how
    many were printed."""
    missing = []
    for document in documents:
        cached = cache / f"{document.key(site)}.pdf"
        if cached.is_file():
            _place(cached, site / document.path)
        else:
            missing.append((document, cached))
    if missing:
        _print(missing, site, cache)
    return len(missing)


def _place(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


def _print(work: list[tuple[Document, Path]], site: Path, cache: Path) -> None:
    from playwright.sync_api import Error, sync_playwright

    cache.mkdir(parents=True, exist_ok=True)
    base = f'<base href="{site.resolve().as_uri()}/">'
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        try:
            browser = chromium.launch(playwright)
        except Error as error:
            raise PrintError(
                f"cannot start Chromium ({chromium.EXECUTABLE}) to print PDFs: "
                f"{str(error).splitlines()[0]}\n  install it with `make system-packages`, or "
                f"build without PDFs: {PDF_VARIABLE}=0") from None
        try:
            tab = browser.new_page()
            source = Path(scratch) / "document.html"
            for document, cached in work:
                source.write_text(document.html.replace("<head>", "<head>" + base, 1),
                                  encoding="utf-8")
                tab.goto(source.as_uri(), wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                pdf = tab.pdf(format="A4", print_background=True, display_header_footer=True,
                              header_template=document.header,
                              footer_template=document.footer,
                              margin={"top": "20mm", "bottom": "18mm", "left": "15mm",
                                      "right": "15mm"})
                partial = cached.with_suffix(".part")
                partial.write_bytes(pdf)
                partial.replace(cached)
                _place(cached, site / document.path)
        finally:
            browser.close()

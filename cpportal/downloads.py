"""Trainers' downloads, made from the built site once every language is written: PDFs of
training modules, handouts, forms and referral cards; a pack per module and language; an
offline copy of the portal; and the table of every file on each language's Downloads page.

Order matters: the Downloads page lists sizes and checksums, so it is filled in after the files
exist (its Markdown leaves MARKER), and filled twice: once without the offline copy (the page
inside the copy), once with it (the page on the site).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import os
import posixpath
import zipfile
from pathlib import Path

from babel import Locale

from . import offline, pdf, printing
from .documents import describe, split
from .strings import t

MARKER = "<!-- portal-downloads -->"
MODULE_PAGES = ("", "sessions/", "handouts/", "assessment/")
FORMS = "resources/forms"
OFFLINE = "downloads/portal-offline.zip"
DATA = {"services.csv": "download_csv", "services.json": "download_json",
        "services-hxl.csv": "download_hxl", "hsds/services.json": "download_hsds"}
SECTIONS = ("training", "handouts", "forms", "cards", "data", "offline")
VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by mike while it builds a release


@dataclasses.dataclass
class Item:
    """A file on the Downloads page."""
    section: str
    path: str  # inside the site
    title: str  # for a file in no language (lang ""), the key of its title in strings
    lang: str
    version: str  # the released version, "" for a working copy
    pages: int | None = None
    size: int = 0
    sha256: str = ""

    def measure(self, site: Path) -> Item:
        data = (site / self.path).read_bytes()
        self.size, self.sha256 = len(data), hashlib.sha256(data).hexdigest()
        if self.path.endswith(".pdf"):
            self.pages = pdf.page_count(data)
        return self


@dataclasses.dataclass
class Site:
    """The built multilingual site and what the downloads are made from."""
    root: Path  # the project (docs/, .cache/)
    dir: Path
    languages: list[str]
    default: str
    site_names: dict[str, str]
    bodies: dict
    demo: bool
    cache: Path  # printed PDFs by the hash of their inputs

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    @property
    def release(self) -> str:
        return os.environ.get(VERSION_VARIABLE, "")

    def version(self, lang: str) -> str:
        """The version as a reader of `lang` is told it."""
        return self.release or t(lang, "pdf_unreleased")

    def modules(self) -> list[str]:
        return sorted(p.parent.name for p in (self.root / "docs/en/training").glob("*/index.md"))

    def forms(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "docs/en" / FORMS).glob("*.md")
                      if p.stem != "index")

    def locations(self) -> list[str]:
        folder = self.dir / "referral/cards"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def context(self, lang: str) -> printing.Context:
        return printing.Context(lang, Locale.parse(lang).get_display_name(lang).capitalize(),
                                self.site_names.get(lang, ""), self.version(lang), self.demo,
                                self.dir)


def _documents(site: Site) -> tuple[list[pdf.Document], list[Item], dict]:
    """Every PDF to print, its entry on the Downloads page, and module titles by (lang, id)."""
    documents, items, titles = [], [], {}
    for lang in site.languages:
        context, prefix = site.context(lang), site.prefix(lang)

        def add(section, path, document, title):
            documents.append(document)
            items.append(Item(section, path, title, lang, site.release))

        for module in site.modules():
            pages = [printing.Page.read(site.dir, f"{prefix}training/{module}/{p}")
                     for p in MODULE_PAGES]
            meta, _ = split((site.root / f"docs/{lang}/training/{module}/index.md")
                            .read_text(encoding="utf-8"))
            standing = describe(meta, lang, dt.date.min, site.bodies) or {"line": ""}
            titles[lang, module] = pages[0].title
            path = f"downloads/{lang}/training/{module}-guide.pdf"
            add("training", path, printing.guide(context, path, pages, standing["line"]),
                f"{pages[0].title}: {t(lang, 'pdf_guide')}")
            path = f"downloads/{lang}/training/{module}-handouts.pdf"
            add("handouts", path, printing.single(context, path, pages[2]), pages[2].title)
        singles = [("forms", f"{FORMS}/{name}/", f"forms/{name}") for name in site.forms()]
        singles += [("cards", f"referral/cards/{name}/", f"referral-cards/{name}")
                    for name in site.locations()]
        for section, url, name in singles:
            page = printing.Page.read(site.dir, prefix + url)
            path = f"downloads/{lang}/{name}.pdf"
            add(section, path, printing.single(context, path, page), page.title)
    return documents, items, titles


def _pack(site: Site, module: str, lang: str, title: str, files: list[Item]) -> Item:
    """A module's pack: its guide, its handouts and a README with version and checksums."""
    path = f"downloads/{lang}/training/{module}.zip"
    title = f"{title}: {t(lang, 'pack')}"
    readme = [title, "", f"{t(lang, 'pdf_version')}: {site.version(lang)}", "",
              t(lang, "pack_contents"), ""]
    readme += [f"{item.sha256}  {posixpath.basename(item.path)}  ({item.title}, "
               f"{t(lang, 'downloads_pages_count', pages=item.pages)})" for item in files]
    if site.demo:
        readme += ["", t(lang, "demo_notice")]
    target = site.dir / path
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("README.txt", ("\n".join(readme) + "\n").encode("utf-8"))] + [
                (posixpath.basename(i.path), (site.dir / i.path).read_bytes()) for i in files]:
            info = zipfile.ZipInfo(f"{module}-{lang}/{name}", offline.STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return Item("training", path, title, lang, site.release).measure(site.dir)


def _size(value: int) -> str:
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024


def table(items: list[Item], lang: str, page_url: str) -> str:
    """The Downloads page's list of files, as HTML, in `lang`, for the page at `page_url`."""
    names = {code: Locale.parse(code).get_display_name(lang) for code in {i.lang for i in items}
             if code}
    head = "".join(f"<th>{html.escape(t(lang, key))}</th>" for key in (
        "downloads_file", "downloads_language", "downloads_size", "downloads_pages",
        "downloads_version", "downloads_sha256"))
    out = []
    for section in SECTIONS:
        rows = sorted((i for i in items if i.section == section),
                      key=lambda i: (i.lang != lang, i.lang, i.path))
        if not rows:
            continue
        out += [f"<h2 id=\"downloads-{section}\">{html.escape(t(lang, f'downloads_{section}'))}"
                f"</h2>", f"<table><thead><tr>{head}</tr></thead><tbody>"]
        for i in rows:
            link = posixpath.relpath(i.path, page_url)
            out.append(
                f'<tr><td><a href="{link}"><code>{posixpath.basename(i.path)}</code></a><br>'
                f"{html.escape(i.title if i.lang else t(lang, i.title))}</td>"
                f"<td>{html.escape(names.get(i.lang, '–'))}</td>"
                f"<td>{_size(i.size)}</td><td>{i.pages or '–'}</td>"
                f"<td>{html.escape(i.version or t(lang, 'pdf_unreleased'))}</td>"
                f"<td><code>{i.sha256}</code></td></tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def _fill(site: Site, pages: dict[str, str], items: list[Item]) -> None:
    for lang, original in pages.items():
        url = f"{site.prefix(lang)}resources/downloads"
        (site.dir / url / "index.html").write_text(
            original.replace(MARKER, table(items, lang, url)), encoding="utf-8")


def build(site: Site, with_files: bool) -> dict[str, int]:
    """Make every download into the built site and list them on the Downloads pages; with
    `with_files` false, list only the referral data. Returns counts for the build log."""
    pages = {lang: page.read_text(encoding="utf-8") for lang in site.languages
             if (page := site.dir / f"{site.prefix(lang)}resources/downloads/index.html")
             .is_file()}  # a portal without a Downloads page still gets the files
    items = [Item("data", f"downloads/{name}", key, "", site.release).measure(site.dir)
             for name, key in DATA.items() if (site.dir / "downloads" / name).is_file()]
    if not with_files:
        _fill(site, pages, items)
        return {"printed": 0, "files": len(items)}
    documents, printed, titles = _documents(site)
    rendered = pdf.render(documents, site.dir, site.cache)
    items += [item.measure(site.dir) for item in printed]
    packs = []
    for lang in site.languages:
        for module in site.modules():
            paths = {f"downloads/{lang}/training/{module}-{kind}.pdf"
                     for kind in ("guide", "handouts")}
            packs.append(_pack(site, module, lang, titles[lang, module],
                               [i for i in printed if i.path in paths]))
    _fill(site, pages, items)  # the page inside the offline copy: what the copy holds
    offline.write(site.dir, site.dir / OFFLINE, site.languages, "portal-offline",
                  skip={OFFLINE} | {p.path for p in packs})
    items += packs + [Item("offline", OFFLINE, "downloads_offline_file", "", site.release)
                      .measure(site.dir)]
    _fill(site, pages, items)
    return {"printed": rendered, "files": len(items)}

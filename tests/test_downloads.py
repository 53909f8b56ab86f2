"""Trainers' downloads in the built site: PDFs (title, pages, Bengali text layer), packs, the
Downloads page, the PDF cache, and the offline copy opened from file:// in a real browser."""

from __future__ import annotations

import hashlib
import re
import subprocess
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from cpportal import pdf
from cpportal.strings import t
from helpers import ROOT, soup, url_of
from test_browser import search

LANGUAGES = ["en", "bn", "fr"]
MODULES = sorted(p.parent.name for p in (ROOT / "docs/en/training").glob("*/index.md"))
FORMS = ["handover-template", "referral-form"]


def info(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def text_of(path, first=1, last=0) -> str:
    return subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without whitespace: pdftotext puts spaces where Bengali glyphs are spaced apart."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def heading(site, url) -> str:
    return soup(site, url).select_one("article h1").get_text().strip().rstrip("¶").strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_module_has_a_guide_and_handouts_with_title_and_page_count(site, lang):
    for module in MODULES:
        title = heading(site, url_of(f"training/{module}/index.md", lang))
        guide = info(site / f"downloads/{lang}/training/{module}-guide.pdf")
        assert guide["Title"].strip() == f"{title} · {t(lang, 'pdf_guide')}"
        assert 6 <= int(guide["Pages"]) <= 60, (module, guide["Pages"])
        handouts = info(site / f"downloads/{lang}/training/{module}-handouts.pdf")
        assert handouts["Title"].strip() == heading(
            site, url_of(f"training/{module}/handouts.md", lang))
        assert 1 <= int(handouts["Pages"]) <= 15, (module, handouts["Pages"])
    for form in FORMS:
        found = info(site / f"downloads/{lang}/forms/{form}.pdf")
        assert found["Title"].strip() == heading(site, url_of(f"resources/forms/{form}.md", lang))
        assert 1 <= int(found["Pages"]) <= 4
    cards = sorted((site / "referral/cards").iterdir())
    assert cards
    pages = {card.name: int(info(site / f"downloads/{lang}/referral-cards/{card.name}.pdf")
                            ["Pages"]) for card in cards}
    assert {name: n for name, n in pages.items() if n != 1} == {}, "a card is not one page"


def test_bengali_guide_text_layer_is_in_logical_order_with_the_portals_fonts(site):
    """Copy and search in the PDF work: the extracted text holds a sentence of the module
    exactly as written (a visual-order text layer puts vowel signs before consonants)."""
    path = site / "downloads/bn/training/5w-reporting-guide.pdf"
    sentence = ("নতুন IM ফোকাল পয়েন্ট যোগ দিলে, 5W টেমপ্লেট বদলালে, অথবা CPSS জমা দেওয়া "
                "তথ্যে বারবার একই ভুল পেলে এটি ব্যবহার করুন।")
    assert sentence in (ROOT / "docs/bn/training/5w-reporting/index.md").read_text()
    assert squeeze(sentence) in squeeze(text_of(path))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "NotoSansBengali" in fonts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_cover_names_language_version_and_endorsement(site, lang):
    cover = text_of(site / f"downloads/{lang}/training/5w-reporting-guide.pdf", 1, 1)
    for expected in (t(lang, "pdf_language"), t(lang, "pdf_unreleased"),
                     {"en": "English", "bn": "বাংলা", "fr": "Français"}[lang],
                     {"en": "2025", "bn": "2025", "fr": "2025"}[lang]):  # endorsed 12 March 2025
        assert squeeze(expected) in squeeze(cover), expected
    second = text_of(site / f"downloads/{lang}/training/5w-reporting-guide.pdf", 2, 2)
    assert squeeze(t(lang, "pdf_contents")) in squeeze(second)


def test_pack_holds_guide_handouts_and_readme_with_checksums(site):
    for lang in LANGUAGES:
        for module in MODULES:
            with zipfile.ZipFile(site / f"downloads/{lang}/training/{module}.zip") as pack:
                folder = f"{module}-{lang}/"
                pdfs = [f"{folder}{module}-guide.pdf", f"{folder}{module}-handouts.pdf"]
                assert sorted(pack.namelist()) == sorted([folder + "README.txt", *pdfs])
                readme = pack.read(folder + "README.txt").decode("utf-8")
                for name in pdfs:
                    assert hashlib.sha256(pack.read(name)).hexdigest() in readme
                assert t(lang, "pdf_unreleased") in readme


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_lists_every_file_with_size_pages_version_and_checksum(site, lang):
    page_url = url_of("resources/downloads.md", lang)
    rows = {}
    for row in soup(site, page_url).select("article table tbody tr"):
        cells = row.find_all("td")
        target = (site / page_url / cells[0].a["href"]).resolve()
        rows[target.relative_to(site.resolve()).as_posix()] = [c.get_text() for c in cells]
    files = sorted(p.relative_to(site).as_posix() for p in (site / "downloads").rglob("*")
                   if p.is_file())
    assert sorted(rows) == files
    for path, (_, language, size, pages, version, sha256) in rows.items():
        data = (site / path).read_bytes()
        assert sha256 == hashlib.sha256(data).hexdigest(), path
        assert version == t(lang, "pdf_unreleased")
        assert size.endswith(("B", "KB", "MB"))
        if path.endswith(".pdf"):
            assert pages == info(site / path)["Pages"].strip(), path
            assert language.strip() != "–"


def render(*args) -> int:
    """pdf.render in a thread of its own: the shared `browser` fixture's Playwright may be
    running in this one, and Playwright's sync API allows one per thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(pdf.render, *args).result()


def test_pdfs_are_printed_once_then_taken_from_the_cache(tmp_path):
    """A second run with the same inputs prints nothing; changing a stylesheet prints again."""
    stylesheet = "assets/stylesheets/print.css"
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / stylesheet).write_bytes((ROOT / "cpportal/theme" / stylesheet).read_bytes())
    document = pdf.Document("out/test.pdf", f'<!doctype html><html><head><title>Cache</title>'
                            f'<link rel="stylesheet" href="{stylesheet}"></head>'
                            "<body><p>নতুন প্রশিক্ষণ</p></body></html>", "<span></span>",
                            "<span></span>")
    cache = tmp_path / "cache"
    assert render([document], tmp_path, cache) == 1
    assert pdf.page_count((tmp_path / "out/test.pdf").read_bytes()) == 1
    assert render([document], tmp_path, cache) == 0
    (tmp_path / stylesheet).write_text("p { color: red }", encoding="utf-8")
    assert render([document], tmp_path, cache) == 1
    assert len(list(cache.glob("*.pdf"))) == 2


@pytest.fixture(scope="module")
def offline_url(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / "downloads/portal-offline.zip") as archive:
        archive.extractall(folder)
    return (folder / "portal-offline").as_uri() + "/"


def test_offline_copy_searches_and_switches_language_from_file_urls(page, offline_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    assert "bn/index.html" in search(page, offline_url, "bn/about/index.html", "ধীরগতির")
    assert "fr/resources/downloads/index.html" in search(
        page, offline_url, "fr/about/index.html", "decompresser")
    page.goto(offline_url + "sops/lost-and-missing-children/index.html")
    page.locator(".md-header__option .md-select button").click()
    page.locator("a.md-select__link[hreflang=bn]").click()
    page.wait_for_load_state()
    assert page.url == offline_url + "bn/sops/lost-and-missing-children/index.html"
    page.locator(".md-tabs__link").first.click()  # navigation: the home tab
    page.wait_for_load_state()
    assert page.url == offline_url + "bn/index.html"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Bengali\"', 'শিশু')")
    assert requests and all(url.startswith(("file:", "data:", "about:")) for url in requests)

"""Guidance documents: front matter in every language, and translation tracking."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import ROOT
from cpportal import translations
from cpportal.diagnostics import Report
from cpportal.documents import DOCUMENT_FIELDS, check, source_hash, split, stamp

DOCS = ROOT / "docs"
SECTIONS = ("coordination", "terms-of-reference", "sops", "mainstreaming", "training")
GUIDANCE = sorted(
    p.relative_to(DOCS / "en").as_posix() for section in SECTIONS
    for p in (DOCS / "en" / section).rglob("*.md")
    if p.name != "index.md" or p.parent.parent.name == "training")


def test_the_guidance_set_is_complete():
    assert len([p for p in GUIDANCE if p.startswith("training/")]) == 24  # 6 modules x 4 pages
    assert len([p for p in GUIDANCE if p.startswith("mainstreaming/")]) == 10
    assert len([p for p in GUIDANCE if p.startswith("sops/")]) == 7
    assert len([p for p in GUIDANCE if p.startswith("terms-of-reference/")]) == 5


@pytest.mark.parametrize("page", GUIDANCE)
def test_document_has_front_matter_and_current_translations(page):
    english, _ = split((DOCS / "en" / page).read_text(encoding="utf-8"))
    assert all(field in english for field in DOCUMENT_FIELDS), sorted(english)
    for lang in ("bn", "fr"):
        path = DOCS / lang / page
        assert path.exists(), f"docs/{lang}/{page} is missing"
        meta, body = split(path.read_text(encoding="utf-8"))
        for field in DOCUMENT_FIELDS:
            assert meta.get(field) == english.get(field), (lang, field)
        assert meta.get("translation_of") == source_hash(DOCS / "en" / page), \
            f"docs/{lang}/{page} is not stamped as a translation of today's English"
        assert body.strip()


def test_changed_english_makes_a_translation_outdated_until_stamped(tmp_path):
    docs = tmp_path / "docs"
    for lang in ("en", "bn"):
        (docs / lang / "sops").mkdir(parents=True)
        shutil.copy(DOCS / lang / "sops/alternative-care.md", docs / lang / "sops")
    assert translations.status(docs, "bn").current == ["sops/alternative-care.md"]
    english = docs / "en/sops/alternative-care.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n",
                       encoding="utf-8")
    assert translations.status(docs, "bn").outdated == ["sops/alternative-care.md"]
    assert stamp(docs / "bn/sops/alternative-care.md", english)
    assert translations.status(docs, "bn").current == ["sops/alternative-care.md"]
    (docs / "bn/sops/alternative-care.md").unlink()
    assert translations.status(docs, "bn").missing == ["sops/alternative-care.md"]


FRONT = """---
status: endorsed
owner: CPSS coordination team
endorsed_by: CPSS Strategic Advisory Group (SAG)
endorsed_on: 2025-03-12
review_due: 2027-03-12
doc_version: "1.0"
---

# A document
"""


FRONT_MATTER_CASES = [
    (("owner: CPSS coordination team\n", ""), "DC101", 2, "error"),
    (("status: endorsed", "status: approved"), "DC102", 2, "error"),
    (("review_due: 2027-03-12", "review_due: March 2027"), "DC103", 6, "error"),
    (("endorsed_on: 2025-03-12", "endorsed_on: 2027-01-01"), "DC103", 5, "error"),
    (("endorsed_by: CPSS Strategic Advisory Group (SAG)", "endorsed_by:"), "DC104", 2, "error"),
    (("review_due: 2027-03-12", "review_due: 2026-01-31"), "DC105", 6, "warning"),
]


@pytest.mark.parametrize("change, code, line, severity", FRONT_MATTER_CASES)
def test_front_matter_problems_are_reported_at_their_line(tmp_path, change, code, line, severity):
    page = tmp_path / "en/sops/x.md"
    page.parent.mkdir(parents=True)
    page.write_text(FRONT.replace(*change), encoding="utf-8")
    report = Report(tmp_path)
    check(tmp_path, report, dt.date(2026, 11, 22))
    assert [(d.code, d.line, d.severity) for d in report.items] == [(code, line, severity)]
    if code == "DC105":
        release = Report(tmp_path)
        check(tmp_path, release, dt.date(2026, 11, 22), release=True)
        assert [d.severity for d in release.items] == ["error"]


def test_every_document_code_is_tested():
    from cpportal.codes import CODES

    tested = {code for _, code, _, _ in FRONT_MATTER_CASES}
    assert {c for c in CODES if c.startswith("DC")} == tested


def test_the_portals_documents_have_no_front_matter_problems():
    report = Report(ROOT)
    check(DOCS, report, dt.date(2026, 11, 22))
    assert report.items == []

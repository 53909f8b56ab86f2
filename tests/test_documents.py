"""Guidance documents: front matter in every language, and translation tracking."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from cpportal import translations
from cpportal.documents import DOCUMENT_FIELDS, source_hash, split, stamp

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

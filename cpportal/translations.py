"""Which pages of a language are current, outdated or missing against English."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .documents import source_hash, split

SOURCE = "en"


@dataclasses.dataclass
class Status:
    current: list[str]
    outdated: list[str]
    missing: list[str]

    @property
    def total(self) -> int:
        return len(self.current) + len(self.outdated) + len(self.missing)

    def percent(self, part: list[str]) -> float:
        return 100.0 * len(part) / self.total if self.total else 100.0


def english_pages(docs: Path) -> list[str]:
    """Every English page, as a path inside the language folder."""
    return sorted(p.relative_to(docs / SOURCE).as_posix() for p in (docs / SOURCE).rglob("*.md"))


def status(docs: Path, lang: str) -> Status:
    result = Status([], [], [])
    for page in english_pages(docs):
        translation = docs / lang / page
        if not translation.exists():
            result.missing.append(page)
            continue
        meta, _ = split(translation.read_text(encoding="utf-8"))
        made_from = meta.get("translation_of")
        current = made_from == source_hash(docs / SOURCE / page)
        (result.current if current else result.outdated).append(page)
    return result


def notice(docs: Path, page: str, lang: str, fallback: bool) -> str | None:
    """Which notice a reader of `page` in `lang` needs: 'missing' when the English page is shown
    in its place, 'outdated' when the English changed after the translation, else None."""
    if lang == SOURCE:
        return None
    if fallback:
        return "missing"
    english = docs / SOURCE / page
    if not english.exists():
        return None
    meta, _ = split((docs / lang / page).read_text(encoding="utf-8"))
    return None if meta.get("translation_of") == source_hash(english) else "outdated"

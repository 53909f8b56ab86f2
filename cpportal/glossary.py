"""The glossary (data/glossary.yml): acronym expansions in every language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .diagnostics import Report
from .schemas import is_valid
from .yamlio import read


@dataclasses.dataclass
class Term:
    abbr: str
    expansion: dict[str, str]
    definition: dict[str, str]

    def text(self, field: str, lang: str) -> str:
        values = getattr(self, field)
        return values.get(lang) or values.get("en", "")


def load(data_dir: Path, report: Report) -> list[Term]:
    """The glossary's terms; a portal without data/glossary.yml has none."""
    path = data_dir / "glossary.yml"
    if not path.exists():
        return []
    doc = read(path, Report(), data_dir.parent)  # the validation reports its problems
    if doc is None or not isinstance(doc.data, dict) or \
            not is_valid(data_dir / "schema", "glossary.schema.json", doc):
        return []
    return [
        Term(item["abbr"], item.get("expansion", {}), item.get("definition", {}))
        for item in doc.data.get("terms", [])
    ]


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def abbreviations(terms: list[Term], lang: str) -> dict[str, str]:
    """Acronym expansions in `lang`, so every acronym on a page shows its expansion (given to
    the abbreviation extension as its glossary: definitions appended to each page's Markdown
    cost the block parser time quadratic in their number)."""
    return {t.abbr: t.text("expansion", lang) for t in terms}


def table(terms: list[Term], lang: str, acronym: str, meaning: str) -> str:
    """The glossary as a Markdown table in `lang`."""
    rows = [f"| {acronym} | {meaning} |", "| --- | --- |"]
    for t in sorted(terms, key=lambda t: t.abbr.casefold()):
        rows.append(f"| **{_escape(t.abbr)}** | **{_escape(t.text('expansion', lang))}**: "
                    f"{_escape(t.text('definition', lang))} |")
    return "\n".join(rows)

"""The termbase (data/terms.yml): each concept's preferred term and synonyms by language, the
words search treats as one."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Report
from .glossary import Term
from .schemas import is_valid
from .yamlio import read


def load(data_dir: Path, report: Report) -> list[dict]:
    """The termbase's concepts; a portal without data/terms.yml, or whose termbase breaks its
    schema (the validation reports why), has none."""
    path = data_dir / "terms.yml"
    doc = read(path, Report(), data_dir.parent) if path.exists() else None
    valid = doc is not None and isinstance(doc.data, dict) and \
        is_valid(data_dir / "schema", "terms.schema.json", doc)
    data = doc.data if valid else {}
    return [c for c in data.get("concepts", []) if isinstance(c, dict)]


def word_groups(concepts: list[dict], glossary: list[Term], lang: str) -> list[list[str]]:
    """The words for each concept in `lang`: the termbase's preferred term and synonyms, and
    each glossary acronym with its expansion."""
    groups = [[c["preferred"][lang], *c.get("synonyms", {}).get(lang, [])]
              if lang in c.get("preferred", {}) else c.get("synonyms", {}).get(lang, [])
              for c in concepts]
    groups += [[term.abbr, term.text("expansion", lang)] for term in glossary]
    return [group for group in groups if len(group) > 1]

"""Per-language search indexes, written after the whole multilingual site is built.

Material's search plugin (through mkdocs-static-i18n) leaves one index of every language at
search/search_index.json, which every page view would fetch. This splits it into
search/<lang>.json (UTF-8, not \\u escapes) for the portal's worker to fetch on a reader's first
query, and leaves a stub in place of the combined file.
"""

from __future__ import annotations

import json
from pathlib import Path

# Word separators: Latin, Bengali (danda) and Arabic (comma, semicolon, question mark, full stop).
SEPARATOR = r"[\s\-,:;!?=\[\]()\"`/|।॥،؛؟۔]+|\.(?!\d)|&[lg]t;"


def language_of(location: str, languages: list[str], default: str) -> str:
    head = location.split("/", 1)[0]
    return head if head in languages and head != default else default


def split_index(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """Write one index per language; return the number of entries in each."""
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    config = {**combined["config"], "lang": ["en"], "pipeline": [], "separator": SEPARATOR}
    docs: dict[str, list] = {lang: [] for lang in languages}
    for doc in combined["docs"]:
        docs[language_of(doc["location"], languages, default)].append(doc)
    for lang, entries in docs.items():
        out = site_dir / "search" / f"{lang}.json"
        out.write_text(json.dumps({"config": config, "docs": entries}, ensure_ascii=False,
                                  separators=(",", ":")), encoding="utf-8")
    combined_path.write_text(json.dumps({"config": config, "docs": []}), encoding="utf-8")
    return {lang: len(entries) for lang, entries in docs.items()}

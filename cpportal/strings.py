"""The portal's own reader-facing strings, one YAML file per language in locales/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
SOURCE = "en"


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    """All strings of `lang` (empty if the language has no file yet)."""
    path = LOCALES / f"{lang}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def t(lang: str, key: str, **values) -> str:
    """The string `key` in `lang`, falling back to English; `{name}` fields are filled in."""
    text = table(lang).get(key)
    if text is None:
        text = table(SOURCE)[key]
    return text.format(**values) if values else text


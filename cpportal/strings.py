"""The portal's own reader-facing strings, one YAML file per language in locales/."""

from __future__ import annotations

from functools import lru_cache
from string import Formatter
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
SOURCE = "en"
_overrides: dict[str, dict[str, str]] = {}


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    """All strings of `lang` (empty if the language has no file yet)."""
    path = LOCALES / f"{lang}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def override(wording: dict[str, dict[str, str]] | None) -> None:
    """Use a portal's own wording (`strings` in data/portal.yml) in place of the package's."""
    _overrides.clear()
    _overrides.update(wording or {})


def t(lang: str, key: str, **values) -> str:
    """The string `key` in `lang`, falling back to English; `{name}` fields are filled in."""
    text = _overrides.get(lang, {}).get(key) or table(lang).get(key)
    if text is None:
        text = _overrides.get(SOURCE, {}).get(key) or table(SOURCE)[key]
    return text.format(**values) if values else text



def fields(text: str) -> set[str]:
    """The `{name}` fields a string fills in."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def gaps(lang: str) -> dict[str, str]:
    """What `lang` still lacks, by key: strings it has no text for, and strings whose `{name}`
    fields differ from the English (a missing field loses a value; an unknown one crashes)."""
    own = table(lang)
    found = {}
    for key, english in table(SOURCE).items():
        if not own.get(key):
            found[key] = "missing"
        elif fields(own[key]) != fields(english):
            expected = ", ".join("{" + name + "}" for name in sorted(fields(english)))
            found[key] = f"fields differ from English: {expected or 'none'}"
    return found

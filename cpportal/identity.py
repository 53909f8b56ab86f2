"""The portal's identity (data/portal.yml): group name, site name, country, support, demo flag."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .diagnostics import Report
from .schemas import is_valid
from .yamlio import read


@dataclasses.dataclass
class Identity:
    acronym: str
    name: dict[str, str]
    site_name: dict[str, str]
    description: dict[str, str]
    country: str
    support: dict
    demo: bool
    bodies: dict
    email_domains: list[str] | None = None
    strings: dict | None = None

    def text(self, field: str, lang: str) -> str:
        """A reader-facing field in `lang`, falling back to English."""
        values = getattr(self, field)
        return values.get(lang) or values["en"]


def load(data_dir: Path, report: Report) -> Identity | None:
    """The identity, or None if data/portal.yml is unreadable or breaks its schema (the
    validation reports why)."""
    doc = read(data_dir / "portal.yml", Report(), data_dir.parent)
    if doc is None or not isinstance(doc.data, dict) or \
            not is_valid(data_dir / "schema", "portal.schema.json", doc):
        return None
    data = doc.data
    return Identity(
        acronym=data.get("acronym", ""),
        name=data.get("name", {}),
        site_name=data.get("site_name", {}),
        description=data.get("description", {}),
        country=data.get("country", ""),
        support=data.get("support", {}),
        demo=bool(data.get("demo", False)),
        bodies=data.get("bodies", {}),
        email_domains=data.get("email_domains"),
        strings=data.get("strings"),
    )

"""One validation engine for the command line, the build and releases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .diagnostics import Report
from .referral.checks import schema_errors, validate as validate_referral
from .referral.dataset import Dataset
from .yamlio import read

SINGLE_FILES = {"portal.yml": "portal.schema.json", "glossary.yml": "glossary.schema.json"}


def validate_all(data_dir: Path, *, release: bool = False, today: dt.date | None = None,
                 report: Report | None = None) -> tuple[Dataset, Report]:
    """Check the identity, glossary and referral data; return the referral data and report."""
    report = report if report is not None else Report(data_dir.parent)
    identity = _single_files(data_dir, report)
    dataset, _ = validate_referral(
        data_dir, country=identity.get("country"),
        email_domains=identity.get("email_domains"), release=release, today=today,
        report=report)
    return dataset, report


def _single_files(data_dir: Path, report: Report) -> dict:
    identity: dict = {}
    for name, schema in SINGLE_FILES.items():
        path = data_dir / name
        if not path.exists():
            continue
        doc = read(path, report)
        if doc is None:
            continue
        if name == "portal.yml" and isinstance(doc.data, dict):
            identity = doc.data
        schema_errors(doc, data_dir / "schema", schema, report)
    return identity

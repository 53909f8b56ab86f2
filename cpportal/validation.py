"""One validation engine for the command line, the build and releases."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import Report
from .referral.checks import schema_errors, validate as validate_referral
from .referral.dataset import Dataset
from .strings import SOURCE, fields, table
from .yamlio import Document, read

SINGLE_FILES = {"portal.yml": "portal.schema.json", "glossary.yml": "glossary.schema.json",
                "terms.yml": "terms.schema.json"}


def validate_all(data_dir: Path, *, release: bool = False, today: dt.date | None = None,
                 report: Report | None = None) -> tuple[Dataset, Report]:
    """Check the identity, glossary and referral data; return the referral data and report."""
    report = report if report is not None else Report(data_dir.parent)
    with _no_cycle_collection():
        identity = _single_files(data_dir, report)
        dataset, _ = validate_referral(
            data_dir, country=identity.get("country"),
            email_domains=identity.get("email_domains"),
            location_types=identity.get("location_types"), release=release, today=today,
            report=report)
    return dataset, report


@contextmanager
def _no_cycle_collection():
    """Parsed data is trees, with no cycles to collect, yet the collector's passes over it
    grew faster than the data: 20,000 services took 2.5 times as long as 10,000."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
            _wording(doc, report)
        schema_errors(doc, data_dir / "schema", schema, report)
    return identity


def _wording(doc: Document, report: Report) -> None:
    """A portal's own wording must name strings the package has, with the same fields."""
    wording = doc.data.get("strings")
    for lang, entries in (wording.items() if isinstance(wording, dict) else ()):
        for key, text in (entries.items() if isinstance(entries, dict) else ()):
            line, column = doc.key_where("strings", lang, key)
            if key not in table(SOURCE):
                report.error("RP103", doc.path, line, column, f"no generated string is named "
                             f"'{key}'", hint="use a key of cpportal/locales/en.yml")
            elif isinstance(text, str) and fields(text) != fields(table(SOURCE)[key]):
                expected = ", ".join("{" + f + "}" for f in sorted(fields(table(SOURCE)[key])))
                report.error("RP102", doc.path, line, column, f"'{key}' must fill in the "
                             f"same fields as the package's string: {expected or 'none'}",
                             hint="keep every {field} of cpportal/locales/en.yml, and no other")

"""One validation engine for the command line, the build and releases."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from pathlib import Path

import phonenumbers

from . import datafiles, datatext
from .diagnostics import Report
from .referral.checks import schema_errors, validate as validate_referral
from .referral.dataset import KINDS, Dataset
from .strings import SOURCE, fields, table
from .yamlio import Document, read

SINGLE_FILES = {"portal.yml": "portal.schema.json", "glossary.yml": "glossary.schema.json",
                "terms.yml": "terms.schema.json"}


def validate_all(data_dir: Path, *, release: bool = False, today: dt.date | None = None,
                 report: Report | None = None) -> tuple[Dataset, Report]:
    """Check the identity, glossary and referral data; return the referral data and report."""
    report = report if report is not None else Report(data_dir.parent)
    with _no_cycle_collection():
        datafiles.check_unread(data_dir, [*SINGLE_FILES, *(kind[0] for kind in KINDS.values()),
                                          "schema/*.schema.json"], report)
        identity, documents = _single_files(data_dir, report)
        languages = identity.get("languages") or languages_of(data_dir.parent / "docs")
        dataset, _ = validate_referral(
            data_dir, country=identity.get("country"),
            email_domains=identity.get("email_domains"),
            location_types=identity.get("location_types"), release=release, today=today,
            short_numbers=identity.get("short_numbers"), report=report)
        for doc in documents + [doc for _, doc in dataset.documents]:
            datatext.check(doc, tuple(languages) if languages else None, report)
    return dataset, report


def languages_of(docs: Path) -> list[str]:
    """The language folders of docs/, English first."""
    found = sorted(p.name for p in docs.iterdir() if p.is_dir()
                   and datatext.LANGUAGE.match(p.name)) if docs.is_dir() else []
    return sorted(found, key=lambda code: code != "en")


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


def _single_files(data_dir: Path, report: Report) -> tuple[dict, list[Document]]:
    """The identity (empty unless portal.yml is valid) and the documents read."""
    identity: dict = {}
    documents = []
    for name, schema in SINGLE_FILES.items():
        path = data_dir / name
        if not path.exists() and not path.is_symlink():
            continue
        doc = read(path, report, data_dir.parent)
        if doc is None:
            continue
        documents.append(doc)
        broken = schema_errors(doc, data_dir / "schema", schema, report) or \
            not isinstance(doc.data, dict)
        if name == "portal.yml" and isinstance(doc.data, dict):
            _wording(doc, report)
            if _known_country(doc, report) and not broken:
                identity = doc.data
    return identity, documents


def _known_country(doc: Document, report: Report) -> bool:
    country = doc.data.get("country")
    if isinstance(country, str) and country not in phonenumbers.SUPPORTED_REGIONS:
        line, column = doc.where("country")
        report.error("RP102", doc.path, line, column, f"country '{country}' is not a country "
                     "code the phone numbering plans know", hint="use the ISO 3166 two-letter "
                     "code, e.g. BD, UG, KE")
        return False
    return True


def _wording(doc: Document, report: Report) -> None:
    """A portal's own wording must name strings the package has, with the same fields."""
    wording = doc.data.get("strings")
    for lang, entries in (wording.items() if isinstance(wording, dict) else ()):
        for key, text in (entries.items() if isinstance(entries, dict) else ()):
            line, column = doc.key_where("strings", lang, key)
            if key not in table(SOURCE):
                report.error("RP103", doc.path, line, column, f"no generated string is named "
                             f"'{key}'", hint="use a key of cpportal/locales/en.yml")
                continue
            if not isinstance(text, str):
                continue
            expected = fields(table(SOURCE)[key])
            try:
                given = fields(text)
            except ValueError as error:  # a { or } left open
                report.error("RP102", doc.path, line, column, f"'{key}': {error}",
                             hint="write a literal brace twice ({{ or }}); fields are "
                                  "written {name}")
                continue
            if given != expected:
                names = ", ".join("{" + f + "}" for f in sorted(expected))
                report.error("RP102", doc.path, line, column, f"'{key}' must fill in the "
                             f"same fields as the package's string: {names or 'none'}",
                             hint="keep every {field} of cpportal/locales/en.yml, and no other")

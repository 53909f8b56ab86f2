"""Loading the referral data files of data/referral/ into records that know where they stand."""

from __future__ import annotations

import dataclasses
import os
from functools import cached_property
from pathlib import Path

from ..diagnostics import Report
from ..yamlio import Document, read

# kind: (files under data/, top-level key, schema file)
KINDS: dict[str, tuple[str, str, str]] = {
    "locations": ("referral/locations.yml", "locations", "locations.schema.json"),
    "organizations": ("referral/organizations.yml", "organizations", "organizations.schema.json"),
    "concerns": ("referral/concerns.yml", "concerns", "concerns.schema.json"),
    "service_types": ("referral/service-types.yml", "service_types", "service-types.schema.json"),
    "services": ("referral/services/*.yml", "services", "services.schema.json"),
    "pathways": ("referral/pathways.yml", "pathways", "pathways.schema.json"),
}


AUDIENCE_VARIABLE = "PORTAL_AUDIENCE"  # "partners" builds include partners-only services

# Kinds of place when data/portal.yml names none; services are expected to cover served ones.
LOCATION_TYPES = {"camp": {"served": True}, "settlement": {"served": True}, "upazila": {},
                  "district": {}}


def served(location_types: dict) -> tuple[str, ...]:
    """The location types that services are expected to cover."""
    return tuple(kind for kind, about in location_types.items()
                 if isinstance(about, dict) and about.get("served"))


def id_field(kind: str) -> str:
    """The field that identifies a record of `kind` (a pathway is known by its concern)."""
    return "concern" if kind == "pathways" else "id"


def identify(item, kind: str, index: int) -> str:
    """A record's id, or its position (#3) when it has none."""
    value = item.get(id_field(kind)) if isinstance(item, dict) else None
    return value if isinstance(value, str) else f"#{index + 1}"


@dataclasses.dataclass
class Record:
    """One record of a data file, with the document it came from for positions."""

    kind: str
    data: dict
    doc: Document
    index: int
    valid: bool = True  # false once the schema check found a problem in it

    @property
    def id(self) -> str:
        return identify(self.data, self.kind, self.index)

    def where(self, *keys) -> tuple[int, int]:
        return self.doc.where(KINDS[self.kind][1], self.index, *keys)

    def get(self, key, default=None):
        return self.data.get(key, default)


@dataclasses.dataclass
class Dataset:
    """All referral records by kind, plus the parsed documents they came from."""

    records: dict[str, list[Record]]
    documents: list[tuple[str, Document]]
    served_types: tuple[str, ...] = served(LOCATION_TYPES)  # set from data/portal.yml

    def ids(self, kind: str) -> dict[str, Record]:
        """First record of each id of `kind`."""
        found: dict[str, Record] = {}
        for record in self.records[kind]:
            found.setdefault(record.id, record)
        return found

    @cached_property
    def locations(self) -> dict[str, Record]:
        return self.ids("locations")

    @cached_property
    def concerns(self) -> dict[str, Record]:
        return self.ids("concerns")

    @cached_property
    def organizations(self) -> dict[str, Record]:
        return self.ids("organizations")

    @cached_property
    def service_types(self) -> dict[str, Record]:
        return self.ids("service_types")

    @cached_property
    def pathways(self) -> dict[str, Record]:
        return self.ids("pathways")

    def valid_only(self) -> "Dataset":
        """The records that passed the schema: what pages and exports may be made of."""
        return Dataset({kind: [r for r in records if r.valid]
                        for kind, records in self.records.items()}, self.documents,
                       self.served_types)

    def without_partners_only(self) -> "Dataset":
        """The dataset a public build may show: no `visibility: partners` services."""
        services = [r for r in self.records["services"] if r.get("visibility") != "partners"]
        return Dataset({**self.records, "services": services}, self.documents,
                       self.served_types)

    def for_audience(self) -> "Dataset":
        """What this build publishes: everything for partners (PORTAL_AUDIENCE=partners),
        else no partners-only services."""
        return self if partners_build() else self.without_partners_only()


def partners_build() -> bool:
    return os.environ.get(AUDIENCE_VARIABLE, "public") == "partners"


def load(data_dir: Path, report: Report) -> Dataset:
    """Read every referral data file; unreadable files are reported and skipped."""
    records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    documents = []
    for kind, (pattern, key, _) in KINDS.items():
        for path in sorted(data_dir.glob(pattern)):
            doc = read(path, report, data_dir.parent)
            if doc is None:
                continue
            documents.append((kind, doc))
            items = doc.data.get(key) if isinstance(doc.data, dict) else None
            if isinstance(items, list):
                records[kind].extend(Record(kind, item, doc, i) for i, item in enumerate(items)
                                     if isinstance(item, dict))
    return Dataset(records, documents)


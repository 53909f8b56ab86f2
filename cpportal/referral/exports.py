"""Downloadable referral data: CSV, JSON, CSV with HXL hashtags for HDX, and Open Referral
HSDS 3.0 JSON."""

from __future__ import annotations

import csv
import io
import json

from . import hsds
from .dataset import Dataset

COLUMNS = [  # (CSV header, HXL hashtag, value of a service)
    ("id", "#service+id", lambda d, s: s.id),
    ("organization", "#org+name", lambda d, s: d.organizations[s.get("organization")].get("name", {}).get("en", "")),
    ("organization_acronym", "#org+acronym", lambda d, s: d.organizations[s.get("organization")].get("acronym", "")),
    ("organization_type", "#org+type", lambda d, s: d.organizations[s.get("organization")].get("type", "")),
    ("service_type", "#service+type", lambda d, s: s.get("service_type")),
    ("name", "#service+name", lambda d, s: s.get("name", {}).get("en", "")),
    ("locations", "#loc+code", lambda d, s: " ".join(s.get("locations", []))),
    ("location_pcodes", "#adm3+code", lambda d, s: " ".join(
        d.locations[x].get("pcode", "") for x in s.get("locations", []))),
    ("concerns", "#concern+code", lambda d, s: " ".join(s.get("concerns", []))),
    ("age_min", "#beneficiary+age+min", lambda d, s: s.get("eligibility", {}).get("age_min")),
    ("age_max", "#beneficiary+age+max", lambda d, s: s.get("eligibility", {}).get("age_max")),
    ("contact_role", "#contact+role", lambda d, s: s.get("contact", {}).get("role", {}).get("en", "")),
    ("contact_phone", "#contact+phone", lambda d, s: s.get("contact", {}).get("phone", "")),
    ("contact_email", "#contact+email", lambda d, s: s.get("contact", {}).get("email", "")),
    ("status", "#status", lambda d, s: s.get("status")),
    ("last_verified", "#date+verified", lambda d, s: s.get("last_verified")),
]


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def render(dataset: Dataset, demo: bool) -> dict[str, str]:
    """The downloads, by file name."""
    services = sorted(dataset.records["services"], key=lambda s: s.id)
    rows = [[get(dataset, s) for _, _, get in COLUMNS] for s in services]
    headers = [name for name, _, _ in COLUMNS]
    return {
        "services.csv": _csv([headers, *rows]),
        "services-hxl.csv": _csv([headers, [tag for _, tag, _ in COLUMNS], *rows]),
        "services.json": json.dumps({"demo": demo, "services": [s.data for s in services]},
                                    ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        "hsds/services.json": hsds.render(dataset, demo),
    }

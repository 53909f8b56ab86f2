"""The referral data as Open Referral HSDS 3.0 service objects (downloads/hsds/services.json).

One object per published service, nesting its organization, its service_at_locations with
their locations, phones, schedules and languages. HSDS ids are UUIDs: each is derived (UUID5)
from the kind and id of our record, so every build gives every record the same id. Text is
English, the language every record has. The schema is Open Referral's (cpportal/standards/hsds-3.0/,
CC BY-SA 4.0)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from .dataset import Dataset, Record

SCHEMA = (Path(__file__).resolve().parent.parent
          / "standards/hsds-3.0/service_with_definitions.json")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cpportal.invalid/hsds/3.0")
STATUS = {"active": "active", "suspended": "temporarily closed", "closed": "inactive"}
DAYS = {"sat": "SA", "sun": "SU", "mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH",
        "fri": "FR"}
# ISO 639 codes (639-3 where 639-1 has none) of the languages the data schema names.
LANGUAGES = {"rohingya": ("Rohingya", "rhg"), "bengali": ("Bengali", "bn"),
             "chittagonian": ("Chittagonian", "ctg"), "english": ("English", "en"),
             "burmese": ("Burmese", "my"), "french": ("French", "fr"),
             "arabic": ("Arabic", "ar"), "swahili": ("Swahili", "sw"),
             "luganda": ("Luganda", "lg"), "sign": ("Sign language", "sgn")}
DEMO_ALERT = "Demonstration data: every contact detail is fictional."


def uid(*parts: str) -> str:
    """The stable UUID of what `parts` name (a kind, a record id, a part of the record)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _en(record: Record | dict, key: str) -> str:
    value = record.get(key)
    return value.get("en", "") if isinstance(value, dict) else ""


def _organization(record: Record) -> dict:
    kind = record.get("type", "")
    acronym = record.get("acronym", "")
    out = {"id": uid("organization", record.id), "name": _en(record, "name"),
           "description": f"{acronym} ({kind})" if acronym else kind}
    if acronym:
        out["alternate_name"] = acronym
    return out


def _location(record: Record) -> dict:
    out = {"id": uid("location", record.id), "location_type": "physical",
           "name": _en(record, "name"), "description": record.get("type", "")}
    if record.get("pcode"):
        out["external_identifier"], out["external_identifier_type"] = record.get("pcode"), "pcode"
    return out


def _phones(service: Record) -> list[dict]:
    contact = service.get("contact", {})
    return [{"id": uid("service", service.id, "phone", field), "service_id": uid("service",
             service.id), "number": contact[field], "type": "voice",
             "description": field}
            for field in ("phone", "hotline") if contact.get(field)]


def _schedule(service: Record) -> dict:
    hours = service.get("hours", {})
    out = {"id": uid("service", service.id, "schedule"), "service_id": uid("service", service.id),
           "freq": "WEEKLY", "wkst": "SA", "byday": ",".join(DAYS[d] for d in hours["days"]),
           "opens_at": hours["open"], "closes_at": hours["close"]}
    if _en(hours, "note"):
        out["notes"] = _en(hours, "note")
    return out


def _languages(service: Record) -> list[dict]:
    return [{"id": uid("service", service.id, "language", name), "service_id":
             uid("service", service.id), "name": LANGUAGES[name][0], "code": LANGUAGES[name][1]}
            for name in service.get("languages", [])]


def service(dataset: Dataset, record: Record, demo: bool) -> dict:
    """One service as an HSDS 3.0 service object."""
    sid = uid("service", record.id)
    organization = dataset.organizations[record.get("organization")]
    contact, ages = record.get("contact", {}), record.get("eligibility", {})
    referral = record.get("referral", {})
    out = {"id": sid, "organization_id": uid("organization", organization.id),
           "name": _en(record, "name"), "description": _en(record, "description"),
           "status": STATUS[record.get("status")],
           "application_process": ", ".join(m.replace("_", " ") for m in referral["methods"])
           + (f" ({_en(referral, 'form')})" if _en(referral, "form") else ""),
           "minimum_age": ages["age_min"], "maximum_age": ages["age_max"],
           "assured_date": record.get("last_verified"),
           "organization": _organization(organization), "phones": _phones(record),
           "schedules": [_schedule(record)], "languages": _languages(record),
           "service_at_locations": [
               {"id": uid("service_at_location", record.id, place), "service_id": sid,
                "location_id": uid("location", place),
                "location": _location(dataset.locations[place])}
               for place in record.get("locations", [])]}
    if contact.get("email"):
        out["email"] = contact["email"]
    if record.get("cost"):
        out["fees_description"] = record.get("cost")
    if referral.get("response_hours"):
        out["wait_time"] = f"response within {referral['response_hours']} hours"
    if ages.get("sexes"):
        out["eligibility_description"] = "sexes: " + ", ".join(ages["sexes"])
    if demo:
        out["alert"] = DEMO_ALERT
    return {key: value for key, value in out.items() if value not in ("", [])}


def render(dataset: Dataset, demo: bool) -> str:
    """Every service of `dataset` (sorted by id) as a JSON array of HSDS service objects."""
    services = sorted(dataset.records["services"], key=lambda s: s.id)
    return json.dumps([service(dataset, s, demo) for s in services], ensure_ascii=False,
                      indent=1) + "\n"

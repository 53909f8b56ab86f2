"""The Open Referral HSDS 3.0 export: every published service validates against the official
compiled schema, nests what other directories need, and keeps its ids from build to build."""

from __future__ import annotations

import json
import uuid

import pytest
from jsonschema import Draft7Validator, FormatChecker

from cpportal.referral import hsds
from cpportal.site import Portal
from conftest import ROOT


@pytest.fixture(scope="module")
def portal():
    return Portal(ROOT)


@pytest.fixture(scope="module")
def exported(portal):
    return json.loads(portal.static_files["downloads/hsds/services.json"])


def test_every_exported_service_validates_against_the_official_schema(exported):
    schema = json.loads(hsds.SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    problems = {s["id"]: [e.message for e in validator.iter_errors(s)] for s in exported}
    assert not {k: v for k, v in problems.items() if v}
    # The checker is real: it refuses an id that is no UUID and an unknown status.
    broken = {**exported[0], "id": "brac-cm-26", "status": "open"}
    assert len(list(validator.iter_errors(broken))) == 2


def test_one_object_per_published_service_with_its_nested_records(portal, exported):
    published = portal.dataset.records["services"]
    assert len(exported) == len(published) > 20
    assert len({s["id"] for s in exported}) == len(exported)
    withheld = {hsds.uid("service", r.id) for r in Portal(ROOT).dataset.records["services"]
                if r.get("visibility") == "partners"} - {hsds.uid("service", r.id)
                                                         for r in published}
    assert not withheld & {s["id"] for s in exported}
    record = next(r for r in published if r.get("contact", {}).get("phone")
                  and len(r.get("locations")) >= 1 and r.get("languages"))
    service = next(s for s in exported if s["id"] == hsds.uid("service", record.id))
    assert service["name"] == record.get("name")["en"]
    assert service["assured_date"] == record.get("last_verified")
    assert service["minimum_age"] == record.get("eligibility")["age_min"]
    assert service["maximum_age"] == record.get("eligibility")["age_max"]
    organization = portal.dataset.organizations[record.get("organization")]
    assert service["organization"]["name"] == organization.get("name")["en"]
    assert service["organization_id"] == service["organization"]["id"]
    places = [portal.dataset.locations[p] for p in record.get("locations")]
    assert [sal["location"]["name"] for sal in service["service_at_locations"]] == \
        [p.get("name")["en"] for p in places]
    assert [sal["location"].get("external_identifier") for sal in
            service["service_at_locations"]] == [p.get("pcode") for p in places]
    assert record.get("contact")["phone"] in [p["number"] for p in service["phones"]]
    schedule = service["schedules"][0]
    assert (schedule["opens_at"], schedule["closes_at"]) == (record.get("hours")["open"],
                                                             record.get("hours")["close"])
    assert schedule["byday"].split(",")[0] == hsds.DAYS[record.get("hours")["days"][0]]
    assert [lang["name"] for lang in service["languages"]] == \
        [hsds.LANGUAGES[name][0] for name in record.get("languages")]
    assert service["alert"] == hsds.DEMO_ALERT  # the demonstration data says so


def test_ids_are_uuid5_of_our_ids_and_the_same_in_every_build(portal, exported):
    again = json.loads(hsds.render(Portal(ROOT).dataset, demo=True))
    assert again == exported
    first = exported[0]
    assert uuid.UUID(first["id"]).version == 5
    assert first["id"] == str(uuid.uuid5(hsds.NAMESPACE, "service/" + sorted(
        r.id for r in portal.dataset.records["services"])[0]))

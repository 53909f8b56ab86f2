"""The referral pages, downloads and privacy rules, checked in the built site."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, build_site, copy_project
from cpportal.diagnostics import Report
from cpportal.referral.dataset import load
from helpers import soup

DATA = load(ROOT / "data", Report())
CAMPS = [r for r in DATA.records["locations"] if r.get("type") in ("camp", "settlement")]
PARTNERS_ONLY = [r for r in DATA.records["services"] if r.get("visibility") == "partners"]
PREFIX = {"en": "", "bn": "bn/", "fr": "fr/"}


def test_demo_data_is_large_enough_to_judge_the_portal():
    assert len([c for c in CAMPS if c.get("type") == "camp"]) >= 12
    assert len(DATA.records["concerns"]) >= 10
    assert len(DATA.records["service_types"]) >= 8
    assert len(DATA.records["services"]) >= 60
    assert PARTNERS_ONLY, "the demo data should show a partners-only record"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_camp_and_concern_has_a_page_in_every_language(site, lang):
    missing = [f"{PREFIX[lang]}referral/{kind}/{r.id}/"
               for kind, records in (("locations", CAMPS), ("cards", CAMPS),
                                     ("concerns", DATA.records["concerns"]))
               for r in records
               if not (site / PREFIX[lang] / "referral" / kind / r.id / "index.html").exists()]
    assert not missing
    assert (site / PREFIX[lang] / "referral/coverage/index.html").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_location_page_shows_steps_services_and_the_demo_notice(site, lang):
    page = soup(site, f"{PREFIX[lang]}referral/locations/{CAMPS[0].id}/")
    assert page.html["lang"] == lang
    assert page.select("ol.portal-pathway > li.portal-step"), "pathway steps are not drawn"
    assert page.select("[id^=svc-]"), "no services listed"
    assert page.select_one(".portal-demo"), "no demonstration-data notice"
    assert not page.select("article script"), "a script inside generated content"
    # the step links point at services on the same page
    for link in page.select("ol.portal-pathway a[href^='#svc-']"):
        assert page.select_one(link["href"]), link["href"]


def test_downloads_hold_public_services_with_hxl_tags(site):
    rows = list(csv.reader(io.StringIO((site / "downloads/services-hxl.csv").read_text())))
    assert rows[1][0].startswith("#")
    ids = {row[0] for row in rows[2:]}
    public = {r.id for r in DATA.records["services"] if r.get("visibility") == "public"}
    assert ids == public
    data = json.loads((site / "downloads/services.json").read_text(encoding="utf-8"))
    assert data["demo"] is True and {s["id"] for s in data["services"]} == public


HOSTILE = """# yaml-language-server: $schema=../../schema/services.schema.json
services:
  - id: zz-hostile
    organization: {org}
    service_type: {kind}
    concerns: [{concern}]
    locations: [{camp}]
    name:
      en: "<script>alert('x')</script> Hostile name"
    eligibility: {{age_min: 0, age_max: 17}}
    referral: {{methods: [phone]}}
    hours: {{days: [sun], open: "08:00", close: "16:00"}}
    contact:
      role: {{en: "Case worker <img src=x onerror=alert(1)>"}}
      phone: "+880 1700-000099"
    status: active
    visibility: public
    last_verified: "2026-11-01"
    verified_by: CPSS information management officer
    review_every_days: 730
  - id: zz-partners-only-marker-7731
    organization: {org}
    service_type: {kind}
    concerns: [{concern}]
    locations: [{camp}]
    name:
      en: PARTNERSONLYMARKER7731 safe house
    eligibility: {{age_min: 0, age_max: 17}}
    referral: {{methods: [phone]}}
    hours: {{days: [sun], open: "08:00", close: "16:00"}}
    contact:
      role: {{en: Shelter focal point}}
      phone: "+880 1700-000098"
    status: active
    visibility: partners
    last_verified: "2026-11-01"
    verified_by: CPSS information management officer
    review_every_days: 730
"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """A copy of the portal with one hostile public record and one partners-only record."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    service = DATA.records["services"][0]
    (project / "data/referral/services/zz-test.yml").write_text(HOSTILE.format(
        org=service.get("organization"), kind=service.get("service_type"),
        concern=service.get("concerns")[0], camp=service.get("locations")[0]), encoding="utf-8")
    return project, service.get("locations")[0]


def _everything(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in site.rglob("*") if p.is_file() and p.suffix != ".woff2")


def test_data_text_is_escaped_and_partners_records_stay_out_of_public_builds(
        hostile_project, tmp_path):
    project, camp = hostile_project
    public = tmp_path / "public"
    result = build_site(public, project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(public, f"referral/locations/{camp}/")
    assert "<script>alert('x')</script> Hostile name" in page.get_text()
    assert not page.select("article script") and not page.select("article img[onerror]")
    everything = _everything(public)
    assert "PARTNERSONLYMARKER" not in everything
    assert "zz-partners-only-marker-7731" not in everything
    for record in PARTNERS_ONLY:
        assert record.id not in everything, record.id

    partners = tmp_path / "partners"
    result = build_site(partners, project, {"PORTAL_AUDIENCE": "partners"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PARTNERSONLYMARKER7731" in _everything(partners)


def test_bad_data_stops_the_build_with_every_error_and_no_traceback(hostile_project, tmp_path):
    project, _ = hostile_project
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    services = broken / "data/referral/services/zz-test.yml"
    services.write_text(services.read_text().replace("status: active", "status: open", 1)
                        .replace("+880 1700-000098", "12345"), encoding="utf-8")
    result = build_site(tmp_path / "site", broken)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "zz-test.yml" in output and "RP102" in output and "RP107" in output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("lang, title", [("en", "Service coverage across camps"),
                                         ("fr", "Couverture des services dans les camps")])
def test_the_portal_s_own_wording_replaces_the_package_s(site, lang, title):
    """data/portal.yml words generated pages by camp; the package's default says location."""
    from cpportal.strings import table

    assert table(lang)["coverage_title"] != title
    heading = soup(site, f"{PREFIX[lang]}referral/coverage/").h1.get_text(strip=True)
    assert heading.rstrip("¶") == title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_headings_from_data_read_as_written_in_the_table_of_contents(site, lang):
    """Data text is escaped once: "Mariage d'enfants", not "Mariage d&#x27;enfants"."""
    page = soup(site, f"{PREFIX[lang]}referral/locations/{CAMPS[0].id}/")
    entries = [a.get_text() for a in page.select(".md-nav--secondary a")]
    assert entries and [e for e in entries if "&#" in e or "&amp;" in e] == []


@pytest.mark.parametrize("malformed", ["contact: 5", "name: just text"])
def test_malformed_records_are_reported_not_a_crash(tmp_path, malformed):
    """A record whose contact or name is not a mapping: the schema reports it, and loading the
    portal (the build, `make serve`) does not stop on it with a traceback."""
    from cpportal.site import Portal

    project = copy_project(tmp_path / "project")
    path = project / "data/referral/services/zz-test.yml"
    service = DATA.records["services"][0]
    record = {**service.data, "id": "zz-malformed"}
    lines = ["services:", f"  - id: {record['id']}", f"    {malformed}"] + [
        f"    {key}: {json.dumps(record[key], ensure_ascii=False)}" for key in record
        if key not in ("id", malformed.split(":")[0])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = Portal(project).report
    assert [d.code for d in report.errors] == ["RP102"], [d.format() for d in report.errors]
    assert report.errors[0].file == "data/referral/services/zz-test.yml"

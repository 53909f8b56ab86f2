"""Releases: refused for each reason, then two versions published into a temporary git
repository and read in a browser (version selector, old-version banner in Bengali)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from conftest import copy_project, serve
from cpportal import clock, pdf, release
from cpportal.diagnostics import Report

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


def _project(tmp_path, demo=False):
    project = copy_project(tmp_path / "project")
    portal = project / "data/portal.yml"
    if not demo:
        portal.write_text(portal.read_text(encoding="utf-8").replace("demo: true", "demo: false"),
                          encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    _commit(project, "initial")
    return project


def _commit(project, message):
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", message], cwd=project, check=True)


def _codes(project, version="2026.1", allow_drafts=False):
    report = Report(project)
    release.check(project, version, allow_drafts, report)
    return sorted({d.code for d in report.errors})


def test_release_refuses_demo_data_drafts_overdue_records_and_bad_names(tmp_path):
    project = _project(tmp_path, demo=True)
    assert _codes(project) == ["RL103", "RL104"]          # demo data, drafts
    assert _codes(project, allow_drafts=True) == ["RL103"]
    assert _codes(project, "v2", allow_drafts=True) == ["RL101", "RL103"]
    portal = project / "data/portal.yml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("demo: true", "demo: false"),
                      encoding="utf-8")
    services = next((project / "data/referral/services").glob("*.yml"))
    text = services.read_text(encoding="utf-8")
    old = (clock.today() - dt.timedelta(days=400)).isoformat()
    services.write_text(re.sub(r'last_verified: "?[\d-]+"?', f'last_verified: "{old}"', text,
                               count=1), encoding="utf-8")
    assert _codes(project, allow_drafts=True) == ["RP112"]  # overdue: an error in a release


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Two versions published with --allow-drafts; the second changes one English page.
    Without PDFs: a versioned build prints every one again (test_downloads covers them)."""
    tmp_path = tmp_path_factory.mktemp("release")
    project = _project(tmp_path)
    export = tmp_path / "public"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(pdf.PDF_VARIABLE, "0")
        return _publish_two(project, export)


def _publish_two(project, export):
    first = release.publish(project, "2026.1", export, allow_drafts=True)
    assert not first.errors, [d.format() for d in first.errors]
    page = project / "docs/en/sops/alternative-care.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA clarified step.\n", encoding="utf-8")
    for lang in ("bn", "fr"):
        subprocess.run([*_cli(project), "stamp", "--lang", lang,
                        f"docs/{lang}/sops/alternative-care.md"], check=True, capture_output=True)
    _commit(project, "clarify alternative care")
    second = release.publish(project, "2026.2", export, allow_drafts=True)
    assert not second.errors, [d.format() for d in second.errors]
    return project, export


def _cli(project):
    import sys
    return [sys.executable, "-m", "cpportal", "--root", str(project)]


def test_published_versions_are_never_overwritten_and_notes_list_changes(published):
    project, export = published
    assert release.published(project) == ["2026.2", "2026.1"]
    assert _codes(project, "2026.2", allow_drafts=True) == ["RL102"]
    notes = (export / "release-notes-2026.2.md").read_text(encoding="utf-8")
    changed = notes.split("## Changed (1)")[1].split("##")[0]
    assert "sops/alternative-care.md" in changed
    assert "## Added (0)" in notes
    first = (export / "release-notes-2026.1.md").read_text(encoding="utf-8")
    documents = len(release.manifest(project / "docs"))
    assert documents >= 50 and "(first release)" in first and f"## Added ({documents})" in first


def test_old_version_in_bengali_has_a_selector_and_a_banner_to_the_same_page(published, browser):
    _, export = published
    server, base = serve(export)
    page = browser.new_page()
    try:
        page.goto(base + "2026.1/bn/sops/alternative-care/")
        page.wait_for_load_state("networkidle")
        versions = page.eval_on_selector_all(".md-version__link",
                                             "els => els.map(e => e.href)")
        assert versions == [base + "2026.2/", base + "2026.1/"]
        banner = page.locator("[data-md-component=outdated]")
        assert banner.is_visible()
        assert "পুরোনো সংস্করণ" in banner.inner_text()
        banner.locator("a").click()
        page.wait_for_url(base + "2026.2/bn/sops/alternative-care/")
        page.wait_for_load_state("networkidle")
        assert not page.locator("[data-md-component=outdated]").is_visible()
        assert page.evaluate("document.documentElement.lang") == "bn"
    finally:
        page.close()
        server.shutdown()

"""Whole builds: links and anchors resolve, nothing withheld is published, two builds are
byte-identical, and a failed or interrupted build leaves the previous site untouched."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, build_site, copy_project
from cpportal import pdf, sitecheck
from cpportal.diagnostics import Report
from cpportal.site import Portal

PORTAL = Portal(ROOT)


def _problems(site: Path) -> list[tuple[str, str]]:
    report = Report(site)
    sitecheck.check(site, PORTAL.contacts, PORTAL.withheld, report)
    return [(d.code, d.file) for d in report.errors]


def test_the_built_site_passes_its_own_checks(site):
    assert _problems(site) == []


@pytest.fixture
def damaged(site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def test_a_missing_page_is_reported_by_every_page_linking_to_it(damaged):
    shutil.rmtree(damaged / "bn/sops/lost-and-missing-children")
    problems = _problems(damaged)
    assert ("ST101", "bn/sops/index.html") in problems  # the section's table of contents
    assert ("ST101", "fr/sops/lost-and-missing-children/index.html") in problems  # switcher
    assert {code for code, _ in problems} == {"ST101"}


def test_a_link_to_a_missing_anchor_is_reported(damaged):
    page = damaged / "fr/referral/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="../sops/referral-and-case-transfer/#pas-de-titre">x</a>'
                      '</article>', 1), encoding="utf-8")
    assert _problems(damaged) == [("ST102", "fr/referral/index.html")]


def test_a_withheld_record_or_a_foreign_address_in_any_file_is_reported(damaged):
    assert PORTAL.withheld, "the demo data should hold partners-only services"
    marker = sorted(PORTAL.withheld)[0]
    index = damaged / "search/bn.json"
    index.write_text(index.read_text(encoding="utf-8")[:-1] + f', "leak": "{marker}"}}',
                     encoding="utf-8")
    (damaged / "downloads/extra.csv").write_text("name,email\nx,someone@gmail.com\n")
    assert sorted(_problems(damaged)) == [("ST103", "search/bn.json"),
                                          ("ST104", "downloads/extra.csv")]


def test_active_content_in_a_page_is_reported(damaged):
    page = damaged / "bn/referral/coverage/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<button onclick="alert(1)">x</button></article>', 1), encoding="utf-8")
    assert _problems(damaged) == [("ST105", "bn/referral/coverage/index.html")]


def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    result = build_site(again, extra_env={pdf.PDF_VARIABLE: "1"})  # as the shared build
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(path) for path in first if first[path] != second[path]] == []
    # dates come from the package's clock (pinned by the suite), not from the machine's
    assert f"<lastmod>{TODAY.isoformat()}</lastmod>" in (site / "sitemap.xml").read_text()


def _build(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cpportal", "--root", str(project), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env={**os.environ, pdf.PDF_VARIABLE: "0"})


def test_failed_and_interrupted_builds_leave_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("the site published yesterday")
    page = project / "docs/fr/sops/alternative-care.md"
    original = page.read_text(encoding="utf-8")

    # fails once every page is written: a raw HTML link MkDocs does not validate
    page.write_text(original + '\n<a href="../pas-de-page/">voir</a>\n', encoding="utf-8")
    failed = _build(project)
    output = failed.communicate()[0]
    assert failed.returncode == 1, output
    assert "ST101" in output and "fr/sops/alternative-care/index.html" in output
    assert "Traceback" not in output
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert (previous / "index.html").read_text() == "the site published yesterday"

    # killed halfway (power cut): English is written, other languages are not
    page.write_text(original, encoding="utf-8")
    killed = _build(project)
    deadline = time.monotonic() + 300
    while not any(project.glob(".site.building-*/bn")) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    assert any(project.glob(".site.building-*/index.html")), "the kill came too late to test"
    assert sorted(p.name for p in previous.iterdir()) == ["index.html"]

    # the next build succeeds, swaps in the new site and clears what the killed one left
    done = _build(project)
    output = done.communicate()[0]
    assert done.returncode == 0, output
    assert "the site published yesterday" not in (previous / "index.html").read_text()
    assert (previous / "bn/index.html").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []

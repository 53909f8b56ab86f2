"""One clock: every judgement of a date asks cpportal.clock, which PORTAL_TODAY, --today or
SOURCE_DATE_EPOCH set. Each boundary is tested on both sides with the clock set explicitly."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import ROOT, TODAY
from cpportal import clock
from cpportal.diagnostics import Report
from cpportal.documents import check as check_documents
from cpportal.validation import validate_all
from test_validation import make_data_dir

# The baseline service of tests/data_cases/valid was verified on 2026-11-01, every 90 days.
VERIFIED = dt.date(2026, 11, 1)
LAST_DAY = VERIFIED + dt.timedelta(days=90)


def test_the_suite_runs_on_its_own_clock():
    assert clock.today() == TODAY


def test_portal_today_wins_over_source_date_epoch(monkeypatch):
    monkeypatch.setenv(clock.EPOCH_VARIABLE, "1767225600")  # 2026-01-01 00:00 UTC
    monkeypatch.setenv(clock.VARIABLE, "2027-01-31")
    assert clock.today() == dt.date(2027, 1, 31)
    monkeypatch.delenv(clock.VARIABLE)
    assert clock.today() == dt.date(2026, 1, 1)
    monkeypatch.delenv(clock.EPOCH_VARIABLE)
    assert clock.today() == dt.date.today()


@pytest.mark.parametrize("variable, value", [(clock.VARIABLE, "31/01/2027"),
                                             (clock.VARIABLE, "2027-02-30"),
                                             (clock.EPOCH_VARIABLE, "yesterday")])
def test_a_clock_that_is_not_a_date_is_refused_in_words(monkeypatch, variable, value):
    monkeypatch.delenv(clock.VARIABLE)
    monkeypatch.setenv(variable, value)
    with pytest.raises(clock.ClockError, match=variable):
        clock.today()


def _overdue(data, day: dt.date, release: bool = False) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(clock.VARIABLE, day.isoformat())
        _, report = validate_all(data, release=release)  # no `today`: the clock decides
    return [f"{d.severity} {d.code}" for d in report.errors + report.warnings]


def test_verification_is_overdue_from_the_day_after_its_period(tmp_path):
    data = make_data_dir(tmp_path)
    assert _overdue(data, LAST_DAY) == []
    assert _overdue(data, LAST_DAY + dt.timedelta(days=1)) == ["warning RP112"]
    assert _overdue(data, LAST_DAY + dt.timedelta(days=1), release=True) == ["error RP112"]
    assert _overdue(data, LAST_DAY, release=True) == []


def test_a_verification_date_is_in_the_future_from_the_day_before_it(tmp_path):
    data = make_data_dir(tmp_path)
    assert _overdue(data, VERIFIED) == []
    assert _overdue(data, VERIFIED - dt.timedelta(days=1)) == ["error RP110"]


def test_a_document_is_overdue_for_review_the_day_after_review_due(tmp_path):
    page = tmp_path / "en" / "sop.md"
    page.parent.mkdir()
    page.write_text("---\nstatus: endorsed\nowner: CPSS\nendorsed_by: CPSS SAG\n"
                    "endorsed_on: 2026-01-10\nreview_due: 2027-01-15\ndoc_version: '1.0'\n---\n"
                    "# SOP\n", "utf-8")

    def codes(day, release=False):
        report = Report(tmp_path)
        check_documents(tmp_path, report, day, release)
        return [f"{d.severity} {d.code}" for d in report.errors + report.warnings]

    assert codes(dt.date(2027, 1, 15)) == []
    assert codes(dt.date(2027, 1, 16)) == ["warning DC105"]
    assert codes(dt.date(2027, 1, 16), release=True) == ["error DC105"]
    assert codes(dt.date(2026, 1, 10)) == []
    assert codes(dt.date(2026, 1, 9)) == ["error DC103"]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "cpportal", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_the_command_line_sets_the_clock_with_today(tmp_path):
    data = str(make_data_dir(tmp_path))
    on_time = _cli("--root", str(tmp_path), "--today", LAST_DAY.isoformat(), "validate",
                   "--data", data)
    assert on_time.returncode == 0 and "0 error(s), 0 warning(s)" in on_time.stdout
    late = _cli("--root", str(tmp_path), "--today", (LAST_DAY + dt.timedelta(days=1)).isoformat(),
                "validate", "--data", data, "--release")
    assert late.returncode == 1 and "error RP112" in late.stdout, late.stdout
    wrong = _cli("--today", "tomorrow", "validate", "--data", data)
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "--today='tomorrow' is not a date; write it as YYYY-MM-DD" in wrong.stderr


def test_a_build_with_a_wrong_clock_stops_cleanly(tmp_path):
    from conftest import build_site

    result = build_site(tmp_path / "site", extra_env={clock.VARIABLE: "2027-13-01"})
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "PORTAL_TODAY='2027-13-01' is not a date" in result.stdout + result.stderr

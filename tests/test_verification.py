"""`python -m cpportal verification`: the monthly round lists, by organization, exactly the
services overdue or due soon on the clock's date, with their contacts; partners-only services
only for the partners build."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from openpyxl import load_workbook

from cpportal import cli
from cpportal.referral import verification
from cpportal.referral.dataset import AUDIENCE_VARIABLE
from cpportal.validation import validate_all
from conftest import ROOT

DAY = "2027-01-05"  # a day on which part of the demonstration data is overdue


def _expected(within: int, partners: bool) -> set[str]:
    dataset, _ = validate_all(ROOT / "data")
    today = dt.date.fromisoformat(DAY)
    return {s.id for s in dataset.records["services"]
            if s.get("status") != "closed" and (partners or s.get("visibility") != "partners")
            and (dt.date.fromisoformat(s.get("last_verified"))
                 + dt.timedelta(days=s.get("review_every_days")) - today).days <= within}


def _listed(output: str) -> list[str]:
    return re.findall(r"^  - .* \(([a-z0-9-]+)\): ", output, re.M)


@pytest.mark.parametrize("audience", ["public", "partners"])
def test_the_round_lists_overdue_and_due_soon_services_by_organization(
        audience, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_TODAY", DAY)
    monkeypatch.setenv(AUDIENCE_VARIABLE, audience)
    assert cli.main(["--root", str(ROOT), "verification", "--due-within", "10"]) == 0
    output = capsys.readouterr().out
    expected = _expected(10, audience == "partners")
    assert 0 < len(expected) and sorted(_listed(output)) == sorted(expected)
    assert "Demonstration data: every contact below is fictional." in output
    assert f"Verification round of {DAY}:" in output
    overdue = _expected(-1, audience == "partners")  # due before today, as RP112 judges
    assert output.count("overdue by") == len(overdue) > 0
    # Grouped: each organization heads one block, in alphabetical order.
    headings = [line for line in output.splitlines()[2:] if line and not line.startswith(" ")]
    assert headings == sorted(set(headings))
    dataset, _ = validate_all(ROOT / "data")
    partners_only = {s.id for s in dataset.records["services"]
                     if s.get("visibility") == "partners"}
    assert bool(partners_only & set(_listed(output))) == (audience == "partners")


def test_the_round_as_a_spreadsheet_holds_every_contact(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PORTAL_TODAY", DAY)
    monkeypatch.delenv(AUDIENCE_VARIABLE, raising=False)
    target = tmp_path / "round.xlsx"
    assert cli.main(["--root", str(ROOT), "verification", "--xlsx", str(target)]) == 0
    sheet = load_workbook(target)["Verification"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == verification.HEADERS and sheet.freeze_panes == "B2"
    assert sorted(r[1] for r in rows[1:]) == sorted(_expected(30, partners=False))
    dataset, _ = validate_all(ROOT / "data")
    for row in rows[1:]:
        contact = dataset.ids("services")[row[1]].get("contact")
        assert row[7:11] == (contact["role"]["en"], contact.get("phone"),
                             contact.get("hotline"), contact.get("email"))
        assert row[12].startswith("data/referral/services/")


def test_the_round_refuses_data_with_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_TODAY", DAY)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data/schema", data / "schema")
    (data / "referral/services").mkdir(parents=True)
    (data / "referral/services/x.yml").write_text("services:\n  - id: Bad Id\n", "utf-8")
    assert cli.main(["--root", str(tmp_path), "verification"]) == 1
    assert "data/referral/services/x.yml:2:" in capsys.readouterr().out

"""`python -m cpportal spreadsheet export|import`: the referral data in a spreadsheet as IMOs keep
them, and back into the YAML files with nothing but the edit changed, or refused cell by cell."""

from __future__ import annotations

import difflib
import shutil

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cpportal import cli
from cpportal.referral import sheets
from cpportal.validation import validate_all
from conftest import ROOT


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "data").rglob("*.yml"))}


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


@pytest.fixture
def exported(project, capsys):
    target = project / "services.xlsx"
    assert cli.main(["--root", str(project), "spreadsheet", "export", str(target)]) == 0
    capsys.readouterr()
    return target


def _import(project, source, capsys):
    status = cli.main(["--root", str(project), "spreadsheet", "import", str(source)])
    return status, capsys.readouterr().out


def test_export_has_a_sheet_per_kind_a_row_per_record_and_helps_whoever_fills_it(
        project, exported):
    book = load_workbook(exported)
    assert book.sheetnames == [*sheets.SHEETS.values(), sheets.LISTS]
    assert book[sheets.LISTS].sheet_state == "hidden"
    dataset, _ = validate_all(project / "data")
    services = book["Services"]
    assert services.max_row - 1 == len(dataset.records["services"])
    assert book["Pathway steps"].max_row - 1 == sum(len(p.get("steps"))
                                                    for p in dataset.records["pathways"])
    headers = [c.value for c in services[1]]
    assert {"name.en", "name.bn", "name.fr", "contact.phone", "file"} <= set(headers)
    assert services.freeze_panes == "B2"
    assert all(c.comment and c.comment.text for c in services[1])
    first = dataset.records["services"][0]
    row = {h: c.value for h, c in zip(headers, services[2])}
    assert (row["id"], row["name.bn"], row["locations"]) == (
        first.id, first.get("name")["bn"], " ".join(first.get("locations")))
    drop_downs = {str(v.sqref).split(":")[0]: v.formula1
                  for v in services.data_validations.dataValidation}
    letter = {h: get_column_letter(i) for i, h in enumerate(headers, 1)}
    assert {f"{letter[h]}2" for h in ("organization", "service_type", "status", "cost",
                                      "file")} <= set(drop_downs)
    organizations = drop_downs[f"{letter['organization']}2"]
    listed = [c.value for c in book[sheets.LISTS][organizations.split("!")[1].split(":")[0]
                                                  .replace("$", "")[0]]][1:]
    assert sorted(filter(None, listed)) == sorted(dataset.organizations)


def test_an_unchanged_export_imports_as_no_change(project, exported, capsys):
    before = _files(project)
    status, output = _import(project, exported, capsys)
    assert status == 0 and "no change" in output
    assert _files(project) == before


def test_an_edit_changes_only_its_lines_and_keeps_comments(project, exported, capsys):
    before = _files(project)
    book = load_workbook(exported)
    headers = [c.value for c in book["Services"][1]]
    book["Services"].cell(3, headers.index("contact.phone") + 1, "+880 1700-000099")
    book["Pathway steps"].cell(2, 3, "Keep the child safe, first of all")
    book.save(exported)
    status, output = _import(project, exported, capsys)
    assert status == 0, output
    after = _files(project)
    changed = {name for name in before if before[name] != after[name]}
    assert len(changed) == 2, output
    for name in changed:
        diff = [line for line in difflib.unified_diff(
            before[name].decode().splitlines(), after[name].decode().splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert len(diff) == 2, diff  # one line out, one line in
    assert any(b'phone: "+880 1700-000099"' in after[n] for n in changed)  # quoting kept
    dataset, report = validate_all(project / "data")
    assert not report.errors
    assert dataset.records["services"][1].get("contact")["phone"] == "+880 1700-000099"
    assert dataset.records["pathways"][0].get("steps")[0]["label"]["en"] == \
        "Keep the child safe, first of all"


def test_bad_cells_are_refused_each_named_by_sheet_and_cell(project, exported, capsys):
    before = _files(project)
    book = load_workbook(exported)
    sheet = book["Services"]
    headers = [c.value for c in sheet[1]]
    column = {h: get_column_letter(i) for i, h in enumerate(headers, 1)}
    sheet[f"{column['organization']}12"] = "brac2"
    sheet[f"{column['eligibility.age_min']}13"] = "seventeen"
    sheet[f"{column['contact.phone']}14"] = "12345"
    book.save(exported)
    status, output = _import(project, exported, capsys)
    assert status == 1
    for cell, code in ((f"{column['organization']}12", "RP104"),
                       (f"{column['eligibility.age_min']}13", "RP102"),
                       (f"{column['contact.phone']}14", "RP107")):
        assert f"services.xlsx:Services!{cell}: error {code}" in output, output
    assert "3 error(s)" in output and "Traceback" not in output
    assert _files(project) == before


def test_a_missing_column_is_named_and_nothing_is_written(project, exported, capsys):
    before = _files(project)
    book = load_workbook(exported)
    book["Locations"]["B1"] = "name"
    book.save(exported)
    status, output = _import(project, exported, capsys)
    assert status == 1 and "services.xlsx:Locations!A1: error SS101" in output
    assert "'name.en'" in output
    assert _files(project) == before


def _as_ods(xlsx, target):
    """The workbook `xlsx` saved as OpenDocument (as LibreOffice would), cell for cell."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    from python_calamine import CalamineWorkbook

    source = CalamineWorkbook.from_path(str(xlsx))
    document = OpenDocumentSpreadsheet()
    for name in source.sheet_names:
        table = Table(name=name)
        for values in source.get_sheet_by_name(name).to_python():
            row = TableRow()
            for value in values:
                if isinstance(value, (int, float)) and value != "":
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(int(value))))
                else:
                    cell = TableCell(valuetype="string")
                    for line in str(value).split("\n") if value != "" else []:
                        cell.addElement(P(text=line))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.save(str(target))
    return target


def test_an_ods_spreadsheet_imports_like_an_xlsx(project, exported, capsys):
    before = _files(project)
    book = load_workbook(exported)
    book["Organizations"]["E2"] = "UNICEF-CO"
    book.save(exported)
    status, output = _import(project, _as_ods(exported, project / "data.ods"), capsys)
    assert status == 0, output
    after = _files(project)
    assert [n for n in before if before[n] != after[n]] == ["data/referral/organizations.yml"]
    assert "acronym: UNICEF-CO" in after["data/referral/organizations.yml"].decode()

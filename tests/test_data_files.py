"""The data reader against what a careless editor or an attacker can put in data/: files that
are not plain files, pathological shapes at the size limit, names that could forge a report
line, and random mutations of the real data files (Hypothesis). Never a traceback or a hang;
every refusal names a file, a line, a column and a code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, TODAY
from cpportal.codes import CODES
from cpportal.diagnostics import Report
from cpportal.site import Portal
from cpportal.validation import validate_all
from cpportal.yamlio import MAX_BYTES
from test_validation import make_data_dir

SERVICES = Path("referral/services")
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (error|warning) "
                  r"(?P<code>[A-Z]{2}\d{3})\b")
# A run over a file up to the size limit is linear: well below this even on a loaded machine
# (benchmarks/validation_scale.py prints the real figures). It only tells a hang (a quadratic
# pass took 25 s on 100 kB, hours on 2 MiB) from a run.
HANG = 15.0


def _codes(report: Report) -> list[tuple[str, str]]:
    return sorted((d.file, d.code) for d in report.errors + report.warnings)


def _validate(data: Path) -> Report:
    _, report = validate_all(data, today=TODAY)
    return report


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    data = make_data_dir(tmp_path)
    os.mkfifo(data / SERVICES / "pipe.yml")
    start = time.perf_counter()
    report = _validate(data)
    assert time.perf_counter() - start < HANG
    assert _codes(report) == [("data/referral/services/pipe.yml", "YA107")]


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    data = make_data_dir(tmp_path)
    locked = data / SERVICES / "locked.yml"
    locked.write_text("services: []\n", "utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: the refusal the system would give, given
        real_open = os.open

        def refusing(path, *args, **kwargs):
            if Path(path) == locked.resolve():
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    report = _validate(data)
    assert [d.format().splitlines()[0] for d in report.errors] == [
        "data/referral/services/locked.yml:1:1: error YA108: cannot be read (Permission denied)"]


def test_a_link_inside_the_project_is_read_and_a_linked_folder_outside_is_not(tmp_path):
    data = make_data_dir(tmp_path)
    camp = data / SERVICES / "camp.yml"
    shared = tmp_path / "shared-camp.yml"  # inside the project (the data folder's parent)
    shutil.move(camp, shared)
    camp.symlink_to(os.path.relpath(shared, camp.parent))
    assert _codes(_validate(data)) == []
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside.mkdir()
    (outside / "more.yml").write_text("services: []\n", "utf-8")
    (data / SERVICES / "more").symlink_to(outside, target_is_directory=True)
    (data / SERVICES / "linked.yml").symlink_to(outside / "more.yml")
    assert _codes(_validate(data)) == [("data/referral/services/linked.yml", "YA107")]


def test_a_file_name_cannot_forge_a_report_line(tmp_path):
    data = make_data_dir(tmp_path)
    forged = "x\nportal.yml:1:1: error RP999: forged.yml"
    (data / SERVICES / forged).write_text("services: [1]\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "cpportal", "validate", "--data", str(data)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith("portal.yml") for line in lines)
    assert [m["code"] for m in map(LINE.match, lines) if m] == ["RP102"]
    assert "\\n" in lines[0]


SHAPES = {
    "blank lines and one anchor": lambda n: "\n" * (n - 20) + "services: &a []\n",
    "question marks": lambda n: "? x\n" * (n // 4),
    "spaces then an anchor": lambda n: " " * (n - 20) + "\nservices: &a []\n",
    "one long line": lambda n: "x: " + "a" * (n - 10) + "\n",
    "merge markers": lambda n: "<<" * (n // 2 - 10) + "\n",
    "nested brackets": lambda n: "x: " + "[" * (n // 2 - 10) + "]" * (n // 2 - 10) + "\n",
    "many short keys": lambda n: "".join(f"k{i}: {i}\n" for i in range(n // 12)),
    "a long quoted string with escapes": lambda n: 'x: "' + "\\u00e9" * (n // 6 - 2) + '"\n',
    "document markers": lambda n: "---\n" * (n // 4),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_files_at_the_size_limit_are_read_in_linear_time(tmp_path, shape):
    data = make_data_dir(tmp_path)
    text = SHAPES[shape](MAX_BYTES)[:MAX_BYTES]
    (data / SERVICES / "big.yml").write_text(text, "utf-8")
    start = time.perf_counter()
    report = _validate(data)
    elapsed = time.perf_counter() - start
    assert elapsed < HANG, f"{shape}: {elapsed:.1f} s"
    assert all(d.line >= 1 and d.column >= 1 for d in report.items)


def test_the_check_every_build_runs_reports_a_wrong_type_without_crashing(tmp_path):
    """`cpportal check` loads the whole portal: a phone written as a number is an RP102."""
    project = tmp_path / "project"
    for name in ("docs", "data", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    services = project / "data/referral/services/teknaf.yml"
    text = services.read_text("utf-8")
    services.write_text(re.sub(r'phone: "\+?([\d -]+)"', lambda m: "phone: " + re.sub(
        r"\D", "", m[1]), text, count=1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "cpportal", "--root", str(project), "check"],
                            capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert result.returncode == 1
    assert re.search(r"^data/referral/services/teknaf\.yml:\d+:\d+: error RP102 ",
                     result.stdout, re.M), result.stdout[-3000:]


# Mutations of the real data files ---------------------------------------------------------

REAL = sorted(p.relative_to(ROOT / "data") for p in (ROOT / "data").rglob("*.yml"))
VALUES = st.one_of(
    st.integers(-10**30, 10**30), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.text(max_size=30), st.sampled_from(["[", "{", "&a", "*a", "!!binary x", "<<: x", "? a",
                                            "---", "'", '"', "\x00", "\u2028", "\ufeff", "\t",
                                            "\u00a0x: 1", "~", "[a]: 1", "1098", "2025-02-30"]))


@st.composite
def mutations(draw):
    """A real data file and one change of its bytes, lines, values or types."""
    path = draw(st.sampled_from(REAL))
    text = (ROOT / "data" / path).read_text("utf-8")
    lines = text.split("\n")
    kind = draw(st.sampled_from(["bytes", "delete line", "duplicate line", "indent", "value",
                                 "truncate", "insert"]))
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "bytes":
        raw = bytearray(text.encode("utf-8"))
        where = draw(st.integers(0, len(raw) - 1))
        raw[where: where + draw(st.integers(0, 4))] = draw(st.binary(max_size=4))
        return path, bytes(raw)
    if kind == "delete line":
        del lines[at]
    elif kind == "duplicate line":
        lines.insert(at, lines[at])
    elif kind == "indent":
        lines[at] = " " * draw(st.integers(0, 5)) + lines[at].lstrip(" ")
    elif kind == "value" and ":" in lines[at]:
        key = lines[at].split(":", 1)[0]
        lines[at] = f"{key}: {draw(VALUES)!s}"
    elif kind == "truncate":
        lines = lines[:at]
    else:
        lines.insert(at, draw(VALUES if draw(st.booleans()) else st.text(max_size=40)).__str__())
    return path, "\n".join(lines).encode("utf-8", errors="surrogatepass")


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(ROOT / "data", root / "data")
    return root


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations())
def test_no_mutation_of_the_real_data_gives_a_traceback_or_a_hang(data_copy, mutation):
    path, content = mutation
    target = data_copy / "data" / path
    original = (ROOT / "data" / path).read_bytes()
    target.write_bytes(content)
    try:
        start = time.perf_counter()
        report = Report(data_copy)
        dataset, _ = validate_all(data_copy / "data", today=TODAY, report=report)
        dataset.valid_only()
        elapsed = time.perf_counter() - start
    finally:
        target.write_bytes(original)
    assert elapsed < HANG, f"{path}: {elapsed:.1f} s"
    for item in report.errors:
        assert item.file and item.line >= 1 and item.column >= 1 and item.code in CODES, item


def test_a_portal_loads_whatever_a_mutation_left_valid(tmp_path):
    """Whatever validates, the build's own loader reads: a Portal over data whose records
    break the schema holds only the records that pass it."""
    project = tmp_path / "project"
    for name in ("docs", "data", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    services = project / "data/referral/services/ukhia.yml"
    services.write_text(services.read_text("utf-8").replace("status: active", "status: 7", 1),
                        "utf-8")
    portal = Portal(project)
    assert [d.code for d in portal.report.errors] == ["RP102"]
    dataset, _ = validate_all(project / "data", today=TODAY)
    assert [r.id for r in dataset.records["services"] if not r.valid] == [
        portal.report.errors[0].record]
    assert all(r.valid for r in portal.dataset.records["services"])
    assert portal.report.errors[0].record not in {r.id for r in portal.dataset.records["services"]}

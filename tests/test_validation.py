"""The validator against a corpus of broken referral data: exact code and place of every problem.

Layout of tests/data_cases/:

- ``valid/`` is a small data directory (without ``schema/``) that validates with no error and
  no warning on TODAY.
- ``broken/NN-short-name/`` holds only the files that replace (or are added to) those of
  ``valid/``, at the same relative paths, plus ``expect.txt``: one line per expected
  diagnostic, ``<file relative to the data dir's parent>:<line>:<column> <CODE>``. A line
  ``release`` validates with release=True; blank lines and lines starting with ``#`` are
  comments. An empty expectation means "no diagnostic at all".

Two markers in case files are expanded when the case is copied, so that the corpus stays text:

- ``{{byte:XX}}`` becomes the single raw byte 0xXX (to make files that are not UTF-8);
- a line ``# {{pad-to-bytes:N}}`` becomes YAML comment lines that bring the whole file to
  exactly N bytes (large files are generated, not stored).

Severity is not written in expect.txt; it follows from the code: RP106 and RP113 are always
warnings, RP112 is a warning except in release mode, YA111 is a warning for a file that is not
YAML, every other code is an error. A case may hold links (stored in git as links), copied as
links.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TODAY

from cpportal.codes import CODES
from cpportal.validation import validate_all

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "data_cases"
VALID = CASES / "valid"
BROKEN = CASES / "broken"
SCHEMA = ROOT / "data" / "schema"
ALWAYS_WARNINGS = {"RP106", "RP113"}

BYTE = re.compile(rb"\{\{byte:([0-9A-Fa-f]{2})\}\}")
PAD = re.compile(rb"^# \{\{pad-to-bytes:(\d+)\}\}\n", re.MULTILINE)
EXPECT = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+) (?P<code>[A-Z]{2}\d{3})$")

CASE_DIRS = sorted(p for p in BROKEN.iterdir() if p.is_dir()) if BROKEN.is_dir() else []


def expand(content: bytes) -> bytes:
    """Apply the {{byte:XX}} and pad-to-bytes markers of a case file."""
    content = BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), content)
    match = PAD.search(content)
    if match:
        target = int(match.group(1))
        rest = len(content) - len(match.group(0))
        room = target - rest
        assert room >= 2, f"pad-to-bytes {target} is smaller than the rest of the file"
        line = b"# " + b"x" * 97 + b"\n"  # 100 bytes
        full, left = divmod(room, len(line))
        filler = line * full
        if left:
            if left == 1:  # a lone newline is still a valid filler
                filler += b"\n"
            else:
                filler += b"#" + b"x" * (left - 2) + b"\n"
        assert len(filler) == room
        content = content[: match.start()] + filler + content[match.end():]
        assert len(content) == target
    return content


def make_data_dir(tmp_path: Path, case: Path | None = None) -> Path:
    """tmp_path/data: the valid directory, the project's schemas and the case's files."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copytree(SCHEMA, data / "schema")
    if case is not None:
        for source in sorted(case.rglob("*")):
            if source.relative_to(case).as_posix() == "expect.txt" or source.is_dir() \
                    and not source.is_symlink():
                continue
            target = data / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():  # links are cases of their own: copied as links
                target.unlink(missing_ok=True)
                target.symlink_to(os.readlink(source))
            else:
                target.write_bytes(expand(source.read_bytes()))
    return data


def read_expect(case: Path) -> tuple[bool, list[tuple[str, int, int, str]]]:
    """(release mode, expected (file, line, column, code) entries) of a case."""
    release = False
    expected = []
    for number, text in enumerate(case.joinpath("expect.txt").read_text("utf-8").splitlines(), 1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        if text == "release":
            release = True
            continue
        match = EXPECT.match(text)
        assert match, f"{case.name}/expect.txt:{number}: cannot read {text!r}"
        expected.append((match["file"], int(match["line"]), int(match["column"]), match["code"]))
    return release, expected


def severity(code: str, release: bool, file: str = "") -> str:
    if code in ALWAYS_WARNINGS or (code == "RP112" and not release) or (
            code == "YA111" and not file.lower().endswith((".yml", ".yaml"))):
        return "warning"
    return "error"


def found(report) -> set[tuple[str, int, int, str, str]]:
    return {(d.file, d.line, d.column, d.code, d.severity)
            for d in report.errors + report.warnings}


def show(items) -> str:
    return "\n".join(f"  {f}:{line}:{col} {code} ({sev})"
                     for f, line, col, code, sev in sorted(items)) or "  (none)"


def test_valid_baseline_has_no_problem(tmp_path):
    data = make_data_dir(tmp_path)
    dataset, report = validate_all(data, today=TODAY)
    assert [d.format() for d in report.errors + report.warnings] == []
    assert len(dataset.records["services"]) == 1
    assert len(dataset.records["pathways"]) == 1
    # A release adds no rule that the baseline breaks.
    _, report = validate_all(data, today=TODAY, release=True)
    assert [d.format() for d in report.errors + report.warnings] == []


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_broken_case(tmp_path, case):
    release, expected_entries = read_expect(case)
    data = make_data_dir(tmp_path, case)
    _, report = validate_all(data, today=TODAY, release=release)
    expected = {(*entry, severity(entry[3], release, entry[0])) for entry in expected_entries}
    actual = found(report)
    if actual != expected:
        detail = "\n".join(d.format() for d in report.errors + report.warnings)
        pytest.fail(f"{case.name}\nmissing (expected, not reported):\n{show(expected - actual)}"
                    f"\nunexpected (reported, not expected):\n{show(actual - expected)}"
                    f"\nfull report:\n{detail}", pytrace=False)


def test_corpus_is_large_enough_and_well_formed():
    assert len(CASE_DIRS) >= 112
    for case in CASE_DIRS:
        assert re.fullmatch(r"\d{2,3}-[a-z0-9-]+", case.name), case.name
        assert (case / "expect.txt").is_file(), case.name
        overlays = [p for p in case.rglob("*") if (p.is_file() or p.is_symlink())
                    and p.name != "expect.txt"]
        assert overlays, f"{case.name} changes no file"
        read_expect(case)


def test_every_data_code_is_exercised_by_the_corpus():
    covered = {code for case in CASE_DIRS for *_, code in read_expect(case)[1]}
    data_codes = {code for code in CODES if code.startswith(("YA", "RP"))}
    # an unreadable file cannot be stored in git (and root reads any file): tests/test_data_files.py
    assert sorted(data_codes - covered) == ["YA108"]
    assert sorted(covered - set(CODES)) == [], "expect.txt names a code that is not catalogued"


def test_large_file_markers_generate_the_sizes_claimed():
    from cpportal.yamlio import MAX_BYTES

    sizes = {}
    for case in CASE_DIRS:
        for source in case.rglob("*.yml"):
            if source.is_symlink() or not source.is_file():  # cases of links and folders
                continue
            if PAD.search(source.read_bytes()):
                sizes[case.name] = len(expand(source.read_bytes()))
    assert MAX_BYTES + 1 in sizes.values(), "no case just over the size limit"
    assert MAX_BYTES in sizes.values(), "no case exactly at the size limit"


def test_alias_bomb_is_refused_fast_without_expansion(tmp_path):
    """A billion-laughs document is refused as YA105 in well under a second."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    data = make_data_dir(tmp_path)
    (data / "referral" / "services" / "bomb.yml").write_text("\n".join(lines) + "\n", "utf-8")
    start = time.perf_counter()
    _, report = validate_all(data, today=TODAY)
    elapsed = time.perf_counter() - start
    assert elapsed < 2, f"validation took {elapsed:.1f} s"
    codes = {(d.file, d.code) for d in report.errors + report.warnings}
    assert codes == {("data/referral/services/bomb.yml", "YA105")}


@pytest.mark.parametrize("text", ["? [a, b]\n: x\n", "x: {[a]: 1}\n", "? {a: 1}\n: x\n"],
                         ids=["sequence-key", "flow-sequence-key", "mapping-key"])
def test_unhashable_keys_are_reported_not_crashing(tmp_path, text):
    """Valid YAML that no data file may hold (a list or mapping as a key) is a diagnostic,
    not an exception."""
    data = make_data_dir(tmp_path)
    (data / "referral" / "services" / "odd.yml").write_text("services: []\n" + text, "utf-8")
    _, report = validate_all(data, today=TODAY)
    assert [d.code[:2] for d in report.errors if d.file == "data/referral/services/odd.yml"] \
        == ["YA"], [d.format() for d in report.errors]


# The command line ------------------------------------------------------------------------

CLI_CASE = "50-many-errors-in-one-run"


def _cli(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cpportal", "validate", "--data", str(data)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_exits_0_on_valid_data(tmp_path):
    data = make_data_dir(tmp_path)
    result = _cli(data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_cli_exits_1_and_prints_compiler_style_lines(tmp_path):
    case = BROKEN / CLI_CASE
    release, expected = read_expect(case)
    assert not release
    data = make_data_dir(tmp_path, case)
    result = _cli(data)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    line = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning) "
                      r"(?P<code>[A-Z]{2}\d{3})\b")
    printed = set()
    for text in result.stdout.splitlines():
        match = line.match(text)
        if match:
            file = Path(match["file"])
            assert file.is_absolute() and file.is_relative_to(tmp_path), text
            printed.add((file.relative_to(tmp_path).as_posix(), int(match["line"]),
                         int(match["column"]), match["code"], match["severity"]))
    wanted = {(*entry, severity(entry[3], release, entry[0])) for entry in expected}
    assert printed == wanted, output
    errors = sum(1 for *_, sev in wanted if sev == "error")
    assert re.search(rf"^{errors} error\(s\), \d+ warning\(s\)$", result.stdout, re.MULTILINE), \
        output


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_cli_reports_deep_nesting_without_crashing(tmp_path, depth):
    """A small file of nested brackets (200 kB at depth 100,000) is untrusted input too: it
    must be reported, not end in a RecursionError or a crash of the YAML library."""
    data = make_data_dir(tmp_path)
    deep = data / "referral" / "services" / "deep.yml"
    deep.write_text("services: []\nx: " + "[" * depth + "]" * depth + "\n", "utf-8")
    result = _cli(data)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"exit status {result.returncode}\n{output[-2000:]}"
    assert "Traceback" not in output, output[-2000:]
    assert re.search(rf"^{re.escape(str(deep))}:\d+:\d+: error YA1\d\d\b", result.stdout,
                     re.MULTILINE), output[-2000:]

"""Time the referral data validation on 10,000 and 20,000 generated services, and on files
of the size limit (2 MiB) in the pathological shapes of tests/test_data_files.py.

Run: .venv/bin/python benchmarks/validation_scale.py   (prints figures; not a test)
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cpportal.diagnostics import Report  # noqa: E402
from cpportal.referral.checks import phone_is_valid  # noqa: E402
from cpportal.validation import validate_all  # noqa: E402
from cpportal.yamlio import MAX_BYTES  # noqa: E402
from table import print_table  # noqa: E402
from test_data_files import SHAPES  # noqa: E402
from test_validation import make_data_dir  # noqa: E402


def make_data(target: Path, count: int, distinct_phones: bool = False) -> None:
    """Copy the demo data and replace its services with `count` copies spread over files
    (with `distinct_phones`, every service gets its own phone number)."""
    shutil.copytree(ROOT / "data", target)
    services_dir = target / "referral/services"
    template = yaml.safe_load((services_dir / "ukhia.yml").read_text(encoding="utf-8"))["services"]
    shutil.rmtree(services_dir)
    services_dir.mkdir()
    per_file = 500
    for start in range(0, count, per_file):
        chunk = []
        for i in range(start, min(start + per_file, count)):
            record = copy.deepcopy(template[i % len(template)])
            record["id"] = f"{record['id']}-{i}"
            if distinct_phones:
                record["contact"]["phone"] = f"+880 17{i:08d}"
            chunk.append(record)
        (services_dir / f"part-{start // per_file:03}.yml").write_text(
            yaml.safe_dump({"services": chunk}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")


def measure(count: int, today: dt.date, distinct_phones: bool = False) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        make_data(data, count, distinct_phones)
        best = float("inf")
        for _ in range(3):
            phone_is_valid.cache_clear()
            start = time.perf_counter()
            _, report = validate_all(data, today=today, report=Report(Path(tmp)))
            best = min(best, time.perf_counter() - start)
        assert not report.errors, report.errors[:3]
        return best


def measure_shape(shape: str, today: dt.date) -> float:
    """Best of 3: validating the small valid data plus one 2 MiB file of `shape`."""
    with tempfile.TemporaryDirectory() as tmp:
        data = make_data_dir(Path(tmp))
        (data / "referral/services/big.yml").write_text(SHAPES[shape](MAX_BYTES)[:MAX_BYTES],
                                                       encoding="utf-8")
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            validate_all(data, today=today, report=Report(Path(tmp)))
            best = min(best, time.perf_counter() - start)
        return best


def main() -> None:
    today = dt.date(2026, 11, 22)
    shapes = [(f"validate a 2 MiB file: {shape}", "< 2 s", f"{measure_shape(shape, today):.2f} s")
              for shape in SHAPES]
    small = measure(10_000, today)
    large = measure(20_000, today)
    distinct = measure(10_000, today, distinct_phones=True)
    print_table([
        ("validate 10,000 services", "< 2.0 s", f"{small:.2f} s"),
        ("validate 20,000 services", "< 2.2 x the 10,000 figure",
         f"{large:.2f} s ({large / small:.2f} x)"),
        ("validate 10,000 services, every phone number distinct", "(worst case)",
         f"{distinct:.2f} s"),
        *shapes,
    ])


if __name__ == "__main__":
    main()

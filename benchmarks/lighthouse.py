"""Lighthouse (the npm package pinned in benchmarks/lighthouse/, Debian's chromium) on a
referral location page in mobile emulation: performance and accessibility scores.

Run: .venv/bin/python benchmarks/lighthouse.py [SITE_DIR]   (after `npm ci` in
benchmarks/lighthouse; builds the portal without a site dir; prints figures, not a test)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from conftest import build_site  # noqa: E402
from cpportal import chromium  # noqa: E402
from serving import serve  # noqa: E402
from table import print_table  # noqa: E402

LIGHTHOUSE = HERE / "lighthouse/node_modules/.bin/lighthouse"
PAGE = "referral/locations/camp-26/"
TARGETS = {"performance": 95, "accessibility": 100}


def audit(site_dir: Path, page: str = PAGE) -> dict:
    """Lighthouse's report (JSON) of `page` of the built site, served as a host serves it."""
    server, base = serve(site_dir)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            flags = " ".join(["--headless=new", *chromium.ARGS])
            subprocess.run(
                [str(LIGHTHOUSE), base + page, "--quiet", "--output=json",
                 f"--output-path={report}", "--only-categories=performance,accessibility",
                 f"--chrome-flags={flags}"],
                env={**os.environ, "CHROME_PATH": chromium.EXECUTABLE}, check=True)
            return json.loads(report.read_text(encoding="utf-8"))
    finally:
        server.shutdown()


def scores(report: dict) -> dict[str, int]:
    return {name: round(category["score"] * 100)
            for name, category in report["categories"].items()}


def failing_audits(report: dict) -> list[str]:
    """Accessibility audits that did not pass, by id (what keeps the score under 100)."""
    refs = report["categories"]["accessibility"]["auditRefs"]
    return [ref["id"] for ref in refs if ref["weight"] > 0
            and (report["audits"][ref["id"]].get("score") or 0) < 1]


def rows(site_dir: Path, runs: int = 3) -> list[tuple[str, str, str]]:
    """Median scores of `runs` audits (Lighthouse's advice: one run varies with the load)."""
    reports = [audit(site_dir) for _ in range(runs)]
    reports.sort(key=lambda report: scores(report)["performance"])
    median = reports[len(reports) // 2]
    measured = scores(median)
    every = ", ".join(str(scores(report)["performance"]) for report in reports)
    out = [(f"Lighthouse performance, {PAGE} (mobile), median of {runs}",
            f">= {TARGETS['performance']}", f"{measured['performance']} ({every})"),
           (f"Lighthouse accessibility, {PAGE} (mobile)", f">= {TARGETS['accessibility']}",
            str(measured["accessibility"]))]
    failing = failing_audits(median)
    if failing:
        out[-1] = out[-1][:2] + (f"{measured['accessibility']} (failing: {', '.join(failing)})",)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        if len(sys.argv) == 1:
            result = build_site(site_dir)
            assert result.returncode == 0, result.stdout + result.stderr
        print_table(rows(site_dir))


if __name__ == "__main__":
    main()

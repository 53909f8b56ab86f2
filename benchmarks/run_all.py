"""Every benchmark, printed as one table: figure, target, measured, stock where it applies.

Run: make bench   (installs Lighthouse with npm ci and Pagefind with pip, then runs this;
     about 15 minutes)
Timings are wall-clock seconds on this machine; the build is compared with the stock stack
side by side in the same run, and also by CPU time, which other load does not inflate.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import build_speed  # noqa: E402
import lighthouse  # noqa: E402
import page_weight  # noqa: E402
import search_quality  # noqa: E402
import serve_reload  # noqa: E402
from conftest import build_site  # noqa: E402
from table import print_table  # noqa: E402

SYNTHETIC_PAGES = [  # a synthetic page per language, the same in the stock and the portal build
    ("en", "section-02/page-013/", "section-03/page-014/", None),
    ("bn", "bn/section-02/page-013/", "bn/section-03/page-014/", None),
]


def _synthetic_rows(tmp: Path) -> list[tuple[str, str, str, str]]:
    best = build_speed.measure(tmp / "synthetic")
    rows = build_speed.rows(best)
    sites = {name: tmp / "synthetic" / name / "site" for name in ("stock", "ours")}
    weights = {name: page_weight.measure(site, SYNTHETIC_PAGES) for name, site in sites.items()}
    for (lang, ours), (_, stock) in zip(weights["ours"], weights["stock"]):
        for step, label in (("first", "first view"), ("repeat", "repeat view")):
            mine, theirs = ours[step], stock[step]
            rows.append((f"{label}, {lang} synthetic page (same pages as stock)",
                         "<= 200 KB" if step == "first" else "<= 25 KB",
                         f"{mine.kb:.1f} KB, {len(mine.requests)} requests",
                         f"{theirs.kb:.1f} KB, {len(theirs.requests)} requests"
                         + (f", {len(theirs.failed)} failed" if theirs.failed else "")))
    return rows


def _validation_rows() -> list[tuple[str, str, str, str]]:
    result = subprocess.run([sys.executable, str(HERE / "validation_scale.py")],
                            capture_output=True, text=True, check=True)
    return [tuple(cell.strip() for cell in line.strip("|").split("|")) + ("",)
            for line in result.stdout.splitlines() if line.startswith("| validate")]


def main() -> None:
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        result = build_site(site)
        if result.returncode != 0:
            raise SystemExit(result.stdout + result.stderr)
        rows += [row + ("",) for row in page_weight.rows(page_weight.measure(site))]
        rows += [row + ("",) for row in lighthouse.rows(site)]
        rows += _synthetic_rows(tmp)
        rows += search_quality.measure(site, tmp / "synthetic" / "ours" / "site")
    rows += serve_reload.rows()
    rows += _validation_rows()
    print_table(rows)


if __name__ == "__main__":
    main()

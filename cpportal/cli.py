"""Command line: `python -m cpportal <command>` for coordinators, translators and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import Report
from .validation import validate_all


def _validate(args) -> int:
    root = Path(args.root).resolve()
    data = Path(args.data).resolve() if args.data else root / "data"
    report = Report(root)
    validate_all(data, release=args.release, report=report)
    for item in report.errors + report.warnings:
        print(item.format())
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
          + (" [release mode]" if args.release else ""))
    return 1 if report.errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cpportal", description=__doc__)
    parser.add_argument("--root", default=".", help="portal folder (holding mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file; exit 1 on any error")
    check.add_argument("--data", help="data folder (default: <root>/data)")
    check.add_argument("--release", action="store_true",
                       help="release rules: overdue verification is an error")
    check.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Which files of data/ the portal reads, and a report of every other one: a file that is
silently skipped (portal.yaml for portal.yml, a services file in a subfolder) loses data."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from .diagnostics import Report

KNOWN_OTHERS = ("README*", "LICENSE*", ".gitkeep")  # files that are never data


def check_unread(data_dir: Path, patterns: list[str], report: Report) -> None:
    """Report every file under `data_dir` that matches none of `patterns` (paths relative to
    `data_dir`, `*` within one folder): an error for YAML files, a warning for others."""
    if not data_dir.is_dir():
        return
    for folder, dirs, files in os.walk(data_dir):  # links to folders are not followed
        dirs.sort()
        for name in sorted(files) + sorted(d for d in dirs if _yaml_name(d)):
            path = Path(folder, name)
            relative = PurePosixPath(path.relative_to(data_dir).as_posix())
            if any(_matches(relative, pattern) for pattern in patterns):
                continue
            if not _yaml_name(name):
                if not any(fnmatchcase(name, known) for known in KNOWN_OTHERS):
                    report.warning("YA111", path, 1, 1, "is not read by the portal",
                                   hint="move it out of data/ if it is not data")
                continue
            report.error("YA111", path, 1, 1, "looks like a data file but is not read: its "
                         "records are left out of the portal", hint=_where_to(relative, patterns))


def _yaml_name(name: str) -> bool:
    return name.lower().endswith((".yml", ".yaml"))


def _matches(path: PurePosixPath, pattern: str) -> bool:
    parts = PurePosixPath(pattern).parts
    return len(path.parts) == len(parts) and all(
        fnmatchcase(part, want) for part, want in zip(path.parts, parts))


def _where_to(path: PurePosixPath, patterns: list[str]) -> str:
    """The name the file should have, from the closest pattern."""
    stem = path.name.rsplit(".", 1)[0]
    for pattern in patterns:
        want = PurePosixPath(pattern)
        if "*" not in pattern and want.stem == stem:
            return f"rename it to data/{pattern}"
    for pattern in patterns:
        want = PurePosixPath(pattern)
        if "*" in want.name and (want.parent.name in path.parts or want.parent.name == stem):
            return f"put its records in data/{want.parent}/{stem}.yml (one folder, .yml)"
    return "rename or move it to a file the portal reads: " + ", ".join(
        f"data/{p}" for p in patterns)

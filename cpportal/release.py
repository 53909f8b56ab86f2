"""Publishing an endorsed version: release checks, a mike deployment onto a local branch, an
export any static host can serve, and release notes generated from the documents."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from . import clock
from .diagnostics import Report
from .sitebuild import replacing
from .documents import check as check_documents, line_of, source_hash, split
from .validation import validate_all
from .yamlio import read

BRANCH = "gh-pages"
VERSION = re.compile(r"^\d{4}\.\d+$")
RELEASE_VARIABLE = "PORTAL_RELEASE"  # set while a release builds: release rules apply
CONFIG = """# Written by `python -m cpportal release`; removed afterwards.
INHERIT: mkdocs.yml
extra:
  version:
    provider: mike
    default: latest
    alias: true
"""


def manifest(docs: Path) -> dict[str, dict]:
    """Every English guidance document with its status, version and content hash."""
    result = {}
    for path in sorted((docs / "en").rglob("*.md")):
        meta, _ = split(path.read_text(encoding="utf-8"))
        if "status" in meta:
            result[path.relative_to(docs / "en").as_posix()] = {
                "status": meta.get("status"), "doc_version": str(meta.get("doc_version", "")),
                "hash": source_hash(path)}
    return result


def notes(version: str, previous: str | None, before: dict, after: dict) -> str:
    """Release notes: documents added, changed, newly endorsed and superseded since `previous`."""
    added = sorted(set(after) - set(before))
    changed = sorted(p for p in set(after) & set(before) if after[p]["hash"] != before[p]["hash"])
    endorsed = sorted(p for p in after if after[p]["status"] == "endorsed"
                      and before.get(p, {}).get("status") != "endorsed")
    superseded = sorted(p for p in after if after[p]["status"] == "superseded"
                        and before.get(p, {}).get("status") != "superseded")
    since = f"since {previous}" if previous else "(first release)"
    lines = [f"# Release {version}", "", f"Documents {since}:", ""]
    for title, pages in (("Added", added), ("Changed", changed), ("Newly endorsed", endorsed),
                         ("Superseded", superseded)):
        lines += [f"## {title} ({len(pages)})", ""]
        lines += [f"- {p} (version {after[p]['doc_version']})" for p in pages] or ["- none"]
        lines.append("")
    return "\n".join(lines)


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", "cpportal release"),
           "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", "release@cpportal.invalid")}
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, check=check)


def published(root: Path) -> list[str]:
    """Versions already on the release branch, newest first."""
    shown = _git(root, "show", f"{BRANCH}:versions.json", check=False)
    if shown.returncode != 0:
        return []
    return [item["version"] for item in json.loads(shown.stdout)]


def check(root: Path, version: str, allow_drafts: bool, report: Report) -> None:
    """Every reason to refuse a release, reported together."""
    config = root / "mkdocs.yml"
    if not VERSION.match(version):
        report.error("RL101", config, 1, 1, f"version '{version}' is not YEAR.NUMBER",
                     hint="name versions like 2026.1")
    if version in published(root):
        report.error("RL102", config, 1, 1, f"version {version} is already published; "
                     "published versions are never overwritten", hint="use the next number")
    identity = read(root / "data/portal.yml", Report(root), root)  # validate_all reports problems
    if identity and isinstance(identity.data, dict) and identity.data.get("demo"):
        line, column = identity.where("demo")
        report.error("RL103", identity.path, line, column, "the data is demonstration data "
                     "(demo: true); a release would publish fictional contacts",
                     hint="replace the demonstration data, then set demo: false")
    validate_all(root / "data", release=True, report=report)
    check_documents(root / "docs", report, clock.today(), release=True)
    if not allow_drafts:
        for page, info in manifest(root / "docs").items():
            if info["status"] in ("draft", "under_review"):
                path = root / "docs/en" / page
                report.error("RL104", path, line_of(path.read_text(encoding="utf-8"), "status"), 1,
                             f"document is {info['status']}, not endorsed",
                             hint="endorse it, remove it, or release with --allow-drafts "
                                  "(drafts are then bannered)")


def publish(root: Path, version: str, export: Path, allow_drafts: bool = False) -> Report:
    """Check, deploy `version` with mike to the local release branch, and export every
    published version to `export`. Nothing is deployed if a check fails."""
    report = Report(root)
    check(root, version, allow_drafts, report)
    if report.errors:
        return report
    versions = published(root)
    before = {}
    if versions:
        shown = _git(root, "show", f"{BRANCH}:{versions[0]}/release.json", check=False)
        before = json.loads(shown.stdout) if shown.returncode == 0 else {}
    after = manifest(root / "docs")
    config = root / "mkdocs-release.yml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, RELEASE_VARIABLE: "1", "NO_MKDOCS_2_WARNING": "1",
           # mike runs `mkdocs` from PATH: use the one beside this Python
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    try:
        mike = [sys.executable, "-c", "from mike.driver import main; main()"]
        deployed = subprocess.run(
            [*mike, "deploy", "-F", str(config), "--update-aliases", "--alias-type", "redirect",
             "-m", f"Release {version}", version, "latest"],
            cwd=root, env=env, capture_output=True, text=True)
        if deployed.returncode != 0:
            report.error("RL105", config, 1, 1, "the release build failed:\n"
                         + (deployed.stderr or deployed.stdout)[-4000:])
            return report
        subprocess.run([*mike, "set-default", "-F", str(config), "latest"], cwd=root, env=env,
                       capture_output=True, check=True)
    finally:
        config.unlink()
    _export(root, export, notes(version, versions[0] if versions else None, before, after),
            version)
    return report


def _export(root: Path, export: Path, release_notes: str, version: str) -> None:
    """Every published version as plain files (aliases are redirect pages, so any host works),
    with the release notes; swapped into `export` only once complete."""
    archive = _git(root, "archive", "--format=tar", BRANCH).stdout
    with replacing(export) as fresh:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(fresh, filter="data")
        (fresh / f"release-notes-{version}.md").write_text(release_notes, encoding="utf-8")
        for old_notes in export.glob("release-notes-*.md"):  # notes of earlier releases stay
            if not (fresh / old_notes.name).exists():
                shutil.copy2(old_notes, fresh / old_notes.name)

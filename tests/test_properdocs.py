"""The MkDocs exit stays open: ProperDocs (the MkDocs 1.x fork, installed beside MkDocs from
requirements-dev.txt; it aliases mkdocs.* only in its own process) builds this portal into the
same files, byte for byte, as the pinned MkDocs. The one line allowed to differ is the
generator each writes into its pages' <meta name="generator">."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site
from cpportal import pdf

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    mkdocs = build_site(tmp_path / "mkdocs")
    assert mkdocs.returncode == 0, mkdocs.stderr
    properdocs = subprocess.run(
        [Path(sys.executable).parent / "properdocs", "build", "--strict", "-f",
         ROOT / "mkdocs.yml", "-d", tmp_path / "properdocs"], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", pdf.PDF_VARIABLE: "0"})
    assert properdocs.returncode == 0, properdocs.stderr
    assert b"ProperDocs" in (tmp_path / "properdocs/index.html").read_bytes()  # not MkDocs
    ours, theirs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert len(ours) > 300
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []

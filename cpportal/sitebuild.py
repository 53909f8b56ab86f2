"""Atomic builds: the site is built into a fresh folder beside the target and swapped in only
when the whole build, with every check, passed. A failed or interrupted build leaves the
previous site as it was."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def build(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict MkDocs build of the portal at `root` into a new folder, then put it in
    place of `site_dir`. The build's output goes to this process's stdout and stderr."""
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "-f", str(root / "mkdocs.yml"), "-d", str(fresh)],
            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        if result.returncode == 0:
            swap(fresh, site_dir)
        return result
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def swap(fresh: Path, target: Path) -> None:
    """Put folder `fresh` in place of `target` in one step; `fresh` then holds the old one."""
    fresh.chmod(0o755)
    if not target.exists():
        fresh.rename(target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(fresh), _AT_FDCWD,
                                           os.fsencode(target), _RENAME_EXCHANGE) == 0:
        return
    old = target.with_name(target.name + ".old")  # no atomic exchange here: two renames
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    fresh.rename(target)
    old.rename(fresh)

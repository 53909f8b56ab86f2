"""Atomic builds: the site is built into a fresh folder beside the target and swapped in only
when the whole build, with every check, passed. A failed or interrupted build leaves the
previous site as it was."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def build(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict MkDocs build of the portal at `root` into a new folder, then put it in
    place of `site_dir`. The build's output goes to this process's stdout and stderr."""
    try:
        with replacing(site_dir) as fresh:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "-f", str(root / "mkdocs.yml"), "-d", str(fresh)],
                cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
            if result.returncode != 0:
                raise _Failed(result)
    except _Failed as failed:
        return failed.result
    return result


class _Failed(Exception):
    """The build failed: the previous site stays."""

    def __init__(self, result: subprocess.CompletedProcess):
        self.result = result


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` to fill; it takes `target`'s place only if the block ends
    without an exception. Folders left by a killed run are cleared first."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        yield fresh
        _swap(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _swap(fresh: Path, target: Path) -> None:
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

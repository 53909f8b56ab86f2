"""The date a build states things as of: the same for every build of one commit."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"  # the reproducible-builds convention MkDocs also reads


def build_date(root: Path) -> dt.date:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit, else today. Sets
    SOURCE_DATE_EPOCH so that MkDocs dates the sitemap the same way."""
    epoch = os.environ.get(EPOCH_VARIABLE)
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, text=True,
                                   capture_output=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    if not epoch.isdigit():
        return dt.date.today()
    os.environ[EPOCH_VARIABLE] = epoch
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()

"""The one clock: every judgement of a date (overdue, review due, future dates, "as of") asks it.

`today()` is the real date unless PORTAL_TODAY (YYYY-MM-DD) sets it; the command line's
`--today` sets that variable, and the test suite pins it. `as_of()` is the date a built site
states things as of, the same for every build of one commit."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

VARIABLE = "PORTAL_TODAY"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"  # the reproducible-builds convention MkDocs also reads


class ClockError(ValueError):
    """PORTAL_TODAY (or --today) is not a date."""


def parse(value: str, name: str = VARIABLE) -> dt.date:
    """A YYYY-MM-DD date, or ClockError saying how to write it."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ClockError(f"{name}={value!r} is not a date; write it as YYYY-MM-DD, "
                         "e.g. 2027-01-31") from None


def today() -> dt.date:
    """PORTAL_TODAY if set, else the real date."""
    value = os.environ.get(VARIABLE, "").strip()
    return parse(value) if value else dt.date.today()


def set_today(value: str) -> None:
    """Set the clock for this process and every build it starts."""
    parse(value, "--today")
    os.environ[VARIABLE] = value.strip()


def as_of(root: Path) -> dt.date:
    """The date the site states things as of: SOURCE_DATE_EPOCH if set, else PORTAL_TODAY if
    set, else the date of the last commit, else today. Sets SOURCE_DATE_EPOCH so that MkDocs
    dates the sitemap the same way."""
    epoch = os.environ.get(EPOCH_VARIABLE, "")
    if not epoch and os.environ.get(VARIABLE, "").strip():
        epoch = str(int(dt.datetime.combine(today(), dt.time(), dt.timezone.utc).timestamp()))
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, text=True,
                                   capture_output=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    if not epoch.isdigit():
        return today()
    os.environ[EPOCH_VARIABLE] = epoch
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()

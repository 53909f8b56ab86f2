"""The one clock: every judgement of a date (overdue, review due, future dates, the date a
built site states things "as of") asks `today()`.

It is PORTAL_TODAY (YYYY-MM-DD) if set, else the date of SOURCE_DATE_EPOCH (the
reproducible-builds convention) if set, else the real date. The command line's `--today` sets
PORTAL_TODAY; the test suite pins it."""

from __future__ import annotations

import datetime as dt
import os

VARIABLE = "PORTAL_TODAY"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


class ClockError(ValueError):
    """PORTAL_TODAY, --today or SOURCE_DATE_EPOCH is not a date."""


def parse(value: str, name: str = VARIABLE) -> dt.date:
    """A YYYY-MM-DD date, or ClockError saying how to write it."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ClockError(f"{name}={value!r} is not a date; write it as YYYY-MM-DD, "
                         "e.g. 2027-01-31") from None


def today() -> dt.date:
    """The date every check and every built page is judged on."""
    value = os.environ.get(VARIABLE, "").strip()
    if value:
        return parse(value)
    epoch = os.environ.get(EPOCH_VARIABLE, "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ClockError(f"{EPOCH_VARIABLE}={epoch!r} is not a number of seconds since "
                             "1970-01-01 UTC")
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def set_today(value: str) -> None:
    """Set the clock for this process and every build it starts."""
    parse(value, "--today")
    os.environ[VARIABLE] = value.strip()


def pin_build_date() -> dt.date:
    """Today, also given to MkDocs as SOURCE_DATE_EPOCH so that the sitemap's dates agree."""
    day = today()
    os.environ[EPOCH_VARIABLE] = str(int(
        dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()))
    return day

"""`mkdocs serve` as a live preview of pages, data and theme: what it watches, and what it
shows when a save leaves the data with errors.

A save that breaks the data does not stop the preview: it keeps building from the last data
that had no errors, logs the problems, and shows them on every page in the reader's language,
each with its file:line:col, until a save fixes them."""

from __future__ import annotations

import logging
from pathlib import Path

from .diagnostics import Diagnostic
from .strings import t

# Not a `mkdocs.*` logger: a strict build counts warnings and errors logged there, and a
# counted one would fail the rebuild, which leaves `mkdocs serve` waiting for a good one.
log = logging.getLogger("cpportal.preview")


def watched(root: Path, theme: Path) -> list[Path]:
    """Where a save rebuilds the preview, besides docs/ and mkdocs.yml (which MkDocs watches):
    the data and the portal's theme."""
    return [path for path in (root / "data", theme) if path.exists()]


def report(problems: list[Diagnostic]) -> None:
    """Log the problems a save left in the data (or that it fixed: an empty list)."""
    if problems:
        log.error("cpportal: %d error(s) in the data; the preview shows the last data without "
                  "errors until they are fixed:\n%s", len(problems),
                  "\n".join(p.format() for p in problems))


def banner(problems: list[Diagnostic], lang: str) -> dict | None:
    """What every page shows while the data has errors, in `lang` (None when it has none)."""
    if not problems:
        return None
    return {"title": t(lang, "preview_errors", count=len(problems)),
            "fix": t(lang, "preview_fix"),
            "entries": [(f"{p.file}:{p.line}:{p.column}", f"{p.code}"
                       + (f" [{p.record}]" if p.record else "") + f": {p.message}", p.hint)
                      for p in problems]}

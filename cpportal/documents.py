"""Guidance documents: their front matter and the link between a translation and its source."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import yaml
from babel.dates import format_date

from .diagnostics import Report
from .strings import t

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
DOCUMENT_FIELDS = ("status", "owner", "endorsed_by", "endorsed_on", "review_due", "doc_version")


def split(text: str) -> tuple[dict, str]:
    """Front matter (empty if none) and body of a Markdown page."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.load(match.group(1), Loader=_LOADER) or {}, text[match.end():]


def source_hash(english: Path) -> str:
    """Hash of an English page's body: what a translation records it was made from."""
    text = english.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)  # the body only: no need to read the front matter
    body = text[match.end():] if match else text
    normal = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def stamped(text: str, english: Path) -> str:
    """The translation `text` with the hash of `english` recorded in its front matter."""
    line = f"translation_of: {source_hash(english)}"
    match = FRONT_MATTER.match(text)
    if match is None:
        return f"---\n{line}\n---\n\n{text}"
    if re.search(r"^translation_of:.*$", match.group(1), re.M):
        block = re.sub(r"^translation_of:.*$", line, match.group(1), count=1, flags=re.M)
        return f"---\n{block}---\n" + text[match.end():]
    return f"---\n{match.group(1)}{line}\n---\n" + text[match.end():]


def stamp(translation: Path, english: Path) -> bool:
    """Record in `translation` the hash of `english`; return whether the file changed."""
    text = translation.read_text(encoding="utf-8")
    new = stamped(text, english)
    if new != text:
        translation.write_text(new, encoding="utf-8")
    return new != text


STATUSES = ("draft", "under_review", "endorsed", "superseded")


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def line_of(text: str, key: str) -> int:
    """Line of `key:` in a page's front matter (1 if absent)."""
    match = re.search(rf"^{re.escape(key)}:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def check(docs: Path, report: Report, today: dt.date, release: bool = False) -> None:
    """Check the front matter of every guidance document (a page with a `status`)."""
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta, _ = split(text)
        if "status" not in meta:
            continue
        record = path.relative_to(docs).as_posix()

        def problem(code, key, message, hint, warning=False):
            add = report.warning if warning else report.error
            add(code, path, line_of(text, key), 1, message, record, hint)

        for field in DOCUMENT_FIELDS:
            if field not in meta:
                problem("DC101", "status", f"front matter lacks '{field}'",
                        f"add '{field}:' (empty if it does not apply yet)")
        status = meta.get("status")
        if status not in STATUSES:
            problem("DC102", "status", f"unknown status '{status}'",
                    "use one of: " + ", ".join(STATUSES))
        for field in ("endorsed_on", "review_due"):
            if meta.get(field) and _as_date(meta[field]) is None:
                problem("DC103", field, f"{field} '{meta[field]}' is not a date",
                        "write it as YYYY-MM-DD")
        if status == "endorsed" and not (meta.get("endorsed_by") and meta.get("endorsed_on")):
            problem("DC104", "status", "endorsed, but endorsed_by or endorsed_on is empty",
                    "name the endorsing body and date, or set status: under_review")
        endorsed_on = _as_date(meta.get("endorsed_on"))
        if endorsed_on and endorsed_on > today:
            problem("DC103", "endorsed_on", f"endorsed_on {endorsed_on} is in the future",
                    "give the date of the endorsement")
        due = _as_date(meta.get("review_due"))
        if status == "endorsed" and due and due < today:
            problem("DC105", "review_due", f"review was due on {due}",
                    "review the document with its owner and set a new review_due",
                    warning=not release)


def describe(meta: dict, lang: str, today: dt.date, bodies: dict) -> dict | None:
    """What a reader is told about a document's standing, in `lang` (None if not a document).

    `bodies` gives the names of owning and endorsing bodies by language."""
    def body(name) -> str:
        return bodies.get(name, {}).get(lang, name) if isinstance(name, str) else ""

    status = meta.get("status")
    if status not in STATUSES:
        return None
    parts = [t(lang, f"doc_status_{status}")]
    endorsed_on = _as_date(meta.get("endorsed_on"))
    if status == "endorsed" and endorsed_on and meta.get("endorsed_by"):
        parts = [t(lang, "doc_endorsed", by=body(meta["endorsed_by"]),
                   date=format_date(endorsed_on, "d MMMM y", locale=lang))]
    due = _as_date(meta.get("review_due"))
    if due:
        parts.append(t(lang, "doc_review_due", month=format_date(due, "MMMM y", locale=lang)))
    if meta.get("doc_version"):
        parts.append(t(lang, "doc_version", version=meta["doc_version"]))
    banner = None
    if status in ("draft", "under_review", "superseded"):
        banner = t(lang, f"banner_{status}")
    elif due and due < today:
        banner = t(lang, "banner_overdue", date=format_date(due, "d MMMM y", locale=lang),
                   owner=body(meta.get("owner")))
    return {"status": status, "line": ", ".join(parts), "banner": banner}

"""Guidance documents: their front matter and the link between a translation and its source."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
DOCUMENT_FIELDS = ("status", "owner", "endorsed_by", "endorsed_on", "review_due", "doc_version")


def split(text: str) -> tuple[dict, str]:
    """Front matter (empty if none) and body of a Markdown page."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def source_hash(english: Path) -> str:
    """Hash of an English page's body: what a translation records it was made from."""
    _, body = split(english.read_text(encoding="utf-8"))
    normal = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def stamp(translation: Path, english: Path) -> bool:
    """Record in `translation` the hash of `english`; return whether the file changed."""
    text = translation.read_text(encoding="utf-8")
    line = f"translation_of: {source_hash(english)}"
    match = FRONT_MATTER.match(text)
    if match is None:
        new = f"---\n{line}\n---\n\n{text}"
    elif re.search(r"^translation_of:.*$", match.group(1), re.M):
        block = re.sub(r"^translation_of:.*$", line, match.group(1), count=1, flags=re.M)
        new = f"---\n{block}---\n" + text[match.end():]
    else:
        new = f"---\n{match.group(1)}{line}\n---\n" + text[match.end():]
    if new != text:
        translation.write_text(new, encoding="utf-8")
    return new != text

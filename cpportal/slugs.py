"""Heading anchors that stay readable in every script (Bengali included)."""

import re
import unicodedata

_KEEP = ("L", "M", "N")
_DASHES = re.compile(r"[\s_-]+")


def slugify(value: str, separator: str = "-") -> str:
    """Return an anchor for a heading: letters, marks and digits of any script, lower case.

    Python-Markdown's default drops every non-ASCII letter (Bengali headings become `_7`), and
    slugifiers built on `\\w` drop Bengali vowel signs, which are combining marks.
    """
    text = unicodedata.normalize("NFC", value).lower()
    kept = "".join(
        ch if unicodedata.category(ch)[0] in _KEEP else " "
        for ch in text
    )
    return _DASHES.sub(separator, kept).strip(separator)

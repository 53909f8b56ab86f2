"""Checks of the text every data file holds, whatever its kind: each string has a visible
character and a sensible length, and text by language uses only the portal's languages."""

from __future__ import annotations

import re

from .diagnostics import Report
from .yamlio import Document

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
# Any character but white space, format characters (zero-width spaces and joiners, marks of
# direction, BOM) and controls.
_VISIBLE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
SHORT_FIELDS = {"name", "label", "acronym", "title", "site_name", "abbr", "expansion", "role"}
SHORT_LIMIT = 200
LIMIT = 5_000


def check(doc: Document, languages: tuple[str, ...] | None, report: Report) -> None:
    """Report blank or over-long strings (RP117) and text in a language the portal does not
    have (RP116) anywhere in `doc`. A quick pass rules out the files with nothing to report,
    which are the rule; the others are walked again with the place of every value."""
    if not _suspect(doc.data, set(languages) if languages else None):
        return
    stack: list[tuple[object, tuple]] = [(doc.data, ())]
    while stack:
        value, at = stack.pop()
        if isinstance(value, dict):
            if languages and "en" in value and all(
                    isinstance(k, str) and LANGUAGE.match(k) for k in value):
                for key in sorted(set(value) - set(languages)):
                    line, column = doc.key_where(*at, key)
                    report.error("RP116", doc.path, line, column,
                                 f"text in '{key}', which is not one of the portal's languages "
                                 f"({', '.join(languages)})",
                                 hint="use one of these codes, or add the language to the "
                                      "portal")
            stack.extend((item, at + (key,)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, at + (i,)) for i, item in enumerate(value))
        elif isinstance(value, str):
            _string(doc, value, at, report)


def _suspect(data, languages: set | None) -> bool:
    """Whether `data` may hold something `check` reports."""
    stack = [(data, LIMIT)]
    while stack:
        value, limit = stack.pop()
        if type(value) is dict:
            if languages and "en" in value and not languages.issuperset(value):
                return True
            pairs = [(item, SHORT_LIMIT if key in SHORT_FIELDS else limit)
                     for key, item in value.items()]
        else:
            pairs = [(item, limit) for item in (value if type(value) is list else (value,))]
        for item, within in pairs:
            kind = type(item)
            if kind is str:
                if len(item) > within or item and not (
                        item[0].isalnum() or _VISIBLE.search(item)):
                    return True
            elif kind is dict or kind is list:
                stack.append((item, within))
    return False


def _string(doc: Document, value: str, at: tuple, report: Report) -> None:
    field = next((k for k in reversed(at) if isinstance(k, str) and not LANGUAGE.match(k)), "")
    limit = SHORT_LIMIT if field in SHORT_FIELDS else LIMIT
    if value and not _VISIBLE.search(value):
        line, column = doc.where(*at)
        report.error("RP117", doc.path, line, column,
                     f"'{field or 'value'}' holds no visible character", hint="write the text, "
                     "or remove the field (spaces and zero-width characters are not text)")
    elif len(value) > limit:
        line, column = doc.where(*at)
        report.error("RP117", doc.path, line, column,
                     f"'{field or 'value'}' is {len(value):,} characters long; the limit is "
                     f"{limit:,}", hint="shorten it; long explanations belong in a page")

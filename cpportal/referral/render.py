"""Safe rendering of data strings into generated Markdown pages, in the reader's language."""

from __future__ import annotations

import datetime as dt
import html

from babel import Locale
from babel.dates import format_date

from ..strings import t

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|~"})
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def esc(text) -> str:
    """Data text made inert for Markdown and HTML: `<script>` shows as text."""
    return html.escape(str(text), quote=False).translate(_MARKDOWN_SPECIAL)


def attr(text) -> str:
    """Data text for an HTML attribute or element inside a raw HTML block."""
    return html.escape(str(text), quote=True)


def text(value, lang: str) -> str:
    """A reader-facing text mapping in `lang`, falling back to English."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("en", "")
    return "" if value is None else str(value)


def date(value: str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(value), "d MMMM y", locale=lang)


def days(codes: list[str], lang: str) -> str:
    names = Locale.parse(lang).days["format"]["abbreviated"]
    return ", ".join(names[DAYS.index(c)] for c in sorted(codes, key=DAYS.index))


def hours(value: dict, lang: str) -> str:
    result = f"{days(value['days'], lang)} {value['open']}–{value['close']}"
    note = text(value.get("note"), lang)
    return f"{result} ({note})" if note else result


def eligibility(value: dict, lang: str) -> str:
    ages = t(lang, "ages", min=value["age_min"], max=value["age_max"])
    sexes = value.get("sexes")
    return ages + (", " + ", ".join(t(lang, f"sex_{s}") for s in sexes) if sexes else "")


def languages(codes: list[str], lang: str) -> str:
    return ", ".join(t(lang, f"lang_{c}") for c in codes)

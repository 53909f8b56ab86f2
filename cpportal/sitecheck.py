"""Checks of the built site as a whole: every internal link and anchor resolves, and nothing
that must stay out (records not published in this build, foreign e-mail addresses) is there."""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .content import Contacts, contact_details
from .diagnostics import Report

TEXT_SUFFIXES = {".html", ".json", ".xml", ".csv", ".txt", ".md"}  # not vendored scripts
# id="…" or name="…" after a space; found from the "=" (a literal the search skips to)
_ID = re.compile(r"=(?:(?<=\sid=)|(?<=\sname=))\"([^\"]+)\"")
_TARGET = re.compile(r"<(?:a|link|img|script|source)\s[^>]*?\b(?:href|src)=\"([^\"]*)\"")
_DOMAIN = re.compile(r"@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")  # after a _LOCAL character
_LOCAL = re.compile(r"[\w.+-]")
_WORD = re.compile(r"[\w-]")
_ARTICLE = re.compile(r"<article\b[^>]*>")
_ACTIVE_TAG = re.compile(r"<(?:script|iframe|frame|object|embed|applet|base|form)\b"
                         r"|<[a-z][^>]*\son[a-z]+\s*=", re.I)
_SCRIPT_LINK = re.compile(r"\b(?:href|src)\s*=\s*[\"']?\s*javascript:", re.I)
_JAVASCRIPT = re.compile("javascript:", re.I)  # tried first: _SCRIPT_LINK tries every position
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def check(site_dir: Path, contacts: Contacts, withheld_markers: set[str],
          report: Report) -> None:
    """Report broken internal links and anchors, and anything that must not be published."""
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                   if p.is_file())
    dirs = {"."}  # every folder that holds a file, at any depth
    for folder in {posixpath.dirname(f) for f in files}:
        while folder and folder not in dirs:
            dirs.add(folder)
            folder = posixpath.dirname(folder)
    texts = {f: (site_dir / f).read_text(encoding="utf-8", errors="replace") for f in files
             if posixpath.splitext(f)[1] in TEXT_SUFFIXES}
    pages = {f: text for f, text in texts.items() if f.endswith(".html")}
    known = set(files)
    ids = {path: {html.unescape(i) for i in _ID.findall(text)} for path, text in pages.items()}
    for path, text in pages.items():
        _active(site_dir / path, text, report)
        for raw in dict.fromkeys(_TARGET.findall(text)):
            _link(site_dir, path, raw, known, dirs, ids, report,
                  lambda raw=raw, text=text: _line_of(text, raw))
    _leaks(site_dir, texts, contacts, withheld_markers, report)


def _active(file: Path, text: str, report: Report) -> None:
    """A page's content (its article) may carry no script, frame, embed or event handler: the
    content check refuses them in Markdown; this catches what generated content lets in."""
    start = _ARTICLE.search(text)
    end = text.find("</article>", start.end()) if start else -1
    if end == -1:
        return
    article = text[start.end():end]
    matches = [m for m in (_ACTIVE_TAG.search(article),
                           _JAVASCRIPT.search(article) and _SCRIPT_LINK.search(article)) if m]
    if matches:
        found = min(matches, key=lambda m: m.start())
        offset = start.end() + found.start()
        report.error("ST105", file, text.count("\n", 0, offset) + 1, 0, f"the page's content "
                     f"holds active content: {found.group(0)[:40]!r}", hint="escape the text "
                     "that produces it (generated pages) or remove it from the Markdown")


def withheld_markers(records) -> set[str]:
    """Strings that identify records a build leaves out: ids, names, phone numbers, e-mails."""
    markers = set()
    for record in records:
        markers.add(record.id)
        name = record.get("name")
        markers.update(v for v in (name.values() if isinstance(name, dict) else ())
                       if isinstance(v, str))
    for _, value in contact_details(records):
        markers.update({value, value.replace(" ", "")})
    return {m for m in markers if m}


def _line_of(text: str, raw: str) -> int:
    """The line of the first link to `raw` (as written in the HTML) in `text`."""
    offset = next(m.start(1) for m in _TARGET.finditer(text) if m.group(1) == raw)
    return text.count("\n", 0, offset) + 1


@lru_cache(maxsize=8192)
def _parse(raw: str) -> tuple[str, str, str] | None:
    """A link as written in the HTML: the URL, its path and its fragment (both unquoted); None
    for an external or empty link. The same few thousand links recur on every page."""
    target = html.unescape(raw)
    if not target or _EXTERNAL.match(target):
        return None
    parts = urlsplit(target)
    return target, unquote(parts.path), unquote(parts.fragment)


def _link(site_dir: Path, page: str, raw: str, files: set[str], dirs: set[str],
          ids: dict[str, set[str]], report: Report, line) -> None:
    """Check one link of `page`, resolved against the site's `files` (and folders `dirs`,
    whose index.html a link to them opens); `line()` gives its line for a report."""
    parsed = _parse(raw)
    if parsed is None:
        return
    target, path, fragment = parsed
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/") or ".")
    elif path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    else:
        resolved = page  # a link within the page
    if resolved == ".." or resolved.startswith("../"):
        return  # a sibling version of a versioned site (the outdated-version banner)
    if resolved in dirs:
        resolved = posixpath.join(resolved, "index.html").removeprefix("./")
    if resolved not in files:
        report.error("ST101", site_dir / page, line(), 0, f"link to {target!r}, which the site "
                     "does not contain", hint="fix the link in the page's Markdown or the "
                     "data it is generated from")
    elif fragment and resolved in ids and fragment not in ids[resolved]:
        report.error("ST102", site_dir / page, line(), 0, f"link to {target!r}: {resolved} has no "
                     f"anchor #{fragment}", hint="link to a heading that exists")


def _leaks(site_dir: Path, texts: dict[str, str], contacts: Contacts, markers: set[str],
           report: Report) -> None:
    ordered = sorted(markers)
    for path, text in texts.items():
        file = site_dir / path
        for marker in ordered:
            found = _whole(text, marker) if marker in text else None
            if found is None:
                continue
            report.error("ST103", file, text.count("\n", 0, found) + 1, 0, f"holds "
                         f"{marker!r}, from a record this build does not publish",
                         hint="a template or generated page shows records it should have left "
                              "out; this build must not be published")
            break
        for match in _DOMAIN.finditer(text):
            if match.start() and _LOCAL.match(text[match.start() - 1]) \
                    and not contacts.allows(match.group(1)):
                local = re.search(r"[\w.+-]*$", text[max(0, match.start() - 64):match.start()])
                report.error("ST104", file, text.count("\n", 0, match.start()) + 1, 0,
                             f"holds the e-mail address {local.group(0)}{match.group(0)}, "
                             "outside the domains of the data",
                             hint="remove it from the page or data it comes from")
                break


def _whole(text: str, marker: str) -> int | None:
    """Offset of `marker` in `text` as a whole word (not part of a longer id), or None."""
    start = text.find(marker)
    while start != -1:
        end = start + len(marker)
        if not (start and _WORD.match(text[start - 1])) and not _WORD.match(text[end:end + 1]):
            return start
        start = text.find(marker, start + 1)
    return None

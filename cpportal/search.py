"""Per-language search indexes, written after the whole multilingual site is built.

Material's search plugin (through mkdocs-static-i18n) leaves one index of every language at
search/search_index.json, which every page view would fetch. This cuts it into each language's
small files (cpportal.search_index: search/<lang>.json and search/<lang>/), UTF-8, not \\u
escapes, for the portal's worker to fetch as a reader's queries need them, and leaves a stub
in place of the combined file.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html import escape as html_escape, unescape as html_unescape
from pathlib import Path

from . import search_index


def language_of(location: str, languages: list[str], default: str) -> str:
    head = location.split("/", 1)[0]
    return head if head in languages and head != default else default


def split_index(site_dir: Path, languages: list[str], default: str,
                synonyms: dict[str, list[list[str]]]) -> dict[str, int]:
    """Write each language's index files, with the groups of words in `synonyms` (by
    language); return the number of sections in each language."""
    folder = site_dir / "search"
    combined_path = folder / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in languages}
    for doc in combined["docs"]:
        docs[language_of(doc["location"], languages, default)].append(doc)
    for lang, entries in docs.items():
        for name, content in search_index.build(entries, lang, synonyms.get(lang, [])).items():
            out = folder / name
            out.parent.mkdir(exist_ok=True)
            out.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")),
                           encoding="utf-8")
    combined_path.write_text(json.dumps({"config": combined["config"], "docs": []}),
                             encoding="utf-8")
    return {lang: len(entries) for lang, entries in docs.items()}


# Sections of a page's HTML for the search index, as Material's search plugin makes them but
# with regular expressions instead of its pure-Python HTML parser (a sixth of a build's time).
_SKIPPED = re.compile(r"<(script|style|object)\b.*?</\1>"
                      r"|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S)
# and elements marked data-search-exclude: a branch tried at every tag, so only where one is
_SKIPPED_OR_EXCLUDED = re.compile(
    _SKIPPED.pattern + r"|<((?!h[1-6]\b)\w+)\b[^>]*\bdata-search-exclude\b[^>]*>.*?</\2>", re.S)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r"\bid=\"([^\"]*)\"")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_KEPT = r"(?:p|code|pre|li|ol|ul|sub|sup)\b"
_DROPPED_TAG = re.compile(rf"</?(?!{_KEPT})[a-zA-Z][^>]*>")
_KEPT_TAG = re.compile(rf"<(/?)({_KEPT})[^>]+>")  # with attributes (to drop)
_EMPTY = re.compile(rf"<({_KEPT})>\s*</\1>")
_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)#?\w+;")  # other entities become characters


@dataclasses.dataclass
class Section:
    """A heading's id (None for the page's first section), title and text, as HTML."""
    id: str | None
    title: str
    text: str
    excluded: bool = False


def _collapse(text: str) -> str:
    r"""Each run of whitespace as one space, as `re.sub(r"\s+", " ", text)` makes it, in a
    third of the time (str.split() splits at the characters that `\s` matches)."""
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + \
        (" " if text[-1].isspace() else "")


def _text(html: str) -> str:
    """Text with only the tags Material's index keeps (without attributes), whitespace
    collapsed outside <pre>, and characters escaped as Material escapes them."""
    parts = _PRE.split(html)
    parts[::2] = [_collapse(part) for part in parts[::2]]
    text = _KEPT_TAG.sub(r"<\1\2>", _DROPPED_TAG.sub("", "".join(parts)))
    while True:
        emptied = _EMPTY.sub("", text)
        if emptied == text:
            break
        text = emptied
    return _ENTITY.sub(lambda m: html_escape(html_unescape(m[0]), quote=False), text)


def sections(html: str) -> list[Section]:
    """The sections of a page: the text before its first heading and each heading with an id
    with the text up to the next. Sections under a heading marked data-search-exclude are
    left out, as are elements so marked and permalinks."""
    html = (_SKIPPED_OR_EXCLUDED if "data-search-exclude" in html else _SKIPPED).sub("", html)
    found: list[Section] = []
    current = Section(None, "", "")
    position = 0
    for match in _HEADING.finditer(html):
        ident = _ID.search(match[2])
        if ident is None:
            continue
        current.text += _text(html[position:match.start()])
        title = _text(match[3]).strip()
        if not found and current.id is None and not current.title and not current.text.strip() \
                and match[1] == "1":
            current.title = title  # the page's h1 heads its first section
        else:
            found.append(current)
            current = Section(ident[1], title, "", "data-search-exclude" in match[2])
        position = match.end()
    current.text += _text(html[position:])
    found.append(current)
    return [s for s in found if not s.excluded and (s.title or s.text.strip() or s.id)]

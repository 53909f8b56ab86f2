"""A language's search index in small files, so that a query fetches only what it needs.

From Material's index entries (one per section) for one language it makes:
- `<lang>.json`, the head (1-3 KB): the number of pages, the first term of each term chunk,
  the synonym groups, the Snowball stemmer to load (if any) and a version for the other files' URLs;
- `<lang>/t<i>.json`, the term chunks: terms in code point order, cut at about CHUNK bytes,
  each term with its postings by page (page number, as a gap from the previous, and weight);
- `<lang>/p<i>.json`, one per page: its location, title, the first EXCERPT characters of its
  text and its headings with their anchors, as plain text (the worker escapes it).
The worker (cpportal/theme/assets/javascripts/workers/portal-search.js) finds the chunk of
each query term by binary search of the chunks' first terms, and fetches the pages of the ten
best results. Postings are by page, not section, so that a term's list grows with the pages
that hold it, not with their sections: the worker finds the headings a query matches in the
page's file.
Weights are BM25's term-frequency part (k1 1.2, b 0.75) for the page's text, plus PAGE_TITLE
for a term of its title and HEADING for a term of its headings, times SCALE, rounded up; the
worker multiplies them by the inverse document frequency it reckons from the posting counts.
Synonyms: a page holding any phrase of a group also holds the group's term, `~<i>`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from html import unescape
from math import ceil

from .search_words import terms

CHUNK = 12_000
EXCERPT = 160
HEADING, PAGE_TITLE = 1, 4  # added to the weight of a term in a page's headings or title
K1, B, SCALE = 1.2, 0.75, 20
_TAG = re.compile(r"<[^>]*>")
STEMMERS = {"en": "english", "fr": "french"}  # of assets/javascripts/workers/snowball.js


def plain(html: str) -> str:
    """The text of an index entry's HTML, whitespace collapsed."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def synonym_groups(phrases: list[list[str]], lang: str) -> list[list[list[str]]]:
    """Each group of words for one concept as the terms of each of its phrases, without
    repeats; groups of fewer than two phrases are left out."""
    groups = []
    for group in phrases:
        seen: list[list[str]] = []
        for phrase in group:
            cut = terms(phrase, lang)
            if cut and cut not in seen:
                seen.append(cut)
        if len(seen) > 1:
            groups.append(seen)
    return groups


def _by_first_term(groups: list[list[list[str]]]) -> dict[str, list[tuple[list[str], str]]]:
    """Each phrase of the groups, with its group's term, under the phrase's first term."""
    starts: dict[str, list[tuple[list[str], str]]] = {}
    for number, group in enumerate(groups):
        for phrase in group:
            starts.setdefault(phrase[0], []).append((phrase, f"~{number}"))
    return starts


def _with_concepts(found: list[str], starts: dict[str, list[tuple[list[str], str]]]
                   ) -> list[str]:
    """The terms, and a group's term for each place a phrase of the group starts."""
    return found + [concept for i, term in enumerate(found) if term in starts
                    for phrase, concept in starts[term] if found[i:i + len(phrase)] == phrase]


def _chunks(postings: dict[str, list[int]]) -> list[dict[str, list[int]]]:
    chunks: list[dict[str, list[int]]] = [{}]
    size = 0
    for term in sorted(postings):
        cost = len(term.encode()) + 4 + sum(len(str(n)) + 1 for n in postings[term])
        if size + cost > CHUNK and chunks[-1]:
            chunks.append({})
            size = 0
        chunks[-1][term] = postings[term]
        size += cost
    return chunks


def build(docs: list[dict], lang: str, phrases: list[list[str]]) -> dict[str, object]:
    """The files of `lang`'s index (names relative to search/) from Material's entries."""
    groups = synonym_groups(phrases, lang)
    starts = _by_first_term(groups)
    pages: list[list] = []  # [location, title, excerpt, [[anchor, heading], ...]]
    found: list[tuple[Counter, set[str], set[str]]] = []  # text, title and heading terms
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        title, text = plain(doc["title"]), plain(doc["text"])
        if not pages or pages[-1][0] != page:
            pages.append([page, title, text[:EXCERPT], []])
            found.append((Counter(), set(_with_concepts(terms(title, lang), starts)), set()))
        elif title:
            pages[-1][3].append([anchor, title])
            found[-1][2].update(_with_concepts(terms(title, lang), starts))
        found[-1][0].update(_with_concepts(terms(text, lang), starts))
    average = sum(sum(counts.values()) for counts, _, _ in found) / max(len(found), 1)
    postings: dict[str, list[int]] = {}
    for number, (counts, title, headings) in enumerate(found):
        norm = K1 * (1 - B + B * sum(counts.values()) / average)
        for term in counts.keys() | title | headings:
            tf = counts.get(term, 0)
            weight = tf * (K1 + 1) / (tf + norm) + PAGE_TITLE * (term in title) \
                + HEADING * (term in headings)
            entry = postings.setdefault(term, [-1])  # [last page, gap, weight, ...]
            entry += [number - entry[0], ceil(SCALE * weight)]
            entry[0] = number
    chunks = _chunks({term: entry[1:] for term, entry in postings.items()})
    files: dict[str, object] = {f"{lang}/t{i}.json": chunk for i, chunk in enumerate(chunks)}
    files.update({f"{lang}/p{i}.json": page for i, page in enumerate(pages)})
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]
    files[f"{lang}.json"] = {
        "version": version, "stemmer": STEMMERS.get(lang), "pages": len(pages),
        "chunks": [""] + [next(iter(chunk)) for chunk in chunks[1:]], "synonyms": groups}
    return files

"""Python-Markdown's abbreviation extension, matching acronyms that end in a symbol (CPIMS+),
and marking each acronym at its first use in each section only.

The stock extension wraps its pattern in `\\b`, which never matches after a final `+`. It also
marks every use: a referral page of 46 marked acronyms spent a fifth of a second of a phone's
time setting up their tooltips (Lighthouse's total blocking time), and a dotted underline on
every other word is hard to read. A reader who lands in a section from search still finds the
expansion there, and the glossary lists them all.
"""

import re
from functools import lru_cache

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor


@lru_cache(maxsize=64)
def _pattern(keys: tuple[str, ...]) -> re.Pattern:
    """Any of `keys` as a whole word. Each starts with its first character, and only then looks
    behind it (`(?<!\\w)` before it would make the search try every position of the text)."""
    return re.compile("(?:" + "|".join(re.escape(key[0]) + r"(?<!\w[\s\S])" + re.escape(key[1:])
                                       for key in keys) + r")(?!\w)")


class _Treeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if self.abbrs:
            self.RE = _pattern(tuple(sorted(self.abbrs, key=len, reverse=True)))
            self.iter_element(root)

    def iter_element(self, el, parent=None):
        # The stock walk, but only into elements whose text (or tail) holds an acronym: the
        # texts joined by a space, so that each keeps its own word boundaries.
        if self.RE.search(" ".join(el.itertext())) or el.tail and self.RE.search(el.tail):
            super().iter_element(el, parent)


class _FirstUse(Treeprocessor):
    """Unwraps every `<abbr>` but the first of its acronym in each section (from one `<h2>` to
    the next)."""

    def run(self, root):
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for element in list(root.iter()):  # in the order of the text
            if element.tag == "h2":
                seen.clear()
            elif element.tag == "abbr":
                if element.text in seen:
                    _unwrap(parents[element], element)
                seen.add(element.text)


def _unwrap(parent, child) -> None:
    """Replace `child` with its text."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class Abbreviations(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(_Treeprocessor(md, self.abbrs), "abbr", 7)
        md.treeprocessors.register(_FirstUse(md), "abbr_first_use", 6)


def makeExtension(**kwargs):
    return Abbreviations(**kwargs)

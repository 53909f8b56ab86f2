"""Python-Markdown's abbreviation extension, matching acronyms that end in a symbol (CPIMS+).

The stock extension wraps its pattern in `\\b`, which never matches after a final `+`.
"""

import re
from functools import lru_cache

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


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


class Abbreviations(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(_Treeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):
    return Abbreviations(**kwargs)

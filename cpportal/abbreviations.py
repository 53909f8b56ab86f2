"""Python-Markdown's abbreviation extension, matching acronyms that end in a symbol (CPIMS+).

The stock extension wraps its pattern in `\\b`, which never matches after a final `+`.
"""

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


class _Treeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        keys = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
        self.iter_element(root)


class Abbreviations(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(_Treeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):
    return Abbreviations(**kwargs)

"""Python-Markdown's abbreviation extension, matching acronyms that end in a symbol (CPIMS+).

The stock extension wraps its pattern in `\\b`, which never matches after a final `+`.
"""

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


class _Treeprocessor(AbbrTreeprocessor):
    def run(self, root):
        text = "".join(root.itertext())
        keys = sorted((key for key in self.abbrs if key in text), key=len, reverse=True)
        if not keys:  # only the acronyms on this page: a smaller pattern, often none
            return
        self.RE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
        self.iter_element(root)


class Abbreviations(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(_Treeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):
    return Abbreviations(**kwargs)

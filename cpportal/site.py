"""What the portal adds to each page and to the built site, independent of MkDocs."""

from __future__ import annotations

from pathlib import Path

from . import glossary, identity, search
from .diagnostics import Report
from .strings import t


class Portal:
    """The portal's data, loaded once per build from `root` (the folder holding data/)."""

    def __init__(self, root: Path):
        self.root = root
        self.report = Report(root)
        data = root / "data"
        self.identity = identity.load(data, self.report)
        self.terms = glossary.load(data, self.report)

    def page_markdown(self, markdown: str, lang: str, meta: dict) -> str:
        """Append generated content a page asks for, and the glossary's abbreviations."""
        if meta.get("generated") == "glossary":
            markdown += "\n\n" + glossary.table(self.terms, lang, t(lang, "glossary_acronym"),
                                                t(lang, "glossary_meaning"))
        return markdown + "\n\n" + glossary.abbreviations(self.terms, lang) + "\n"

    def template_globals(self, lang: str) -> dict:
        """Values the theme templates read, in the language being built."""
        return {
            "lang": lang,
            "demo": self.identity.demo if self.identity else False,
            "demo_notice": t(lang, "demo_notice"),
        }

    def finish(self, site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
        """Work on the whole built site once every language is written."""
        return search.split_index(site_dir, languages, default)

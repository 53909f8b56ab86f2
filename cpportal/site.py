"""What the portal adds to each page and to the built site, independent of MkDocs."""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property, partial
from pathlib import Path

from babel import Locale

from . import (clock, codes, content, documents, downloads, glossary, identity, pdf, release,
               search, sitecheck, strings, termbase, translations)
from .diagnostics import Report
from .referral import exports, pages
from .referral.dataset import partners_build
from .strings import t
from .validation import validate_all


class Portal:
    """The portal's data, loaded and validated once per build from `root` (holding data/)."""

    def __init__(self, root: Path):
        self.root = root
        self.release = os.environ.get(release.RELEASE_VARIABLE) == "1"
        self.report = Report(root)
        self.today = clock.pin_build_date()
        data = root / "data"
        self.identity = identity.load(data, self.report)
        strings.override(self.identity.strings if self.identity else None)
        self.terms = glossary.load(data, self.report)
        # the validation below reports the termbase's problems
        self.concepts = termbase.load(data, Report(root))
        dataset, _ = validate_all(data, release=self.release, today=self.today,
                                  report=self.report)
        dataset = dataset.valid_only()  # pages are made only of records the schema accepts
        documents.check(root / "docs", self.report, self.today, self.release)
        self.dataset = dataset.for_audience()
        published = self.dataset.records["services"]
        withheld = [r for r in dataset.records["services"] if r not in published]
        self.contacts = content.contacts(
            published, withheld, self.identity.country if self.identity else "",
            self._email_domains(), self._support_emails())
        self.withheld = (sitecheck.withheld_markers(withheld)
                         - sitecheck.withheld_markers(published))
        content.check(root / "docs", self.contacts, self.report)

    def _email_domains(self) -> list[str] | None:
        return self.identity.email_domains if self.identity else None

    def _support_emails(self) -> tuple[str, ...]:
        email = self.identity.support.get("email") if self.identity else None
        return (email,) if email else ()

    @cached_property
    def fingerprint(self) -> str:
        """What the pages and files made from the data depend on: every data file, the date
        dates are judged on, and the audience."""
        digest = hashlib.sha256(f"{self.today} {partners_build()}".encode())
        for path in sorted((self.root / "data").rglob("*.yml")):
            digest.update(f"\0{path.relative_to(self.root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @property
    def demo(self) -> bool:
        return bool(self.identity and self.identity.demo)

    @cached_property
    def static_files(self) -> dict[str, str]:
        """Generated files the site serves, by path: downloads, and a release's manifest.
        The same for every language, so made once per build."""
        files = {f"downloads/{name}": content
                 for name, content in exports.render(self.dataset, self.demo).items()}
        if self.release:
            files["release.json"] = json.dumps(release.manifest(self.root / "docs"), indent=1)
        return files

    def generated_pages(self, lang: str) -> dict[str, str]:
        """Generated Markdown pages for `lang`, keyed by path inside the language folder."""
        if not self.dataset.records["locations"]:
            return {}
        return pages.generate(self.dataset, lang, self.identity.text("site_name", lang))

    def page_markdown(self, markdown: str, lang: str, meta: dict) -> str:
        """Append generated content a page asks for."""
        generated = meta.get("generated")
        if generated == "glossary":
            markdown += "\n\n" + glossary.table(self.terms, lang, t(lang, "glossary_acronym"),
                                                t(lang, "glossary_meaning"))
        elif generated == "referral-index" and self.dataset.records["locations"]:
            markdown += "\n\n" + pages.index_section(self.dataset, lang)
        elif generated == "translation-status":
            markdown += "\n\n" + self._translation_status(lang)
        elif generated == "error-codes":
            markdown += "\n\n" + codes.table()
        elif generated == "downloads":
            markdown += "\n\n" + downloads.MARKER  # the list of files, filled in by finish()
        return markdown

    def _translation_status(self, lang: str) -> str:
        others = list(self._translations)
        shown = others if lang == "en" else [lang]
        rows = [f"| {t(lang, 'ts_language')} | {t(lang, 'ts_current')} | "
                f"{t(lang, 'ts_outdated')} | {t(lang, 'ts_missing')} |", "|---|---|---|---|"]
        lists = []
        for code, state in self._translations.items():
            name = Locale.parse(code).get_display_name(lang)
            rows.append(f"| {name} | " + " | ".join(
                f"{len(part)} ({state.percent(part):.0f} %)"
                for part in (state.current, state.outdated, state.missing)) + " |")
            if code in shown:
                lists += ["", f"## {t(lang, 'ts_pages', language=name)}", ""]
                pages = [(p, "ts_outdated") for p in state.outdated] + \
                        [(p, "ts_missing") for p in state.missing]
                lists += [f"- `{p}`: {t(lang, key)}" for p, key in pages] or [t(lang, "ts_none")]
        return "\n".join(rows + lists) + "\n"

    @cached_property
    def _translations(self) -> dict[str, translations.Status]:
        """How far the pages of each other language follow English (once per build)."""
        docs = self.root / "docs"
        return {p.name: translations.status(docs, p.name) for p in sorted(docs.iterdir())
                if p.is_dir() and p.name != "en"}

    def abbreviations(self, lang: str) -> dict[str, str]:
        """The glossary's acronyms and their expansions in `lang`."""
        return glossary.abbreviations(self.terms, lang)

    def status_names(self, lang: str) -> dict[str, str]:
        """Document statuses as readers name them (tooltips of the navigation's status icons)."""
        return {status: t(lang, f"doc_status_{status}") for status in documents.STATUSES}

    def template_globals(self, lang: str) -> dict:
        """Values the theme templates read, in the language being built."""
        bodies = self.identity.bodies if self.identity else {}
        return {"lang": lang, "demo": self.demo, "demo_notice": t(lang, "demo_notice"),
                "old_version": t(lang, "old_version"), "go_latest": t(lang, "go_latest"),
                "document": partial(documents.describe, lang=lang, today=self.today,
                                    bodies=bodies)}

    def translation_notice(self, page: str, lang: str, fallback: bool) -> dict | None:
        """The notice a translated (or untranslated) page shows, in the reader's language."""
        kind = translations.notice(self.root / "docs", page, lang, fallback)
        if kind is None:
            return None
        return {"kind": kind, "text": t(lang, f"translation_{kind}"),
                "link_text": t(lang, "translation_read_english")}

    def finish(self, site_dir: Path, languages: list[str], default: str, check: bool = True
               ) -> tuple[dict[str, int], Report]:
        """Work on the whole built site once every language is written: search indexes, then
        downloads; then, if `check`, check it all (links and anchors, nothing withheld from
        this build). Returns counts of the downloads made (for the build log) and the problems
        found."""
        search.split_index(site_dir, languages, default,
                           {lang: termbase.word_groups(self.concepts, self.terms, lang)
                            for lang in languages})
        site = downloads.Site(self.root, site_dir, languages, default,
                              {lang: self.identity.text("site_name", lang) if self.identity
                               else "" for lang in languages},
                              self.identity.bodies if self.identity else {}, self.demo,
                              self.root / pdf.CACHE)
        made = downloads.build(site, with_files=pdf.enabled())
        problems = Report(site_dir)
        if check:
            sitecheck.check(site_dir, self.contacts, self.withheld, problems)
        return made, problems

"""While `mkdocs serve` runs: a page whose Markdown and surroundings did not change since the
last build reuses that build's HTML instead of converting its Markdown again, and the theme's
templates are compiled once, not at every rebuild of every language.

A conversion is reused only when everything it reads is the same: the page's Markdown (after
the portal's additions), its place in the site, the Markdown extensions and their settings
(the glossary among them), link validation settings and the list of files links can point to.
A conversion that logged a warning is never reused, so a broken link is reported on every save.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import jinja2

_CHECKED_LOGGER = logging.getLogger("mkdocs")


@dataclass(frozen=True)
class _Rendered:
    content: str
    toc: object
    title: str | None
    anchors: frozenset
    links_to_anchors: dict | None  # by the linked file's src_uri


class ServeCache:
    """Markdown conversions of the current and the previous build, by what they depend on,
    and compiled templates (Jinja's own cache, which checks each template's source)."""

    def __init__(self):
        self.templates = jinja2.FileSystemBytecodeCache()
        self._previous: dict[str, _Rendered] = {}
        self._current: dict[str, _Rendered] = {}
        self._settings = ""

    def new_build(self) -> None:
        """Start a rebuild: keep only the conversions of the last build for reuse."""
        self._previous, self._current = self._current or self._previous, {}

    def surroundings(self, config, files) -> None:
        """Record what every page's conversion depends on besides its own Markdown."""
        self._settings = repr((config["markdown_extensions"], config["mdx_configs"],
                               config["validation"], config["use_directory_urls"],
                               [(f.src_uri, f.dest_uri) for f in files]))

    def wrap(self, page) -> None:
        """Make `page.render` reuse an earlier conversion of the same input, if there is one."""
        convert = page.render

        def render(config, files):
            key = hashlib.sha256("\0".join((self._settings, page.file.src_uri,
                                            page.file.dest_uri, page.markdown)).encode()
                                 ).hexdigest()
            done = self._current.get(key) or self._previous.get(key)
            if done is None:
                done = self._convert(page, convert, config, files)
            else:
                page.content, page.toc, page._title_from_render = done.content, done.toc, done.title
                page.present_anchor_ids = set(done.anchors)
                if done.links_to_anchors is not None:
                    page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                             for src, links in done.links_to_anchors.items()}
            if done is not None:
                self._current[key] = done

        page.render = render

    @staticmethod
    def _convert(page, convert, config, files) -> _Rendered | None:
        counter = _WarningCounter()
        _CHECKED_LOGGER.addHandler(counter)
        try:
            convert(config, files)
        finally:
            _CHECKED_LOGGER.removeHandler(counter)
        if counter.count:
            return None
        links = page.links_to_anchors
        return _Rendered(page.content, page.toc, page._title_from_render,
                         frozenset(page.present_anchor_ids or ()),
                         None if links is None else
                         {file.src_uri: dict(found) for file, found in links.items()})


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1

"""While `mkdocs serve` runs, a save rebuilds only what it changed: a page whose Markdown and
surroundings are unchanged reuses the last build's conversion, a page whose template inputs
are unchanged reuses its last output, and the theme's files are listed again only when a file
was added to or removed from it.

A conversion is reused only when everything it reads is the same: the page's Markdown (after
the portal's additions), its place in the site, the Markdown extensions and their settings
(the glossary among them), link validation settings and the list of files links can point to.
A conversion that logged a warning is never reused, so a broken link is reported on every save.
A page's output is reused only when its content, title, metadata and template context are the
same, and so are the navigation (every title and link), the settings, the portal's template
values and every template file.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass

from . import search

_CHECKED_LOGGER = logging.getLogger("mkdocs")


@dataclass(frozen=True)
class _Rendered:
    content: str
    toc: object
    title: str | None
    anchors: frozenset
    links_to_anchors: dict | None  # by the linked file's src_uri


class ServeCache:
    """Markdown conversions, search sections and page outputs of the current and the previous
    build, by what they depend on."""

    def __init__(self):
        self.nav = None  # the navigation of the language being built
        self._previous: dict[str, object] = {}
        self._current: dict[str, object] = {}
        self._settings = ""
        self._site = ""

    def new_build(self) -> None:
        """Start a rebuild: keep only what the last build made for reuse."""
        self._previous, self._current = self._current or self._previous, {}

    def _recall(self, key: str):
        """What this or the last build made for `key` (kept for the next build), or None."""
        found = self._current.get(key) or self._previous.get(key)
        return self._keep(key, found)

    def _keep(self, key: str, made):
        if made is not None:
            self._current[key] = made
        return made

    def made(self, what: str, make, *inputs):
        """What `make()` returned for `what` from the same `inputs` last time (made again if
        they differ)."""
        key = _digest("made", what, *inputs)
        return self._recall(key) or self._keep(key, make())

    def theme_listing(self, theme) -> None:
        """Make the theme's Jinja environments list the theme's files once for each state of
        its folders (Material's holds some ten thousand icons, listed three times a build):
        a file added or removed under a folder changes that folder's modification time."""
        get_env = theme.get_env
        folders = []  # their state, looked at once a build

        def env():
            made = get_env()
            listing = made.list_templates

            def list_templates(extensions=None, filter_func=None):
                folders[:] = folders or _folders(theme.dirs)
                key = _digest("listing", repr(folders), repr(extensions),
                              repr(getattr(filter_func, "__code__", filter_func)),
                              repr(theme.static_templates))
                return self._recall(key) or self._keep(key, listing(extensions, filter_func))

            made.list_templates = list_templates
            return made

        theme.get_env = env

    def surroundings(self, config, files) -> None:
        """Record what every page's conversion depends on besides its own Markdown."""
        self._settings = repr((config["markdown_extensions"], config["mdx_configs"],
                               config["validation"], config["use_directory_urls"],
                               [(f.src_uri, f.dest_uri) for f in files]))

    def wrap(self, page) -> None:
        """Make `page.render` reuse an earlier conversion of the same input, if there is one."""
        convert = page.render

        def render(config, files):
            key = _digest("markdown", self._settings, page.file.src_uri, page.file.dest_uri,
                          page.markdown)
            done = self._recall(key)
            if done is None:
                self._keep(key, self._convert(page, convert, config, files))
            else:
                page.content, page.toc, page._title_from_render = done.content, done.toc, done.title
                page.present_anchor_ids = set(done.anchors)
                if done.links_to_anchors is not None:
                    page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                             for src, links in done.links_to_anchors.items()}

        page.render = render

    def sections(self, content: str) -> list:
        """A page's search sections (cpportal.search.sections), cut again only if it changed."""
        key = _digest("sections", content)
        return self._recall(key) or self._keep(key, search.sections(content))

    def reuse_templates(self, env, config, portal_values: str) -> None:
        """Make the page templates of `env` reuse their last output for unchanged inputs.
        What every page shows besides itself is recorded here:
        the navigation (`self.nav`, whose titles are known by now), the settings, the portal's
        template values and the template files."""
        settings = {k: v for k, v in config.items() if k not in ("plugins", "site_dir")}
        plugins = {name: dict(getattr(plugin, "config", {}))
                   for name, plugin in config.plugins.items()}
        self._site = repr((_navigation(self.nav.items), settings, plugins, portal_values,
                           _template_files(config.theme.dirs)))
        get_template = env.get_template

        def reusing(name, parent=None, globals=None):
            template = get_template(name, parent, globals)
            return template if parent is not None else _Reusing(template, self)

        env.get_template = reusing

    def render(self, template, context) -> str:
        page = context.get("page")
        if page is None:
            return template.render(context)
        others = {k: v for k, v in context.items() if k not in _CONTEXT_READ_ELSEWHERE}
        key = _digest("page", self._site, template.name, page.url, page.title, page.content,
                      repr(page.meta), page.canonical_url, page.edit_url, page.file.src_uri,
                      repr(getattr(context["config"].extra, "alternate", None)),
                      repr(sorted(others.items())))
        return self._recall(key) or self._keep(key, template.render(context))

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


# Read by key (page, config, nav) or unused by any template (pages, the build's clock time).
_CONTEXT_READ_ELSEWHERE = {"page", "config", "nav", "pages", "build_date_utc"}


class _Reusing:
    """A page template whose `render` goes through the cache."""

    def __init__(self, template, cache: ServeCache):
        self._template, self._cache = template, cache

    def render(self, context) -> str:
        return self._cache.render(self._template, context)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def _navigation(items) -> list:
    return [(type(item).__name__, item.title, getattr(item, "url", None),
             repr(getattr(item, "meta", None)), _navigation(item.children or []))
            for item in items]


def _folders(dirs) -> list:
    """Every folder under `dirs`, with its modification time."""
    return [(folder, os.stat(folder).st_mtime_ns) for top in dirs
            for folder, _, _ in os.walk(top)]


def _template_files(dirs) -> list:
    """Every template of the theme, with its modification time (icons excepted)."""
    found = []
    for top in dirs:
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            found += [(os.path.join(folder, n), os.stat(os.path.join(folder, n)).st_mtime_ns)
                      for n in sorted(names) if n.endswith((".html", ".xml"))]
    return found


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1

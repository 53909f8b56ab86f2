"""MkDocs hooks: adapt the cpportal package to the build; no logic of their own.

Every portal's hooks/portal.py star-imports this module, so a portal scaffolded by
`python -m cpportal new` runs the same hooks and theme as this one. The theme (cpportal/theme/)
is added behind the portal's own custom_dir, if it has one."""

import weakref
from functools import partial
from pathlib import Path

import material
from jinja2 import BytecodeCache
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from cpportal import preview
from cpportal.clock import ClockError
from cpportal.pdf import PrintError
from cpportal.search import sections
from cpportal.serve_cache import ServeCache
from cpportal.site import Portal

log = get_plugin_logger("cpportal")
_portal: Portal | None = None
_built: weakref.ref | None = None  # the config of the build _portal was made for
_SCRIPTS = Path(material.__file__).parent / "templates/assets/javascripts"
THEME = Path(__file__).resolve().parent / "theme"
_serve_cache: ServeCache | None = None  # only while `mkdocs serve` runs
_problems: list = []  # while `mkdocs serve` runs: the errors of the data it could not use


def on_startup(command, dirty):
    global _serve_cache
    _serve_cache = ServeCache() if command == "serve" else None


def on_serve(server, config, builder):
    for path in preview.watched(Path(config.config_file_path).parent, THEME):
        server.watch(str(path))
    return server


def _lang(config) -> str:
    return config.theme["language"]


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the language
def on_config(config):
    global _portal, _built, _problems
    if _built is None or _built() is not config:  # a new build (`mkdocs serve` reloads)
        _built = weakref.ref(config)
        _use_theme(config.theme)
        if _serve_cache:
            _serve_cache.new_build()
            _serve_cache.theme_listing(config.theme)
        try:
            portal = Portal(Path(config.config_file_path).parent)
        except ClockError as error:
            raise PluginError(str(error)) from None
        report = portal.report
        if report.errors and _serve_cache and _portal:  # a preview keeps the last good data
            _problems = report.errors
            preview.report(_problems)
        elif report.errors:
            raise PluginError("the data has errors; nothing was built:\n"
                              + "\n".join(d.format() for d in report.errors + report.warnings))
        else:
            if report.warnings:
                log.info("%d data warning(s); run `python -m cpportal validate` to list them",
                         len(report.warnings))
            _portal, _problems = portal, []
    lang = _lang(config)
    if _portal.identity:
        config.site_name = _portal.identity.text("site_name", lang)
        config.site_description = _portal.identity.text("description", lang)
    config.extra["status"] = _portal.status_names(lang)  # Material's navigation status icons
    config.mdx_configs["cpportal.abbreviations"] = {"glossary": _portal.abbreviations(lang)}
    search = config.plugins["material/search"]
    search.search_index = _SearchIndex(**search.config)
    return config


class _SearchIndex(SearchIndex):
    """Material's search index, with pages cut into sections by cpportal.search.sections."""

    def add_entry_from_context(self, page):
        if (page.meta.get("search") or {}).get("exclude"):
            return
        cut = _serve_cache.sections if _serve_cache else sections
        for section in cut(page.content):
            self.create_entry_for_section(section, page.toc, page.url, page)


def _use_theme(theme) -> None:
    """Put the portal theme before Material's, unless the portal's custom_dir is that theme."""
    dirs = [Path(d).resolve() for d in theme.dirs]
    if THEME not in dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME))


@event_priority(-110)  # after the i18n plugin has sorted files by language
def on_files(files, config):
    lang = _lang(config)
    i18n = config.plugins["i18n"]
    generated = partial(_portal.generated_pages, lang)
    made = _serve_cache.made("generated pages", generated, _portal.fingerprint, lang) \
        if _serve_cache else generated()
    for path, markdown in made.items():
        file = File.generated(config, f"{lang}/{path}", content=markdown,
                              inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = _dest(path, lang, i18n.default_language)
        file.alternates = {other: _Link(_dest(path, other, i18n.default_language))
                           for other in i18n.build_languages}
        files.append(file)
    for path, content in _portal.static_files.items():
        files.append(File.generated(config, path, content=content))
    if _serve_cache:
        _serve_cache.surroundings(config, files)
    return files


class _Link:
    """The URL of a generated page in another language (for the language switcher)."""

    def __init__(self, dest_uri: str):
        self.url = dest_uri[: -len("index.html")]


def _dest(path: str, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{path[:-3]}/index.html"


def on_page_markdown(markdown, page, config, files):
    if _serve_cache:
        _serve_cache.wrap(page)
    return _portal.page_markdown(markdown, _lang(config), page.meta)


@event_priority(-110)  # the navigation as the i18n plugin leaves it
def on_nav(nav, config, files):
    if _serve_cache:
        _serve_cache.nav = nav
    return nav


class _Compiled(BytecodeCache):
    """Templates compiled once: each language's build (and each `mkdocs serve` rebuild) makes
    a new Jinja environment, which would compile them all again. Jinja checks each template's
    source before reusing it."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def on_env(env, config, files):
    env.bytecode_cache = _COMPILED
    bundle = next(_SCRIPTS.glob("bundle.*.min.js")).name
    env.globals["portal"] = {**_portal.template_globals(_lang(config)),
                             "bundle": f"assets/javascripts/{bundle}",
                             "problems": preview.banner(_problems, _lang(config))}
    if _serve_cache:
        _serve_cache.reuse_templates(env, config, repr(env.globals["portal"]))
    return env


def on_page_context(context, page, config, nav):
    # Language switcher: the same page in each language, as a relative link (the i18n plugin
    # leaves absolute links on home pages, which break under a version prefix or file://).
    # The plugin assigns config.extra.alternate as an attribute, which templates read first.
    alternates = getattr(page.file, "alternates", {})
    for alternate in getattr(config.extra, "alternate", None) or []:
        if alternate["lang"] in alternates:
            alternate["link"] = alternates[alternate["lang"]].url or "./"
    i18n = config.plugins["i18n"]
    if getattr(page.file, "norm_src_uri", None) and i18n.default_language in alternates:
        notice = _portal.translation_notice(page.file.norm_src_uri, _lang(config),
                                            fallback=page.file.locale != _lang(config))
        if notice:
            notice["english"] = alternates[i18n.default_language].url or "./"
        context["portal_translation"] = notice
    return context


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    try:
        # The whole-site check guards what is published (`make build`, releases, CI); a
        # preview skips it, for a quicker reload after each save.
        made, problems = _portal.finish(Path(config.site_dir), i18n.build_languages,
                                        i18n.default_language, check=_serve_cache is None)
    except PrintError as error:
        raise PluginError(str(error)) from None
    if problems.errors:
        raise PluginError("the built site failed its checks; do not publish it:\n"
                          + "\n".join(d.format() for d in problems.errors))
    log.info("downloads: %(files)d files listed, %(printed)d PDFs printed (others cached)", made)

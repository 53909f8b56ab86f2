"""`python -m cpportal new`: a complete portal for another coordination group, from its name,
acronym, country and languages. The new portal runs this package as its MkDocs plugin
(`cpportal`: hooks, theme, schemas) and pins it as a requirement, so it holds no copy that
drifts and names no path of the machine that made it."""

from __future__ import annotations

from pathlib import Path

import material
import phonenumbers
import yaml
from babel import Locale, UnknownLocaleError

from . import __version__, clock
from .documents import stamp
from .referral.checks import example_number
from .strings import SOURCE, t

TEMPLATES = Path(__file__).parent / "templates" / "new"
ENGINE = f"cpportal=={__version__}"  # the requirement a new portal pins by default
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"

# Sections of the navigation: (string key of the title, folder, generated content of its
# index page, string key of its first paragraph).
SECTIONS = [
    ("nav_coordination", "coordination", None, "new_section_intro"),
    ("nav_terms_of_reference", "terms-of-reference", None, "new_section_intro"),
    ("nav_sops", "sops", None, "new_section_intro"),
    ("nav_referral", "referral", "referral-index", "new_referral_intro"),
    ("nav_mainstreaming", "mainstreaming", None, "new_section_intro"),
    ("nav_training", "training", None, "new_section_intro"),
    ("nav_resources", "resources", None, "new_section_intro"),
    ("nav_about", "about", None, "new_section_intro"),
]
# Further pages: (path, string key of the title, generated content, first paragraph).
PAGES = [
    ("terms-of-reference/group.md", "new_tor_title", None, "new_section_intro"),
    ("resources/glossary.md", "glossary_title", "glossary", "glossary_intro"),
    ("resources/downloads.md", "new_downloads_title", "downloads", "new_downloads_intro"),
    ("about/translation-status.md", "new_translation_status_title", "translation-status",
     "new_translation_status_intro"),
    ("about/error-codes.md", "new_error_codes_title", "error-codes", "new_error_codes_intro"),
]
GUIDANCE = {"status": "draft", "endorsed_by": "", "endorsed_on": "", "review_due": "",
            "doc_version": "0.1"}  # front matter of a guidance document not yet endorsed


class ScaffoldError(Exception):
    """The request cannot make a portal (a bad language or country, a folder in use)."""


def create(dest: Path, *, group: str, acronym: str, country: str, languages: list[str],
           colour: str = "indigo", engine: str = ENGINE) -> None:
    """Write a new portal into `dest` (which must not exist or be empty); its requirements.txt
    pins `engine` (a version, a wheel's URL or a VCS URL)."""
    _check(dest, country, languages)
    values = {"group": group, "acronym": acronym}
    dest.mkdir(parents=True, exist_ok=True)
    _write(dest / "mkdocs.yml", _mkdocs_yml(values, languages, colour))
    _docs(dest / "docs", values, languages)
    _data(dest / "data", values, country, languages)
    for template in sorted(TEMPLATES.iterdir()):
        text = template.read_text(encoding="utf-8")
        for name, value in {"GROUP": group, "ACRONYM": acronym, "COUNTRY": country,
                            "LANGUAGES": ", ".join(languages), "ENGINE": engine,
                            "LANGUAGE_CODES": " ".join(languages[1:])}.items():
            text = text.replace(f"@{name}@", value)
        _write(dest / template.name.replace("dot-", ".").replace("--", "/"), text)
    (dest / ".ci" / "run").chmod(0o755)


def _check(dest: Path, country: str, languages: list[str]) -> None:
    if dest.exists() and any(dest.iterdir()):
        raise ScaffoldError("the folder is not empty; give a new folder")
    if not languages or languages[0] != SOURCE:
        raise ScaffoldError(f"the languages must start with {SOURCE} (English is the source "
                            "every translation is checked against)")
    for lang in languages:
        try:
            Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            raise ScaffoldError(f"'{lang}' is not a language code (use ISO 639-1, e.g. fr)")
        if not (MATERIAL_LANGUAGES / f"{lang}.html").exists():
            raise ScaffoldError(f"Material for MkDocs has no translation for '{lang}'")
    if country not in phonenumbers.SUPPORTED_REGIONS:
        raise ScaffoldError(f"'{country}' is not an ISO 3166 country code (e.g. UG)")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def language_name(lang: str) -> str:
    """A language's name as its speakers write it (Français, العربية)."""
    name = Locale.parse(lang).get_display_name(lang)
    return name[:1].upper() + name[1:]


def _mkdocs_yml(values: dict, languages: list[str], colour: str) -> str:
    entries = []
    for lang in languages:
        entry = {"locale": lang, "name": language_name(lang), "build": True}
        if lang == SOURCE:
            entry["default"] = True
        else:
            entry["nav_translations"] = {t(SOURCE, key): t(lang, key)
                                         for key in ["nav_home"] + [s[0] for s in SECTIONS]}
        entries.append(entry)
    i18n = yaml.safe_dump([{"i18n": {"docs_structure": "folder", "reconfigure_search": False,
                                     "languages": entries}}],
                          allow_unicode=True, sort_keys=False, indent=2)
    nav = [f"  - {t(SOURCE, 'nav_home')}: index.md"]
    for key, folder, _, _ in SECTIONS:
        nav += [f"  - {t(SOURCE, key)}:", f"      - {folder}/index.md"]
        nav += [f"      - {page[0]}" for page in PAGES if page[0].startswith(folder + "/")]
    return (TEMPLATES.parent / "mkdocs.yml").read_text(encoding="utf-8") \
        .replace("@SITE_NAME@", t(SOURCE, "new_site_name", **values)) \
        .replace("@COPYRIGHT@", values["group"]) \
        .replace("@COLOUR@", colour) \
        .replace("@I18N@", "\n".join("  " + line for line in i18n.strip().splitlines())) \
        .replace("@NAV@", "\n".join(nav))


def _docs(docs: Path, values: dict, languages: list[str]) -> None:
    pages = [("index.md", "new_site_name", None, "new_home_intro")]
    pages += [(f"{folder}/index.md", key, generated, intro)
              for key, folder, generated, intro in SECTIONS]
    pages += PAGES
    for lang in languages:
        for path, title, generated, intro in pages:
            meta = {"generated": generated} if generated else {}
            if path == "terms-of-reference/group.md":
                meta = {**GUIDANCE, "owner": t(SOURCE, "new_coordination_team", **values)}
            front = ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
                     + "---\n\n") if meta else ""
            _write(docs / lang / path, f"{front}# {t(lang, title, **values)}\n\n"
                                       f"{t(lang, intro, **values)}\n")
            if lang != SOURCE:
                stamp(docs / lang / path, docs / SOURCE / path)


def _data(data: Path, values: dict, country: str, languages: list[str]) -> None:
    def text(key: str) -> dict:
        return {lang: t(lang, key, **values) for lang in languages}

    team = t(SOURCE, "new_coordination_team", **values)
    identity = {
        "acronym": values["acronym"], "name": {SOURCE: values["group"]},
        "site_name": text("new_site_name"), "description": text("new_description"),
        "country": country,
        "support": {"role": text("new_im_officer"), "email": "im@example.org"},
        "demo": True,
        # kinds of place in referral/locations.yml; services cover the served ones
        "location_types": {"settlement": {"served": True}, "camp": {"served": True},
                           "district": {}},
        "bodies": {team: {lang: t(lang, "new_coordination_team", **values)
                          for lang in languages if lang != SOURCE}},
    }
    files = {
        "portal.yml": ("portal", identity),
        "glossary.yml": ("glossary", {"terms": [{
            "abbr": values["acronym"], "expansion": {SOURCE: values["group"]}}]}),
        "referral/locations.yml": ("locations", {"locations": [{
            "id": "example-settlement", "name": {SOURCE: "Example settlement"},
            "type": "settlement", "pcode": f"{country}-EX01"}]}),
        "referral/organizations.yml": ("organizations", {"organizations": [{
            "id": "example-ngo", "name": {SOURCE: "Example NGO"}, "acronym": "ENGO",
            "type": "NNGO"}]}),
        "referral/concerns.yml": ("concerns", {"concerns": [{
            "id": "unaccompanied-separated",
            "label": {SOURCE: "Unaccompanied or separated child"}, "urgency": "high",
            "immediate_actions": {SOURCE: [
                "Keep the child in a safe place with a trusted adult.",
                "Call the case management focal point the same day."]}}]}),
        "referral/service-types.yml": ("service-types", {"service_types": [{
            "id": "case-management", "label": {SOURCE: "Case management"}}]}),
        "referral/services/example-settlement.yml": ("services", {"services": [{
            "id": "example-ngo-cm", "organization": "example-ngo",
            "service_type": "case-management", "concerns": ["unaccompanied-separated"],
            "locations": ["example-settlement"],
            "name": {SOURCE: "Case management – Example settlement"},
            "eligibility": {"age_min": 0, "age_max": 17},
            "referral": {"methods": ["phone", "in_person"]},
            "hours": {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00",
                      "close": "17:00"},
            "contact": {"role": {SOURCE: "Case management focal point"},
                        "phone": example_number(country), "email": "case-management@example.org"},
            "status": "active", "visibility": "public",
            "last_verified": clock.today().isoformat(), "verified_by": "IM officer",
            "review_every_days": 90}]}),
        "referral/pathways.yml": ("pathways", {"pathways": [{
            "concern": "unaccompanied-separated", "steps": [{
                "label": {SOURCE: "Refer to case management"},
                "service_types": ["case-management"]}]}]}),
    }
    for path, (schema, content) in files.items():
        depth = "../" * (path.count("/") + 1)  # .schema/ links to the package's (`make install`)
        _write(data / path, f"# yaml-language-server: $schema={depth}.schema/{schema}.schema.json\n"
                            "# DEMONSTRATION DATA (demo: true in portal.yml): replace it with "
                            "your own.\n"
                            + yaml.safe_dump(content, allow_unicode=True, sort_keys=False,
                                             width=100))

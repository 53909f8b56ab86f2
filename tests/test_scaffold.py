"""`python -m cpportal new`: two portals for other groups (Uganda in en+fr; a global one in
en+fr+ar), scaffolded into temp folders and built strictly through their own Makefile."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, serve
import cpportal
from cpportal import cli
from test_browser import search

PORTALS = {
    "uganda": ["--group", "Child Protection Sub-Working Group", "--acronym", "CPSWG",
               "--country", "UG", "--languages", "en,fr"],
    "global": ["--group", "Child Protection Area of Responsibility", "--acronym", "CP AoR",
               "--country", "CH", "--languages", "en,fr,ar", "--colour", "teal"],
}


def make(portal: Path, target: str) -> subprocess.CompletedProcess:
    """Run the portal's own Makefile with this test run's environment (no second install)."""
    return subprocess.run(["make", "-C", str(portal), target, f"VENV={sys.prefix}",
                           "-o", f"{sys.prefix}/.installed"], capture_output=True, text=True)


@pytest.fixture(scope="module")
def portals(tmp_path_factory) -> dict[str, Path]:
    made = {}
    for name, options in PORTALS.items():
        folder = tmp_path_factory.mktemp("new") / name
        assert cli.main(["new", str(folder), *options]) == 0
        result = make(folder, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 error(s)" in result.stdout  # `make build` validates the data first
        made[name] = folder
    return made


def html(portal: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((portal / "site" / url / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def test_the_new_portal_runs_this_package_as_its_plugin_not_a_copy(portals):
    for portal in portals.values():
        assert not list(portal.rglob("*.py")) and not (portal / "data/schema").exists()
        assert "  - cpportal" in (portal / "mkdocs.yml").read_text()
        assert (portal / "site/assets/stylesheets/portal.css").read_bytes() == \
            (ROOT / "cpportal/theme/assets/stylesheets/portal.css").read_bytes()


def test_the_new_portal_pins_the_engine_and_names_no_path_of_this_machine(portals):
    for portal in portals.values():
        assert (portal / "requirements.txt").read_text().splitlines()[-1] == \
            f"cpportal=={cpportal.__version__}"
        for path in portal.rglob("*"):
            if path.is_file() and not {"site", ".cache"} & set(path.relative_to(portal).parts):
                text = path.read_text(encoding="utf-8")
                for place in (str(ROOT), sys.prefix, str(Path.home()), str(portal)):
                    assert place not in text, (path, place)


@pytest.mark.parametrize("name, lang, prefix, title, nav", [
    ("uganda", "en", "", "CPSWG guidance portal", "Training"),
    ("uganda", "fr", "fr/", "Portail d'orientation du CPSWG", "Formation"),
    ("global", "ar", "ar/", "بوابة إرشادات CP AoR", "التدريب"),
])
def test_every_language_has_its_pages_title_and_navigation(portals, name, lang, prefix, title,
                                                           nav):
    page = html(portals[name], prefix)
    assert page.html["lang"] == lang
    assert page.h1.text.strip().rstrip("¶") == title
    assert nav in [a.text.strip() for a in page.select(".md-tabs__link")]
    assert "portal-demo" in str(page)  # demonstration data is labelled
    referral = html(portals[name], prefix + "referral/locations/example-settlement/")
    assert referral.select(".portal-pathway")


def test_places_are_the_group_s_own(portals, tmp_path, capsys):
    """Location types come from data/portal.yml (a settlement is served here), and generated
    pages speak of locations, not of Cox's Bazar's camps."""
    coverage = html(portals["uganda"], "referral/coverage/")
    assert coverage.h1.get_text(strip=True).rstrip("¶") == "Service coverage across locations"
    assert "Example settlement" in coverage.get_text()
    data = tmp_path / "data"
    shutil.copytree(portals["uganda"] / "data", data)
    locations = data / "referral/locations.yml"
    locations.write_text(locations.read_text().replace("type: settlement", "type: upazila"))
    assert cli.main(["--root", str(portals["uganda"]), "validate", "--data", str(data)]) == 1
    assert "RP102 [example-settlement]: location type 'upazila' is not one of settlement, " \
           "camp, district" in capsys.readouterr().out


def test_arabic_pages_are_right_to_left_and_others_left_to_right(portals):
    site = portals["global"] / "site"
    arabic = sorted((site / "ar").rglob("index.html"))
    assert len(arabic) > 10
    for path in arabic:
        assert BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").body["dir"] == "rtl"
    for url in ("", "fr/"):
        assert html(portals["global"], url).body["dir"] == "ltr"
    assert "Noto Sans Arabic" in (site / "assets/stylesheets/fonts.css").read_text()
    assert (site / "assets/fonts/noto-sans-arabic-arabic-400-normal.woff2").exists()


def test_phone_numbers_are_checked_for_the_portal_s_country(portals, tmp_path, capsys):
    services = html(portals["uganda"], "referral/locations/example-settlement/").text
    assert "+256" in services
    assert "+41" in html(portals["global"], "referral/locations/example-settlement/").text
    portal = tmp_path / "moved"
    subprocess.run(["cp", "-r", str(portals["uganda"]), str(portal)], check=True)
    identity = portal / "data/portal.yml"
    identity.write_text(identity.read_text().replace("country: UG", "country: KE"))
    assert cli.main(["--root", str(portal), "validate"]) == 1
    assert "RP107" in capsys.readouterr().out


@pytest.mark.parametrize("name, start, query, expected", [
    ("uganda", "fr/", "redaction", "fr/coordination/"),  # no accent; the page says rédaction
    ("global", "ar/", "التدريب", "ar/training/"),
])
def test_search_finds_a_word_in_the_readers_language(portals, page, name, start, query,
                                                     expected):
    server, base_url = serve(portals[name] / "site")
    try:
        results = search(page, base_url, start, query)
    finally:
        server.shutdown()
    assert expected in results, results
    assert all(r.startswith(start) for r in results)


@pytest.mark.parametrize("options, message", [
    (["--languages", "fr,en"], "must start with en"),
    (["--languages", "en,xx"], "not a language code"),
    (["--country", "ZZ"], "not an ISO 3166 country code"),
])
def test_bad_requests_are_refused_with_a_reason(tmp_path, capsys, options, message):
    base = {"--group": "G", "--acronym": "G", "--country": "UG", "--languages": "en"}
    base.update(dict(zip(options[::2], options[1::2])))
    args = [item for pair in base.items() for item in pair]
    assert cli.main(["new", str(tmp_path / "p"), *args]) == 1
    assert message in capsys.readouterr().out
    assert not (tmp_path / "p").exists()


def test_a_folder_in_use_is_refused(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert cli.main(["new", str(tmp_path), "--group", "G", "--acronym", "G",
                     "--country", "UG"]) == 1
    assert "not empty" in capsys.readouterr().out

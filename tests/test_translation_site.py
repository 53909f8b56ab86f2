"""Readers are told when a page is untranslated or its translation is out of date."""

from __future__ import annotations

from urllib.parse import urljoin

from conftest import build_site, copy_project
from helpers import soup, url_of

CHANGED = "sops/alternative-care.md"
REMOVED = "sops/aor-helpdesk-request.md"


def test_outdated_and_missing_translations_carry_a_notice(tmp_path):
    project = copy_project(tmp_path / "project")
    english = project / "docs/en" / CHANGED
    english.write_text(english.read_text(encoding="utf-8") + "\nA new step.\n", encoding="utf-8")
    (project / "docs/bn" / REMOVED).unlink()
    site = tmp_path / "site"
    result = build_site(site, project)
    assert result.returncode == 0, result.stdout + result.stderr

    for lang in ("bn", "fr"):
        page = soup(site, url_of(CHANGED, lang))
        notice = page.select_one(".portal-translation--outdated")
        assert notice is not None, lang
        link = notice.select_one("a[hreflang=en]")
        assert urljoin("http://x/" + url_of(CHANGED, lang), link["href"]) == \
            "http://x/" + url_of(CHANGED, "en")
    assert "পুরোনো" in soup(site, url_of(CHANGED, "bn")).select_one(".portal-translation").text

    missing = soup(site, url_of(REMOVED, "bn"))
    assert missing.html["lang"] == "bn"
    assert "অনুবাদ হয়নি" in missing.select_one(".portal-translation--missing").get_text()
    assert soup(site, url_of(REMOVED, "fr")).select_one(".portal-translation") is None
    assert soup(site, url_of(CHANGED, "en")).select_one(".portal-translation") is None

    status = soup(site, url_of("about/translation-status.md", "bn")).select_one("article")
    items = [li.get_text() for li in status.select("li")]
    assert f"{CHANGED}: পুরোনো" in items and f"{REMOVED}: অনুপস্থিত" in items
    bengali_row = status.select("table tr")[1].get_text(" ", strip=True)
    assert "1 (1 %)" in bengali_row  # one outdated and one missing page out of 67

"""Accessibility: axe-core finds no serious or critical violation on the main kinds of page in
every language, and the keyboard reaches search and the language switcher."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
PAGES = {
    "home": "",
    "referral location": "referral/locations/camp-1e/",
    "tip sheet": "mainstreaming/health/",
    "training module": "training/cpims-case-workers/",
}
PREFIX = {"en": "", "bn": "bn/", "fr": "fr/"}


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_or_critical_violations(page, base_url, lang, kind):
    assert AXE.exists(), "run `make test` (it installs axe-core with npm ci)"
    page.goto(base_url + PREFIX[lang] + PAGES[kind])
    assert _violations(page) == []


def test_axe_reports_what_it_should(page, base_url):
    """The check itself: an image without text and unreadable contrast are found."""
    page.goto(base_url + PAGES["tip sheet"])
    page.evaluate("""() => {
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend',
            '<a href="#"><img src="x.png"></a><p style="color:#eee;background:#fff">faint</p>');
    }""")
    found = " ".join(_violations(page))
    assert "image-alt" in found and "color-contrast" in found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_search_and_language_switcher(page, base_url, lang):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + PREFIX[lang] + PAGES["tip sheet"])
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""() => {
            const e = document.activeElement;
            if (e.matches('input.md-search__input')) return 'search';
            if (e.closest('.md-select')) return 'languages';
            return '';
        }"""))
        if {"search", "languages"} <= reached:
            break
    assert {"search", "languages"} <= reached
    # Enter on the focused switcher shows the languages, and the keyboard can pick one
    page.goto(base_url + PREFIX[lang] + PAGES["tip sheet"])
    page.focus(".md-select button, .md-select .md-header__button")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.md-select__list') !== null")
    assert focused, "the list of languages is not reachable from its button by keyboard"

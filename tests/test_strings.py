"""The portal's own strings: every language the package ships is complete, and
`python -m cpportal strings` lists what a new language still lacks."""

from __future__ import annotations

import pytest

from cpportal import cli, strings


@pytest.mark.parametrize("lang", sorted(p.stem for p in strings.LOCALES.glob("*.yml")))
def test_every_shipped_language_has_every_string(lang):
    assert strings.gaps(lang) == {}


def test_the_check_lists_what_a_new_language_lacks(capsys):
    assert cli.main(["strings", "--lang", "sw"]) == 1
    out = capsys.readouterr().out
    assert "sw.yml: demo_notice: missing" in out
    assert f"sw: 0 of {len(strings.table('en'))} strings translated" in out
    assert cli.main(["strings", "--lang", "ar"]) == 0


def test_the_check_finds_fields_that_differ_from_english(tmp_path, monkeypatch):
    (tmp_path / "en.yml").write_text('card_title: "Referral card: {name}"\nold: "Old"\n')
    (tmp_path / "xx.yml").write_text('card_title: "Carte : {nom}"\n')
    monkeypatch.setattr(strings, "LOCALES", tmp_path)
    strings.table.cache_clear()
    try:
        assert strings.gaps("xx") == {"card_title": "fields differ from English: {name}",
                                      "old": "missing"}
    finally:
        strings.table.cache_clear()

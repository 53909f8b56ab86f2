"""The words of search: Python (index) and JavaScript (query) cut the same text into the
same terms, on every word of the portal's pages and on the cases field staff type."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from cpportal.search_index import STEMMERS
from cpportal.search_words import WORD, fold, terms

ROOT = Path(__file__).resolve().parent.parent
WORKERS = ROOT / "cpportal/theme/assets/javascripts/workers"
# Node runs the browser's code: Snowball's stemmers, then search-words.js.
NODE = """
const words = require(process.argv[1] + "/search-words.js")
const snowball = require(process.argv[1] + "/snowball.js")
const { texts: input, stemmers } = JSON.parse(require("fs").readFileSync(0, "utf8"))
const out = {}
for (const [lang, texts] of Object.entries(input)) {
  const stem = words.stemmer(lang, snowball, stemmers[lang])
  out[lang] = texts.map(text => words.terms(text, lang, stem))
}
process.stdout.write(JSON.stringify(out))
"""


def browser_terms(texts: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    done = subprocess.run(["node", "-e", NODE, str(WORKERS)],
                          input=json.dumps({"texts": texts, "stemmers": STEMMERS}),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _page_words(lang: str) -> list[str]:
    words: set[str] = set()
    for path in (ROOT / "docs" / lang).rglob("*.md"):
        words.update(WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(words)


def test_every_word_of_the_pages_gives_the_same_terms_in_python_and_javascript():
    texts = {lang: _page_words(lang) for lang in ("en", "bn", "fr")}
    texts["bn"] += [unicodedata.normalize("NFD", w) for w in texts["bn"][:500]]
    assert all(len(words) > 1000 for words in texts.values())
    got = browser_terms(texts)
    for lang, words in texts.items():
        differ = [(w, terms(w, lang), js) for w, js in zip(words, got[lang])
                  if terms(w, lang) != js]
        assert differ == [], differ[:10]


@pytest.mark.parametrize("lang, inflected, plain", [
    ("bn", "পাচারের", "পাচার"),          # genitive -এর
    ("bn", "শিশুর", "শিশু"),             # genitive -র
    ("bn", "শিশুকে", "শিশু"),            # objective -কে
    ("bn", "শিশুদের", "শিশু"),           # plural genitive -দের
    ("bn", "শিশুরা", "শিশু"),            # plural -রা
    ("bn", "শিশুগুলো", "শিশু"),          # plural -গুলো
    ("bn", "শিশুটি", "শিশু"),            # definite -টি
    ("bn", "ফর্মটা", "ফর্ম"),            # definite -টা
    ("bn", "ক্যাম্পে", "ক্যাম্প"),        # locative -এ
    ("bn", "বাড়িতে", "বাড়ি"),           # locative -তে
    ("bn", "শিক্ষায়", "শিক্ষা"),         # locative -য়
    ("bn", "পরিবারগুলোর", "পরিবার"),     # plural and genitive
    ("bn", "ক্যাম্প ২৬", "ক্যাম্প 26"),   # Bengali digits are Latin digits
    ("en", "trafficked", "trafficking"),
    ("en", "referrals", "referral"),
    ("en", "drowned", "drowning"),
    ("fr", "l'enfant", "enfants"),      # elision and plural
    ("fr", "l’enfant", "enfant"),       # with a typographic apostrophe
    ("fr", "d'âge", "age"),             # elision and accent
    ("fr", "signalés", "signaler"),
])
def test_inflected_forms_give_the_terms_of_the_plain_word(lang, inflected, plain):
    assert terms(inflected, lang) == terms(plain, lang)
    assert browser_terms({lang: [inflected]})[lang][0] == terms(plain, lang)


def test_the_stem_keeps_two_letters_and_strips_at_most_two_endings():
    assert terms("কে", "bn") == ["কে"]          # the word "who" is not an ending
    assert terms("তারা", "bn") == ["তা"] == terms("তার", "bn")
    assert len(terms("টিকেটগুলোরকে", "bn")[0]) >= 2


def test_folding_matches_precomposed_and_decomposed_bengali_and_unaccented_french():
    composed = "সহায়তা".replace("\u09af\u09bc", "\u09df")
    assert fold(composed) == fold(unicodedata.normalize("NFD", composed))
    assert terms("santé", "fr") == terms("sante", "fr")


def test_the_vendored_stemmers_are_snowball_stemmers_own_lines():
    """snowball.js is the runtime, English and French of the pinned npm package, unchanged
    (the line ranges its header names)."""
    source = (ROOT / "node_modules/snowball-stemmers/snowball-stemmers.js").read_text(
        encoding="utf-8").splitlines(keepends=True)
    vendored = (WORKERS / "snowball.js").read_text(encoding="utf-8")
    for first, last in ((1, 20), (23, 948), (5849, 7048), (8055, 9362)):
        assert "".join(source[first - 1:last]) in vendored, (first, last)

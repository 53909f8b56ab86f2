"""The words of search: how the index and the reader's query cut text into terms.

cpportal/theme/assets/javascripts/workers/search-words.js does the same in the browser, step
for step; tests/test_search_words.py runs both on the same words. A term is a word folded
(Unicode normalisation, Latin accents removed, lower case, Bengali digits as Latin digits),
French elision removed (l'enfant: enfant), then stemmed: Snowball for English and French
(snowballstemmer 2.2.0, the same algorithms as the vendored snowball-stemmers 0.6.0), a light
rule-based stemmer for Bengali.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer


def _word_class() -> str:
    """A regex class of the letters, marks and digits of the Basic Multilingual Plane
    (JavaScript's [\\p{L}\\p{M}\\p{N}], there)."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code))[0] in "LMN":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                   for a, b in ranges)


_W = _word_class()
# a word, with apostrophes inside it (l'enfant, child's)
WORD = re.compile(f"[{_W}]+(?:'[{_W}]+)*")
_ACCENT = re.compile("[\u0300-\u036f]")
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯’", "0123456789'")
_ELISION = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])'")


def fold(text: str) -> str:
    """Normalised (precomposed and decomposed alike), Latin accents removed, lower case,
    Bengali digits as Latin digits, typographic apostrophes as '."""
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", _ACCENT.sub("", text)).lower().translate(_DIGITS)


# Bengali case, plural and definite endings, longest first, folded as words are (য় is then
# য + nukta). A word loses at most two, and keeps at least two letters.
_BENGALI_ENDINGS = tuple(sorted({fold(s) for s in (
    "গুলোতে", "গুলোকে", "গুলোর", "গুলো", "গুলিতে", "গুলির", "গুলি", "দেরকে", "দের",
    "েরা", "রা", "টিতে", "টির", "টিকে", "টি", "টাতে", "টার", "টাকে", "টা",
    "কে", "েতে", "তে", "য়ে", "য়", "ের", "এর", "র", "ে")}, key=len, reverse=True))


def bengali_stem(word: str) -> str:
    for _ in range(2):
        for ending in _BENGALI_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                word = word[:-len(ending)]
                break
        else:
            break
    return word


@lru_cache(maxsize=None)
def stemmer(lang: str):
    """The function that stems a folded word of `lang` (unchanged for other languages)."""
    if lang == "bn":
        return lru_cache(maxsize=None)(bengali_stem)
    name = {"en": "english", "fr": "french"}.get(lang)
    return lru_cache(maxsize=None)(snowballstemmer.stemmer(name).stemWord) if name \
        else lambda word: word


def terms(text: str, lang: str) -> list[str]:
    """The terms of `text` in `lang`, in order."""
    words = WORD.findall(fold(text))
    if lang == "fr":
        words = [_ELISION.sub("", word) if "'" in word else word for word in words]
    return list(map(stemmer(lang), words))

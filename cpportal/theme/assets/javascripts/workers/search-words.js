/*
 * The words of search, in the browser: the query is cut into terms exactly as
 * cpportal/search_words.py cut the pages when the index was built (fold, French elision,
 * stemming; tests/test_search_words.py runs both on the same words). Snowball's stemmers
 * (snowball.js) are loaded beside this where the language has one.
 */
var portalWords = (function () {
  const WORD = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu
  const ELISION = /^(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])'/
  const DIGITS = "০১২৩৪৫৬৭৮৯"

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .toLowerCase()
      .replace(/[০-৯’]/g, c => c === "’" ? "'" : String(DIGITS.indexOf(c)))
  }

  const BENGALI_ENDINGS = [...new Set([
    "গুলোতে", "গুলোকে", "গুলোর", "গুলো", "গুলিতে", "গুলির", "গুলি", "দেরকে", "দের",
    "েরা", "রা", "টিতে", "টির", "টিকে", "টি", "টাতে", "টার", "টাকে", "টা",
    "কে", "েতে", "তে", "য়ে", "য়", "ের", "এর", "র", "ে"].map(fold))]
    .sort((a, b) => b.length - a.length)

  function bengaliStem(word) {
    for (let i = 0; i < 2; i++) {
      const ending = BENGALI_ENDINGS.find(e => word.endsWith(e) && word.length - e.length >= 2)
      if (!ending) break
      word = word.slice(0, -ending.length)
    }
    return word
  }

  /* The stemmer of `lang`: Bengali's, Snowball's `algorithm` from `factory`, or none. */
  function stemmer(lang, factory, algorithm) {
    if (lang === "bn") return bengaliStem
    if (!factory || !algorithm) return word => word
    const snowball = factory.newStemmer(algorithm)
    const cache = new Map()
    return word => {
      if (!cache.has(word)) cache.set(word, snowball.stem(word))
      return cache.get(word)
    }
  }

  /* The terms of `text`, with the stemmer `stem` of `lang`. */
  function terms(text, lang, stem) {
    return (fold(text).match(WORD) || [])
      .map(word => stem(lang === "fr" ? word.replace(ELISION, "") : word))
  }

  return { fold, bengaliStem, stemmer, terms }
})()

if (typeof module !== "undefined") module.exports = portalWords

/*
 * Search worker of the portal: answers Material's search box from the reader's language's
 * index (cpportal/search_index.py), fetching only what a query needs, and nothing before the
 * first query:
 *  - the head, search/<lang>.json, the words of search and Snowball's stemmers (first query
 *    only; Bengali needs no Snowball);
 *  - the term chunks holding the query's terms (binary search of the chunks' first terms);
 *  - the pages of the best ten results, for their titles and excerpts.
 * A query is cut into terms as the pages were (search-words.js). A term also matches terms
 * it begins (the word being typed); and in a word of 5 letters or more, terms one edit away
 * (two from 8 letters), and terms the word itself begins with at most one edit (a stem the
 * stemmer did not reach: children, child), within its chunk; the words of a concept in the
 * termbase match each other.
 * Pages are ranked by BM25 over the query's terms, with pages holding every term first; a
 * result shows the page's title and excerpt, and its headings that hold a query term.
 * Query string: lang=<code>. In the offline copy (file://) it runs in a frame instead (see
 * ../portal-offline.js), which gives its own URL as self.workerUrl and every index file in
 * self.portalFiles, with the stemmer and the words already loaded.
 */
const here = new URL(self.workerUrl || self.location.href)
const lang = here.searchParams.get("lang")
const searchUrl = new URL("../../../search/", here)

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SHOWN = 10              // pages of results (Material shows ten before scrolling)
const PREFIX = 0.7, TYPO = 0.5  // weights of a term's other forms against itself

let head = null
let stem = null
const loaded = new Map()

function load(name) {
  if (self.portalFiles) return Promise.resolve(self.portalFiles[name])
  if (!loaded.has(name)) {
    const url = new URL(name, searchUrl)
    if (head) url.searchParams.set("v", head.version)
    loaded.set(name, fetch(url).then(r => r.json()))
  }
  return loaded.get(name)
}

async function start() {
  if (!head) {
    const first = await load(`${lang}.json`)
    if (!self.portalFiles)
      importScripts(...["search-words.js", first.stemmer && "snowball.js"].filter(Boolean)
        .map(name => new URL(name, here).href))
    stem = portalWords.stemmer(lang, self.snowballFactory, first.stemmer)
    head = first
  }
}

/* The chunk number of `term`: the last chunk whose first term is not after it. */
function chunkOf(term) {
  let low = 0, high = head.chunks.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (head.chunks[mid] <= term) low = mid
    else high = mid - 1
  }
  return low
}

/* Edit distance of a and b if at most `limit` (adjacent swaps count one), else limit + 1. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before = null, row = [...Array(b.length + 1).keys()]
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        next[j] = Math.min(next[j], before[j - 2] + 1)
    }
    if (Math.min(...next) > limit) return limit + 1
    before = row
    row = next
  }
  return row[b.length]
}

/* Whether `other` is one typo from `term`, or two if `term` has 8 letters or more. */
function typo(term, other) {
  const limit = term.length >= 8 ? 2 : 1
  return distance(term, other, limit) <= limit
}

/* The query as clauses: each a word the reader typed, and the terms that stand for it with
   their weights. A phrase of the termbase is one clause, its concept's term. */
function clauses(query) {
  const words = query.match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu) || []
  const terms = words.map(word => portalWords.terms(word, lang, stem)[0] || "")
  const out = []
  for (let i = 0; i < terms.length; i++) {
    let concept = null
    head.synonyms.forEach((group, number) => group.forEach(phrase => {
      if ((!concept || phrase.length > concept.size) &&
          phrase.every((term, k) => terms[i + k] === term))
        concept = { size: phrase.length, term: `~${number}` }
    }))
    if (concept) {
      out.push({ word: words.slice(i, i + concept.size).join(" "), exact: concept.term,
                 typos: false, prefix: false })
      i += concept.size - 1
    } else if (terms[i]) {
      const folded = portalWords.fold(words[i])
      out.push({ word: words[i], exact: terms[i], prefix: i === terms.length - 1,
                 typos: folded.length >= 5, folded })
    }
  }
  return out
}

/* The terms of a clause that the index holds, with their weights and postings. */
async function matches(clause) {
  const found = new Map()
  const term = clause.exact
  const first = chunkOf(term)
  const last = clause.prefix ? Math.min(chunkOf(term + "\uffff"), first + 1) : first
  for (let c = first; c <= last; c++) {
    const chunk = await load(`${lang}/t${c}.json`)
    for (const [other, postings] of Object.entries(chunk)) {
      let weight = other === term ? 1 : clause.prefix && other.startsWith(term) ? PREFIX : 0
      if (!weight && clause.typos && c === first && (typo(term, other) ||
          other.length >= 4 && distance(clause.folded.slice(0, other.length), other, 1) <= 1))
        weight = TYPO
      if (weight) found.set(other, { weight, postings })
    }
  }
  return found
}

/* The pages matching the query, best first: those holding every clause, then fewer; by the
   sum of each clause's best term's BM25 score, times the share of clauses held. */
async function rank(parts) {
  const pages = new Map()
  const found = await Promise.all(parts.map(matches))
  found.forEach((terms, index) => {
    for (const [term, { weight, postings }] of terms) {
      const count = postings.length / 2
      const idf = Math.log(1 + (head.pages - count + 0.5) / (count + 0.5))
      let page = -1
      for (let k = 0; k < postings.length; k += 2) {
        page += postings[k]
        if (!pages.has(page))
          pages.set(page, { clauses: new Array(parts.length).fill(0), terms: new Set() })
        const entry = pages.get(page)
        entry.clauses[index] = Math.max(entry.clauses[index], weight * idf * postings[k + 1])
        entry.terms.add(term)
      }
    }
  })
  return [...pages].map(([page, entry]) => {
    const matched = entry.clauses.filter(Boolean).length
    return { page, entry, matched,
             score: entry.clauses.reduce((a, b) => a + b, 0) * matched / parts.length }
  }).sort((a, b) => b.matched - a.matched || b.score - a.score || a.page - b.page)
}

function escape(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Text as HTML, escaped, with the words whose terms matched in <mark>. */
function highlight(text, matched) {
  let out = "", position = 0
  for (const found of text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu)) {
    const word = escape(found[0])
    out += escape(text.slice(position, found.index)) +
      (portalWords.terms(found[0], lang, stem).some(t => matched.has(t))
        ? `<mark>${word}</mark>` : word)
    position = found.index + found[0].length
  }
  return out + escape(text.slice(position))
}

/* Material's result for a page: the page, then its headings holding a matched term. */
function item([location, title, excerpt, headings], { entry, score }, parts) {
  const terms = Object.fromEntries(parts.map((part, k) => [part.word, !!entry.clauses[k]]))
  const matching = headings.filter(([, heading]) =>
    portalWords.terms(heading, lang, stem).some(term => entry.terms.has(term)))
  return [{ location, title: highlight(title, entry.terms),
            text: highlight(excerpt, entry.terms), score, terms },
          ...matching.map(([anchor, heading], k) => ({
            location: `${location}#${anchor}`, title: highlight(heading, entry.terms),
            text: "", score: k ? score / 2 : score, terms }))]
}

async function search(query) {
  await start()
  const parts = clauses(query)
  const shown = (await rank(parts)).slice(0, SHOWN)
  const files = await Promise.all(shown.map(({ page }) => load(`${lang}/p${page}.json`)))
  return { items: shown.map((result, k) => item(files[k], result, parts)) }
}

let queue = Promise.resolve()
addEventListener("message", ev => {
  const message = ev.data
  queue = queue.then(async () => {
    if (message.type === SETUP) {
      postMessage({ type: READY })
    } else if (message.type === QUERY) {
      // Material asks with an empty query as the page loads: answer it without the index.
      const query = message.data.trim()
      postMessage({ type: RESULT, data: query ? await search(query) : { items: [] } })
    }
  })
})

/*
 * Search worker of the portal. It wraps Material for MkDocs' own search worker
 * (lunr) and changes three things:
 *  - the index of the reader's language only (search/<lang>.json), fetched on
 *    the first query, not on page load;
 *  - every indexed token and every query is folded the same way: Unicode
 *    normalisation (so precomposed and decomposed Bengali match), accents
 *    removed from Latin letters (so "sante" finds "santé"), punctuation trimmed
 *    with Unicode-aware rules (lunr's own trimmers strip Bengali letters);
 *  - Material's messages and results are otherwise untouched.
 * Query string: lang=<code>&engine=<file name of Material's worker>.
 * In the offline copy (file://) it runs in a frame instead (see ../portal-offline.js), which
 * gives its own URL as self.workerUrl and the index as self.portalIndex.
 */
const here = new URL(self.workerUrl || self.location.href)
const params = here.searchParams
const indexUrl = new URL(`../../../search/${params.get("lang")}.json`, here)
const engineUrl = new URL(params.get("engine"), here)

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

function normalise(value) {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
}

function fold(token) {
  return normalise(token).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "")
}

let options = { suggest: false }
let engine = null

/* Load Material's worker and capture its message handler instead of letting it listen. */
function loadEngine() {
  let listener = null
  const add = self.addEventListener
  self.addEventListener = (type, fn) => {
    if (type === "message") listener = fn
    else add.call(self, type, fn)
  }
  try {
    importScripts(engineUrl.href)
  } finally {
    self.addEventListener = add
  }
  const run = self.lunr.Pipeline.prototype.run
  self.lunr.Pipeline.prototype.run = function (tokens) {
    return run.call(this, tokens
      .map(token => token.update(fold))
      .filter(token => token.toString().length > 0))
  }
  const post = self.postMessage
  return message => new Promise(resolve => {
    self.postMessage = reply => {
      self.postMessage = post
      resolve(reply)
    }
    listener({ data: message })
  })
}

async function ready() {
  if (!engine) {
    const call = loadEngine()
    const index = self.portalIndex || await (await fetch(indexUrl)).json()
    await call({ type: SETUP, data: { ...index, options } })
    engine = call
  }
  return engine
}

let queue = Promise.resolve()
addEventListener("message", ev => {
  const message = ev.data
  queue = queue.then(async () => {
    if (message.type === SETUP) {
      options = message.data.options || options
      postMessage({ type: READY })
    } else if (message.type === QUERY) {
      // Material asks with an empty query as the page loads: answer it without the index,
      // which is fetched when the reader first types.
      if (!engine && !message.data.trim()) {
        postMessage({ type: RESULT, data: { items: [] } })
        return
      }
      const call = await ready()
      postMessage(await call({ type: QUERY, data: normalise(message.data) }))
    }
  })
})

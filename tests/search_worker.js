// Runs the portal's search worker in node on a folder laid out as a built site, as Material's
// page would: `node search_worker.js SITE LANG` reads queries (JSON list) on stdin and prints
// each answer's items (JSON list). fetch() reads the site's files and records their names.
const fs = require("fs"), path = require("path"), vm = require("vm")
const [site, lang] = process.argv.slice(2)
const workers = path.join(site, "assets/javascripts/workers")
const fetched = []
const scope = {
  URL, console, setTimeout,
  location: { href: `${require("url").pathToFileURL(workers).href}/portal-search.js?lang=${lang}` },
  fetch: async url => {
    fetched.push(new URL(url).pathname.slice(path.resolve(site).length + 1))
    return { json: async () => JSON.parse(fs.readFileSync(new URL(url).pathname, "utf8")) }
  },
  listeners: [], replies: []
}
scope.self = scope
scope.addEventListener = (type, fn) => scope.listeners.push(fn)
scope.postMessage = message => scope.replies.push(message)
scope.importScripts = (...urls) => urls.forEach(url =>
  vm.runInContext(fs.readFileSync(new URL(url).pathname, "utf8"), scope))
vm.createContext(scope)
vm.runInContext(fs.readFileSync(path.join(workers, "portal-search.js"), "utf8"), scope)

;(async () => {
  const answers = []
  for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
    scope.listeners[0]({ data: { type: 2, data: query } })
    while (!scope.replies.length) await new Promise(resolve => setTimeout(resolve, 1))
    answers.push(scope.replies.shift().data.items)
  }
  process.stdout.write(JSON.stringify({ answers, fetched }))
})()

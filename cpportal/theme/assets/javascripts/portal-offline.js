/*
 * The offline copy of the portal, opened from file://: Chromium starts no Worker from a file,
 * so the search worker runs in a hidden frame of the page instead, with its scripts loaded
 * through <script> tags (which file:// allows) and its index from search/<lang>.js.
 * Only the offline copy loads this script (cpportal/offline.py adds it to every page).
 */
(function () {
  if (location.protocol !== "file:") return

  class FrameWorker extends EventTarget {
    constructor(url) {
      super()
      const here = new URL(url, location.href)
      const frame = document.createElement("iframe")
      frame.hidden = true
      document.body.appendChild(frame)
      this.scope = frame.contentWindow
      this.scope.workerUrl = here.href
      this.scope.postMessage = data => setTimeout(() =>
        this.dispatchEvent(new MessageEvent("message", { data })))
      const lang = here.searchParams.get("lang")
      const scripts = [
        new URL(here.searchParams.get("engine"), here),
        new URL(`../../../search/${lang}.js`, here),
        here
      ]
      /* Listeners Material's engine registers while it loads are handed out again when the
         portal's worker "imports" the engine (importScripts cannot run in a page). */
      const bootstrap = `
        const engineListeners = [], add = self.addEventListener.bind(self)
        self.addEventListener = (type, fn) => type === "message" ? engineListeners.push(fn) : add(type, fn)`
      const replay = `
        self.addEventListener = add
        self.importScripts = () => engineListeners.forEach(fn => self.addEventListener("message", fn))`
      const doc = frame.contentDocument
      doc.open()
      doc.write(`<script>${bootstrap}<\/script>` +
        `<script src="${scripts[0].href}"><\/script>` +
        `<script>${replay}<\/script>` +
        scripts.slice(1).map(src => `<script src="${src.href}"><\/script>`).join(""))
      doc.close()
    }

    postMessage(data) {
      setTimeout(() => this.scope.dispatchEvent(new this.scope.MessageEvent("message", { data })))
    }

    terminate() {}
  }

  window.Worker = FrameWorker
})()

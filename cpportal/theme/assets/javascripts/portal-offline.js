/*
 * The offline copy of the portal, opened from file://: Chromium starts no Worker from a file,
 * so the search worker runs in a hidden frame of the page instead, with its scripts loaded
 * through <script> tags (which file:// allows): search/<lang>.js (the index, with the stemmer and
 * the words of search), then the worker.
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
      // the language's index, stemmer and words in one script, then the worker
      const scripts = [new URL(`../../../search/${here.searchParams.get("lang")}.js`, here), here]
      const doc = frame.contentDocument
      doc.open()
      doc.write(scripts.map(src => `<script src="${src.href}"><\/script>`).join(""))
      doc.close()
    }

    postMessage(data) {
      setTimeout(() => this.scope.dispatchEvent(new this.scope.MessageEvent("message", { data })))
    }

    terminate() {}
  }

  window.Worker = FrameWorker
})()

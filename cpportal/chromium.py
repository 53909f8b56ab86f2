"""The browser the portal prints PDFs with and the tests drive: Debian's chromium through
Playwright (no browser download), with the flags that keep it off the network."""

from __future__ import annotations

import shutil

EXECUTABLE = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def launch(playwright):
    """A headless Chromium browser started by `playwright` (a sync_playwright() instance)."""
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=ARGS)

"""`make serve`: the time from saving a page, or a data file, to the served page showing the
change, on a copy of the demonstration portal (what an author, a translator or an information
management officer waits for after each save).

Run: .venv/bin/python benchmarks/serve_reload.py   (prints figures; not a test)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import copy_project, fetch_text, free_port, rename_service  # noqa: E402
from table import print_table  # noqa: E402

ROOT = HERE.parent
TARGET_SECONDS = 2.0
PAGE = "about/index.md"
SERVICE, SERVICE_PAGE = "brac-cm-camp-1e", "referral/locations/camp-1e/"  # a data edit's page


def _wait_for(url: str, marker: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `marker`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in fetch_text(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout} s")


def measure(language: str | None = None, saves: int = 5, data: bool = False) -> list[float]:
    """Seconds from each of `saves` saves of a page (or with `data`, of a service's name in
    its data file) to the served page showing it, with `make serve` (one language, as
    `make serve LANGUAGE=xx` runs it, or every language)."""
    lang = language or "en"
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        page = project / "docs" / lang / PAGE
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_PDF": "0"}  # as `make serve`
        if language:
            env["PORTAL_LANGUAGE"] = language
        else:
            env.pop("PORTAL_LANGUAGE", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
             "--livereload"], cwd=project, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        prefix = "" if lang == "en" or language else f"{lang}/"
        url = f"http://127.0.0.1:{port}/{prefix}" + (SERVICE_PAGE if data else "about/")
        times = []
        try:
            _wait_for(url, "</html>", timeout=300)
            original = page.read_text(encoding="utf-8")
            for number in range(saves):
                marker = f"saved-{number}-{time.time_ns()}"
                start = time.perf_counter()
                if data:
                    rename_service(project, SERVICE, f" {marker}")
                else:
                    page.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                times.append(time.perf_counter() - start + _wait_for(url, marker, timeout=300))
                time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
        return times


def rows() -> list[tuple[str, str, str, str]]:
    every = measure(None)
    one = measure("en")
    data = measure(None, data=True)
    return [
        ("`make serve` (every language, the default): save to served page",
         f"<= {TARGET_SECONDS:.0f} s",
         f"{statistics.median(every):.1f} s (max {max(every):.1f} s)", ""),
        ("`make serve LANGUAGE=en` (one language): save to served page",
         f"<= {TARGET_SECONDS:.0f} s",
         f"{statistics.median(one):.1f} s (max {max(one):.1f} s)", ""),
        ("`make serve` (every language): data file save to served page",
         f"<= {TARGET_SECONDS:.0f} s",
         f"{statistics.median(data):.1f} s (max {max(data):.1f} s)", ""),
    ]


def main() -> None:
    print_table(rows())


if __name__ == "__main__":
    main()

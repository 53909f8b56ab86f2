"""Time the printing of every PDF (module guides, handouts, forms, referral cards in every
language): cold (empty cache) and warm (nothing changed, everything from the cache), then the
packs, the offline copy and the Downloads table made from them.

Run: .venv/bin/python benchmarks/pdf_render.py   (prints figures; not a test)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpportal import downloads, pdf  # noqa: E402
from cpportal.site import Portal  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site_dir, cache = Path(scratch) / "site", Path(scratch) / "cache"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                        str(site_dir)], cwd=ROOT, check=True,
                       env={**os.environ, pdf.PDF_VARIABLE: "0", "NO_MKDOCS_2_WARNING": "1"})
        print(f"site build without PDFs: {time.perf_counter() - started:.1f} s")
        portal = Portal(ROOT)
        languages = ["en", "bn", "fr"]
        site = downloads.Site(ROOT, site_dir, languages, "en",
                              {lang: portal.identity.text("site_name", lang) for lang in languages},
                              portal.identity.bodies, portal.demo, cache)
        documents, _, _ = downloads._documents(site)
        for label in ("cold", "warm"):
            started = time.perf_counter()
            printed = pdf.render(documents, site_dir, cache)
            print(f"{label}: {len(documents)} PDFs, {printed} printed, "
                  f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        made = downloads.build(site, with_files=True)
        print(f"all downloads, warm (PDFs, {made['files']} files listed, packs, offline copy): "
              f"{time.perf_counter() - started:.1f} s; offline copy "
              f"{(site_dir / downloads.OFFLINE).stat().st_size / 2**20:.1f} MB")

if __name__ == "__main__":
    main()

"""Build speed: a synthetic portal of 400 pages per language in three languages, built side by
side in one run by the stock stack (Material + mkdocs-static-i18n, default search config, no
hooks, Material's own theme) and by this portal (its mkdocs.yml settings, hooks and theme).

Both builds get the same 400 pages per language: the portal's generated referral pages (its
hooks make them; the stock build gets them as Markdown files) and synthetic guidance pages
made of the portal's own sentences, headings, lists, tables and admonitions.

Run: .venv/bin/python benchmarks/build_speed.py [ROUNDS]   (prints figures; not a test)
"""

from __future__ import annotations

import os
import random
import resource
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpportal.documents import split  # noqa: E402
from cpportal.site import Portal  # noqa: E402
from table import print_table  # noqa: E402

LANGUAGES = ["en", "bn", "fr"]
PAGES_PER_LANGUAGE = 400
SECTIONS = 12  # folders of synthetic pages
REAL_PAGES = ["resources/downloads.md"]  # the downloads list is written into this page
TARGET_RATIO = 0.6
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# The stock stack: Material and the i18n plugin as documented, with the portal's Markdown
# extensions except its own (cpportal.abbreviations, cpportal.slugs).
STOCK_CONFIG = """\
site_name: Synthetic portal
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: bn, name: বাংলা, build: true}
        - {locale: fr, name: Français, build: true}
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist
  - toc:
      permalink: true
"""


def _text_of(lang: str) -> tuple[list[str], list[str]]:
    """Headings and plain paragraphs of the portal's own pages in `lang`."""
    headings, paragraphs = [], []
    for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
        _, body = split(path.read_text(encoding="utf-8"))
        for block in LINK.sub(r"\1", body).split("\n\n"):
            block = block.strip()
            if block.startswith("#"):
                headings.append(block.lstrip("#").strip().split("{")[0].strip())
            elif block and block[0].isalpha() and "\n" not in block and "|" not in block:
                paragraphs.append(block)
    return headings, paragraphs


def _page(rng: random.Random, title: str, headings: list[str], paragraphs: list[str]) -> str:
    lines = [f"# {title}", "", rng.choice(paragraphs), ""]
    for number in range(rng.randint(4, 7)):
        lines += [f"## {rng.choice(headings)}", "", rng.choice(paragraphs), ""]
        kind = number % 4
        if kind == 0:
            lines += [f"- {p[:120]}" for p in rng.sample(paragraphs, 4)] + [""]
        elif kind == 1:
            lines += ["| # | " + rng.choice(headings) + " |", "|---|---|"]
            lines += [f"| {i} | {p[:80]} |" for i, p in enumerate(rng.sample(paragraphs, 5), 1)]
            lines += [""]
        elif kind == 2:
            lines += [f'!!! note "{rng.choice(headings)}"', "", "    " + rng.choice(paragraphs),
                      ""]
        else:
            lines += [rng.choice(paragraphs), ""]
    return "\n".join(lines) + "\n"


def generate(dest: Path) -> tuple[Path, Path]:
    """Write the stock and the portal projects of the same pages; return their directories."""
    stock, ours = dest / "stock", dest / "ours"
    portal = Portal(ROOT)
    for lang in LANGUAGES:
        rng = random.Random(7)  # the same page structure in every language
        headings, paragraphs = _text_of(lang)
        generated = portal.generated_pages(lang)
        pages = {"index.md": _page(rng, headings[0], headings, paragraphs)}
        for path in REAL_PAGES:  # pages the portal's build needs
            pages[path] = (ROOT / "docs" / lang / path).read_text(encoding="utf-8")
        count = PAGES_PER_LANGUAGE - len(generated) - len(pages)
        for i in range(count):
            section = f"section-{i % SECTIONS + 1:02}"
            name = "index.md" if i < SECTIONS else f"page-{i:03}.md"
            pages[f"{section}/{name}"] = _page(rng, f"{rng.choice(headings)} {i}", headings,
                                               paragraphs)
        for project, extra in ((stock, generated), (ours, {})):
            for path, text in {**pages, **extra}.items():
                target = project / "docs" / lang / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    (stock / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    for name in ("data", "hooks"):
        shutil.copytree(ROOT / name, ours / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (ours / "mkdocs.yml").write_text(config.split("\nnav:\n")[0] + "\n", encoding="utf-8")
    return stock, ours


def build(project: Path) -> tuple[float, float]:
    """Build `project` into its site/ directory; return the wall and the CPU time (user and
    system) in seconds. CPU time counts only this build, whatever else the machine runs."""
    shutil.rmtree(project / "site", ignore_errors=True)
    # without the module PDFs, which the stock stack has not (benchmarks/pdf_render.py times them)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_PDF": "0"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
                            cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{project.name} build failed:\n{result.stdout}{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(dest: Path, rounds: int = 2) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) build times of each project over `rounds` rounds, alternating stock
    and ours (ABBA) so that a change of load during the run falls on both."""
    stock, ours = generate(dest)
    times: dict[str, list[tuple[float, float]]] = {"stock": [], "ours": []}
    for number in range(rounds):
        order = [("stock", stock), ("ours", ours)]
        for name, project in order if number % 2 == 0 else reversed(order):
            times[name].append(build(project))
    return {name: (min(w for w, _ in values), min(c for _, c in values))
            for name, values in times.items()}


def rows(best: dict[str, tuple[float, float]]) -> list[tuple[str, str, str, str]]:
    pages = PAGES_PER_LANGUAGE * len(LANGUAGES)
    out = []
    for index, kind in enumerate(("wall time", "CPU time")):
        ours, stock = best["ours"][index], best["stock"][index]
        out.append((f"build, synthetic portal ({pages} pages, 3 languages), {kind}",
                    f"<= {TARGET_RATIO} x stock", f"{ours:.1f} s ({ours / stock:.2f} x stock)",
                    f"{stock:.1f} s"))
    return out


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    with tempfile.TemporaryDirectory() as tmp:
        best = measure(Path(tmp), rounds)
    print_table(rows(best))


if __name__ == "__main__":
    main()

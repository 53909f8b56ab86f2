"""The offline copy: the built site in one zip that works from file:// after unzipping.

Directory links get their index.html (no server adds it), every page loads
portal-offline.js (the search worker in a frame, since Chromium starts no Worker from a file),
and each language's search index, with the scripts that read it, becomes one script,
search/<lang>.js, the frame can load.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

SHIM = "assets/javascripts/portal-offline.js"
_HREF = re.compile(r'\bhref="([^"]*)"')
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.')
STAMP = (2026, 1, 1, 0, 0, 0)  # fixed file times: the same site gives the same zip bytes


def _link(match: re.Match) -> str:
    url = match.group(1)
    path, hash_, fragment = url.partition("#")
    if ":" in path.split("/", 1)[0] or not path or "?" in path:
        return match.group(0)
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    else:
        return match.group(0)
    return f'href="{path}{hash_}{fragment}"'


def page(html: str) -> str:
    """A built page made to work from file://."""
    html = _HREF.sub(_link, html)
    return _BUNDLE.sub(lambda m: f'<script src="{m.group(1)}{SHIM}"></script>{m.group(0)}',
                       html, count=1)


def _location(location: str) -> str:
    path, hash_, fragment = location.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + hash_ + fragment


def search_scripts(site: Path, languages: list[str]) -> dict[str, str]:
    """search/<lang>.js for each language: Snowball's stemmers (if it has one), the words of
    search and every index file (result links with their index.html), for the frame to load
    at once; and the stub search_index.js Material's page script loads from file://."""
    scripts = {}
    workers = site / "assets/javascripts/workers"
    for lang in languages:
        files = {}
        paths = sorted((site / "search" / lang).glob("*.json")) + [site / f"search/{lang}.json"]
        for path in paths:
            content = json.loads(path.read_text(encoding="utf-8"))
            if path.name.startswith("p"):
                content[0] = _location(content[0])
            files[path.relative_to(site / "search").as_posix()] = content
        code = ["snowball.js"] * bool(files[f"{lang}.json"]["stemmer"]) + ["search-words.js"]
        scripts[f"search/{lang}.js"] = "".join(
            [(workers / name).read_text(encoding="utf-8") + "\n" for name in code]
            + ["self.portalFiles = " + json.dumps(files, ensure_ascii=False) + "\n"])
    stub = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    scripts["search/search_index.js"] = "var __index = " + json.dumps(stub) + "\n"
    return scripts


def write(site: Path, target: Path, languages: list[str], folder: str,
          skip: set[str]) -> None:
    """Zip the site in `site` into `target`, under `folder`/, leaving out the paths in `skip`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(posixpath.join(folder, name), STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            name = path.relative_to(site).as_posix()
            if name in skip or name.endswith((".part", ".map", ".gz")):
                continue
            data = path.read_bytes()
            if name.endswith(".html"):
                data = page(data.decode("utf-8")).encode("utf-8")
            add(name, data)
        for name, text in search_scripts(site, languages).items():
            add(name, text.encode("utf-8"))
    partial.replace(target)

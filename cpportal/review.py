"""What a pull request changed for translators, for the forge's pull-request check: each
language's pages current, outdated and missing (Markdown for the job summary), the pages the
change made outdated, and, for each translation it edited without stamping, the exact
`translation_of` line as a suggested change (a GitHub review the workflow posts)."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .documents import stamped
from .translations import SOURCE, Status, status

_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", re.M)


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """Replace line `line` of `path` by `text` to record the translation as current."""

    path: str
    line: int
    text: str
    in_diff: bool  # the forge can attach a suggested change only to lines its diff shows


class ReviewError(Exception):
    """The change cannot be compared (not a git repository, an unknown base)."""


def _git(root: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True)
    if done.returncode != 0:
        raise ReviewError(f"git {args[0]} failed: {done.stderr.decode().strip()} (give --base "
                          "a branch or commit of this repository, with its history fetched)")
    return done.stdout


@contextlib.contextmanager
def docs_at(root: Path, revision: str) -> Iterator[Path]:
    """The portal's docs/ folder as it was at `revision`, in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        archive = _git(root, "archive", "--format=tar", revision, "docs")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder) / "docs"


def languages(docs: Path) -> list[str]:
    """The translation languages: every folder of docs/ but English."""
    return sorted(d.name for d in docs.iterdir() if d.is_dir() and d.name != SOURCE)


def made_outdated(before: Status, after: Status) -> list[str]:
    """Pages current before the change and outdated after it."""
    return [page for page in after.outdated if page in before.current]


def suggestions(root: Path, base: str) -> list[Suggestion]:
    """For each translation the change (since its merge base with `base`) added or edited that
    is not stamped against today's English: the line that stamps it."""
    docs = root / "docs"
    changed = _git(root, "diff", "--name-only", "--diff-filter=AM", f"{base}...HEAD", "--",
                   "docs").decode().split()
    found = []
    for path in changed:
        lang, _, page = path.removeprefix("docs/").partition("/")
        english = docs / SOURCE / page
        if lang == SOURCE or not page.endswith(".md") or not english.exists():
            continue
        text = (root / path).read_text(encoding="utf-8")
        old, new = text.splitlines(), stamped(text, english).splitlines()
        change = next((op for op in difflib.SequenceMatcher(None, old, new).get_opcodes()
                       if op[0] != "equal"), None)
        if change is None:
            continue
        tag, i1, i2, j1, j2 = change
        # an inserted line is proposed as a replacement of the line it goes before
        text = new[j1:j2] + (old[i1:i1 + 1] if tag == "insert" else [])
        found.append(Suggestion(path, i1 + 1, "\n".join(text), i1 + 1 in _shown(root, base, path)))
    return found


def _shown(root: Path, base: str, path: str) -> set[int]:
    """Line numbers of `path` (after the change) that the pull request's diff shows."""
    diff = _git(root, "diff", "--unified=3", f"{base}...HEAD", "--", path).decode()
    lines = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def _code(text: str) -> str:
    """`text` as inline code (a path named in a pull request is the contributor's text)."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def summary(root: Path, base: str) -> str:
    """The job summary: a status table per language with its pages, the pages the change made
    outdated, and the stamps to add."""
    docs = root / "docs"
    lines = ["## Translations", "", "| Language | Current | Outdated | Missing |",
             "| --- | --- | --- | --- |"]
    details, outdated_now = [], []
    with docs_at(root, base) as before:
        for lang in languages(docs):
            after = status(docs, lang)
            lines.append(f"| {lang} | {len(after.current)} ({after.percent(after.current):.0f}%) "
                         f"| {len(after.outdated)} | {len(after.missing)} |")
            for label, pages in (("current", after.current), ("outdated", after.outdated),
                                 ("missing", after.missing)):
                if pages:
                    details += [f"<details><summary>{lang}: {len(pages)} {label}</summary>", ""]
                    details += [f"- {_code(f'docs/{lang}/{page}')}" for page in pages]
                    details += ["", "</details>", ""]
            was = status(before, lang) if (before / lang).is_dir() else Status([], [], [])
            outdated_now += [f"docs/{lang}/{page}" for page in made_outdated(was, after)]
    lines += ["", *details, "### Made outdated by this pull request", ""]
    lines += [f"- {_code(page)}: its English page changed; update the translation, then "
              "stamp it" for page in outdated_now] or ["None."]
    stamps = suggestions(root, base)
    lines += ["", "### Translations edited but not stamped", ""]
    for item in stamps:
        where = ("proposed as a suggested change on the pull request" if item.in_diff
                 else "put it there by hand, or run `python -m cpportal stamp`")
        line = next(line for line in item.text.splitlines() if line.startswith("translation_of:"))
        lines.append(f"- {_code(item.path)}, line {item.line}: {_code(line)} ({where})")
    if not stamps:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def review(items: list[Suggestion]) -> dict | None:
    """A GitHub pull-request review holding the suggested changes the diff can carry."""
    comments = [{"path": item.path, "line": item.line, "side": "RIGHT",
                 "body": "Accept this suggestion to record the translation as current "
                         f"(the hash of today's English page):\n```suggestion\n{item.text}\n```"}
                for item in items if item.in_diff]
    if not comments:
        return None
    return {"event": "COMMENT", "comments": comments,
            "body": "Translations edited in this pull request are not stamped yet."}

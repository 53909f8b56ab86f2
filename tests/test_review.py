"""`python -m cpportal review`: what a pull request's check shows translators, computed on a
real git repository: the status table, the pages the change made outdated, and the suggested
`translation_of` lines (a GitHub review) for translations edited without a stamp."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cpportal import cli
from cpportal.documents import source_hash, stamp

GUIDE = "---\nstatus: draft\nowner: Team\n---\n\n# {title}\n\n{body}\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


def write(repo: Path, path: str, text: str) -> Path:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")
    return repo / path


@pytest.fixture
def repo(tmp_path) -> Path:
    """main: three English pages, Bengali translations of a and c stamped (c then outdated by
    an English change), b not translated. The branch `pr`: changes English a, updates Bengali c
    without stamping it, adds Bengali b with no front matter."""
    for page in "abc":
        write(tmp_path, f"docs/en/{page}.md", GUIDE.format(title=page, body="English text."))
    for page in "ac":
        stamp(write(tmp_path, f"docs/bn/{page}.md", GUIDE.format(title=page, body="বাংলা")),
              tmp_path / f"docs/en/{page}.md")
    write(tmp_path, "docs/en/c.md", GUIDE.format(title="c", body="New English text."))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "pr")
    write(tmp_path, "docs/en/a.md", GUIDE.format(title="a", body="Changed English text."))
    bengali_c = tmp_path / "docs/bn/c.md"
    bengali_c.write_text(bengali_c.read_text().replace("status: draft", "status: draft # নতুন"))
    write(tmp_path, "docs/bn/b.md", "# b\n\nনতুন অনুবাদ\n")
    git(tmp_path, "commit", "-qam", "pr")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "b")
    return tmp_path


def test_the_summary_tables_each_language_and_names_what_the_change_made_outdated(repo, capsys):
    assert cli.main(["--root", str(repo), "review", "--base", "main"]) == 0
    out = capsys.readouterr().out
    assert "| bn | 0 (0%) | 3 | 0 |" in out  # a (English changed), b and c (not stamped)
    assert "<details><summary>bn: 3 outdated</summary>" in out
    made = out.split("### Made outdated by this pull request")[1].split("###")[0]
    assert "`docs/bn/a.md`" in made and "docs/bn/c.md" not in made  # c was outdated before
    stamp_c = f"translation_of: {source_hash(repo / 'docs/en/c.md')}"
    assert f"- `docs/bn/c.md`, line 4: `{stamp_c}`" in out


def test_the_stamps_a_translator_lacks_are_proposed_as_suggested_changes(repo, tmp_path):
    review = tmp_path / "review.json"
    assert cli.main(["--root", str(repo), "review", "--base", "main", "--review",
                     str(review)]) == 0
    comments = {c["path"]: c for c in json.loads(review.read_text())["comments"]}
    assert set(comments) == {"docs/bn/b.md", "docs/bn/c.md"}  # a's translation was not edited
    hash_c = source_hash(repo / "docs/en/c.md")
    assert comments["docs/bn/c.md"]["line"] == 4  # replaces the stale translation_of line
    assert f"```suggestion\ntranslation_of: {hash_c}\n```" in comments["docs/bn/c.md"]["body"]
    assert comments["docs/bn/b.md"]["line"] == 1  # a front matter put before the first line
    assert "```suggestion\n---\ntranslation_of: " in comments["docs/bn/b.md"]["body"]
    # accepting the suggestions stamps the pages: nothing is left to propose
    for path, comment in comments.items():
        lines = (repo / path).read_text().splitlines()
        proposed = comment["body"].split("```suggestion\n")[1].split("\n```")[0]
        lines[comment["line"] - 1] = proposed
        (repo / path).write_text("\n".join(lines) + "\n")
    git(repo, "commit", "-qam", "accepted")
    review.unlink()
    assert cli.main(["--root", str(repo), "review", "--base", "main", "--review",
                     str(review)]) == 0
    assert not review.exists()


def test_a_stamp_outside_the_diff_is_named_in_the_summary_only(repo, tmp_path, capsys):
    page = repo / "docs/bn/a.md"
    page.write_text(page.read_text() + "\n" * 20 + "আরও অনুবাদ\n")  # edited far below the stamp
    git(repo, "commit", "-qam", "more")
    review = tmp_path / "review.json"
    cli.main(["--root", str(repo), "review", "--base", "main", "--review", str(review)])
    assert "docs/bn/a.md" not in {c["path"] for c in json.loads(review.read_text())["comments"]}
    assert "- `docs/bn/a.md`, line 4: `translation_of: " in capsys.readouterr().out


def test_an_unknown_base_is_refused_with_a_reason(repo, capsys):
    assert cli.main(["--root", str(repo), "review", "--base", "no-such-branch"]) == 1
    out = capsys.readouterr().out
    assert "no-such-branch" in out and "give --base a branch or commit" in out

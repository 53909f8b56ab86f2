"""The forge workflows of the project and of a new portal, checked offline: GitHub's workflow
schema (check-jsonschema's built-in copy), a security audit with no high finding (zizmor), and
every command they run exists in the Makefile of the folder they run in."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from cpportal import cli, scaffold

BIN = Path(sys.executable).parent
WORKFLOWS = ("check.yml", "publish.yml")


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forge") / "portal"
    assert cli.main(["new", str(folder), "--group", "G", "--acronym", "G", "--country", "UG"]) == 0
    return folder


@pytest.fixture(params=["project", "portal"])
def workflows(request, portal) -> Path:
    return (ROOT if request.param == "project" else portal) / ".github/workflows"


def test_the_project_runs_the_workflows_every_portal_gets():
    for name in WORKFLOWS:
        assert (ROOT / ".github/workflows" / name).read_text() == \
            (scaffold.TEMPLATES / f"dot-github--workflows--{name}").read_text()


def test_the_workflows_match_github_s_schema(workflows):
    for name in WORKFLOWS:
        result = subprocess.run([BIN / "check-jsonschema", "--builtin-schema",
                                 "vendor.github-workflows", workflows / name],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_have_no_high_security_finding(workflows):
    result = subprocess.run([BIN / "zizmor", "--offline", "--format", "json", workflows],
                            capture_output=True, text=True)
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 1x: findings
    findings = json.loads(result.stdout)
    assert [f["ident"] for f in findings if f["determinations"]["severity"] == "High"] == []
    assert findings == []


def test_a_workflow_with_a_flaw_is_caught(tmp_path):
    """The audit is real: a script that expands the pull request's title is a high finding."""
    flawed = (ROOT / ".github/workflows/check.yml").read_text() \
        + "      - run: echo ${{ github.event.pull_request.title }}\n"
    (tmp_path / "flawed.yml").write_text(flawed)
    findings = json.loads(subprocess.run([BIN / "zizmor", "--offline", "--format", "json",
                                          tmp_path / "flawed.yml"],
                                         capture_output=True, text=True).stdout)
    assert "template-injection" in {f["ident"] for f in findings}


def test_every_command_the_workflows_run_exists_where_they_run(workflows):
    folder = workflows.parent.parent
    steps = [step for name in WORKFLOWS
             for job in yaml.safe_load((workflows / name).read_text())["jobs"].values()
             for step in job["steps"]]
    commands = "\n".join(step.get("run", "") for step in steps)
    targets = set(re.findall(r"^make (\w+)", commands, re.M))
    assert targets == {"install", "test", "publish"}
    for target in targets:
        dry = subprocess.run(["make", "-n", "-C", folder, target, "VERSION=2026.1"],
                             capture_output=True, text=True)
        assert dry.returncode == 0, dry.stderr
    assert "python -m cpportal review --base" in commands

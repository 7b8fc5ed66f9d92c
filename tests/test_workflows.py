"""The GitHub workflows and the comment form: valid against the GitHub schemas
that check-jsonschema ships, audited by zizmor with no finding of medium or
high severity, and running the tests the way `.ci/run` does. Both tools run
offline (any attempt to reach the network would fail through a dead proxy);
each check is also shown to fail on a workflow that is wrong."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
OFFLINE = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9", NO_PROXY="", no_proxy="")
# A workflow as they were before: actions by movable tag, write permissions for
# every job, checkouts that keep their credentials.
UNSAFE = """
name: unsafe
on: [push]
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/upload-artifact@v4
        with:
          path: .
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@v4
"""


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, env=OFFLINE, cwd=ROOT)


def check_schema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return run(BIN / "check-jsonschema", "--builtin-schema", schema, *files)


def serious_findings(*paths: Path) -> list[str]:
    result = run(BIN / "zizmor", "--offline", "--format", "json", *paths)
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings of some severity
    return [f"{f['ident']} ({f['determinations']['severity']}): {f['locations'][0]['concrete']['feature']}"
            for f in json.loads(result.stdout)
            if not f["ignored"] and f["determinations"]["severity"] in ("Medium", "High")]


def test_there_are_workflows_and_an_issue_form():
    assert {p.name for p in WORKFLOWS} == {"publish.yml", "pull-request.yml"}
    assert [p.name for p in ISSUE_FORMS] == ["synpunkt.yml"]


def test_workflows_are_valid_against_githubs_schema(tmp_path):
    result = check_schema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(UNSAFE.replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert check_schema("vendor.github-workflows", broken).returncode == 1


def test_the_issue_form_is_valid_against_githubs_schema(tmp_path):
    result = check_schema("vendor.github-issue-forms", *ISSUE_FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "form.yml"
    broken.write_text(ISSUE_FORMS[0].read_text(encoding="utf-8").replace("type: input", "type: text-field", 1),
                      encoding="utf-8")
    assert check_schema("vendor.github-issue-forms", broken).returncode == 1


def test_zizmor_finds_nothing_of_medium_or_high_severity(tmp_path):
    assert serious_findings(*WORKFLOWS) == []
    unsafe = tmp_path / ".github" / "workflows" / "unsafe.yml"
    unsafe.parent.mkdir(parents=True)
    unsafe.write_text(UNSAFE, encoding="utf-8")
    found = {f.split(" ")[0] for f in serious_findings(unsafe)}
    assert {"unpinned-uses", "artipacked", "excessive-permissions"} <= found, found


@pytest.mark.parametrize("workflow, command", [("pull-request.yml", "bash .ci/run"),
                                               ("publish.yml", "bash .ci/run build")])
def test_each_workflow_builds_in_a_clean_debian_container_through_ci_run(workflow, command):
    """The tests and the published build run as CI runs them, with Debian's
    Chromium, Pango and fonts (`.ci/run` installs them), not Ubuntu's."""
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))["jobs"]
    runs = {job_id: [step.get("run", "") for step in job["steps"]] for job_id, job in jobs.items()}
    [job_id] = [j for j, steps in runs.items() if command in steps]
    assert jobs[job_id]["container"].startswith("debian:bookworm")
    assert not any("apt-get" in step or "pip install" in step for steps in runs.values() for step in steps)
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "chromium", "python3-venv"):
        assert package in ci_run

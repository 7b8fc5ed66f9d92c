"""The editors' commands: new_revision refuses what it must with nothing
written, and the workflows are valid and use only official actions."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from editors_support import DRAFT_ID, line_of, replace_in, run_script, scaffold_draft


def tree(project: Path) -> dict[str, bytes]:
    docs = project / "docs"
    return {str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_new_revision_prints_next_steps_and_the_build_accepts_it(project_copy):
    result = run_script("new_revision.py", project_copy, DRAFT_ID, "--days", "30")
    assert result.returncode == 0, result.stderr
    assert f"docs/revisioner/{DRAFT_ID}/index.md" in result.stdout
    assert "Nästa steg" in result.stdout and "scripts/check.py" in result.stdout
    text = (project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md").read_text(encoding="utf-8")
    assert "until: 2026-02-14" in text  # 30 days after the build date 2026-01-15
    assert run_script("check.py", project_copy).returncode == 0


@pytest.mark.parametrize("new_id, message", [
    ("2025", "redan taget"),
    ("4.0", "redan taget"),
    ("../x", "går inte att använda i en webbadress"),
    ("Utkast 2027", "går inte att använda i en webbadress"),
    ("-2027", "går inte att använda i en webbadress"),
])
def test_new_revision_refuses_taken_or_unsafe_ids(project_copy, new_id, message):
    before = tree(project_copy)
    result = run_script("new_revision.py", project_copy, new_id)
    assert result.returncode == 1
    assert message in result.stderr and "Inget har skrivits" in result.stderr
    assert tree(project_copy) == before


def test_new_revision_refuses_a_folder_without_a_revision(project_copy):
    (project_copy / "docs" / "revisioner" / "2030").mkdir()
    result = run_script("new_revision.py", project_copy, "2030")
    assert result.returncode == 1 and "redan taget" in result.stderr
    assert list((project_copy / "docs" / "revisioner" / "2030").iterdir()) == []


def test_new_revision_refuses_a_second_draft(project_copy):
    scaffold_draft(project_copy)
    before = tree(project_copy)
    result = run_script("new_revision.py", project_copy, "2028")
    assert result.returncode == 1
    assert f"Det finns redan ett utkast: {DRAFT_ID}" in result.stderr
    assert tree(project_copy) == before


def test_new_revision_refuses_when_sources_have_errors(project_copy):
    file = project_copy / "docs/revisioner/2025/index.md"
    replace_in(file, "status: proposed", "status: foreslagen")
    before = tree(project_copy)
    result = run_script("new_revision.py", project_copy, DRAFT_ID)
    line = line_of(file, "status:")
    assert result.returncode == 1 and f"docs/revisioner/2025/index.md:{line}: unknown status" in result.stderr
    assert tree(project_copy) == before


OFFICIAL = {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact",
            "actions/deploy-pages", "actions/upload-artifact"}


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_workflows_are_valid_and_use_only_official_actions():
    for name in ("pull-request.yml", "publish.yml"):
        data = workflow(name)
        for step in steps(data):
            assert set(step) <= {"name", "id", "uses", "with", "run", "env", "if"}, step
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert action in OFFICIAL and version, step["uses"]


def test_pull_request_workflow_checks_builds_keeps_the_site_and_tests():
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    runs = "\n".join(s.get("run", "") for s in steps(data))
    # The tests run as CI runs them (.ci/run: Debian's Chromium, Pango, fonts,
    # the pinned packages, ./dev test), then the editors' check and strict build.
    assert "bash .ci/run" in runs and "./dev check" in runs and "./dev build" in runs
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium" in ci and "./dev test" in ci
    assert "--strict" in (ROOT / "scripts" / "build.py").read_text(encoding="utf-8")
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_publish_workflow_deploys_site_from_main_to_pages():
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    # Nothing at the top; each job only what it needs.
    assert data["permissions"] == {}
    assert data["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in steps(data)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    pages = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert pages["with"]["path"] == "site/"
    assert data["jobs"]["deploy"]["needs"] == "build"
    assert "github.io" in data["jobs"]["build"]["env"]["SITE_URL"]


def test_contributing_covers_every_command():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("scripts/new_revision.py", "scripts/check.py", "scripts/import_comments.py",
                    "scripts/lock.py", "./dev serve", "gh issue list", "Granskaren kontrollerar"):
        assert command in text, command

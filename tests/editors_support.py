"""Helpers for the editors' tests: run a script of the project against a copy
of it, scaffold a draft, and read error lines from a run's stderr."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_DATE, ROOT

DRAFT_ID = "2027"  # the id the tests scaffold; tests/fixtures/synpunkter.json refers to it
RE_ERROR_LINE = re.compile(r"^\S+:\d+: .+$", re.M)


def run_script(name: str, project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    run_env = dict(os.environ, SITE_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    run_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args],
                          cwd=project, env=run_env, capture_output=True, text=True)


def scaffold_draft(project: Path, revision_id: str = DRAFT_ID) -> Path:
    result = run_script("new_revision.py", project, revision_id)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "revisioner" / revision_id / "index.md"


def error_lines(stderr: str) -> list[str]:
    """The `path:line: message` lines of a run, in order."""
    return RE_ERROR_LINE.findall(stderr)


def replace_in(file: Path, old: str, new: str, count: int = 1) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(file: Path, needle: str) -> int:
    """1-based number of the first line of `file` that contains `needle`."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)

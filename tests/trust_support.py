"""Helpers for the tests of hostile and broken sources: a build that must be
refused with exactly the given `path:line: message` lines, no traceback, and
the previous site/ untouched."""
from __future__ import annotations

from pathlib import Path

from conftest import build_project
from editors_support import error_lines

PREVIOUS = "previous build"


def refused_build(project: Path, env: dict | None = None) -> tuple[list[str], str]:
    """Build `project` over an earlier site/; assert exit 1, no traceback, the
    earlier site/ as it was and no temporary folder left; give the error lines
    and the whole stderr."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text(PREVIOUS, encoding="utf-8")
    result = build_project(project, site, env=env)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    assert (site / "index.html").read_text(encoding="utf-8") == PREVIOUS
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert not list(project.glob(".site-*")), "a temporary build folder was left behind"
    return error_lines(result.stderr), result.stderr


def line_number(file: Path, needle: str) -> int:
    lines = file.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)

"""Every error in a source gives `path:line: what is wrong`, exit code 1, all
errors of a run at once, and the previous site/ survives untouched."""
import re

import pytest

from conftest import build_project

REV40 = "docs/revisioner/4.0/index.md"
REV25 = "docs/revisioner/2025/index.md"
REV14 = "docs/revisioner/2014-2016/index.md"


def edit(project, rel, old, new, count=1):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project, rel, needle):
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def failing_build(project):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    result = build_project(project, site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    return result.stderr


def assert_error(stderr, rel, line, pattern):
    wanted = re.compile(rf"^{re.escape(rel)}:{line}: .*{pattern}", re.M)
    assert wanted.search(stderr), f"no '{rel}:{line}: ...{pattern}' in:\n{stderr}"


CASES = {
    # name: (file, old, new, needle for the line, expected message pattern)
    "malformed_yaml": (REV40, "label: Version 4.0 (2021–2023)", "label: [Version 4.0", "label: [Version", "malformed YAML"),
    "missing_key": (REV40, "source:", "sourc:", "sourc:", "unknown key 'sourc'"),
    "unknown_key": (REV40, "text: full", "text: full\nauthor: someone", "author:", "unknown key 'author'"),
    "wrong_type": (REV40, 'revision: "4.0"', "revision: 4.0", "revision: 4.0", "must be a non-empty string.*quote it"),
    "bad_date": (REV40, "adopted: 2021-06", "adopted: 2021-13", "adopted:", "bad date '2021-13'"),
    "unknown_status": (REV40, "status: adopted", "status: antagen", "status:", "unknown status 'antagen'"),
    "previous_unknown": (REV25, 'previous: "4.0"', 'previous: "3.0"', "previous:", "previous '3.0' names no revision"),
    "folder_mismatch": (REV25, 'revision: "2025"', 'revision: "2026"', "revision:", "differs from its folder name '2025'"),
    "missing_section_id": (REV40, "## Syfte {#syfte}", "## Syfte", "## Syfte", "has no section id"),
    "malformed_section_id": (REV40, "## Syfte {#syfte}", "## Syfte {#Syfte_1}", "## Syfte", "malformed section id"),
    "id_ending_in_digits": (REV40, "## Syfte {#syfte}", "## Syfte {#syfte-2}", "## Syfte", "malformed section id 'syfte-2'"),
    "duplicate_section_id": (REV40, "## Syfte {#syfte}", "## Syfte {#malgrupper}", "## Målgrupper", "duplicate section id 'malgrupper'"),
    "raw_script": (REV40, "Syftet med överenskommelsen", "<script>alert(1)</script> Syftet med överenskommelsen", "<script>", "raw <script>"),
    "event_handler": (REV40, "Syftet med överenskommelsen", '<img src="x.png" onerror="alert(1)"> Syftet med överenskommelsen', "onerror", "inline event handler"),
    "unsafe_revision_id": (REV40, 'revision: "4.0"', 'revision: "4.0 beta/x"', "revision:", "not safe in a URL"),
    "comments_on_adopted": (REV40, "text: full", "text: full\ncomments: {open: true, until: 2026-01-01}", "comments:", "only for revisions with status: draft"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_source(project_copy, name):
    rel, old, new, needle, pattern = CASES[name]
    edit(project_copy, rel, old, new)
    stderr = failing_build(project_copy)
    assert_error(stderr, rel, line_of(project_copy, rel, needle), pattern)


def test_fork_in_chain(project_copy):
    edit(project_copy, REV25, 'previous: "4.0"', 'previous: "2014-2016"')
    stderr = failing_build(project_copy)
    assert_error(stderr, REV25, line_of(project_copy, REV25, "previous:"), "fork in the chain")


def test_cycle_in_chain(project_copy):
    edit(project_copy, REV14, "previous: null", 'previous: "2025"')
    stderr = failing_build(project_copy)
    assert_error(stderr, REV14, line_of(project_copy, REV14, "previous:"), "cycle")


def test_all_errors_of_a_run_are_listed_at_once(project_copy):
    edit(project_copy, REV40, "status: adopted", "status: antagen")
    edit(project_copy, REV25, "## Inledning {#inledning}", "## Inledning")
    edit(project_copy, REV14, "text: none", "text: nothing")
    stderr = failing_build(project_copy)
    errors = [line for line in stderr.splitlines() if re.match(r"^docs/\S+:\d+: ", line)]
    assert len(errors) == 3, stderr
    assert {e.split(":")[0] for e in errors} == {REV40, REV25, REV14}


def test_missing_required_key(project_copy):
    lines = (project_copy / REV25).read_text(encoding="utf-8").split("\n")
    (project_copy / REV25).write_text("\n".join(l for l in lines if not l.startswith("source:")), encoding="utf-8")
    stderr = failing_build(project_copy)
    errors = [line for line in stderr.splitlines() if re.match(r"^\S+:\d+: ", line)]
    assert errors == [f"{REV25}:1: missing required key 'source'"]

"""synpunkter.yml is a source like any other: each error at its path:line,
exit 1, the output folder untouched; anchors that moved are found again."""
from __future__ import annotations

import pytest

from agreement.diff.anchors import CHANGED, REMOVED, SAME, locate
from agreement.model.revision import Block, Revision, Section
from conftest import build_project, copy_project
from editors_support import DRAFT_ID, error_lines, line_of, run_script, scaffold_draft

VALID = """comments:
  - ref: RS/2026:1
    route: email
    sender: organisation
    organisation: Föreningen Test
    name_consent: true
    paragraphs:
      - anchor: malgrupper-2
        text: "Definitioner i Socialstyrelsens termbank:"
    text: En synpunkt.
    publish: true
    decision: beaktad
    reason: Vi har ändrat.
  - ref: RS/2026:2
    route: post
    sender: private
    paragraphs: []
    text: Om hela utkastet.
    publish: false
    same_as: RS/2026:1
"""


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("answers") / "project")
    scaffold_draft(project)
    return project


@pytest.mark.parametrize("old, new, needle, message", [
    ("decision: beaktad", "decision: godtagen", "decision: godtagen", "unknown decision 'godtagen'"),
    ("    reason: Vi har ändrat.\n", "", "decision: beaktad", "decision 'beaktad' needs a reason"),
    ("anchor: malgrupper-2\n        text: \"Definitioner i Socialstyrelsens termbank:\"",
     "anchor: malgrupper-99", "anchor: malgrupper-99", "paragraph 'malgrupper-99' does not exist"),
    ("same_as: RS/2026:1", "same_as: RS/2026:9", "ref: RS/2026:2", "same_as 'RS/2026:9' names no other comment"),
    ("ref: RS/2026:2", "ref: RS/2026:1", "ref: RS/2026:1\n    route: post", "ref 'RS/2026:1' is used twice"),
])
def test_answers_errors_at_their_line(draft, tmp_path, old, new, needle, message):
    answers = draft / "docs" / "revisioner" / DRAFT_ID / "synpunkter.yml"
    text = VALID.replace(old, new)
    assert text != VALID
    answers.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("earlier site", encoding="utf-8")
    result = build_project(draft, site)
    assert result.returncode == 1
    first = needle.split("\n")[0]
    lines = text.splitlines()
    if "\n" in needle:  # the entry whose ref is repeated: its first line
        line = next(i for i, l in enumerate(lines, 1) if l.strip().endswith(first.strip()) and lines[i].strip() == needle.split("\n")[1].strip())
    else:
        line = next(i for i, l in enumerate(lines, 1) if first.strip() in l)
    expected = f"docs/revisioner/{DRAFT_ID}/synpunkter.yml:{line}: {message}"
    errors = error_lines(result.stderr)
    assert any(e.startswith(expected) for e in errors), result.stderr
    assert (site / "keep.txt").read_text(encoding="utf-8") == "earlier site"
    checked = run_script("check.py", draft)  # ./dev check says the same without building
    assert checked.returncode == 1 and error_lines(checked.stderr) == errors, checked.stderr


def _revision(*texts):
    blocks = tuple(Block(f"syfte-{i}", "p", t, i) for i, t in enumerate(texts, 1))
    return Revision("x", "t", "l", "draft", "full", None, "s", "p", sections=(Section("syfte", 2, "Syfte", blocks),))


OLD = "Kommunerna och regionen ska samverka kring personer med psykisk funktionsnedsättning."


def test_a_paragraph_is_found_again_after_the_draft_changed():
    moved = _revision("Ett nytt stycke först.", OLD)
    assert locate(moved, "syfte-1", OLD).state == SAME and locate(moved, "syfte-1", OLD).anchor == "syfte-2"
    changed = _revision("Ett nytt stycke först.", OLD.replace("samverka", "samarbeta nära"))
    assert (locate(changed, "syfte-1", OLD).state, locate(changed, "syfte-1", OLD).anchor) == (CHANGED, "syfte-2")
    gone = _revision("Något helt annat om avgifter.")
    assert locate(gone, "syfte-2", OLD).state == REMOVED

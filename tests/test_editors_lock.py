"""Adopted revisions are frozen: a changed word or a lost anchor stops the
build (naming the file and line), an `errata` entry lets a correction through,
and scripts/check.py reports exactly what the build reports."""
from __future__ import annotations

import hashlib
import json
import re

from conftest import ROOT, build_project, read_html
from editors_support import error_lines, line_of, replace_in, run_script

REVISION_40 = "docs/revisioner/4.0/index.md"
WORD = "Definitioner i Socialstyrelsens termbank:"


# A heading line with its explicit id (every heading of a revision has one).
RE_HEADING_WITH_ID = re.compile(r"^#{2,6}\s.*\{#([a-z][a-z0-9-]*)\}\s*$")


def sha256_collapsed(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def section_checksums_of_source(path) -> dict[str, str]:
    """The lock's rule worked out again from the file: each section is its
    heading line and the lines up to the next heading (the text before the first
    heading is 'inledning-text', when there is any), hashed with whitespace
    collapsed to single spaces."""
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines[lines.index("---", 1) + 1:]
    starts = [(0, "inledning-text")] + [(n, m.group(1)) for n, line in enumerate(body)
                                        if (m := RE_HEADING_WITH_ID.match(line))]
    out = {}
    for (start, section_id), (end, _) in zip(starts, starts[1:] + [(len(body), None)]):
        text = "\n".join(body[start:end])
        if text.strip():
            out[section_id] = sha256_collapsed(text)
    return out


def test_lock_file_matches_the_adopted_text(site, project_copy):
    lock = json.loads((ROOT / "locks" / "revisions.json").read_text(encoding="utf-8"))["revisions"]
    assert set(lock) == {"4.0", "2014-2016"}
    for revision_id in lock:
        sections = section_checksums_of_source(ROOT / "docs" / "revisioner" / revision_id / "index.md")
        assert lock[revision_id]["sections"] == sections, revision_id
        # The whole text's checksum covers the section checksums in order.
        assert lock[revision_id]["checksum"] == sha256_collapsed(
            "\n".join(f"{k} {v}" for k, v in sections.items()))
        # The anchors are those a reader links to: every paragraph and list
        # item of the built revision text, in page order.
        page = read_html(site, f"revisioner/{revision_id}/")
        blocks = [el for text in page.cssselect(".revision-text") for el in text.iter("p", "li")]
        assert all(el.get("id") for el in blocks), "every paragraph and item has an anchor"
        assert lock[revision_id]["anchors"] == [el.get("id") for el in blocks], revision_id
    assert len(lock["4.0"]["sections"]) > 20 and "malgrupper" in lock["4.0"]["sections"]
    assert "malgrupper-2" in lock["4.0"]["anchors"] and len(lock["4.0"]["anchors"]) > 100
    assert lock["2014-2016"]["anchors"] == [], "a revision without text has no anchors"
    # Locking again writes the same record, so lock.py agrees with the rule above.
    relocked = run_script("lock.py", project_copy, "4.0")
    assert relocked.returncode == 0, relocked.stderr
    assert json.loads((project_copy / "locks" / "revisions.json").read_text(encoding="utf-8"))["revisions"] == lock


def test_changed_word_stops_the_build_until_an_erratum_records_it(project_copy):
    site = project_copy / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous site")
    replace_in(project_copy / REVISION_40, WORD, "Definitioner i Socialstyrelsens ordbok:")
    result = build_project(project_copy)
    assert result.returncode == 1
    errors = error_lines(result.stderr)
    heading = line_of(project_copy / REVISION_40, "{#malgrupper}")
    assert errors == [f"{REVISION_40}:{heading}: the text of adopted revision '4.0' has changed in section "
                      f"'malgrupper' since it was locked (locks/revisions.json): an adopted text is frozen; "
                      f"undo the change, or record it as a correction with a new 'errata' entry "
                      f"{{date, description}} and run scripts/lock.py 4.0"]
    assert (site / "marker.txt").read_text() == "previous site", "the previous site is untouched"
    # check.py says the same, without building.
    checked = run_script("check.py", project_copy)
    assert checked.returncode == 1 and error_lines(checked.stderr) == errors
    # lock.py refuses to record the change without an erratum.
    refused = run_script("lock.py", project_copy, "4.0")
    assert refused.returncode == 1 and error_lines(refused.stderr) == errors

    replace_in(project_copy / REVISION_40, "decisions:\n",
               "errata:\n  - {date: 2026-01-10, description: \"Stycke malgrupper-2: felskrivet ord rättat.\"}\ndecisions:\n")
    result = build_project(project_copy)
    assert result.returncode == 0, result.stderr
    assert "felskrivet ord rättat" in (site / "revisioner" / "4.0" / "index.html").read_text(encoding="utf-8")
    # Recording the correction makes it the new frozen text.
    locked = run_script("lock.py", project_copy, "4.0")
    assert locked.returncode == 0, locked.stderr
    lock = json.loads((project_copy / "locks" / "revisions.json").read_text(encoding="utf-8"))
    assert lock["revisions"]["4.0"]["errata"] == ["2026-01-10 Stycke malgrupper-2: felskrivet ord rättat."]
    replace_in(project_copy / REVISION_40, "Socialstyrelsens ordbok", "Socialstyrelsens lexikon")
    assert build_project(project_copy).returncode == 1, "a second change needs a second erratum"


def test_rewrapped_lines_are_no_change(project_copy):
    replace_in(project_copy / REVISION_40, "Definitioner i Socialstyrelsens termbank:",
               "Definitioner i\nSocialstyrelsens   termbank:")
    assert run_script("check.py", project_copy).returncode == 0


def test_lost_anchor_stops_the_build_even_with_an_erratum(project_copy):
    file = project_copy / REVISION_40
    # Drop the last paragraph of the preamble: anchor inledning-text-3 disappears.
    replace_in(file, "Nästa uppdatering planeras år 2023-2024\n\n", "")
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, description: Stycke borttaget.}\ndecisions:\n")
    result = build_project(project_copy)
    assert result.returncode == 1
    body_line = file.read_text(encoding="utf-8").split("\n").index("---", 1) + 2
    assert f"{REVISION_40}:{body_line}: anchor 'inledning-text-3' of adopted revision '4.0' has disappeared" in result.stderr
    checked = run_script("check.py", project_copy)
    assert error_lines(checked.stderr) == error_lines(result.stderr)


def test_renamed_section_id_loses_its_anchors(project_copy):
    replace_in(project_copy / REVISION_40, "{#syfte}", "{#syftet}")
    result = build_project(project_copy)
    assert result.returncode == 1
    assert "anchor 'syfte-1' of adopted revision '4.0' has disappeared" in result.stderr


def test_check_reports_source_errors_like_the_build(project_copy):
    replace_in(project_copy / REVISION_40, "status: adopted", "status: antagen")
    replace_in(project_copy / "docs/revisioner/2025/index.md", "date: 2025-09-25", "date: 2025-13-25")
    built = build_project(project_copy)
    checked = run_script("check.py", project_copy)
    assert built.returncode == checked.returncode == 1
    errors = error_lines(built.stderr)
    assert len(errors) == 2
    assert error_lines(checked.stderr) == errors
    assert errors[0].startswith("docs/revisioner/2025/index.md:") and errors[1].startswith(f"{REVISION_40}:{line_of(project_copy / REVISION_40, 'status:')}: ")


def test_check_passes_on_the_real_sources():
    result = run_script("check.py", ROOT)
    assert result.returncode == 0, result.stderr
    assert "3 versioner" in result.stdout


def test_lock_refuses_revisions_not_adopted(project_copy):
    before = (project_copy / "locks" / "revisions.json").read_bytes()
    result = run_script("lock.py", project_copy, "2025")
    assert result.returncode == 1 and "status proposed" in result.stderr
    result = run_script("lock.py", project_copy, "9.9")
    assert result.returncode == 1 and "ingen version '9.9'" in result.stderr
    assert (project_copy / "locks" / "revisions.json").read_bytes() == before

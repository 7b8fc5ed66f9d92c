"""Adopted revisions are frozen: a changed word or a lost anchor stops the
build (naming the file and line), an `errata` entry lets a correction through,
and scripts/check.py reports exactly what the build reports."""
from __future__ import annotations

import hashlib
import json
import re

from conftest import ROOT, build_project, read_html
from editors_support import error_lines, line_of, replace_in, run_script
from trust_support import refused_build

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
        # The status the revision had when it was locked, as its front matter says.
        front_matter = (ROOT / "docs" / "revisioner" / revision_id / "index.md").read_text(encoding="utf-8")
        assert f"\nstatus: {lock[revision_id]['status']}\n" in front_matter.split("\n---\n", 1)[0]
    assert lock["4.0"]["status"] == "adopted" and lock["2014-2016"]["status"] == "superseded"
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
                      f"{{date, section: malgrupper, description}} and run scripts/lock.py 4.0"]
    assert (site / "marker.txt").read_text() == "previous site", "the previous site is untouched"
    # check.py says the same, without building.
    checked = run_script("check.py", project_copy)
    assert checked.returncode == 1 and error_lines(checked.stderr) == errors
    # lock.py refuses to record the change without an erratum.
    refused = run_script("lock.py", project_copy, "4.0")
    assert refused.returncode == 1 and error_lines(refused.stderr) == errors

    replace_in(project_copy / REVISION_40, "decisions:\n",
               "errata:\n  - {date: 2026-01-10, section: malgrupper, description: \"Stycke malgrupper-2: felskrivet ord rättat.\"}\ndecisions:\n")
    result = build_project(project_copy)
    assert result.returncode == 0, result.stderr
    assert "felskrivet ord rättat" in (site / "revisioner" / "4.0" / "index.html").read_text(encoding="utf-8")
    published = json.loads((site / "revisioner" / "4.0" / "index.json").read_text(encoding="utf-8"))
    assert published["errata"] == [
        {"date": "2026-01-10", "section": "malgrupper", "description": "Stycke malgrupper-2: felskrivet ord rättat."}]
    # Recording the correction makes it the new frozen text.
    locked = run_script("lock.py", project_copy, "4.0")
    assert locked.returncode == 0, locked.stderr
    lock = json.loads((project_copy / "locks" / "revisions.json").read_text(encoding="utf-8"))
    assert lock["revisions"]["4.0"]["errata"] == [
        {"date": "2026-01-10", "section": "malgrupper", "description": "Stycke malgrupper-2: felskrivet ord rättat."}]
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
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, section: inledning-text, description: Stycke borttaget.}\ndecisions:\n")
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


LOCK = "locks/revisions.json"


def test_adopted_status_cannot_go_back(project_copy):
    replace_in(project_copy / REVISION_40, "status: adopted", "status: draft")
    errors, _ = refused_build(project_copy)
    line = line_of(project_copy / REVISION_40, "status:")
    assert errors == [f"{REVISION_40}:{line}: revision '4.0' is locked as adopted ({LOCK}): its status cannot go back "
                      f"to draft; an adopted revision stays adopted or becomes superseded"]


def test_adopted_may_become_superseded(project_copy):
    replace_in(project_copy / REVISION_40, "status: adopted", "status: superseded")
    result = run_script("check.py", project_copy)
    assert result.returncode == 0, result.stderr


def test_superseded_cannot_become_adopted_again(project_copy):
    file = project_copy / "docs/revisioner/2014-2016/index.md"
    replace_in(file, "status: superseded", "status: adopted")
    errors, _ = refused_build(project_copy)
    assert errors == [f"docs/revisioner/2014-2016/index.md:{line_of(file, 'status:')}: revision '2014-2016' is locked "
                      f"as superseded ({LOCK}): its status cannot go back to adopted; an adopted revision stays "
                      f"adopted or becomes superseded"]


def test_the_lock_must_hold_every_adopted_revision(project_copy):
    lock_file = project_copy / LOCK
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    del lock["revisions"]["4.0"]
    lock_file.write_text(json.dumps(lock, indent=2), encoding="utf-8")
    # With its entry gone, the text could change: the build refuses at once.
    replace_in(project_copy / REVISION_40, WORD, "Definitioner i Socialstyrelsens ordbok:")
    errors, _ = refused_build(project_copy)
    line = line_of(project_copy / REVISION_40, "status:")
    assert errors == [f"{REVISION_40}:{line}: revision '4.0' is adopted but has no entry in {LOCK}: an adopted text "
                      f"is frozen there; run scripts/lock.py 4.0 (or restore its entry)"]


def test_an_erratum_unlocks_only_the_section_it_names(project_copy):
    file = project_copy / REVISION_40
    replace_in(file, WORD, "Definitioner i Socialstyrelsens ordbok:")  # section malgrupper
    replace_in(file, "Syftet med överenskommelsen", "Målet med överenskommelsen")  # section syfte
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, section: malgrupper, description: Ord rättat.}\ndecisions:\n")
    errors, _ = refused_build(project_copy)
    assert errors == [f"{REVISION_40}:{line_of(file, '{#syfte}')}: the text of adopted revision '4.0' has changed in "
                      f"section 'syfte' since it was locked ({LOCK}): an adopted text is frozen; undo the change, or "
                      f"record it as a correction with a new 'errata' entry {{date, section: syfte, description}} "
                      f"and run scripts/lock.py 4.0"]


def test_a_recorded_erratum_unlocks_nothing_more(project_copy):
    file = project_copy / REVISION_40
    replace_in(file, WORD, "Definitioner i Socialstyrelsens ordbok:")
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, section: malgrupper, description: Ord rättat.}\ndecisions:\n")
    assert run_script("lock.py", project_copy, "4.0").returncode == 0
    # Removing the recorded erratum, or changing the section again, is refused.
    replace_in(file, "Socialstyrelsens ordbok", "Socialstyrelsens lexikon")
    replace_in(file, "  - {date: 2026-01-10, section: malgrupper, description: Ord rättat.}\n", "")
    errors, _ = refused_build(project_copy)
    assert errors == [
        f"{REVISION_40}:{line_of(file, 'errata:')}: the erratum of 2026-01-10 on section 'malgrupper' recorded in "
        f"{LOCK} is missing or changed: a recorded correction stays as it was",
        f"{REVISION_40}:{line_of(file, '{#malgrupper}')}: the text of adopted revision '4.0' has changed in section "
        f"'malgrupper' since it was locked ({LOCK}): an adopted text is frozen; undo the change, or record it as a "
        f"correction with a new 'errata' entry {{date, section: malgrupper, description}} and run scripts/lock.py 4.0",
    ]


def test_an_erratum_must_name_a_section_of_the_revision(project_copy):
    file = project_copy / REVISION_40
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, section: saknas, description: Ord rättat.}\ndecisions:\n")
    errors, _ = refused_build(project_copy)
    line = line_of(file, "section: saknas")
    assert len(errors) == 1 and errors[0].startswith(
        f"{REVISION_40}:{line}: erratum of 2026-01-10 names section 'saknas', which this revision does not have "
        f"(sections: inledning-text, inledning, ")


def test_an_erratum_without_its_section_is_refused(project_copy):
    file = project_copy / REVISION_40
    replace_in(file, "decisions:\n", "errata:\n  - {date: 2026-01-10, description: Ord rättat.}\ndecisions:\n")
    errors, _ = refused_build(project_copy)
    assert errors == [f"{REVISION_40}:{line_of(file, 'description: Ord')}: 'errata' lacks required key 'section'"]


def test_wrong_type_in_the_lock_file(project_copy):
    lock_file = project_copy / LOCK
    text = lock_file.read_text(encoding="utf-8")
    start = text.index('"4.0": {')
    anchors = text.index('"anchors": [', start)
    end = text.index("]", anchors)
    lock_file.write_text(text[:anchors] + '"anchors": "malgrupper-1"' + text[end + 1:], encoding="utf-8")
    before = lock_file.read_bytes()
    errors, _ = refused_build(project_copy)
    line = line_of(lock_file, '"anchors": "malgrupper-1"')
    expected = [f"{LOCK}:{line}: entry '4.0' 'anchors' must be a list of anchor ids; "
                "write the lock with scripts/lock.py, never by hand"]
    assert errors == expected
    refused = run_script("lock.py", project_copy, "4.0")
    assert refused.returncode == 1 and error_lines(refused.stderr) == expected
    assert "Traceback" not in refused.stderr and lock_file.read_bytes() == before


def test_lock_records_a_newly_adopted_revision(project_copy):
    # 2025 adopted, 4.0 superseded: the build refuses until scripts/lock.py 2025 runs.
    replace_in(project_copy / "docs/revisioner/2025/index.md", "status: proposed", "status: adopted")
    replace_in(project_copy / REVISION_40, "status: adopted", "status: superseded")
    checked = run_script("check.py", project_copy)
    assert checked.returncode == 1 and "revision '2025' is adopted but has no entry" in checked.stderr
    locked = run_script("lock.py", project_copy, "2025")
    assert locked.returncode == 0, locked.stderr
    lock = json.loads((project_copy / LOCK).read_text(encoding="utf-8"))
    assert lock["format"] == 2 and lock["revisions"]["2025"]["status"] == "adopted"
    assert run_script("check.py", project_copy).returncode == 0

"""scripts/import_revision.py: a working group's document becomes a revision
with the ids of the previous full text; bad documents are refused with nothing
written; a revision exported as .docx imports back to the same Markdown."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build_project, read_html
from editors_support import DRAFT_ID, run_script

DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
EXPECTED = (DOCUMENTS / "utkast.md").read_text(encoding="utf-8")
# What the test edits did to 4.0 (tests/fixtures/documents/make_fixtures.py).
# Jämtbus and the section before it swapped places: the diff calls one of the two moved.
EDITED = {"syfte": "changed", "digital-samverkan": "added", "elevhalsa": "removed",
          "hantering-av-oenigheter": "changed"}
SWAPPED = {"jamtbus", "overenskommelse-riskbruk-missbruk-beroende"}


RE_HEADING = re.compile(r"^(#+ .*\{#[a-z0-9-]+\})$", re.M)
RE_SECTION_ID = re.compile(r"\{#([a-z0-9-]+)\}")
RE_MARKUP = re.compile(r"\*\*|\]\([^)]*\)|[\[<>*\\]")


def words_of(markdown: str) -> list[str]:
    """The words of Markdown without its marks: links, emphasis, heading ids."""
    return RE_MARKUP.sub("", re.sub(r"\{#[a-z0-9-]+\}", "", markdown)).split()


def tree(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes()
            for part in ("docs", "sources") for p in sorted((project / part).rglob("*")) if p.is_file()}


def body_of(file: Path) -> str:
    return file.read_text(encoding="utf-8").split("---\n", 2)[2]


def headings(markdown: str) -> list[str]:
    return [heading.replace("**", "") for heading in RE_HEADING.findall(markdown)]


@pytest.mark.parametrize("name", ["utkast.docx", "utkast.odt", "utkast.pdf"])
def test_import_keeps_ids_builds_and_diffs_exactly_the_edits(project_copy, name):
    result = run_script("import_revision.py", project_copy, str(DOCUMENTS / name), "--id", DRAFT_ID)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)  # the report: coverage and id matches
    assert "#syfte: id behållet, rubriken ändrad från 'Syfte' till 'Överenskommelsens syfte'" in result.stdout
    assert "#digital-samverkan: nytt id" in result.stdout
    assert "#elevhalsa: fanns i föregående version, hittades inte här" in result.stdout
    assert "(100,0 %" in result.stdout
    page = project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md"
    if name.endswith(".pdf"):
        # A PDF keeps no links, nor bold in a heading; its words, headings, levels and ids are the same.
        body = body_of(page)
        assert headings(body) == headings(EXPECTED)
        assert words_of(body) == words_of(EXPECTED)
        for kind, count in (("titelsida", 6), ("innehållsförteckning", 28), ("sidhuvud", 16), ("sidnummer", 16)):
            assert f"{kind} ({count})" in result.stdout
    else:
        # LibreOffice's Word export adds a slash to one bare host name; nothing else differs.
        assert body_of(page).replace("http://www.jlbz.se/)", "http://www.jlbz.se)") == EXPECTED
    front = page.read_text(encoding="utf-8")
    assert f"source_file: sources/{DRAFT_ID}-{name}" in front and "source_sha256: " in front
    site = project_copy / "site"
    built = build_project(project_copy, site)
    assert built.returncode == 0, built.stdout + built.stderr
    page_html = read_html(site, f"revisioner/{DRAFT_ID}/")
    assert [a.get("href") for a in page_html.cssselect("a.docx-download")] == [f"overenskommelse-{DRAFT_ID}.docx"]
    assert (site / "revisioner" / DRAFT_ID / f"overenskommelse-{DRAFT_ID}.docx").read_bytes()[:2] == b"PK"
    original = [(a.get("href"), a.text_content()) for a in page_html.cssselect("a.original-download")]
    if name.endswith(".pdf"):  # the adopted document as published, byte for byte
        assert original == [("originaldokument.pdf", "Originaldokumentet")]
        assert ((site / "revisioner" / DRAFT_ID / "originaldokument.pdf").read_bytes()
                == (DOCUMENTS / name).read_bytes())
    else:  # a Word or ODT draft is kept in sources/, not published
        assert original == [] and not list((site / "revisioner" / DRAFT_ID).glob("originaldokument.*"))
    html = read_html(site, f"jamfor/4.0--{DRAFT_ID}/")
    changes = {el.get("data-section"): el.get("data-change") for el in html.cssselect("[data-section]")}
    edits = {k: v for k, v in changes.items() if v != "unchanged"}
    moved = {k for k, v in edits.items() if v == "moved"}
    assert len(moved) == 1 and moved <= SWAPPED
    assert {k: v for k, v in edits.items() if k not in moved} == EDITED


def test_kept_word_document_has_no_personal_properties(project_copy):
    result = run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.docx"), "--id", DRAFT_ID)
    assert result.returncode == 0, result.stderr
    import zipfile
    with zipfile.ZipFile(project_copy / "sources" / f"{DRAFT_ID}-utkast.docx") as kept:
        core = kept.read("docProps/core.xml")
        document = kept.read("word/document.xml")
    assert b"creator" not in core and b"lastModifiedBy" not in core and b"w:rsid" not in document


def test_build_refuses_a_kept_document_that_changed(project_copy):
    assert run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.odt"), "--id", DRAFT_ID).returncode == 0
    kept = project_copy / "sources" / f"{DRAFT_ID}-utkast.odt"
    kept.write_bytes(kept.read_bytes() + b"x")
    result = run_script("check.py", project_copy)
    assert result.returncode == 1 and "does not match source_sha256" in result.stderr


@pytest.mark.parametrize("name, content, message", [
    ("tom.docx", b"", "är tom"),
    ("text.docx", b"inte ett dokument", "är inget Word-dokument"),
    ("text.pdf", b"hej", "är ingen PDF"),
    ("sparade-andringar.docx", None, "spårade ändringar"),
    ("krypterad.pdf", None, "krypterad"),
    ("inskannad.pdf", None, "inget textlager"),
])
def test_bad_documents_are_refused_with_nothing_written(project_copy, tmp_path, name, content, message):
    document = DOCUMENTS / name if content is None else tmp_path / name
    if content is not None:
        document.write_bytes(content)
    before = tree(project_copy)
    result = run_script("import_revision.py", project_copy, str(document), "--id", DRAFT_ID)
    assert result.returncode == 1
    assert message in result.stderr and "Inget har skrivits" in result.stderr and "Traceback" not in result.stderr
    assert tree(project_copy) == before


def test_taken_id_is_refused(project_copy):
    before = tree(project_copy)
    result = run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.odt"), "--id", "4.0")
    assert result.returncode == 1 and "redan taget" in result.stderr
    assert tree(project_copy) == before


def test_replace_keeps_the_drafts_ids_and_comment_period(project_copy):
    assert run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.odt"), "--id", DRAFT_ID).returncode == 0
    page = project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md"
    first = page.read_text(encoding="utf-8")
    result = run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.docx"), "--id", DRAFT_ID, "--replace")
    assert result.returncode == 0, result.stderr
    second = page.read_text(encoding="utf-8")
    assert "#digital-samverkan: id behållet" in result.stdout
    assert [line for line in first.splitlines() if "until:" in line] == [line for line in second.splitlines() if "until:" in line]
    assert not (project_copy / "sources" / f"{DRAFT_ID}-utkast.odt").exists()
    refused = run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.docx"), "--id", "4.0", "--replace")
    assert refused.returncode == 1 and "ersätts aldrig" in refused.stderr


def test_exported_docx_imports_back_to_the_same_markdown_and_ids(project_copy, tmp_path):
    import sys
    sys.path.insert(0, str(ROOT / "hooks"))
    from agreement.outputs.docx import revision_docx
    from agreement.sources.revisions import load_revisions
    from agreement.text.render import make_renderer
    revision = load_revisions(project_copy / "docs").get("4.0")
    exported = tmp_path / "4.0.docx"
    exported.write_bytes(revision_docx(revision.title, make_renderer()(revision.body)))
    result = run_script("import_revision.py", project_copy, str(exported), "--id", DRAFT_ID)
    assert result.returncode == 0, result.stderr
    assert body_of(project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md") == revision.body


def test_the_sites_own_pdf_imports_back_with_every_id(project_copy):
    """The site's 4.0 PDF (scripts/build.py, section ids printed beside the headings)
    gives back 4.0's words in order and every section id of 4.0."""
    import difflib
    result = run_script("import_revision.py", project_copy, str(DOCUMENTS / "overenskommelse-4.0.pdf"),
                        "--id", DRAFT_ID)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    original = body_of(project_copy / "docs" / "revisioner" / "4.0" / "index.md")
    imported = body_of(project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md")
    assert RE_SECTION_ID.findall(imported) == RE_SECTION_ID.findall(original)
    old, new = words_of(original), words_of(imported)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    print(f"4.0's words in order: {in_order} of {len(old)} ({in_order / len(old):.2%})")
    assert in_order / len(old) >= 0.99
    assert "nytt id" not in result.stdout and "hittades inte här" not in result.stdout
    assert "titelsida (16)" in result.stdout and "sidnummer (13)" in result.stdout


def test_the_built_docx_imports_back_to_the_same_markdown_and_ids(project_copy):
    """The way back: the .docx the site offers beside 4.0 gives 4.0's Markdown again."""
    site = project_copy / "site"
    built = build_project(project_copy, site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert [a.get("href") for a in read_html(site, "revisioner/4.0/").cssselect("a.docx-download")] == [
        "overenskommelse-4.0.docx"]
    assert read_html(site, "revisioner/4.0/").cssselect("a.original-download") == []
    result = run_script("import_revision.py", project_copy, str(site / "revisioner" / "4.0" / "overenskommelse-4.0.docx"),
                        "--id", DRAFT_ID)
    assert result.returncode == 0, result.stderr
    revision_body = body_of(project_copy / "docs" / "revisioner" / "4.0" / "index.md")
    assert body_of(project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md") == revision_body


def test_lock_covers_the_kept_document_once_adopted(project_copy):
    import hashlib
    import json
    assert run_script("import_revision.py", project_copy, str(DOCUMENTS / "utkast.pdf"), "--id", DRAFT_ID).returncode == 0
    page = project_copy / "docs" / "revisioner" / DRAFT_ID / "index.md"
    import yaml
    front, body = page.read_text(encoding="utf-8").split("---\n", 2)[1:]
    data = yaml.safe_load(front)
    data.pop("comments", None)
    data.update(status="adopted", adopted="2026-12")
    page.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")
    locked = run_script("lock.py", project_copy, DRAFT_ID)
    assert locked.returncode == 0, locked.stdout + locked.stderr
    kept = project_copy / "sources" / f"{DRAFT_ID}-utkast.pdf"
    checksum = hashlib.sha256(kept.read_bytes()).hexdigest()
    lock = json.loads((project_copy / "locks" / "revisions.json").read_text(encoding="utf-8"))
    assert lock["revisions"][DRAFT_ID]["source_sha256"] == checksum
    # Another document with its checksum updated to match: the lock still tells.
    kept.write_bytes(kept.read_bytes() + b"\n% changed\n")
    page.write_text(page.read_text(encoding="utf-8").replace(checksum, hashlib.sha256(kept.read_bytes()).hexdigest()),
                    encoding="utf-8")
    result = run_script("check.py", project_copy)
    assert result.returncode == 1
    assert f"the document adopted revision '{DRAFT_ID}' was imported from has changed since it was locked" in result.stderr

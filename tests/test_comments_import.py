"""Comments as the registrar has them (a mailbox with threads, a reply quoting
the original, HTML-only and Windows-1252 mail, an attachment, a message with
no anchor, duplicates; the registrar's CSV; a GitHub export) imported into the
answers file: every comment placed or listed, none twice, nothing personal."""
from __future__ import annotations

import pytest
import yaml

from agreement.editors.privacy import strip_personal
from conftest import ROOT, build_project, copy_project, read_html
from editors_support import DRAFT_ID, replace_in, run_script, scaffold_draft

MAIL = ROOT / "tests" / "fixtures" / "synpunkter-mail"
GITHUB = ROOT / "tests" / "fixtures" / "synpunkter.json"
PERSONAL = ("anna@example.se", "070-123", "Anna Andersson", "Kalle", "19121212", "063-14 75 00",
            "kalle@privat.example", "info@aao.example")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("mail") / "project")
    scaffold_draft(project)
    result = run_script("import_comments.py", project, str(MAIL / "inkorg.mbox"), str(MAIL / "diariet.csv"), str(GITHUB))
    assert result.returncode == 0, result.stderr
    answers = project / "docs" / "revisioner" / DRAFT_ID / "synpunkter.yml"
    return project, result, answers


def entries_of(answers):
    return yaml.safe_load(answers.read_text(encoding="utf-8"))["comments"]


def test_every_comment_is_placed_or_listed_and_none_twice(imported):
    _, result, answers = imported
    entries = entries_of(answers)
    refs = [e["ref"] for e in entries]
    assert len(refs) == len(set(refs))
    by_ref = {e["ref"]: e for e in entries}
    # The thread (comment, the region's receipt quoting it, the sender's addition) is one comment,
    # numbered by the registrar's CSV row that names its Message-ID.
    thread = by_ref["RS/2026:101"]
    assert thread["paragraphs"] == [{"anchor": "malgrupper-2", "text": "Definitioner i Socialstyrelsens termbank:"}]
    assert "enklare ord" in thread["text"] and "samsjuklighet" in thread["text"]
    assert "diariefört" not in thread["text"], "the region's own reply is not part of the comment"
    assert thread["organisation"] == "Brukarföreningen Test" and thread["name_consent"] is True
    texts = "\n".join(e["text"] for e in entries)
    assert texts.count("behöver enklare ord") == 1 and texts.count("målgrupperna ska nämnas tidigare") == 1
    html_only = next(e for e in entries if "målgrupperna" in e["text"])
    assert html_only["sender"] == "private" and "organisation" not in html_only
    assert html_only["paragraphs"][0]["anchor"] == "inledning-3"
    cp1252 = next(e for e in entries if "Remissvar" in e["text"])
    assert "Föreningen Åäö" in cp1252["text"] and "samråd" in cp1252["text"]
    assert cp1252["paragraphs"] == [], "a remissvar on the whole draft"
    assert by_ref["RS/2026:102"]["route"] == "post"
    assert {"github-101", "github-102", "github-103"} <= set(refs)
    assert all(e["publish"] is False for e in entries)
    report = result.stderr
    assert "meddelande 7: dubblett (samma Message-ID" in report
    assert "meddelande 8: dubblett av" in report and "meddelande 4" in report
    assert "meddelande 6: kunde inte placeras" in report
    assert "bilagan 'remissvar.pdf' läses inte" in report
    assert "diariet.csv:4: kunde inte placeras" in report
    assert "(#104): hör inte hit" in report
    assert len(entries) == 4 + 3  # mail and letters, GitHub


def test_nothing_personal_in_the_answers_file(imported):
    _, _, answers = imported
    text = answers.read_text(encoding="utf-8")
    for personal in PERSONAL:
        assert personal not in text


def test_import_again_keeps_entries_and_adds_nothing_twice(imported):
    project, _, answers = imported
    before = answers.read_text(encoding="utf-8")
    again = run_script("import_comments.py", project, str(MAIL / "inkorg.mbox"), str(MAIL / "diariet.csv"))
    assert again.returncode == 0, again.stderr
    assert answers.read_text(encoding="utf-8") == before
    assert "finns redan i filen (RS/2026:101)" in again.stderr


def test_msg_is_refused_and_nothing_written(imported, tmp_path):
    project, _, answers = imported
    before = answers.read_bytes()
    msg = tmp_path / "brev.msg"
    msg.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_script("import_comments.py", project, str(msg))
    assert result.returncode == 1 and "Outlook .msg läses inte" in result.stderr
    assert answers.read_bytes() == before


def test_published_page_shows_approved_text_without_personal_data(imported, tmp_path):
    project, _, answers = imported
    text = answers.read_text(encoding="utf-8").replace("publish: false", "publish: true")
    text = text.replace("    publish: true\n", "    publish: true\n    decision: beaktad\n    reason: Vi tar med det.\n", 1)
    answers.write_text(text, encoding="utf-8")
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = read_html(tmp_path / "site", f"revisioner/{DRAFT_ID}/synpunkter/")
    content = page.text_content()
    for personal in PERSONAL:
        assert personal not in content
    assert "Ring oss på [telefonnummer borttaget]" in content
    assert "Anhörigföreningen Test" not in content, "no consent: not named"
    assert "Brukarföreningen Test" in content
    para = page.cssselect('.comment-compilation__paragraph[data-anchor="malgrupper-2"]')[0]
    assert "enklare ord" in para.text_content() and "Beaktad" in para.text_content()
    totals = page.cssselect(".comment-compilation__totals")[0].text_content()
    assert "Totalt 7 synpunkter" in totals and "Beaktad: 1" in totals and "inte besvarad än: 6" in totals
    assert "Privatpersoners namn publiceras aldrig" in content
    assert not (tmp_path / "site" / "revisioner" / DRAFT_ID / "synpunkter.yml").exists()


@pytest.mark.parametrize("text, expected", [
    ("Ring 063-14 75 00 eller +46 70 123 45 67", "Ring [telefonnummer borttaget] eller [telefonnummer borttaget]"),
    ("pnr 19121212-1212 och 121212+1212", "pnr [personnummer borttaget] och [personnummer borttaget]"),
    ("mejla a.b+c@ex-ample.se nu", "mejla [e-postadress borttagen] nu"),
    ("SFS 2017:612, 5 kap. 8 a §, 2026-02-01, 2014-2016", "SFS 2017:612, 5 kap. 8 a §, 2026-02-01, 2014-2016"),
])
def test_personal_data_is_stripped_from_published_text(text, expected):
    assert strip_personal(text) == expected

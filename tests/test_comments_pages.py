"""What a reader sees of comments: the compiled page with its answers, the
notes on the next draft about comments on the one before, the revision's
JSON totals and the feed entry; reachable by keyboard and passing axe."""
from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from conftest import build_project, copy_project, read_html, serve_dir
from editors_support import DRAFT_ID, replace_in, run_script, scaffold_draft

NEXT_ID = "2028"
ANSWERS = """updated: 2026-01-10
comments:
  - ref: RS/2026:1
    route: email
    received: 2026-01-05
    sender: organisation
    organisation: Föreningen Test
    name_consent: true
    paragraphs:
      - anchor: malgrupper-2
        text: "Definitioner i Socialstyrelsens termbank:"
    text: Förklara definitionerna. Ring 070-123 45 67.
    publish: true
    decision: delvis beaktad
    reason: Vi har lagt till en förklaring.
  - ref: RS/2026:2
    route: post
    sender: private
    paragraphs:
      - anchor: inledning-3
        text: Vilka målgrupper som omfattas
    text: Målgrupperna först.
    publish: true
  - ref: RS/2026:3
    route: email
    sender: private
    paragraphs: []
    text: Om hela utkastet, från Anna.
    publish: false
    same_as: RS/2026:1
"""


@pytest.fixture(scope="module")
def two_drafts(tmp_path_factory):
    """Draft 2027 with answers, proposed; then draft 2028 with one commented paragraph changed."""
    project = copy_project(tmp_path_factory.mktemp("carried") / "project")
    first = scaffold_draft(project)
    (first.parent / "synpunkter.yml").write_text(ANSWERS, encoding="utf-8")
    replace_in(first, "status: draft", "status: proposed")
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r"^comments:\n(?:  .*\n)+", "", text, count=1, flags=re.M), encoding="utf-8")
    second = scaffold_draft(project, NEXT_ID)
    replace_in(second, "Definitioner i Socialstyrelsens termbank:", "Definitioner i Socialstyrelsens termbank, förklarade:")
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_next_draft_notes_comments_on_the_previous_one(two_drafts):
    page = read_html(two_drafts, f"revisioner/{NEXT_ID}/")
    changed = page.get_element_by_id("malgrupper-2").cssselect(".carried-comments")
    assert len(changed) == 1
    assert changed[0].text_content() == "1 synpunkt på föregående utkast, ändrat sedan dess"
    assert changed[0].cssselect("a")[0].get("href") == f"../{DRAFT_ID}/synpunkter/#synpunkter-malgrupper-2"
    same = page.get_element_by_id("inledning-3").cssselect(".carried-comments")[0]
    assert same.text_content() == "1 synpunkt på föregående utkast" and same.get("data-changed") == "false"
    assert len(page.cssselect(".carried-comments")) == 2
    compiled = read_html(two_drafts, f"revisioner/{DRAFT_ID}/synpunkter/")
    group = compiled.cssselect('.comment-compilation__paragraph[data-anchor="malgrupper-2"]')[0]
    later = group.cssselect(".comment-compilation__later a")[0]
    assert later.text_content() == f"Ändrat i Utkast {NEXT_ID}"
    assert later.get("href") == f"../../../jamfor/{DRAFT_ID}--{NEXT_ID}/#rad-malgrupper-2"
    diff = read_html(two_drafts, f"jamfor/{DRAFT_ID}--{NEXT_ID}/")
    assert diff.get_element_by_id("rad-malgrupper-2") is not None, "the link lands on the paragraph's row"
    same = compiled.cssselect('.comment-compilation__paragraph[data-anchor="inledning-3"] .comment-compilation__later')[0]
    assert same.text_content() == f"Oförändrat i Utkast {NEXT_ID}"


def test_compiled_page_totals_answers_and_privacy(two_drafts):
    page = read_html(two_drafts, f"revisioner/{DRAFT_ID}/synpunkter/")
    totals = [li.text_content() for li in page.cssselect(".comment-compilation__totals li")]
    assert totals == ["Beaktad: 0", "Delvis beaktad: 2", "Ej beaktad: 0", "Besvarad: 0", "inte besvarad än: 1"]
    first = page.get_element_by_id("synpunkt-rs-2026-1")
    assert "Föreningen Test" in first.text_content() and "Vi har lagt till en förklaring." in first.text_content()
    assert "[telefonnummer borttaget]" in first.text_content() and "070-123" not in first.text_content()
    unanswered = page.get_element_by_id("synpunkt-rs-2026-2")
    assert "inte besvarad än" in unanswered.text_content() and unanswered.get("data-answered") == "false"
    assert "Privatperson" in unanswered.text_content()
    whole = page.cssselect('.comment-compilation__paragraph[data-anchor=""]')[0]
    assert "Anna" not in whole.text_content() and "inte publicerad" in whole.text_content()
    assert "Besvaras tillsammans med" in whole.text_content()


def test_revision_json_and_feed_carry_the_compilation(two_drafts):
    document = json.loads((two_drafts / "revisioner" / DRAFT_ID / "index.json").read_text(encoding="utf-8"))
    assert document["comment_answers"]["total"] == 3
    assert document["comment_answers"]["decisions"]["delvis beaktad"] == 2
    assert document["comment_answers"]["not_answered"] == 1
    assert document["comment_answers"]["url"].endswith(f"revisioner/{DRAFT_ID}/synpunkter/")
    assert "comment_answers" not in json.loads((two_drafts / "revisioner" / "4.0" / "index.json").read_text(encoding="utf-8"))
    feed = etree.parse(str(two_drafts / "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = [e for e in feed.findall("a:entry", ns) if "Sammanställning av synpunkter" in e.findtext("a:title", namespaces=ns)]
    assert len(entry) == 1
    assert entry[0].findtext("a:updated", namespaces=ns) == "2026-01-10T00:00:00Z"
    assert entry[0].find("a:link", ns).get("href").endswith(f"revisioner/{DRAFT_ID}/synpunkter/")


def test_email_link_in_the_browser_names_the_paragraph_and_its_explanation(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    scaffold_draft(project)
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    server, url = serve_dir(project / "site")
    try:
        page = browser.new_page()
        page.goto(url + f"revisioner/{DRAFT_ID}/")
        link = page.get_by_role("link", name="Lämna synpunkt på stycke malgrupper-2")
        href = link.get_attribute("href")
        subject = page.evaluate("h => new URL(h).searchParams.get('subject')", href)
        body = page.evaluate("h => new URL(h).searchParams.get('body')", href)
        assert subject == f"Synpunkt på Utkast {DRAFT_ID}, Målgrupper, stycke 2"
        assert f"/revisioner/{DRAFT_ID}/#malgrupper-2" in body and "Definitioner i Socialstyrelsens termbank:" in body
        description = page.evaluate(
            "el => el.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' ')", link.element_handle())
        assert "e-postmeddelande till regionen" in description and "allmän handling" in description
        assert "Vart synpunkten går och hur personuppgifter hanteras" in description
        page.close()
    finally:
        server.shutdown()


def _tab_to(page, selector: str, limit: int = 400) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.parametrize("path, selector", [
    (f"revisioner/{DRAFT_ID}/synpunkter/", "#synpunkter-malgrupper-2 a"),
    (f"revisioner/{NEXT_ID}/", ".carried-comments a"),
])
def test_keyboard_reaches_and_axe_passes(two_drafts, browser, path, selector):
    from axe_playwright_python.sync_playwright import Axe
    server, url = serve_dir(two_drafts)
    try:
        page = browser.new_page()
        page.goto(url + path)
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        include = ".md-content" if "synpunkter" in path else ".carried-comments"
        results = Axe().run(page, context={"include": [[include]]}, options=options)
        violations = results.response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        assert "link-name" in {r["id"] for r in results.response["passes"]}
        # After axe: the theme's focus colour on a focused link is the theme's, checked elsewhere.
        assert _tab_to(page, selector), f"Tab never reached {selector}"
        page.close()
    finally:
        server.shutdown()

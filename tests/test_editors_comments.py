"""Drafts open for comments: the banner, a comment link on every paragraph and
list item while the period is open, none after it, an e-mail alternative, and
the compilation of imported comments."""
from __future__ import annotations

import datetime as _dt
import json
import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from agreement.editors.comment_forms import FIELDS, parse_form_body
from agreement.page.comment_links import CommentTarget, excerpt
from conftest import ROOT, build_project, copy_project, read_html, serve_dir
from editors_support import DRAFT_ID, replace_in, run_script, scaffold_draft

FIXTURE = ROOT / "tests" / "fixtures" / "synpunkter.json"
UNTIL = _dt.date(2026, 1, 15) + _dt.timedelta(days=60)  # BUILD_DATE + default_days


@pytest.fixture(scope="module")
def draft_project(tmp_path_factory):
    """A copy of the project with a scaffolded draft and the fixture comments imported."""
    project = copy_project(tmp_path_factory.mktemp("draft") / "project")
    scaffold_draft(project)
    imported = run_script("import_comments.py", project, str(FIXTURE))
    assert imported.returncode == 0, imported.stderr
    return project, imported


@pytest.fixture(scope="module")
def draft_site(draft_project):
    project, _ = draft_project
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def blocks_of(page):
    return page.cssselect(".revision-text")[0].xpath(".//p | .//li")


def own_comment_links(el):
    return el.xpath("./a[contains(concat(' ', @class, ' '), ' comment-link ')]")


def test_scaffolded_draft_follows_the_chain_and_opens_comments(draft_project):
    project, _ = draft_project
    text = (project / "docs" / "revisioner" / DRAFT_ID / "index.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["status"] == "draft" and front["previous"] == "2025" and front["text"] == "full"
    assert front["comments"] == {"open": True, "from": _dt.date(2026, 1, 15), "until": UNTIL}
    body_40 = (ROOT / "docs" / "revisioner" / "4.0" / "index.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert text.endswith(body_40), "the draft starts from the newest whole text, 4.0"


def mail_parts(href):
    """The address, subject and body of a mailto: link, decoded."""
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    return parts.path, query["subject"][0], query["body"][0]


def test_open_draft_has_banner_and_an_email_link_on_every_paragraph(draft_site):
    page = read_html(draft_site, f"revisioner/{DRAFT_ID}/")
    banner = page.cssselect(".comment-period")[0].text_content()
    assert "Öppet för synpunkter t.o.m. 16 mars 2026" in banner
    assert "Så lämnar du en synpunkt" in banner and "Vad händer med synpunkterna" in banner
    assert "e-postmeddelande" in banner and "allmän handling" in banner
    blocks = blocks_of(page)
    assert len(blocks) > 100
    for el in blocks:
        links = own_comment_links(el)
        assert len(links) == 1, f"{el.get('id')} has {len(links)} comment links"
        href = links[0].get("href")
        assert href.startswith("mailto:region@regionjh.se?") and links[0].get("data-route") == "email"
        assert len(href) <= 1800, f"{el.get('id')}: {len(href)} characters"
        _, subject, body = mail_parts(href)
        assert f"revisioner/{DRAFT_ID}/#{el.get('id')}" in body
        assert subject.startswith(f"Synpunkt på Utkast {DRAFT_ID}, ")
        assert subject.endswith(f", stycke {el.get('id').rsplit('-', 1)[1]}")
        # The accessible name is real text and says which paragraph; the note explains where it goes.
        assert links[0].text_content() == f"Lämna synpunkt på stycke {el.get('id')}"
        assert links[0].get("aria-describedby") == "synpunkt-forklaring"
    link = own_comment_links(page.get_element_by_id("malgrupper-2"))[0]
    address, subject, body = mail_parts(link.get("href"))
    assert address == "region@regionjh.se"
    assert subject == f"Synpunkt på Utkast {DRAFT_ID}, Målgrupper, stycke 2"
    assert f"Styckets permanenta adress: http://127.0.0.1:8000/revisioner/{DRAFT_ID}/#malgrupper-2" in body
    assert '"Definitioner i Socialstyrelsens termbank:"' in body
    for field in ("organisation eller privatperson", "Kontakt", "Synpunkt:", "publiceras med synpunkten"):
        assert field in body
    note = page.get_element_by_id("synpunkt-forklaring")
    assert note.cssselect("a")[0].get("href") == "../../lamna-synpunkter/"
    assert page.cssselect(".comment-period a")[-1].get("href") == "synpunkter/"


def test_a_long_paragraph_is_cut_so_the_link_fits():
    from agreement.page.comment_mail import MAILTO_LIMIT, mailto
    text = "Långt stycke med å, ä och ö " * 200
    href = mailto("region@regionjh.se", "Utkast 2027", "Målgrupper", 3,
                  "http://127.0.0.1:8000/revisioner/2027/#malgrupper-3", text)
    assert len(href) <= MAILTO_LIMIT
    _, subject, body = mail_parts(href)
    assert subject == "Synpunkt på Utkast 2027, Målgrupper, stycke 3"
    quoted = body.split('"')[1]
    assert quoted.endswith(" …") and text.startswith(quoted[:-2])
    assert len(href) > MAILTO_LIMIT - 60, "as much text as fits, not a fixed cut"
    assert "Får organisationens namn publiceras" in body, "the form is never cut"


def test_guide_page_says_where_comments_go_and_how_data_is_handled(draft_site):
    page = read_html(draft_site, "lamna-synpunkter/")
    text = page.text_content()
    assert "region@regionjh.se" in text and "Box 654, 831 27 Östersund" in text
    assert "allmän handling" in text and "Integritetsskyddsmyndigheten (IMY)" in text
    for term in ("Personuppgiftsansvarig", "Rättslig grund", "Hur länge", "Dina rättigheter"):
        assert term in text
    assert "Privatpersoners namn publiceras aldrig" in text
    assert page.cssselect('a[href="https://www.regionjh.se/gdpr"]')


def test_both_routes_give_two_links_in_order(tmp_path):
    project = copy_project(tmp_path / "project")
    scaffold_draft(project)
    replace_in(project / "mkdocs.yml", "routes: [email]", "routes: [email, github]")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    page = read_html(project / "site", f"revisioner/{DRAFT_ID}/")
    links = own_comment_links(page.get_element_by_id("malgrupper-2"))
    assert [a.get("data-route") for a in links] == ["email", "github"]
    query = parse_qs(urlsplit(links[1].get("href")).query)
    assert links[1].get("href").startswith("https://github.com/regionjh/psykisk-funktionsnedsattning/issues/new?")
    assert query["stycke"] == [f"{DRAFT_ID}#malgrupper-2"] and query["avsnitt"] == ["Målgrupper"]
    assert links[1].text_content() == "Lämna synpunkt via GitHub på stycke malgrupper-2"


def test_email_route_without_an_address_stops_the_build(project_copy):
    replace_in(project_copy / "mkdocs.yml", "email: region@regionjh.se", "email: region-at-regionjh")
    result = build_project(project_copy)
    assert result.returncode == 1
    line = next(i for i, l in enumerate((project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if "email: region-at-regionjh" in l)
    assert f"mkdocs.yml:{line}: extra.comments.email: 'region-at-regionjh' is not an e-mail address" in result.stderr


def test_adopted_and_proposed_revisions_have_no_comment_links(draft_site):
    for revision in ("4.0", "2025"):
        page = read_html(draft_site, f"revisioner/{revision}/")
        assert page.cssselect("a.comment-link") == [] and page.cssselect(".comment-period") == []


def test_links_go_when_the_build_date_passes_until(draft_project, tmp_path):
    project, _ = draft_project
    last_day = build_project(project, tmp_path / "last-day", env={"SITE_BUILD_DATE": UNTIL.isoformat()})
    assert last_day.returncode == 0, last_day.stderr
    assert read_html(tmp_path / "last-day", f"revisioner/{DRAFT_ID}/").cssselect("a.comment-link")
    after = (UNTIL + _dt.timedelta(days=1)).isoformat()
    closed = build_project(project, tmp_path / "closed", env={"SITE_BUILD_DATE": after})
    assert closed.returncode == 0, closed.stderr
    page = read_html(tmp_path / "closed", f"revisioner/{DRAFT_ID}/")
    assert page.cssselect("a.comment-link") == []
    banner = page.cssselect(".comment-period")[0].text_content()
    assert "Tiden för synpunkter har gått ut" in banner and "16 mars 2026" in banner


def test_unknown_placeholder_stops_the_build(project_copy):
    replace_in(project_copy / "mkdocs.yml", "&utdrag={excerpt}", "&utdrag={excerpt}&x={stycket}")
    result = build_project(project_copy)
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.stderr and "unknown placeholder {stycket}" in result.stderr


def test_imported_comments_are_unpublished_until_approved(draft_site, draft_project):
    _, imported = draft_project
    page = read_html(draft_site, f"revisioner/{DRAFT_ID}/synpunkter/")
    text = page.text_content()
    para = page.cssselect('.comment-compilation__paragraph[data-anchor="malgrupper-2"]')[0]
    assert para.cssselect("h3 a")[0].get("href") == "../#malgrupper-2"
    assert "Testsynpunkt A" not in text, "imported with publish: false"
    assert "inte publicerad" in para.text_content() and "inte besvarad än" in para.text_content()
    heading = page.get_element_by_id("malgrupper")
    assert heading.getnext() is para
    assert "Totalt 3 synpunkter" in text
    for skipped in ("Testsynpunkt D", "Testsynpunkt E", "vanligt ärende"):
        assert skipped not in text
    report = imported.stderr
    assert "(#104): hör inte hit" in report and "gäller version 4.0" in report
    assert "(#105): felaktig" in report and "malgrupper-99 finns inte" in report
    assert "(#106): hör inte hit" in report and "post 7" in report


def test_approved_comments_stand_under_their_paragraphs_as_text(draft_project, tmp_path):
    project, _ = draft_project
    answers = project / "docs" / "revisioner" / DRAFT_ID / "synpunkter.yml"
    before = answers.read_text(encoding="utf-8")
    try:
        answers.write_text(before.replace("publish: false", "publish: true"), encoding="utf-8")
        result = build_project(project, tmp_path / "site")
        assert result.returncode == 0, result.stderr
    finally:
        answers.write_text(before, encoding="utf-8")
    page = read_html(tmp_path / "site", f"revisioner/{DRAFT_ID}/synpunkter/")
    para = page.cssselect('.comment-compilation__paragraph[data-anchor="malgrupper-2"]')[0]
    assert "Testsynpunkt A" in para.text_content() and "Testförslag A" in para.text_content()
    assert "Exempelföreningen (testdata)" in para.text_content()
    item = page.cssselect('.comment-compilation__paragraph[data-anchor="inledning-3"]')[0]
    assert "Testsynpunkt B" in item.text_content()
    # Markup in a comment is shown as text, never run.
    assert page.xpath("//article//script") == []
    assert "<script>alert(1)</script>" in para.text_content()


def test_import_never_half_writes(draft_project, tmp_path):
    project, _ = draft_project
    target = project / "docs" / "revisioner" / DRAFT_ID / "synpunkter.yml"
    before = target.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text(FIXTURE.read_text(encoding="utf-8")[:500], encoding="utf-8")
    result = run_script("import_comments.py", project, str(broken))
    assert result.returncode == 1 and "kan inte läsas" in result.stderr
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_comment_link_is_keyboard_reachable_and_announced(draft_site, browser):
    server, url = serve_dir(draft_site)
    try:
        page = browser.new_page()
        page.goto(url + f"revisioner/{DRAFT_ID}/")
        link = page.get_by_role("link", name="Lämna synpunkt på stycke malgrupper-2")
        assert link.count() == 1
        page.locator("#malgrupper-2 > a.paragraph-link").focus()
        page.keyboard.press("ArrowDown")  # one Tab stop per section; the arrow keys within it
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Lämna synpunkt på stycke malgrupper-2"
        assert link.is_visible()
        page.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_banner_and_comment_links_pass_axe(draft_site, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe
    server, url = serve_dir(draft_site)
    try:
        page = browser.new_page(color_scheme=scheme)
        page.goto(url + f"revisioner/{DRAFT_ID}/")
        context = {"include": [[".comment-period"], ["a.comment-link"]]}
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        results = Axe().run(page, context=context, options=options)
        violations = results.response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        passed = {rule["id"] for rule in results.response["passes"]}
        assert {"color-contrast", "link-name"} <= passed, "axe checked the links and the banner"
        page.close()
    finally:
        server.shutdown()


def test_issue_form_and_parser_agree():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "synpunkt.yml").read_text(encoding="utf-8"))
    fields = [(item["id"], item["attributes"]["label"]) for item in form["body"] if "id" in item]
    assert fields == list(FIELDS)
    # The default template prefills the form's fields by their ids.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    template = next(line for line in config.splitlines() if line.strip().startswith("url_template:"))
    for field_id in ("stycke", "avsnitt", "utdrag"):
        assert f"&{field_id}=" in template


def test_form_body_parsing():
    body = ("### Organisation\n\nFörening X\n\n### Stycke\n\n2027#syfte-1\n\n### Synpunkt\n\nRad ett\n\nRad två\n\n"
            "### Förslag till formulering\n\n_No response_\n\n### Publicering\n\n- [X] Vi samtycker")
    answers = parse_form_body(body)
    assert answers == {"organisation": "Förening X", "stycke": "2027#syfte-1", "synpunkt": "Rad ett\n\nRad två",
                       "formulering": "", "samtycke": "- [X] Vi samtycker"}


def test_excerpt_and_url_encoding():
    long = "ord " * 100
    cut = excerpt(long)
    assert len(cut) <= 121 and cut.endswith("…") and not cut.startswith(" ")
    target = CommentTarget("https://x.example/new?r={revision}&a={anchor}&s={section}&e={excerpt}")
    url = target.url("2027", "syfte-1", "Syfte & mål", "Text med å, ä & ö? #" + long)
    query = parse_qs(urlsplit(url).query)
    assert query["r"] == ["2027"] and query["a"] == ["syfte-1"] and query["s"] == ["Syfte & mål"]
    assert query["e"][0].startswith("Text med å, ä & ö? #") and len(unquote(query["e"][0])) <= 121
    assert len(url) < 2000
    assert CommentTarget("https://x.example/{revision}").problems() == [
        "extra.comments.url_template lacks {anchor}: every comment must name it"]

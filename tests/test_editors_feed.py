"""The Atom feed: valid Atom with absolute links, linked from every page's
head, announcing each revision and each comment period as it opens and closes."""
from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import urljoin

import lxml.etree
import lxml.html

import pytest

from conftest import build_project, copy_project, read_html
from editors_support import DRAFT_ID, scaffold_draft

ATOM = "{http://www.w3.org/2005/Atom}"
RE_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
SITE_URL = "https://example.org/overenskommelse/"


def parse_feed(site):
    root = lxml.etree.parse(str(site / "feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for el in [root] + root.findall(f"{ATOM}entry"):
        assert len(el.findall(f"{ATOM}id")) == 1 and el.findtext(f"{ATOM}id").startswith(("http://", "https://"))
        assert el.findtext(f"{ATOM}title").strip()
        assert RE_RFC3339.match(el.findtext(f"{ATOM}updated"))
    assert root.findtext(f"{ATOM}author/{ATOM}name").strip()
    entries = root.findall(f"{ATOM}entry")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries), "entry ids are unique"
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith(("http://", "https://"))
        assert entry.findtext(f"{ATOM}summary").strip()
    return root, entries


def test_real_site_feed_is_atom_and_announces_each_revision(site):
    root, entries = parse_feed(site)
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feed.xml")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Reviderad upplaga 2025 (förslag)", "Version 4.0 (2021–2023) (gällande)",
                      "Ursprunglig överenskommelse (2014/2016) (ersatt)"]
    assert entries[0].findtext(f"{ATOM}updated") == "2025-09-25T00:00:00Z"
    assert root.findtext(f"{ATOM}updated") == "2025-09-25T00:00:00Z"


def test_every_page_links_the_feed_in_its_head(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5
    for file in pages:
        if file.name == "404.html":
            continue
        page = lxml.html.fromstring(file.read_text(encoding="utf-8"))
        if page.xpath("//head/meta[@http-equiv='refresh']"):
            continue  # gallande/ only leads on to the revision in force (tests/test_reader_in_force.py)
        links = page.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
        assert len(links) == 1, file
        page_url = "http://h/" + str(file.relative_to(site)).replace("index.html", "")
        assert urljoin(page_url, links[0].get("href")) == "http://h/feed.xml", file


@pytest.fixture(scope="module")
def draft_home(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("home") / "project")
    scaffold_draft(project)
    assert build_project(project).returncode == 0
    return read_html(project / "site", "")


def test_comment_period_opening_and_closing_with_absolute_urls(project_copy, tmp_path):
    scaffold_draft(project_copy)
    env = {"SITE_URL": SITE_URL}
    assert build_project(project_copy, env=env).returncode == 0
    _, entries = parse_feed(project_copy / "site")
    by_title = {e.findtext(f"{ATOM}title"): e for e in entries}
    opened = by_title[f"Öppet för synpunkter: Utkast {DRAFT_ID}"]
    assert opened.findtext(f"{ATOM}updated") == "2026-01-15T00:00:00Z"
    assert opened.find(f"{ATOM}link").get("href") == f"{SITE_URL}revisioner/{DRAFT_ID}/"
    assert "16 mars 2026" in opened.findtext(f"{ATOM}summary")
    assert not any("gått ut" in t for t in by_title)

    after = build_project(project_copy, tmp_path / "later", env={**env, "SITE_BUILD_DATE": "2026-03-17"})
    assert after.returncode == 0
    root, entries = parse_feed(tmp_path / "later")
    closed = entries[0]
    assert closed.findtext(f"{ATOM}title") == f"Tiden för synpunkter har gått ut: Utkast {DRAFT_ID}"
    assert closed.findtext(f"{ATOM}updated") == "2026-03-16T00:00:00Z"
    assert root.findtext(f"{ATOM}updated") == "2026-03-16T00:00:00Z"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    head = read_html(tmp_path / "later", f"revisioner/{DRAFT_ID}/")
    assert head.xpath("//head/link[@type='application/atom+xml']/@href") == ["../../feed.xml"]


def test_start_page_says_how_to_comment(site, draft_home):
    now = read_html(site, "").cssselect(".home-comments")[0]
    assert "inget utkast som är öppet för synpunkter" in now.text_content()
    assert now.cssselect("a[type='application/atom+xml']")[0].get("href") == "feed.xml"
    open_now = draft_home.cssselect(".home-comments")[0]
    assert "Öppet för synpunkter t.o.m. 16 mars 2026" in open_now.text_content()
    assert open_now.cssselect("a")[0].get("href") == f"revisioner/{DRAFT_ID}/"

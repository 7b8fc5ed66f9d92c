"""A new related agreement is one new file: no code change links its mentions,
lists it, and computes where it is mentioned."""
from urllib.parse import urljoin

from conftest import build_project, read_html

PAGE = """---
title: Samsjuklighetsutredningen
aliases: [Samsjuklighetsutredningen]
source: Version 4.0, avsnitten Flera stora förändringar och Referenslista.
---

Testsida.
"""


def test_new_related_page_needs_only_its_file(project_copy):
    folder = project_copy / "docs" / "relaterade" / "samsjuklighet"  # the <slug>/index.md form
    folder.mkdir()
    (folder / "index.md").write_text(PAGE, encoding="utf-8")
    result = build_project(project_copy)
    assert result.returncode == 0, result.stderr
    site = project_copy / "site"
    page = read_html(site, "revisioner/4.0/")
    links = [a for a in page.cssselect(".revision-text a.xref") if a.get("href").endswith("relaterade/samsjuklighet/")]
    assert [a.text_content() for a in links] == ["Samsjuklighetsutredningen", "Samsjuklighetsutredningen"]
    related = read_html(site, "relaterade/samsjuklighet/")
    backlinks = [urljoin("http://site/relaterade/samsjuklighet/", a.get("href"))
                 for a in related.cssselect(".related-backlinks a.backlink")]
    assert backlinks == ["http://site/revisioner/4.0/#flera-stora-forandringar",
                         "http://site/revisioner/4.0/#referenslista"]
    index = read_html(site, "relaterade/")
    assert "Samsjuklighetsutredningen" in [a.text_content() for a in index.cssselect("ul.related-index a")]

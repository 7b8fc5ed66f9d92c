"""gallande/ (issue 14): the stable address of the revision in force. It leads
to that revision (in the HTML and in Chromium), its canonical URL is the
revision's own, and it follows the next adoption."""
from __future__ import annotations

from conftest import build_project, read_html
from editors_support import replace_in, run_script


def test_gallande_leads_to_the_revision_in_force(site):
    page = read_html(site, "gallande/")
    assert page.xpath("//html/@lang") == ["sv"]
    assert page.xpath("//link[@rel='canonical']/@href") == ["http://127.0.0.1:8000/revisioner/4.0/"]
    assert page.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=../revisioner/4.0/"]
    assert [a.get("href") for a in page.iter("a")] == ["../revisioner/4.0/"]


def test_a_browser_arrives_at_the_revision_in_force(server, browser_page):
    page = browser_page.page
    page.goto(server + "gallande/")
    page.wait_for_url(server + "revisioner/4.0/")
    assert page.locator("h1#titel").count() == 1


def test_gallande_follows_the_next_adoption(project_copy):
    replace_in(project_copy / "docs" / "revisioner" / "2025" / "index.md", "status: proposed", "status: adopted")
    locked = run_script("lock.py", project_copy, "2025")  # an adopted text is frozen first
    assert locked.returncode == 0, locked.stdout + locked.stderr
    result = build_project(project_copy)
    assert result.returncode == 0, result.stderr
    page = read_html(project_copy / "site", "gallande/")
    assert page.xpath("//link[@rel='canonical']/@href") == ["http://127.0.0.1:8000/revisioner/2025/"]
    assert [a.get("href") for a in page.iter("a")] == ["../revisioner/2025/"]

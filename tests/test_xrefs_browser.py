"""Related pages, the glossary and the cross-links in real headless Chromium:
pages load cleanly and privately, links are keyboard reachable, and axe finds
no WCAG 2.1 AA violation in what this feature adds."""
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", ["relaterade/", "relaterade/sip/", "ordlista/"])
def test_pages_load_cleanly_privately_and_accessibly(server, browser_page, path):
    page = browser_page.page
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        response = page.goto(server + path, wait_until="networkidle")
        assert response.status == 200
        assert browser_page.console_errors == []
        local = urlsplit(server).netloc
        foreign = [u for u in browser_page.requests if urlsplit(u).netloc not in ("", local)
                   and urlsplit(u).scheme in ("http", "https")]
        assert foreign == [], f"requests to other hosts: {foreign}"
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()


def test_cross_links_are_keyboard_reachable_and_lead_to_the_page(server, browser_page):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    link = page.locator("#jamtbus-1 a.xref")
    link.focus()
    assert link.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/relaterade/jamtbus/")
    assert page.locator("h1").first.inner_text().startswith("Jämtbus")
    results = Axe().run(page, context=".related-backlinks", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

"""The start page and the 4.0 page in real headless Chromium: no console error,
no request to any host but the local server."""
from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("path", ["", "revisioner/4.0/", "revisioner/"])
def test_page_loads_cleanly_and_privately(server, browser_page, path):
    page = browser_page.page
    response = page.goto(server + path, wait_until="networkidle")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "sv"
    assert browser_page.console_errors == []
    local = urlsplit(server).netloc
    foreign = [u for u in browser_page.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != local]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert len(browser_page.requests) > 1  # the page did load its own assets
    assert browser_page.context.cookies() == []


def test_paragraph_permalink_shows_on_focus(server, browser_page):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    link = page.locator("#syfte-1 > a.paragraph-link")
    assert float(link.evaluate("e => getComputedStyle(e).opacity")) == 0
    link.focus()
    page.wait_for_timeout(50)
    assert float(link.evaluate("e => getComputedStyle(e).opacity")) == 1

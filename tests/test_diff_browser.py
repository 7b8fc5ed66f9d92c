"""Diff pages in real headless Chromium: the picker, the two views, print, and
contrast in the light and dark palettes."""
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import serve_dir
from test_diff_pages import build_fixture_site


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    server, url = serve_dir(build_fixture_site(tmp_path_factory.mktemp("diff-browser")))
    yield url
    server.shutdown()


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_picker_goes_to_the_pair_older_first(server, browser_page):
    page = browser_page.page
    page.goto(server + "jamfor/")
    page.select_option("#diff-from", "2025")
    page.select_option("#diff-to", "4.0")
    page.click("form[data-diff-picker] button")
    page.wait_for_url("**/jamfor/4.0--2025/")
    assert page.locator('[data-section="syfte"]').get_attribute("data-change") == "unknown"
    page.goto(server + "jamfor/")
    page.select_option("#diff-from", "4.0")
    page.select_option("#diff-to", "4.0")
    page.click("form[data-diff-picker] button")
    assert page.locator(".diff-picker__message").text_content() == "Välj två olika versioner."
    assert browser_page.console_errors == []
    local = urlsplit(server).netloc
    assert all(urlsplit(u).netloc == local for u in browser_page.requests if u.startswith("http"))


def test_views_switch_by_keyboard_and_print_shows_inline(fixture_server, browser_page):
    page = browser_page.page
    page.goto(fixture_server + "jamfor/v1--v2/")
    assert visible(page, "#syfte .diff-inline") and not visible(page, "#syfte .diff-side")
    page.locator('input[name="diff-view"][value="inline"]').focus()
    page.keyboard.press("ArrowDown")  # radio group: arrows move the choice
    assert page.locator(".diff").get_attribute("data-view") == "side"
    assert visible(page, "#syfte .diff-side .diff-old del") and not visible(page, "#syfte .diff-inline")
    page.emulate_media(media="print")
    assert visible(page, "#syfte .diff-inline ins") and not visible(page, "#syfte .diff-side")
    assert not visible(page, ".diff-view-switch")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_changes_have_aa_contrast_and_are_not_colour_alone(fixture_server, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(fixture_server + "jamfor/v1--v2/")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        for view in ("inline", "side"):
            page.locator(".diff").evaluate(f"e => e.setAttribute('data-view', '{view}')")
            results = Axe().run(page, context=".md-content", options={"runOnly": ["color-contrast"]})
            assert results.violations_count == 0, results.generate_report()
        decoration = page.locator("#syfte ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert "underline" in decoration
        decoration = page.locator("#syfte del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert "line-through" in decoration
    finally:
        context.close()


def test_without_javascript_the_list_and_the_inline_view_remain(fixture_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(fixture_server + "jamfor/")
        assert not visible(page, "form[data-diff-picker]")
        assert page.locator(".diff-pairs a").count() == 21 and visible(page, ".diff-pairs a")
        page.goto(fixture_server + "jamfor/v1--v2/")
        assert not visible(page, ".diff-view-switch")
        assert visible(page, "#syfte .diff-inline del") and not visible(page, "#syfte .diff-side")
    finally:
        context.close()

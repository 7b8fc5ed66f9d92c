"""Keyboard in the text of a revision (issue 14): the controls the build puts
beside paragraphs and headings cost one Tab stop per section; the arrow keys
move between them; links in the text itself stay Tab stops. Real Chromium."""
from __future__ import annotations

from agreement.model.revision import PREAMBLE_SECTION

# Links that stand in the agreement's own text (not the controls the build adds).
TEXT_LINKS = """() => [...document.querySelectorAll('.revision-text a[href]')].filter(a =>
  !a.closest('[data-generated], .headerlink, details.section-versions, .diff-since')).length"""
# Each heading starts a section; text before the first heading is one more.
SECTIONS = ("preamble => document.querySelectorAll('.revision-text :is(h2, h3, h4, h5, h6)[id]').length"
            " + (document.getElementById(preamble + '-1') ? 1 : 0)")
IN_TEXT = "() => !!document.activeElement.closest('.revision-text')"
ACTIVE = "() => document.activeElement.id || document.activeElement.className"


def tab_stops_in_text(page, limit: int = 2000) -> int:
    """Tab from the last control before the text until focus leaves it."""
    page.locator("#om-versionen > summary").focus()
    stops = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        if not page.evaluate(IN_TEXT):
            if stops:
                return stops
            continue  # still between the facts and the text
        stops += 1
    raise AssertionError(f"focus stayed in the text for {limit} Tab presses")


def test_the_text_of_40_costs_one_tab_stop_per_section_besides_its_links(server, browser_page):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    links, sections = page.evaluate(TEXT_LINKS), page.evaluate(SECTIONS, PREAMBLE_SECTION)
    assert sections > 20 and links > 5
    stops = tab_stops_in_text(page)
    assert stops <= links + sections, f"{stops} Tab stops for {links} links in {sections} sections"
    # Every paragraph's permanent link is still there, one arrow key away.
    assert page.locator(".revision-text a.paragraph-link").count() > 100


def test_arrow_keys_reach_a_paragraphs_link_within_its_section(server, browser_page):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    # The section "Syfte": Tab lands on its first control, the heading's own ¶.
    first = page.locator("#syfte a.headerlink")
    assert first.get_attribute("tabindex") == "0"
    assert page.locator("#syfte-1 > a.paragraph-link").get_attribute("tabindex") == "-1"
    first.focus()
    for _ in range(12):
        if page.evaluate("() => document.activeElement.matches('#syfte-1 > a.paragraph-link')"):
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError("ArrowDown never reached the first paragraph's link")
    # The control reached is now the section's Tab stop, and Enter follows it.
    assert page.locator("#syfte-1 > a.paragraph-link").get_attribute("tabindex") == "0"
    assert first.get_attribute("tabindex") == "-1"
    page.keyboard.press("Enter")
    assert page.url.endswith("#syfte-1")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(ACTIVE) != "syfte-1"


def test_without_javascript_every_control_is_a_tab_stop(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    assert page.locator(".revision-text [tabindex='-1']").count() == 0
    context.close()

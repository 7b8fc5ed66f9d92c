"""Citations: every heading, paragraph and list item of a revision page has a
"Kopiera hänvisning" control. Without JavaScript it is a permanent link; with
it, a keyboard-operable button that copies the citation and announces it."""
import os
from urllib.parse import quote

import pytest

from agreement.page.citation import citation_text
from agreement.page.decorate import PageContext, decorate_revision_html
from agreement.sources.revisions import load_revisions
from conftest import ROOT, read_html

REVISIONS = load_revisions(ROOT / "docs")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")  # as mkdocs.yml reads it
TITLE_40 = REVISIONS.get("4.0").title
EXPECTED_MALGRUPPER_2 = (
    f"{TITLE_40}, Version 4.0 (2021–2023), avsnitt Målgrupper, stycke 2, "
    f"{SITE_URL.rstrip('/')}/revisioner/4.0/#malgrupper-2"
)


def test_citation_text_names_title_version_section_paragraph_and_url():
    assert citation_text("Överenskommelse X", "Version 1", "https://e.example/r/1/#a-2", "A", 2) == \
        "Överenskommelse X, Version 1, avsnitt A, stycke 2, https://e.example/r/1/#a-2"
    assert citation_text("Ö", "V", "u#a") == "Ö, V, u#a"
    assert citation_text("Ö", "V", "u#a", heading="Rubrik") == "Ö, V, avsnitt Rubrik, u#a"


def decorate(html: str, site_url="https://e.example/sajt/"):
    revision = REVISIONS.get("4.0")
    page = PageContext(revision, REVISIONS, lambda p: p, {}, None, site_url=site_url)
    from agreement.text.structure import parse_fragment
    return parse_fragment(decorate_revision_html(html, page))


def test_step_puts_a_permanent_link_with_citation_on_headings_paragraphs_and_items():
    root = decorate('<p>Före rubriken.</p><h2 id="syfte">Syfte</h2><p>Ett.</p>'
                    '<ul><li>Punkt<ul><li>Inre</li></ul></li></ul><h3 id="del">Del</h3><p>Två.</p>')
    links = root.cssselect("a.cite-link")
    got = [(a.getparent().get("id"), a.get("href"), a.get("data-citation")) for a in links]
    base = "https://e.example/sajt/revisioner/4.0/"
    prefix = f"{TITLE_40}, Version 4.0 (2021–2023)"
    assert got == [
        ("inledning-text-1", f"{base}#inledning-text-1", f"{prefix}, stycke 1, {base}#inledning-text-1"),
        ("syfte", f"{base}#syfte", f"{prefix}, avsnitt Syfte, {base}#syfte"),
        ("syfte-1", f"{base}#syfte-1", f"{prefix}, avsnitt Syfte, stycke 1, {base}#syfte-1"),
        ("syfte-2", f"{base}#syfte-2", f"{prefix}, avsnitt Syfte, stycke 2, {base}#syfte-2"),
        ("syfte-3", f"{base}#syfte-3", f"{prefix}, avsnitt Syfte, stycke 3, {base}#syfte-3"),
        ("del", f"{base}#del", f"{prefix}, avsnitt Del, {base}#del"),
        ("del-1", f"{base}#del-1", f"{prefix}, avsnitt Del, stycke 1, {base}#del-1"),
    ]
    # The control of an item with a nested list stays with the item's own text.
    outer = root.get_element_by_id("syfte-2")
    assert outer.text == "Punkt" and [c.tag for c in outer][-1] == "ul"
    assert outer.cssselect(":scope > a.cite-link")[0].getnext().tag == "ul"
    # The visible words and the words for screen readers are real text.
    assert links[2].text_content() == "Permanent länk till avsnitt Syfte, stycke 1"


def test_every_heading_and_paragraph_of_the_real_page_has_a_control(site):
    page = read_html(site, "revisioner/4.0/")
    text = page.cssselect(".revision-text")[0]
    targets = [el for el in text.iter("h2", "h3", "h4", "h5", "h6", "p", "li") if el.get("id")]
    assert len(targets) > 150
    for el in targets:
        own = el.cssselect(":scope > a.cite-link")
        assert len(own) == 1, el.get("id")
        assert own[0].get("href").endswith(f"/revisioner/4.0/#{el.get('id')}")
    link = page.get_element_by_id("malgrupper-2").cssselect(":scope > a.cite-link")[0]
    assert link.get("data-citation") == EXPECTED_MALGRUPPER_2
    assert link.get("href") == f"{SITE_URL.rstrip('/')}/revisioner/4.0/#malgrupper-2"
    # cite.js is in the page's script bundle (hooks/assets.py).
    bundle = page.xpath('//script[contains(@src, "assets/site/")]/@src')
    assert len(bundle) == 1 and "cite-button" in (site / "revisioner/4.0" / bundle[0]).resolve().read_text(encoding="utf-8")


def test_controls_stay_out_of_the_search_index(site, server, browser_page):
    page = read_html(site, "revisioner/4.0/")
    links = page.cssselect("a.cite-link")
    assert links and all(a.get("data-pagefind-ignore") is not None for a in links)
    # The site's one search is Pagefind (mkdocs.yml has no search plugin), so
    # there is no MkDocs index that could hold the controls' words.
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "sok" / "index.html").is_file()
    browser = browser_page.page
    # The search finds the text (so there are results that could show the
    # controls), and no result shows the controls' words. Pagefind matches
    # loosely, so a query for the controls' words may still find paragraphs.
    for query in ("Regionens ansvar", "Permanent länk", "avsnitt"):
        browser.goto(f"{server}sok/?q={quote(query)}&revision=alla")
        browser.wait_for_selector("#search-page[data-state=done]")
        results = browser.inner_text("#search-results")
        hits = [a.get_attribute("href") for a in browser.query_selector_all("#search-results a[href]")]
        if query == "Regionens ansvar":
            assert any("/revisioner/4.0/" in href for href in hits), hits
        assert "Permanent länk" not in results and "Kopiera hänvisning" not in results, query


def test_pages_without_text_have_no_controls(site):
    assert read_html(site, "revisioner/2014-2016/").cssselect(".cite-link") == []


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


def test_citation_is_copied_by_keyboard_and_announced(server, clipboard_page):
    page, errors = clipboard_page
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "revisioner/4.0/")
    button = page.locator("#malgrupper-2 > button.cite-button")
    assert page.locator("a.cite-link").count() == 0, "every permanent link became a button"
    assert button.get_attribute("data-citation") == EXPECTED_MALGRUPPER_2
    # Keyboard: from the paragraph's ¶ link, the arrow key reaches the button
    # (one Tab stop per section: paragraph-keys.js), Enter copies.
    page.focus("#malgrupper-2 > a.paragraph-link")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('p') && document.activeElement.closest('p').id") == "malgrupper-2"
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    assert float(button.evaluate("b => getComputedStyle(b).opacity")) == 1.0, "visible when focused"
    page.keyboard.press("Enter")
    status = page.locator(".cite-status[role=status][aria-live=polite]")
    status.wait_for(state="visible")
    assert "Hänvisningen är kopierad" in status.text_content()
    assert page.evaluate("navigator.clipboard.readText()") == EXPECTED_MALGRUPPER_2
    assert button.text_content().startswith("Kopierad")
    # The accessible name starts with the visible words and says what is cited.
    assert button.text_content().endswith("till avsnitt Målgrupper, stycke 2")
    # Space works too, on a heading's control.
    page.evaluate("navigator.clipboard.writeText('')")
    page.focus("#malgrupper > button.cite-button")
    page.keyboard.press("Space")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()").endswith(", avsnitt Målgrupper, "
                                                                   f"{SITE_URL.rstrip('/')}/revisioner/4.0/#malgrupper")
    assert errors == []
    assert any(url.startswith(server + "assets/site/") and url.endswith(".js") for url in requests)
    assert all(url.startswith(server) for url in requests), "no request leaves the site"


def test_without_javascript_the_permanent_link_remains(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    link = page.locator("#malgrupper-2 > a.cite-link")
    assert link.get_attribute("href") == f"{SITE_URL.rstrip('/')}/revisioner/4.0/#malgrupper-2"
    assert page.locator("button.cite-button").count() == 0
    link.focus()
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1.0
    context.close()

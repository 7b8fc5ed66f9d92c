"""Search in headless Chromium against the real build: Pagefind's Swedish index,
results per section, the revision filter, and the header's search form."""
import re
from urllib.parse import quote

import pytest

from conftest import read_html


def search(browser_page, server, query: str, revision: str | None = None):
    """Open sok/ as a shared link would, wait for the results; return (hrefs, page)."""
    page = browser_page.page
    url = f"{server}sok/?q={quote(query)}" + (f"&revision={quote(revision)}" if revision else "")
    page.goto(url)
    page.wait_for_selector("#search-page[data-state]")
    assert page.get_attribute("#search-page", "data-state") == "done", page.inner_text("#search-status")
    hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results a[href]")]
    return hrefs, page


def target(href: str) -> tuple[str, str]:
    """(revision id, anchor) of a result link."""
    match = re.search(r"revisioner/([^/]+)/#([a-z0-9-]+)$", href)
    assert match, f"result link {href!r} does not point at an anchor of a revision"
    return match.group(1), match.group(2)


def in_section(anchor: str, section_id: str) -> bool:
    """The section's heading anchor, or one of its paragraph anchors."""
    return anchor == section_id or re.fullmatch(rf"{re.escape(section_id)}-\d+", anchor) is not None


@pytest.mark.parametrize("query, section_id", [
    ("utskrivning", "utskrivning-fran-slutenvard"),
    ("SIP", "inledning"),  # where the agreement says what a SIP is
    ("anhöriga", "stod-till-anhoriga"),
    ("Jämtbus", "jamtbus"),
    ("brukarmedverkan", "brukarmedverkan"),
])
def test_query_finds_the_right_section_of_the_revision_in_force_first(browser_page, server, query, section_id):
    hrefs, _ = search(browser_page, server, query)
    assert hrefs, f"no results for {query!r}"
    revision, anchor = target(hrefs[0])
    assert revision == "4.0" and in_section(anchor, section_id), hrefs[:3]
    # By default only the revision in force is searched.
    assert {target(h)[0] for h in hrefs} == {"4.0"}
    assert not browser_page.console_errors


def test_result_links_land_on_an_existing_anchor(site, browser_page, server):
    hrefs, _ = search(browser_page, server, "anhöriga")
    page = read_html(site, "revisioner/4.0/")
    for href in hrefs:
        _, anchor = target(href)
        assert page.get_element_by_id(anchor) is not None, href


def test_inflected_query_finds_the_base_form(browser_page, server):
    _, page = search(browser_page, server, "överenskommelser")
    marked = {m.inner_text().lower() for m in page.query_selector_all("#search-results mark")}
    assert "överenskommelse" in marked, marked


def test_revision_filter_returns_only_that_revision(browser_page, server):
    hrefs, page = search(browser_page, server, "målgrupper", revision="2025")
    assert hrefs and {target(h)[0] for h in hrefs} == {"2025"}
    assert page.input_value("#sok-revision") == "2025"
    assert "2025" in page.inner_text("#search-status")


def test_all_revisions_returns_hits_from_several(browser_page, server):
    hrefs, page = search(browser_page, server, "målgrupper", revision="alla")
    revision_links = [h for h in hrefs if "/revisioner/" in h]
    assert {target(h)[0] for h in revision_links} >= {"4.0", "2025"}
    assert page.input_value("#sok-revision") == "alla"


def test_all_includes_related_pages_and_the_default_does_not(browser_page, server):
    hrefs, _ = search(browser_page, server, "Jämtbus", revision="alla")
    assert any(re.search(r"relaterade/jamtbus/(#[a-z0-9-]+)?$", h) for h in hrefs), hrefs
    hrefs, _ = search(browser_page, server, "Jämtbus")
    assert not any("relaterade/" in h for h in hrefs)


def test_no_hits_is_said_in_the_live_region(browser_page, server):
    hrefs, page = search(browser_page, server, "utskrivning", revision="2025")
    assert hrefs == []
    assert page.get_attribute("#search-status", "role") == "status"
    assert "Inga träffar" in page.inner_text("#search-status")


def test_header_form_submits_to_the_search_page(browser_page, server):
    page = browser_page.page
    page.goto(f"{server}revisioner/4.0/")
    page.fill("#site-search-q", "Jämtbus")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector("#search-page[data-state=done]")
    assert page.url == f"{server}sok/?q=J%C3%A4mtbus"
    first = page.query_selector("#search-results a[href]").get_attribute("href")
    assert in_section(target(first)[1], "jamtbus")


def test_diff_pages_and_other_pages_are_not_indexed(site):
    """Pagefind indexes only data-pagefind-body: revision texts and related pages."""
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        marked = read_html(html.parent, html.name).cssselect("[data-pagefind-body]")
        related = rel.startswith("relaterade/") and rel != "relaterade/index.html"
        if rel.startswith(("revisioner/4.0/", "revisioner/2025/")) or related:
            assert len(marked) == 1, rel
        else:
            assert marked == [], f"{rel} would be indexed"
    from agreement.outputs.search_index import indexed_urls
    urls = indexed_urls(site)
    assert "/revisioner/4.0/" in urls and "/revisioner/2025/" in urls
    assert not [u for u in urls if not u.startswith(("/revisioner/", "/relaterade/"))], urls
    assert "/relaterade/" not in urls
    meta = (site / "pagefind" / "pagefind-entry.json").read_text()
    assert '"sv"' in meta, "the index is Swedish (stemming from <html lang=sv>)"


def test_low_weight_sections_come_from_settings():
    from types import SimpleNamespace

    from agreement.outputs.search_index import is_related_page, weight_sections
    from agreement.text.structure import assign_anchors, parse_fragment

    root = parse_fragment('<h2 id="syfte">Syfte</h2><p>a</p><h2 id="referenslista">R</h2><ul><li>b</li></ul>')
    assign_anchors(root)
    weight_sections(root, SimpleNamespace(settings={"search": {"low_weight_sections": ["referenslista"]}}))
    assert root.get_element_by_id("referenslista-1").get("data-pagefind-weight") == "0.2"
    assert root.get_element_by_id("syfte-1").get("data-pagefind-weight") is None
    weight_sections(root, SimpleNamespace(settings={}))  # no setting: nothing to do
    assert is_related_page("relaterade/sip.md") and is_related_page("relaterade/jamtbus/index.md")
    assert not is_related_page("revisioner/4.0/index.md")

"""Accessibility and privacy of every built page in headless Chromium:
axe-core in the light and the dark palette, the keyboard path, no request to
any other host, no cookies; and screenshots kept as test artifacts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, read_html

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}
# Every axe rule that applies (WCAG 2.0/2.1 A and AA and axe's best practices).
AXE_OPTIONS = {"resultTypes": ["violations"]}


def built_pages(site: Path) -> list[str]:
    """Site paths of every HTML page the build wrote (not Pagefind's bundle)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def with_search_results(pages: list[str]) -> list[str]:
    """The search page is checked empty and with results."""
    return pages + ["sok/?q=anh%C3%B6riga", "sok/?q=m%C3%A5lgrupper&revision=alla"]


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    if "sok/" in url:
        page.wait_for_selector("#search-page[data-state], #search-status:not(:empty)")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_the_build_has_the_pages_under_test(site):
    pages = built_pages(site)
    for expected in ("", "revisioner/", "revisioner/4.0/", "revisioner/2025/", "sok/", "tillganglighet/", "404.html"):
        assert expected in pages


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_axe_finds_no_violation_on_any_page(site, server, browser, axe, palette):
    color_scheme, md_scheme = PALETTES[palette]
    context = browser.new_context(color_scheme=color_scheme)
    page = context.new_page()
    failures = []
    try:
        for path in with_search_results(built_pages(site)):
            open_page(page, server + path)
            # Material picks the palette from prefers-color-scheme.
            assert page.get_attribute("body", "data-md-color-scheme") == md_scheme, path
            results = axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                failures.append(f"--- {path} ({palette})\n{results.generate_report()}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_every_page_requests_only_the_local_server_and_sets_no_cookie(site, server, browser):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        for path in with_search_results(built_pages(site)):
            open_page(page, server + path)
            page.wait_for_load_state("networkidle")
        foreign = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
        assert not foreign, foreign
        assert any("/pagefind/" in u for u in requests), "the search page loaded its index from the site"
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
    finally:
        context.close()


def test_keyboard_skip_link_is_first_and_moves_focus_to_the_content(browser_page, server):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.classList.contains('site-skip'), document.activeElement.textContent.trim()]")
    assert focused == [True, "Hoppa till innehållet"]
    # The skip link is visible while it has focus.
    box = page.locator(".site-skip").bounding_box()
    assert box and box["width"] > 0 and page.locator(".site-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"
    page.keyboard.press("Tab")
    # The next stop is inside the article: the banner's link to the revision in force, or later.
    inside = page.evaluate("!!document.activeElement.closest('article')")
    assert inside


def focus_ring(page) -> str:
    """The outline of the focused control; a hidden radio button (the palette
    switch) shows its focus on the label that follows it."""
    return page.evaluate("""() => {
        let el = document.activeElement;
        if (el.matches('input.md-option')) el = el.nextElementSibling;
        const s = getComputedStyle(el);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? s.outlineStyle : 'none';
    }""")


def tab_until_reached(page, wanted: dict[str, str], limit: int = 150) -> dict[str, str]:
    """Press Tab until every selector in `wanted` has had focus; {name: outline style}."""
    reached: dict[str, str] = {}
    for _ in range(limit):
        page.keyboard.press("Tab")
        for name, selector in wanted.items():
            if name not in reached and page.evaluate("(s) => document.activeElement.matches(s)", selector):
                reached[name] = focus_ring(page)
        if len(reached) == len(wanted):
            break
    assert set(reached) == set(wanted), f"not reached by Tab: {set(wanted) - set(reached)}"
    assert all(style != "none" for style in reached.values()), reached
    return reached


def test_every_control_is_reachable_by_keyboard_with_visible_focus(browser_page, server):
    page = browser_page.page
    page.goto(server + "revisioner/4.0/")
    tab_until_reached(page, {
        "header search": "#site-search-q",
        "search button": ".site-search__button",
        "PDF": "a.pdf-download",
        "a section's controls": ".revision-text [tabindex='0']",
        "palette": "input.md-option[name='__palette']",
    })
    # A section's controls are one Tab stop; the arrow keys reach its note,
    # with a visible focus ring.
    page.locator("#syfte a.headerlink").focus()
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        if page.evaluate("() => document.activeElement.matches('details.section-versions > summary')"):
            break
    assert page.evaluate("() => document.activeElement.matches('details.section-versions > summary')")
    assert focus_ring(page) != "none"
    # A section note opens from the keyboard.
    summary = page.locator("details.section-versions > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.section-versions").first.get_attribute("open") is not None


def test_search_page_controls_and_results_are_reachable_by_keyboard(browser_page, server):
    page = browser_page.page
    page.goto(server + "sok/?q=SIP")
    page.wait_for_selector("#search-page[data-state=done]")
    tab_until_reached(page, {
        "query": "#sok-q",
        "revision": "#sok-revision",
        "submit": ".search-page__form button[type=submit]",
        "first result": "#search-results a[href]",
    })
    # Choosing another revision from the keyboard and submitting searches it.
    page.focus("#sok-revision")
    page.select_option("#sok-revision", "alla")
    page.focus(".search-page__form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=SIP&revision=alla")
    page.wait_for_selector("#search-page[data-state=done]")


def test_screenshots_at_phone_and_desktop_widths(site, server, browser, capsys):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    diffs = sorted(p for p in built_pages(site) if re.fullmatch(r"jamfor/[^/]+--[^/]+/", p))
    targets = {"start": "", "version-4.0": "revisioner/4.0/"}
    if diffs:
        targets["jamforelse"] = diffs[-1]
    written = []
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in targets.items():
            page.goto(server + path, wait_until="load")
            # Nothing may be wider than the viewport (no sideways scrolling on a phone).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} at {width}px"
            out = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(out), full_page=False)
            written.append(out)
        context.close()
    assert all(p.stat().st_size > 1000 for p in written)
    with capsys.disabled():
        print(f"\nScreenshots: {SCREENSHOTS}" + ("" if diffs else " (no diff page in this build)"))


def test_accessibility_statement_is_linked_from_every_page(site):
    for path in built_pages(site):
        page = read_html(site, path)
        if page.xpath("//meta[@http-equiv='refresh']"):
            assert path == "gallande/"  # only leads on to a page that has the footer
            continue
        links = page.cssselect("footer a.footer-accessibility")
        assert len(links) == 1, path
    statement = read_html(site, "tillganglighet/")
    headings = [h.text_content().strip().rstrip("¶") for h in statement.cssselect("article h2")]
    for expected in ("Hur tillgänglig är webbplatsen?", "Så har webbplatsen testats", "Kända brister",
                     "Rapportera brister", "Tillsyn"):
        assert expected in headings
    assert statement.cssselect('a[href="https://www.digg.se/tdosanmalan"]')
    assert statement.cssselect('a[href$="/issues"]')


def test_statement_says_the_text_in_force_is_hard_to_read_only_if_lix_says_so(site):
    from agreement.text import lix
    from agreement.sources.revisions import load_revisions

    in_force = load_revisions(ROOT / "docs").in_force
    text = read_html(site, "tillganglighet/").text_content()
    assert "svår att läsa" in text
    assert lix.of_revision(in_force).value >= 50, "update the statement: the text is no longer 'svår'"

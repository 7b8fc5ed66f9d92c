"""The site's styles and scripts, bundled per kind of page (hooks/assets.py,
agreement.outputs.bundles): what each page links, checked against what is on it."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import tinycss2
from cssselect import GenericTranslator, SelectorError

from agreement.outputs import bundles
from conftest import ROOT, read_html

STYLESHEETS = ROOT / "docs" / "stylesheets"
# A state or a part of an element, not which elements: dropped before matching.
RE_PSEUDO = re.compile(r"::?(hover|focus|focus-visible|focus-within|active|visited|link|checked|disabled"
                       r"|placeholder|before|after|marker|details-content|selection|target)\b")
RE_NOT_LIST = re.compile(r":not\(([^()]*,[^()]*)\)")
RE_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)")
TRANSLATOR = GenericTranslator()


def selectors(css: str) -> list[str]:
    """Every selector of a stylesheet, also those inside @media and @supports."""
    found = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.extend(top_level_parts(rule.prelude))
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def top_level_parts(prelude) -> list[str]:
    """A selector list split at its own commas, not those inside :is() or :not()."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    return [tinycss2.serialize(p).strip() for p in parts + [current]]


def site_class_selectors(css: str) -> list[str]:
    """Selectors naming a class of the site's own (not the theme's `md-` ones)."""
    return [s for s in selectors(css) if any(not c.startswith("md-") for c in RE_CLASS.findall(s))]


def matches(page, selector: str) -> bool:
    """Whether the built page has an element the selector is about, whatever its
    state or parts (:hover, ::before ... dropped)."""
    structural = RE_PSEUDO.sub("", selector).strip() or "*"
    # :not(a, b) is :not(a):not(b), the form cssselect reads.
    structural = RE_NOT_LIST.sub(lambda m: "".join(f":not({p.strip()})" for p in m.group(1).split(",")), structural)
    try:
        return bool(page.xpath(TRANSLATOR.css_to_xpath(structural)))
    except SelectorError:
        pytest.fail(f"cannot read selector {selector!r}")


def built_pages(site: Path) -> list[Path]:
    """The pages made with the theme (gallande/ is a bare redirect to the revision in force)."""
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name in ("index.html", "404.html")
                   and 'data-md-component="content"' in p.read_text(encoding="utf-8"))
    assert len(pages) > 15
    return pages


def site_links(page) -> tuple[list[str], list[tuple[str, str | None, str | None]]]:
    css = [l.get("href") for l in page.xpath("//link[@rel='stylesheet']") if "/assets/site/" in "/" + l.get("href")]
    js = [(s.get("src"), s.get("type"), s.get("defer")) for s in page.xpath("//script[@src]")
          if "assets/site/" in s.get("src")]
    return css, js


def resolve(site: Path, page_file: Path, href: str) -> Path:
    return (page_file.parent / href).resolve() if not href.startswith("/") else site / href.lstrip("/")


# --- the bundles, made from given files ----------------------------------------

def fake_docs(files: dict[str, str]):
    every = {bundles.STYLESHEETS + n: f"/* {n} */ .x-{n.split('.')[0]} {{ color: red; }}"
             for n in bundles.STYLESHEET_ORDER}
    every |= {bundles.SCRIPTS + n: f"/* {n} */ (function () {{ window.x = '{n}'; }})()"
              for n in bundles.SCRIPT_ORDER + ("reader-search.js",)}
    every |= files
    return every.__getitem__


def test_bundles_are_named_by_their_content_and_kinds_with_the_same_files_share_one():
    made = bundles.make_bundles(fake_docs({}))
    assert made["diff"].css.path == made["diff-picker"].css.path
    assert made["diff"].css.path != made["revision"].css.path
    changed = bundles.make_bundles(fake_docs({"stylesheets/diff.css": ".diff { color: blue; }"}))
    assert changed["diff"].css.path != made["diff"].css.path
    assert changed["revision"].css.path == made["revision"].css.path  # a kind without diff.css keeps its name
    assert re.fullmatch(r"assets/site/[0-9a-f]{10}\.css", made["diff"].css.path)


def test_files_are_joined_in_cascade_order_minified_and_modules_kept_whole():
    made = bundles.make_bundles(fake_docs({"javascripts/reader-search.js": "// a module\nexport const a = `x`;\n"}))
    css = made["revision"].css.content
    assert "/*" not in css  # comments are gone
    positions = [css.index(f".x-{n.split('.')[0]}") for n in bundles.PAGE_ASSETS["revision"].css]
    assert positions == sorted(positions)
    assert "revision" in css and "diff" not in css  # only what the kind uses
    classic, module = made["search"].scripts
    assert not classic.module and module.module
    assert module.content == "// a module\nexport const a = `x`;\n"
    assert "paragraph-keys.js" in classic.content and "cite.js" not in classic.content


def test_a_script_without_a_final_semicolon_does_not_run_into_the_next():
    # cite.js is followed by revision-facts.js, which starts with "(": without a
    # semicolon between them the two would be one call expression.
    made = bundles.make_bundles(fake_docs({"javascripts/cite.js": "window.a = 1\n"}))
    assert "window.a=1;\n/*" in made["revision"].scripts[0].content or "window.a=1;\n(" in made["revision"].scripts[0].content


# --- the real site --------------------------------------------------------------

def test_every_page_loads_one_site_stylesheet_with_every_rule_for_what_is_on_it(site):
    sources = {p.name: site_class_selectors(p.read_text(encoding="utf-8")) for p in STYLESHEETS.glob("*.css")}
    problems = []
    for page_file in built_pages(site):
        page = lxml.html.fromstring(page_file.read_bytes())
        css, _ = site_links(page)
        assert len(css) == 1, f"{page_file}: {css}"
        loaded = set(selectors(resolve(site, page_file, css[0]).read_text(encoding="utf-8")))
        for name, rules in sources.items():
            for selector in rules:
                if matches(page, selector) and not _loaded(selector, loaded):
                    problems.append(f"{page_file.relative_to(site)}: {name}: {selector}")
    assert problems == []


def _loaded(selector: str, loaded: set[str]) -> bool:
    """Whether the bundle has the rule (rcssmin drops spaces the selector need not have)."""
    squeeze = lambda s: re.sub(r"\s*([>+~,])\s*", r"\1", re.sub(r"\s+", " ", s)).strip()  # noqa: E731
    return squeeze(selector) in {squeeze(s) for s in loaded}


def test_pages_load_only_what_their_kind_uses(site):
    revision = read_html(site, "revisioner/4.0/")
    diff_page = next(p for p in (site / "jamfor").iterdir() if "--" in p.name)
    diff = lxml.html.fromstring((diff_page / "index.html").read_bytes())
    for page, page_file, present, absent in (
            (revision, site / "revisioner/4.0/index.html", "revision-meta", "diff-view-switch"),
            (diff, diff_page / "index.html", "diff-view-switch", "search-result__excerpt")):
        css, _ = site_links(page)
        text = resolve(site, page_file, css[0]).read_text(encoding="utf-8")
        assert present in text and absent not in text
    # Nothing links the unbundled files, and they are not published.
    for page_file in built_pages(site):
        html = page_file.read_text(encoding="utf-8")
        assert "stylesheets/site.css" not in html and "javascripts/cite.js" not in html, page_file
    assert not (site / "stylesheets").exists() and not (site / "javascripts").exists()


def test_scripts_are_deferred_and_the_search_module_stays_a_module(site):
    _, scripts = site_links(read_html(site, "revisioner/4.0/"))
    assert [(t, d is not None) for _, t, d in scripts] == [(None, True)]
    _, scripts = site_links(read_html(site, "sok/"))
    assert [(t, d is not None) for _, t, d in scripts] == [(None, True), ("module", False)]
    module = (site / "sok" / scripts[1][0]).resolve().read_text(encoding="utf-8")
    assert module == (ROOT / "docs" / "javascripts" / "reader-search.js").read_text(encoding="utf-8")


def test_first_load_of_the_revision_page(server, browser_page):
    """One stylesheet and one script of the site's own, and no sitemap.xml
    (the theme fetched one beside the Atom feed link)."""
    page = browser_page.page
    page.goto(server + "revisioner/4.0/", wait_until="networkidle")
    own = [u for u in browser_page.requests if "/assets/site/" in u]
    assert [u.rsplit(".", 1)[1] for u in own] == ["css", "js"]
    assert not any(u.endswith("sitemap.xml") for u in browser_page.requests)
    assert len(browser_page.requests) <= 7, browser_page.requests  # page, theme (3), site (2), icon
    assert browser_page.console_errors == []


def test_without_javascript_the_page_is_styled_and_readable(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    banner_border = page.eval_on_selector(".status-banner", "e => getComputedStyle(e).borderLeftWidth")
    assert banner_border != "0px"  # site.css, from the bundle
    assert page.eval_on_selector("details.revision-meta", "e => getComputedStyle(e).fontSize") == "14px"  # revision.css
    assert page.locator(".revision-text p").first.is_visible()
    context.close()


def test_a_drafts_page_gets_the_comment_styles_and_an_adopted_one_does_not():
    from types import SimpleNamespace
    chain = {"9.0": SimpleNamespace(status="draft"), "4.0": SimpleNamespace(status="adopted")}
    revisions = SimpleNamespace(get=chain.get)
    assert bundles.page_kind("revisioner/9.0/index.md", None, revisions) == "draft"
    assert bundles.page_kind("revisioner/4.0/index.md", None, revisions) == "revision"
    assert bundles.page_kind("jamfor/4.0--9.0/index.md", "diff.html", revisions) == "diff"
    assert bundles.page_kind("relaterade/sip.md", None, revisions) == "related"
    made = bundles.make_bundles(lambda path: (ROOT / "docs" / path).read_text(encoding="utf-8"))
    assert ".comment-link" in made["draft"].css.content and ".comment-link" not in made["revision"].css.content
    assert "listen" in made["draft"].scripts[0].content  # Lyssna, as on every revision page

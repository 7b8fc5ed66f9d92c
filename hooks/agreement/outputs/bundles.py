"""The site's own styles and scripts, bundled per kind of page.

Each kind of page (a revision, a diff, the search page, ...) loads one
stylesheet and one script of the site, made at build time from the files in
`docs/stylesheets/` and `docs/javascripts/` that kind of page uses: joined in the
order listed here, minified, and named by a hash of their content, so a host
may cache them for good and kinds with the same files share one. A module
script (the search page's) stays a module of its own.

`PAGE_ASSETS` is the one table of what each kind uses; tests/test_bundles.py
checks it against the built pages (a page loads every stylesheet with a rule
for a class on it)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable

import rcssmin
import rjsmin

from agreement import urls
from agreement.model.revision import RevisionSet

STYLESHEETS = "stylesheets/"
SCRIPTS = "javascripts/"


@dataclass(frozen=True)
class Assets:
    """What one kind of page uses, as names in docs/stylesheets/ and docs/javascripts/."""

    css: tuple[str, ...]
    js: tuple[str, ...]  # classic scripts, run deferred in this order
    modules: tuple[str, ...] = ()  # module scripts, each loaded on its own


# The order files are joined in, whichever of them a kind uses: the cascade of
# the stylesheets, and the order the scripts ran in when every page had all.
STYLESHEET_ORDER = ("site.css", "opendata.css", "editors.css", "xrefs.css", "diff.css",
                    "reader.css", "search.css", "glossary.css", "revision.css")
SCRIPT_ORDER = ("diff.js", "cite.js", "opendata.js", "revision-facts.js", "paragraph-keys.js", "lyssna.js")

# Header, footer, links, focus and print are on every page; opendata.js keeps
# the theme from fetching sitemap.xml for the feed and JSON links.
COMMON_CSS = ("site.css", "xrefs.css", "reader.css")
COMMON_JS = ("opendata.js",)
# One Tab stop per section wherever headings carry permanent links.
SECTION_KEYS = ("paragraph-keys.js",)


def _uses(css=(), js=(), modules=()) -> Assets:
    return Assets(tuple(n for n in STYLESHEET_ORDER if n in COMMON_CSS + css),
                  tuple(n for n in SCRIPT_ORDER if n in COMMON_JS + js), modules)


PAGE_ASSETS: dict[str, Assets] = {
    "revision": _uses(("opendata.css", "revision.css"), ("cite.js", "revision-facts.js", "lyssna.js") + SECTION_KEYS),
    # A draft's page adds the comment period and the comment links.
    "draft": _uses(("opendata.css", "editors.css", "revision.css"),
                   ("cite.js", "revision-facts.js", "lyssna.js") + SECTION_KEYS),
    "diff": _uses(("diff.css",), ("diff.js",)),
    "diff-picker": _uses(("diff.css",), ("diff.js",)),
    "search": _uses(("search.css",), SECTION_KEYS, modules=("reader-search.js",)),
    "open-data": _uses((), SECTION_KEYS),
    "glossary": _uses(("glossary.css",)),
    "related": _uses((), SECTION_KEYS),
    "comments": _uses(("editors.css",), SECTION_KEYS),
    "other": _uses((), SECTION_KEYS),
}

# The kind of a page whose template says it (the `template:` of its source).
KIND_OF_TEMPLATE = {
    "diff.html": "diff",
    "diff-picker.html": "diff-picker",
    "sok.html": "search",
    "oppna-data.html": "open-data",
    "glossary.html": "glossary",
    "related-index.html": "related",
    "comment-guide.html": "comments",
    "comment-compilation.html": "comments",
}


def page_kind(src_uri: str, template: str | None, revisions: RevisionSet) -> str:
    """The kind of the page made from `src_uri` (relative to docs/) with `template`."""
    revision = revisions.get(urls.revision_of_source(src_uri) or "")
    if revision is not None:
        return "draft" if revision.status == "draft" else "revision"
    if template in KIND_OF_TEMPLATE:
        return KIND_OF_TEMPLATE[template]
    if src_uri.startswith(urls.RELATED):
        return "related"
    return "other"


@dataclass(frozen=True)
class Bundle:
    path: str  # relative to the site root, named by its content
    content: str
    module: bool = False


@dataclass(frozen=True)
class PageBundles:
    """The site's stylesheet and scripts for one kind of page, in load order."""

    css: Bundle
    scripts: tuple[Bundle, ...]


def _named(content: str, suffix: str, module: bool = False) -> Bundle:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return Bundle(urls.asset_bundle(digest[:10], suffix), content, module)


def make_bundles(read: Callable[[str], str]) -> dict[str, PageBundles]:
    """Every kind's bundles; `read(path)` gives a file of docs/ (e.g.
    "stylesheets/site.css"). Each file is minified on its own, so a comment
    or a missing semicolon at the end of one cannot run into the next."""
    minified: dict[str, str] = {}

    def part(path: str) -> str:
        if path not in minified:
            text = read(path)
            minified[path] = rcssmin.cssmin(text) if path.endswith(".css") else rjsmin.jsmin(text)
        return minified[path]

    bundles = {}
    for kind, assets in PAGE_ASSETS.items():
        css = _named("\n".join(part(STYLESHEETS + name) for name in assets.css), "css")
        scripts = []
        if assets.js:
            scripts.append(_named(";\n".join(part(SCRIPTS + name) for name in assets.js), "js"))
        # A module is not minified: rjsmin is made for classic scripts, not for
        # every form of a module's syntax.
        scripts += [_named(read(SCRIPTS + name), "js", module=True) for name in assets.modules]
        bundles[kind] = PageBundles(css, tuple(scripts))
    return bundles


def sources() -> set[str]:
    """Every file of docs/ that some bundle is made from."""
    return {STYLESHEETS + name for assets in PAGE_ASSETS.values() for name in assets.css} | {
        SCRIPTS + name for assets in PAGE_ASSETS.values() for name in assets.js + assets.modules}

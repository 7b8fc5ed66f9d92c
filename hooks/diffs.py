"""MkDocs adapter for diff pages: a virtual page and its open data for every
pair of revisions, and a page to pick any two. All comparing happens in
`agreement.diff.engine`, through `agreement.diff.store.map_pairs`, which caches
diffs and, with many pairs, compares them in worker processes; there each
diff's JSON and its page's compared sections are made too
(`agreement.outputs.diff_html.pair_outputs`) and written to the build cache.
The pages are rendered by the theme templates `diff.html` (whose content,
`partials/diff-body.html`, is cached per pair and inputs) and
`diff-picker.html`. Nothing is written into docs/."""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from agreement.build import timing
from agreement.build.cache import digest
from agreement import urls
from agreement.diff.store import map_pairs, pair_key
from agreement.model.revision import Revision
from agreement.outputs.diff_html import DiffFacts, DiffPageView, PairOutputs, pair_outputs
import site_context

BODY_TEMPLATE = "partials/diff-body.html"


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    pages: dict = {}  # src_uri of a diff page -> DiffPage
    revision_digests: dict = {}  # revision id -> hash of the whole revision
    blocks: dict = {}  # theme blocks rendered once for every diff page (`shared_block`)
    env = None


@dataclass
class DiffPage:
    old: Revision
    new: Revision
    body_key: str  # hash of what the page's content is made from
    outputs: PairOutputs  # where the pair's JSON and compared sections go
    facts: DiffFacts | None = None  # only when the page's content is not in the cache


state = State()


def on_config(config):
    site_context.start(config)
    state.pages, state.revision_digests, state.blocks, state.env = {}, {}, {}, None
    return config


def _page_source(title: str, template: str, search: bool) -> str:
    # JSON strings are valid YAML scalars: titles may hold any character.
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"template: {template}",
             "hide: [navigation, toc]"]
    if not search:
        lines.append("search: {exclude: true}")  # the texts themselves are indexed on their own pages
    return "\n".join(lines + ["---", ""])


def _revision_digest(revision: Revision) -> str:
    if revision.id not in state.revision_digests:
        state.revision_digests[revision.id] = digest(repr(revision))
    return state.revision_digests[revision.id]


def _output_key(kind: str, pair_key: str, old: Revision, new: Revision, *more: str) -> str:
    """A diff page's content and its JSON show the diff and facts about both
    revisions (labels, text, status): their key covers all of them."""
    return digest(kind, site_context.current().version, pair_key, _revision_digest(old), _revision_digest(new), *more)


def on_files(files, config):
    """Every pair gets a page and its JSON. Only the pairs whose page content
    or JSON the cache lacks are compared (or their diff decoded from the
    cache), so a build with 50 revisions keeps no diff in memory: the large
    outputs go to the cache, and each page keeps its summary's facts."""
    context = site_context.current()
    pairs = list(context.revisions.pairs())
    json_cache, body_cache, sections_cache = (context.cache_for(kind)
                                              for kind in ("diff-json", "diff-page", "diff-sections"))
    inputs: dict[str, str] = {}
    pages, pair_keys = [], []
    for old, new in pairs:
        folder = urls.diff_page(old.id, new.id)
        title = f"Jämförelse: {old.label} och {new.label}"
        key = pair_key(context.engine_version, old, new, inputs)
        pair_keys.append(key)
        # The page's links to both revisions, as MkDocs' `url` filter makes them on it.
        hrefs = (get_relative_url(old.url(), folder), get_relative_url(new.url(), folder))
        body_key = _output_key("diff-page", key, old, new, title, folder) + ".html"
        outputs = PairOutputs(str(json_cache.folder), _output_key("diff-json", key, old, new) + ".json",
                              str(sections_cache.folder), body_key, *hrefs)
        page = DiffPage(old, new, body_key, outputs)
        state.pages[folder + urls.PAGE_SOURCE] = page
        pages.append(page)
        files.append(File.generated(config, folder + urls.PAGE_SOURCE,
                                    content=_page_source(title, "diff.html", search=False)))
    context.cache_for("diff").keep(pair_keys)  # the next build may need a diff whose outputs are cached now
    missing = [page for page in pages
               if not (json_cache.has(page.outputs.json_key) and body_cache.has(page.body_key))]
    with timing.part("diffing, diff data and sections"):
        _make_outputs(missing)
    json_cache.keep(page.outputs.json_key for page in pages)  # some were written by workers
    for page in pages:
        # MkDocs copies the JSON from the cache: 1,225 diffs' JSON need not sit in memory.
        files.append(File.generated(config, urls.diff_json(page.old.id, page.new.id),
                                    abs_src_path=str(json_cache.path(page.outputs.json_key))))
    files.append(File.generated(config, urls.DIFFS + urls.PAGE_SOURCE,
                                content=_page_source("Jämför versioner", "diff-picker.html", search=True)))
    return files


def _make_outputs(pages: list[DiffPage]) -> None:
    context = site_context.current()
    made = map_pairs([(page.old, page.new) for page in pages], context.cache_for("diff"), context.engine_version,
                     pair_outputs, [page.outputs for page in pages])
    for page, facts in zip(pages, made.results):
        page.facts = facts


def on_env(env, config, files):
    env.globals["diff_path"] = lambda old, new: urls.diff_page(old.id, new.id)
    env.globals["shared_block"] = shared_block
    state.env = env
    return env


def shared_block(name: str, render, page) -> Markup:
    """A block of the theme that renders the same on every diff page, rendered
    on the first: the navigation sidebar (1,225 diff pages of 50 revisions
    spent seconds on it). What it reads of the page is the same on every diff
    page: the depth of its URL (all are `jamfor/<old>--<new>/`, for relative
    links), what it hides, and that it is in no navigation and has no table
    of contents; a page with one is rendered on its own."""
    if page.toc.items or page.file.src_uri not in state.pages:
        return render()
    key = (name, page.url.count("/"), tuple(page.meta.get("hide", ())))
    if key not in state.blocks:
        state.blocks[key] = render()
    return state.blocks[key]


def diff_body(context, page: DiffPage) -> str:
    """The content of a diff page, from the cache when its inputs are unchanged."""
    build = site_context.current()
    cache, sections_cache = build.cache_for("diff-page"), build.cache_for("diff-sections")
    cached = cache.get(page.body_key)
    if cached is not None:
        return cached.decode("utf-8")
    sections = sections_cache.get(page.outputs.sections_key) if page.facts is not None else None
    if sections is None:  # the entries vanished since on_files
        _make_outputs([page])
        sections = sections_cache.get(page.outputs.sections_key)
    context["diff"] = DiffPageView.of(page.old, page.new, page.facts, sections.decode("utf-8"))
    html = state.env.get_template(BODY_TEMPLATE).render(context)
    cache.put(page.body_key, html.encode("utf-8"))
    sections_cache.discard(page.outputs.sections_key)  # in the page now, which is cached whole
    page.facts = None
    return html


def on_page_context(context, page, config, nav):
    diff_page = state.pages.get(page.file.src_uri)
    if diff_page is not None:
        with timing.part("diff pages"):
            context["diff_body"] = Markup(diff_body(context, diff_page))
    return context

"""MkDocs adapter for diff pages: a virtual page and its open data for every
pair of revisions, and a page to pick any two. All comparing happens in
`agreement.diff.engine` (through `agreement.diff.store`, which caches and parallelises
it); the pages are rendered by the theme templates `diff.html` (whose content,
`partials/diff-body.html`, is cached per pair and inputs) and
`diff-picker.html`. Nothing is written into docs/."""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.structure.files import File

from agreement.build import timing
from agreement.build.cache import digest
from agreement import labels, urls
from agreement.diff.data import diff_json_text, section_anchor
from agreement.diff.engine import RevisionDiff
from agreement.diff.history import row_anchors
from agreement.diff.store import diff_pairs, pair_key
from agreement.model.revision import Revision
import site_context

BODY_TEMPLATE = "partials/diff-body.html"


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    pages: dict = {}  # src_uri of a diff page -> DiffPage
    revision_digests: dict = {}  # revision id -> hash of the whole revision
    env = None


@dataclass
class DiffPage:
    old: Revision
    new: Revision
    pair_key: str  # hash of what the diff is made from
    body_key: str  # hash of what the page's content is made from
    diff: RevisionDiff | None = None  # only when an output of the pair is not in the cache


state = State()


def on_config(config):
    site_context.start(config)
    state.pages, state.revision_digests, state.env = {}, {}, None
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
    """Every pair gets a page and its JSON. A diff is computed (or decoded from
    the cache) only for the pairs whose page or JSON the cache lacks, so a
    build with 50 revisions keeps only the changed pairs' diffs in memory."""
    context = site_context.current()
    pairs = list(context.revisions.pairs())
    json_cache, body_cache, diff_cache = (context.cache_for(kind) for kind in ("diff-json", "diff-page", "diff"))
    inputs: dict[str, str] = {}
    pages, json_keys = [], []
    for old, new in pairs:
        folder = urls.diff_page(old.id, new.id)
        title = f"Jämförelse: {old.label} och {new.label}"
        key = pair_key(context.engine_version, old, new, inputs)
        page = DiffPage(old, new, key, _output_key("diff-page", key, old, new, title, folder) + ".html")
        state.pages[folder + urls.PAGE_SOURCE] = page
        pages.append(page)
        json_keys.append(_output_key("diff-json", key, old, new) + ".json")
        files.append(File.generated(config, folder + urls.PAGE_SOURCE,
                                    content=_page_source(title, "diff.html", search=False)))
    diff_cache.keep(page.pair_key for page in pages)
    missing = [n for n, (page, json_key) in enumerate(zip(pages, json_keys))
               if not (json_cache.has(json_key) and body_cache.has(page.body_key))]
    with timing.part("diffing"):
        computed = diff_pairs([pairs[n] for n in missing], diff_cache, context.engine_version).diffs
    with timing.part("diff data"):
        for n, diff in zip(missing, computed):
            pages[n].diff = diff
            json_cache.put(json_keys[n], diff_json_text(diff).encode("utf-8"))
    for (old, new), json_key in zip(pairs, json_keys):
        # MkDocs copies the JSON from the cache: 1,225 diffs' JSON need not sit in memory.
        files.append(File.generated(config, urls.diff_json(old.id, new.id),
                                    abs_src_path=str(json_cache.path(json_key))))
    files.append(File.generated(config, urls.DIFFS + urls.PAGE_SOURCE,
                                content=_page_source("Jämför versioner", "diff-picker.html", search=True)))
    return files


def on_env(env, config, files):
    env.globals["diff_path"] = lambda old, new: urls.diff_page(old.id, new.id)
    env.globals["section_anchor"] = section_anchor
    env.globals["row_anchors"] = row_anchors
    env.globals["change_sv"] = labels.CHANGE
    state.env = env
    return env


def diff_body(context, page: DiffPage) -> str:
    """The content of a diff page, from the cache when its inputs are unchanged."""
    build = site_context.current()
    cache = build.cache_for("diff-page")
    cached = cache.get(page.body_key)
    if cached is not None:
        return cached.decode("utf-8")
    if page.diff is None:  # the entry vanished since on_files
        page.diff = diff_pairs([(page.old, page.new)], build.cache_for("diff"), build.engine_version).diffs[0]
    context["diff"] = page.diff
    html = state.env.get_template(BODY_TEMPLATE).render(context)
    cache.put(page.body_key, html.encode("utf-8"))
    page.diff = None  # rendered: the page keeps no diff in memory
    return html


def on_page_context(context, page, config, nav):
    diff_page = state.pages.get(page.file.src_uri)
    if diff_page is not None:
        with timing.part("diff pages"):
            context["diff_body"] = Markup(diff_body(context, diff_page))
    return context

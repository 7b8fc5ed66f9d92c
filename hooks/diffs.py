"""MkDocs adapter for diff pages: a virtual page and its open data for every
pair of revisions, and a page to pick any two. All comparing happens in
`agreement.diff` (through `agreement.diffstore`, which caches and parallelises
it); the pages are rendered by the theme templates `diff.html` (whose content,
`partials/diff-body.html`, is cached per pair and inputs) and
`diff-picker.html`. Nothing is written into docs/."""
from __future__ import annotations

import json

from markupsafe import Markup
from mkdocs.structure.files import File

from agreement import timing
from agreement.buildcache import digest
from agreement.diffdata import CHANGE_SV, DIFF_ROOT, diff_json_text, pair_path, section_anchor
from agreement.diffstore import diff_pairs
# hooks/cache.py and hooks/revisions.py register themselves under these names.
from cache import cache_for, state as cache_state
from revisions import state as revision_state

BODY_TEMPLATE = "partials/diff-body.html"


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    diffs: dict = {}  # src_uri of a diff page -> RevisionDiff
    keys: dict = {}  # src_uri of a diff page -> cache key of its diff
    revision_digests: dict = {}  # revision id -> hash of the whole revision
    env = None


state = State()


def on_config(config):
    state.diffs, state.keys, state.revision_digests, state.env = {}, {}, {}, None
    return config


def _page_source(title: str, template: str, search: bool) -> str:
    # JSON strings are valid YAML scalars: titles may hold any character.
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"template: {template}",
             "hide: [navigation, toc]"]
    if not search:
        lines.append("search: {exclude: true}")  # the texts themselves are indexed on their own pages
    return "\n".join(lines + ["---", ""])


def on_files(files, config):
    pairs = list(revision_state.revisions.pairs())
    with timing.part("diffing"):
        result = diff_pairs(pairs, cache_for("diff"), cache_state.version)
    with timing.part("diff data"):
        for (old, new), diff, key in zip(pairs, result.diffs, result.keys):
            folder = pair_path(old, new)
            state.diffs[folder + "index.md"] = diff
            state.keys[folder + "index.md"] = key
            title = f"Jämförelse: {old.label} och {new.label}"
            files.append(File.generated(config, folder + "index.md",
                                        content=_page_source(title, "diff.html", search=False)))
            files.append(File.generated(config, folder + "index.json", content=diff_json_text(diff)))
    files.append(File.generated(config, DIFF_ROOT + "index.md",
                                content=_page_source("Jämför versioner", "diff-picker.html", search=True)))
    return files


def on_env(env, config, files):
    env.globals["diff_path"] = pair_path
    env.globals["section_anchor"] = section_anchor
    env.globals["change_sv"] = CHANGE_SV
    state.env = env
    return env


def _revision_digest(revision) -> str:
    if revision.id not in state.revision_digests:
        state.revision_digests[revision.id] = digest(repr(revision))
    return state.revision_digests[revision.id]


def diff_body(context, page, diff) -> str:
    """The content of a diff page, from the cache when its inputs are unchanged:
    the diff, everything about both revisions, the page's title and place."""
    key = digest("diff-page", cache_state.version, state.keys[page.file.src_uri],
                 _revision_digest(diff.old), _revision_digest(diff.new), page.title, page.url) + ".html"
    cache = cache_for("diff-page")
    cached = cache.get(key)
    if cached is not None:
        return cached.decode("utf-8")
    html = state.env.get_template(BODY_TEMPLATE).render(context)
    cache.put(key, html.encode("utf-8"))
    return html


def on_page_context(context, page, config, nav):
    diff = state.diffs.get(page.file.src_uri)
    if diff is not None:
        context["diff"] = diff
        with timing.part("diff pages"):
            context["diff_body"] = Markup(diff_body(context, page, diff))
    return context

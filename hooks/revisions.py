"""MkDocs adapter for the revision model: load and validate the sources before
MkDocs touches the output folder, hand the model to templates, and decorate
revision pages. All logic lives in the `agreement` package."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from agreement.model import dates
from agreement.text import lix
from agreement.build import timing
from agreement.page.decorate import PageContext, decorate_revision_html
from agreement.model.errors import SourceErrors
from agreement.sources.revisions import load_revisions
from agreement.text.render import make_renderer

log = logging.getLogger("mkdocs.hooks.revisions")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    revisions = None
    today = None
    lix: dict = {}  # revision id -> its LIX, counted once per build


state = State()
# MkDocs registers a hook under its path ("hooks/revisions.py"), so a later hook's
# `from revisions import state` would load a second copy with empty state;
# register this module under its plain name too.
sys.modules["revisions"] = sys.modules[__name__]


def report_and_abort(errors: SourceErrors) -> None:
    for error in errors.errors:
        print(str(error), file=sys.stderr)
    raise Abort(f"{len(errors.errors)} error(s) in the sources; the output folder was not touched.")


@event_priority(100)
def on_config(config):
    state.revisions, state.lix = None, {}
    try:
        state.today = dates.build_date()
    except ValueError as exc:
        raise Abort(str(exc))
    render = make_renderer(config.markdown_extensions, config.mdx_configs)
    try:
        with timing.part("loading sources"):
            state.revisions = load_revisions(Path(config.docs_dir), render)
    except SourceErrors as errors:
        report_and_abort(errors)
    config.nav = expand_revision_nav(config.nav, state.revisions)
    return config


def expand_revision_nav(nav, revisions):
    """Replace the nav entry of `revisioner/index.md` by a section listing every
    revision, newest first, under its label."""
    if not nav:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == "revisioner/index.md":
            title = next(iter(item))
            pages = [{"Alla versioner": "revisioner/index.md"}]
            pages += [{r.label: f"revisioner/{r.id}/index.md"} for r in reversed(revisions.revisions)]
            out.append({title: pages})
        else:
            out.append(item)
    return out


def revision_of(page):
    parts = page.file.src_uri.split("/")
    if len(parts) == 3 and parts[0] == "revisioner" and parts[2] == "index.md":
        return state.revisions.get(parts[1])
    return None


def on_env(env, config, files):
    env.globals["revisions"] = state.revisions
    env.globals["build_date"] = state.today
    env.filters["date_sv"] = lambda d: d.sv() if hasattr(d, "sv") else dates.format_sv(d)
    env.filters["lix_sv"] = lix_sv
    return env


def lix_sv(revision) -> str:
    """A revision's LIX in words; every diff page of a revision shows it."""
    if revision.id not in state.lix:
        state.lix[revision.id] = lix.describe_sv(lix.of_revision(revision))
    return state.lix[revision.id]


def page_context(page, config, revision) -> PageContext:
    def url(path: str) -> str:
        return get_relative_url(path or ".", page.url or ".")

    return PageContext(revision, state.revisions, url, dict(config.extra), state.today,
                       site_url=config.site_url)


def on_page_markdown(markdown, page, config, files):
    # Material reads `status` in front matter as its own page-status badge
    # (new/deprecated) and shows an unknown-status icon in the navigation;
    # the revision's status lives in the model, so hide it from the theme.
    if revision_of(page) is not None and "status" in page.meta:
        page.meta["revision_status"] = page.meta.pop("status")
    return markdown


def on_page_content(html, page, config, files):
    revision = revision_of(page)
    if revision is None or not revision.has_text:
        return html
    with timing.part("revision pages (links, section versions, LIX)"):
        return decorate_revision_html(html, page_context(page, config, revision))


def on_page_context(context, page, config, nav):
    revision = revision_of(page)
    context["revision"] = revision
    if revision is not None:
        context["revision_role"] = state.revisions.role(revision)
    return context

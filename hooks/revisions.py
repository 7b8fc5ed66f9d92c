"""MkDocs adapter for the revision pages: the navigation lists every revision,
templates get the validated model, and revision pages are decorated (anchors,
links, notes). The sources were loaded and checked by the build context
(`site_context.start`) before MkDocs touches the output folder."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import site_context
from agreement import labels, urls
from agreement.build import timing
from agreement.diff.history import paragraph_history
from agreement.model import dates
from agreement.outputs.in_force_page import in_force_page
from agreement.page import views
from agreement.page.decorate import PageContext, decorate_revision_html
from agreement.text import hyphenate, lix

ALL_REVISIONS_TITLE = "Alla versioner"


def on_config(config):
    context = site_context.start(config)
    config.nav = expand_revision_nav(config.nav, context.revisions)
    return config


def expand_revision_nav(nav, revisions):
    """Replace the nav entry of the revisions' index by a section listing every
    revision, newest first, under its label."""
    if not nav:
        return nav
    index = urls.REVISIONS + urls.PAGE_SOURCE
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == index:
            title = next(iter(item))
            pages = [{ALL_REVISIONS_TITLE: index}]
            pages += [{r.label: urls.revision_source(r.id)} for r in reversed(revisions.revisions)]
            out.append({title: pages})
        else:
            out.append(item)
    return out


def revision_of(page):
    revision_id = urls.revision_of_source(page.file.src_uri)
    return site_context.current().revisions.get(revision_id) if revision_id else None


def on_env(env, config, files):
    # Every value a template prints is escaped unless the build marked it as
    # HTML it made (page content, toc titles: on_page_context below).
    env.autoescape = True
    context = site_context.current()
    env.globals["revisions"] = context.revisions
    env.globals["build_date"] = context.today
    env.globals["labels"] = labels
    env.globals["site_urls"] = urls
    env.globals["search_all"] = urls.SEARCH_ALL
    env.globals["search_choices"] = views.search_choices(context.revisions)
    env.globals["search_default"] = next(c.value for c in env.globals["search_choices"] if c.selected)
    env.globals["diff_picker_default"] = views.diff_picker_default(context.revisions)
    env.filters["date_sv"] = lambda d: d.sv() if hasattr(d, "sv") else dates.format_sv(d)
    env.filters["lix_sv"] = lix_sv
    return env


def lix_sv(revision) -> str:
    """A revision's LIX in words; every diff page of a revision shows it."""
    memo = site_context.current().lix
    if revision.id not in memo:
        memo[revision.id] = lix.describe_sv(lix.of_revision(revision))
    return memo[revision.id]


def page_context(page, config, revision) -> PageContext:
    context = site_context.current()

    def url(path: str) -> str:
        return get_relative_url(path or ".", page.url or ".")

    return PageContext(revision, context.revisions, url, context.settings.extra, context.today,
                       site_url=config.site_url, links=context.sources.links,
                       comment_routes=context.sources.comment_routes,
                       comment_answers=context.sources.answers, diff=context.diff_of)


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


def on_post_build(config):
    """gallande/: the stable address of the revision in force."""
    out = Path(config.site_dir) / urls.IN_FORCE / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(in_force_page(site_context.current().revisions, config.site_url, config.site_name),
                   encoding="utf-8")


def mark_built_html(page) -> None:
    """The page's HTML and its toc titles (escaped text from Markdown) are the
    build's own output: print them as they are."""
    page.content = Markup(page.content or "")
    items = list(page.toc or ())
    while items:
        item = items.pop()
        item.title = Markup(item.title)
        items.extend(item.children)


@event_priority(-100)  # last: every hook has made its part of the page by now
def on_page_context(context, page, config, nav):
    mark_built_html(page)
    revision = revision_of(page)
    context["revision"] = revision
    if revision is not None:
        revisions = site_context.current().revisions
        context["revision_role"] = revisions.role(revision)
        context["compare_with_in_force"] = views.compare_with_in_force(revisions, revision)
        context["revision_pdf"] = urls.revision_pdf(revision.id)
        today = site_context.current().today
        context["status_line"] = views.status_line(revisions, revision, today)
        context["comment_period_line"] = views.comment_period_line(revision, today)
        context["comment_period_anchor"] = views.COMMENT_PERIOD_ANCHOR
        context["revision_title"] = hyphenate.soft_hyphenated(revision.title)
        context["revision_downloads"] = urls.downloads(revision)
        if revision.has_text:
            history = paragraph_history(revisions, revision, site_context.current().diff_of)
            context["history_note"] = views.history_note(history)
    return context

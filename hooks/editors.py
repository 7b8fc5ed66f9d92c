"""MkDocs adapter for the editors' path: where comments go (for the templates),
the page that explains it (`lamna-synpunkter/`), the compiled page of each
draft's answers file (`revisioner/<id>/synpunkter/`), and the Atom feed after
the build. The answers files, the lock and the comment routes were checked
with every other source by the build context."""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import site_context
from agreement import labels, urls
from agreement.editors import compilation
from agreement.outputs.feed import feed_entries, write_feed
from agreement.page import views
from agreement.page.comment_links import EXPLANATION_ID, comment_settings

GUIDE_TITLE = "Så lämnar du synpunkter"
GUIDE_TEMPLATE = "comment-guide.html"
COMPILATION_TEMPLATE = "comment-compilation.html"


def on_config(config):
    site_context.start(config)
    return config


def on_files(files, config):
    context = site_context.current()
    for f in list(files):
        # The answers file holds unpublished text: it is a source, never part of the site.
        if urls.draft_of_answers_source(f.src_uri) is not None:
            files.remove(f)
    files.append(File.generated(config, urls.COMMENTS_GUIDE + urls.PAGE_SOURCE,
                                content=f"---\ntitle: {GUIDE_TITLE}\ntemplate: {GUIDE_TEMPLATE}\n---\n"))
    for revision_id in context.sources.answers:
        title = f"Synpunkter på {context.revisions.get(revision_id).label}"
        files.append(File.generated(config, urls.comments_source(revision_id),
                                    content=f"---\ntitle: \"{title}\"\ntemplate: {COMPILATION_TEMPLATE}\n---\n"))
    return files


def on_env(env, config, files):
    context = site_context.current()
    routes = context.sources.comment_routes
    env.globals["comment_compilations"] = {revision_id: urls.comments_page(revision_id)
                                           for revision_id in context.sources.answers}
    env.globals["comment_channel"] = routes.channel
    env.globals["comment_routes"] = routes.routes
    env.globals["comment_explanation_id"] = EXPLANATION_ID
    env.globals["comment_guide_page"] = urls.COMMENTS_GUIDE
    env.globals["comment_process"] = comment_settings(context.settings.extra).get("process")
    env.globals["comment_guide"] = views.comment_guide(context.settings.extra)
    env.globals["count_sv"] = compilation.count_sv
    env.globals["whole_draft_title"] = labels.WHOLE_DRAFT
    env.globals["unpublished_text"] = compilation.UNPUBLISHED_TEXT
    return env


def on_page_context(context, page, config, nav):
    revision_id = next((r for r in site_context.current().sources.answers
                        if page.file.src_uri == urls.comments_source(r)), None)
    if revision_id is None:
        return context
    build = site_context.current()

    def url(path: str) -> str:
        return get_relative_url(path or ".", page.url or ".")

    revision = build.revisions.get(revision_id)
    later = next(iter(build.revisions.later_than(revision)), None)
    context["compilation"] = compilation.compilation_view(revision, build.sources.answers[revision_id], url, later)
    context["guide_href"] = url(urls.COMMENTS_GUIDE)
    return context


def on_post_build(config):
    context = site_context.current()
    entries = feed_entries(context.revisions, context.today, context.sources.answers)
    write_feed(Path(config.site_dir) / urls.FEED, entries, site_url=config.site_url or "",
               title=config.site_name, author=config.extra.get("region", {}).get("name", config.site_name))

"""MkDocs adapter for the editors' path: which drafts have a compilation of
comments beside them, where comments go (for the templates), and the Atom feed
after the build. The lock on adopted revisions and the comment target were
checked with every other source by the build context."""
from __future__ import annotations

from pathlib import Path

import site_context
from agreement import urls
from agreement.page.comment_links import comment_settings
from agreement.outputs.feed import feed_entries, write_feed


class EditorState:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    comment_compilations: set = set()


editor_state = EditorState()


def on_config(config):
    site_context.start(config)
    editor_state.comment_compilations = set()
    return config


def on_files(files, config):
    # Which drafts have a compilation of comments beside them (for the banner's link).
    editor_state.comment_compilations = {
        revision_id for f in files
        if (revision_id := urls.draft_of_comments_source(f.src_uri)) is not None}
    return files


def on_env(env, config, files):
    context = site_context.current()
    env.globals["comment_compilations"] = {revision_id: urls.comments_page(revision_id)
                                           for revision_id in editor_state.comment_compilations}
    env.globals["comment_channel"] = context.sources.comment_target.channel
    env.globals["comment_process"] = comment_settings(context.settings.extra).get("process")
    return env


def on_post_build(config):
    context = site_context.current()
    entries = feed_entries(context.revisions, context.today)
    write_feed(Path(config.site_dir) / urls.FEED, entries, site_url=config.site_url or "",
               title=config.site_name, author=config.extra.get("region", {}).get("name", config.site_name))

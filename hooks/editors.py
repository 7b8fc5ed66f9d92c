"""MkDocs adapter for the editors' safeguards and the Atom feed: checks the
lock on adopted revisions and the comment target before MkDocs touches the
output folder, and writes `feed.xml` after the build. Logic lives in the
`agreement` package."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from agreement.checks import editor_checks
from agreement.page.comment_links import comment_settings, target_from_settings
from agreement.model.errors import SourceErrors
from agreement.outputs.feed import feed_entries, write_feed
# hooks/revisions.py registers itself as `revisions`, so this is its loaded state.
from revisions import report_and_abort, state


class EditorState:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    comment_compilations: set = set()


editor_state = EditorState()


@event_priority(90)  # after revisions.on_config (100) has loaded the model
def on_config(config):
    editor_state.comment_compilations = set()
    if state.revisions is None:
        return config
    config_file = Path(config.config_file_path)
    errors = editor_checks(state.revisions, config_file.parent, config.extra,
                           config.repo_url or "", config_file)
    if errors:
        report_and_abort(SourceErrors(errors))
    # Pages and templates get the comment target with {repo_url} filled in.
    target = target_from_settings(config.extra, config.repo_url or "").resolved()
    config.extra["comments"] = {**comment_settings(config.extra), "url_template": target.template,
                                "channel": target.channel}
    return config


def on_post_build(config):
    if state.revisions is None:
        return
    entries = feed_entries(state.revisions, state.today)
    write_feed(Path(config.site_dir) / "feed.xml", entries, site_url=config.site_url or "",
               title=config.site_name, author=config.extra.get("region", {}).get("name", config.site_name))


def on_files(files, config):
    # Which drafts have a compilation of comments beside them (for the banner's link).
    editor_state.comment_compilations = {
        f.src_uri.split("/")[1] for f in files
        if f.src_uri.startswith("revisioner/") and f.src_uri.endswith("/synpunkter.md")
        and f.src_uri.count("/") == 2
    }
    return files


def on_env(env, config, files):
    env.globals["comment_compilations"] = editor_state.comment_compilations
    return env

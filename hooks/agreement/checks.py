"""Every check on the sources, in one place, so that `scripts/check.py` and the
build report exactly the same `path:line: message` lines: the build context
(`hooks/site_context.py`) and the script both call `check_sources`.

First the region settings (a config that is not a region's explains every
later error), then the loaders (a source that does not load cannot be checked
further), then the checks across sources (the lock on adopted revisions, the
comment target) and the cross-link data (related pages, law table, glossary)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from agreement import urls
from agreement.sources.answers import Answers, load_answers
from agreement.links.steps import CrossLinks, load_cross_links
from agreement.model.errors import SourceError, SourceErrors, report_lines
from agreement.model.revision import RevisionSet
from agreement.model.site import SiteSettings
from agreement.page.comment_links import CommentRoutes, check_routes, routes_from_settings
from agreement.sources.docsfiles import committed_cache, links_leaving
from agreement.sources.documents import check_source_files
from agreement.sources.lock import check_lock, read_lock
from agreement.sources.markdown_pages import check_markdown_pages
from agreement.sources.region import check_region_config
from agreement.sources.revisions import load_revisions
from agreement.text.render import make_renderer


@dataclass
class CheckedSources:
    """Every source, loaded and checked; `errors` empty when all are in order."""

    revisions: RevisionSet | None = None
    links: CrossLinks | None = None
    comment_routes: CommentRoutes | None = None  # where comments go
    answers: dict[str, Answers] = field(default_factory=dict)  # revision id -> its synpunkter.yml
    errors: list[SourceError] = field(default_factory=list)


def editor_checks(revisions: RevisionSet, settings: SiteSettings,
                  locking: tuple[str, ...] = ()) -> list[SourceError]:
    """Checks across sources: the lock (`locking`: revisions scripts/lock.py is
    about to record), the comment target, and links that leave the repository."""
    lock, errors = read_lock(settings.project_dir)
    if not errors:
        errors = check_lock(revisions, lock, locking)
    errors += links_leaving(settings.docs_dir, settings.project_dir)
    errors += committed_cache(settings.project_dir)
    config_path = settings.config_file.name
    errors += check_routes(settings.extra, settings.repo_url, settings.config_file, config_path)
    errors += check_source_files(revisions, settings.project_dir)
    return errors


def load_all_answers(revisions: RevisionSet, settings: SiteSettings) -> tuple[dict[str, Answers], list[SourceError]]:
    """The answers file beside each revision that has one, checked against its text."""
    answers, errors = {}, []
    for revision in revisions:
        path = settings.docs_dir / urls.answers_source(revision.id)
        if path.exists():
            loaded, problems = load_answers(path, os.path.relpath(path), revision)
            errors += problems
            if loaded is not None:
                answers[revision.id] = loaded
    return answers, errors


def check_sources(settings: SiteSettings, warn: Callable[[str], None] | None = None,
                  info: Callable[[str], None] | None = None,
                  locking: tuple[str, ...] = ()) -> CheckedSources:
    """Load and check every source as the build does.
    `warn` receives what the build logs as warnings (errors under --strict);
    `info` what it logs at info level (law references left unlinked)."""
    warn = warn or (lambda message: None)
    info = info or (lambda message: None)
    region_errors = check_region_config(settings.config_file, os.path.relpath(settings.config_file))
    if region_errors:
        return CheckedSources(errors=region_errors)
    render = make_renderer(settings.extensions, settings.extension_configs)
    # Every page made from Markdown passes the HTML allowlist, modelled or not.
    page_errors = check_markdown_pages(settings.docs_dir, render)
    try:
        revisions = load_revisions(settings.docs_dir, render)
    except SourceErrors as errors:
        return CheckedSources(errors=sorted(set(errors.errors + page_errors)))
    checked = CheckedSources(revisions)
    errors = editor_checks(revisions, settings, locking) + page_errors
    checked.answers, answer_errors = load_all_answers(revisions, settings)
    errors += answer_errors
    try:
        checked.links = load_cross_links(settings.project_dir, settings.docs_dir, settings.extra, warn, render, info)
    except SourceErrors as link_errors:
        errors += link_errors.errors
    checked.errors = sorted(set(errors))
    if not checked.errors:
        checked.comment_routes = routes_from_settings(settings.extra, settings.repo_url, settings.site_url)
    return checked


def sources_in_order(settings: SiteSettings, then: str, stream: TextIO = sys.stderr,
                     locking: tuple[str, ...] = ()) -> RevisionSet | None:
    """For editor scripts: the revisions when every source is in order; otherwise
    print the errors and what happens next (`then`), and give None."""
    checked = check_sources(settings, locking=locking)
    if checked.revisions is not None and not checked.errors:
        return checked.revisions
    for line in report_lines(checked.errors):
        print(line, file=stream)
    print(then, file=stream)
    return None

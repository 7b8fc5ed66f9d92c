"""Every check on the sources, in one place, so that `scripts/check.py` and the
build report exactly the same `path:line: message` lines.

The build's adapters call the same functions in the same order: first the
loaders (a source that does not load cannot be checked further), then the
checks across sources (the lock on adopted revisions, the comment target)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, TextIO

from agreement.page.comment_links import check_target
from agreement.links.steps import load_cross_links
from agreement.model.errors import SourceError, SourceErrors
from agreement.sources.revisions import load_revisions
from agreement.sources.documents import check_source_files
from agreement.sources.lock import check_lock, read_lock
from agreement.model.revision import RevisionSet
from agreement.sources.region import check_region_config
from agreement.text.render import make_renderer
from agreement.settings import SiteSettings, key_line


def editor_checks(revisions: RevisionSet, project_dir: Path, extra: dict, repo_url: str,
                  config_file: Path) -> list[SourceError]:
    """Checks that need the loaded revisions: the lock and the comment target."""
    lock, errors = read_lock(project_dir)
    if not errors:
        errors = check_lock(revisions, lock)
    config_path = Path(config_file).name
    errors += check_target(extra, repo_url, config_path, key_line(config_file, "url_template"))
    errors += check_source_files(revisions, project_dir)
    return errors


def cross_link_errors(settings: SiteSettings, warn: Callable[[str], None]) -> list[SourceError]:
    """The related pages, law table and glossary."""
    try:
        load_cross_links(settings.project_dir, settings.docs_dir, dict(settings.extra), warn)
    except SourceErrors as errors:
        return list(errors.errors)
    return []


def check_sources(settings: SiteSettings, warn: Callable[[str], None] | None = None
                  ) -> tuple[RevisionSet | None, list[SourceError]]:
    """Load and check every source as the build does, without building.
    `warn` receives what the build logs as warnings (errors under --strict)."""
    warn = warn or (lambda message: None)
    # As in the build (hooks/region.py): a region config that is not complete stops first.
    region_errors = check_region_config(settings.config_file, os.path.relpath(settings.config_file))
    if region_errors:
        return None, region_errors
    render = make_renderer(settings.extensions, settings.extension_configs)
    try:
        revisions = load_revisions(settings.docs_dir, render)
    except SourceErrors as errors:
        return None, errors.errors
    errors = editor_checks(revisions, settings.project_dir, settings.extra, settings.repo_url,
                           settings.config_file)
    errors += cross_link_errors(settings, warn)
    return revisions, sorted(set(errors))


def sources_in_order(settings: SiteSettings, then: str, stream: TextIO = sys.stderr) -> RevisionSet | None:
    """For editor scripts: the revisions when every source is in order; otherwise
    print the errors and what happens next (`then`), and give None."""
    revisions, errors = check_sources(settings)
    if revisions is not None and not errors:
        return revisions
    for error in errors:
        print(error, file=stream)
    print(then, file=stream)
    return None

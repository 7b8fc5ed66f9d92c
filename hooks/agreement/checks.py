"""Every check on the sources, in one place, so that `scripts/check.py` and the
build report exactly the same `path:line: message` lines.

The build's adapters call the same functions in the same order: first the
loaders (a source that does not load cannot be checked further), then the
checks across sources (the lock on adopted revisions, the comment target)."""
from __future__ import annotations

from pathlib import Path

from .comments import check_target
from .errors import SourceError, SourceErrors
from .load import load_revisions
from .lock import check_lock, read_lock
from .model import RevisionSet
from .render import make_renderer
from .settings import SiteSettings, key_line


def editor_checks(revisions: RevisionSet, project_dir: Path, extra: dict, repo_url: str,
                  config_file: Path) -> list[SourceError]:
    """Checks that need the loaded revisions: the lock and the comment target."""
    lock, errors = read_lock(project_dir)
    if not errors:
        errors = check_lock(revisions, lock)
    config_path = Path(config_file).name
    errors += check_target(extra, repo_url, config_path, key_line(config_file, "url_template"))
    return errors


def check_sources(settings: SiteSettings) -> tuple[RevisionSet | None, list[SourceError]]:
    """Load and check every source as the build does, without building."""
    render = make_renderer(settings.extensions, settings.extension_configs)
    try:
        revisions = load_revisions(settings.docs_dir, render)
    except SourceErrors as errors:
        return None, errors.errors
    errors = editor_checks(revisions, settings.project_dir, settings.extra, settings.repo_url,
                           settings.config_file)
    return revisions, sorted(set(errors))

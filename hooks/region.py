"""MkDocs adapter for the region settings: a config file that lacks one of the
settings that make the site a region's stops the build before anything is
written. The check itself is `agreement.regionconfig`."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority

from agreement.model.errors import SourceErrors
from agreement.sources.region import check_region_config
# hooks/revisions.py (listed before this hook) registers itself as `revisions`.
from revisions import report_and_abort


@event_priority(110)  # before the sources are read: a wrong config explains later errors
def on_config(config):
    config_file = Path(config.config_file_path)
    errors = check_region_config(config_file, os.path.relpath(config_file))
    if errors:
        report_and_abort(SourceErrors(errors))
    return config

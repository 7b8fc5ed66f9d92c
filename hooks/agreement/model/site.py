"""The settings of a site, as plain data: what the package needs of mkdocs.yml
(read by MkDocs' own loader in `hooks/site_context.py`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SiteSettings:
    config_file: Path
    project_dir: Path
    docs_dir: Path
    site_name: str = ""
    site_url: str = ""
    repo_url: str = ""
    extensions: list = field(default_factory=list)
    extension_configs: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

"""The site settings scripts need (Markdown extensions, `extra`, `repo_url`,
`site_url`), read from mkdocs.yml without importing MkDocs.

MkDocs' YAML has two tags beyond plain YAML: `!ENV` (an environment variable
with an optional default) and `!!python/name:` (a Python object, used by some
extension options). Both are resolved the way MkDocs resolves them, so a
script renders sources with exactly the extensions the build uses."""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _SettingsLoader(yaml.SafeLoader):
    """SafeLoader plus MkDocs' `!ENV`, `!relative` and `!!python/name:` tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    module_name, _, attr = suffix.rpartition(".")
    return getattr(importlib.import_module(module_name), attr)


_SettingsLoader.add_constructor("!ENV", _env)
_SettingsLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


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


def split_extensions(items: list | None) -> tuple[list, dict]:
    """mkdocs.yml's `markdown_extensions` (names or {name: options}) as
    Python-Markdown's (extensions, extension_configs)."""
    names: list = []
    configs: dict = {}
    for item in items or []:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                if options:
                    configs[name] = options
        else:
            names.append(item)
    return names, configs


def read_settings(config_file: Path) -> SiteSettings:
    config_file = Path(config_file).resolve()
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_SettingsLoader) or {}
    project_dir = config_file.parent
    extensions, configs = split_extensions(data.get("markdown_extensions"))
    return SiteSettings(
        config_file=config_file,
        project_dir=project_dir,
        docs_dir=project_dir / data.get("docs_dir", "docs"),
        site_name=data.get("site_name") or "",
        site_url=data.get("site_url") or "",
        repo_url=data.get("repo_url") or "",
        extensions=extensions,
        extension_configs=configs,
        extra=data.get("extra") or {},
    )


def key_line(config_file: Path, key: str) -> int:
    """Line of the first `key:` in a YAML file, for `path:line:` messages."""
    for number, line in enumerate(Path(config_file).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 1

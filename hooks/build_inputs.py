"""What shapes every page besides the sources, read from a loaded MkDocs
config: the folders and files whose hash is the build cache's version
(`agreement.build.cache.generator_version`). A change to any of them makes
every cache entry a miss, so nothing stale is served: the theme overrides,
`data/` beside the config, each hook module and every `*.py` beside one (they
import each other), and each file of the config's INHERIT chain.

Not a hook: `site_context` imports it."""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader


def output_folders(config) -> list[Path]:
    folders = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    data = Path(config.config_file_path).resolve().parent / "data"
    return folders + ([data] if data.is_dir() else [])


def output_files(config) -> list[Path]:
    hook_files = {Path(module.__file__).resolve() for module in config.hooks.values()}
    for folder in {f.parent for f in hook_files}:
        hook_files.update(folder.glob("*.py"))
    return sorted(hook_files) + config_chain(Path(config.config_file_path).resolve(), config)


def config_chain(config_file: Path, config=None) -> list[Path]:
    """The config file and each file it INHERITs from, in order, as MkDocs
    resolves them (relative to the inheriting file)."""
    chain = [config_file]
    while True:
        with open(chain[-1], "rb") as handle:
            settings = yaml.load(handle, Loader=get_yaml_loader(config=config))
        parent = settings.get("INHERIT") if isinstance(settings, dict) else None
        if not parent:
            return chain
        parent_file = (chain[-1].parent / parent).resolve()
        if parent_file in chain:  # a loop, which MkDocs itself reports
            return chain
        chain.append(parent_file)

"""The one build context, and the one way the scripts read the site's settings.

Every hook's `on_config` calls `start(config)`: the first call of a build checks
and loads every source (exactly as `scripts/check.py` does, through
`agreement.checks.check_sources`) and makes the context; the later calls of the
same build get the same object. So the order of `hooks:` in mkdocs.yml does not
matter for correctness, and no hook reads another hook's module.

The scripts call `load_settings(config_file)`: MkDocs' own config loader, so
`INHERIT`, `!ENV` and every Markdown extension apply exactly as in the build.

This module and the event modules are the only ones that import MkDocs; the
`agreement` package gets plain data (`SiteSettings`)."""
from __future__ import annotations

import datetime as _dt
import logging
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import yaml
from mkdocs.config import load_config
from mkdocs.utils.yaml import get_yaml_loader
from mkdocs.exceptions import Abort, ConfigurationError

from agreement.build import timing
from agreement.build.cache import CACHE_FOLDER, Cache, generator_version
from agreement.checks import CheckedSources, check_sources
from agreement.diff.engine import RevisionDiff
from agreement.diff.store import diff_pairs
from agreement.model import dates
from agreement.model.errors import SourceError, report_lines
from agreement.model.revision import Revision, RevisionSet
from agreement.model.site import SiteSettings
from agreement.sources.region import check_region_config
from agreement.text.render import Renderer, make_renderer

log = logging.getLogger("mkdocs.hooks.context")


def settings_of(config) -> SiteSettings:
    """The settings of a loaded MkDocs config, as plain data."""
    config_file = Path(config.config_file_path).resolve()
    return SiteSettings(
        config_file=config_file,
        project_dir=config_file.parent,
        docs_dir=Path(config.docs_dir),
        site_name=config.site_name or "",
        site_url=config.site_url or "",
        repo_url=config.repo_url or "",
        extensions=list(config.markdown_extensions),
        extension_configs=dict(config.mdx_configs),
        extra=dict(config.extra),
    )


class SettingsError(Exception):
    """The config file cannot be read: `errors` say where."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


def load_settings(config_file: Path) -> SiteSettings:
    """The site's settings for a script, read by MkDocs' own loader."""
    shown = os.path.relpath(config_file)
    # The region check reads the file with line numbers: a malformed file is
    # reported as path:line before MkDocs' loader would raise without one.
    errors = check_region_config(Path(config_file), shown)
    if errors:
        raise SettingsError(errors)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the loader's own notices are not the script's
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort) as exc:
        raise SettingsError([SourceError(shown, 1, str(exc).strip().splitlines()[0])]) from None
    return settings_of(config)


# What shapes every page besides the sources: the folders and files whose hash
# is the build cache's version (`agreement.build.cache.generator_version`). A
# change to any of them makes every cache entry a miss, so nothing stale is
# served: the theme overrides, `data/` beside the config, each hook module and
# every `*.py` beside one (they import each other), and each file of the
# config's INHERIT chain.
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


@dataclass
class BuildContext:
    """What every hook of one build shares."""

    config: object  # the MkDocs config this build runs with
    settings: SiteSettings
    sources: CheckedSources
    today: _dt.date
    render: Renderer
    cache_root: Path
    version: str  # the code, templates and settings: what pages are made with
    engine_version: str  # the code alone: what diffs are made with
    caches: dict[str, Cache] = field(default_factory=dict)
    lix: dict[str, str] = field(default_factory=dict)  # revision id -> its LIX in words
    diffs: dict[tuple[str, str], RevisionDiff] = field(default_factory=dict)  # (old id, new id) -> its diff
    meanwhile: list[Callable[[], None]] = field(default_factory=list)  # waits for work running beside the build

    @property
    def revisions(self) -> RevisionSet:
        return self.sources.revisions

    def cache_for(self, kind: str) -> Cache:
        """The cache of one kind of entry (`pdf`, `diff`, ...)."""
        if kind not in self.caches:
            self.caches[kind] = Cache(self.cache_root / kind)
        return self.caches[kind]


    def finish_meanwhile(self) -> None:
        """Wait for the work hooks started to run beside the rest of the build
        (`meanwhile`): the last hook calls this before the build ends, and a
        failed build before it gives up. Each is waited for; the first error
        is raised after."""
        errors = []
        while self.meanwhile:
            try:
                self.meanwhile.pop(0)()
            except Exception as exc:  # noqa: BLE001 (raised below, after the others)
                errors.append(exc)
        if errors:
            raise errors[0]

    def diff_of(self, old: Revision, new: Revision) -> RevisionDiff:
        """The diff of a pair (older first) as the diff pages have it: from
        the diff cache when it holds the pair, kept for the rest of the build."""
        key = (old.id, new.id)
        if key not in self.diffs:
            self.diffs[key] = diff_pairs([(old, new)], self.cache_for("diff"), self.engine_version).results[0]
        return self.diffs[key]


_current: BuildContext | None = None


def report_and_abort(errors: list[SourceError]) -> None:
    for line in report_lines(errors):
        print(line, file=sys.stderr)
    raise Abort(f"{len(errors)} error(s) in the sources; the output folder was not touched.")


def start(config) -> BuildContext:
    """The context of the build `config` belongs to; made by the first caller."""
    global _current
    if _current is not None and _current.config is config:
        return _current
    _current = None
    try:
        today = dates.build_date()
    except ValueError as exc:
        raise Abort(str(exc))
    timing.reset()
    settings = settings_of(config)
    with timing.part("loading sources"):
        sources = check_sources(settings, warn=log.warning, info=log.info)
    if sources.errors:
        report_and_abort(sources.errors)
    _current = BuildContext(
        config=config, settings=settings, sources=sources, today=today,
        render=make_renderer(settings.extensions, settings.extension_configs),
        cache_root=settings.project_dir / CACHE_FOLDER,
        version=generator_version(*output_folders(config), files=output_files(config)),
        engine_version=generator_version(),
    )
    return _current


def current() -> BuildContext:
    """The context of the running build (after any hook's on_config)."""
    if _current is None:
        raise RuntimeError("no build context: a hook must call site_context.start(config) in on_config")
    return _current


# Work that need not hold up the pages under `mkdocs serve` runs in one
# background thread after the build; it lives as long as the server.
class Background:
    serving = False
    worker: ThreadPoolExecutor | None = None
    pending: dict[str, Future] = {}  # cache key -> the work that makes it


background = Background()


def later(key: str, job: Callable[[], None], what: str) -> bool:
    """Run `job`, which makes the cache entry `key`: under `mkdocs serve` in the
    background (once, however many rebuilds ask for it meanwhile), otherwise
    now. Returns True when it was left to the background."""
    if not background.serving:
        job()
        return False
    background.pending = {k: f for k, f in background.pending.items() if not f.done()}
    if key in background.pending:
        return True
    if background.worker is None:
        background.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache")

    def done(future: Future) -> None:
        if future.exception() is None:
            log.info("%s: klart i bakgrunden", what)
        else:
            log.error("%s: %s", what, future.exception())

    background.pending[key] = background.worker.submit(job)
    background.pending[key].add_done_callback(done)
    return True


@contextmanager
def serve_builds(config_file: Path, site_dir: Path, serve_url: str) -> Iterator[Callable[[], bool]]:
    """Builds as `mkdocs serve` runs them, for scripts/bench.py's measurement of
    an editor's rebuild: the startup and shutdown events once, the config loaded
    again for each build. Yields a function that builds once and says whether
    the site has hooks (the plain Material site it is compared with has none)."""
    from mkdocs.commands.build import build

    def build_once() -> bool:
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.site_url = serve_url
        build(config, serve_url=serve_url)
        return bool(config.hooks)

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield build_once
    finally:
        config.plugins.on_shutdown()


def settings_for_script(config_file: Path) -> SiteSettings | None:
    """`load_settings` for a command: on a broken config, print its errors
    (`path:line: message`) and give None, so the script exits with 1."""
    try:
        return load_settings(config_file)
    except SettingsError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return None

"""MkDocs adapter for the build cache (`agreement.buildcache`) and the build's
time by part (`agreement.timing`): one cache folder per project (`.cache/`,
git-ignored), one version hash of the code and templates per build, compiled
templates kept between builds, unused entries pruned after a build.

Under `mkdocs serve`, work whose result goes into the cache and need not hold
up the pages (a changed revision's PDF, the search index) runs in one
background thread after the build (`later`): an editor's rebuild is ready as
soon as its pages are. `mkdocs build`, which publishes, does all of it at once.

Set BUILD_TIMINGS_FILE to a path to get the build's time by part as JSON
(scripts/bench.py does)."""
from __future__ import annotations

import logging
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

from agreement.build import timing
from agreement.build.cache import Cache, generator_version

log = logging.getLogger("mkdocs.hooks.cache")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    root: Path | None = None
    version = ""  # the code, templates and settings: what pages are made with
    engine_version = ""  # the code alone: what diffs are made with
    caches: dict[str, Cache] = {}
    # These live as long as the server, not one build.
    serving = False
    worker: ThreadPoolExecutor | None = None
    pending: dict[str, Future] = {}  # cache key -> the work that makes it


state = State()
# Other hooks `from cache import state, cache_for`; see hooks/revisions.py for why.
sys.modules["cache"] = sys.modules[__name__]


def cache_for(kind: str) -> Cache:
    """The cache of one kind of entry, shared by the hooks during one build."""
    if kind not in state.caches:
        state.caches[kind] = Cache(state.root / kind)
    return state.caches[kind]


def on_startup(command, dirty):
    state.serving = command == "serve"


def on_shutdown():
    if state.worker is not None:
        state.worker.shutdown(wait=True)  # nothing half-written is left in the cache


def later(key: str, job: Callable[[], None], what: str) -> bool:
    """Run `job`, which makes the cache entry `key`: under `mkdocs serve` in the
    background (once, however many rebuilds ask for it meanwhile), otherwise
    now. Returns True when it was left to the background."""
    if not state.serving:
        job()
        return False
    state.pending = {k: f for k, f in state.pending.items() if not f.done()}
    if key in state.pending:
        return True
    if state.worker is None:
        state.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache")

    def done(future: Future) -> None:
        if future.exception() is None:
            log.info("%s: klart i bakgrunden", what)
        else:
            log.error("%s: %s", what, future.exception())

    state.pending[key] = state.worker.submit(job)
    state.pending[key].add_done_callback(done)
    return True


@event_priority(120)  # first: every other hook may time its parts and use the cache
def on_config(config):
    timing.reset()
    config_file = Path(config.config_file_path).resolve()
    state.root = config_file.parent / ".cache"
    state.caches = {}
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    state.version = generator_version(*overrides, extra=[config_file.read_text(encoding="utf-8")])
    state.engine_version = generator_version()
    return config


def on_env(env, config, files):
    # Compiled templates survive the process; Jinja checks each against its source.
    env.bytecode_cache = FileSystemBytecodeCache(str(state.root / "jinja"))
    (state.root / "jinja").mkdir(parents=True, exist_ok=True)
    return env


@event_priority(-200)  # last: after every hook has asked the cache for what it needs
def on_post_build(config):
    for kind, cache in state.caches.items():
        removed = cache.prune()
        if removed:
            log.debug("cache %s: %d unused entries removed", kind, removed)
    report = os.environ.get("BUILD_TIMINGS_FILE")
    if report:
        timing.write(Path(report))
    log.debug("time by part: %s", ", ".join(f"{k} {v:.2f} s" for k, v in timing.parts().items()))

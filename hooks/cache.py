"""MkDocs adapter for the build cache (`agreement.build.cache`) and the build's
time by part (`agreement.build.timing`): compiled templates kept between
builds, unused entries pruned after a build, the background worker of
`mkdocs serve` (`site_context.later`) started and stopped with the server.

Set BUILD_TIMINGS_FILE to a path to get the build's time by part as JSON
(scripts/bench.py does)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

import site_context
from agreement.build import timing

log = logging.getLogger("mkdocs.hooks.cache")


def on_startup(command, dirty):
    site_context.background.serving = command == "serve"


def on_shutdown():
    if site_context.background.worker is not None:
        site_context.background.worker.shutdown(wait=True)  # nothing half-written is left in the cache


def on_config(config):
    site_context.start(config)
    return config


def on_env(env, config, files):
    # Compiled templates survive the process; Jinja checks each against its source.
    folder = site_context.current().cache_root / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_build_error(error):
    # A failed build still waits for what runs beside it (Pagefind), so nothing
    # writes into the output folder after the build has given up on it.
    try:
        site_context.current().finish_meanwhile()
    except Exception:  # noqa: BLE001 (the build's own error is the one to report)
        pass


@event_priority(-200)  # last: after every hook has asked the cache for what it needs
def on_post_build(config):
    site_context.current().finish_meanwhile()  # what it makes goes into the cache too
    for kind, cache in site_context.current().caches.items():
        removed = cache.prune()
        if removed:
            log.debug("cache %s: %d unused entries removed", kind, removed)
    report = os.environ.get("BUILD_TIMINGS_FILE")
    if report:
        timing.write(Path(report))
    log.debug("time by part: %s", ", ".join(f"{k} {v:.2f} s" for k, v in timing.parts().items()))

"""MkDocs adapter for the PDF of each revision with text: after the build,
write `revisioner/<id>/overenskommelse-<id>.pdf` (SITE-CONTRACT), from the
build cache when nothing that goes into the PDF has changed. Logic lives in
`agreement.pdf`.

Under `mkdocs serve` a PDF that must be rendered again is rendered in the
background after the pages: an editor's rebuild does not wait the second or
more WeasyPrint takes, and the PDF appears (and is cached) when it is done.
`mkdocs build`, which publishes, always waits for every PDF."""
from __future__ import annotations

import functools
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from agreement import timing
from agreement.buildcache import Cache, digest
from agreement.pdf import PdfSource, build_pdf_source, pdf_key, pdf_name, render_pdf
from agreement.render import make_renderer
# hooks/cache.py registers itself as `cache`.
from cache import cache_for, state as cache_state

log = logging.getLogger("mkdocs.hooks.pdf")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded.
    `in_background`, the worker and its pending PDFs live as long as the server."""

    revisions = None
    in_background = False
    worker: ThreadPoolExecutor | None = None
    pending: dict[str, Future] = {}  # cache key -> its rendering


state = State()


def on_startup(command, dirty):
    state.in_background = command == "serve"


def on_shutdown():
    if state.worker is not None:
        state.worker.shutdown(wait=True)  # a PDF half-rendered is not left in the cache


def on_config(config):
    state.revisions = None
    return config


def on_env(env, config, files):
    # hooks/revisions.py (listed before this hook) put the validated model here.
    state.revisions = env.globals.get("revisions")
    return env


def _render(cache: Cache, key: str, source: Callable[[], PdfSource], out: Path) -> bytes:
    pdf = render_pdf(source())
    cache.put(key, pdf)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    return pdf


def _render_in_background(cache: Cache, key: str, source: Callable[[], PdfSource], out: Path) -> None:
    if key in state.pending and not state.pending[key].done():
        return  # asked for by an earlier rebuild, still rendering; it writes the same path
    if state.worker is None:
        state.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")
    future = state.worker.submit(_render, cache, key, source, out)
    future.add_done_callback(lambda f: log.info("PDF %s: renderad i bakgrunden", out.name)
                             if f.exception() is None else log.error("PDF %s: %s", out.name, f.exception()))
    state.pending[key] = future


def _pdf_source(config, revision, role) -> PdfSource:
    render = make_renderer(config.markdown_extensions, config.mdx_configs)
    return build_pdf_source(revision, role, render(revision.body), config.site_name)


def on_post_build(config):
    if state.revisions is None:
        return
    cache = cache_for("pdf")
    with timing.part("PDF"):
        for revision in state.revisions:
            if not revision.has_text:
                continue
            role = state.revisions.role(revision)
            # The revision id first, so a person looking into the cache sees whose PDF it is.
            key = f"{revision.id}--{digest(cache_state.version, *pdf_key(revision, role, config.site_name))}.pdf"
            out = Path(config.site_dir) / revision.url() / pdf_name(revision)
            pdf = cache.get(key)
            if pdf is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(pdf)
                log.info("PDF %s: från cache", out.name)
                continue
            # The print document too is made in the background, with a renderer of its
            # own: a Markdown instance is not safe to share between threads.
            source = functools.partial(_pdf_source, config, revision, role)
            if state.in_background:
                _render_in_background(cache, key, source, out)
                log.info("PDF %s: renderas i bakgrunden", out.name)
            else:
                _render(cache, key, source, out)
                log.info("PDF %s: renderad", out.name)

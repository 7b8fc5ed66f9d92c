"""MkDocs adapter for search: mark related pages for the index and run
Pagefind over the built site, so `mkdocs build` and `mkdocs serve` both have
search; the index comes from the build cache when no indexed page changed.
Under `mkdocs serve` a changed index is built in the background after the
pages (`cache.later`), from a copy of the pages it reads. Otherwise Pagefind
(a process of its own) starts as soon as the pages are written and runs
beside the other hooks' last work, and the build waits for it at its end
(`site_context.BuildContext.meanwhile`). Logic lives in
`agreement.outputs.search_index`."""
from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from agreement.build import timing
from agreement.build.cache import digest
from agreement.outputs.search_index import (BUNDLE_DIR, SearchIndexError, build_search_index, copy_indexed_pages,
                                    index_inputs, is_related_page, mark_related_page)
import site_context

log = logging.getLogger("mkdocs.hooks.search")


def on_config(config):
    site_context.start(config)
    return config


def on_page_content(html, page, config, files):
    if is_related_page(page.file.src_uri):
        return mark_related_page(html)
    return html


@event_priority(100)  # first: Pagefind reads the pages, and no other hook writes one
def on_post_build(config):
    site_dir = Path(config.site_dir)
    context = site_context.current()
    cache = context.cache_for("search")
    with timing.part("search index"):
        key = digest("pagefind", context.version, *index_inputs(site_dir))
        if cache.get_tree(key, site_dir / BUNDLE_DIR):
            log.info("Sökindex: från cache")
            return
        snapshot = None
        if site_context.background.serving:  # the next rebuild may clean site/ while Pagefind reads it
            snapshot = Path(tempfile.mkdtemp(prefix="pagefind-"))
            copy_indexed_pages(site_dir, snapshot)

        def index():
            root = snapshot or site_dir
            try:
                summary = build_search_index(root)
                cache.put_tree(key, root / BUNDLE_DIR)
                if snapshot is not None:
                    shutil.copytree(root / BUNDLE_DIR, site_dir / BUNDLE_DIR, dirs_exist_ok=True)
            finally:
                if snapshot is not None:
                    shutil.rmtree(snapshot, ignore_errors=True)
            log.info("Sökindex: %s", summary)

        if site_context.background.serving:
            site_context.later(key, index, "Sökindex")
            log.info("Sökindex: byggs i bakgrunden")
            return
        failure: list[SearchIndexError] = []

        def run() -> None:
            try:
                index()
            except SearchIndexError as exc:
                failure.append(exc)

        thread = threading.Thread(target=run, name="pagefind", daemon=True)
        thread.start()

        def finish() -> None:
            with timing.part("search index"):
                thread.join()
            if failure:
                raise Abort(str(failure[0]))

        context.meanwhile.append(finish)

"""MkDocs adapter for search: mark related pages for the index and run
Pagefind over the built site, so `mkdocs build` and `mkdocs serve` both have
search; the index comes from the build cache when no indexed page changed.
Logic lives in `agreement.search_index`."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from agreement import timing
from agreement.buildcache import digest
from agreement.search_index import (BUNDLE_DIR, SearchIndexError, build_search_index, index_inputs,
                                    is_related_page, mark_related_page)
# hooks/cache.py registers itself as `cache`.
from cache import cache_for, state as cache_state

log = logging.getLogger("mkdocs.hooks.search")


def on_page_content(html, page, config, files):
    if is_related_page(page.file.src_uri):
        return mark_related_page(html)
    return html


def on_post_build(config):
    site_dir = Path(config.site_dir)
    cache = cache_for("search")
    with timing.part("search index"):
        key = digest("pagefind", cache_state.version, *index_inputs(site_dir))
        if cache.get_tree(key, site_dir / BUNDLE_DIR):
            log.info("Sökindex: från cache")
            return
        try:
            summary = build_search_index(site_dir)
        except SearchIndexError as exc:
            raise Abort(str(exc))
        cache.put_tree(key, site_dir / BUNDLE_DIR)
    log.info("Sökindex: %s", summary)

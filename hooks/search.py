"""MkDocs adapter for search: mark related pages for the index and run
Pagefind over the built site, so `mkdocs build` and `mkdocs serve` both have
search. Logic lives in `agreement.search_index`."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from agreement.search_index import SearchIndexError, build_search_index, is_related_page, mark_related_page

log = logging.getLogger("mkdocs.hooks.search")


def on_page_content(html, page, config, files):
    if is_related_page(page.file.src_uri):
        return mark_related_page(html)
    return html


def on_post_build(config):
    try:
        summary = build_search_index(Path(config.site_dir))
    except SearchIndexError as exc:
        raise Abort(str(exc))
    log.info("Sökindex: %s", summary)

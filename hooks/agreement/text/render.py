"""Markdown to HTML with the site's own extension settings, so the model sees
the same structure as the pages MkDocs renders.

The model, the cross-links and the PDFs each need a revision's HTML; a memo
shared by every renderer of the same settings renders each text once per
process, across the rebuilds of `mkdocs serve` too (the same text and settings
always give the same HTML)."""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Callable

import markdown

Renderer = Callable[[str], str]

# What a script uses when it has no MkDocs config at hand; the hooks pass the
# site's `markdown_extensions` instead.
DEFAULT_EXTENSIONS = ["toc", "attr_list", "abbr", "admonition", "tables", "md_in_html"]


# Enough for every text of a site of a hundred revisions; the oldest go first.
MEMO_SIZE = 512
_memo: OrderedDict[tuple[str, str], str] = OrderedDict()
_memo_lock = Lock()  # a PDF is rendered in a background thread under serve


def make_renderer(extensions: list | None = None, configs: dict | None = None) -> Renderer:
    exts = list(extensions or DEFAULT_EXTENSIONS)
    if "toc" not in exts:
        exts.append("toc")
    md = markdown.Markdown(extensions=exts, extension_configs=configs or {})
    settings = repr((exts, sorted((configs or {}).items())))

    def render(text: str) -> str:
        key = (settings, text)
        with _memo_lock:
            if key in _memo:
                _memo.move_to_end(key)
                return _memo[key]
        md.reset()
        html = md.convert(text)
        with _memo_lock:
            _memo[key] = html
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
        return html

    return render

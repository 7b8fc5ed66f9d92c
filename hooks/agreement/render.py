"""Markdown to HTML with the site's own extension settings, so the model sees
the same structure as the pages MkDocs renders."""
from __future__ import annotations

from typing import Callable

import markdown

Renderer = Callable[[str], str]

# What a script uses when it has no MkDocs config at hand; the hooks pass the
# site's `markdown_extensions` instead.
DEFAULT_EXTENSIONS = ["toc", "attr_list", "abbr", "admonition", "tables", "md_in_html"]


def make_renderer(extensions: list | None = None, configs: dict | None = None) -> Renderer:
    exts = list(extensions or DEFAULT_EXTENSIONS)
    if "toc" not in exts:
        exts.append("toc")
    md = markdown.Markdown(extensions=exts, extension_configs=configs or {})

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render

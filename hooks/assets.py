"""MkDocs adapter for the site's styles and scripts: one stylesheet and one
script per kind of page (`agreement.outputs.bundles`), written under
assets/site/ with their content's hash in the name; each page's template gets
just the ones of its kind (`site_assets`: site-root paths, for the `url` filter)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

import site_context
from agreement.outputs import bundles


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    by_kind: dict[str, bundles.PageBundles] = {}


state = State()


def on_config(config):
    site_context.start(config)
    state.by_kind = {}
    return config


def on_files(files, config):
    docs = Path(config.docs_dir)
    # The files bundles are made from are not published themselves: no page links them.
    for path in bundles.sources():
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
    state.by_kind = bundles.make_bundles(lambda path: (docs / path).read_text(encoding="utf-8"))
    written = set()
    for page_bundles in state.by_kind.values():
        for bundle in (page_bundles.css, *page_bundles.scripts):
            if bundle.path not in written:
                written.add(bundle.path)
                files.append(File.generated(config, bundle.path, content=bundle.content))
    return files


def on_page_context(context, page, config, nav):
    context["site_assets"] = _assets(bundles.page_kind(page.file.src_uri, page.meta.get("template"),
                                                      site_context.current().revisions))
    return context


def _assets(kind: str) -> dict:
    chosen = state.by_kind[kind]
    return {"css": chosen.css.path, "scripts": [{"path": s.path, "module": s.module} for s in chosen.scripts]}


def on_template_context(context, template_name, config):
    # The 404 page is a theme template, not a page: it gets the bundles of "other".
    if template_name == "404.html":
        context["site_assets"] = _assets("other")
    return context

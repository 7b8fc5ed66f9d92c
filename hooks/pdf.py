"""MkDocs adapter for the PDF of each revision with text: after the build,
render `revisioner/<id>/overenskommelse-<id>.pdf` (SITE-CONTRACT), reusing the
cache in `.cache/pdf/` when nothing that goes into a PDF has changed. Logic
lives in `agreement.pdf`."""
from __future__ import annotations

import logging
from pathlib import Path

from agreement.pdf import build_pdf_source, pdf_name, render_pdf
from agreement.render import make_renderer

log = logging.getLogger("mkdocs.hooks.pdf")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    revisions = None
    render = None


state = State()


def on_config(config):
    state.revisions = None
    state.render = make_renderer(config.markdown_extensions, config.mdx_configs)
    return config


def on_env(env, config, files):
    # hooks/revisions.py (listed before this hook) put the validated model here.
    state.revisions = env.globals.get("revisions")
    return env


def cache_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / ".cache" / "pdf"


def on_post_build(config):
    if state.revisions is None:
        return
    for revision in state.revisions:
        if not revision.has_text:
            continue
        source = build_pdf_source(revision, state.revisions.role(revision), state.render(revision.body),
                                  config.site_name)
        out = Path(config.site_dir) / revision.url() / pdf_name(revision)
        rendered = render_pdf(source, out, cache_dir(config))
        log.info("PDF %s: %s", out.name, "renderad" if rendered else "från cache")

"""MkDocs adapter for the PDF of each revision with text: after the build,
write `revisioner/<id>/overenskommelse-<id>.pdf` (SITE-CONTRACT), from the
build cache when nothing that goes into the PDF has changed. Logic lives in
`agreement.pdf`."""
from __future__ import annotations

import logging
from pathlib import Path

from agreement import timing
from agreement.buildcache import digest
from agreement.pdf import build_pdf_source, pdf_key, pdf_name, render_pdf
from agreement.render import make_renderer
# hooks/cache.py registers itself as `cache`.
from cache import cache_for, state as cache_state

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
            pdf = cache.get(key)
            rendered = pdf is None
            if rendered:
                source = build_pdf_source(revision, role, state.render(revision.body), config.site_name)
                pdf = render_pdf(source)
                cache.put(key, pdf)
            out = Path(config.site_dir) / revision.url() / pdf_name(revision)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(pdf)
            log.info("PDF %s: %s", out.name, "renderad" if rendered else "från cache")

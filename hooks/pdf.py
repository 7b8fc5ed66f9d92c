"""MkDocs adapter for the PDF of each revision with text: after the build,
write `revisioner/<id>/overenskommelse-<id>.pdf` (SITE-CONTRACT), from the
build cache when nothing that goes into the PDF has changed. Logic lives in
`agreement.outputs.pdf`.

Under `mkdocs serve` a PDF that must be rendered again is rendered in the
background after the pages (`cache.later`): an editor's rebuild does not wait
the second or more WeasyPrint takes, and the PDF appears when it is done."""
from __future__ import annotations

import logging
from pathlib import Path

from agreement.build import timing
from agreement.build.cache import digest
import site_context
from agreement import urls
from agreement.outputs.docx import revision_docx
from agreement.outputs.pdf import build_pdf_source, pdf_key, render_pdf
from agreement.text.render import make_renderer

log = logging.getLogger("mkdocs.hooks.pdf")


def on_config(config):
    site_context.start(config)
    return config


def on_post_build(config):
    context = site_context.current()
    write_other_downloads(config, context)
    cache = context.cache_for("pdf")
    with timing.part("PDF"):
        for revision in context.revisions:
            if not revision.has_text:
                continue
            role = context.revisions.role(revision)
            # The revision id first, so a person looking into the cache sees whose PDF it is.
            key = f"{revision.id}--{digest(context.version, *pdf_key(revision, role, config.site_name))}.pdf"
            out = Path(config.site_dir) / urls.revision_pdf(revision.id)
            out.parent.mkdir(parents=True, exist_ok=True)
            pdf = cache.get(key)
            if pdf is not None:
                out.write_bytes(pdf)
                log.info("PDF %s: från cache", out.name)
                continue

            def render(revision=revision, role=role, key=key, out=out):
                # A renderer of its own: under serve this runs in another thread.
                body = make_renderer(config.markdown_extensions, config.mdx_configs)(revision.body)
                pdf = render_pdf(build_pdf_source(revision, role, body, config.site_name))
                cache.put(key, pdf)
                out.parent.mkdir(parents=True, exist_ok=True)  # the next rebuild may have cleaned site/
                out.write_bytes(pdf)

            deferred = site_context.later(key, render, f"PDF {out.name}")
            log.info("PDF %s: %s", out.name, "renderas i bakgrunden" if deferred else "renderad")


def write_other_downloads(config, context) -> None:
    """Beside each PDF: the revision as .docx (the working group's way back to a
    draft; cached by its title and text) and, for a revision imported from a PDF,
    that document as `originaldokument.pdf` (SITE-CONTRACT)."""
    cache = context.cache_for("docx")
    site = Path(config.site_dir)
    with timing.part("docx"):
        for revision in context.revisions:
            if not revision.has_text:
                continue
            key = f"{revision.id}--{digest(context.version, revision.title, revision.body)}.docx"
            docx = cache.get(key)
            if docx is None:
                docx = revision_docx(revision.title, context.render(revision.body))
                cache.put(key, docx)
            out = site / urls.revision_docx(revision.id)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(docx)
            if "original" in urls.downloads(revision):
                original = context.settings.project_dir / revision.source_file
                (site / urls.revision_original(revision.id, revision.source_file)).write_bytes(original.read_bytes())

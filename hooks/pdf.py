"""MkDocs adapter for the PDF of each revision with text: after the build,
write `revisioner/<id>/overenskommelse-<id>.pdf` (SITE-CONTRACT), from the
build cache when nothing that goes into the PDF has changed. Logic lives in
`agreement.outputs.pdf`. The PDFs the cache lacks render in parallel worker
processes, each within a time limit (SITE_PDF_TIME_LIMIT seconds, default
`TIME_LIMIT`), fetching nothing but the site's own files; a PDF that does not
finish, or whose document points outside the site, stops the build with
`path:1: ...`.

They start rendering when the build starts (`on_pre_build`) and the build
goes on meanwhile: the PDFs are the build's largest part, and the pages use
mostly one core. A document that pointed to a file of the site that was not
written yet (an image) is rendered again once the site is written.

Under `mkdocs serve` a PDF that must be rendered again is rendered in the
background after the pages (`site_context.later`): an editor's rebuild does
not wait the second or more WeasyPrint takes, and the PDF appears when it is
done."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

import site_context
from agreement import urls
from agreement.build import timing
from agreement.build.cache import digest
from agreement.outputs.docx import revision_docx
from agreement.build import processes
from agreement.outputs.pdf import (TIME_LIMIT, WORKER_PRELOAD, PdfNotRendered, PdfRendering, build_pdf_source,
                                   pdf_key, render_pdfs)
from agreement.text.render import make_renderer

log = logging.getLogger("mkdocs.hooks.pdf")


def on_startup(command, dirty):
    # Before the config is even read: the worker processes' server imports
    # WeasyPrint while the sources load, so a PDF the cache lacks starts at once.
    processes.start_server(WORKER_PRELOAD)


def on_config(config):
    site_context.start(config)
    return config


def _time_limit() -> float:
    raw = os.environ.get("SITE_PDF_TIME_LIMIT")
    if raw is None:
        return TIME_LIMIT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise Abort(f"SITE_PDF_TIME_LIMIT={raw!r}: not a number of seconds")
    return value


def _write(out: Path, pdf: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)  # under serve the next rebuild may have cleaned site/
    out.write_bytes(pdf)


def _problems(revision, result) -> list[str]:
    """Why a rendered PDF cannot be published: it was not rendered, or its
    document pointed to something outside the site (refused, and an error:
    the source asks for something the site does not publish)."""
    if isinstance(result, PdfNotRendered):
        return [f"{revision.path}:1: {result}"]
    return [f"{revision.path}:1: the PDF may fetch only the site's own files, not {url[:200]}"
            for url in result.refused]


class State:
    """Per build: every PDF the site publishes, and those rendering since on_pre_build."""

    cached: list = []  # (output path, PDF) of those in the cache
    missing: list = []  # (revision, role, cache key, output path) of those the cache lacked
    rendering: PdfRendering | None = None


state = State()


def on_pre_build(config):
    context = site_context.current()
    cache = context.cache_for("pdf")
    state.cached, state.missing, state.rendering = [], [], None
    for revision in context.revisions:
        if not revision.has_text:
            continue
        role = context.revisions.role(revision)
        # The revision id first, so a person looking into the cache sees whose PDF it is.
        key = f"{revision.id}--{digest(context.version, *pdf_key(revision, role, config.site_name))}.pdf"
        out = Path(config.site_dir) / urls.revision_pdf(revision.id)
        pdf = cache.get(key)
        if pdf is not None:
            state.cached.append((out, pdf))
        else:
            state.missing.append((revision, role, key, out))
    if state.missing and not site_context.background.serving:
        state.rendering = PdfRendering(_documents(state.missing, context, config), Path(config.site_dir),
                                       _time_limit())


def _documents(entries, context, config) -> list[str]:
    return [build_pdf_source(revision, role, context.render(revision.body), config.site_name)
            for revision, role, _, _ in entries]


def on_post_build(config):
    context = site_context.current()
    write_other_downloads(config, context)
    cache = context.cache_for("pdf")
    time_limit = _time_limit()
    with timing.part("PDF (the wait for those rendering since the build began)"):
        for out, pdf in state.cached:
            _write(out, pdf)
            log.info("PDF %s: från cache", out.name)
        state.cached = []
        if not state.missing:
            return
        if site_context.background.serving:
            for revision, role, key, out in state.missing:
                site_context.later(key, _background_job(revision, role, cache, key, out, config, time_limit),
                                   f"PDF {out.name}")
                log.info("PDF %s: renderas i bakgrunden", out.name)
            return
        results = state.rendering.result()
        state.rendering = None
        again = [n for n, result in enumerate(results) if getattr(result, "missing", ())]
        if again:  # they pointed to files of the site, which are all written now
            entries = [state.missing[n] for n in again]
            for n, result in zip(again, render_pdfs(_documents(entries, context, config), Path(config.site_dir),
                                                    time_limit)):
                results[n] = result
        errors = []
        for (revision, role, key, out), result in zip(state.missing, results):
            problems = _problems(revision, result)
            if problems:
                errors += problems
                continue
            cache.put(key, result.pdf)
            _write(out, result.pdf)
            log.info("PDF %s: renderad", out.name)
        if errors:
            for error in errors:
                print(error, file=sys.stderr)
            raise Abort(f"{len(errors)} error(s) in the PDFs.")


def _background_job(revision, role, cache, key, out, config, time_limit):
    def render():
        # A renderer of its own: this runs in the background thread.
        body = make_renderer(config.markdown_extensions, config.mdx_configs)(revision.body)
        [result] = render_pdfs([build_pdf_source(revision, role, body, config.site_name)],
                               Path(config.site_dir), time_limit, workers=1)
        problems = _problems(revision, result)
        if problems:
            raise PdfNotRendered("\n".join(problems))
        cache.put(key, result.pdf)
        _write(out, result.pdf)
    return render


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

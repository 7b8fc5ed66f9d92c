"""The PDF of a revision: an HTML document for print (cover, table of contents,
the text with its section ids) rendered by WeasyPrint. The build caches it
under a hash of `pdf_key`, so an unchanged revision is not rendered again.

WeasyPrint fetches what a document points to (images, stylesheets, and the
files of `<a rel="attachment">`, which it embeds in the PDF), so a revision
body could publish any file the build can read, or make a request to any
host. Its fetcher here (`SiteOnlyFetcher`) gives it only `data:` URIs and the
built site's own files, and each document renders in a worker process with a
time limit (`render_pdfs`)."""
from __future__ import annotations

import html
from importlib import metadata
from pathlib import Path
from typing import NamedTuple, Sequence
from urllib.parse import unquote, urlsplit

from agreement import labels
from agreement.build import processes
from agreement.model.revision import Revision
from agreement.text.structure import HEADINGS, assign_anchors, own_text, parse_fragment, serialize

PRINT_CSS = Path(__file__).with_name("pdf.css")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def cover_html(revision: Revision, role: str, site_name: str) -> str:
    rows = [("Status", labels.ROLE_STATEMENT[role]),
            ("Text", revision.text_sv.capitalize())]
    if revision.adopted:
        rows.append(("Antagen", ", ".join(d.sv() for d in revision.adopted)))
    if revision.valid_from or revision.valid_to:
        span = f"{revision.valid_from.sv() if revision.valid_from else ''}–{revision.valid_to.sv() if revision.valid_to else ''}"
        rows.append(("Giltighetstid enligt texten", span))
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    decisions = "".join(
        f"<li>{_e(d.date.sv())}: {_e(d.body)}{f' ({_e(d.ref)})' if d.ref else ''}</li>" for d in revision.decisions
    )
    decisions_html = f"<h2 class='cover__subtitle'>Beslut</h2><ul>{decisions}</ul>" if decisions else ""
    notice = ""
    if revision.text == "excerpt":
        notice = ("<p class='cover__notice'><strong>Endast utdrag.</strong> Den fullständiga texten har inte "
                  "funnits tillgänglig; dokumentet återger bara det som källan anger.</p>")
    return (
        f"<section class='cover'><p class='cover__site'>{_e(site_name)}</p>"
        f"<h1 class='cover__title'>{_e(revision.title)}</h1>"
        f"<p class='cover__label'>{_e(revision.label)}</p>"
        f"<dl class='cover__facts'>{facts}</dl>{decisions_html}{notice}"
        f"<p class='cover__source'>Källa: {_e(revision.source)}</p></section>"
    )


def text_with_ids(body_html: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The rendered text with paragraph anchors, and its headings (level, id, text)."""
    root = parse_fragment(body_html)
    assign_anchors(root)
    for link in root.cssselect("a.headerlink"):
        link.drop_tree()
    headings = []
    for el in root.iter(*HEADINGS):
        if el.get("id"):
            headings.append((HEADINGS[el.tag], el.get("id"), own_text(el)))
            marker = el.makeelement("span", {"class": "section-id"})
            marker.text = f"#{el.get('id')}"
            el.append(marker)
    return serialize(root), headings


def toc_html(headings: list[tuple[int, str, str]]) -> str:
    items = "".join(
        f"<li class='toc__item toc__item--{level}'><a href='#{_e(sid)}'>{_e(text)}</a></li>"
        for level, sid, text in headings
    )
    return f"<nav class='toc' aria-label='Innehåll'><h2 class='toc__title'>Innehåll</h2><ol>{items}</ol></nav>"


def build_pdf_source(revision: Revision, role: str, body_html: str, site_name: str) -> str:
    """The print document (HTML) of one revision, which must have text."""
    css = PRINT_CSS.read_text(encoding="utf-8")
    text, headings = text_with_ids(body_html)
    return (
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
        f"<title>{_e(revision.title)} – {_e(revision.label)}</title>"
        f"<meta name='description' content='{_e(revision.label)}'>"
        f"<style>{css}</style></head><body>"
        f"{cover_html(revision, role, site_name)}{toc_html(headings)}"
        f"<main class='text'>{text}</main></body></html>"
    )


def pdf_key(revision: Revision, role: str, site_name: str) -> tuple[str, ...]:
    """What a revision's PDF is made from besides the code: the revision (all
    its fields, text and metadata), its role in the set, the site's name, the
    print stylesheet and the renderer's version. Cheap to compute: a cached
    PDF is found without rendering the Markdown or importing WeasyPrint."""
    return (repr(revision), role, site_name, PRINT_CSS.read_text(encoding="utf-8"),
            metadata.version("weasyprint"))


# What a PDF worker imports before its first document (`processes.start_server`):
# WeasyPrint takes half a second to import.
WORKER_PRELOAD = ("weasyprint", "agreement.outputs.pdf")
# Seconds one document may take; a 50-revision synthetic text takes about 1.5 s.
TIME_LIMIT = 60.0
# What one WeasyPrint worker may need at most (measured: ~150 MB for a long revision).
WORKER_MEMORY = 400 * 1024 * 1024


def site_only_fetcher(site_dir: Path | None):
    """A WeasyPrint URL fetcher that fetches `data:` URIs and `file:` URLs
    inside `site_dir` (after resolving links), and refuses everything else
    before any file is opened or any connection made. The URLs it refused
    are in its `refused` list; the site's files it was asked for that did not
    exist (yet: PDFs start rendering before the site is written) in `missing`."""
    from weasyprint.urls import URLFetcher  # imported with WeasyPrint, in the worker

    root = Path(site_dir).resolve() if site_dir is not None else None

    class SiteOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data", "file"})
            self.refused: list[str] = []
            self.missing: list[str] = []

        def allows(self, url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return True
            if parts.scheme != "file" or parts.netloc not in ("", "localhost") or root is None:
                return False
            return Path(unquote(parts.path)).resolve().is_relative_to(root)

        def fetch(self, url, headers=None):
            if not self.allows(url):
                self.refused.append(url)
                raise ValueError(f"refused: only the site's own files are fetched, not {url}")
            if urlsplit(url).scheme == "file" and not Path(unquote(urlsplit(url).path)).exists():
                self.missing.append(url)
            return super().fetch(url, headers)

    return SiteOnlyFetcher()


class RenderedPdf(NamedTuple):
    pdf: bytes
    refused: tuple[str, ...]  # URLs the document pointed to that were not fetched
    missing: tuple[str, ...] = ()  # files of the site it pointed to that were not there


def render_pdf(document: str, site_dir: Path | None = None) -> RenderedPdf:
    """The PDF (PDF/UA-1, fonts embedded) of a print document, in this process."""
    import weasyprint  # a second to import: only when a PDF is rendered

    fetcher = site_only_fetcher(site_dir)
    pdf = weasyprint.HTML(string=document, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    return RenderedPdf(pdf, tuple(fetcher.refused), tuple(fetcher.missing))


class PdfJob(NamedTuple):
    document: str
    site_dir: str | None


def _render_job(job: PdfJob) -> RenderedPdf:
    return render_pdf(job.document, Path(job.site_dir) if job.site_dir else None)


class PdfNotRendered(Exception):
    """One document did not render: it timed out, or WeasyPrint failed."""


class PdfRendering:
    """Each document's PDF, rendering in parallel worker processes (as many as
    the cores and memory allow) while the caller goes on; each document within
    `time_limit` seconds."""

    def __init__(self, documents: Sequence[str], site_dir: Path | None = None,
                 time_limit: float = TIME_LIMIT, workers: int | None = None):
        if workers is None:
            workers = processes.worker_count(len(documents), WORKER_MEMORY)
        jobs = [PdfJob(d, str(site_dir) if site_dir is not None else None) for d in documents]
        self.time_limit = time_limit
        self._work = processes.InBackground(_render_job, jobs, workers, time_limit)

    def result(self) -> list[RenderedPdf | PdfNotRendered]:
        """One entry per document, in order: its PDF, or why there is none."""
        out: list[RenderedPdf | PdfNotRendered] = []
        for result in self._work.result():
            if isinstance(result, processes.TimedOut):
                out.append(PdfNotRendered(f"PDF could not be rendered in {self.time_limit:g} s"))
            elif isinstance(result, processes.Failed):
                out.append(PdfNotRendered(f"PDF could not be rendered: {result}"))
            else:
                out.append(RenderedPdf(*result))
        return out


def render_pdfs(documents: Sequence[str], site_dir: Path | None = None,
                time_limit: float = TIME_LIMIT, workers: int | None = None) -> list[RenderedPdf | PdfNotRendered]:
    """Each document's PDF (see `PdfRendering`), waiting for all of them."""
    return PdfRendering(documents, site_dir, time_limit, workers).result()

"""The PDF of a revision: an HTML document for print (cover, table of contents,
the text with its section ids) rendered by WeasyPrint. The build caches it
under a hash of `pdf_key`, so an unchanged revision is not rendered again."""
from __future__ import annotations

import html
from importlib import metadata
from pathlib import Path

from agreement import labels
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


def render_pdf(document: str) -> bytes:
    """The PDF (PDF/UA-1, fonts embedded) of a print document."""
    import weasyprint  # a second to import: only when a PDF is rendered

    return weasyprint.HTML(string=document).write_pdf(pdf_variant="pdf/ua-1")

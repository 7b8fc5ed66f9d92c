"""Import a working group's document (.docx, .odt, .pdf) as the Markdown body
of a revision: one reader per format into one document model, then section
ids matched against the previous revision, and a report. No MkDocs here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lxml.html

from agreement.editors.importer.document import Document, ImportRefused, to_markdown, words
from agreement.editors.importer.ids import Match, OldSection, match_ids, not_found
from agreement.editors.importer.report import MIN_COVERAGE, Coverage, coverage, percent, report

SUFFIXES = (".docx", ".odt", ".pdf")


@dataclass(frozen=True)
class Imported:
    document: Document
    markdown: str
    matches: list[Match]
    missing: list[OldSection]
    coverage: Coverage
    report: str


def read_document(path: Path) -> Document:
    """The document model of a file; ImportRefused (in Swedish) when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"Filen {path} finns inte.")
    head = path.read_bytes()[:8]
    if not head:
        raise ImportRefused(f"Filen {path.name} är tom.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(f"{path.name}: bara Word (.docx), OpenDocument (.odt) och PDF (.pdf) kan importeras.")
    if suffix == ".pdf":
        if not head.startswith(b"%PDF"):
            raise ImportRefused(f"{path.name} är ingen PDF (filen börjar inte med %PDF).")
        from agreement.editors.importer.pdf_reader import read_pdf
        return read_pdf(path)
    if not head.startswith(b"PK"):
        raise ImportRefused(f"{path.name} är inget {'Word' if suffix == '.docx' else 'OpenDocument'}-dokument "
                            "(det är ingen zip-fil).")
    if suffix == ".docx":
        from agreement.editors.importer.docx_reader import read_docx
        return read_docx(path)
    from agreement.editors.importer.odt_reader import read_odt
    return read_odt(path)


def markdown_words(markdown: str, render) -> list[str]:
    root = lxml.html.fragment_fromstring(render(markdown) or "<p></p>", create_parent="div")
    return words(root.text_content())


def import_document(document: Document, old: list[OldSection], reserved: set[str], render,
                    previous_id: str | None) -> Imported:
    """Markdown, ids and report; ImportRefused when too few words came through."""
    if not document.blocks:
        raise ImportRefused("Dokumentet har ingen text att importera (en inskannad PDF utan textlager?).")
    matches = match_ids(document.blocks, old, reserved)
    markdown = to_markdown(document.blocks, {m.block: m.id for m in matches})
    cover = coverage(document.body_words, markdown_words(markdown, render))
    missing = not_found(old, matches)
    text = report(document, matches, missing, cover, previous_id)
    if cover.share < MIN_COVERAGE[document.kind]:
        raise ImportRefused(f"{text}\n\nFör få av dokumentets ord kom med ({percent(cover.share)}, minst "
                            f"{percent(MIN_COVERAGE[document.kind])} krävs). Det som inte kom med står ovan.")
    return Imported(document, markdown, matches, missing, cover, text)

"""Read a PDF into the document model with pdfminer.six (MIT). A PDF has no
paragraphs or headings, only printed rows; this module reads them back the way
a person does: the body's type is the most common one, larger or bolder type
in another face is a heading (the largest the top level), a bullet or number
starts a list item (its indent gives the nesting), a wider gap or a new indent
starts a paragraph, and a paragraph goes on across a page break when its last
line did not end a sentence. Lines are joined with a space, a word broken by
hyphenation is joined again. Columns far apart make a table. Page numbers,
running headers and footers, the table of contents and the title page are
taken out first (pdf_furniture). The site's own PDF prints each heading's
section id (`#malgrupper`, hooks/agreement/outputs/pdf.py): it is kept."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from agreement.editors.importer.document import (Document, Heading, ImportRefused, ListItem, Paragraph, Span,
                                                 Table, plain, tidy)
from agreement.editors.importer.pdf_furniture import front_matter, page_furniture
from agreement.editors.importer.pdf_layout import Row, read_rows

BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc•◦▪▫‣⁃○●■□–"
RE_NUMBER_MARKER = re.compile(r"^(\d{1,2}|[a-z])[.)]\s")
RE_PRINTED_ID = re.compile(r"^#[a-z][a-z0-9-]*$")
RE_BROKEN_URL = re.compile(r"(?:https?://|www\.)\S*[/\-_.?=&#]$")
RE_SENTENCE_END = re.compile(r"[.!?:;]$")
# Words after which a hyphen at the end of a line stands for a shared ending: "hälso- och sjukvård".
CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som", "men", "utan"}
SOFT_HYPHENS = ("\u2010", "\u00ad")  # printed by hyphenation, not typed
PARAGRAPH_GAP = 0.6  # a gap between rows wider than this share of the type size starts a paragraph
TABLE_GAP = 3.0  # columns this many type sizes apart make a table row
FULL_LINE = 3.0  # a line ending closer than this many type sizes to the right margin is full
INDENT = 3.0  # points: rows this close start at the same indent


@dataclass
class _Open:
    """The block being read: its rows' spans so far and where it goes on."""

    kind: str  # "heading", "paragraph", "item", "table"
    spans: list[Span]
    first: Row
    last: Row
    indent: float  # where its continuation lines start
    level: int = 0
    ordered: bool = False
    depth: int = 0
    printed_id: str = ""
    rows: list[list[list[Span]]] = field(default_factory=list)
    columns: list[float] = field(default_factory=list)


def _refused(path: Path, exc: Exception) -> ImportRefused:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ImportRefused(f"{path.name} är krypterad (lösenordsskyddad). Be om en PDF utan lösenord.")
    return ImportRefused(f"{path.name} går inte att läsa som PDF: {exc}")


def read_pdf(path: Path) -> Document:
    try:
        rows, pages = read_rows(path)
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException, ValueError, TypeError,
            KeyError) as exc:
        raise _refused(path, exc) from None
    if not any(row.text.strip() for row in rows):
        raise ImportRefused(f"{path.name} har inget textlager (en inskannad PDF?). Be om dokumentet som Word-fil "
                            "eller som PDF med text.")
    document = Document(kind="pdf", joins_split_paragraphs=False)
    rows, furniture = page_furniture(rows, pages)
    rows, front = front_matter(rows)
    document.dropped.extend(front + furniture)
    _Reader(rows, document).read()
    return document


def _body_style(rows: list[Row]) -> tuple[str, float]:
    counts: dict[tuple[str, float], int] = {}
    for row in rows:
        for glyph in row.glyphs(mono=False):
            key = (glyph.family, glyph.size)
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else ("", 0.0)


def _marker(row: Row) -> tuple[bool, int] | None:
    """(ordered, characters of the marker) when the row starts a list item."""
    text = row.text
    if text[:1] in BULLETS and (len(text) == 1 or text[1:2].isspace() or row.segments[0].text.strip() == text[:1]):
        return False, 1
    match = RE_NUMBER_MARKER.match(text)
    if match:
        return True, len(match.group(1)) + 1
    return None


def _without_marker(spans: list[Span], length: int) -> list[Span]:
    out, left = [], length
    for span in spans:
        if left > 0:
            cut = 0
            while cut < len(span.text) and left > 0:
                if not span.text[cut].isspace():
                    left -= 1
                cut += 1
            span = Span(span.text[cut:], span.bold, span.italic, span.link)
        out.append(span)
    return tidy(tuple(out))


def join_lines(spans: list[Span], more: list[Span]) -> list[Span]:
    """Two lines of one block as one: a space between, or none where a word was
    hyphenated; the space takes the format both sides share (so bold stays one run)."""
    more = list(tidy(tuple(more)))
    if not spans:
        return more
    if not more:
        return spans
    last, first = spans[-1], more[0]
    text = last.text.rstrip(" ")
    next_word = first.text.split(" ", 1)[0].lower().strip(",.")
    if text.endswith(SOFT_HYPHENS):
        return spans[:-1] + [Span(text[:-1], last.bold, last.italic, last.link)] + more
    if text.endswith("-") and text[-2:-1].isalnum() and last.text == text and next_word not in CONJUNCTIONS:
        return spans + more  # a line broken at a hyphen of the text: "2012-" "2017"
    if RE_BROKEN_URL.search(text) and last.text == text:
        return spans + more  # a web address broken at a slash
    same = (last.bold, last.italic) == (first.bold, first.italic)
    space = Span(" ", last.bold and same, last.italic and same)
    return spans + [space] + more


class _Reader:
    def __init__(self, rows: list[Row], document: Document):
        self.rows = rows
        self.out = document
        self.body_family, self.body_size = _body_style(rows)
        self.levels = self._heading_levels()
        self.right = max((r.x1 for r in rows), default=0.0)
        self.depths = sorted({round(r.x0) for r in rows if _marker(r)})
        self.open: _Open | None = None

    def is_heading(self, row: Row) -> bool:
        if _marker(row) or not row.glyphs(mono=False):
            return False
        family, size, bold = row.style
        if self.printed_id(row):
            return True
        return size > self.body_size + 0.5 or (bold and family != self.body_family and size >= self.body_size - 0.5)

    def _heading_levels(self) -> dict[tuple[str, float, bool], int]:
        styles = {r.style for r in self.rows if self.is_heading(r)}
        ordered = sorted(styles, key=lambda s: (-s[1], not s[2]))
        return {style: level for level, style in enumerate(ordered, 1)}

    @staticmethod
    def printed_id(row: Row) -> str:
        mono = "".join(g.text for g in row.glyphs(mono=True))
        return mono if RE_PRINTED_ID.match(mono) else ""

    def table_cells(self, row: Row) -> list[tuple[float, list[Span]]] | None:
        """The cells of a row whose parts stand columns apart, else None."""
        gap = TABLE_GAP * (row.size or self.body_size)
        cells: list[tuple[float, list[Span]]] = []
        for index, segment in enumerate(row.segments):
            spans = [Span(g.text, g.bold, g.italic) for g in segment.glyphs]
            if index and segment.x0 - row.segments[index - 1].x1 > gap:
                cells.append((segment.x0, spans))
            elif cells:
                cells[-1] = (cells[-1][0], cells[-1][1] + [Span(" ")] + spans)
            else:
                cells.append((segment.x0, spans))
        return cells if len(cells) > 1 else None

    def read(self) -> None:
        for row in self.rows:
            self.row(row)
        self.close()

    def row(self, row: Row) -> None:
        current = self.open
        mono_only = not row.glyphs(mono=False)
        if mono_only and current is not None and current.kind == "heading" and current.printed_id.endswith("-"):
            current.printed_id += "".join(g.text for g in row.glyphs())  # a long id wraps
            current.last = row
            return
        if self.is_heading(row):
            if (current is not None and current.kind == "heading" and current.first.style == row.style
                    and not current.printed_id and self.near(current.last, row)):
                current.spans = join_lines(current.spans, row.spans(skip_mono=True))
            else:
                self.close()
                self.open = _Open("heading", row.spans(skip_mono=True), row, row, row.x0,
                                  level=self.levels[row.style])
            self.open.printed_id = "".join(g.text for g in row.glyphs(mono=True))
            self.open.last = row
            return
        cells = self.table_cells(row) if not _marker(row) else None
        if cells:
            self.table_row(row, cells)
            return
        marker = _marker(row)
        if marker:
            ordered, length = marker
            self.close()
            spans = _without_marker(row.spans(), length)
            text_x = next((s.x0 for s in row.segments[1:]), row.x0 + INDENT * 4)
            depth = self.depths.index(round(row.x0)) if round(row.x0) in self.depths else 0
            self.open = _Open("item", list(spans), row, row, text_x, ordered=ordered, depth=depth)
            return
        if current is not None and current.kind in ("paragraph", "item") and self.goes_on(current, row):
            current.spans = join_lines(current.spans, row.spans())
            current.last = row
            return
        self.close()
        self.open = _Open("paragraph", list(tidy(tuple(row.spans()))), row, row, row.x0)

    def near(self, above: Row, below: Row) -> bool:
        return above.page == below.page and below.top - above.bottom <= PARAGRAPH_GAP * (below.size or self.body_size)

    def goes_on(self, block: _Open, row: Row) -> bool:
        """Whether a row without a marker continues the open paragraph or list item."""
        if block.kind == "item":
            if row.x0 < block.indent - INDENT:
                return False
        elif abs(row.x0 - block.indent) > INDENT and block.first is not block.last:
            return False
        if block.last.page == row.page:
            return self.near(block.last, row)
        # Across a page break: a full last line goes on; so does an unfinished sentence going on in lower case.
        full = self.right - block.last.x1 < FULL_LINE * self.body_size
        text = plain(tuple(block.spans)).rstrip()
        return full or (not RE_SENTENCE_END.search(text) and row.text.lstrip()[:1].islower())

    def table_row(self, row: Row, cells: list[tuple[float, list[Span]]]) -> None:
        current = self.open
        if current is None or current.kind != "table" or not (self.near(current.last, row) or
                                                               current.last.page != row.page):
            self.close()
            self.open = current = _Open("table", [], row, row, row.x0, columns=[x for x, _ in cells])
        current.last = row
        line: list[list[Span]] = [[] for _ in current.columns]
        for x, spans in cells:
            column = min(range(len(current.columns)), key=lambda i: abs(current.columns[i] - x))
            line[column] = join_lines(line[column], spans)
        current.rows.append(line)

    def close(self) -> None:
        block, self.open = self.open, None
        if block is None:
            return
        where = f"sida {block.first.page}"
        spans = tidy(tuple(block.spans))
        if block.kind == "heading":  # bold is how a heading looks, not emphasis
            spans = tidy(tuple(Span(s.text, False, s.italic, s.link) for s in spans))
            printed = block.printed_id if RE_PRINTED_ID.match(block.printed_id) else ""
            self.out.add(Heading(block.level, spans, where, printed_id=printed[1:]))
        elif block.kind == "item":
            self.out.add(ListItem(block.depth, block.ordered, spans, where))
        elif block.kind == "paragraph":
            self.out.add(Paragraph(spans, where))
        else:
            self.out.add(Table(tuple(tuple(tidy(tuple(c)) for c in row) for row in block.rows), where))

"""The document model every reader fills in: headings, paragraphs, list items
and tables in reading order, with what the reader dropped on purpose (table of
contents, running headers and footers, page numbers) and what it could not
convert, each with where it stood. Pure data and the Markdown it makes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

RE_SPACE = re.compile(r"\s+")
RE_WORD = re.compile(r"\w+(?:[-–:./,]\w+)*")
# Characters Markdown would read as markup inside running text.
RE_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
RE_PARAGRAPH_END = re.compile(r"[.!?:;)\]”\"]$")
RE_LINE_START_MARKUP = re.compile(r"^(#{1,6}\s|[-+*]\s|\d+[.)]\s|>)")


class ImportRefused(Exception):
    """The document cannot be imported; the message says why, in Swedish."""


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document's top level
    spans: Spans
    where: str
    printed_id: str = ""  # the section id printed beside the heading (the site's own PDF)


@dataclass(frozen=True)
class Paragraph:
    spans: Spans
    where: str


@dataclass(frozen=True)
class ListItem:
    depth: int  # 0 = outermost
    ordered: bool
    spans: Spans
    where: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Spans, ...], ...]
    where: str


Block = Heading | Paragraph | ListItem | Table


@dataclass(frozen=True)
class Aside:
    """Text kept out of the body: `kind` is what it is, in Swedish."""

    kind: str
    text: str
    where: str


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Aside] = field(default_factory=list)  # TOC, headers, footers, page numbers
    unconverted: list[Aside] = field(default_factory=list)  # images, footnotes, text boxes
    body_words: list[str] = field(default_factory=list)  # every body word, in reading order
    kind: str = ""  # "docx", "odt" or "pdf"
    joins_split_paragraphs: bool = True  # False when the reader joins page breaks itself (PDF)

    def add(self, block: Block) -> None:
        if isinstance(block, Table):
            if any(plain(cell).strip() for row in block.rows for cell in row):
                self.blocks.append(block)
                self.body_words.extend(w for row in block.rows for cell in row for w in words(plain(cell)))
            return
        spans = tidy(block.spans)
        if not spans:
            return  # empty paragraphs are dropped
        last = self.blocks[-1] if self.blocks else None
        if (self.joins_split_paragraphs and isinstance(block, Paragraph) and isinstance(last, Paragraph)
                and spans[0].text[:1].islower()
                and spans[0].link is None                and not RE_PARAGRAPH_END.search(plain(last.spans))):
            # A page break inside a paragraph: office suites split it in two; join them again.
            self.blocks[-1] = Paragraph(tidy(last.spans + (Span(" "),) + spans), last.where)
            self.body_words.extend(words(plain(spans)))
            return
        block = type(block)(**{**block.__dict__, "spans": spans})
        self.blocks.append(block)
        self.body_words.extend(words(plain(spans)))

    def unconvertible(self, kind: str, text: str, where: str) -> None:
        """Body text the reader could not place: listed, and its words count as missing."""
        self.unconverted.append(Aside(kind, text.strip(), where))
        self.body_words.extend(words(text))


def words(text: str) -> list[str]:
    return [w.lower() for w in RE_WORD.findall(text)]


def plain(spans: Spans) -> str:
    return "".join(s.text for s in spans)


def tidy(spans: Spans) -> Spans:
    """Merge neighbours of the same format, collapse white space, trim the ends."""
    out: list[Span] = []
    for span in spans:
        text = RE_SPACE.sub(" ", span.text)
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].link) == (span.bold, span.italic, span.link):
            out[-1] = Span(RE_SPACE.sub(" ", out[-1].text + text), span.bold, span.italic, span.link)
        else:
            if out and out[-1].text.endswith(" ") and text.startswith(" "):
                text = text[1:]
            if text:
                out.append(Span(text, span.bold, span.italic, span.link))
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic, out[0].link)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic, out[-1].link)
    return tuple(out)


def _escape(text: str) -> str:
    return RE_MD_SPECIAL.sub(r"\\\1", text)


def inline_markdown(spans: Spans) -> str:
    """Bold, italic and links as Markdown; spaces stay outside the markers."""
    out = []
    for span in spans:
        text = span.text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = text.strip()
        if not core:
            out.append(text)
            continue
        if span.link and span.link == core and re.match(r"https?://", core):
            md = f"<{core}>"
        else:
            md = _escape(core)
            if span.link:
                md = f"[{md}]({span.link})"
        if span.bold and span.italic:
            md = f"***{md}***"
        elif span.bold:
            md = f"**{md}**"
        elif span.italic:
            md = f"*{md}*"
        out.append(f"{lead}{md}{trail}")
    text = "".join(out)
    return "\\" + text if RE_LINE_START_MARKUP.match(text) else text


def table_markdown(table: Table) -> str:
    def cell(spans: Spans) -> str:
        return inline_markdown(spans).replace("|", "\\|") or " "
    # A header row is bold by itself: its cells' bold is how it looks, not emphasis.
    header = tuple(tuple(Span(s.text, False, s.italic, s.link) for s in cell) if cell and all(s.bold for s in cell)
                   else cell for cell in table.rows[0])
    table = Table((header,) + table.rows[1:], table.where)
    width = max(len(row) for row in table.rows)
    rows = [[cell(c) for c in row] + [" "] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def to_markdown(blocks: list[Block], ids: dict[int, str]) -> str:
    """The body of a revision: `ids` gives each heading's section id by block index.
    The document's top heading level becomes `##`."""
    top = min((b.level for b in blocks if isinstance(b, Heading)), default=1)
    parts: list[str] = []
    previous_item = False
    for index, block in enumerate(blocks):
        if isinstance(block, ListItem):
            marker = "1." if block.ordered else "-"
            line = "    " * block.depth + f"{marker} {inline_markdown(block.spans).lstrip(chr(92))}"
            if previous_item:
                parts[-1] += "\n" + line
            else:
                parts.append(line)
            previous_item = True
            continue
        previous_item = False
        if isinstance(block, Heading):
            hashes = "#" * min(6, block.level - top + 2)
            parts.append(f"{hashes} {inline_markdown(block.spans).lstrip(chr(92))} {{#{ids[index]}}}")
        elif isinstance(block, Paragraph):
            parts.append(inline_markdown(block.spans))
        elif isinstance(block, Table):
            parts.append(table_markdown(block))
    return "\n" + "\n\n".join(parts) + "\n"

"""The printed lines of a PDF, with pdfminer.six: each row is what stands on one
baseline of a page (pdfminer's text lines at the same height, left to right),
with its position, its type size and the bold, italic and monospace runs a
reader of the layout needs. No interpretation of what the rows mean here."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextLine

from agreement.editors.importer.document import Span

# A style word at the end of a font name: "DejaVuSerif-BoldItalic" is the family "DejaVuSerif".
RE_STYLE_SUFFIX = re.compile(r"[-,]?(Bold|Italic|Oblique|Regular|Roman|Book|Medium|Semibold|Black|Heavy)$", re.I)
SAME_BASELINE = 2.5  # points: lines of one row may sit this far apart (sub- and superscripts aside)
SEGMENT_SPACE = 1.0  # points: a wider gap between two pdfminer lines of a row is a space


@dataclass(frozen=True)
class Glyph:
    text: str
    bold: bool
    italic: bool
    mono: bool
    family: str
    size: float


@dataclass
class Segment:
    """One of pdfminer's text lines: a run of glyphs without a wide gap."""

    x0: float
    x1: float
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass
class Row:
    page: int  # 1-based
    top: float  # distance from the page's top edge
    bottom: float
    page_height: float
    segments: list[Segment]

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    def glyphs(self, mono: bool | None = None) -> list[Glyph]:
        return [g for s in self.segments for g in s.glyphs
                if g.text.strip() and (mono is None or g.mono == mono)]

    @property
    def style(self) -> tuple[str, float, bool]:
        """The row's look by most of its letters: (family, size, bold); monospace left out."""
        glyphs = self.glyphs(mono=False) or self.glyphs()
        if not glyphs:
            return ("", 0.0, False)
        family, size = Counter((g.family, g.size) for g in glyphs).most_common(1)[0][0]
        return (family, size, all(g.bold for g in glyphs))

    @property
    def size(self) -> float:
        return self.style[1]

    def spans(self, skip_mono: bool = False) -> list[Span]:
        """The row's text as spans, segments joined by a space."""
        out: list[Span] = []
        for index, segment in enumerate(self.segments):
            if index and segment.x0 - self.segments[index - 1].x1 > SEGMENT_SPACE:
                out.append(Span(" "))
            for glyph in segment.glyphs:
                if skip_mono and glyph.mono:
                    continue
                out.append(Span(glyph.text, glyph.bold, glyph.italic))
        return out


def _glyph(char: LTChar) -> Glyph:
    name = char.fontname.split("+", 1)[-1]
    lower = name.lower()
    family = name
    while RE_STYLE_SUFFIX.search(family):
        family = RE_STYLE_SUFFIX.sub("", family)
    text = char.get_text()
    if len(text) == 1 and "\ufb00" <= text <= "\ufb06":  # ligatures (ﬁ, ﬂ) are two letters
        text = unicodedata.normalize("NFKC", text)
    return Glyph(text, any(w in lower for w in ("bold", "black", "heavy", "semibold")),
                 "italic" in lower or "oblique" in lower, "mono" in lower or "courier" in lower,
                 family, round(char.size, 1))


def _segment(line: LTTextLine) -> Segment:
    glyphs: list[Glyph] = []
    for item in line:
        if isinstance(item, LTChar):
            glyphs.append(_glyph(item))
        elif isinstance(item, LTAnno) and item.get_text() == " " and glyphs:
            last = glyphs[-1]
            glyphs.append(Glyph(" ", last.bold, last.italic, last.mono, last.family, last.size))
    return Segment(line.x0, line.x1, glyphs)


def _lines(item):
    if isinstance(item, LTTextLine):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _lines(child)


def read_rows(path: Path) -> tuple[list[Row], int]:
    """Every row of every page in reading order (one column, top to bottom), and the page count."""
    rows: list[Row] = []
    pages = 0
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), 1):
        pages = number
        height = page.height
        page_rows: list[Row] = []
        for line in sorted(_lines(page), key=lambda l: (-l.y0, l.x0)):
            segment = _segment(line)
            if not segment.text.strip():
                continue
            top, bottom = height - line.y1, height - line.y0
            row = next((r for r in page_rows if abs(r.bottom - bottom) <= SAME_BASELINE), None)
            if row is None:
                page_rows.append(Row(number, top, bottom, height, [segment]))
            else:
                row.segments = sorted(row.segments + [segment], key=lambda s: s.x0)
                row.top, row.bottom = min(row.top, top), max(row.bottom, bottom)
        rows.extend(sorted(page_rows, key=lambda r: r.bottom))
    return rows, pages

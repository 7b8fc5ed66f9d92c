"""What a printed page carries besides the text: page numbers, running headers
and footers (rows repeated on most pages at the same height), a table of
contents with page numbers, and the title page before it. Each is taken out of
the rows and kept as an Aside, so the report can count and list it."""
from __future__ import annotations

import re
from collections import Counter

from agreement.editors.importer.document import Aside
from agreement.editors.importer.pdf_layout import Row

RE_PAGE_NUMBER = re.compile(r"^(?:(?:sida|sid|s\.|page)\s*)?\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$",
                            re.I)
# A contents entry: the title, a leader of dots (squeezed to one when the title is long) and a page number.
RE_LEADER = re.compile(r"(?:\.\s?){3,}\s*\d{1,4}$|…+\s*\d{1,4}$")
RE_SHORT_LEADER = re.compile(r"\S\s?\.\s*\d{1,4}$")
RE_TOC_TITLE = re.compile(r"^(innehåll|innehållsförteckning|contents|table of contents)$", re.I)
EDGE_ROWS = 2  # rows at the top and at the bottom of a page that may be a header or footer
MIN_TOC_ENTRIES = 3
TOC_GAP = 2  # rows of a wrapped entry between two entries


def _where(row: Row) -> str:
    return f"sida {row.page}"


def _edges(rows: list[Row]) -> set[int]:
    """Indexes of the first and last rows of each page."""
    by_page: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        by_page.setdefault(row.page, []).append(index)
    out: set[int] = set()
    for indexes in by_page.values():
        out.update(indexes[:EDGE_ROWS] + indexes[-EDGE_ROWS:])
    return out


def _running_key(row: Row) -> tuple[int, str]:
    return round(row.top), re.sub(r"\d+", "#", row.text.lower())


def page_furniture(rows: list[Row], pages: int) -> tuple[list[Row], list[Aside]]:
    """Rows without page numbers and running headers and footers, and those taken out."""
    edges = _edges(rows)
    dropped: dict[int, Aside] = {}
    for index in edges:
        if RE_PAGE_NUMBER.match(rows[index].text.strip()):
            dropped[index] = Aside("sidnummer", rows[index].text, _where(rows[index]))
    counts = Counter(_running_key(rows[i]) for i in edges if i not in dropped)
    least = max(2, (pages + 1) // 2)
    for index in sorted(edges):
        if index not in dropped and counts[_running_key(rows[index])] >= least:
            row = rows[index]
            kind = "sidhuvud" if row.top < row.page_height / 2 else "sidfot"
            dropped[index] = Aside(kind, row.text, _where(row))
    kept = [row for index, row in enumerate(rows) if index not in dropped]
    return kept, [dropped[i] for i in sorted(dropped)]


def table_of_contents(rows: list[Row]) -> tuple[int, int] | None:
    """The rows [start, end) of a page-numbered table of contents, with its title."""
    strong = [i for i, row in enumerate(rows) if RE_LEADER.search(row.text)]
    if len(strong) < MIN_TOC_ENTRIES:
        return None
    # The longest run of entries no more than TOC_GAP rows apart (a wrapped or squeezed entry between).
    runs: list[list[int]] = [[strong[0]]]
    for index in strong[1:]:
        if index - runs[-1][-1] <= TOC_GAP + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    run = max(runs, key=len)
    if len(run) < MIN_TOC_ENTRIES:
        return None
    start, end = run[0], run[-1] + 1
    while end < len(rows) and RE_SHORT_LEADER.search(rows[end].text) and end - run[-1] <= TOC_GAP:
        end += 1
    if start > 0 and RE_TOC_TITLE.match(rows[start - 1].text.strip()):
        start -= 1
    return start, end


def toc_entries(rows: list[Row]) -> list[Aside]:
    """The entries of a table of contents, a wrapped entry as one."""
    out: list[Aside] = []
    pending: list[Row] = []
    for row in rows:
        pending.append(row)
        if RE_LEADER.search(row.text) or RE_SHORT_LEADER.search(row.text) or RE_TOC_TITLE.match(row.text.strip()):
            out.append(Aside("innehållsförteckning", " ".join(r.text for r in pending), _where(pending[0])))
            pending = []
    if pending:
        out.append(Aside("innehållsförteckning", " ".join(r.text for r in pending), _where(pending[0])))
    return out


def front_matter(rows: list[Row]) -> tuple[list[Row], list[Aside]]:
    """Rows without the table of contents and the title page before it. Without a
    table of contents, a title is the opening rows printed larger than anything after."""
    span = table_of_contents(rows)
    if span is not None:
        start, end = span
        title = [Aside("titelsida", row.text, _where(row)) for row in rows[:start]]
        return rows[end:], title + toc_entries(rows[start:end])
    count = 0
    while count < len(rows) - 1 and rows[count].size >= max(r.size for r in rows[count + 1:]) + 2:
        count += 1
    return rows[count:], [Aside("titel", row.text, _where(row)) for row in rows[:count]]

"""Checks on the Markdown body of a revision: its rendering against the HTML
allowlist (`html_allowlist`), and its headings: only `#` lines with an id make
headings, checked line by line here and against the headings the rendering has."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import lxml.html

from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION
from agreement.sources.html_allowlist import Finding, html_findings, locate

RE_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
RE_ATTR_LIST = re.compile(r"\{:?([^}]*)\}\s*$")
RE_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s}]+)")
RE_SECTION_ID = re.compile(r"^[a-z][a-z0-9-]*$")
RE_TRAILING_NUMBER = re.compile(r"-\d+$")
RE_INLINE_CODE = re.compile(r"`[^`]*`")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class HeadingLine:
    line: int
    level: int
    text: str
    id: str | None


def _code_free_lines(body: str, first_line: int):
    # No fence handling: the site's Markdown has no fenced code, so a ``` line
    # is text and cannot hide the lines after it.
    for offset, raw in enumerate(body.split("\n")):
        if raw.startswith("    ") and not raw.lstrip().startswith(("-", "*", "+")) and not raw.lstrip()[:1].isdigit():
            continue
        yield first_line + offset, RE_INLINE_CODE.sub("", raw)


def scan_headings(body: str, first_line: int) -> list[HeadingLine]:
    out = []
    for line, text in _code_free_lines(body, first_line):
        match = RE_HEADING.match(text)
        if not match:
            continue
        hashes, content = match.groups()
        attrs = RE_ATTR_LIST.search(content)
        heading_id = None
        if attrs:
            id_match = RE_ID_IN_ATTRS.search(attrs.group(1))
            heading_id = id_match.group(1) if id_match else None
            content = content[: attrs.start()].rstrip()
        out.append(HeadingLine(line, len(hashes), content, heading_id))
    return out


def heading_findings(html: str, atx: list[HeadingLine]) -> list[Finding]:
    """Rendered headings that no top-level `#` line made: setext underlines, raw
    <hN>, headings in a blockquote, list or admonition. `atx` are the `#` lines
    (`scan_headings`), matched in order by level and id."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    position = 0
    found = []
    for el in root.iter(*HEADING_TAGS):
        level, heading_id = int(el.tag[1]), el.get("id")
        text = " ".join("".join(t for t in el.itertext() if t != "¶").split())
        # A '#' line without an id is reported by the line checks; toc gave it one.
        match = next((i for i in range(position, len(atx))
                      if atx[i].level == level and atx[i].id in (heading_id, None)), None)
        if el.getparent() is root and match is not None:
            position = match + 1
            continue
        container = next((a.tag for a in el.iterancestors()
                          if a is not root and a.tag in ("blockquote", "li", "div")), None)
        where = {"blockquote": "in a blockquote", "li": "in a list", "div": "in a block of HTML or an admonition"}
        if container is not None:
            message = f"heading '{text}' {where[container]}: headings stand on their own '##' line with an id"
        else:
            message = (f"heading '{text}' is not a '##' line with an id: underlined (=== or ---) "
                       "and raw HTML headings are not allowed")
        found.append(Finding(("heading", el.tag, text), message, text or f"<{el.tag}"))
    return found


def check_body(path: str, body: str, first_line: int, needs_ids: bool,
               render: Callable[[str], str]) -> list[SourceError]:
    def findings_of(text: str) -> list[Finding]:
        html = render(text)
        found = html_findings(html)
        if needs_ids:
            found += heading_findings(html, scan_headings(text, first_line))
        return found

    errors = locate(path, body, first_line, findings_of)
    if not needs_ids:
        return errors
    seen: dict[str, int] = {}
    for heading in scan_headings(body, first_line):
        if heading.level == 1:
            errors.append(SourceError(path, heading.line, "a '#' heading is not allowed: the title is the page's only <h1>; start at '##'"))
        if heading.id is None:
            errors.append(SourceError(path, heading.line, f"heading '{heading.text}' has no section id: add {{#some-id}} at the end of the line"))
            continue
        if not RE_SECTION_ID.match(heading.id) or RE_TRAILING_NUMBER.search(heading.id) or heading.id == PREAMBLE_SECTION:
            errors.append(SourceError(path, heading.line, f"malformed section id '{heading.id}': use [a-z][a-z0-9-]*, not ending in -<digits>"))
            continue
        if heading.id in seen:
            errors.append(SourceError(path, heading.line, f"duplicate section id '{heading.id}' (first on line {seen[heading.id]})"))
            continue
        seen[heading.id] = heading.line
    return errors

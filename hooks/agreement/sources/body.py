"""Checks on the Markdown body of a revision, line by line: heading ids and
forbidden raw HTML. Code (fenced blocks and inline spans) is skipped."""
from __future__ import annotations

import re
from dataclasses import dataclass

from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION

RE_FENCE = re.compile(r"^\s*(```|~~~)")
RE_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
RE_ATTR_LIST = re.compile(r"\{:?([^}]*)\}\s*$")
RE_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s}]+)")
RE_SECTION_ID = re.compile(r"^[a-z][a-z0-9-]*$")
RE_TRAILING_NUMBER = re.compile(r"-\d+$")
RE_INLINE_CODE = re.compile(r"`[^`]*`")
RE_RAW_SCRIPT = re.compile(r"<\s*/?\s*script\b", re.I)
RE_EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
RE_JS_URL = re.compile(r"(\]\(|href\s*=\s*[\"']?)\s*javascript:", re.I)



@dataclass(frozen=True)
class HeadingLine:
    line: int
    level: int
    text: str
    id: str | None


def _code_free_lines(body: str, first_line: int):
    in_fence = False
    for offset, raw in enumerate(body.split("\n")):
        if RE_FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence or raw.startswith("    ") and not raw.lstrip().startswith(("-", "*", "+")) and not raw.lstrip()[:1].isdigit():
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


def check_body(path: str, body: str, first_line: int, needs_ids: bool) -> list[SourceError]:
    errors: list[SourceError] = []
    for line, text in _code_free_lines(body, first_line):
        if RE_RAW_SCRIPT.search(text):
            errors.append(SourceError(path, line, "raw <script> in Markdown is not allowed"))
        if RE_EVENT_HANDLER.search(text):
            errors.append(SourceError(path, line, "inline event handler (on...=) in HTML is not allowed"))
        if RE_JS_URL.search(text):
            errors.append(SourceError(path, line, "javascript: links are not allowed"))
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

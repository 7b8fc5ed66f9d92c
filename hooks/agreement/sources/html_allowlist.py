"""What the HTML made from a source may contain: the elements and attributes
the site's own Markdown makes (toc, attr_list, abbr, admonition, tables,
md_in_html), links only to http, https, mailto or relative addresses, images
only from the site itself. Anything else is a finding, reported at the source
line it came from.

The rendered HTML is parsed twice: by tinyhtml5 (the WHATWG algorithm, so the
tree a browser builds) and by lxml (the tree the build's decorate steps work
on and serialise again). A text passes only if both trees pass, so no
difference between the two parsers can smuggle an element through.

Where a finding comes from: the shortest prefix of the source whose rendering
has it (so a reference link is found at its definition, a multi-line tag at
its end), then the line of that block that holds the offending name."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

import lxml.html
from lxml import etree
from tinyhtml5.parser import HTMLParser

from agreement.model.errors import SourceError

# The elements Python-Markdown and the configured extensions produce.
ELEMENTS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "pre", "code", "em", "strong", "a", "img", "abbr", "div",
    "table", "thead", "tbody", "tr", "th", "td",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title"})
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"align", "style"},
    "td": {"align", "style"},
}
# The tables extension aligns a column with exactly this style, nothing else.
TABLE_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
# Classes the Markdown makes (admonitions, permalinks): a class of the theme's
# own (visually-hidden, md-*) could hide or move text.
CLASSES = frozenset({
    "admonition", "admonition-title", "headerlink",
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
    "quote", "cite",
})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Located one by one (each costs a few renders); the rest are counted.
MAX_LOCATED = 20
SHOWN_VALUE = 60  # characters of an offending value in a message


@dataclass(frozen=True)
class Finding:
    key: tuple  # what it is, to recognise it in the rendering of a part of the source
    message: str
    token: str  # a name that stands in the source line it comes from


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"


def url_scheme(url: str) -> str | None:
    """The scheme a browser sees: entities are decoded by the parser already;
    browsers drop tabs and newlines anywhere and control characters and spaces
    at the ends, and read a backslash as a slash. '//host' is another host
    without a scheme: given as 'network'."""
    url = "".join(ch for ch in url if ch not in "\t\n\r").strip("".join(map(chr, range(0x21))))
    url = url.replace("\\", "/")
    if url.startswith("//"):
        return "network"
    head = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in head:
        return head.split(":", 1)[0].lower()
    return None


def link_url_problem(url: str) -> str | None:
    """Why a link address is not allowed, or None: http, https, mailto, relative."""
    scheme = url_scheme(url)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    return f"link '{_shown(url)}' is not allowed: only http:, https:, mailto: and relative links"


def site_url_problem(url: str) -> str | None:
    """Why an image or media address is not allowed, or None: relative only."""
    if url_scheme(url) is None:
        return None
    return f"'{_shown(url)}' is not from the site itself: images and media take a relative address"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def _element_findings(tag: str, attrib) -> Iterator[Finding]:
    name = _local(tag)
    if tag != name or name not in ELEMENTS:
        shown = name if tag == name else f"{name} (in {tag[1:].split('}')[0]})"
        yield Finding(("element", name), f"raw <{shown}> is not allowed in a source", f"<{name}")
        return
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(name, set())
    for attr, value in attrib.items():
        attr = _local(str(attr)).lower()
        if attr.startswith("on"):
            yield Finding(("handler", name, attr), f"inline event handler {attr}= on <{name}> is not allowed", attr)
        elif attr not in allowed:
            why = "a source cannot style the page" if attr == "style" else "not one the site's Markdown makes"
            yield Finding(("attribute", name, attr), f"attribute {attr}= on <{name}> is not allowed: {why}", attr)
        elif attr == "style" and value.strip() not in TABLE_STYLES:
            yield Finding(("attribute", name, attr), f"style= on <{name}> is not allowed: a source cannot style the page", attr)
        elif attr == "class":
            for cls in value.split():
                if cls not in CLASSES:
                    yield Finding(("class", name, cls), f"class '{_shown(cls)}' on <{name}> is not allowed: "
                                  "only the classes the site's Markdown makes (admonitions)", cls)
        elif attr == "id" and value.startswith("_"):
            yield Finding(("id", name, value), f"id '{_shown(value)}' is not allowed: ids starting with '_' "
                          "belong to the theme", value)
        elif (problem := (link_url_problem(value) if attr == "href"
                          else site_url_problem(value) if attr == "src" else None)):
            token = url_scheme(value) or value
            yield Finding(("url", name, attr, value), f"{attr} on <{name}>: {problem}", token)


def _comment_finding(text: str) -> Iterator[Finding]:
    # A comment is inert, unless a parser ends it early: no markup inside.
    if "<" in text or ">" in text:
        yield Finding(("comment", text), "an HTML comment may not contain '<' or '>'", "<!--")


def _tinyhtml5_findings(html: str) -> Iterator[Finding]:
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(html)
    for el in fragment.iter():
        if el is fragment:
            continue
        if not isinstance(el.tag, str):  # a comment
            yield from _comment_finding(el.text or "")
        else:
            yield from _element_findings(el.tag, el.attrib)


def _lxml_findings(html: str) -> Iterator[Finding]:
    root = lxml.html.fragment_fromstring(html, create_parent="div") if html.strip() else None
    for el in (root.iterdescendants() if root is not None else ()):
        if isinstance(el, etree._Comment):
            yield from _comment_finding(el.text or "")
        elif isinstance(el, etree._ProcessingInstruction):
            yield Finding(("pi",), "a processing instruction (<?...>) is not allowed", "<?")
        elif isinstance(el.tag, str):
            yield from _element_findings(el.tag, el.attrib)


def html_findings(html: str) -> list[Finding]:
    """Everything in a rendered fragment that a source may not contain, as a
    browser's parser and as lxml read it (each finding once per occurrence)."""
    browser = list(_tinyhtml5_findings(html))
    counts = Counter(f.key for f in browser)
    extra = []
    for finding in _lxml_findings(html):
        if counts[finding.key] > 0:
            counts[finding.key] -= 1
        else:
            extra.append(finding)
    return browser + extra


def text_findings(value: str) -> list[Finding]:
    """A value that must be plain text: any element or comment in it is a finding."""
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(value)
    if any(el is not fragment for el in fragment.iter()):
        return [Finding(("markup",), "must be plain text, not HTML", "<")]
    return []


def _first_prefix(lines: list[str], findings_of, key: tuple, occurrence: int, memo: dict) -> int:
    """0-based index of the last line of the shortest prefix whose findings
    include `key` `occurrence` times."""
    def count(n: int) -> int:
        if n not in memo:
            memo[n] = Counter(f.key for f in findings_of("\n".join(lines[:n])))
        return memo[n][key]

    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if count(middle) >= occurrence:
            high = middle
        else:
            low = middle + 1
    return low - 1


def _token_line(lines: list[str], end: int, token: str) -> int:
    """The last line of the block ending at `end` that holds `token`, else `end`."""
    needle = token.lower()
    for index in range(end, -1, -1):
        if index < end and not lines[index].strip():
            break
        if needle and needle in lines[index].lower():
            return index
    return end


def locate(path: str, text: str, first_line: int,
           findings_of: Callable[[str], list[Finding]]) -> list[SourceError]:
    """Every finding of a source text as `path:line: message`, at its line."""
    found = findings_of(text)
    if not found:
        return []
    lines = text.split("\n")
    memo: dict[int, Counter] = {len(lines): Counter(f.key for f in found)}
    seen: Counter = Counter()
    errors = []
    for finding in found[:MAX_LOCATED]:
        seen[finding.key] += 1
        end = _first_prefix(lines, findings_of, finding.key, seen[finding.key], memo)
        errors.append(SourceError(path, first_line + _token_line(lines, end, finding.token), finding.message))
    if len(found) > MAX_LOCATED:
        errors.append(SourceError(path, errors[-1].line, f"and {len(found) - MAX_LOCATED} more HTML findings not located"))
    return errors


def check_markdown(path: str, text: str, first_line: int, render: Callable[[str], str]) -> list[SourceError]:
    """The allowlist on a Markdown source's rendering, as `path:line: message`."""
    return locate(path, text, first_line, lambda part: html_findings(render(part)))

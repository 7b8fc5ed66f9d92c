"""The structure of a rendered revision: sections by heading id, and the stable
anchors of paragraphs and list items (`<section-id>-<n>`).

The same functions run on the model's rendering and on the page MkDocs renders,
so the anchors in the model and on the page cannot drift apart."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from agreement.model.revision import PREAMBLE_SECTION
from agreement.model.revision import Block, Section

HEADINGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCKS = ("p", "li")
NESTED_BLOCKS = {"ul", "ol", "p", "div", "table", "blockquote", "pre"}  # blocks inside a block
RE_SPACE = re.compile(r"\s+")


def parse_fragment(html: str) -> etree._Element:
    return lxml.html.fragment_fromstring(html or "", create_parent="div")


def serialize(root: etree._Element) -> str:
    parts = [root.text or ""]
    parts.extend(lxml.html.tostring(child, encoding="unicode") for child in root)
    return "".join(parts)


def is_permalink(el) -> bool:
    return el.tag == "a" and "headerlink" in (el.get("class") or "").split()


def own_text(el) -> str:
    """Text of an element without nested blocks and without permalink marks."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag not in NESTED_BLOCKS and not is_permalink(child) and not child.get("data-generated"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return RE_SPACE.sub(" ", "".join(parts)).strip()


def insert_before_nested(el, mark) -> None:
    """Put `mark` at the end of a block's own text, before any nested list or
    block, so the text of an item and the controls about it stay together."""
    nested = next((c for c in el if isinstance(c.tag, str) and c.tag in NESTED_BLOCKS), None)
    if nested is None:
        el.append(mark)
    else:
        nested.addprevious(mark)


def walk_blocks(root):
    """Yield (kind, element, section_id, level) in document order."""
    section, level = PREAMBLE_SECTION, 1
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in HEADINGS and el.get("id"):
            section, level = el.get("id"), HEADINGS[el.tag]
            yield "heading", el, section, level
        elif el.tag in BLOCKS:
            yield "block", el, section, level


def assign_anchors(root) -> None:
    """Give every p and li the id `<section-id>-<n>`, n counted per section."""
    counts: dict[str, int] = {}
    for kind, el, section, _ in walk_blocks(root):
        if kind == "block":
            counts[section] = counts.get(section, 0) + 1
            el.set("id", f"{section}-{counts[section]}")


def extract_sections(root) -> tuple[Section, ...]:
    """Sections in order with their blocks (anchors must already be assigned)."""
    sections: list[Section] = []
    current: dict | None = None

    def close():
        if current is not None:
            sections.append(Section(current["id"], current["level"], current["heading"], tuple(current["blocks"])))

    for kind, el, section, level in walk_blocks(root):
        if kind == "heading":
            close()
            current = {"id": section, "level": level, "heading": own_text(el), "blocks": []}
            continue
        if current is None or current["id"] != section:
            close()
            current = {"id": section, "level": level, "heading": "", "blocks": []}
        number = len(current["blocks"]) + 1
        current["blocks"].append(Block(el.get("id"), el.tag, own_text(el), number))
    close()
    return tuple(sections)


def sections_of_html(html: str) -> tuple[Section, ...]:
    root = parse_fragment(html)
    assign_anchors(root)
    return extract_sections(root)

"""Finding phrases in the running text of an lxml tree and wrapping them in new
elements, without touching the text of elements a step must leave alone
(headings, links, code). Shared by the cross-link, law-reference and
abbreviation steps so they agree on what "running text" is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from lxml import etree

from agreement.model.revision import PREAMBLE_SECTION

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


@dataclass
class TextSlot:
    """One string of text in the tree: an element's text or its tail."""

    owner: etree._Element
    is_tail: bool
    section: str

    @property
    def text(self) -> str:
        return (self.owner.tail if self.is_tail else self.owner.text) or ""


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def text_slots(root, skip: Callable[[etree._Element], bool]) -> list[TextSlot]:
    """Every text string outside skipped elements, in document order, with the
    id of the section (nearest preceding heading with an id) it belongs to."""
    out: list[TextSlot] = []
    section = [PREAMBLE_SECTION]

    def walk(el, skipped: bool) -> None:
        if el.tag in HEADING_TAGS and el.get("id"):
            section[0] = el.get("id")
        here = skipped or skip(el)
        if not here and el.text:
            out.append(TextSlot(el, False, section[0]))
        for child in el:
            if isinstance(child.tag, str):
                walk(child, here)
            if not here and child.tail:
                out.append(TextSlot(child, True, section[0]))

    walk(root, False)
    return out


def skip_headings_links_code(el) -> bool:
    """Cross-links and law references: never in headings, links or code."""
    return el.tag in HEADING_TAGS or el.tag in CODE_TAGS or el.tag == "a"


Maker = Callable[[str], etree._Element]


def wrap_spans(slot: TextSlot, spans: list[tuple[int, int, Maker]]) -> list[etree._Element]:
    """Replace the non-overlapping (start, end) spans of a slot's text with the
    elements `make(matched_text)` returns; the text between stays in place."""
    if not spans:
        return []
    text = slot.text
    spans = sorted(spans, key=lambda s: s[0])
    made = []
    for i, (start, end, make) in enumerate(spans):
        el = make(text[start:end])
        following = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        el.tail = text[end:following] or None
        made.append(el)
    before = text[: spans[0][0]] or None
    if slot.is_tail:
        slot.owner.tail = before
        parent = slot.owner.getparent()
        index = parent.index(slot.owner)
        for offset, el in enumerate(made, start=1):
            parent.insert(index + offset, el)
    else:
        slot.owner.text = before
        for offset, el in enumerate(made):
            slot.owner.insert(offset, el)
    return made


def phrase_pattern(phrases, flags=re.IGNORECASE) -> re.Pattern | None:
    """One regex for whole-word phrases, longest first so the longest wins;
    any run of whitespace in a phrase matches any run in the text."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?![\w])", flags)


def normalize(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


def element(tag: str, attrs: dict, text: str) -> etree._Element:
    el = etree.Element(tag, {k: v for k, v in attrs.items() if v is not None})
    el.text = text
    return el


def matches(pattern: re.Pattern, slots: list[TextSlot]) -> Iterator[tuple[TextSlot, re.Match]]:
    for slot in slots:
        for match in pattern.finditer(slot.text):
            yield slot, match

"""A compact note after each section heading of a revision page: where the same
section (by id) stands in the other revisions, links to its change in each
diff, and the section's LIX.

The note uses only <details>, <summary>, <div> and <span>, never <p> or <li>,
so steps that walk paragraphs and list items (anchors, comment links) do not
mistake it for agreement text; Pagefind ignores it."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from agreement.text import lix
from agreement import urls
from agreement.model.revision import Revision
from agreement.text.structure import HEADINGS, own_text

GENERATED = "section-versions"


def _element(tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    el.text = text
    return el


def _link(href: str, text: str) -> etree._Element:
    return _element("a", text, href=href)


def where_else(other: Revision, section_id: str) -> str | None:
    """Why a section is not in another revision, or None when it is."""
    if not other.has_text:
        return "texten saknas på webbplatsen"
    if other.section(section_id) is not None:
        return None
    if other.text == "excerpt":
        return "inte med i utdraget"
    return "avsnittet finns inte"


@dataclass(frozen=True)
class OtherRevision:
    """Another revision as every section note of a page names it: the page's
    links to it and to the pair's diff page (made once per page, not once per
    section: 50 revisions have 1,300 sections with 50 lines each)."""

    revision: Revision
    href: str
    compare_href: str | None  # None: one of the two has no text to compare
    compare_text: str

    @classmethod
    def of(cls, page, other: Revision, position: dict[str, int]) -> "OtherRevision":
        old, new = sorted((page.revision, other), key=lambda r: position[r.id])
        compare = page.revision.has_text and other.has_text
        return cls(other, page.url(other.url()), page.url(urls.diff_page(old.id, new.id)) if compare else None,
                   f"jämför {old.id} och {new.id}")


def other_revision_line(other: OtherRevision, section_id: str) -> etree._Element:
    line = _element("div", None, class_="section-versions__revision")
    missing = where_else(other.revision, section_id)
    line.append(_link(other.href + ("" if missing else f"#{section_id}"), other.revision.label))
    if missing:
        line[-1].tail = f": {missing}"
    if other.compare_href is not None:
        sep = etree.SubElement(line, "span", {"aria-hidden": "true"})
        sep.text = " · "
        compare = _link(other.compare_href + f"#{section_id}", other.compare_text)
        compare.set("class", "section-versions__diff")
        line.append(compare)
    return line


def section_note(page, heading: etree._Element, others: list[OtherRevision]) -> etree._Element | None:
    section_id = heading.get("id")
    section = page.revision.section(section_id)
    if section is None:
        return None
    details = _element("details", None, class_=GENERATED, data_generated=GENERATED,
                       data_pagefind_ignore="all")
    summary = etree.SubElement(details, "summary")
    summary.text = "Andra versioner"
    hidden = etree.SubElement(summary, "span", {"class": "visually-hidden"})
    hidden.text = f" av avsnittet {own_text(heading)}"
    count = lix.of_section(section)
    if count.rounded is not None:
        badge = etree.SubElement(summary, "span", {"class": "section-lix"})
        badge.text = f" · LIX {count.rounded}"
        badge_level = etree.SubElement(badge, "span", {"class": "section-lix__level"})
        badge_level.text = f" ({count.level_sv})"
    body = etree.SubElement(details, "div", {"class": "section-versions__list"})
    if not others:
        body.text = "Det finns inga andra versioner."
    for other in others:
        body.append(other_revision_line(other, section_id))
    return details


def add_section_versions(root, page) -> None:
    """Decorate step: a note after every section heading."""
    position = {r.id: n for n, r in enumerate(page.revisions)}
    others = [OtherRevision.of(page, r, position) for r in page.revisions if r.id != page.revision.id]
    headings = [el for el in root.iter(*HEADINGS) if el.get("id")]
    for heading in headings:
        note = section_note(page, heading, others)
        if note is not None:
            heading.addnext(note)
            note.tail, heading.tail = heading.tail, None

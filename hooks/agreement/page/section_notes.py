"""A compact note after each section heading of a revision page: where the same
section (by id) stands in the other revisions, links to its change in each
diff, and the section's LIX.

The note uses only <details>, <summary>, <div> and <span>, never <p> or <li>,
so steps that walk paragraphs and list items (anchors, comment links) do not
mistake it for agreement text; Pagefind ignores it."""
from __future__ import annotations

from lxml import etree

from agreement.text import lix
from agreement import urls
from agreement.model.revision import Revision
from agreement.text.structure import HEADINGS, own_text

GENERATED = "section-versions"


def older_first(a: Revision, b: Revision, order: list[str]) -> tuple[Revision, Revision]:
    return tuple(sorted((a, b), key=lambda r: order.index(r.id)))


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


def other_revision_line(page, other: Revision, section_id: str, order: list[str]) -> etree._Element:
    line = _element("div", None, class_="section-versions__revision")
    missing = where_else(other, section_id)
    href = page.url(other.url()) + ("" if missing else f"#{section_id}")
    line.append(_link(href, other.label))
    if missing:
        line[-1].tail = f": {missing}"
    if page.revision.has_text and other.has_text:
        old, new = older_first(page.revision, other, order)
        sep = etree.SubElement(line, "span", {"aria-hidden": "true"})
        sep.text = " · "
        compare = _link(page.url(urls.diff_page(old.id, new.id)) + f"#{section_id}", f"jämför {old.id} och {new.id}")
        compare.set("class", "section-versions__diff")
        line.append(compare)
    return line


def section_note(page, heading: etree._Element, order: list[str]) -> etree._Element | None:
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
    others = [r for r in page.revisions if r.id != page.revision.id]
    if not others:
        body.text = "Det finns inga andra versioner."
    for other in others:
        body.append(other_revision_line(page, other, section_id, order))
    return details


def add_section_versions(root, page) -> None:
    """Decorate step: a note after every section heading."""
    order = [r.id for r in page.revisions]
    headings = [el for el in root.iter(*HEADINGS) if el.get("id")]
    for heading in headings:
        note = section_note(page, heading, order)
        if note is not None:
            heading.addnext(note)
            note.tail, heading.tail = heading.tail, None

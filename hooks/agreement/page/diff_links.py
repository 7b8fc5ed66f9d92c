"""Decorating step: on a revision page, each section that changed since the
previous revision links to its place on the diff page of the two."""
from __future__ import annotations

from lxml import etree

from agreement import labels, urls
from agreement.diff.data import section_anchor


def link_changed_sections(root, page) -> None:
    """After the heading of each section the diff with the previous revision
    calls added, changed or moved: "Ändrat sedan <label>" linking to the diff.
    Nothing where the diff cannot know (a side without the whole text)."""
    previous = page.revisions.previous_of(page.revision)
    if previous is None:
        return
    diff = page.diff(previous, page.revision)
    if not diff.comparable:
        return
    diff_page = page.url(urls.diff_page(previous.id, page.revision.id))
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for section in diff.sections:
        if section.new is None or section.change not in labels.CHANGE_SINCE:
            continue
        target = ids.get(section_anchor(section.new))
        if target is None:
            continue
        note = etree.Element("div", {"class": f"diff-since diff-since--{section.change}",
                                     "data-generated": "diff-link", "data-pagefind-ignore": ""})
        link = etree.SubElement(note, "a", {"href": f"{diff_page}#{section.id}"})
        link.text = f"{labels.CHANGE_SINCE[section.change]} {previous.label}"
        if section.new.heading:
            target.addnext(note)
            note.tail, target.tail = target.tail, None
        else:
            target.addprevious(note)


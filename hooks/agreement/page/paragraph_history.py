"""Decorating step: beside each paragraph and list item of a revision page,
where it came from ("Oförändrat sedan …", "Ändrat sedan …", "Nytt sedan …")
and, on a superseded revision, what it became ("… i <next>"). A change links
to its row on the pair's diff page; an unchanged paragraph is plain text, so
the marks add no Tab stop where nothing happened. The history itself is
`agreement.diff.history`, from the same diffs the diff pages show; where no
earlier revision has the whole text the page says so once (`views.history_note`)."""
from __future__ import annotations

from lxml import etree

from agreement import labels
from agreement.diff.history import UNCHANGED, Direction, paragraph_history
from agreement.text.structure import insert_before_nested, walk_blocks


def _mark(parent, direction: Direction, anchor: str, words: dict, part: str, page) -> bool:
    mark = direction.marks.get(anchor)
    if mark is None:
        return False
    span = etree.SubElement(parent, "span", {"class": f"paragraph-history__{part}", "data-change": mark.change,
                                             "data-compared-with": direction.other.id})
    text = f"{words[mark.change]} {direction.other.label}"
    if mark.change == UNCHANGED:
        span.text = text
    else:
        link = etree.SubElement(span, "a", {"href": f"{page.url(direction.diff_page)}#{mark.row}"})
        link.text = text
    return True


def add_paragraph_history(root, page) -> None:
    history = paragraph_history(page.revisions, page.revision, page.diff)
    if history.since is None and history.next is None:
        return
    for kind, el, _section, _level in walk_blocks(root):
        anchor = el.get("id")
        if kind != "block" or not anchor:
            continue
        note = etree.Element("span", {"class": "paragraph-history", "data-generated": "paragraph-history",
                                      "data-pagefind-ignore": ""})
        shown = False
        if history.since is not None:
            shown = _mark(note, history.since, anchor, labels.PARAGRAPH_SINCE, "since", page)
        if history.next is not None:
            if shown:
                note[-1].tail = " · "
            shown = _mark(note, history.next, anchor, labels.PARAGRAPH_NEXT, "next", page) or shown
        if shown:
            insert_before_nested(el, note)

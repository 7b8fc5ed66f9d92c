"""Comments carried forward: on a revision whose previous one has an answers
file, each paragraph that had comments there gets a note "N synpunkter på
föregående utkast" linking to them on the compiled page, marked "ändrat sedan
dess" when the paragraph changed. The paragraph is followed from the comment's
text, through the previous revision, into this one with the same block
alignment the diff pages use (`agreement.diff.anchors`)."""
from __future__ import annotations

from lxml import etree

from agreement import labels, urls
from agreement.diff.anchors import CHANGED, REMOVED, locate
from agreement.text.structure import insert_before_nested, walk_blocks


def carried(previous, current, answers) -> dict[str, tuple[str, set[str], bool]]:
    """New anchor -> (anchor on the previous revision, refs of its comments, changed since)."""
    out: dict[str, tuple[str, set[str], bool]] = {}
    for entry in answers.entries:
        for paragraph in entry.paragraphs:
            there = locate(previous, paragraph.anchor, paragraph.text)
            if there.state == REMOVED:
                continue
            block = next(b for s in previous.sections for b in s.blocks if b.anchor == there.anchor)
            here = locate(current, there.anchor, block.text)
            if here.state == REMOVED:
                continue
            old_anchor, refs, changed = out.get(here.anchor, (there.anchor, set(), False))
            refs.add(entry.ref)
            out[here.anchor] = (old_anchor, refs, changed or here.state == CHANGED)
    return out


def add_carried_comments(root, page) -> None:
    previous = page.revisions.previous_of(page.revision)
    answers = (page.comment_answers or {}).get(previous.id) if previous is not None else None
    if answers is None or not previous.has_text:
        return
    notes = carried(previous, page.revision, answers)
    compilation = page.url(urls.comments_page(previous.id))
    for kind, el, _section, _level in walk_blocks(root):
        if kind != "block" or el.get("id") not in notes:
            continue
        old_anchor, refs, changed = notes[el.get("id")]
        note = etree.Element("span", {"class": "carried-comments", "data-generated": "carried-comments",
                                      "data-changed": "true" if changed else "false", "data-pagefind-ignore": ""})
        link = etree.SubElement(note, "a", {"href": f"{compilation}#{urls.comment_anchor(old_anchor)}"})
        link.text = labels.carried_comments(len(refs))
        if changed:
            link.tail = f", {labels.CARRIED_CHANGED}"
        insert_before_nested(el, note)

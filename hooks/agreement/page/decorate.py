"""Decorating the HTML of a revision page: paragraph anchors and permalinks,
then the steps later stages register (cross-links, law references, ...).

Each step is a function `step(root, page)` over an lxml tree; the order of
`STEPS` is the order they run in."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from agreement.page.citation import add_citation_links
from agreement.page.carried_comments import add_carried_comments
from agreement.page.comment_links import CommentRoutes, add_comment_links
from agreement.links.steps import STEPS as CROSS_LINK_STEPS
from agreement.links.steps import CrossLinks
from agreement.diff.engine import diff_revisions
from agreement.diff.history import Diff
from agreement.page.diff_links import link_changed_sections
from agreement.page.paragraph_history import add_paragraph_history
from agreement.model.revision import Revision, RevisionSet
from agreement.outputs.search_index import weight_sections
from agreement.page.section_notes import add_section_versions
from agreement.text.hyphenate import hyphenate_headings
from agreement.text.structure import assign_anchors, insert_before_nested, parse_fragment, serialize, walk_blocks


@dataclass
class PageContext:
    revision: Revision
    revisions: RevisionSet
    url: Callable[[str], str]  # site-root path -> link relative to this page
    settings: dict = field(default_factory=dict)
    today: object = None
    site_url: str | None = None  # for permanent links and citations
    links: CrossLinks | None = None  # related pages, law table, glossary
    comment_routes: CommentRoutes | None = None  # where a comment on a draft goes
    comment_answers: dict = field(default_factory=dict)  # revision id -> its answers file
    diff: Diff = diff_revisions  # the diff of two revisions, older first (the build's: cached)


def add_paragraph_permalinks(root, page: PageContext) -> None:
    """A ¶ link on every paragraph and list item, shown on hover and focus."""
    for kind, el, _section, _level in walk_blocks(root):
        if kind != "block":
            continue
        link = etree.Element("a", {
            "class": "paragraph-link",
            "href": f"#{el.get('id')}",
            "aria-label": f"Länk till stycke {el.get('id')}",
            "data-generated": "permalink",
            "data-pagefind-ignore": "",
        })
        link.text = "¶"
        insert_before_nested(el, link)


Step = Callable[[etree._Element, PageContext], None]
STEPS: list[Step] = [add_paragraph_permalinks, *CROSS_LINK_STEPS]  # cross-links: xrefs, lawrefs, abbr
STEPS.append(add_comment_links)  # after permalinks: [¶][Lämna synpunkt] in that order
STEPS.append(add_carried_comments)  # after them: comments on the previous draft
STEPS.append(add_paragraph_history)  # after them: where each paragraph came from and goes
STEPS.extend([add_section_versions, weight_sections])  # notes after headings; search weights
STEPS.append(link_changed_sections)  # "Ändrat sedan ..." after the headings of changed sections
STEPS.append(add_citation_links)  # cites the text as the other steps left it
STEPS.append(hyphenate_headings)  # last: every other step reads the headings' plain words


def decorate_revision_html(html: str, page: PageContext, steps: list[Step] | None = None) -> str:
    root = parse_fragment(html)
    assign_anchors(root)
    for step in steps if steps is not None else STEPS:
        step(root, page)
    return serialize(root)

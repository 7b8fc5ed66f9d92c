"""Citations: a ready reference to a section or paragraph of a revision, and the
decorate step that puts a "Kopiera hänvisning" control beside each of them.

Without JavaScript the control is a plain permanent link; `cite.js` turns it
into a button that copies the text in `data-citation`. The text is made here,
so the script only copies it."""
from __future__ import annotations

import re

from lxml import etree

from agreement.outputs.opendata import permanent_url
from agreement.text.structure import insert_before_nested, own_text, walk_blocks

RE_BLOCK_NUMBER = re.compile(r"-(\d+)$")


def place(heading: str | None, paragraph: int | None) -> list[str]:
    """Where in the revision: `avsnitt <heading>`, `stycke <n>`, as far as known."""
    parts = []
    if heading:
        parts.append(f"avsnitt {heading}")
    if paragraph is not None:
        parts.append(f"stycke {paragraph}")
    return parts


def citation_text(title: str, label: str, url: str, heading: str | None = None,
                  paragraph: int | None = None) -> str:
    """`<title>, <label>, avsnitt <heading>, stycke <n>, <url>`.

    The paragraph number is the one in the anchor: paragraphs and list items
    of the section counted together, so a reader finds it by the URL too."""
    return ", ".join([title, label, *place(heading, paragraph), url])


def citation_link(citation: str, href: str, where: str) -> etree._Element:
    """The control as it works without JavaScript: a permanent link."""
    link = etree.Element("a", {
        "class": "cite-link",
        "href": href,
        "data-citation": citation,
        "data-where": where,
        "data-generated": "citation",
        # Not words of the agreement: keep them out of both search indexes
        # ("all": out of Pagefind's heading titles too, not only its word index).
        "data-pagefind-ignore": "all",
        "data-search-exclude": "",
    })
    visible = etree.SubElement(link, "span", {"class": "cite-link__text"})
    visible.text = "Permanent länk"
    hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
    hidden.text = f" till {where}"
    return link


def add_citation_links(root, page) -> None:
    """A citation control on every section heading, paragraph and list item."""
    revision = page.revision
    heading = ""
    for kind, el, _section, _level in list(walk_blocks(root)):
        anchor = el.get("id")
        if kind == "heading":
            heading = own_text(el)
            paragraph = None
        else:
            match = RE_BLOCK_NUMBER.search(anchor or "")
            if match is None:
                continue
            paragraph = int(match.group(1))
        # Text before the first heading has no heading: its citation names no section.
        url = permanent_url(page.site_url, revision.url(), anchor)
        citation = citation_text(revision.title, revision.label, url, heading, paragraph)
        where = ", ".join(place(heading, paragraph)) or "texten"
        insert_before_nested(el, citation_link(citation, url, where))

"""Cross-links from the running text of a revision to the related agreements it
mentions (`a.xref`), and the reverse: which revisions and sections mention each
related page ("Nämns i"). Both come from one matcher, so a backlink exists
exactly where a link was made."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from agreement import labels, urls
from agreement.model.revision import RevisionSet
from agreement.sources.related import RelatedPage
from agreement.text.structure import parse_fragment
from agreement.text.textmatch import (TextSlot, element, matches, normalize, phrase_pattern,
                        skip_headings_links_code, text_slots, wrap_spans)


@dataclass(frozen=True)
class Mention:
    slot: TextSlot
    start: int
    end: int
    slug: str

    @property
    def section(self) -> str:
        return self.slot.section


class MentionIndex:
    """Aliases of every related page compiled into one whole-word, case-insensitive
    pattern (Python's re folds case for å, ä and ö too); the longest alias wins."""

    def __init__(self, pages: tuple[RelatedPage, ...]):
        self.pages = {p.slug: p for p in pages}
        self.slug_of = {normalize(a): p.slug for p in pages for a in p.aliases}
        self.pattern = phrase_pattern(self.slug_of)

    def find(self, root) -> list[Mention]:
        """Every mention in running text, in document order."""
        if self.pattern is None:
            return []
        slots = text_slots(root, skip_headings_links_code)
        return [Mention(slot, m.start(), m.end(), self.slug_of[normalize(m.group())])
                for slot, m in matches(self.pattern, slots)]


def first_per_section(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for mention in mentions:
        key = (mention.section, mention.slug)
        if key not in seen:
            seen.add(key)
            out.append(mention)
    return out


def link_mentions(root, index: MentionIndex, url: Callable[[str], str]) -> list[str]:
    """Link the first mention of each related page in each section; return the
    slugs mentioned, in order of first mention."""
    chosen = first_per_section(index.find(root))
    by_slot: dict[int, tuple[TextSlot, list]] = {}
    for m in chosen:
        href = url(index.pages[m.slug].url)
        make = lambda text, href=href: element("a", {"class": "xref", "href": href}, text)
        by_slot.setdefault(id(m.slot), (m.slot, []))[1].append((m.start, m.end, make))
    for slot, spans in by_slot.values():
        wrap_spans(slot, spans)
    return list(dict.fromkeys(m.slug for m in chosen))


@dataclass(frozen=True)
class Backlink:
    revision_id: str
    revision_label: str
    section_id: str
    section_heading: str

    @property
    def url(self) -> str:
        return f"{urls.revision_page(self.revision_id)}#{self.section_id}"


def backlinks(revisions: RevisionSet, render: Callable[[str], str],
              index: MentionIndex) -> dict[str, list[Backlink]]:
    """For each related page: the revisions (chain order) and sections that mention it."""
    out: dict[str, list[Backlink]] = {slug: [] for slug in index.pages}
    for revision in revisions:
        if not revision.has_text:
            continue
        root = parse_fragment(render(revision.body))
        for mention in first_per_section(index.find(root)):
            section = revision.section(mention.section)
            heading = section.heading if section and section.heading else labels.PREAMBLE_TITLE
            out[mention.slug].append(Backlink(revision.id, revision.label, mention.section, heading))
    return out


def mentioned_in(revision_id: str, links: dict[str, list[Backlink]]) -> list[str]:
    """Slugs of the related pages a revision mentions."""
    return [slug for slug, items in links.items() if any(b.revision_id == revision_id for b in items)]

"""The compiled page of comments on a draft (`revisioner/<id>/synpunkter/`),
made from its answers file: totals per decision at the top, then per section
and paragraph of the draft each comment with the editors' decision and reason.

What is published: a comment's text only when an editor set `publish: true`,
with e-mail addresses, phone numbers and personnummer stripped as a safety
net; an organisation's name only with its consent; a private person's name
never (the answers file has no field for it). The template places these
values and escapes them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from agreement import labels, urls
from agreement.diff.anchors import CHANGED, REMOVED, Located, locate
from agreement.sources.answers import AnswerEntry, Answers
from agreement.editors.privacy import strip_personal
from agreement.model.dates import format_sv
from agreement.model.revision import PREAMBLE_SECTION, Revision
from agreement.page.comment_links import excerpt

RE_BLANK_LINES = re.compile(r"\n\s*\n")
UNPUBLISHED_TEXT = "Synpunktens text är inte publicerad: redaktörerna har inte granskat den för publicering än."
PRIVATE_SENDER = "Privatperson (namnet publiceras aldrig)"
UNNAMED_ORGANISATION = "Organisation (namnet publiceras inte utan samtycke)"


@dataclass
class CommentView:
    id: str | None  # on its first appearance only (a comment may concern several paragraphs)
    ref: str
    sender: str
    route: str
    received: str | None
    paragraphs: list[str] | None  # the published text, None when not published
    decision: str
    answered: bool
    reason: str | None
    same_as: str | None = None  # the reference whose answer this comment shares
    note: str | None = None  # what became of the paragraph since the comment


@dataclass
class ParagraphView:
    anchor: str
    group_id: str
    href: str | None
    excerpt: str
    comments: list[CommentView] = field(default_factory=list)
    later: str | None = None  # "Ändrat i <label>" once a later revision exists
    later_href: str | None = None  # its section on the diff page


@dataclass
class SectionView:
    id: str
    heading: str
    paragraphs: list[ParagraphView]


@dataclass
class CompilationView:
    title: str
    revision_label: str
    revision_href: str
    total: int
    published: int
    totals: list[tuple[str, int]]
    whole_draft: list[CommentView]
    sections: list[SectionView]
    removed: list[ParagraphView]


def count_sv(n: int) -> str:
    return f"{n} synpunkt" if n == 1 else f"{n} synpunkter"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in RE_BLANK_LINES.split(strip_personal(text).strip()) if p.strip()]


def _sender(entry: AnswerEntry) -> str:
    if entry.sender == "private":
        return PRIVATE_SENDER
    name = entry.named_organisation
    return strip_personal(name) if name else UNNAMED_ORGANISATION


def _comment(answers: Answers, entry: AnswerEntry, seen: set, note: str | None) -> CommentView:
    answer = answers.decision_of(entry)
    first = entry.ref not in seen
    seen.add(entry.ref)
    return CommentView(
        id=urls.comment_id(entry.ref) if first else None, ref=entry.ref, sender=_sender(entry),
        route=labels.COMMENT_ROUTE[entry.route],
        received=format_sv(entry.received) if entry.received else None,
        paragraphs=_paragraphs(entry.text) if entry.publish else None,
        decision=labels.DECISION[answer.decision] if answer.decision else labels.NOT_ANSWERED,
        answered=answer.decision is not None,
        reason=strip_personal(answer.reason) if answer.reason else None,
        same_as=entry.same_as, note=note)


def _later(view: ParagraphView, block, revision: Revision, later: Revision | None, url) -> None:
    """What became of the paragraph in the next revision, linked to its row on the diff page."""
    if later is None or not later.has_text:
        return
    found = locate(later, block.anchor, block.text)
    view.later = f"{labels.IN_LATER[found.state]} {later.label}"
    if revision.text == later.text == "full":  # word-by-word diff: each paragraph has its row
        target = (urls.diff_row_anchor(found.anchor) if found.anchor
                  else urls.diff_row_anchor(block.anchor, removed=True))
    else:  # sections side by side: the section
        target = (found.anchor or block.anchor).rsplit("-", 1)[0]
    view.later_href = url(urls.diff_page(revision.id, later.id)) + f"#{target}"


def compilation_view(revision: Revision, answers: Answers, url: Callable[[str], str],
                     later: Revision | None = None) -> CompilationView:
    """Everything the compiled page shows; `url` makes a site path relative to the
    page; `later`: the next revision in the chain, if any."""
    seen: set[str] = set()
    by_anchor: dict[str, list[tuple[AnswerEntry, Located]]] = {}
    removed: dict[str, ParagraphView] = {}
    whole = []
    entries = sorted(answers.entries, key=lambda e: (e.received is None, e.received or 0, e.ref))
    for entry in entries:
        if not entry.paragraphs:
            whole.append(_comment(answers, entry, seen, None))
            continue
        for paragraph in entry.paragraphs:
            located = locate(revision, paragraph.anchor, paragraph.text)
            if located.state == REMOVED:
                view = removed.setdefault(paragraph.anchor, ParagraphView(
                    paragraph.anchor, urls.comment_anchor(paragraph.anchor), None, excerpt(paragraph.text)))
                view.comments.append(_comment(answers, entry, seen, labels.PARAGRAPH_SINCE_COMMENT[REMOVED]))
            else:
                by_anchor.setdefault(located.anchor, []).append((entry, located))
    sections = []
    for section in revision.sections:
        paragraphs = []
        for block in section.blocks:
            if block.anchor not in by_anchor:
                continue
            view = ParagraphView(block.anchor, urls.comment_anchor(block.anchor),
                                 url(urls.revision_page(revision.id)) + f"#{block.anchor}", excerpt(block.text))
            _later(view, block, revision, later, url)
            for entry, located in by_anchor[block.anchor]:
                note = labels.PARAGRAPH_SINCE_COMMENT[CHANGED] if located.state == CHANGED else None
                view.comments.append(_comment(answers, entry, seen, note))
            paragraphs.append(view)
        if paragraphs:
            heading = labels.PREAMBLE_TITLE if section.id == PREAMBLE_SECTION else section.heading
            sections.append(SectionView(section.id, heading, paragraphs))
    totals = answers.totals()
    return CompilationView(
        title=f"Synpunkter på {revision.label}", revision_label=revision.label,
        revision_href=url(urls.revision_page(revision.id)), total=len(answers.entries),
        published=sum(e.publish for e in answers.entries),
        totals=[(labels.DECISION.get(k, k), n) for k, n in totals.items()],
        whole_draft=whole, sections=sections, removed=list(removed.values()))

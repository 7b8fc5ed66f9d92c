"""Open data: the machine-readable document of a revision, and which JSON
documents a site has.

A revision document carries the revision's front matter and its sections in
order, each with its paragraphs and list items (anchor, kind, number, plain
text). `FORMAT_VERSION` (an integer, like the diff format's) goes up whenever
the format changes, with the schema in `schemas/revision.schema.json`."""
from __future__ import annotations

import json
from dataclasses import dataclass

from agreement import labels, urls
from agreement.diff.history import UNCHANGED
from agreement.model.dates import PartialDate
from agreement.model.revision import Revision, RevisionSet, Section

FORMAT_VERSION = 1


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def permanent_url(site_url: str | None, path: str, anchor: str | None = None) -> str:
    """Absolute URL of a site path (and anchor), built from `site_url`.

    Without a `site_url` the path stays relative to the site root."""
    base = (site_url or "").rstrip("/")
    url = f"{base}/{path}" if base else path
    return f"{url}#{anchor}" if anchor else url


def front_matter(revision: Revision) -> dict:
    """The revision's front matter as JSON values; absent keys become null or []."""
    valid = None
    if revision.valid_from or revision.valid_to:
        valid = {"from": _date(revision.valid_from), "to": _date(revision.valid_to)}
    comments = None
    if revision.comments is not None:
        comments = {"open": revision.comments.open, "until": _date(revision.comments.until)}
    return {
        "revision": revision.id,
        "title": revision.title,
        "label": revision.label,
        "status": revision.status,
        "text": revision.text,
        "previous": revision.previous,
        "source": revision.source,
        "adopted": [d.iso() for d in revision.adopted],
        "valid": valid,
        "decisions": [{"body": d.body, "date": d.date.iso(), "ref": d.ref} for d in revision.decisions],
        "comments": comments,
        "errata": [{"date": e.date.iso(), "section": e.section, "description": e.description}
                   for e in revision.errata],
    }


def _history_entry(direction, anchor: str, site_url: str | None) -> dict | None:
    """One paragraph's mark in one direction, as the revision page shows it."""
    mark = direction.marks.get(anchor) if direction is not None else None
    if mark is None:
        return None
    diff_url = None if mark.change == UNCHANGED else permanent_url(site_url, direction.diff_page, mark.row)
    return {"compared_with": direction.other.id, "change": mark.change, "diff_url": diff_url}


def block_document(block, history=None, site_url: str | None = None) -> dict:
    out = {"anchor": block.anchor, "kind": block.kind, "number": block.number, "text": block.text}
    if history is not None:
        for key, direction in (("history", history.since), ("next", history.next)):
            entry = _history_entry(direction, block.anchor, site_url)
            if entry is not None:
                out[key] = entry
    return out


def section_document(section: Section, history=None, site_url: str | None = None) -> dict:
    return {
        "id": section.id,
        "level": section.level,
        "heading": section.heading,
        "blocks": [block_document(b, history, site_url) for b in section.blocks],
    }


def paragraph_history_summary(history) -> dict:
    """Which revisions the paragraphs' `history` and `next` compare with."""
    since, following = history.since, history.next
    return {"compared_with": since.other.id if since else None,
            "between": [r.id for r in since.skipped] if since else [],
            "next": following.other.id if following else None}


def comment_answers(revision: Revision, answers, site_url: str | None) -> dict:
    """Comments per decision on a revision with an answers file (`synpunkter.yml`)."""
    totals = answers.totals()
    not_answered = totals.pop(labels.NOT_ANSWERED)
    return {"url": permanent_url(site_url, urls.comments_page(revision.id)),
            "total": len(answers.entries), "decisions": totals, "not_answered": not_answered}


def revision_document(revision: Revision, site_url: str | None = None, answers=None, history=None) -> dict:
    """Everything a program needs to reuse one revision's text; `answers`: its
    answers file, when it has one; `history`: each paragraph's history
    (`agreement.diff.history.RevisionHistory`), for a revision with the whole text."""
    if not revision.has_text:
        raise ValueError(f"revision '{revision.id}' has no text (text: none): it gets no JSON document")
    document = {
        "format_version": FORMAT_VERSION,
        "url": permanent_url(site_url, revision.url()),
        **front_matter(revision),
        "sections": [section_document(s, history, site_url) for s in revision.sections],
    }
    if history is not None and history.marks:
        document["paragraph_history"] = paragraph_history_summary(history)
    if answers is not None:
        document["comment_answers"] = comment_answers(revision, answers, site_url)
    return document


def dumps(document: dict) -> str:
    """JSON as the site writes it: UTF-8 text, stable key order, readable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class JsonDocument:
    """One JSON file of the site and the page it describes."""

    kind: str  # "revision" or "diff"
    label: str  # Swedish, for the list on the open data page
    page: str  # site path of the page, e.g. `revisioner/4.0/`

    @property
    def path(self) -> str:
        return f"{self.page}{urls.JSON_NAME}"


def json_documents(revisions: RevisionSet, diff_pages: set[str] = frozenset()) -> list[JsonDocument]:
    """Every JSON document of the site: one per revision with text, and one per
    diff page the site has (`diff_pages`: site paths of the diff pages built)."""
    docs = [JsonDocument("revision", r.label, r.url()) for r in revisions if r.has_text]
    for old, new in revisions.pairs():
        page = urls.diff_page(old.id, new.id)
        if page in diff_pages:
            docs.append(JsonDocument("diff", f"{old.label} jämförd med {new.label}", page))
    return docs

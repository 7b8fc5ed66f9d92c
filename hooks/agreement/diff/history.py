"""Each paragraph's history: where a paragraph or list item of a revision came
from, compared with the nearest earlier revision that has the whole text, and
where it goes in the nearest later one.

Nothing is diffed again here: the rows are those of the pair's diff (the diff
engine's block alignment, `blocks.align_blocks`), the same rows the diff page
shows, each with its own anchor (`row_anchors`). A paragraph split or joined
sits in more than one row; it counts as unchanged only when every row it is in
is unchanged, and links to the first of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from agreement import urls
from agreement.diff.engine import RevisionDiff, SectionDiff
from agreement.model.revision import Revision, RevisionSet

UNCHANGED, CHANGED, ADDED, REMOVED = "unchanged", "changed", "added", "removed"


def row_anchors(section: SectionDiff) -> list[str]:
    """The id of each row of a compared section on the diff page, in order:
    named after the paragraph on the new side, or the old one when only the
    old side has it; the second and later rows of one paragraph count on."""
    seen: dict[tuple[bool, str], int] = {}
    out = []
    for row in section.blocks:
        removed = row.new is None
        key = (removed, (row.old if removed else row.new).anchor)
        seen[key] = seen.get(key, 0) + 1
        out.append(urls.diff_row_anchor(key[1], removed=removed, occurrence=seen[key]))
    return out


@dataclass(frozen=True)
class Mark:
    """What became of one paragraph between two revisions."""

    change: str  # unchanged, changed, added (since) or removed (next)
    row: str  # the anchor of its (first) row on the pair's diff page


@dataclass(frozen=True)
class Direction:
    """One side of a revision's history: the revision compared with, the
    revisions between them that lack the whole text, and a mark per anchor."""

    other: Revision
    skipped: tuple[Revision, ...]
    diff_page: str  # site-root path of the pair's diff page
    marks: dict[str, Mark]


@dataclass(frozen=True)
class RevisionHistory:
    since: Direction | None  # None: no earlier revision has the whole text
    next: Direction | None  # only for a superseded revision with a later full text
    marks: bool = field(default=True)  # False: this revision's own text is not whole


def _marks(diff: RevisionDiff, side: str) -> dict[str, Mark]:
    """Per paragraph of one side (`new`: since, `old`: next) its change and row."""
    lone = ADDED if side == "new" else REMOVED
    out: dict[str, Mark] = {}
    for section in diff.sections:
        for row, anchor in zip(section.blocks, row_anchors(section)):
            block = getattr(row, side)
            if block is None:
                continue
            other = row.old if side == "new" else row.new
            change = lone if other is None else (UNCHANGED if row.change == UNCHANGED else CHANGED)
            first = out.get(block.anchor)
            if first is None:
                out[block.anchor] = Mark(change, anchor)
            elif first.change != change:  # in several rows: changed unless every row is alike
                out[block.anchor] = Mark(CHANGED, first.row)
    return out


def nearest_full(revisions: RevisionSet, revision: Revision, later: bool) -> tuple[Revision | None, tuple]:
    """The nearest revision before (or after) `revision` in the chain with the
    whole text, and the revisions between them."""
    order = list(revisions.revisions)
    index = order.index(revision)
    walk = order[index + 1:] if later else reversed(order[:index])
    skipped = []
    for other in walk:
        if other.text == "full":
            return other, tuple(skipped if later else reversed(skipped))
        skipped.append(other)
    return None, ()


Diff = Callable[[Revision, Revision], RevisionDiff]


def paragraph_history(revisions: RevisionSet, revision: Revision, diff: Diff) -> RevisionHistory:
    """The history of every paragraph of `revision`; `diff(old, new)` gives the
    (cached) diff of a pair, older first."""
    if revision.text != "full":
        return RevisionHistory(None, None, marks=False)
    before, skipped = nearest_full(revisions, revision, later=False)
    since = None
    if before is not None:
        since = Direction(before, skipped, urls.diff_page(before.id, revision.id),
                          _marks(diff(before, revision), "new"))
    following = None
    if revisions.role(revision) == "superseded":
        after, skipped_after = nearest_full(revisions, revision, later=True)
        if after is not None:
            following = Direction(after, skipped_after, urls.diff_page(revision.id, after.id),
                                  _marks(diff(revision, after), "old"))
    return RevisionHistory(since, following)

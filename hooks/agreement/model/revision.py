"""The revision model: frozen data that every later stage reads.

`RevisionSet` knows the chain of revisions and decides which one is in force,
exactly as SITE-CONTRACT.md defines it."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterator

from agreement import labels, urls
from agreement.model.dates import PartialDate

STATUSES = ("draft", "proposed", "adopted", "superseded")
TEXT_KINDS = ("full", "excerpt", "none")
PREAMBLE_SECTION = "inledning-text"  # the section id of paragraphs before the first heading



@dataclass(frozen=True)
class Block:
    """A paragraph (`p`) or list item (`li`) with its stable anchor."""

    anchor: str
    kind: str
    text: str
    number: int


@dataclass(frozen=True)
class Section:
    id: str
    level: int
    heading: str
    blocks: tuple[Block, ...]
    line: int = 0

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Decision:
    body: str
    date: PartialDate
    ref: str | None = None


@dataclass(frozen=True)
class CommentPeriod:
    open: bool
    until: PartialDate | None
    opened: PartialDate | None = None  # `from`: the day the period opened (for the feed)

    def is_open(self, today: _dt.date) -> bool:
        return self.open and (self.until is None or today <= self.until.last_day())


@dataclass(frozen=True)
class Erratum:
    """A correction made to an adopted text: the one section it changed, and how."""

    date: PartialDate
    section: str  # the id of the corrected section
    description: str


@dataclass(frozen=True)
class Revision:
    id: str
    title: str
    label: str
    status: str
    text: str
    previous: str | None
    source: str
    path: str
    body: str = ""
    adopted: tuple[PartialDate, ...] = ()
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    decisions: tuple[Decision, ...] = ()
    comments: CommentPeriod | None = None
    errata: tuple[Erratum, ...] = ()
    sections: tuple[Section, ...] = ()
    source_file: str | None = None  # the kept document, relative to the project
    source_sha256: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def has_text(self) -> bool:
        return self.text != "none"

    @property
    def status_sv(self) -> str:
        return labels.STATUS[self.status]

    @property
    def text_sv(self) -> str:
        return labels.TEXT_KIND[self.text]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def period_ended(self, today: _dt.date) -> bool:
        return self.valid_to is not None and today > self.valid_to.last_day()

    def comments_open(self, today: _dt.date) -> bool:
        return (
            self.status == "draft"
            and self.comments is not None
            and self.comments.is_open(today)
        )

    def url(self) -> str:
        """Path of the revision page relative to the site root."""
        return urls.revision_page(self.id)


@dataclass(frozen=True)
class RevisionSet:
    """All revisions in chain order, oldest first."""

    revisions: tuple[Revision, ...]

    def __iter__(self) -> Iterator[Revision]:
        return iter(self.revisions)

    def __len__(self) -> int:
        return len(self.revisions)

    def get(self, revision_id: str) -> Revision | None:
        return next((r for r in self.revisions if r.id == revision_id), None)

    def by_path(self, path: str) -> Revision | None:
        return next((r for r in self.revisions if r.path == path), None)

    @property
    def in_force(self) -> Revision | None:
        """The last revision in the chain whose status is `adopted`."""
        adopted = [r for r in self.revisions if r.status == "adopted"]
        return adopted[-1] if adopted else None

    @property
    def newest(self) -> Revision | None:
        return self.revisions[-1] if self.revisions else None

    def later_than(self, revision: Revision) -> tuple[Revision, ...]:
        index = self.revisions.index(revision)
        return self.revisions[index + 1:]

    def proposals_after_in_force(self) -> tuple[Revision, ...]:
        """Proposals and drafts later in the chain than the revision in force."""
        in_force = self.in_force
        later = self.later_than(in_force) if in_force else self.revisions
        return tuple(r for r in later if r.status in ("proposed", "draft"))

    def previous_of(self, revision: Revision) -> Revision | None:
        return self.get(revision.previous) if revision.previous else None

    def pairs(self) -> Iterator[tuple[Revision, Revision]]:
        """Every pair of revisions, older first."""
        for i, old in enumerate(self.revisions):
            for new in self.revisions[i + 1:]:
                yield old, new

    def role(self, revision: Revision) -> str:
        """What the site calls the revision: in force, proposal, draft or superseded."""
        if revision is self.in_force:
            return "in_force"
        if revision.status in ("proposed", "draft"):
            return revision.status
        if revision.status == "adopted":
            return "superseded"  # adopted, but a later adopted revision replaced it
        return revision.status


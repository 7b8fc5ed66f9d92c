"""The diff engine: what changed between two revisions, section by section,
block by block, word by word. Pure data in, pure data out; no MkDocs.

Sections align by id (the contract keeps ids stable across revisions). Inside
a section, paragraphs and list items that are the same word for word align
first; the stretches between them are compared word by word with Myers'
shortest edit script (`myers.py`). Words are compared by a normalised key, so
whitespace and Markdown syntax (emphasis marks, escapes) never count as a change.

Word comparison needs the whole text on both sides (`text: full`). Otherwise
every section is `unknown`: an excerpt's missing section was not removed, we
just do not know."""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from agreement.diff.blocks import (DELETE, EQUAL, INSERT, BlockDiff, Tokens, WordOp,  # noqa: F401 (re-exported)
                        align_blocks, word_key, word_ops, words_of)
from agreement.model.revision import Revision, Section
from agreement.diff.myers import longest_increasing

CHANGES = ("added", "removed", "changed", "unchanged", "moved", "unknown")


@dataclass(frozen=True)
class SectionDiff:
    id: str
    change: str
    moved: bool
    old: Section | None
    new: Section | None
    heading_change: tuple[WordOp, ...] | None  # word ops when the heading changed
    blocks: tuple[BlockDiff, ...]

    @property
    def level(self) -> int:
        return (self.new or self.old).level

    @property
    def heading(self) -> str:
        return (self.new or self.old).heading


@dataclass(frozen=True)
class Summary:
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    moved: int = 0
    unknown: int = 0
    words_added: int = 0
    words_removed: int = 0

    @property
    def edit_size(self) -> int:
        """Inserted plus deleted words: the size of the edit script."""
        return self.words_added + self.words_removed


@dataclass(frozen=True)
class RevisionDiff:
    old: Revision
    new: Revision
    comparable: bool  # both sides have the whole text: word comparison
    sections: tuple[SectionDiff, ...]
    summary: Summary

    @property
    def nothing_to_compare(self) -> bool:
        return not self.old.has_text and not self.new.has_text

    @property
    def changed_sections(self) -> tuple[SectionDiff, ...]:
        return tuple(s for s in self.sections if s.change not in ("unchanged", "unknown"))


# A Differ lives as long as its owner keeps it (a worker process keeps one for
# all its pairs), and under `mkdocs serve` every rebuild brings new revisions.
# Revisions it no longer sees leave `_tokens` on their own (weak keys), but their
# interned words and blocks would stay: past this many entries the tables start
# again empty. Ids are only ever compared for equality within one diff, so a
# fresh start changes no result.
MAX_ENTRIES = 200_000


class Differ:
    """Compares revisions, tokenising each revision once however many pairs it
    is part of. Keys are interned to ints shared by all revisions it has seen
    since its tables last started empty (`MAX_ENTRIES`)."""

    def __init__(self, max_entries: int | None = MAX_ENTRIES):
        self.max_entries = max_entries  # None: never start again (tests compare against it)
        self._reset()

    def _reset(self) -> None:
        self._vocabulary: dict[str, int] = {}
        self._blocks: dict[tuple[int, ...], int] = {}
        self._tokens = weakref.WeakKeyDictionary()

    @property
    def entries(self) -> int:
        """Interned words and blocks, and revisions whose tokens are kept."""
        return len(self._vocabulary) + len(self._blocks) + len(self._tokens)

    def tokens(self, revision: Revision) -> dict[str, tuple[Tokens, list[Tokens], list[int]]]:
        """Per section id: heading tokens, block tokens and block keys."""
        cached = self._tokens.get(revision)
        if cached is None:
            cached = {s.id: self._section_tokens(s) for s in revision.sections}
            self._tokens[revision] = cached
        return cached

    def _tokenise(self, text: str) -> Tokens:
        words = words_of(text)
        vocabulary = self._vocabulary
        keys = []
        for word in words:
            key = word_key(word)
            keys.append(vocabulary.setdefault(key, len(vocabulary)))
        return Tokens(words, tuple(keys))

    def _section_tokens(self, section: Section):
        blocks = [self._tokenise(b.text) for b in section.blocks]
        block_keys = [self._blocks.setdefault(t.keys, len(self._blocks)) for t in blocks]
        return self._tokenise(section.heading), blocks, block_keys

    def diff(self, old: Revision, new: Revision) -> RevisionDiff:
        if self.max_entries is not None and len(self._vocabulary) + len(self._blocks) > self.max_entries:
            self._reset()  # before this pair's tokens, never between them
        comparable = old.text == "full" and new.text == "full"
        if comparable:
            sections = self._compare(old, new)
        else:
            sections = tuple(_unknown(old, new))
        return RevisionDiff(old, new, comparable, sections, summarise(sections))

    def _compare(self, old: Revision, new: Revision) -> tuple[SectionDiff, ...]:
        old_tokens, new_tokens = self.tokens(old), self.tokens(new)
        moved = moved_ids(old, new)
        out = []
        for old_sec, new_sec in align_sections(old, new):
            if new_sec is None:
                out.append(_one_sided_section(old_sec, old_tokens[old_sec.id], DELETE))
            elif old_sec is None:
                out.append(_one_sided_section(new_sec, new_tokens[new_sec.id], INSERT))
            else:
                out.append(self._compare_section(old_sec, new_sec, old_tokens[old_sec.id],
                                                 new_tokens[new_sec.id], old_sec.id in moved))
        return tuple(out)

    def _compare_section(self, old_sec, new_sec, old_tok, new_tok, moved) -> SectionDiff:
        old_heading, old_blocks, old_keys = old_tok
        new_heading, new_blocks, new_keys = new_tok
        heading_ops = None
        if old_heading.keys != new_heading.keys or old_sec.level != new_sec.level:
            heading_ops = word_ops(old_heading, new_heading)
        rows = align_blocks(old_sec.blocks, new_sec.blocks, old_blocks, new_blocks, old_keys, new_keys)
        changed = heading_ops is not None or any(r.change != "unchanged" for r in rows)
        change = "changed" if changed else ("moved" if moved else "unchanged")
        return SectionDiff(new_sec.id, change, moved, old_sec, new_sec, heading_ops, rows)


def _one_sided_section(section: Section, tokens, op: str) -> SectionDiff:
    """A section only one side has: every word inserted, or every word deleted."""
    heading, blocks, _ = tokens

    def ops(t: Tokens) -> tuple[WordOp, ...]:
        if not t.words:
            return ()
        return (WordOp(op, old=t.words),) if op == DELETE else (WordOp(op, new=t.words),)

    if op == DELETE:
        rows = tuple(BlockDiff(b, None, ops(t)) for b, t in zip(section.blocks, blocks))
        return SectionDiff(section.id, "removed", False, section, None, ops(heading) or None, rows)
    rows = tuple(BlockDiff(None, b, ops(t)) for b, t in zip(section.blocks, blocks))
    return SectionDiff(section.id, "added", False, None, section, ops(heading) or None, rows)


def align_sections(old: Revision, new: Revision) -> list[tuple[Section | None, Section | None]]:
    """Sections of both revisions in the new revision's order; a section only
    the old one has follows the section it followed there."""
    new_ids = {s.id for s in new.sections}
    removed_after: dict[str | None, list[Section]] = {}
    anchor = None
    for section in old.sections:
        if section.id in new_ids:
            anchor = section.id
        else:
            removed_after.setdefault(anchor, []).append(section)
    old_by_id = {s.id: s for s in old.sections}
    out: list[tuple[Section | None, Section | None]] = [(s, None) for s in removed_after.get(None, [])]
    for section in new.sections:
        out.append((old_by_id.get(section.id), section))
        out.extend((s, None) for s in removed_after.get(section.id, []))
    return out


def moved_ids(old: Revision, new: Revision) -> set[str]:
    """Shared sections outside a longest run that keeps its order: the fewest
    sections whose moving explains the new order."""
    new_position = {s.id: n for n, s in enumerate(new.sections)}
    shared = [(s.id, new_position[s.id]) for s in old.sections if s.id in new_position]
    kept = {section_id for section_id, _ in longest_increasing(shared)}
    return {section_id for section_id, _ in shared if section_id not in kept}


def _unknown(old: Revision, new: Revision):
    for old_sec, new_sec in align_sections(old, new):
        yield SectionDiff((new_sec or old_sec).id, "unknown", False, old_sec, new_sec, None, ())


def summarise(sections) -> Summary:
    counts = {change: 0 for change in CHANGES}
    added = removed = 0
    for section in sections:
        counts[section.change] += 1
        for ops in [section.heading_change or ()] + [b.ops for b in section.blocks]:
            for op in ops:
                if op.op == INSERT:
                    added += len(op.new)
                elif op.op == DELETE:
                    removed += len(op.old)
    counts["moved"] = sum(1 for s in sections if s.moved)
    return Summary(words_added=added, words_removed=removed, **counts)


_default = Differ()


def diff_revisions(old: Revision, new: Revision, differ: Differ | None = None) -> RevisionDiff:
    """Compare two revisions (older first) with a shared, caching Differ."""
    return (differ or _default).diff(old, new)

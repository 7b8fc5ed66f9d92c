"""What a diff page is made of besides its template: the compared sections as
HTML (every row of word operations the engine found, inline and side by
side), the facts its summary lists, and the pair's open data.

A diff page of two distant revisions has thousands of rows and tens of
thousands of word runs; rendered through Jinja macros they took a 50-revision
build 25 seconds. Here they are joined as strings, every value escaped with
the same `markupsafe.escape` the templates' autoescape uses, so the page is
byte for byte what the macros made (SITE-CONTRACT: "Diff pages"). The page's
frame, summary and legend stay in templates (`partials/diff-body.html`),
which place these values.

`pair_outputs` runs where the diff is made (a worker process of
`diff.store.map_pairs` when many pairs are compared): it writes the large
outputs, the sections and the JSON, to the build cache and returns only the
small facts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup, escape

from agreement import labels
from agreement.build.cache import Cache
from agreement.diff.blocks import DELETE, EQUAL, INSERT, BlockDiff, WordOp
from agreement.diff.data import diff_json_text, section_anchor
from agreement.diff.engine import RevisionDiff, SectionDiff, Summary
from agreement.diff.history import row_anchors
from agreement.model.revision import Revision

INSERTED = f'<span class="visually-hidden">{labels.CHANGE["added"]}: </span><ins>'
DELETED = f'<span class="visually-hidden">{labels.CHANGE["removed"]}: </span><del>'
BEFORE = f'<span class="visually-hidden">{labels.DIFF_SIDE["old"]}: </span>'
AFTER = f'<span class="visually-hidden">{labels.DIFF_SIDE["new"]}: </span>'
MOVED_BADGE = f' <span class="diff-badge diff-badge--moved">{labels.CHANGE["moved"]}</span>'


def _words(words: tuple[str, ...]) -> str:
    return escape(" ".join(words))


def _op(op: WordOp, equal_words: tuple[str, ...]) -> str:
    if op.op == EQUAL:
        return _words(equal_words)
    if op.op == INSERT:
        return f"{INSERTED}{_words(op.new)}</ins>"
    return f"{DELETED}{_words(op.old)}</del>"


def ops_inline(ops: tuple[WordOp, ...]) -> str:
    """Both sides in one flow: kept words, then deletions and insertions in place."""
    return " ".join(_op(op, op.new) for op in ops)


def ops_side(ops: tuple[WordOp, ...], side: str) -> str:
    """One side: the old text with its deletions, or the new one with its insertions."""
    shown = DELETE if side == "old" else INSERT
    return " ".join(_op(op, op.old if side == "old" else op.new) for op in ops if op.op in (EQUAL, shown))


def _block_class(block) -> str:
    return "diff-block diff-block--li" if block is not None and block.kind == "li" else "diff-block"


def row(r: BlockDiff, row_id: str) -> str:
    """A paragraph or list item on one or both sides, with its own anchor.
    Unchanged ones are shown once."""
    change = r.change
    if change == "unchanged":
        return (f'<div class="diff-row diff-row--unchanged" id="{escape(row_id)}">'
                f'<p class="{_block_class(r.new)}">{ops_inline(r.ops)}</p></div>')
    old = f'<p class="{_block_class(r.old)}">{BEFORE}{ops_side(r.ops, "old")}</p>' if r.old else ""
    new = f'<p class="{_block_class(r.new)}">{AFTER}{ops_side(r.ops, "new")}</p>' if r.new else ""
    return (f'<div class="diff-row diff-row--{change}" id="{escape(row_id)}">\n'
            f'  <div class="diff-inline"><p class="{_block_class(r.new or r.old)}">{ops_inline(r.ops)}</p></div>\n'
            f'  <div class="diff-side">\n'
            f'    <div class="diff-old">{old}</div>\n'
            f'    <div class="diff-new">{new}</div>\n'
            f'  </div>\n'
            f'</div>')


def _plain_blocks(section) -> str:
    """The plain text of a section, for sides that cannot be compared word by word."""
    return "".join(f'<p class="{_block_class(b)}">{escape(b.text)}</p>' for b in section.blocks)


def _heading(s: SectionDiff) -> str:
    if s.heading_change:
        return ops_inline(s.heading_change)
    return escape(s.heading or labels.PREAMBLE_TITLE)


def badges(s: SectionDiff) -> Markup:
    return Markup(f'<span class="diff-badge diff-badge--{escape(s.change)}">{escape(labels.CHANGE[s.change])}</span>'
                  + (MOVED_BADGE if s.moved and s.change != "moved" else ""))


@dataclass(frozen=True)
class DiffSections:
    """The sections of one diff page; `old_href` and `new_href` are the two
    revisions' pages relative to this one."""

    diff: RevisionDiff
    old_href: str
    new_href: str

    def revision_links(self, s: SectionDiff) -> Markup:
        """Links to the section on the pages of both revisions (where it exists)."""
        links = []
        if s.old:
            links.append(f'<a href="{escape(self.old_href)}#{escape(section_anchor(s.old))}">'
                         f'i {escape(self.diff.old.label)}</a>')
        if s.new:
            links.append(f'<a href="{escape(self.new_href)}#{escape(section_anchor(s.new))}">'
                         f'i {escape(self.diff.new.label)}</a>')
        return Markup(" · ".join(links))

    def section(self, s: SectionDiff) -> str:
        """One compared section: the element the site contract describes."""
        level = min(max(s.level, 2), 6)
        sid = escape(s.id)
        moved = ' data-moved="true"' if s.moved else ""
        level_change = ""
        if s.old and s.new and s.old.level != s.new.level:
            level_change = f" Rubriknivån har ändrats från {s.old.level} till {s.new.level}."
        head = (f'<section id="{sid}" class="diff-section diff-section--{escape(s.change)}" data-section="{sid}" '
                f'data-change="{escape(s.change)}"{moved} aria-labelledby="diff-h-{sid}">\n'
                f'  <h{level} id="diff-h-{sid}" class="diff-section__heading">{_heading(s)}</h{level}>\n'
                f'  <p class="diff-section__status">{badges(s)}{level_change} '
                f'<span class="diff-section__links">Avsnittet {self.revision_links(s)}</span></p>')
        return f"{head}{self._body(s)}\n</section>"

    def _body(self, s: SectionDiff) -> str:
        old, new = self.diff.old, self.diff.new
        if s.change != "unknown":
            return "".join(f"\n  {row(r, row_id)}" for r, row_id in zip(s.blocks, row_anchors(s)))
        if s.old and s.new:
            return ('\n  <div class="diff-unknown diff-unknown--both">\n'
                    f'    <div class="diff-old"><p class="diff-unknown__label">{escape(old.label)}</p>{_plain_blocks(s.old)}</div>\n'
                    f'    <div class="diff-new"><p class="diff-unknown__label">{escape(new.label)}</p>{_plain_blocks(s.new)}</div>\n'
                    '  </div>')
        present, absent = (old, new) if s.old else (new, old)
        return ('\n  <div class="diff-unknown diff-unknown--alone">\n'
                f'    <p class="diff-unknown__label">Bara i {escape(present.label)}. {escape(absent.label)} har '
                f'{escape(absent.text_sv)} på webbplatsen, så vi vet inte om avsnittet finns där.</p>\n'
                f'    {_plain_blocks(s.old or s.new)}\n'
                '  </div>')

    def sections(self) -> Markup:
        """Every compared section, in the engine's order."""
        return Markup("".join(self.section(s) for s in self.diff.sections))


class ChangedSection(NamedTuple):
    """A line of the summary's list of sections with changes."""

    id: str
    title: str
    badges: Markup
    links: Markup


class DiffFacts(NamedTuple):
    """What the summary of a diff page says, small enough to keep for every pair."""

    comparable: bool
    nothing_to_compare: bool
    summary: Summary
    changed: tuple[ChangedSection, ...]


@dataclass(frozen=True)
class DiffPageView:
    """What `partials/diff-body.html` places: the two revisions, the facts
    (`DiffFacts`, in the same order) and the compared sections."""

    old: Revision
    new: Revision
    comparable: bool
    nothing_to_compare: bool
    summary: Summary
    changed: tuple[ChangedSection, ...]
    sections: Markup

    @classmethod
    def of(cls, old: Revision, new: Revision, facts: DiffFacts, sections: str) -> "DiffPageView":
        return cls(old, new, *facts, sections=Markup(sections))


class PairOutputs(NamedTuple):
    """Where `pair_outputs` writes a pair's outputs, and the hrefs of both
    revisions' pages from the pair's diff page."""

    json_folder: str
    json_key: str
    sections_folder: str
    sections_key: str
    old_href: str
    new_href: str


def pair_outputs(diff: RevisionDiff, where: PairOutputs) -> DiffFacts:
    """Write the pair's JSON and compared sections to the cache; the facts."""
    Cache(Path(where.json_folder)).put(where.json_key, diff_json_text(diff).encode("utf-8"))
    sections = DiffSections(diff, where.old_href, where.new_href)
    Cache(Path(where.sections_folder)).put(where.sections_key, sections.sections().encode("utf-8"))
    changed = tuple(ChangedSection(s.id, s.heading or labels.PREAMBLE_TITLE, badges(s), sections.revision_links(s))
                    for s in diff.changed_sections)
    return DiffFacts(diff.comparable, diff.nothing_to_compare, diff.summary, changed)

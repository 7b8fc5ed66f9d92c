"""The diff engine's block and word alignment before it was made faster (commit
26389e7, hooks/agreement/diff/blocks.py), kept verbatim but for using
myers_reference: the oracle of tests/test_diff_speed.py.

Paragraphs and words: the part of the diff engine below sections.

Blocks (paragraphs and list items) identical word for word align first; each
stretch between them is compared word by word as one run of text with Myers'
shortest edit script, then cut back into rows of blocks, so a paragraph that
was split or joined costs no words. Words compare by a normalised key: only
what a reader would call a different word counts."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from agreement.model.revision import Block
from myers_reference import matching_pairs

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Marks that only Markdown syntax leaves behind in text (emphasis, code, escapes),
# and characters that render as nothing.
RE_SYNTAX_MARKS = re.compile(r"^[*_`~\\]+|[*_`~\\]+$")
RE_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def word_key(word: str) -> str:
    """What a word is compared by: NFC, without invisible characters and without
    the Markdown marks around it (`**ord**`, `_ord_`, `\\*`)."""
    word = RE_INVISIBLE.sub("", unicodedata.normalize("NFC", word))
    stripped = RE_SYNTAX_MARKS.sub("", word)
    return stripped or word


def words_of(text: str) -> tuple[str, ...]:
    """Words as a reader sees them: split on any whitespace, invisible ones dropped."""
    return tuple(w for w in text.split() if RE_INVISIBLE.sub("", w))


@dataclass(frozen=True)
class WordOp:
    """One run of the edit script. `equal` runs carry both spellings (they match
    by key, so they may differ in Markdown marks); the others carry one side."""

    op: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return self.old if self.op == DELETE else self.new


@dataclass(frozen=True)
class BlockDiff:
    """A paragraph or list item on one or both sides, with its word operations."""

    old: Block | None
    new: Block | None
    ops: tuple[WordOp, ...]

    @property
    def change(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "unchanged" if all(o.op == EQUAL for o in self.ops) else "changed"


@dataclass(frozen=True)
class Tokens:
    """One block's words and their interned keys."""

    words: tuple[str, ...]
    keys: tuple[int, ...]


def word_ops(old: Tokens, new: Tokens) -> tuple[WordOp, ...]:
    """Runs of equal, deleted and inserted words between two token lists."""
    return _runs(old.words, new.words, matching_pairs(old.keys, new.keys))


def _runs(old_words, new_words, pairs) -> tuple[WordOp, ...]:
    items = []
    i = j = 0
    for pi, pj in pairs + [(len(old_words), len(new_words))]:
        items.extend((DELETE, old_words[k], None) for k in range(i, pi))
        items.extend((INSERT, None, new_words[k]) for k in range(j, pj))
        if pi < len(old_words):
            items.append((EQUAL, old_words[pi], new_words[pj]))
        i, j = pi + 1, pj + 1
    return _group(items)


def align_blocks(old_blocks, new_blocks, old_tokens, new_tokens, old_keys, new_keys) -> tuple[BlockDiff, ...]:
    """Blocks identical by key align first; each stretch between them is
    compared word by word as one run of text, then cut back into blocks."""
    rows: list[BlockDiff] = []
    pairs = matching_pairs(old_keys, new_keys) + [(len(old_keys), len(new_keys))]
    i = j = 0
    for pi, pj in pairs:
        if pi > i or pj > j:
            rows.extend(_compare_stretch(old_blocks[i:pi], new_blocks[j:pj],
                                         old_tokens[i:pi], new_tokens[j:pj]))
        if pi < len(old_keys):
            tok_old, tok_new = old_tokens[pi], new_tokens[pj]
            ops = (WordOp(EQUAL, tok_old.words, tok_new.words),) if tok_new.words else ()
            rows.append(BlockDiff(old_blocks[pi], new_blocks[pj], ops))
        i, j = pi + 1, pj + 1
    return tuple(rows)


def _compare_stretch(old_blocks, new_blocks, old_tokens, new_tokens) -> list[BlockDiff]:
    if not new_blocks:
        return [BlockDiff(b, None, (WordOp(DELETE, old=t.words),) if t.words else ())
                for b, t in zip(old_blocks, old_tokens)]
    if not old_blocks:
        return [BlockDiff(None, b, (WordOp(INSERT, new=t.words),) if t.words else ())
                for b, t in zip(new_blocks, new_tokens)]
    old_words, old_owner = _flatten(old_tokens)
    new_words, new_owner = _flatten(new_tokens)
    old_keys = [k for t in old_tokens for k in t.keys]
    new_keys = [k for t in new_tokens for k in t.keys]
    pairs = matching_pairs(old_keys, new_keys)
    return _cut_rows(old_blocks, new_blocks, old_words, new_words, old_owner, new_owner, pairs)


def _flatten(tokens) -> tuple[list[str], list[int]]:
    words, owner = [], []
    for index, t in enumerate(tokens):
        words.extend(t.words)
        owner.extend([index] * len(t.words))
    return words, owner


def _cut_rows(old_blocks, new_blocks, old_words, new_words, old_owner, new_owner, pairs) -> list[BlockDiff]:
    """Walk the edit script of a stretch and start a new row whenever a word
    belongs to another block than the row's, on either side. Every block of
    the stretch ends up in at least one row, in order on both sides."""
    rows: list[list] = []  # [old index | None, new index | None, [(op, old word, new word)]]

    def place(old_index, new_index, item):
        row = rows[-1] if rows else None
        if (row is None or (old_index is not None and row[0] not in (None, old_index))
                or (new_index is not None and row[1] not in (None, new_index))):
            row = [None, None, []]
            rows.append(row)
        if old_index is not None:
            row[0] = old_index
        if new_index is not None:
            row[1] = new_index
        row[2].append(item)

    i = j = 0
    for pi, pj in pairs + [(len(old_words), len(new_words))]:
        deleted = [(old_owner[k], None, (DELETE, old_words[k], None)) for k in range(i, pi)]
        inserted = [(None, new_owner[k], (INSERT, None, new_words[k])) for k in range(j, pj)]
        current = rows[-1] if rows else (None, None)
        for old_index, new_index, item in _change_order(deleted, inserted, current[0], current[1]):
            place(old_index, new_index, item)
        if pi < len(old_words):
            place(old_owner[pi], new_owner[pj], (EQUAL, old_words[pi], new_words[pj]))
        i, j = pi + 1, pj + 1
    _add_empty_blocks(rows, len(old_blocks), len(new_blocks))
    out = []
    for old_index, new_index, items in rows:
        out.append(BlockDiff(old_blocks[old_index] if old_index is not None else None,
                             new_blocks[new_index] if new_index is not None else None,
                             _group(items)))
    return out


def _change_order(deleted, inserted, row_old, row_new):
    """Order one run of deletions and insertions that may cross block
    boundaries: first what continues the current row, then the rest block by
    block, each old block's deletions next to the new block's insertions."""
    old_groups = _groups(deleted, 0)
    new_groups = _groups(inserted, 1)
    ordered = []
    if old_groups and old_groups[0][0][0] == row_old:
        ordered.extend(old_groups.pop(0))
    if new_groups and new_groups[0][0][1] == row_new:
        ordered.extend(new_groups.pop(0))
    for n in range(max(len(old_groups), len(new_groups))):
        if n < len(old_groups):
            ordered.extend(old_groups[n])
        if n < len(new_groups):
            ordered.extend(new_groups[n])
    return ordered


def _groups(items, side) -> list[list]:
    groups: list[list] = []
    for item in items:
        if groups and groups[-1][0][side] == item[side]:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _add_empty_blocks(rows, n_old, n_new) -> None:
    """Blocks without words (empty items) own no word, so give them a row of
    their own after the row before them."""
    for side, count in ((0, n_old), (1, n_new)):
        present = {r[side] for r in rows if r[side] is not None}
        for index in range(count):
            if index in present:
                continue
            at = next((n for n, r in enumerate(rows) if r[side] is not None and r[side] > index), len(rows))
            row = [None, None, []]
            row[side] = index
            rows.insert(at, row)


def _group(items) -> tuple[WordOp, ...]:
    """Consecutive (op, old word, new word) items with the same op as one WordOp."""
    ops: list[WordOp] = []
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or items[end][0] != items[start][0]:
            run = items[start:end]
            ops.append(WordOp(run[0][0], tuple(o for _, o, _ in run if o is not None),
                              tuple(n for _, _, n in run if n is not None)))
            start = end
    return tuple(ops)

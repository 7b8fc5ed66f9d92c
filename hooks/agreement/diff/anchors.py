"""Finding a commented paragraph again after the draft changed.

Paragraph anchors are positional (`malgrupper-3` is the third paragraph of
its section), and editors may revise a draft while comments arrive. Each
comment keeps the paragraph's text as it was; the paragraph is found again
with the diff engine's own block alignment (`agreement.diff.blocks`): the old
paragraph against the blocks of its section (or of the whole text when the
section is gone), identical blocks first, else word by word."""
from __future__ import annotations

from dataclasses import dataclass

from agreement.diff.blocks import EQUAL, Tokens, align_blocks, word_key, words_of
from agreement.model.revision import Block, Revision

SAME, CHANGED, REMOVED = "same", "changed", "removed"
MIN_SHARED = 0.5  # share of the old paragraph's words a changed paragraph still has


@dataclass(frozen=True)
class Located:
    state: str  # same, changed or removed
    anchor: str | None  # where the paragraph stands now (None when removed)


def _tokens(blocks, vocabulary: dict) -> list[Tokens]:
    out = []
    for block in blocks:
        words = words_of(block.text)
        out.append(Tokens(words, tuple(vocabulary.setdefault(word_key(w), len(vocabulary)) for w in words)))
    return out


def section_of(anchor: str) -> str:
    return anchor.rsplit("-", 1)[0]


def locate(revision: Revision, anchor: str, text: str) -> Located:
    """Where the paragraph that read `text` at `anchor` stands in `revision` now."""
    blocks = {b.anchor: b for s in revision.sections for b in s.blocks}
    if not text.strip():
        return Located(SAME, anchor) if anchor in blocks else Located(REMOVED, None)
    section = revision.section(section_of(anchor))
    candidates = section.blocks if section is not None else tuple(blocks.values())
    old = Block(anchor, "p", text, 0)
    vocabulary: dict = {}
    old_tokens, new_tokens = _tokens([old], vocabulary), _tokens(candidates, vocabulary)
    block_ids: dict = {}
    old_keys = [block_ids.setdefault(t.keys, len(block_ids)) for t in old_tokens]
    new_keys = [block_ids.setdefault(t.keys, len(block_ids)) for t in new_tokens]
    rows = align_blocks((old,), tuple(candidates), old_tokens, new_tokens, old_keys, new_keys)
    best, best_shared = None, 0
    for row in rows:
        if row.old is None or row.new is None:
            continue
        if row.change == "unchanged":
            return Located(SAME, row.new.anchor)
        shared = sum(len(op.old) for op in row.ops if op.op == EQUAL)
        if shared > best_shared:
            best, best_shared = row.new, shared
    if best is None or best_shared < MIN_SHARED * len(old_tokens[0].words):
        return Located(REMOVED, None)
    return Located(CHANGED, best.anchor)

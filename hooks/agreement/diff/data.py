"""Where diffs live on the site and how they are published as open data
(`jamfor/<old>--<new>/index.json`, described by `schemas/diff.schema.json`)."""
from __future__ import annotations

import json

from agreement import urls
from agreement.diff.engine import DELETE, EQUAL, INSERT, RevisionDiff, SectionDiff, WordOp
from agreement.model.revision import Revision, Section

FORMAT_VERSION = 1


def section_anchor(section: Section) -> str:
    """The id a revision page gives a section: its heading's id, or for the
    text before the first heading (no heading) its first paragraph's anchor."""
    if section.heading or not section.blocks:
        return section.id
    return section.blocks[0].anchor


def op_to_json(op: WordOp) -> dict:
    out = {"op": op.op, "words": list(op.words)}
    if op.op == EQUAL and op.old != op.new:
        out["old_words"] = list(op.old)  # same words by key, spelled differently
    return out


def _side(revision: Revision) -> dict:
    return {"id": revision.id, "label": revision.label, "text": revision.text, "url": revision.url()}


def section_to_json(section: SectionDiff) -> dict:
    return {
        "id": section.id,
        "change": section.change,
        "moved": section.moved,
        "old_heading": section.old.heading if section.old else None,
        "new_heading": section.new.heading if section.new else None,
        "old_level": section.old.level if section.old else None,
        "new_level": section.new.level if section.new else None,
        "heading_ops": [op_to_json(o) for o in section.heading_change] if section.heading_change else None,
        "blocks": [{
            "old_anchor": b.old.anchor if b.old else None,
            "new_anchor": b.new.anchor if b.new else None,
            "change": b.change,
            "ops": [op_to_json(o) for o in b.ops],
        } for b in section.blocks],
    }


def diff_to_json(diff: RevisionDiff) -> dict:
    s = diff.summary
    return {
        "format_version": FORMAT_VERSION,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "comparable": diff.comparable,
        "summary": {
            "sections": {"added": s.added, "removed": s.removed, "changed": s.changed,
                         "unchanged": s.unchanged, "moved": s.moved, "unknown": s.unknown},
            "words_added": s.words_added,
            "words_removed": s.words_removed,
        },
        "sections": [section_to_json(sec) for sec in diff.sections],
    }


def diff_json_text(diff: RevisionDiff) -> str:
    return json.dumps(diff_to_json(diff), ensure_ascii=False, separators=(",", ":")) + "\n"


def side_words(ops: tuple[WordOp, ...], side: str) -> list[str]:
    """The words of one side (`old` or `new`) that a list of ops rebuilds."""
    skip = INSERT if side == "old" else DELETE
    out: list[str] = []
    for op in ops:
        if op.op != skip:
            out.extend(op.old if side == "old" else op.new)
    return out

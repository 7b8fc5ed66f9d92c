"""Diffs of many pairs, fast: each pair's diff is cached on disk under a hash
of what the engine reads of both revisions, and the pairs the cache lacks are
compared in parallel on the machine's cores when there are enough of them to
pay for starting the workers.

A diff is stored as plain tuples that name sections by id and blocks by
position (`encode`); `decode` binds them again to this build's revisions, so a
cached diff refers to the same objects as a fresh one."""
from __future__ import annotations

import pickle
from dataclasses import astuple
from typing import NamedTuple, Sequence

from agreement.diff.blocks import BlockDiff, WordOp
from agreement.build import processes
from agreement.build.cache import Cache, digest
from agreement.diff.engine import Differ, RevisionDiff, SectionDiff, Summary
from agreement.model.revision import Revision

# Below this many uncached pairs one process is faster than starting workers.
PARALLEL_FROM = 12


def diff_input(revision: Revision) -> str:
    """What the engine reads of a revision: whether it has the whole text, and
    its sections (ids, levels, headings, blocks)."""
    return repr((revision.text, revision.sections))


def pair_key(version: str, old: Revision, new: Revision, inputs: dict[str, str] | None = None) -> str:
    inputs = inputs if inputs is not None else {}
    for r in (old, new):
        if r.id not in inputs:
            inputs[r.id] = digest(diff_input(r))
    return digest("diff", version, inputs[old.id], inputs[new.id])


def _ops(ops) -> tuple:
    return tuple((o.op, o.old, o.new) for o in ops) if ops is not None else None


def _position(blocks: tuple, block) -> int:
    for n, candidate in enumerate(blocks):
        if candidate is block:
            return n
    return blocks.index(block)


def encode(diff: RevisionDiff) -> bytes:
    sections = []
    for s in diff.sections:
        rows = tuple((None if b.old is None else _position(s.old.blocks, b.old),
                      None if b.new is None else _position(s.new.blocks, b.new),
                      _ops(b.ops)) for b in s.blocks)
        sections.append((s.id, s.change, s.moved, s.old is not None, s.new is not None,
                         _ops(s.heading_change), rows))
    return pickle.dumps((diff.comparable, astuple(diff.summary), tuple(sections)),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _word_ops(ops) -> tuple[WordOp, ...] | None:
    return tuple(WordOp(*o) for o in ops) if ops is not None else None


def decode(data: bytes, old: Revision, new: Revision) -> RevisionDiff:
    comparable, summary, encoded = pickle.loads(data)
    old_by_id = {s.id: s for s in old.sections}
    new_by_id = {s.id: s for s in new.sections}
    sections = []
    for sid, change, moved, has_old, has_new, heading, rows in encoded:
        old_sec = old_by_id[sid] if has_old else None
        new_sec = new_by_id[sid] if has_new else None
        blocks = tuple(BlockDiff(None if i is None else old_sec.blocks[i],
                                 None if j is None else new_sec.blocks[j],
                                 _word_ops(ops)) for i, j, ops in rows)
        sections.append(SectionDiff(sid, change, moved, old_sec, new_sec, _word_ops(heading), blocks))
    return RevisionDiff(old, new, comparable, tuple(sections), Summary(*summary))


# Each worker gets the revisions once when it starts (workers start clean, see
# agreement.build.processes) and keeps one Differ, so each revision is
# tokenised once per worker however many of its pairs it gets.
_worker_revisions: dict[str, Revision] = {}
_worker_differ: Differ | None = None


def _start_worker(revisions: dict[str, Revision]) -> None:
    global _worker_revisions, _worker_differ
    _worker_revisions, _worker_differ = revisions, Differ()


def _diff_in_worker(pair: tuple[str, str]) -> bytes:
    return encode(_worker_differ.diff(_worker_revisions[pair[0]], _worker_revisions[pair[1]]))


def _workers(pending: int) -> int:
    cores = processes.cores()
    if pending < PARALLEL_FROM or cores < 2:
        return 1
    return min(cores, pending // (PARALLEL_FROM // 2))


class Diffs(NamedTuple):
    diffs: list[RevisionDiff]  # one per pair, in order
    from_cache: int  # how many diffs the cache had


def diff_pairs(pairs: Sequence[tuple[Revision, Revision]], cache: Cache | None, version: str) -> Diffs:
    """The diff of every pair; `version` is the hash of the code (a new engine
    invalidates every cached diff)."""
    inputs: dict[str, str] = {}
    keys = [pair_key(version, old, new, inputs) for old, new in pairs]
    results: list[RevisionDiff | None] = [None] * len(pairs)
    for n, ((old, new), key) in enumerate(zip(pairs, keys)):
        data = cache.get(key) if cache is not None else None
        if data is not None:
            results[n] = decode(data, old, new)
    from_cache = sum(r is not None for r in results)
    pending = [n for n, r in enumerate(results) if r is None]
    workers = _workers(len(pending))
    if workers > 1:
        revisions = {r.id: r for n in pending for r in pairs[n]}
        with processes.importable():
            pool = processes.context().Pool(workers, _start_worker, (revisions,))
        with pool:
            chunk = max(1, len(pending) // (workers * 4))
            encoded = pool.map(_diff_in_worker, [(pairs[n][0].id, pairs[n][1].id) for n in pending], chunk)
        for n, data in zip(pending, encoded):
            results[n] = decode(data, *pairs[n])
            if cache is not None:
                cache.put(keys[n], data)
    else:
        differ = Differ()  # tokenises each revision once for all its pairs
        for n in pending:
            diff = differ.diff(*pairs[n])
            results[n] = diff
            if cache is not None:
                cache.put(keys[n], encode(diff))
    return Diffs(results, from_cache)

"""Diffs of many pairs, fast: each pair's diff is cached on disk under a hash
of what the engine reads of both revisions, and the pairs the cache lacks are
compared in parallel on the machine's cores when there are enough of them to
pay for starting the workers; what is made of each diff is made there too
(`map_pairs`).

A diff is stored as plain tuples that name sections by id and blocks by
position (`encode`); `decode` binds them again to this build's revisions, so a
cached diff refers to the same objects as a fresh one."""
from __future__ import annotations

import pickle
from dataclasses import astuple
from pathlib import Path
from typing import Any, Callable, NamedTuple, Sequence

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
_worker: dict = {}


def _start_worker(revisions: dict[str, Revision], cache_folder: str | None) -> None:
    _worker.update(revisions=revisions, differ=Differ(),
                   cache=Cache(Path(cache_folder)) if cache_folder is not None else None)


def _diff_in_worker(job: tuple):
    old_id, new_id, key, function, extra = job
    revisions = _worker["revisions"]
    return _apply(revisions[old_id], revisions[new_id], key, _worker["cache"], _worker["differ"], function, extra)


def _apply(old: Revision, new: Revision, key: str, cache: Cache | None, differ: Differ,
           function: Callable, extra):
    """`function(diff, extra)`; a diff computed here is stored in the cache."""
    data = cache.get(key) if cache is not None else None
    if data is not None:
        return function(decode(data, old, new), extra)
    diff = differ.diff(old, new)
    if cache is not None:
        cache.put(key, encode(diff))
    return function(diff, extra)


def _workers(pending: int) -> int:
    cores = processes.cores()
    if pending < PARALLEL_FROM or cores < 2:
        return 1
    return min(cores, pending // (PARALLEL_FROM // 2))


class PairResults(NamedTuple):
    results: list  # one per pair, in order
    from_cache: int  # how many diffs the cache had when the call began


def map_pairs(pairs: Sequence[tuple[Revision, Revision]], cache: Cache | None, version: str,
              function: Callable[[RevisionDiff, Any], Any], extras: Sequence | None = None) -> PairResults:
    """`function(diff, extra)` for every pair (older first) and its extra,
    run where the diff is: read from the cache, or computed and stored in it.
    With enough uncached pairs, in worker processes on the machine's cores, so
    what is made of each diff (its open data, its page's sections) is made in
    parallel too and only the results come back. `function` must be a
    module-level function of this package, and extras and results picklable;
    `version` is the hash of the code (a new engine invalidates every diff)."""
    extras = list(extras) if extras is not None else [None] * len(pairs)
    inputs: dict[str, str] = {}
    keys = [pair_key(version, old, new, inputs) for old, new in pairs]
    from_cache = sum(1 for key in keys if cache is not None and cache.has(key))
    workers = _workers(len(keys) - from_cache)
    if workers == 1:
        differ = Differ()  # tokenises each revision once for all its pairs
        done = [_apply(old, new, key, cache, differ, function, extra)
                for (old, new), key, extra in zip(pairs, keys, extras)]
    else:
        revisions = {r.id: r for pair in pairs for r in pair}
        folder = str(cache.folder) if cache is not None else None
        with processes.importable():
            pool = processes.context().Pool(workers, _start_worker, (revisions, folder))
        with pool:
            chunk = max(1, len(pairs) // (workers * 4))
            done = pool.map(_diff_in_worker, [(old.id, new.id, key, function, extra)
                                              for (old, new), key, extra in zip(pairs, keys, extras)], chunk)
        if cache is not None:
            cache.keep(keys)  # the workers read and wrote them
    return PairResults(done, from_cache)


def _returned(diff: RevisionDiff, _extra) -> RevisionDiff | bytes:
    """The diff as it is in this process; from a worker encoded, to be bound
    again to this process's revisions (`decode`)."""
    return encode(diff) if _worker else diff


def diff_pairs(pairs: Sequence[tuple[Revision, Revision]], cache: Cache | None, version: str) -> PairResults:
    """The diff of every pair, bound to these revisions."""
    made = map_pairs(pairs, cache, version, _returned)
    diffs = [decode(result, old, new) if isinstance(result, bytes) else result
             for result, (old, new) in zip(made.results, pairs)]
    return PairResults(diffs, made.from_cache)

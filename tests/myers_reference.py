"""The diff engine's Myers implementation before it was made faster (commit
26389e7, hooks/agreement/diff/myers.py), kept verbatim as the oracle that
tests/test_diff_speed.py holds the faster one to: same pairs, not just as many.

Shortest edit script between two sequences of hashable items (Myers 1986).

The diff engine compares interned token ids, so the items here are small ints;
equality is all this module needs. `matching_pairs` returns the index pairs of
a longest common subsequence, which is a shortest edit script (fewest inserted
plus deleted items). Unlike `difflib.SequenceMatcher` nothing is treated as
junk, so frequent words ("och", "att") still align."""
from __future__ import annotations

import bisect
from typing import Sequence

# Beyond this many edits in one stretch the O(ND) search stops paying for
# itself; the stretch is then split at its rarest shared items (see `_split`).
MAX_EDITS = 1000


def matching_pairs(a: Sequence, b: Sequence) -> list[tuple[int, int]]:
    """Index pairs (i, j) with a[i] == b[j], strictly increasing in both."""
    pairs: list[tuple[int, int]] = []
    _diff(a, 0, len(a), b, 0, len(b), pairs)
    return pairs


def edit_distance(a: Sequence, b: Sequence) -> int:
    """Number of inserted plus deleted items in a shortest edit script."""
    return len(a) + len(b) - 2 * len(matching_pairs(a, b))


def _diff(a, a_lo, a_hi, b, b_lo, b_hi, out) -> None:
    # Common prefix and suffix cost nothing and are the usual case.
    while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
        out.append((a_lo, b_lo))
        a_lo += 1
        b_lo += 1
    suffix = []
    while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
        a_hi -= 1
        b_hi -= 1
        suffix.append((a_hi, b_hi))
    if a_lo < a_hi and b_lo < b_hi:
        middle = _myers(a, a_lo, a_hi, b, b_lo, b_hi)
        if middle is None:
            middle = _split(a, a_lo, a_hi, b, b_lo, b_hi)
        out.extend(middle)
    out.extend(reversed(suffix))


def _myers(a, a_lo, a_hi, b, b_lo, b_hi) -> list[tuple[int, int]] | None:
    """Greedy forward search over diagonals, keeping one V array per edit count
    for the backtrack. None when more than MAX_EDITS edits are needed."""
    n, m = a_hi - a_lo, b_hi - b_lo
    limit = min(n + m, MAX_EDITS)
    offset = limit + 1
    v = [0] * (2 * limit + 3)
    trace = []
    for d in range(limit + 1):
        trace.append(v[offset - d:offset + d + 2].copy() if d else v.copy())
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[a_lo + x] == b[b_lo + y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, d, offset, n, m, a_lo, b_lo)
    return None


def _backtrack(trace, d_end, offset, n, m, a_lo, b_lo) -> list[tuple[int, int]]:
    pairs = []
    x, y = n, m
    for d in range(d_end, 0, -1):
        snapshot = trace[d]  # V after d-1 edits, covering k in [-d, d+1]
        base = d  # index of k = 0 in the snapshot slice
        k = x - y
        if k == -d or (k != d and snapshot[base + k - 1] < snapshot[base + k + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = snapshot[base + prev_k]
        prev_y = prev_x - prev_k
        start_x = prev_x if prev_k == k + 1 else prev_x + 1
        while x > start_x:
            x -= 1
            y -= 1
            pairs.append((a_lo + x, b_lo + y))
        x, y = prev_x, prev_y
    while x > 0 and y > 0:
        x -= 1
        y -= 1
        pairs.append((a_lo + x, b_lo + y))
    pairs.reverse()
    return pairs


def _split(a, a_lo, a_hi, b, b_lo, b_hi) -> list[tuple[int, int]]:
    """Very different stretches: anchor on items that occur once on each side
    (patience diff), then diff between the anchors. With no such item the
    stretch is one replacement."""
    counts_a: dict = {}
    for i in range(a_lo, a_hi):
        counts_a[a[i]] = counts_a.get(a[i], 0) + 1
    counts_b: dict = {}
    for j in range(b_lo, b_hi):
        counts_b[b[j]] = counts_b.get(b[j], 0) + 1
    where_b = {b[j]: j for j in range(b_lo, b_hi) if counts_b[b[j]] == 1}
    candidates = [(i, where_b[a[i]]) for i in range(a_lo, a_hi)
                  if counts_a[a[i]] == 1 and a[i] in where_b]
    anchors = longest_increasing(candidates)
    if not anchors:
        return []
    out: list[tuple[int, int]] = []
    prev_i, prev_j = a_lo, b_lo
    for i, j in anchors:
        _diff(a, prev_i, i, b, prev_j, j, out)
        out.append((i, j))
        prev_i, prev_j = i + 1, j + 1
    _diff(a, prev_i, a_hi, b, prev_j, b_hi, out)
    return out


def longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (in their order) whose second items increase;
    the first such run found on ties, so the result is deterministic."""
    tails: list[int] = []  # smallest second item ending a run of each length
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for index, (_, value) in enumerate(pairs):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[pos] = value
            tail_index[pos] = index
        parent[index] = tail_index[pos - 1] if pos else -1
    run = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        run.append(pairs[index])
        index = parent[index]
    run.reverse()
    return run

"""Shortest edit script between two sequences of hashable items (Myers 1986).

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
# From this many items in a stretch (both sides) the search runs compiled
# (`myers_kernel`, the same steps): below it a search takes at most a few
# milliseconds here, less than importing Numba.
KERNEL_FROM = 100


def matching_pairs(a: Sequence, b: Sequence) -> list[tuple[int, int]]:
    """Index pairs (i, j) with a[i] == b[j], strictly increasing in both."""
    pairs: list[tuple[int, int]] = []
    _diff(a, 0, len(a), b, 0, len(b), pairs)
    return pairs


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
    if n + m >= KERNEL_FROM:
        return _myers_compiled(a, a_lo, a_hi, b, b_lo, b_hi, limit)
    offset = limit + 1
    v = [0] * (2 * limit + 3)
    trace = []
    # Each stretch as a string of one character per item: a snake (a run of
    # equal items) is then measured by comparing slices in C, not item by item.
    sa, sb = _as_texts(a, a_lo, a_hi, b, b_lo, b_hi)
    for d in range(limit + 1):
        trace.append(v[offset - d:offset + d + 2] if d else v.copy())
        first, last = offset - d, offset + d  # diagonals k = -d .. d as indices of v
        for index in range(first, last + 1, 2):
            if index == first or (index != last and v[index - 1] < v[index + 1]):
                x = v[index + 1]
            else:
                x = v[index - 1] + 1
            y = x - index + offset
            if x < n and y < m and sa[x] == sb[y]:
                run = _snake(sa, x, sb, y, min(n - x, m - y))
                x += run
                y += run
            v[index] = x
            if x >= n and y >= m:
                return _backtrack(trace, d, offset, n, m, a_lo, b_lo)
    return None


def _myers_compiled(a, a_lo, a_hi, b, b_lo, b_hi, limit) -> list[tuple[int, int]] | None:
    import numpy as np

    from agreement.diff.myers_kernel import shortest_edit

    part_a, part_b = _as_ints(a[a_lo:a_hi], b[b_lo:b_hi])
    pairs, found = shortest_edit(np.array(part_a, np.int64), np.array(part_b, np.int64), limit)
    if not found:
        return None
    return [(a_lo + i, b_lo + j) for i, j in pairs.tolist()]


def _as_ints(part_a, part_b) -> tuple:
    """Both stretches as ints: as they are when every item is an int (the
    interned ids the engine passes), else each distinct item numbered."""
    if all(type(item) is int for part in (part_a, part_b) for item in part):
        return part_a, part_b
    numbers: dict = {}
    return ([numbers.setdefault(item, len(numbers)) for item in part_a],
            [numbers.setdefault(item, len(numbers)) for item in part_b])


def _as_texts(a, a_lo, a_hi, b, b_lo, b_hi) -> tuple:
    """Both stretches as strings of one character per item when every item is
    a non-negative int (the interned ids the engine passes), else both as lists
    (slices compare the same way). Never one of each: a character never equals
    an int."""
    part_a, part_b = a[a_lo:a_hi], b[b_lo:b_hi]
    try:
        return "".join(map(chr, part_a)), "".join(map(chr, part_b))
    except (TypeError, ValueError, OverflowError):
        return list(part_a), list(part_b)


def _snake(sa, x: int, sb, y: int, most: int) -> int:
    """Length of the common run of sa[x:] and sb[y:] (at most `most`), known to
    be at least 1: doubling steps, then a binary search, each a C comparison."""
    good, step = 1, 1
    while good < most:
        probe = min(good + step, most)
        if sa[x + good:x + probe] != sb[y + good:y + probe]:
            most = probe - 1  # the run ends before `probe`
            break
        good, step = probe, step * 2
    while good < most:
        mid = (good + most + 1) // 2
        if sa[x + good:x + mid] == sb[y + good:y + mid]:
            good = mid
        else:
            most = mid - 1
    return good


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

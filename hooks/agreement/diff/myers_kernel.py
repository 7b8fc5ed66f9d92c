"""The inner loop of Myers' greedy search (`myers.py`), compiled with Numba.

A diff of two distant revisions spends almost all its time in this loop (one
pass over the diagonals per edit); as Python bytecode it made a 50-revision
build spend half a minute diffing. This is the same algorithm, step for step:
the same diagonal chosen on ties and the same backtrack, so it finds the very
same shortest edit script (tests/test_myers_kernel.py holds it to the Python
version kept in tests/myers_reference.py).

Imported only when a stretch is worth comparing here (`myers.KERNEL_FROM`):
Numba costs a quarter of a second to import, and its compiled code is cached
beside this file (`cache=True`), so a process compiles it at most once."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def shortest_edit(a, b, limit):
    """Index pairs of a longest common subsequence of the int arrays `a` and
    `b`, as an (n, 2) array in increasing order, and True; or an empty array
    and False when more than `limit` edits are needed."""
    n, m = a.shape[0], b.shape[0]
    offset = limit + 1
    v = np.zeros(2 * limit + 3, np.int64)
    # The V of every step for the backtrack: before step d, v[offset-d .. offset+d+1]
    # (2d+2 entries, diagonals k = -d .. d+1) from position d*(d+1).
    capacity = 64
    trace = np.empty(capacity * (capacity + 1), np.int64)
    d_end = -1
    for d in range(limit + 1):
        start = d * (d + 1)
        if start + 2 * d + 2 > trace.shape[0]:
            capacity *= 2
            grown = np.empty(capacity * (capacity + 1), np.int64)
            grown[:start] = trace[:start]
            trace = grown
        trace[start:start + 2 * d + 2] = v[offset - d:offset + d + 2]
        first, last = offset - d, offset + d
        for index in range(first, last + 1, 2):
            if index == first or (index != last and v[index - 1] < v[index + 1]):
                x = v[index + 1]
            else:
                x = v[index - 1] + 1
            y = x - index + offset
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[index] = x
            if x >= n and y >= m:
                d_end = d
                break
        if d_end >= 0:
            break
    if d_end < 0:
        return np.empty((0, 2), np.int64), False
    pairs = np.empty((min(n, m), 2), np.int64)
    count = 0
    x, y = n, m
    for d in range(d_end, 0, -1):
        base = d * (d + 1) + d  # position of diagonal k = 0 in step d's V
        k = x - y
        if k == -d or (k != d and trace[base + k - 1] < trace[base + k + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = trace[base + prev_k]
        prev_y = prev_x - prev_k
        start_x = prev_x if prev_k == k + 1 else prev_x + 1
        while x > start_x:
            x -= 1
            y -= 1
            pairs[count, 0], pairs[count, 1] = x, y
            count += 1
        x, y = prev_x, prev_y
    while x > 0 and y > 0:
        x -= 1
        y -= 1
        pairs[count, 0], pairs[count, 1] = x, y
        count += 1
    return pairs[:count][::-1], True

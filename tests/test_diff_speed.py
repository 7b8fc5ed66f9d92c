"""The faster diff engine gives the same answers as the one before it, and a
Differ kept across many rebuilds stays bounded.

The oracles are the previous implementations, kept verbatim beside the tests
(myers_reference.py, blocks_reference.py): the same matching pairs and the same
rows, not merely edit scripts of the same size. Timings are measured by
scripts/bench.py, never asserted here."""
from dataclasses import replace
from unittest.mock import patch

import pytest
from hypothesis import given, settings, strategies as st

import blocks_reference
import myers_reference
from agreement.diff import blocks, myers
from agreement.diff.engine import Differ
from agreement.sources.revisions import load_revisions
from conftest import ROOT

REAL = load_revisions(ROOT / "docs")

# Each search runs in Python below myers.KERNEL_FROM items and compiled from it:
# the tests of pairs run each way.
SEARCH = {"python": 10**9, "compiled": 0}
search = pytest.mark.parametrize("kernel_from", SEARCH.values(), ids=SEARCH.keys())

# Few distinct items give many equal items and long snakes, many give few.
small_alphabets = st.integers(min_value=1, max_value=12).flatmap(
    lambda size: st.lists(st.integers(min_value=0, max_value=size), max_size=160))


@search
@settings(max_examples=400, deadline=None)
@given(a=small_alphabets, b=small_alphabets)
def test_matching_pairs_are_the_previous_implementations(kernel_from, a, b):
    with patch.object(myers, "KERNEL_FROM", kernel_from):
        assert myers.matching_pairs(a, b) == myers_reference.matching_pairs(a, b)


@search
@settings(max_examples=150, deadline=None)
@given(a=small_alphabets, b=small_alphabets)
def test_same_pairs_when_the_search_gives_up_and_splits(kernel_from, a, b):
    # With few edits allowed, most stretches take the patience split of both.
    with (patch.object(myers, "KERNEL_FROM", kernel_from), patch.object(myers, "MAX_EDITS", 6),
          patch.object(myers_reference, "MAX_EDITS", 6)):
        assert myers.matching_pairs(a, b) == myers_reference.matching_pairs(a, b)


@search
@settings(max_examples=150, deadline=None)
@given(a=st.lists(st.integers(min_value=-3, max_value=3), max_size=80),
       b=st.lists(st.integers(min_value=-3, max_value=3), max_size=80))
def test_negative_items_compare_the_same(kernel_from, a, b):
    with patch.object(myers, "KERNEL_FROM", kernel_from):
        assert myers.matching_pairs(a, b) == myers_reference.matching_pairs(a, b)


@search
@settings(max_examples=150, deadline=None)
@given(a=st.lists(st.text(alphabet="abcé*_ ", max_size=6), max_size=60),
       b=st.lists(st.text(alphabet="abcé*_ ", max_size=6), max_size=60))
def test_items_that_are_not_small_ints_compare_the_same(kernel_from, a, b):
    with patch.object(myers, "KERNEL_FROM", kernel_from):
        assert myers.matching_pairs(a, b) == myers_reference.matching_pairs(a, b)


def test_long_stretches_run_compiled_and_short_ones_in_python(monkeypatch):
    """The dispatch itself: the kernel sees the long stretch and only it."""
    from agreement.diff import myers_kernel

    seen = []
    kernel = myers_kernel.shortest_edit
    monkeypatch.setattr(myers_kernel, "shortest_edit", lambda a, b, limit: seen.append(len(a) + len(b)) or kernel(a, b, limit))
    # First and last items differ, so the whole of both is one stretch.
    long_a = [7] + [n % 3 for n in range(myers.KERNEL_FROM // 2)] + [7]
    long_b = [8] + [n % 4 for n in range(myers.KERNEL_FROM // 2)] + [8]
    assert myers.matching_pairs(long_a, long_b) == myers_reference.matching_pairs(long_a, long_b)
    assert myers.matching_pairs([1, 2, 3], [1, 3, 4]) == [(0, 0), (2, 1)]
    assert seen == [len(long_a) + len(long_b)]


def rows(result) -> list:
    """Rows of either implementation as plain values (their WordOp classes differ)."""
    return [(r.old, r.new, [(o.op, o.old, o.new) for o in r.ops]) for r in result]


texts = st.lists(st.lists(st.sampled_from(["och", "att", "ska", "vård", "**stöd**", "kommun", "region",
                                           "plan", "SIP", "barn"]), max_size=25).map(" ".join),
                 max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_block_rows_are_the_previous_implementations(old_texts, new_texts):
    section = REAL.get("4.0").sections[1]
    old_blocks = tuple(replace(section.blocks[0], text=t, number=n) for n, t in enumerate(old_texts))
    new_blocks = tuple(replace(section.blocks[0], text=t, number=n) for n, t in enumerate(new_texts))
    differ = Differ()
    _, old_tokens, old_keys = differ._section_tokens(replace(section, blocks=old_blocks))
    _, new_tokens, new_keys = differ._section_tokens(replace(section, blocks=new_blocks))
    args = (old_blocks, new_blocks, old_tokens, new_tokens, old_keys, new_keys)
    assert rows(blocks.align_blocks(*args)) == rows(blocks_reference.align_blocks(*args))


def with_new_words(revision, n: int, count: int = 12):
    """The revision with `count` words no earlier rebuild had, in its first paragraph."""
    section = next(s for s in revision.sections if s.blocks)
    first = section.blocks[0]
    words = " ".join(f"ord{n}x{i}" for i in range(count))
    edited = replace(section, blocks=(replace(first, text=f"{first.text} {words}"),) + section.blocks[1:])
    return replace(revision, id=f"{revision.id}-r{n}",
                   sections=tuple(edited if s is section else s for s in revision.sections))


def rebuilds(differ: Differ, count: int) -> list[int]:
    """`count` rebuilds under serve, each with an edited revision; entries after each."""
    base = REAL.in_force
    previous, sizes = base, []
    for n in range(count):
        current = with_new_words(base, n)
        diff = differ.diff(previous, current)
        assert diff == Differ().diff(previous, current)  # a fresh engine agrees after every reset
        sizes.append(differ.entries)
        previous = current
    return sizes


def test_a_differ_stays_bounded_across_200_rebuilds():
    probe = Differ()
    probe.diff(REAL.in_force, with_new_words(REAL.in_force, -1))
    one_pair = probe.entries  # what a single diff of two revisions needs
    bound = one_pair + 300
    sizes = rebuilds(Differ(max_entries=bound), 200)
    assert max(sizes) <= bound + one_pair
    assert any(later < earlier for earlier, later in zip(sizes, sizes[1:])), "the tables started again"
    # Without a bound the same rebuilds pile up words of revisions long gone,
    # far past it: the bounded run above did start again.
    unbounded = rebuilds(Differ(max_entries=None), 200)
    assert unbounded[-1] > bound + one_pair >= max(sizes)

"""Benchmark the diff engine against a word-level difflib baseline.

    python scripts/bench_diff.py [--words 200000] [--seed 7] [--rate 0.01]

Runs both on the same inputs: the real texts (4.0 against 2025's excerpt read
as if it were whole, and 4.0 against a seeded edit of itself) and two synthetic
revisions of --words words grown from 4.0 and edited at random. Prints the
times, the ratio and the size of each edit script (inserted plus deleted words).
Exit code 1 when the engine is not at least 10 times faster on the large pair,
or its edit script is larger than the baseline's."""
from __future__ import annotations

import argparse
import difflib
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

import synthetic  # noqa: E402
from agreement.diff.engine import Differ, word_key, words_of  # noqa: E402
from agreement.sources.revisions import load_revisions  # noqa: E402
from agreement.model.revision import Revision  # noqa: E402

REQUIRED_SPEEDUP = 10


def revision_words(revision: Revision) -> list[str]:
    """The whole text as one list of compared words, headings included."""
    words = []
    for section in revision.sections:
        words.extend(word_key(w) for w in words_of(section.heading))
        for block in section.blocks:
            words.extend(word_key(w) for w in words_of(block.text))
    return words


def baseline(old_words: list[str], new_words: list[str]) -> int:
    """difflib on the word lists; returns inserted plus deleted words."""
    matcher = difflib.SequenceMatcher(None, old_words, new_words)
    return sum((i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


@dataclass(frozen=True)
class Case:
    name: str
    old_words: int
    new_words: int
    baseline_s: float
    baseline_size: int  # inserted plus deleted words
    engine_s: float  # cold: tokenising both revisions is part of the time
    engine_warm_s: float  # tokens cached, as for the second pair of a revision in a build
    engine_size: int

    @property
    def ratio(self) -> float:
        return self.baseline_s / self.engine_s if self.engine_s else float("inf")


def measure_case(name: str, old: Revision, new: Revision) -> Case:
    old_words, new_words = revision_words(old), revision_words(new)
    base_size, base_time = timed(baseline, old_words, new_words)
    differ = Differ()
    result, engine_time = timed(differ.diff, old, new)
    _, warm_time = timed(differ.diff, old, new)
    return Case(name, len(old_words), len(new_words), base_time, base_size, engine_time, warm_time,
                result.summary.edit_size)


def run_case(name: str, old: Revision, new: Revision) -> tuple[float, int, int]:
    case = measure_case(name, old, new)
    print(f"{name}\n  words: {case.old_words:,} -> {case.new_words:,}\n"
          f"  baseline difflib: {case.baseline_s:8.3f} s   edit script {case.baseline_size:,} words\n"
          f"  engine (cold):    {case.engine_s:8.3f} s   edit script {case.engine_size:,} words"
          f"   (warm, tokens cached: {case.engine_warm_s:.3f} s)\n"
          f"  ratio baseline/engine: {case.ratio:.1f}x\n")
    return case.ratio, case.baseline_size, case.engine_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=0.01, help="share of words and blocks edited")
    args = parser.parse_args(argv)

    revisions = load_revisions(ROOT / "docs")
    full = [r for r in revisions if r.text == "full"]
    if not full:
        print("no revision with text: full to start from", file=sys.stderr)
        return 1
    seed_text = full[-1]
    for other in revisions:
        if other is not seed_text and other.has_text:
            run_case(f"{seed_text.id} -> {other.id} ({other.text}, compared as if whole)",
                     seed_text, replace(other, text="full"))
    run_case(f"{seed_text.id} -> {seed_text.id} edited (seed {args.seed})",
             seed_text, synthetic.edit(seed_text, args.seed, args.rate))
    big_old = synthetic.grow(seed_text, args.words, args.seed)
    big_new = synthetic.edit(big_old, args.seed + 1, args.rate)
    ratio, base_size, engine_size = run_case(
        f"synthetic {args.words:,} words from {seed_text.id} (seed {args.seed}, rate {args.rate})",
        big_old, big_new)
    ok = ratio >= REQUIRED_SPEEDUP and engine_size <= base_size
    print(f"{'OK' if ok else 'FAIL'}: engine {ratio:.1f}x faster (needs {REQUIRED_SPEEDUP}x), "
          f"edit script {engine_size:,} vs baseline {base_size:,} words")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

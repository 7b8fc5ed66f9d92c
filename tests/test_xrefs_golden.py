"""Golden file of law references: every reference in the seed texts, with the
links the parser must make (tests/fixtures/lawrefs.golden)."""
import datetime as dt
import difflib
import re

from agreement.links.lawrefs import as_markdown, compile_grammar, resolve_text
from agreement.sources.lawtable import load_law_table
from conftest import ROOT

GOLDEN = ROOT / "tests" / "fixtures" / "lawrefs.golden"
SEEDS = ("sources/001_d6d78000e442378d.txt", "sources/002_63c0f393cda00b44.txt")
# Tokens that mark a law reference or a government report in the seed texts.
RE_REFERENCE_TOKEN = re.compile(r"§|\bSFS\s+\d|\bSOU\s*\d|\bDir\.\s*\d|\(\d{4}:\d+\)")


def golden_cases():
    day, cases, pending = None, [], None
    for number, line in enumerate(GOLDEN.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@ "):
            day = dt.date.fromisoformat(line[2:].strip())
        elif line.startswith("< "):
            pending = (number, day, line[2:])
        elif line.startswith("> "):
            assert pending, f"line {number}: expected output without input"
            cases.append((*pending, line[2:]))
            pending = None
    assert pending is None, "an input line has no expected line"
    return cases


def test_golden_law_references():
    table = load_law_table(ROOT)
    grammar = compile_grammar(table)
    failures = []
    for number, day, text, expected in golden_cases():
        got = as_markdown(text, resolve_text(text, grammar, table, day))
        if got != expected:
            diff = "\n".join(difflib.ndiff([expected], [got]))
            failures.append(f"{GOLDEN.name}:{number} ({day}):\n{diff}")
    assert not failures, "\n\n".join(failures)


def test_golden_file_covers_every_reference_in_the_seed_texts():
    inputs = [text for _, _, text, _ in golden_cases()]
    assert len(inputs) >= 25
    uncovered = []
    for seed in SEEDS:
        for number, raw in enumerate((ROOT / seed).read_text(encoding="utf-8").splitlines(), 1):
            line = " ".join(raw.replace("\\(", "(").replace("\\)", ")").split())
            covered = [False] * len(line)
            for text in inputs:
                start = line.find(text)
                while start != -1:
                    covered[start:start + len(text)] = [True] * len(text)
                    start = line.find(text, start + 1)
            for token in RE_REFERENCE_TOKEN.finditer(line):
                if not covered[token.start()]:
                    uncovered.append(f"{seed}:{number}: {line[max(0, token.start() - 40):token.end() + 20]!r}")
    assert not uncovered, "references in the seed texts missing from the golden file:\n" + "\n".join(uncovered)

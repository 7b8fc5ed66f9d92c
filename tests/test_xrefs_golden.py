"""Golden files of law references: every reference in the seed texts
(tests/fixtures/lawrefs.golden) and every rule of the grammar and the resolver
(tests/fixtures/lawrefs-grammar.golden), with the links they must make and the
references they must leave unlinked; and a property: linking only adds links."""
import datetime as dt
import functools
import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement.links.glossary import Glossary
from agreement.links.lawrefs import as_markdown, compile_grammar, parse, resolve_text
from agreement.links.mentions import MentionIndex
from agreement.links.steps import CrossLinks, link_law_references
from agreement.sources.lawtable import load_law_table
from agreement.text.structure import parse_fragment
from conftest import ROOT

GOLDEN = ROOT / "tests" / "fixtures" / "lawrefs.golden"
GRAMMAR_GOLDEN = ROOT / "tests" / "fixtures" / "lawrefs-grammar.golden"
SEEDS = ("sources/001_d6d78000e442378d.txt", "sources/002_63c0f393cda00b44.txt")
# Tokens that mark a law reference or a government report in the seed texts.
RE_REFERENCE_TOKEN = re.compile(r"§|\bSFS\s+\d|\bSOU\s*\d|\bDir\.\s*\d|\(\d{4}:\d+\)")


def golden_cases(path=GOLDEN):
    """(line, day, input, expected, expected unlinked) for each case of a golden file."""
    day, cases, pending = None, [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@ "):
            day = dt.date.fromisoformat(line[2:].strip())
        elif line.startswith("< "):
            pending = (number, day, line[2:])
        elif line.startswith("> "):
            assert pending, f"line {number}: expected output without input"
            cases.append((*pending, line[2:], []))
            pending = None
        elif line.startswith("! "):
            assert cases and pending is None, f"line {number}: an unlinked reference without its case"
            cases[-1][4].append(line[2:])
    assert pending is None, "an input line has no expected line"
    return cases


@pytest.fixture(scope="module")
def table():
    return load_law_table(ROOT)


@pytest.mark.parametrize("path", [GOLDEN, GRAMMAR_GOLDEN], ids=lambda p: p.name)
def test_golden_law_references(path, table):
    grammar = compile_grammar(table)
    failures = []
    for number, day, text, expected, unlinked in golden_cases(path):
        resolutions = resolve_text(text, grammar, table, day)
        got = as_markdown(text, resolutions)
        problems = [f"{r.ref.text}: {r.problem}" for r in resolutions if r.problem]
        if got != expected or problems != unlinked:
            diff = "\n".join(difflib.ndiff([expected, *unlinked], [got, *problems]))
            failures.append(f"{path.name}:{number} ({day}):\n{diff}")
    assert not failures, "\n\n".join(failures)


def test_grammar_golden_file_has_a_case_for_every_form(table):
    cases = golden_cases(GRAMMAR_GOLDEN)
    assert len(cases) >= 150
    grammar = compile_grammar(table)
    forms = {ref.form for _, _, text, _, _ in cases for ref in parse(text, grammar)}
    assert forms == {"provisions_of_statute", "provisions_in_context", "chapter_only", "statute_then_provisions",
                     "statute_then_bracketed", "statute_then_dotted", "statute_only", "sfs_explicit", "report"}
    unlinked = [text for _, _, text, expected, _ in cases if "](" not in expected]
    assert len(unlinked) >= 30  # the negative cases


# Running text as the texts have it: words, numbers, dates and the marks law references use.
PIECES = st.sampled_from(["enligt", "och", "eller", "samma lag", "nämnda lag", "den förstnämnda lagen", "SoL",
                          "LSS", "HSL", "socialtjänstlagen", "socialtjänstlagens", "patientlagen", "kap.", "kap",
                          "§", "§§", "a", "f", "första", "andra", "stycket", "styckena", "punkten", "st.", "p.",
                          "(2017:612)", "(1999:1078)", "lagen", "förordningen", "SFS", "SOU", "Dir.", "2020:47",
                          "2025-06-02", ",", ";", ".", "–", "-", "/", "(", ")", "t.o.m.", "\u00a0", "\n"])
PARAGRAPHS = st.lists(st.one_of(PIECES, st.integers(0, 40).map(str), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=4)), max_size=30).map(" ".join)


@given(PARAGRAPHS)
@settings(max_examples=300, deadline=None)
def test_linking_only_adds_links(text):
    """The linked paragraph, parsed as HTML, has exactly the text it had; every
    link is an a.lawref around a piece of it."""
    table, grammar = _table_and_grammar()
    links = CrossLinks((), MentionIndex(()), table, grammar, Glossary(()), info=lambda message: None)
    root = parse_fragment("<p></p>")
    root[0].text = text
    link_law_references(root, links, dt.date(2021, 1, 1), "test.md")
    assert root.text_content() == text
    assert all(a.get("class") == "lawref" and a.get("href").startswith("https://lagen.nu/") and a.text
               for a in root.iter("a"))


@functools.cache
def _table_and_grammar():
    table = load_law_table(ROOT)
    return table, compile_grammar(table)


def test_golden_file_covers_every_reference_in_the_seed_texts():
    inputs = [text for _, _, text, _, _ in golden_cases()]
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

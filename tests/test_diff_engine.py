"""The diff engine on small fixture revisions, its open data, the word diff
against brute force, and the synthetic revisions the benchmarks use."""
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import synthetic
from agreement.diff.engine import Differ, diff_revisions, moved_ids
from agreement.diff.data import diff_to_json, side_words
from agreement.sources.revisions import load_revisions
from agreement.model.revision import Revision, Section
from agreement.diff import myers
from agreement.diff.myers import matching_pairs
from agreement.text.render import make_renderer
from agreement.text.structure import sections_of_html
from conftest import ROOT

render = make_renderer()
SCHEMA = json.loads((ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))

BASE = """\
Text före rubrikerna.

## Syfte {#syfte}

Syftet är att personer ska få samordnade insatser. Det gäller alla åldrar.

Andra stycket om syftet.

## Målgrupper {#malgrupper}

- Barn och unga
- Vuxna med psykisk funktionsnedsättning

## Ansvar {#ansvar}

Kommunen ansvarar för socialtjänst.

Regionen ansvarar för hälso- och sjukvård.
"""


def revision(revision_id: str, body: str, text: str = "full") -> Revision:
    sections = sections_of_html(render(body)) if text != "none" else ()
    return Revision(id=revision_id, title="T", label=f"Version {revision_id}", status="adopted",
                    text=text, previous=None, source="fixture", path=f"docs/revisioner/{revision_id}/index.md",
                    body=body, sections=sections)


def changes(diff):
    return {s.id: s.change for s in diff.sections}


def ops_of(section):
    return [(o.op, " ".join(o.words)) for b in section.blocks for o in b.ops if o.op != "equal"]


def test_identical_revisions_have_no_changes():
    diff = diff_revisions(revision("a", BASE), revision("b", BASE))
    assert diff.comparable
    assert set(changes(diff).values()) == {"unchanged"}
    assert diff.summary.edit_size == 0 and diff.changed_sections == ()


def test_changed_sentence_marks_exactly_the_changed_words():
    new = BASE.replace("Det gäller alla åldrar.", "Det gäller barn och vuxna.")
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    assert changes(diff) == {"inledning-text": "unchanged", "syfte": "changed",
                             "malgrupper": "unchanged", "ansvar": "unchanged"}
    syfte = diff.sections[1]
    assert ops_of(syfte) == [("delete", "alla åldrar."), ("insert", "barn och vuxna.")]
    assert [b.change for b in syfte.blocks] == ["changed", "unchanged"]
    assert (diff.summary.words_added, diff.summary.words_removed) == (3, 2)


def test_deleted_paragraph_is_one_removed_block():
    new = BASE.replace("Andra stycket om syftet.\n\n", "")
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    syfte = diff.sections[1]
    assert syfte.change == "changed"
    assert [b.change for b in syfte.blocks] == ["unchanged", "removed"]
    assert syfte.blocks[1].old.anchor == "syfte-2" and syfte.blocks[1].new is None
    assert ops_of(syfte) == [("delete", "Andra stycket om syftet.")]
    assert diff.summary.changed == 1


def test_added_and_removed_sections():
    new = BASE.replace("## Ansvar {#ansvar}", "## Uppföljning {#uppfoljning}\n\nFölj upp årligen.\n\n## Ansvar {#ansvar}")
    new = new.replace("## Målgrupper {#malgrupper}\n\n- Barn och unga\n- Vuxna med psykisk funktionsnedsättning\n\n", "")
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    assert changes(diff) == {"inledning-text": "unchanged", "syfte": "unchanged", "malgrupper": "removed",
                             "uppfoljning": "added", "ansvar": "unchanged"}
    assert [s.id for s in diff.sections] == ["inledning-text", "syfte", "malgrupper", "uppfoljning", "ansvar"]
    added = diff.sections[3]
    assert added.old is None and added.heading_change[0].new == ("Uppföljning",)
    assert (diff.summary.added, diff.summary.removed) == (1, 1)
    assert diff.summary.words_added == 4  # heading + "Följ upp årligen."


def test_moved_section_is_moved_not_changed():
    parts = BASE.split("## ")
    new = parts[0] + "## " + parts[3].rstrip() + "\n\n## " + parts[1] + "## " + parts[2]
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    assert changes(diff)["ansvar"] == "moved"
    assert [s.id for s in diff.sections if s.moved] == ["ansvar"]
    assert diff.summary.moved == 1 and diff.summary.edit_size == 0


def test_moved_and_changed_section_is_changed_and_moved():
    parts = BASE.split("## ")
    moved = parts[3].replace("socialtjänst", "socialtjänsten")
    diff = diff_revisions(revision("a", BASE), revision("b", parts[0] + "## " + moved + "\n## " + parts[1] + "## " + parts[2]))
    ansvar = next(s for s in diff.sections if s.id == "ansvar")
    assert (ansvar.change, ansvar.moved) == ("changed", True)


def test_moved_set_is_minimal():
    def rev(ids):
        return revision("x", "\n\n".join(f"## {i.upper()} {{#{i}}}\n\nText {i}." for i in ids))
    assert moved_ids(rev("abcde"), rev("bcdea")) == {"a"}
    assert moved_ids(rev("abcde"), rev("eabcd")) == {"e"}
    assert len(moved_ids(rev("abc"), rev("acb"))) == 1
    assert moved_ids(rev("abcd"), rev("abcd")) == set()
    assert moved_ids(rev("abcd"), rev("abd")) == set()  # a removal moves nothing


def test_renamed_heading_is_a_change_of_the_section():
    new = BASE.replace("## Målgrupper {#malgrupper}", "## Målgrupper för överenskommelsen {#malgrupper}")
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    section = next(s for s in diff.sections if s.id == "malgrupper")
    assert section.change == "changed"
    assert [(o.op, o.words) for o in section.heading_change] == [
        ("equal", ("Målgrupper",)), ("insert", ("för", "överenskommelsen"))]
    assert all(b.change == "unchanged" for b in section.blocks)


def test_whitespace_and_markdown_syntax_are_not_changes():
    new = (BASE.replace("Syftet är att", "Syftet   är\natt")
           .replace("- Barn och unga", "* **Barn** och _unga_")
           .replace("Kommunen ansvarar", "*Kommunen* ansvarar"))
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    assert set(changes(diff).values()) == {"unchanged"}
    assert diff.summary.edit_size == 0


def test_split_paragraph_changes_no_words():
    new = BASE.replace("samordnade insatser. Det gäller", "samordnade insatser.\n\nDet gäller")
    diff = diff_revisions(revision("a", BASE), revision("b", new))
    syfte = diff.sections[1]
    assert diff.summary.edit_size == 0
    assert [b.new.anchor for b in syfte.blocks] == ["syfte-1", "syfte-2", "syfte-3"]


def test_excerpt_gives_unknown_never_added_or_removed():
    excerpt = BASE.split("## Ansvar")[0] + "## Nytt {#nytt}\n\nNy text.\n"
    diff = diff_revisions(revision("a", BASE), revision("b", excerpt, text="excerpt"))
    assert not diff.comparable
    assert changes(diff) == {"inledning-text": "unknown", "syfte": "unknown", "malgrupper": "unknown",
                             "ansvar": "unknown", "nytt": "unknown"}
    assert all(s.blocks == () and not s.moved for s in diff.sections)
    assert diff.summary.unknown == 5 and diff.summary.edit_size == 0


def test_two_revisions_without_text_have_nothing_to_compare():
    diff = diff_revisions(revision("a", "", "none"), revision("b", "", "none"))
    assert diff.nothing_to_compare and diff.sections == ()
    one_sided = diff_revisions(revision("a", "", "none"), revision("b", BASE))
    assert not one_sided.nothing_to_compare
    assert {s.change for s in one_sided.sections} == {"unknown"}


def test_each_revision_is_tokenised_once():
    differ = Differ()
    a, b, c = revision("a", BASE), revision("b", BASE.replace("Vuxna", "Äldre")), revision("c", BASE)
    tokens = differ.tokens(a)
    differ.diff(a, b)
    differ.diff(a, c)
    assert differ.tokens(a) is tokens


def test_open_data_follows_the_schema():
    new = BASE.replace("Det gäller alla åldrar.", "Det gäller \\*\\*alla\\*\\*  barn.")
    new = new.replace("## Ansvar", "## Ansvaret")  # literal marks above: same word as "alla"
    for diff in (diff_revisions(revision("a", BASE), revision("b", new)),
                 diff_revisions(revision("a", BASE), revision("b", BASE, "excerpt"))):
        data = diff_to_json(diff)
        jsonschema.validate(data, SCHEMA)
    syfte = diff_to_json(diff_revisions(revision("a", BASE), revision("b", new)))["sections"][1]
    assert syfte["blocks"][0]["ops"][-2:] == [{"op": "delete", "words": ["åldrar."]},
                                               {"op": "insert", "words": ["barn."]}]
    kept = syfte["blocks"][0]["ops"][0]
    assert kept["op"] == "equal" and kept["words"][-1] == "**alla**" and kept["old_words"][-1] == "alla"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=12), st.lists(st.integers(0, 3), max_size=12))
def test_word_diff_is_a_shortest_edit_script(a, b):
    pairs = matching_pairs(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p < q for (p, _), (q, _) in zip(pairs, pairs[1:]))
    assert all(p < q for (_, p), (_, q) in zip(pairs, pairs[1:]))
    assert len(pairs) == lcs_length(a, b)


def lcs_length(a, b) -> int:
    """Longest common subsequence by dynamic programming (the brute force)."""
    row = [0] * (len(b) + 1)
    for i in range(len(a) - 1, -1, -1):
        below, row = row, [0] * (len(b) + 1)
        for j in range(len(b) - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    return row[0]


def is_common_subsequence(pairs, a, b) -> bool:
    return (all(a[i] == b[j] for i, j in pairs)
            and all(p < q and r < t for (p, r), (q, t) in zip(pairs, pairs[1:])))


@pytest.fixture
def splits(monkeypatch):
    """Count the calls of `myers._split`, so a test shows it reached it."""
    calls = []
    split = myers._split
    monkeypatch.setattr(myers, "_split", lambda *args: calls.append(args[2] - args[1]) or split(*args))
    return calls


def test_a_stretch_of_more_than_max_edits_is_split_at_unique_items(splits):
    # A permutation of 800 items: every item occurs once on each side, so the
    # anchors are a longest increasing run, which is a longest common
    # subsequence; about 1,500 edits are far beyond MAX_EDITS.
    import random
    a = list(range(800))
    b = a.copy()
    random.Random(4).shuffle(b)
    pairs = matching_pairs(a, b)
    assert splits, "the search gave up and split the stretch"
    assert is_common_subsequence(pairs, a, b)
    assert len(pairs) == lcs_length(a, b)
    assert 2 * (len(a) - len(pairs)) > myers.MAX_EDITS


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=14), st.lists(st.integers(0, 6), max_size=14))
def test_split_stretches_give_a_common_subsequence(a, b):
    # With MAX_EDITS at 1 every stretch that is not a single change is split.
    # Repeated items make no anchors, so the result may be shorter than the
    # longest common subsequence, never longer, never wrong; with every item
    # once on each side it is a longest one.
    original = myers.MAX_EDITS
    myers.MAX_EDITS = 1
    try:
        pairs = matching_pairs(a, b)
    finally:
        myers.MAX_EDITS = original
    assert is_common_subsequence(pairs, a, b)
    assert len(pairs) <= lcs_length(a, b)
    if len(set(a)) == len(a) and len(set(b)) == len(b):
        assert len(pairs) == lcs_length(a, b)


@pytest.mark.parametrize("a, b, expected", [
    # 9, 1, 2, 7 occur once on each side (3 twice in a). Their places in b,
    # in a's order, are 1 3 2 4; the longest increasing run kept is 1 2 4 (the
    # later, smaller 2 replaces 3): anchors 9, 2, 7, and nothing between them.
    ([9, 1, 2, 7, 3, 3], [4, 9, 2, 1, 7, 5], [(0, 1), (2, 2), (3, 4)]),
    # Nothing occurs once on each side: the whole stretch is one replacement,
    # although 1 and 2 could align.
    ([1, 1, 2, 2], [2, 2, 1, 1], []),
    # Reversed unique items: one anchor (the first of the longest increasing runs).
    ([1, 2, 3, 4], [4, 3, 2, 1], [(3, 0)]),
    # 1 is the only anchor; the repeated 3 3 before it and 4 4 after it are
    # aligned by diffing the stretches between the anchors again.
    ([0, 3, 3, 1, 4, 4, 9], [5, 3, 3, 1, 4, 4, 6], [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]),
    # 2 occurs once in b but twice in a: not an anchor; nothing else is shared.
    ([2, 1, 2], [3, 2, 4], []),
])
def test_split_by_hand(monkeypatch, splits, a, b, expected):
    monkeypatch.setattr(myers, "MAX_EDITS", 2)
    assert matching_pairs(a, b) == expected
    assert splits


@pytest.fixture(scope="module")
def version_4():
    return load_revisions(ROOT / "docs").get("4.0")


def test_synthetic_revisions_are_deterministic_and_valid(version_4):
    assert synthetic.edit(version_4, 3) == synthetic.edit(version_4, 3)
    assert synthetic.edit(version_4, 3) != synthetic.edit(version_4, 4)
    big = synthetic.grow(version_4, 20_000, seed=1)
    assert 20_000 <= synthetic.word_count(big) < 20_000 + 1_000
    ids = [s.id for s in big.sections]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^[a-z][a-z0-9-]*$", i) and not re.search(r"-\d+$", i) for i in ids)
    chain = synthetic.chain(version_4, 4, seed=2)
    assert [r.previous for r in chain] == [None] + [r.id for r in chain[:-1]]


def test_synthetic_revisions_can_be_written_as_sources(version_4, tmp_path):
    chain = synthetic.chain(version_4, 2, seed=5, words=6_000)
    for rev in chain:
        path = tmp_path / "docs" / "revisioner" / rev.id / "index.md"
        path.parent.mkdir(parents=True)
        path.write_text(synthetic.to_markdown(rev), encoding="utf-8")
    loaded = load_revisions(tmp_path / "docs")
    for original, reread in zip(chain, loaded):
        assert [s.id for s in reread.sections] == [s.id for s in original.sections]
        assert diff_revisions(original, replace(reread, id="x")).summary.edit_size == 0


edits = st.lists(st.tuples(st.sampled_from(["replace", "insert", "delete", "drop-block", "split", "move",
                                            "drop-section", "add-section", "rename"]),
                           st.floats(0, 1, exclude_max=True), st.floats(0, 1, exclude_max=True),
                           st.sampled_from(["ny", "och", "regionen", "*kursiv*", "§", "2025"])),
                 max_size=25)


def apply_edits(rev: Revision, edit_list) -> Revision:
    sections = [[s, [b.text.split() for b in s.blocks]] for s in rev.sections]
    for n, (kind, where, place, word) in enumerate(edit_list):
        if kind == "move":
            moving = sections.pop(int(where * len(sections)))
            sections.insert(int(place * (len(sections) + 1)), moving)
            continue
        if kind == "drop-section" and len(sections) > 1:
            sections.pop(int(where * len(sections)))
            continue
        if kind == "add-section":
            added = Section(f"tillagt-{chr(97 + n % 26)}{n}x", 2, f"Nytt {word}", ())
            sections.insert(int(where * (len(sections) + 1)), [added, [[word, "och", "mer"]]])
            continue
        if kind == "rename":
            section = sections[int(where * len(sections))]
            section[0] = replace(section[0], heading=f"{section[0].heading} {word}".strip())
            continue
        section = sections[int(where * len(sections))]
        if not section[1]:
            continue
        index = int(place * len(section[1]))
        words = section[1][index]
        at = int(place * len(words)) if words else 0
        if kind == "drop-block":
            section[1].pop(index)
        elif kind == "split" and len(words) > 1:
            section[1][index:index + 1] = [words[:at or 1], words[at or 1:]]
        elif kind == "insert":
            words.insert(at, word)
        elif words and kind == "replace":
            words[min(at, len(words) - 1)] = word
        elif words and kind == "delete":
            words.pop(min(at, len(words) - 1))
    rebuilt = tuple(synthetic._section(s.id, s.level, s.heading, [" ".join(w) for w in blocks], s.blocks)
                    for s, blocks in sections)
    return replace(rev, id="redigerad", sections=rebuilt)


@settings(max_examples=60, deadline=None)
@given(edits)
def test_kept_and_deleted_words_rebuild_old_and_kept_and_inserted_rebuild_new(version_4, edit_list):
    new = apply_edits(version_4, edit_list)
    diff = diff_revisions(version_4, new)
    by_id = {s.id: s for s in diff.sections}
    for side, rev in (("old", version_4), ("new", new)):
        for section in rev.sections:
            sd = by_id[section.id]
            words = side_words(sd.heading_change, side) if sd.heading_change else section.heading.split()
            assert words == section.heading.split()
            rebuilt = [w for b in sd.blocks for w in side_words(b.ops, side)]
            assert rebuilt == [w for b in section.blocks for w in b.text.split()]
            own = [getattr(b, side) for b in sd.blocks if getattr(b, side) is not None]
            assert [b.anchor for b in dict.fromkeys(own)] == [b.anchor for b in section.blocks]

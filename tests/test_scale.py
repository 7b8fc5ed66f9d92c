"""Scale: the synthetic corpus the build benchmark uses, the build cache and
the parallel diffing, and a real build of a small synthetic corpus. Timings
are measured by scripts/bench.py, never asserted here."""
import filecmp
import shutil
from pathlib import Path

import pytest

import synthetic
from agreement.build.cache import Cache, digest
from agreement.diff.engine import Differ
from agreement.urls import diff_page
from agreement.diff.store import PARALLEL_FROM, decode, diff_pairs, encode, map_pairs
from agreement.sources.revisions import load_revisions
from agreement.model.revision import RevisionSet
from conftest import ROOT, build_project, copy_project


@pytest.fixture(scope="module")
def real():
    return load_revisions(ROOT / "docs")


@pytest.fixture(scope="module")
def corpus(real):
    """The real revisions and six synthetic ones: 36 pairs, enough to go parallel."""
    chain = synthetic.chain(real.in_force, 6, seed=11)
    return RevisionSet(tuple(real.revisions) + tuple(chain))


def test_synthetic_corpus_is_the_same_for_a_seed_and_differs_between_seeds(real):
    first, again, other = (synthetic.chain(real.in_force, 4, seed=s) for s in (7, 7, 8))
    assert first == again
    assert [synthetic.to_markdown(r) for r in first] == [synthetic.to_markdown(r) for r in again]
    assert first[1:] != other[1:]
    assert all(a != b for a, b in zip(first, first[1:])), "each revision edits the one before"


def test_a_diff_survives_encoding_and_refers_to_this_builds_revisions(corpus):
    differ = Differ()
    for old, new in corpus.pairs():
        diff = differ.diff(old, new)
        again = decode(encode(diff), old, new)
        assert again == diff
        assert again.old is old and again.new is new
        for section in again.sections:
            if section.new is not None:
                assert section.new is new.section(section.id)


def test_diffs_come_from_the_cache_when_the_inputs_are_unchanged(corpus, tmp_path):
    pairs = list(corpus.pairs())
    assert len(pairs) >= PARALLEL_FROM  # so the first call diffs in parallel where there are cores
    cache = Cache(tmp_path / "diff")
    cold = diff_pairs(pairs, cache, "v1")
    serial = [Differ().diff(old, new) for old, new in pairs]
    assert cold.results == serial and cold.from_cache == 0
    warm = diff_pairs(pairs, Cache(tmp_path / "diff"), "v1")
    assert warm.results == serial and warm.from_cache == len(pairs)
    other_engine = diff_pairs(pairs, Cache(tmp_path / "diff"), "v2")
    assert other_engine.from_cache == 0, "a new engine version invalidates every cached diff"


def test_a_changed_revision_invalidates_only_its_own_pairs(corpus, tmp_path):
    pairs = list(corpus.pairs())
    diff_pairs(pairs, Cache(tmp_path / "diff"), "v1")
    changed = synthetic.edit(corpus.revisions[-1], seed=99, new_id=corpus.revisions[-1].id)
    edited = [(old, changed if new.id == changed.id else new) for old, new in pairs]
    result = diff_pairs(edited, Cache(tmp_path / "diff"), "v1")
    touched = sum(1 for old, new in pairs if changed.id in (old.id, new.id))
    assert result.from_cache == len(pairs) - touched
    assert result.results == [Differ().diff(old, new) for old, new in edited]


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path):
    cache = Cache(tmp_path / "kind")
    cache.put("a", b"1")
    cache.put("b", b"2")
    again = Cache(tmp_path / "kind")
    assert again.get("a") == b"1" and again.get("missing") is None
    assert again.prune() == 1
    assert sorted(p.name for p in (tmp_path / "kind").iterdir()) == ["a"]
    assert digest("ab", "c") != digest("a", "bc")


def test_a_small_synthetic_corpus_builds_with_every_diff_page_and_the_same_output_warm(real, tmp_path):
    project = copy_project(tmp_path / "project")
    added = synthetic.write_proposals(project / "docs", real, 4, seed=3)
    revisions = load_revisions(project / "docs")
    assert len(revisions) == len(real) + 4
    cold = build_project(project)
    assert cold.returncode == 0, cold.stdout + cold.stderr
    site = project / "site"
    pairs = list(revisions.pairs())
    assert len(pairs) == len(revisions) * (len(revisions) - 1) // 2
    for old, new in pairs:
        for name in ("index.html", "index.json"):
            assert (site / diff_page(old.id, new.id) / name).is_file(), diff_page(old.id, new.id) + name
    for revision in added:
        assert (site / revision.url() / "index.html").is_file()
        assert (site / revision.url() / f"overenskommelse-{revision.id}.pdf").is_file()
    cached = {p.name: p.stat().st_mtime_ns for p in (project / ".cache" / "diff").iterdir()}
    assert len(cached) == len(pairs)
    shutil.copytree(site, tmp_path / "cold-site")

    warm = build_project(project)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (project / ".cache" / "diff").iterdir()} == cached, \
        "a warm build takes every diff from the cache"
    assert "PDF overenskommelse-4.0.pdf: från cache" in warm.stderr
    assert "Sökindex: från cache" in warm.stderr
    differences = _different_files(tmp_path / "cold-site", site)
    assert differences == [], "the cache changes nothing in the output"


def _different_files(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return sorted(set(files_a) ^ set(files_b))
    _, mismatch, errors = filecmp.cmpfiles(a, b, files_a, shallow=False)
    return mismatch + errors


def test_a_rebuild_under_serve_reuses_the_cache_and_renders_the_changed_pdf_in_the_background(tmp_path):
    """scripts/bench.py's serve measurement: the build API as `mkdocs serve`
    calls it, once, then again after one paragraph of a proposal changed."""
    import json
    import subprocess
    import sys

    from pypdf import PdfReader

    project = copy_project(tmp_path / "project")
    assert build_project(project).returncode == 0  # the cache a previous build left
    pdf_cache = project / ".cache" / "pdf"
    before = {p.name for p in pdf_cache.iterdir()}
    diffs_before = {p.name for p in (project / ".cache" / "diff").iterdir()}
    source = project / "docs" / "revisioner" / "2025" / "index.md"
    site, out = tmp_path / "serve-site", tmp_path / "rebuild.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--rebuild-child",
                             str(project / "mkdocs.yml"), str(source), str(site), str(out)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    measured = json.loads(out.read_text(encoding="utf-8"))
    # The rebuild returned before the edited revision's PDF was written (it
    # cleaned site/, and the one background worker builds the search index
    # first, then renders the PDF), and the PDF came afterwards, from the
    # background job, with the edit in it (below).
    assert measured["pdf_when_rebuild_returned"] is False
    assert "PDF overenskommelse-2025.pdf: renderas i bakgrunden" in result.stderr
    assert "PDF overenskommelse-2025.pdf: klart i bakgrunden" in result.stderr
    assert "PDF overenskommelse-4.0.pdf: från cache" in result.stderr
    assert "Sökindex: byggs i bakgrunden" in result.stderr
    assert (site / "pagefind" / "pagefind.js").is_file(), "the index built in the background reached site/"
    text = " ".join((page.extract_text() or "") for page in PdfReader(site / "revisioner" / "2025" /
                                                                      "overenskommelse-2025.pdf").pages)
    assert "ändrad i mätningen" in " ".join(text.split()), "the PDF holds the edited paragraph"
    after = {p.name for p in pdf_cache.iterdir()}
    assert {n for n in after if n.startswith("4.0--")} == {n for n in before if n.startswith("4.0--")}
    assert len(after) == 2 and after != before, "the new 2025 PDF replaced the old one in the cache"
    diffs_after = {p.name for p in (project / ".cache" / "diff").iterdir()}
    assert len(diffs_after - diffs_before) == 2, "only the two pairs with 2025 were compared again"


def test_what_workers_make_of_each_diff_is_what_one_process_makes(corpus, tmp_path):
    """The build's path: each pair's JSON and compared sections are made in
    the workers (36 pairs: parallel where there are cores) and written to the
    cache; only the summary's facts come back."""
    from agreement.diff.data import diff_json_text
    from agreement.outputs.diff_html import DiffSections, PairOutputs, pair_outputs

    pairs = list(corpus.pairs())
    outputs = [PairOutputs(str(tmp_path / "json"), f"{n}.json", str(tmp_path / "sections"), f"{n}.html",
                           "../old/", "../new/") for n in range(len(pairs))]
    made = map_pairs(pairs, Cache(tmp_path / "diff"), "v1", pair_outputs, outputs)
    for (old, new), where, facts in zip(pairs, outputs, made.results):
        diff = Differ().diff(old, new)
        assert (tmp_path / "json" / where.json_key).read_text(encoding="utf-8") == diff_json_text(diff)
        sections = DiffSections(diff, "../old/", "../new/")
        assert (tmp_path / "sections" / where.sections_key).read_text(encoding="utf-8") == sections.sections()
        assert facts.summary == diff.summary and facts.comparable == diff.comparable
        assert [c.id for c in facts.changed] == [s.id for s in diff.changed_sections]
        assert [c.links for c in facts.changed] == [sections.revision_links(s) for s in diff.changed_sections]

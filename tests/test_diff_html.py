"""The compared sections of a diff page, made as strings in Python
(agreement.outputs.diff_html), are byte for byte what the Jinja macros made
before them: the macros are kept verbatim beside the tests
(diff_macros_reference.html) and both render the same diffs, real and
synthetic pairs and pairs made to hold what is rare (markup characters in
words and headings, list items, a heading whose level changed, sections only
one side has, excerpts)."""
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from mkdocs.utils import get_relative_url

import synthetic
from agreement import labels
from agreement.diff.data import section_anchor
from agreement.diff.engine import Differ
from agreement.diff.history import row_anchors
from agreement.model.revision import Block, Revision, Section
from agreement.outputs.diff_html import DiffSections, badges
from agreement.sources.revisions import load_revisions
from agreement.urls import diff_page
from conftest import ROOT

REAL = load_revisions(ROOT / "docs")
REFERENCE = Path(__file__).with_name("diff_macros_reference.html")


def reference_env(page_url: str) -> jinja2.Environment:
    """An environment like the theme's for the old macros: autoescape, the
    globals hooks/diffs.py gave them, and MkDocs' `url` filter on a diff page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REFERENCE.parent)), autoescape=True)
    env.globals.update(labels=labels, change_sv=labels.CHANGE, section_anchor=section_anchor,
                       row_anchors=row_anchors)
    env.filters["url"] = lambda path: get_relative_url(path, page_url)
    return env


def macros_render(diff, what: str) -> str:
    page_url = diff_page(diff.old.id, diff.new.id)
    source = ('{% import "' + REFERENCE.name + '" as dm with context %}'
              '{% for s in diff.sections %}' + what + '{% endfor %}')
    return reference_env(page_url).from_string(source).render(diff=diff)


def python_render(diff, what: str) -> str:
    page_url = diff_page(diff.old.id, diff.new.id)
    view = DiffSections(diff, get_relative_url(diff.old.url(), page_url), get_relative_url(diff.new.url(), page_url))
    if what == "sections":
        return view.sections()
    return "".join(f"{badges(s)}|{view.revision_links(s)}" for s in diff.sections)


def edited_by_hand(base: Revision) -> Revision:
    """A revision with what synthetic edits rarely make: markup characters in
    words and a heading, a list item, a heading one level deeper, a new
    section, one removed and one moved as it was."""
    sections = list(base.sections)
    first = next(n for n, s in enumerate(sections) if s.heading and s.blocks)
    s = sections[first]
    blocks = list(s.blocks)
    blocks[0] = replace(blocks[0], text=blocks[0].text + ' <b>"fet" & \'kursiv\'</b> &amp;')
    blocks.append(Block(anchor=f"{s.id}-p99", kind="li", text="En ny punkt <i>med</i> > och <", number=99))
    sections[first] = replace(s, heading=s.heading + " <&>", level=min(s.level + 1, 6), blocks=tuple(blocks))
    sections.insert(first + 1, Section(id="nytt-avsnitt", level=2, heading='Nytt "avsnitt"',
                                       blocks=(Block("nytt-avsnitt-p1", "p", "Helt ny text.", 1),)))
    del sections[-1]
    sections.insert(0, sections.pop())  # the last section, unchanged, first
    return replace(base, id="handgjord", label="Handgjord <version>", sections=tuple(sections))


def pairs():
    real = list(REAL.revisions)
    chain = synthetic.chain(REAL.in_force, 5, seed=23)
    hand = edited_by_hand(REAL.in_force)
    revisions = real + list(chain)
    found = [(old, new) for n, old in enumerate(revisions) for new in revisions[n + 1:]]
    return found + [(REAL.in_force, hand), (hand, REAL.in_force)]


DIFFER = Differ()
DIFFS = [DIFFER.diff(old, new) for old, new in pairs()]


def test_the_pairs_hold_every_kind_of_section_and_row():
    changes = {s.change for d in DIFFS for s in d.sections}
    assert changes == {"added", "removed", "changed", "unchanged", "moved", "unknown"}
    rows = {r.change for d in DIFFS for s in d.sections for r in s.blocks}
    assert rows == {"added", "removed", "changed", "unchanged"}
    assert any(s.old and s.new and s.old.level != s.new.level for d in DIFFS for s in d.sections)
    assert any(s.moved and s.change != "moved" for d in DIFFS for s in d.sections)
    assert any(s.change == "unknown" and not (s.old and s.new) for d in DIFFS for s in d.sections)


@pytest.mark.parametrize("diff", DIFFS, ids=lambda d: f"{d.old.id}--{d.new.id}")
def test_sections_are_what_the_macros_made(diff):
    assert python_render(diff, "sections") == macros_render(diff, "{{ dm.section(s) }}")


@pytest.mark.parametrize("diff", DIFFS[-2:], ids=lambda d: f"{d.old.id}--{d.new.id}")
def test_summary_badges_and_links_are_what_the_macros_made(diff):
    assert python_render(diff, "summary") == macros_render(diff, "{{ dm.badges(s) }}|{{ dm.revision_links(s) }}")


def test_markup_in_words_and_labels_is_escaped():
    html = python_render(DIFFS[-2], "sections")
    assert "&lt;b&gt;&#34;fet&#34; &amp; &#39;kursiv&#39;&lt;/b&gt; &amp;amp;" in html
    assert "<b>" not in html and "<i>" not in html
    assert "i Handgjord &lt;version&gt;" in html

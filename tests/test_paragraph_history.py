"""Each paragraph's history, in a real build of a copy of the project with two
fixture revisions after the real ones: v1 (superseded, after the excerpt
2025, so compared with 4.0) and v2, with a kept, a changed, a new and a
removed paragraph between them. The real 4.0 has no earlier full text."""
import json

import jsonschema
import pytest

from editors_support import run_script
from conftest import ROOT, build_project, copy_project, read_html, serve_dir
from agreement import labels

SCHEMA = json.loads((ROOT / "schemas" / "revision.schema.json").read_text(encoding="utf-8"))

FRONT = """\
---
revision: "{id}"
title: Överenskommelse (testversion)
label: Testversion {id}
status: {status}
text: full
previous: "{previous}"
source: Testtext skriven för testerna.
---
"""

V1 = """
Inledande stycke som står kvar.

## Syfte {#syfte}

Syftet är att personer ska få samordnade insatser. Det gäller alla åldrar.

Kommunerna rapporterar årligen till regionen.

## Ansvar {#ansvar}

- Kommunen ansvarar för socialtjänst.
- Regionen ansvarar för hälso- och sjukvård.
"""

# inledning-text-1 and both items kept; syfte-1 changed; syfte-2 removed; ansvar-3 new.
V2 = """
Inledande stycke som står kvar.

## Syfte {#syfte}

Syftet är att personer ska få samordnade insatser. Det gäller barn och vuxna.

## Ansvar {#ansvar}

- Kommunen ansvarar för socialtjänst.
- Regionen ansvarar för hälso- och sjukvård.

Brukarorganisationer bjuds in vartannat år.
"""


def write_revision(docs, revision_id, status, previous, body):
    folder = docs / "revisioner" / revision_id
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(FRONT.format(id=revision_id, status=status, previous=previous) + body,
                                     encoding="utf-8")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    write_revision(project / "docs", "v1", "superseded", "2025", V1)
    write_revision(project / "docs", "v2", "proposed", "v1", V2)
    locked = run_script("lock.py", project, "v1")  # a superseded text is frozen, as an editor would
    assert locked.returncode == 0, locked.stderr
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def marks(page, part):
    """anchor -> (data-change, compared with, link or None, words) of one part of the marks."""
    out = {}
    for span in page.cssselect(f".revision-text .paragraph-history__{part}"):
        block = next(a for a in span.iterancestors() if a.tag in ("p", "li"))
        links = span.cssselect("a")
        out[block.get("id")] = (span.get("data-change"), span.get("data-compared-with"),
                                links[0].get("href") if links else None, span.text_content())
    return out


def revision_json(site, revision_id):
    data = json.loads((site / "revisioner" / revision_id / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data, {b["anchor"]: b for s in data["sections"] for b in s["blocks"]}


def test_each_paragraph_says_where_it_came_from(history_site):
    page = read_html(history_site, "revisioner/v2/")
    assert marks(page, "since") == {
        "inledning-text-1": ("unchanged", "v1", None, "Oförändrat sedan Testversion v1"),
        "syfte-1": ("changed", "v1", "../../jamfor/v1--v2/#rad-syfte-1", "Ändrat sedan Testversion v1"),
        "ansvar-1": ("unchanged", "v1", None, "Oförändrat sedan Testversion v1"),
        "ansvar-2": ("unchanged", "v1", None, "Oförändrat sedan Testversion v1"),
        "ansvar-3": ("added", "v1", "../../jamfor/v1--v2/#rad-ansvar-3", "Nytt sedan Testversion v1"),
    }
    assert marks(page, "next") == {}  # v2 is not superseded
    # The mark is not part of the paragraph's text (citations, search, Lyssna skip it).
    syfte = page.get_element_by_id("syfte-1")
    assert syfte.cssselect(".paragraph-history")[0].get("data-generated") == "paragraph-history"
    assert syfte.cssselect(".paragraph-history")[0].get("data-pagefind-ignore") == ""
    note = page.cssselect("#om-versionen .paragraph-history-note")
    assert [n.text_content() for n in note] == [labels.history_since("Testversion v1", [])]


def test_a_superseded_revision_says_where_each_paragraph_went(history_site):
    page = read_html(history_site, "revisioner/v1/")
    assert marks(page, "next") == {
        "inledning-text-1": ("unchanged", "v2", None, "Oförändrat i Testversion v2"),
        "syfte-1": ("changed", "v2", "../../jamfor/v1--v2/#rad-syfte-1", "Ändrat i Testversion v2"),
        "syfte-2": ("removed", "v2", "../../jamfor/v1--v2/#rad-bort-syfte-2", "Borttaget i Testversion v2"),
        "ansvar-1": ("unchanged", "v2", None, "Oförändrat i Testversion v2"),
        "ansvar-2": ("unchanged", "v2", None, "Oförändrat i Testversion v2"),
    }
    # 2025 between them is an excerpt: v1 is compared with 4.0, the nearest full text, and says so.
    since = marks(page, "since")
    assert set(since) == set(marks(page, "next")) and {m[1] for m in since.values()} == {"4.0"}
    assert {m[0] for m in since.values()} <= {"added", "changed"}
    note = page.cssselect("#om-versionen .paragraph-history-note")[0].text_content()
    assert "Version 4.0" in note and "2025" in note and "Testversion v2" in note


def test_every_linked_row_exists_on_the_diff_page(history_site):
    diff = read_html(history_site, "jamfor/v1--v2/")
    rows = {el.get("id"): el for el in diff.cssselect(".diff-row")}
    assert set(rows) == {"rad-inledning-text-1", "rad-syfte-1", "rad-bort-syfte-2", "rad-ansvar-1",
                         "rad-ansvar-2", "rad-ansvar-3"}
    assert "diff-row--changed" in rows["rad-syfte-1"].get("class")
    assert "diff-row--removed" in rows["rad-bort-syfte-2"].get("class")
    assert "diff-row--added" in rows["rad-ansvar-3"].get("class")
    assert rows["rad-ansvar-3"].text_content().strip().endswith("Brukarorganisationer bjuds in vartannat år.")
    # Every mark's link on both revision pages lands on a row of that page.
    for revision_id in ("v1", "v2"):
        page = read_html(history_site, f"revisioner/{revision_id}/")
        for a in page.cssselect(".paragraph-history a"):
            path, anchor = a.get("href").split("#")
            target = read_html(history_site, path.replace("../../", ""))
            assert target.cssselect(f'.diff-row[id="{anchor}"]'), a.get("href")


def test_open_data_carries_the_same_history(history_site):
    data, blocks = revision_json(history_site, "v2")
    assert data["paragraph_history"] == {"compared_with": "v1", "between": [], "next": None}
    base = "jamfor/v1--v2/#"
    history = {anchor: b["history"] for anchor, b in blocks.items()}
    assert {a: h["change"] for a, h in history.items()} == {
        "inledning-text-1": "unchanged", "syfte-1": "changed", "ansvar-1": "unchanged",
        "ansvar-2": "unchanged", "ansvar-3": "added"}
    assert {h["compared_with"] for h in history.values()} == {"v1"}
    assert history["inledning-text-1"]["diff_url"] is None
    assert history["syfte-1"]["diff_url"].endswith(base + "rad-syfte-1")
    assert history["ansvar-3"]["diff_url"].endswith(base + "rad-ansvar-3")
    assert not any("next" in b for b in blocks.values())

    data, blocks = revision_json(history_site, "v1")
    assert data["paragraph_history"] == {"compared_with": "4.0", "between": ["2025"], "next": "v2"}
    assert {a: (b["next"]["change"], b["next"]["diff_url"] and b["next"]["diff_url"].rsplit("#", 1)[1])
            for a, b in blocks.items()} == {
        "inledning-text-1": ("unchanged", None), "syfte-1": ("changed", "rad-syfte-1"),
        "syfte-2": ("removed", "rad-bort-syfte-2"), "ansvar-1": ("unchanged", None),
        "ansvar-2": ("unchanged", None)}


def test_40_says_once_that_no_earlier_revision_has_the_whole_text(history_site):
    page = read_html(history_site, "revisioner/4.0/")
    assert page.cssselect(".paragraph-history") == []
    notes = [n.text_content() for n in page.cssselect(".paragraph-history-note")]
    assert notes == [labels.HISTORY_NONE]
    assert page.text_content().count(labels.HISTORY_NONE) == 1
    data, blocks = revision_json(history_site, "4.0")
    assert data["paragraph_history"] == {"compared_with": None, "between": [], "next": None}
    assert blocks and not any("history" in b or "next" in b for b in blocks.values())
    # 2025 is an excerpt: no marks, one sentence.
    excerpt = read_html(history_site, "revisioner/2025/")
    assert excerpt.cssselect(".paragraph-history") == []
    assert [n.text_content() for n in excerpt.cssselect(".paragraph-history-note")] == [labels.HISTORY_NOT_FULL]
    assert "paragraph_history" not in revision_json(history_site, "2025")[0]


def test_the_history_links_share_their_sections_tab_stop(history_site, browser):
    srv, url = serve_dir(history_site)
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(url + "revisioner/v1/")
        page.wait_for_selector(".revision-text [tabindex='0']")
        # syfte's two paragraphs have two history links each (since 4.0, in v2), and
        # the section's one Tab stop is its heading's link: none of them is a stop.
        links = page.locator("#syfte-1 .paragraph-history a, #syfte-2 .paragraph-history a")
        assert links.count() == 4
        assert {links.nth(n).get_attribute("tabindex") for n in range(4)} == {"-1"}
        first = page.locator("#syfte-1 > a.paragraph-link")
        first.focus()
        first.press("ArrowRight")  # the next control in the section is syfte-1's history link
        assert page.evaluate("document.activeElement.closest('.paragraph-history') !== null")
    finally:
        context.close()
        srv.shutdown()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_marked_pages(history_site, browser, color_scheme):
    """The real site has no marked paragraph yet (tests/test_a11y.py): check these."""
    from axe_playwright_python.sync_playwright import Axe

    srv, url = serve_dir(history_site)
    context = browser.new_context(color_scheme=color_scheme)
    failures = []
    try:
        page = context.new_page()
        for path in ("revisioner/v1/", "revisioner/v2/", "jamfor/v1--v2/"):
            page.goto(url + path, wait_until="load")
            results = Axe().run(page, options={"resultTypes": ["violations"]})
            if results.violations_count:
                failures.append(f"--- {path} ({color_scheme})\n{results.generate_report()}")
    finally:
        context.close()
        srv.shutdown()
    assert not failures, "\n".join(failures)

"""Diff pages in real builds: the real revisions, and fixture revisions in a
temporary copy of the project with one edit of each kind."""
import json

import jsonschema
import pytest

from editors_support import run_script
from conftest import ROOT, build_project, copy_project, read_html

SCHEMA = json.loads((ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))
CHANGES = {"added", "removed", "changed", "unchanged", "moved", "unknown"}


def sections(page):
    return {el.get("data-section"): el for el in page.cssselect(".diff [data-section]")}


def marked(el, tag, view=".diff-inline"):
    """Texts of <ins> or <del> in one view of a section (headings are in both)."""
    found = el.cssselect(f".diff-section__heading {tag}") + el.cssselect(f"{view} {tag}")
    return [x.text_content() for x in found]


# ---------------------------------------------------------------- the real site

def test_real_4_0_to_2025_marks_every_section_unknown(site):
    page = read_html(site, "jamfor/4.0--2025/")
    found = sections(page)
    assert {el.get("data-change") for el in found.values()} == {"unknown"}
    # 2025 is an excerpt: what it lacks is unknown and shown alone, never "removed".
    for section_id in ("syfte", "kommunens-ansvar", "referenslista", "inledning-text"):
        assert found[section_id].get("data-change") == "unknown"
        assert found[section_id].cssselect(".diff-unknown--alone")
    for section_id in ("inledning", "malgrupper", "handlingsplan-psykisk-halsa"):
        assert found[section_id].cssselect(".diff-unknown--both .diff-old p.diff-block")
        assert found[section_id].cssselect(".diff-unknown--both .diff-new p.diff-block")
    assert all(el.get("id") == key for key, el in found.items())
    assert page.cssselect(".diff ins, .diff del") == []
    assert page.cssselect(".diff-unknown-notice")
    assert page.cssselect('dd[data-count="unknown"]')[0].text == str(len(found))


def test_real_diff_pages_exist_for_every_pair_with_valid_open_data(site):
    pairs = ["2014-2016--4.0", "2014-2016--2025", "4.0--2025"]
    picker = read_html(site, "jamfor/")
    hrefs = [a.get("href") for a in picker.cssselect(".diff-pairs a")]
    assert hrefs == [f"{p}/" for p in pairs]
    assert len(picker.cssselect("form[data-diff-picker] select")) == 2
    for pair in pairs:
        page = read_html(site, f"jamfor/{pair}/")
        assert {el.get("data-change") for el in sections(page).values()} <= {"unknown"}
        data = json.loads((site / "jamfor" / pair / "index.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
        assert [s["id"] for s in data["sections"]] == list(sections(page))
    assert not (ROOT / "docs" / "jamfor").exists()
    # Search is Pagefind (hooks/search.py); no diff page is in its index.
    from agreement.outputs.search_index import indexed_urls
    assert indexed_urls(site) and not any("/jamfor/" in url for url in indexed_urls(site))


def test_real_revision_pages_link_to_their_diff(site):
    assert read_html(site, "revisioner/2025/").cssselect(".revision-diff-link a")[0].get("href") \
        == "../../jamfor/4.0--2025/"
    assert read_html(site, "revisioner/4.0/").cssselect(".revision-diff-link a")[0].get("href") \
        == "../../jamfor/2014-2016--4.0/"
    assert read_html(site, "revisioner/2014-2016/").cssselect(".revision-diff-link") == []
    # Neither diff can know what changed, so no section claims a change.
    assert read_html(site, "revisioner/2025/").cssselect(".diff-since") == []


# ------------------------------------------------------------ fixture revisions

FRONT = """\
---
revision: "{id}"
title: Överenskommelse (testversion)
label: Testversion {id}
status: {status}
text: {text}
previous: {previous}
source: Testtext skriven för testerna.
---
"""

V1 = """
Inledande stycke.

## Syfte {#syfte}

Syftet är att personer ska få samordnade insatser. Det gäller alla åldrar.

## Målgrupper {#malgrupper}

Första stycket om målgrupper.

Andra stycket om målgrupper.

## Ansvar {#ansvar}

Kommunen ansvarar för socialtjänst.

## Uppföljning {#uppfoljning}

Parterna följer upp överenskommelsen.

## Spridning {#spridning}

Överenskommelsen ska spridas brett.

## Referenser {#referenser}

Socialstyrelsen 2010.
"""

# One edit of each kind: changed sentence (syfte), deleted paragraph (malgrupper),
# moved section (referenser), added section (samordnad-plan), renamed heading
# (uppfoljning), whitespace and Markdown syntax only (spridning).
V2 = """
Inledande stycke.

## Syfte {#syfte}

Syftet är att personer ska få samordnade insatser. Det gäller barn och vuxna.

## Målgrupper {#malgrupper}

Första stycket om målgrupper.

## Referenser {#referenser}

Socialstyrelsen 2010.

## Ansvar {#ansvar}

Kommunen ansvarar för socialtjänst.

## Samordnad plan {#samordnad-plan}

Text om planen.

## Uppföljning och utvärdering {#uppfoljning}

Parterna följer upp överenskommelsen.

## Spridning {#spridning}

**Överenskommelsen**   ska
spridas _brett_.
"""


def write_revision(docs, revision_id, status, text, previous, body=""):
    folder = docs / "revisioner" / revision_id
    folder.mkdir(parents=True)
    prev = f'"{previous}"' if previous else "null"
    (folder / "index.md").write_text(
        FRONT.format(id=revision_id, status=status, text=text, previous=prev) + body, encoding="utf-8")


def build_fixture_site(base):
    """A copy of the project with revisions v1, v2 (both full) and v3, v4 (no text) after the real ones."""
    project = copy_project(base / "project")
    docs = project / "docs"
    # The fixture revisions continue the real chain, so the real ones (and the
    # related pages that link into them) stay as they are.
    write_revision(docs, "v1", "superseded", "full", "2025", V1)
    write_revision(docs, "v2", "adopted", "full", "v1", V2)
    write_revision(docs, "v3", "proposed", "none", "v2")
    write_revision(docs, "v4", "draft", "none", "v3")
    locked = run_script("lock.py", project, "v1", "v2")  # adopted texts are frozen, as an editor would
    assert locked.returncode == 0, locked.stderr
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory.mktemp("diff-fixture"))


def test_each_edit_shows_exactly_as_it_should(fixture_site):
    page = read_html(fixture_site, "jamfor/v1--v2/")
    found = sections(page)
    assert list(found) == ["inledning-text", "syfte", "malgrupper", "referenser", "ansvar",
                           "samordnad-plan", "uppfoljning", "spridning"]
    assert {k: el.get("data-change") for k, el in found.items()} == {
        "inledning-text": "unchanged", "syfte": "changed", "malgrupper": "changed",
        "referenser": "moved", "ansvar": "unchanged", "samordnad-plan": "added",
        "uppfoljning": "changed", "spridning": "unchanged"}
    assert [k for k, el in found.items() if el.get("data-moved") == "true"] == ["referenser"]
    expected = {  # section: (inserted, deleted), in the inline view
        "syfte": (["barn och vuxna."], ["alla åldrar."]),
        "malgrupper": ([], ["Andra stycket om målgrupper."]),
        "samordnad-plan": (["Samordnad plan", "Text om planen."], []),
        "uppfoljning": (["och utvärdering"], []),
    }
    for section_id, el in found.items():
        assert (marked(el, "ins"), marked(el, "del")) == expected.get(section_id, ([], [])), section_id
    # Side by side: the old column has the deletions, the new one the insertions.
    assert marked(found["syfte"], "del", ".diff-side .diff-old") == ["alla åldrar."]
    assert marked(found["syfte"], "ins", ".diff-side .diff-new") == ["barn och vuxna."]
    assert found["syfte"].cssselect(".diff-side .diff-old ins") == []
    # Every change is preceded by a visually hidden word in the HTML itself.
    for tag, word in (("ins", "Tillagt:"), ("del", "Borttaget:")):
        for el in page.cssselect(f".diff {tag}"):
            hidden = el.getprevious()
            assert hidden is not None and "visually-hidden" in hidden.get("class")
            assert hidden.text.strip() == word
    counts = {dd.get("data-count"): int(dd.text) for dd in page.cssselect(".diff-summary dd")}
    assert counts == {"added": 1, "removed": 0, "changed": 3, "moved": 1, "unknown": 0,
                      "unchanged": 3, "words-added": 10, "words-removed": 6}
    listed = [li.get("data-section") for li in page.cssselect(".diff-summary__sections li")]
    assert listed == ["syfte", "malgrupper", "referenser", "samordnad-plan", "uppfoljning"]
    links = [a.get("href") for a in page.cssselect('.diff-summary__sections li[data-section="syfte"] a')]
    assert links == ["#syfte", "../../revisioner/v1/#syfte", "../../revisioner/v2/#syfte"]


def test_fixture_open_data_matches_the_page(fixture_site):
    data = json.loads((fixture_site / "jamfor" / "v1--v2" / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    page_changes = {k: el.get("data-change") for k, el in sections(read_html(fixture_site, "jamfor/v1--v2/")).items()}
    assert {s["id"]: s["change"] for s in data["sections"]} == page_changes
    assert data["summary"]["words_added"] == 10 and data["format_version"] == 1


def test_revision_page_links_each_changed_section_to_its_change(fixture_site):
    page = read_html(fixture_site, "revisioner/v2/")
    notes = page.cssselect(".revision-text .diff-since a")
    assert [(a.get("href"), a.text) for a in notes] == [
        ("../../jamfor/v1--v2/#syfte", "Ändrat sedan Testversion v1"),
        ("../../jamfor/v1--v2/#malgrupper", "Ändrat sedan Testversion v1"),
        ("../../jamfor/v1--v2/#referenser", "Flyttat sedan Testversion v1"),
        ("../../jamfor/v1--v2/#samordnad-plan", "Nytt sedan Testversion v1"),
        ("../../jamfor/v1--v2/#uppfoljning", "Ändrat sedan Testversion v1"),
    ]
    # The note follows its section's heading and is not a paragraph of the text.
    syfte = page.get_element_by_id("syfte")
    assert "diff-since" in syfte.getnext().get("class")
    assert page.get_element_by_id("syfte-1").text_content().startswith("Syftet är")
    # v1 follows an excerpt: it links to that diff, but no section claims a change.
    v1 = read_html(fixture_site, "revisioner/v1/")
    assert v1.cssselect(".revision-diff-link a")[0].get("href") == "../../jamfor/2025--v1/"
    assert v1.cssselect(".diff-since") == []


def test_two_revisions_without_text_say_there_is_nothing_to_compare(fixture_site):
    page = read_html(fixture_site, "jamfor/v3--v4/")
    assert "Inget att jämföra" in page.cssselect(".diff-nothing")[0].text_content()
    assert page.cssselect("[data-section]") == [] and page.cssselect(".diff-summary") == []
    alone = read_html(fixture_site, "jamfor/v2--v3/")
    assert {el.get("data-change") for el in sections(alone).values()} == {"unknown"}
    assert len(alone.cssselect(".diff-unknown--alone")) == 8
    picker = read_html(fixture_site, "jamfor/")
    assert len(picker.cssselect(".diff-pairs a")) == 21  # 7 revisions

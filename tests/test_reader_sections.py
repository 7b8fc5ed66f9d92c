"""On every revision page, each section says where it stands in the other
revisions, links to its change in each diff, and shows its LIX."""
import re

from agreement.text import lix
from agreement.sources.revisions import load_revisions
from conftest import ROOT, read_html

REVISIONS = load_revisions(ROOT / "docs")
ORDER = [r.id for r in REVISIONS]


def notes_by_section(site, revision_id):
    page = read_html(site, f"revisioner/{revision_id}/")
    out = {}
    for heading in page.cssselect(".revision-text h2[id], .revision-text h3[id], .revision-text h4[id]"):
        # The note follows the heading (after the diff's "changed since" line, if any).
        note = heading.getnext()
        while note is not None and note.tag not in ("details", "h2", "h3", "h4", "h5", "h6"):
            note = note.getnext()
        assert note is not None and note.tag == "details" and "section-versions" in note.get("class"), heading.get("id")
        out[heading.get("id")] = note
    return page, out


def test_every_section_of_every_revision_has_a_note(site):
    for revision in REVISIONS:
        if not revision.has_text:
            continue
        _, notes = notes_by_section(site, revision.id)
        assert list(notes) == [s.id for s in revision.sections if s.heading]


def test_links_keep_the_reader_at_the_same_section(site):
    _, notes = notes_by_section(site, "4.0")
    links = {a.text_content(): a.get("href") for a in notes["malgrupper"].cssselect("a")}
    # 2025 has the section: the link goes straight to it.
    assert links["Reviderad upplaga 2025 (förslag)"] == "../2025/#malgrupper"
    assert links["jämför 4.0 och 2025"] == "../../jamfor/4.0--2025/#malgrupper"
    # 2014-2016 has no text: a link to the page, and it says so; no diff link.
    assert links["Ursprunglig överenskommelse (2014/2016)"] == "../2014-2016/"
    assert "texten saknas" in notes["malgrupper"].text_content()
    assert not any("2014-2016--" in href for href in links.values())
    # A section the 2025 excerpt lacks says so and still links to the diff.
    syfte = notes["syfte"]
    assert "inte med i utdraget" in syfte.text_content()
    assert {a.get("href") for a in syfte.cssselect("a")} >= {"../2025/", "../../jamfor/4.0--2025/#syfte"}


def test_every_section_link_lands_on_an_existing_section(site):
    for revision in REVISIONS:
        if not revision.has_text:
            continue
        _, notes = notes_by_section(site, revision.id)
        for note in notes.values():
            for a in note.cssselect("a"):
                href = a.get("href")
                match = re.fullmatch(r"\.\./([^/]+)/(?:#([a-z0-9-]+))?", href)
                if match:
                    other, anchor = match.groups()
                    if anchor:
                        assert read_html(site, f"revisioner/{other}/").get_element_by_id(anchor) is not None
                    continue
                diff = re.fullmatch(r"\.\./\.\./jamfor/([^/]+)--([^/]+)/#[a-z0-9-]+", href)
                assert diff, href
                assert ORDER.index(diff.group(1)) < ORDER.index(diff.group(2)), "older first"


def test_section_lix_matches_the_lix_module(site):
    revision = REVISIONS.get("4.0")
    page, notes = notes_by_section(site, "4.0")
    for section in revision.sections:
        if not section.heading:
            continue
        expected = lix.of_section(section)
        badge = notes[section.id].cssselect(".section-lix")
        if expected.rounded is None:
            assert badge == []
        else:
            assert badge[0].text_content() == f" · LIX {expected.rounded} ({expected.level_sv})"
    whole = page.cssselect(".revision-lix")[0].text_content()
    assert whole.startswith(lix.describe_sv(lix.of_revision(revision)))


def test_notes_are_kept_out_of_the_text_model_and_the_index(site):
    page, notes = notes_by_section(site, "4.0")
    for note in notes.values():
        assert note.get("data-pagefind-ignore") == "all"
        assert note.cssselect("p, li") == [], "a note is not a paragraph of the agreement"
    # The summary names the section for screen readers.
    assert notes["syfte"].cssselect("summary .visually-hidden")[0].text_content() == " av avsnittet Syfte"


def test_banner_of_a_revision_not_in_force_links_to_its_changes(site):
    banner = read_html(site, "revisioner/2025/").cssselect(".status-banner")[0]
    assert banner.cssselect("a")[0].get("href") == "../4.0/", "first the revision in force"
    compare = banner.cssselect(".status-banner__compare a")
    assert [a.get("href") for a in compare] == ["../../jamfor/4.0--2025/"]
    assert read_html(site, "revisioner/4.0/").cssselect(".status-banner__compare") == []
    assert read_html(site, "revisioner/2014-2016/").cssselect(".status-banner__compare") == [], "no text to compare"


def test_every_diff_page_shows_lix_before_and_after(site):
    for old, new in REVISIONS.pairs():
        page = read_html(site, f"jamfor/{old.id}--{new.id}/")
        text = " ".join(page.cssselect(".diff-lix")[0].text_content().split())
        before = f"före {old.label}: {lix.describe_sv(lix.of_revision(old))}"
        after = f"efter {new.label}: {lix.describe_sv(lix.of_revision(new))}"
        assert before in text and after in text and text.index(before) < text.index(after), text
        assert ("räknat på utdraget" in text) == ("excerpt" in (old.text, new.text))

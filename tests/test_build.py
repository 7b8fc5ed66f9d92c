"""The real site builds, and each revision page has its banner, metadata and anchors."""
from conftest import read_html

from agreement.sources.revisions import load_revisions
from conftest import ROOT


def test_every_revision_page_exists_with_banner_and_metadata(site):
    revisions = load_revisions(ROOT / "docs")
    assert [r.id for r in revisions] == ["2014-2016", "4.0", "2025"]
    for revision in revisions:
        page = read_html(site, f"revisioner/{revision.id}/")
        assert page.xpath("//html/@lang") == ["sv"]
        banner = page.cssselect(".status-banner")
        assert len(banner) == 1
        assert page.cssselect(".revision-meta dl")
        h1 = page.cssselect("article h1")
        # The title carries soft hyphens (U+00AD) for phones; its words are the title.
        assert [h.text_content().strip().replace("\u00ad", "") for h in h1] == [revision.title]


def test_banners_name_the_revision_in_force(site):
    in_force = read_html(site, "revisioner/4.0/").cssselect(".status-banner")[0]
    assert "Gällande överenskommelse" in in_force.text_content()
    assert "t.o.m. 2023" in in_force.text_content()
    proposal = read_html(site, "revisioner/2025/").cssselect(".status-banner")[0]
    assert "Förslag" in proposal.text_content()
    assert proposal.cssselect("a")[0].get("href") == "../4.0/"
    old = read_html(site, "revisioner/2014-2016/").cssselect(".status-banner")[0]
    assert "Ersatt" in old.text_content()


def test_paragraph_anchors_follow_the_contract(site):
    page = read_html(site, "revisioner/4.0/")
    text = page.cssselect(".revision-text")[0]
    ids = [el.get("id") for el in text.iter("p", "li")]
    assert all(ids), "every p and li has an id"
    assert len(ids) == len(set(ids))
    assert ids[:3] == ["inledning-text-1", "inledning-text-2", "inledning-text-3"]
    assert "malgrupper-1" in ids and "malgrupper-3" in ids
    # A paragraph's permalink points at itself.
    first = page.get_element_by_id("syfte-1")
    assert first.cssselect("a.paragraph-link")[0].get("href") == "#syfte-1"


def test_non_full_revisions_say_what_is_missing(site):
    page = read_html(site, "revisioner/2025/")
    excerpt = page.cssselect(".text-notice")[0].text_content()
    assert "utdrag" in excerpt.lower()
    # The source is named once, among the facts ("Om versionen").
    assert "002_63c0f393cda00b44" in page.cssselect("#om-versionen")[0].text_content()
    none = read_html(site, "revisioner/2014-2016/").cssselect(".text-notice")[0].text_content()
    assert "Texten saknas" in none
    assert read_html(site, "revisioner/4.0/").cssselect(".text-notice") == []


def test_start_page_and_timeline(site):
    home = read_html(site, "").text_content()
    assert "Gällande:" in home and "Version 4.0" in home and "Förslag:" in home
    assert "perioden har passerat" in home
    timeline = read_html(site, "revisioner/")
    labels = [a.text_content() for a in timeline.cssselect(".timeline__label a")]
    assert labels == ["Ursprunglig överenskommelse (2014/2016)", "Version 4.0 (2021–2023)",
                      "Reviderad upplaga 2025 (förslag)"]


def test_theme_shows_no_page_status_badge_for_revisions(site):
    """`status` is the revision's status, not Material's page-status badge."""
    page = read_html(site, "revisioner/4.0/")
    assert page.cssselect(".md-status") == []

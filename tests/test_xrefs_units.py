"""Unit tests of the cross-link package on small inputs: the law-reference
parser and resolver, the related-agreement linker, abbreviations, and the
order the decorate steps run in."""
import datetime as dt

import pytest

from agreement.links.steps import load_cross_links
from agreement.page.decorate import PageContext, decorate_revision_html
from agreement.links.glossary import Abbreviation, Glossary, mark_abbreviations
from agreement.links.lawrefs import LawRef, compile_grammar, parse, resolve
from agreement.sources.lawtable import load_law_table
from agreement.sources.revisions import load_revisions
from agreement.sources.related import RelatedPage
from agreement.text.structure import parse_fragment, serialize
from agreement.links.mentions import MentionIndex, backlinks, link_mentions
from conftest import ROOT

DAY_2021 = dt.date(2021, 1, 1)


@pytest.fixture(scope="module")
def table():
    return load_law_table(ROOT)


@pytest.fixture(scope="module")
def grammar(table):
    return compile_grammar(table)


def page(slug, *aliases):
    return RelatedPage(slug, slug.title(), aliases, "test", None, (), f"docs/relaterade/{slug}.md",
                       f"relaterade/{slug}.md", tuple(range(3, 3 + len(aliases))), ())


def linked(html, index):
    root = parse_fragment(html)
    link_mentions(root, index, lambda path: "../../" + path)
    return root


# Law references --------------------------------------------------------------

def test_parser_gives_typed_parts(grammar):
    [ref] = parse("enligt 5 kap. 8 a § socialtjänstlagen, SoL, (2001:453) och", grammar)
    assert ref == LawRef(7, 54, "5 kap. 8 a § socialtjänstlagen, SoL, (2001:453)",
                         name="socialtjänstlagen", sfs="2001:453", chapter="5", section="8a")
    [report] = parse("Samsjuklighetsutredningen Dir. 2020:68:", grammar)
    assert report.report == "Dir. 2020:68" and report.sfs is None


def test_provision_anchor_only_where_the_statute_has_it(table, grammar):
    def href(text, day=DAY_2021):
        [ref] = parse(text, grammar)
        return resolve(ref, table, day).href
    assert href("2 kap. 7 § SoL") == "https://lagen.nu/2001:453#K2P7"
    # HSL 2017:30 has chapters: a bare section number cannot be located in it.
    assert href("8 a § hälso- och sjukvårdslagen, HSL, (2017:30)") == "https://lagen.nu/2017:30"
    assert href("3 f § HSL") == "https://lagen.nu/2017:30"
    # In 2016 HSL meant 1982:763, which has no chapters: the section is locatable.
    assert href("3 f § HSL", dt.date(2016, 6, 1)) == "https://lagen.nu/1982:763#P3f"
    assert href("LSS 9.1") == "https://lagen.nu/1993:387#P9"


def test_socialtjanstlagen_depends_on_the_date_and_explicit_number_wins(table, grammar):
    [bare] = parse("SoL", grammar)
    assert resolve(bare, table, dt.date(2025, 6, 30)).statute.sfs == "2001:453"
    assert resolve(bare, table, dt.date(2025, 7, 1)).statute.sfs == "2025:400"
    [explicit] = parse("socialtjänstlagen/SoL (2001:453)", grammar)
    assert resolve(explicit, table, dt.date(2026, 1, 1)).href == "https://lagen.nu/2001:453"


def test_unresolvable_reference_is_a_problem_not_a_link(table, grammar):
    [ref] = parse("enligt HSL", grammar)
    result = resolve(ref, table, dt.date(1970, 1, 1))
    assert result.href is None and "HSL" in result.problem and "1970-01-01" in result.problem


def test_reports_link_only_where_the_table_knows_a_page(table, grammar):
    known, unknown = parse("SOU 2020:47 och SOU 2018:88", grammar)
    assert resolve(known, table, DAY_2021).href == "https://lagen.nu/sou/2020:47"
    result = resolve(unknown, table, DAY_2021)
    assert result.href is None and result.problem is None


def test_base_url_is_configuration(table, grammar):
    [ref] = parse("2 kap. 7 § SoL", grammar)
    assert resolve(ref, table, DAY_2021, "https://example.org/sfs").href == "https://example.org/sfs/2001:453#K2P7"


def test_words_that_only_look_like_abbreviations_are_not_references(grammar):
    assert parse("sol och SOLEN, Solberg, SoLx, HSLs", grammar) == []
    assert parse("sammanträde 2025-06-02 § 25 att", grammar) == []


# Related agreements ----------------------------------------------------------

def test_first_mention_per_section_whole_words_case_insensitive():
    index = MentionIndex((page("jamtbus", "Jämtbus"),))
    root = linked('<h2 id="a">Jämtbus</h2><p>Om JÄMTBUS och jämtbus. Jämtbusen.</p>'
                  '<h2 id="b">B</h2><p><a href="x">Jämtbus</a> <code>Jämtbus</code> text jämtbus</p>', index)
    links = root.cssselect("a.xref")
    assert [a.text for a in links] == ["JÄMTBUS", "jämtbus"]
    assert [a.getparent().tag for a in links] == ["p", "p"]
    assert all(a.get("href") == "../../relaterade/jamtbus/" for a in links)
    assert root.cssselect("h2")[0].text == "Jämtbus"  # never in a heading
    assert root.cssselect("code")[0].text == "Jämtbus"  # never in code


def test_longest_alias_wins_and_aliases_span_line_breaks():
    index = MentionIndex((page("slutenvard", "slutenvård"), page("utskrivning", "utskrivning från slutenvård")))
    root = linked("<p>Vid utskrivning från\nslutenvård gäller</p>", index)
    [a] = root.cssselect("a.xref")
    assert a.get("href").endswith("relaterade/utskrivning/") and a.text == "utskrivning från\nslutenvård"


def test_abbreviation_mention_keeps_its_abbr_inside_the_link():
    index = MentionIndex((page("sip", "SIP", "samordnad individuell plan"),))
    glossary = Glossary((Abbreviation("SIP", "samordnad individuell plan", "test"),
                         Abbreviation("L-IFO", None, None), Abbreviation("SVOM", "Sociala vård- och omsorgsgruppen", "t")))
    root = linked("<p>En SIP, L-IFO och SVOMs roll; SIP igen.</p>", index)
    mark_abbreviations(root, glossary)
    html = serialize(root)
    assert '<a class="xref" href="../../relaterade/sip/"><abbr title="samordnad individuell plan">SIP</abbr></a>' in html
    assert "<abbr>L-IFO</abbr>" in html  # no sourced expansion: no title
    assert '<abbr title="Sociala vård- och omsorgsgruppen">SVOM</abbr>s roll' in html
    assert html.count("<abbr") == 4


def test_backlinks_come_from_the_same_matcher_as_links():
    links = load_cross_links(ROOT, ROOT / "docs")
    from agreement.text.render import make_renderer
    revisions = load_revisions(ROOT / "docs")
    found = backlinks(revisions, make_renderer(), links.mentions)
    assert [(b.revision_id, b.section_id) for b in found["sip"]] == [
        ("4.0", "inledning"), ("4.0", "referenslista"), ("2025", "inledning")]
    assert [(b.revision_id, b.section_id) for b in found["jamtbus"]] == [
        ("4.0", "regionens-ansvar"), ("4.0", "jamtbus"), ("4.0", "referenslista")]


def test_steps_run_xrefs_then_lawrefs_then_abbr():
    links = load_cross_links(ROOT, ROOT / "docs", warn=pytest.fail)
    revisions = load_revisions(ROOT / "docs")
    ctx = PageContext(revisions.get("4.0"), revisions, lambda p: "../../" + p,
                      {}, dt.date(2026, 1, 15), links=links)
    html = decorate_revision_html('<h2 id="x">X</h2><p>Enligt 2 kap. 7 § SoL och en SIP.</p>', ctx)
    assert '<a class="lawref" href="https://lagen.nu/2001:453#K2P7">2 kap. 7 § <abbr title="socialtjänstlagen">SoL</abbr></a>' in html
    assert '<a class="xref" href="../../relaterade/sip/"><abbr title="samordnad individuell plan">SIP</abbr></a>' in html

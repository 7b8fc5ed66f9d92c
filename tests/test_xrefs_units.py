"""Unit tests of the cross-link package on small inputs: the law-reference
parser and resolver, the related-agreement linker, abbreviations, and the
order the decorate steps run in."""
import datetime as dt

import pytest

from agreement.links.steps import load_cross_links
from agreement.page.decorate import PageContext, decorate_revision_html
from agreement.links.glossary import Abbreviation, Glossary, mark_abbreviations
from agreement.links.lawgrammar import Provision, ProvisionRange, StatuteMention
from agreement.links.lawrefs import Context, compile_grammar, parse, resolve, resolve_text
from agreement.model.errors import SourceErrors
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

def hrefs(text, table, grammar, day=DAY_2021):
    return [link.href for r in resolve_text(text, grammar, table, day) for link in r.links]


def test_parser_gives_typed_parts(grammar):
    [ref] = parse("enligt 5 kap. 8 a § socialtjänstlagen, SoL, (2001:453) och", grammar)
    assert (ref.start, ref.end, ref.text, ref.form) == (7, 54, "5 kap. 8 a § socialtjänstlagen, SoL, (2001:453)",
                                                        "provisions_of_statute")
    assert ref.statute == StatuteMention(20, 54, "name", "socialtjänstlagen", "SoL", "2001:453")
    assert ref.provisions == (Provision(7, 54, chapter="5", section="8a"),)
    [ref] = parse("4 kap. 19 och 20 §§ samma lag", grammar)
    assert ref.provisions == (Provision(7, 9, "4", "19"), Provision(14, 19, "4", "20"))
    assert ref.statute.kind == "same"
    [ref] = parse("11–16 §§ LSS", grammar)
    assert ref.provisions == (ProvisionRange(Provision(0, 2, section="11"), Provision(3, 8, section="16")),)
    [ref] = parse("1 § andra stycket andra punkten LSS", grammar)
    assert ref.provisions == (Provision(0, 35, section="1", stycke=2, punkt=2),)
    [report] = parse("Samsjuklighetsutredningen Dir. 2020:68:", grammar)
    assert report.report == "Dir. 2020:68" and report.statute is None


def test_provision_anchor_only_where_the_statute_has_it(table, grammar):
    assert hrefs("2 kap. 7 § SoL", table, grammar) == ["https://lagen.nu/2001:453#K2P7"]
    # HSL 2017:30 has chapters: a bare section number cannot be located in it.
    assert hrefs("8 a § hälso- och sjukvårdslagen, HSL, (2017:30)", table, grammar) == ["https://lagen.nu/2017:30"]
    assert hrefs("3 f § HSL", table, grammar) == ["https://lagen.nu/2017:30"]
    # In 2016 HSL meant 1982:763, which has no chapters: the section is locatable.
    assert hrefs("3 f § HSL", table, grammar, dt.date(2016, 6, 1)) == ["https://lagen.nu/1982:763#P3f"]
    assert hrefs("LSS 9.1", table, grammar) == ["https://lagen.nu/1993:387#P9"]
    assert hrefs("5 kap. 8 § andra stycket 1 SoL", table, grammar) == ["https://lagen.nu/2001:453#K5P8S2N1"]


def test_socialtjanstlagen_depends_on_the_date_and_explicit_number_wins(table, grammar):
    [bare] = parse("SoL", grammar)
    assert resolve(bare, table, dt.date(2025, 6, 30)).statute.sfs == "2001:453"
    assert resolve(bare, table, dt.date(2025, 7, 1)).statute.sfs == "2025:400"
    [explicit] = parse("socialtjänstlagen/SoL (2001:453)", grammar)
    assert [link.href for link in resolve(explicit, table, dt.date(2026, 1, 1)).links] == ["https://lagen.nu/2001:453"]


def test_context_gives_the_statute_within_one_paragraph_only(table, grammar):
    context = Context()
    first = resolve_text("Enligt 2 kap. 7 § SoL gäller", grammar, table, DAY_2021, context=context)
    then = resolve_text("även 3 § samma lag och 4 § eller 5 a §.", grammar, table, DAY_2021, context=context)
    assert [link.href for r in first + then for link in r.links] == [
        "https://lagen.nu/2001:453#K2P7", "https://lagen.nu/2001:453", "https://lagen.nu/2001:453",
        "https://lagen.nu/2001:453"]
    [alone] = resolve_text("enligt 3 § eller 4 a §", grammar, table, DAY_2021)
    assert alone.links == () and "names no statute" in alone.problem


def test_unresolvable_reference_is_a_problem_not_a_link(table, grammar):
    [ref] = parse("enligt HSL", grammar)
    result = resolve(ref, table, dt.date(1970, 1, 1))
    assert result.links == () and "HSL" in result.problem and "1970-01-01" in result.problem


def test_reports_link_only_where_the_table_knows_a_page(table, grammar):
    known, unknown = parse("SOU 2020:47 och SOU 2018:88", grammar)
    assert [link.href for link in resolve(known, table, DAY_2021).links] == ["https://lagen.nu/sou/2020:47"]
    result = resolve(unknown, table, DAY_2021)
    assert result.links == () and result.problem is None


def test_base_url_is_configuration(table, grammar):
    [ref] = parse("2 kap. 7 § SoL", grammar)
    assert resolve(ref, table, DAY_2021, "https://example.org/sfs").links[0].href == "https://example.org/sfs/2001:453#K2P7"


def test_words_that_only_look_like_abbreviations_are_not_references(grammar):
    assert parse("sol och SOLEN, Solberg, SoLx, HSLs", grammar) == []
    assert parse("sammanträde 2025-06-02 § 25 att", grammar) == []


def test_duplicate_sfs_number_in_the_law_table(tmp_path):
    (tmp_path / "data").mkdir()
    entry = ("  - sfs: \"2001:453\"\n    title: Socialtjänstlag (2001:453)\n    names: [socialtjänstlagen]\n"
             "    chapters: true\n    source: test\n")
    (tmp_path / "data" / "laws.yml").write_text("statutes:\n" + entry + entry.replace("socialtjänstlagen", "sol-lagen"),
                                                encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load_law_table(tmp_path)
    assert [str(e) for e in caught.value.errors] == [
        "data/laws.yml:7: SFS 2001:453 is already listed at line 2: one entry per statute"]


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

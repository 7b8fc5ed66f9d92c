"""Cross-links on the real built site: related agreements linked once per
section and never in headings, backlinks that match, law references, every
abbreviation marked and in the glossary, and related pages that only quote."""
import re
from urllib.parse import urljoin

import pytest

from agreement.links.glossary import MISSING, load_glossary
from agreement.sources.revisions import load_revisions
from agreement.sources.related import load_related
from conftest import ROOT, read_html

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# An abbreviation-like word: two or more capitals, perhaps one small letter
# between (SoL), a one-letter prefix (L-IFO), a genitive s (SVOMs).
RE_ABBREVIATION = re.compile(r"(?<!\w)(?:[A-ZÅÄÖ]-)?[A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ]+(?=s?(?![\w]))")
# "SK,R" in version 4.0 is the source's typo for SKR (kept verbatim), not an abbreviation.
NOT_ABBREVIATIONS = {"SK"}


@pytest.fixture(scope="module")
def related():
    return {p.slug: p for p in load_related(ROOT / "docs")}


@pytest.fixture(scope="module")
def revisions_with_text():
    return [r for r in load_revisions(ROOT / "docs") if r.has_text]


def revision_text(site, revision_id):
    root = read_html(site, f"revisioner/{revision_id}/").cssselect(".revision-text")[0]
    # The notes the build adds after headings (other revisions, LIX) are not the agreement's text.
    for note in root.cssselect('[data-generated="section-versions"]'):
        note.drop_tree()
    return root


def sections_in_order(root):
    """(section id, element) for every element in document order."""
    section = "inledning-text"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in HEADINGS and el.get("id"):
            section = el.get("id")
        yield section, el


def running_text_by_section(root):
    """Text outside headings, ¶ marks and links that are not cross-links, per section."""
    out = {}
    section = ["inledning-text"]

    def walk(el, skipped):
        if el.tag in HEADINGS and el.get("id"):
            section[0] = el.get("id")
        classes = (el.get("class") or "").split()
        here = skipped or el.tag in HEADINGS or el.tag == "code" or (el.tag == "a" and "xref" not in classes)
        if not here:
            out.setdefault(section[0], []).append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child, here)
            if not here:
                out.setdefault(section[0], []).append(child.tail or "")
    walk(root, False)
    return {k: " ".join("".join(v).split()) for k, v in out.items()}


def alias_regex(aliases):
    words = "|".join(r"\s+".join(map(re.escape, a.split())) for a in aliases)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


def slug_of(href):
    match = re.search(r"relaterade/([a-z0-9-]+)/$", href)
    return match.group(1) if match else None


def test_every_mention_in_4_0_is_linked_once_per_section_and_never_in_a_heading(site, related):
    root = revision_text(site, "4.0")
    assert not [a for a in root.cssselect("a.xref") if any(p.tag in HEADINGS for p in a.iterancestors())]
    linked = {}
    for section, el in sections_in_order(root):
        if el.tag == "a" and "xref" in (el.get("class") or "").split():
            linked.setdefault((section, slug_of(el.get("href"))), []).append(el.text_content())
    texts = running_text_by_section(root)
    expected = {(section, slug) for section, text in texts.items()
                for slug, page in related.items() if alias_regex(page.aliases).search(text)}
    assert set(linked) == expected
    assert all(len(v) == 1 for v in linked.values()), {k: v for k, v in linked.items() if len(v) > 1}
    # All five related agreements are mentioned and linked somewhere in 4.0.
    assert {slug for _, slug in linked} == set(related)
    assert ("utskrivning-fran-slutenvard", "utskrivning-fran-slutenvard") in {(s, g) for s, g in linked}


def test_backlinks_list_exactly_the_sections_that_mention_each_page(site, related, revisions_with_text):
    linked_from = {slug: set() for slug in related}
    for revision in revisions_with_text:
        for section, el in sections_in_order(revision_text(site, revision.id)):
            if el.tag == "a" and "xref" in (el.get("class") or ""):
                linked_from[slug_of(el.get("href"))].add((revision.id, section))
    for slug in related:
        base = f"http://site/relaterade/{slug}/"
        page = read_html(site, f"relaterade/{slug}/")
        backlinks = set()
        for a in page.cssselect(".related-backlinks a.backlink"):
            match = re.search(r"/revisioner/([^/]+)/#([a-z0-9-]+)$", urljoin(base, a.get("href")))
            revision_id, section = match.groups()
            backlinks.add((revision_id, section))
            target = read_html(site, f"revisioner/{revision_id}/")
            assert target.get_element_by_id(section) is not None
        assert backlinks == linked_from[slug], slug
        assert backlinks, f"{slug} is mentioned somewhere"
    sip = read_html(site, "relaterade/sip/").cssselect(".related-backlinks")[0].text_content()
    assert "Version 4.0" in sip and "Reviderad upplaga 2025" in sip


def test_revision_pages_end_with_the_related_agreements_they_mention(site, related):
    def listed(revision_id):
        page = read_html(site, f"revisioner/{revision_id}/")
        [box] = page.cssselect(".related-mentioned")
        assert box.cssselect("h2")[0].text_content() == "Relaterade överenskommelser"
        return {slug_of(urljoin(f"http://site/revisioner/{revision_id}/", a.get("href"))) for a in box.cssselect("a")}
    assert listed("4.0") == set(related)
    assert listed("2025") == {"sip"}
    assert read_html(site, "revisioner/2014-2016/").cssselect(".related-mentioned") == []


def test_law_references_in_4_0(site):
    root = revision_text(site, "4.0")
    refs = {(a.text_content(), a.get("href")) for a in root.cssselect("a.lawref")}
    assert ("5 kap. 8 a § socialtjänstlagen, SoL, (2001:453)", "https://lagen.nu/2001:453#K5P8a") in refs
    assert ("8 a § hälso- och sjukvårdslagen, HSL, (2017:30)", "https://lagen.nu/2017:30") in refs
    assert ("3 f § HSL", "https://lagen.nu/2017:30") in refs
    assert ("2 kap. 7 § SoL", "https://lagen.nu/2001:453#K2P7") in refs
    assert ("SFS 2017:612", "https://lagen.nu/2017:612") in refs
    assert ("Dir. 2020:68", "https://lagen.nu/dir/2020:68") in refs
    assert not [a for a in root.cssselect("a.lawref") if any(p.tag in HEADINGS for p in a.iterancestors())]
    law = read_html(site, "relaterade/utskrivning-fran-slutenvard/").cssselect(".related-facts a.lawref")
    assert [(a.text_content(), a.get("href")) for a in law] == [("SFS 2017:612", "https://lagen.nu/2017:612")]
    law = read_html(site, "relaterade/sip/").cssselect(".related-facts a.lawref")
    assert [(a.text_content(), a.get("href")) for a in law] == [
        ("3 f § HSL (1982:763)", "https://lagen.nu/1982:763#P3f"), ("2 kap. 7 § SoL (2001:453)", "https://lagen.nu/2001:453#K2P7")]


def test_every_abbreviation_in_the_revisions_has_abbr_and_a_glossary_entry(site, revisions_with_text):
    glossary = load_glossary(ROOT)
    glossary_page = read_html(site, "ordlista/")
    rows = {row.cssselect("th")[0].text_content(): row for row in glossary_page.cssselect("table.glossary tbody tr")}
    seen = set()
    for revision in revisions_with_text:
        root = revision_text(site, revision.id)
        words = [w for w in RE_ABBREVIATION.findall(root.text_content()) if w not in NOT_ABBREVIATIONS]
        marks = [a.text_content() for a in root.iter("abbr")]
        for word in set(words):
            entry = glossary.get(word)
            assert entry is not None, f"{word} ({revision.id}) has no entry in data/abbreviations.yml"
            assert word in rows, f"{word} is not on the glossary page"
            assert marks.count(word) == words.count(word), f"{word} in {revision.id}: {marks.count(word)} <abbr> for {words.count(word)} uses"
        for abbr in root.iter("abbr"):
            entry = glossary.get(abbr.text_content())
            assert abbr.get("title") == entry.expansion  # None: no title at all
        seen.update(words)
    assert {"SIP", "SVOM", "LPO", "RPO", "NPO", "BUP", "BUH", "HBTQI", "NSPH", "JLB", "L-IFO", "SKR", "SKL",
            "HSL", "SoL", "LSS", "LVU", "LVM", "LPT", "LRV"} <= seen
    assert MISSING in rows["L-IFO"].text_content()
    assert rows["L-IFO"].cssselect("abbr") == []
    assert rows["SVOM"].cssselect("td")[0].text_content() == "Sociala vård- och omsorgsgruppen"


def normalized(text):
    return " ".join(text.replace("¶", " ").split())


def test_related_pages_only_quote_the_revisions(site, related, revisions_with_text):
    corpus = " ".join(normalized(revision_text(site, r.id).text_content()) for r in revisions_with_text)
    for slug in related:
        page = read_html(site, f"relaterade/{slug}/")
        quotes = page.cssselect("article blockquote p, article blockquote li")
        assert quotes, slug
        for quote in quotes:
            assert normalized(quote.text_content()) in corpus, f"{slug}: not verbatim: {quote.text_content()!r}"
        assert page.cssselect(".related-facts")


def test_navigation_and_index_pages(site, related):
    home = read_html(site, "")
    nav = [a.text_content().strip() for a in home.cssselect("nav.md-nav--primary a.md-nav__link")]
    assert "Relaterade" in nav and "Ordlista" in nav
    index = read_html(site, "relaterade/")
    hrefs = {slug_of(urljoin("http://site/relaterade/", a.get("href"))) for a in index.cssselect("ul.related-index a")}
    assert hrefs == set(related)

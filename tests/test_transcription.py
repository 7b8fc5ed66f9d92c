"""The 4.0 page carries the text of seed 001 verbatim: every word of the seed,
in order, except an explicit list of known differences; a lost paragraph or a
changed word is a difference that is not on the list."""
import difflib
import re

import lxml.html

from conftest import ROOT, read_html

SEED = ROOT / "sources" / "001_d6d78000e442378d.txt"
RE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
RE_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+")

# The only places where the page and the seed may differ, as (seed words, page
# words) in the order they occur. Each is a part of the PDF that is not part of
# the agreement's text on the page.
EXPECTED_DIFFERENCES = [
    # The PDF's cover: the page shows the title and the version in its header,
    # from the front matter, not in the revision text.
    ("Slutförslag Överenskommelse om samarbete mellan kommunerna i Jämtlands län och Region "
     "Jämtland Härjedalen gällande personer med psykiska funktionsnedsättningar 2021 2023 Version 4 0", ""),
]


def seed_words() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    # The PDF's table of contents (headings with the PDF's page numbers) is cut
    # here rather than listed above: the page has its own, generated one.
    toc_start, toc_end = text.index("\n## Innehåll\n"), text.index("\n# Inledning\n")
    text = text[:toc_start] + text[toc_end:]
    return RE_WORD.findall(RE_LINK.sub(r"\1", text).replace("\\", ""))


def revision_text(site):
    article = read_html(site, "revisioner/4.0/").cssselect(".revision-text")[0]
    for generated in article.xpath(".//*[@data-generated] | .//a[contains(@class, 'headerlink')]"):
        generated.drop_tree()
    return article


def words_of(article) -> list[str]:
    # Headings carry soft hyphens (U+00AD) where a long word may break on a phone.
    return RE_WORD.findall(article.text_content().replace("\u00ad", ""))


def differences(seed: list[str], page: list[str]) -> list[tuple[str, str]]:
    """Every stretch where the page's words are not the seed's, in order."""
    matcher = difflib.SequenceMatcher(None, seed, page, autojunk=False)
    return [(" ".join(seed[i1:i2]), " ".join(page[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def test_4_0_page_holds_the_seed_text_in_order(site):
    seed, page = seed_words(), words_of(revision_text(site))
    assert len(seed) > 3500
    assert differences(seed, page) == EXPECTED_DIFFERENCES


def test_a_lost_paragraph_is_noticed(site):
    article = revision_text(site)
    # A paragraph of 35 words, under one word in a hundred of the text: the old
    # coverage check (99% of the seed in order) let it go.
    paragraph = article.get_element_by_id("gemensam-inriktning-1")
    lost = " ".join(words_of(paragraph))
    assert len(lost.split()) < 0.01 * len(words_of(article)), "less than one word in a hundred"
    paragraph.drop_tree()
    assert differences(seed_words(), words_of(article)) == EXPECTED_DIFFERENCES + [(lost, "")]


def test_a_changed_word_is_noticed(site):
    page = words_of(revision_text(site))
    at = page.index("termbank")
    changed = page[:at] + ["ordbok"] + page[at + 1:]
    assert differences(seed_words(), changed) == EXPECTED_DIFFERENCES + [("termbank", "ordbok")]


def test_the_check_sees_a_word_that_differs_only_in_case():
    # The words are compared as written: a changed capital is a difference too.
    seed = ["Region", "Jämtland", "Härjedalen"]
    page = words_of(lxml.html.fromstring("<p>Region jämtland Härjedalen</p>"))
    assert differences(seed, page) == [("Jämtland", "jämtland")]

"""The 4.0 page carries the text of seed 001 verbatim: at least 99% of the
seed's words after its table of contents, in order."""
import difflib
import re

from conftest import ROOT, read_html

RE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
RE_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+")


def seed_words() -> list[str]:
    text = (ROOT / "sources" / "001_d6d78000e442378d.txt").read_text(encoding="utf-8")
    after_toc = text[text.index("\n# Inledning"):]
    return RE_WORD.findall(RE_LINK.sub(r"\1", after_toc).replace("\\", ""))


def page_words(site) -> list[str]:
    article = read_html(site, "revisioner/4.0/").cssselect(".revision-text")[0]
    for generated in article.xpath(".//*[@data-generated] | .//a[contains(@class, 'headerlink')]"):
        generated.drop_tree()
    return RE_WORD.findall(article.text_content())


def test_4_0_page_holds_the_seed_text_in_order(site):
    seed, page = seed_words(), page_words(site)
    assert len(seed) > 3500
    matcher = difflib.SequenceMatcher(None, seed, page, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    coverage = matched / len(seed)
    assert coverage >= 0.99, f"only {coverage:.1%} of the seed's words are on the page, in order"


def test_a_changed_word_would_be_noticed(site):
    """The comparison is sensitive: dropping a paragraph's worth of words fails it."""
    seed, page = seed_words(), page_words(site)
    truncated = page[: int(len(page) * 0.98)]
    matcher = difflib.SequenceMatcher(None, seed, truncated, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(seed) < 0.99

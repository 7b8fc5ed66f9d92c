"""LIX on hand-counted sentences, and on the real 4.0 text."""
import pytest

from agreement.text import lix
from agreement.sources.revisions import load_revisions
from conftest import ROOT


@pytest.mark.parametrize("text, words, sentences, long_words", [
    # Syftet, är, att, stärka, samverkan*: "stärka" has six letters, not long.
    ("Syftet är att stärka samverkan.", 5, 1, 1),
    # Överenskommelsen*, gäller, alla | Den, ska, följas, upp, årligen*
    ("Överenskommelsen gäller alla. Den ska följas upp årligen!", 8, 2, 2),
    # "t.ex." is two words and does not end the sentence.
    ("Detta gäller t.ex. barn och unga.", 7, 1, 0),
    # Numbers are words, "§" is not; "kap. 8" does not end a sentence.
    ("Enligt 5 kap. 8 a § socialtjänstlagen ska planer upprättas.", 9, 1, 2),
    # A colon before a capital letter ends a sentence.
    ("Målet är: Alla ska få stöd.", 6, 2, 0),
    # A question, then a quoted sentence: ansvarar*, Kommunen*.
    ("Vem ansvarar? ”Kommunen” svarar.", 4, 2, 2),
    ("", 0, 0, 0),
])
def test_count_block_hand_counted(text, words, sentences, long_words):
    assert lix.count_block(text) == lix.LixCount(words, sentences, long_words)


def test_value_is_words_per_sentence_plus_percent_long_words():
    assert lix.count_block("Syftet är att stärka samverkan.").value == pytest.approx(5 / 1 + 100 * 1 / 5)
    two = lix.count_block("Överenskommelsen gäller alla. Den ska följas upp årligen!")
    assert two.value == pytest.approx(8 / 2 + 100 * 2 / 8)
    assert two.rounded == 29 and two.level_sv == "lättläst"


def test_each_list_item_ends_a_sentence():
    # Vilka, målgrupper*, som, omfattas* | Gemensamma*, mål, för, verksamheterna*
    count = lix.count_blocks(["Vilka målgrupper som omfattas", "Gemensamma mål för verksamheterna"])
    assert count == lix.LixCount(8, 2, 4)
    assert count.value == pytest.approx(4 + 50)
    assert lix.describe_sv(count) == "LIX 54 (svår)"


def test_empty_text_has_no_index():
    assert lix.LixCount().value is None
    assert lix.describe_sv(lix.LixCount()) == "LIX kan inte beräknas (ingen text)"


@pytest.mark.parametrize("value, label", [(24.9, "mycket lättläst"), (25, "lättläst"), (39.99, "medelsvår"),
                                          (45, "ganska svår"), (55, "svår"), (60, "mycket svår")])
def test_levels(value, label):
    # words/sentences = value when there are no long words.
    count = lix.LixCount(words=int(value * 100), sentences=100, long_words=0)
    assert count.level_sv == label


def test_revision_total_is_the_sum_of_its_sections():
    revisions = load_revisions(ROOT / "docs")
    rev = revisions.get("4.0")
    total = lix.of_revision(rev)
    parts = [lix.of_section(s) for s in rev.sections]
    assert total.words == sum(p.words for p in parts) > 3000
    assert total.sentences == sum(p.sentences for p in parts)
    # An official agreement text reads as a specialist text.
    assert 40 < total.value < 70
    before, after = lix.compare([rev.section("syfte")], [revisions.get("2025").section("malgrupper")])
    assert before == lix.of_section(rev.section("syfte")) and after.words > 0

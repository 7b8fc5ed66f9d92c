"""LIX on hand-counted sentences, and on the real 4.0 text."""
import pytest

from agreement.model.revision import PREAMBLE_SECTION
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


# A revision small enough to count by hand, read through the same loader and
# renderer as the site (so the blocks are what the pages show).
HAND_COUNTED = """---
revision: "t1"
title: Testöverenskommelse
label: Test 1
status: adopted
text: full
previous: null
source: Skriven för testet.
---

Detta är en **inledning**. Den har två meningar.

## Syfte {#syfte}

Syftet är att stärka samverkan.

- Vilka målgrupper som omfattas
- Gemensamma mål
    - för alla

### Ansvar {#ansvar}

Kommunen ansvarar för boendet. Regionen ansvarar för vården!
"""


@pytest.fixture(scope="module")
def hand_counted(tmp_path_factory):
    docs = tmp_path_factory.mktemp("lix") / "docs"
    folder = docs / "revisioner" / "t1"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(HAND_COUNTED, encoding="utf-8")
    return load_revisions(docs).get("t1")


def test_sections_of_a_hand_counted_revision(hand_counted):
    # Before the first heading: Detta, är, en, inledning*, | Den, har, två, meningar*
    # (8 words, 2 sentences, 2 long: "inledning" 9 letters, "meningar" 8).
    assert lix.of_section(hand_counted.section(PREAMBLE_SECTION)) == lix.LixCount(8, 2, 2)
    # Syfte, its own blocks only (not Ansvar's):
    #   Syftet, är, att, stärka, samverkan*            5 words, 1 sentence, 1 long
    #   Vilka, målgrupper*, som, omfattas*             4 words, 1 sentence, 2 long
    #   Gemensamma*, mål (without its nested list)     2 words, 1 sentence, 1 long
    #   för, alla (the nested item, counted once)      2 words, 1 sentence, 0 long
    assert lix.of_section(hand_counted.section("syfte")) == lix.LixCount(13, 4, 4)
    # Kommunen*, ansvarar*, för, boendet*, | Regionen*, ansvarar*, för, vården
    # ("boendet" has 7 letters, "vården" 6).
    assert lix.of_section(hand_counted.section("ansvar")) == lix.LixCount(8, 2, 5)


def test_revision_total_of_a_hand_counted_revision(hand_counted):
    total = lix.of_revision(hand_counted)
    # 8 + 13 + 8 words, 2 + 4 + 2 sentences, 2 + 4 + 5 long words.
    assert total == lix.LixCount(29, 8, 11)
    # 29 / 8 + 100 * 11 / 29 = 3.625 + 37.93 = 41.56
    assert total.value == pytest.approx(41.5560, abs=1e-4)
    assert lix.describe_sv(total) == "LIX 42 (ganska svår)"
    before, after = lix.compare([hand_counted.section("ansvar")], [hand_counted.section("syfte")])
    assert (before, after) == (lix.LixCount(8, 2, 5), lix.LixCount(13, 4, 4))


def test_the_real_text_reads_as_a_specialist_text():
    rev = load_revisions(ROOT / "docs").get("4.0")
    total = lix.of_revision(rev)
    # An independent rough count: whitespace-separated tokens that hold a letter
    # or digit (lone "§" and "–" are not words). Hyphenated and slashed tokens
    # ("SKL/SKR") make the two differ a little, never by much.
    tokens = [t for s in rev.sections for b in s.blocks for t in b.text.split()
              if any(c.isalnum() for c in t)]
    assert len(tokens) > 3000
    assert abs(total.words - len(tokens)) < 0.03 * len(tokens)
    # An official agreement text reads as a specialist text.
    assert 40 < total.value < 70

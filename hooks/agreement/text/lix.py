"""LIX readability index (Björnsson 1968): words per sentence plus the
percentage of long words (more than six letters).

Pure functions over plain text, so revision pages, diff pages and scripts all
count the same way. Each block (paragraph or list item) ends a sentence even
without a full stop, because list items in the agreement often have none."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# A word is a run of letters or digits; hyphens and apostrophes inside it
# ("SKL/SKR" is two words, "e-hälsa" one).
RE_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
RE_LETTER = re.compile(r"[^\W\d_]")
# A sentence ends at . ! ? or : followed by space and the capital letter that
# opens the next sentence; "t.ex. att" and "5 kap. 8 a §" do not end one.
RE_SENTENCE_END = re.compile(r"[.!?:]+[\"'”»)]*\s+(?=[\"'“”«»(–-]?[A-ZÅÄÖÉÜ])")
LONG_WORD_LETTERS = 6

# Conventional Swedish reading of the scale (lix.se).
LEVELS_SV = (
    (25, "mycket lättläst"),
    (30, "lättläst"),
    (40, "medelsvår"),
    (50, "ganska svår"),
    (60, "svår"),
    (float("inf"), "mycket svår"),
)


@dataclass(frozen=True)
class LixCount:
    words: int = 0
    sentences: int = 0
    long_words: int = 0

    def __add__(self, other: "LixCount") -> "LixCount":
        return LixCount(self.words + other.words, self.sentences + other.sentences,
                        self.long_words + other.long_words)

    @property
    def value(self) -> float | None:
        """The index, or None for a text without words."""
        if not self.words or not self.sentences:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int | None:
        value = self.value
        return None if value is None else int(value + 0.5)

    @property
    def level_sv(self) -> str:
        value = self.value
        if value is None:
            return "ingen text"
        return next(label for limit, label in LEVELS_SV if value < limit)


def words(text: str) -> list[str]:
    return RE_WORD.findall(text)


def is_long(word: str) -> bool:
    return len(RE_LETTER.findall(word)) > LONG_WORD_LETTERS


def count_block(text: str) -> LixCount:
    """One paragraph or list item: its words, sentences and long words."""
    found = words(text)
    if not found:
        return LixCount()
    stripped = text.strip()
    sentences = 1 + len(RE_SENTENCE_END.findall(stripped))
    return LixCount(len(found), sentences, sum(1 for w in found if is_long(w)))


def count_blocks(texts: Iterable[str]) -> LixCount:
    total = LixCount()
    for text in texts:
        total = total + count_block(text)
    return total


def of_section(section) -> LixCount:
    """A model `Section` (its own paragraphs and items, not its subsections')."""
    return count_blocks(block.text for block in section.blocks)


def of_sections(sections: Iterable) -> LixCount:
    total = LixCount()
    for section in sections:
        total = total + of_section(section)
    return total


def of_revision(revision) -> LixCount:
    return of_sections(revision.sections)


def compare(old_sections: Iterable, new_sections: Iterable) -> tuple[LixCount, LixCount]:
    """LIX before and after, for a diff of whole revisions or of one section
    (pass a one-element list)."""
    return of_sections(old_sections), of_sections(new_sections)


def describe_sv(count: LixCount) -> str:
    """`LIX 52 (svår)`, or a plain statement when there is nothing to measure."""
    if count.rounded is None:
        return "LIX kan inte beräknas (ingen text)"
    return f"LIX {count.rounded} ({count.level_sv})"

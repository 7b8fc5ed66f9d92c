"""Section ids for an imported document: the id of the same section in the
previous revision with full text when the heading is the same after
normalising case, spacing and punctuation, or when the heading was reworded
but at least 60% of the section's words are shared; each old id is used once
and ties are reported. Everything else gets a new id by the contract's rules
(`[a-z][a-z0-9-]*`, not ending in `-<digits>`, unique)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from agreement.editors.importer.document import Block, Heading, plain, words

SHARED_WORDS = 0.6
MAX_ID_WORDS = 6
RE_NOT_ID = re.compile(r"[^a-z0-9]+")
RE_TRAILING_NUMBER = re.compile(r"-\d+$")
RE_VALID_ID = re.compile(r"^[a-z][a-z0-9-]*$")
PREAMBLE_SECTION = "inledning-text"


@dataclass(frozen=True)
class OldSection:
    id: str
    heading: str
    text: str


@dataclass(frozen=True)
class Match:
    """The id of one imported heading and how it was found."""

    block: int  # index of the heading among the document's blocks
    heading: str
    id: str
    how: str  # "heading", "text" (heading reworded), "new"
    old_heading: str | None = None
    tie: tuple[str, ...] = ()  # old ids the text matched equally well


def normalise(heading: str) -> str:
    return " ".join(words(heading))


def shared_share(new: list[str], old: list[str]) -> float:
    """Share of the words of the longer side that both sides have."""
    if not new or not old:
        return 0.0
    common = sum((Counter(new) & Counter(old)).values())
    return common / max(len(new), len(old))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    parts = [p for p in RE_NOT_ID.split(ascii_text) if p][:MAX_ID_WORDS]
    value = "-".join(parts)
    while RE_TRAILING_NUMBER.search(value):
        value = RE_TRAILING_NUMBER.sub("", value)
    if not value or not value[0].isalpha():
        value = f"avsnitt-{value}".rstrip("-")
    return value


def new_id(heading: str, taken: set[str]) -> str:
    base = slug(heading)
    if base not in taken:
        return base
    for suffix in ("ny", "b", "c", "d", "e", "f", "g", "h"):
        candidate = f"{base}-{suffix}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free id for {heading!r}")


def section_texts(blocks: list[Block]) -> dict[int, str]:
    """The text of each heading's own section (up to the next heading), by block index."""
    out: dict[int, list[str]] = {}
    current = None
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            current = index
            out[current] = []
        elif current is not None:
            out[current].append(" ".join(plain(c) for row in block.rows for c in row)
                                if hasattr(block, "rows") else plain(block.spans))
    return {k: "\n".join(v) for k, v in out.items()}


def match_ids(blocks: list[Block], old: list[OldSection], reserved: set[str]) -> list[Match]:
    """An id for every heading of `blocks`. `reserved`: ids that other revisions use
    for other sections, which a new section must not take."""
    texts = section_texts(blocks)
    headings = [(i, plain(b.spans)) for i, b in enumerate(blocks) if isinstance(b, Heading)]
    result: dict[int, Match] = {}
    used: set[str] = set()
    by_heading: dict[str, list[OldSection]] = {}
    for section in old:
        by_heading.setdefault(normalise(section.heading), []).append(section)
    by_id = {s.id: s for s in old}
    for index, block in enumerate(blocks):  # 0: an id printed beside the heading (the site's own PDF)
        printed = getattr(block, "printed_id", "")
        if not printed or printed in used or not RE_VALID_ID.match(printed):
            continue
        section = by_id.get(printed)
        if section is None and (printed in reserved or RE_TRAILING_NUMBER.search(printed)):
            continue  # another revision's id for another section, or not an id a new section may have
        heading = plain(block.spans)
        same = section is not None and normalise(section.heading) == normalise(heading)
        used.add(printed)
        how = "new" if section is None else ("heading" if same else "text")
        result[index] = Match(index, heading, printed, how, section.heading if section else None)
    for index, heading in headings:  # 1: the same heading
        if index in result:
            continue
        candidates = [s for s in by_heading.get(normalise(heading), []) if s.id not in used]
        if candidates:
            chosen = candidates[0]
            used.add(chosen.id)
            tie = tuple(s.id for s in candidates[1:])
            result[index] = Match(index, heading, chosen.id, "heading", chosen.heading, tie)
    # 2: a reworded heading over mostly the same text; best pairs first.
    pairs = []
    for index, heading in headings:
        if index in result:
            continue
        new_words = words(texts[index])
        for section in old:
            if section.id in used:
                continue
            share = shared_share(new_words, words(section.text))
            if share >= SHARED_WORDS:
                pairs.append((share, index, section))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    for share, index, section in pairs:
        if index in result or section.id in used:
            continue
        equal = tuple(s.id for sh, i, s in pairs if i == index and sh == share and s.id != section.id
                      and s.id not in used)
        used.add(section.id)
        result[index] = Match(index, dict(headings)[index], section.id, "text", section.heading, equal)
    taken = set(used) | set(reserved) | {s.id for s in old} | {PREAMBLE_SECTION}
    for index, heading in headings:  # 3: new ids
        if index not in result:
            fresh = new_id(heading, taken)
            taken.add(fresh)
            result[index] = Match(index, heading, fresh, "new")
    return [result[i] for i, _ in headings]


def not_found(old: list[OldSection], matches: list[Match]) -> list[OldSection]:
    kept = {m.id for m in matches}
    return [s for s in old if s.id not in kept]

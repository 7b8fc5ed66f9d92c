"""Synthetic revisions for benchmarks and property tests: a real revision grown
to any size and edited at random. The same seed always gives the same text.

The edits are what editors do to an agreement: words replaced, inserted and
deleted, paragraphs added, deleted and split, headings reworded, sections moved,
plus changes that are not changes (extra whitespace, Markdown emphasis marks).
The text is made of the revision's own words; it is benchmark material, never
content of the site."""
from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

from agreement.model.revision import Block, Revision, RevisionSet, Section

COPY_HEADING = "Inledande text"  # heading for copies of the text before the first heading
RE_LEADING_MARKUP = re.compile(r"^(#|[-+>]|\d+[.)])")
RE_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<])")


def copy_suffix(n: int) -> str:
    """a, b, ..., z, aa, ab, ...: section ids must not end in -<digits>."""
    letters = ""
    while True:
        n, rest = divmod(n, 26)
        letters = chr(ord("a") + rest) + letters
        if n == 0:
            return letters
        n -= 1


def word_count(revision: Revision) -> int:
    return sum(len(s.heading.split()) + sum(len(b.text.split()) for b in s.blocks)
               for s in revision.sections)


def grow(revision: Revision, words: int, seed: int, rate: float = 0.02) -> Revision:
    """The revision's sections repeated until it has at least `words` words;
    each copy gets its own ids (`<id>-kopia-<letters>`) and light edits."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(revision)
    sections = list(revision.sections)
    total = word_count(revision)
    copy = 0
    while total < words and revision.sections:
        for section in revision.sections:
            section_id = f"{section.id}-kopia-{copy_suffix(copy)}"
            heading, level = section.heading or COPY_HEADING, max(section.level, 2)
            blocks = [b.text for b in section.blocks]
            blocks = [_edit_words(t, rng, vocabulary, rate) for t in blocks]
            copied = _section(section_id, level, heading, blocks, section.blocks)
            sections.append(copied)
            total += len(heading.split()) + sum(len(t.split()) for t in blocks)
            if total >= words:
                break
        copy += 1
    return replace(revision, id=f"{revision.id}-x{words}", sections=tuple(sections), body="")


def edit(revision: Revision, seed: int, rate: float = 0.01, new_id: str | None = None) -> Revision:
    """A copy of `revision` with seeded random edits; about `rate` of the words
    and blocks are touched."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(revision)
    all_texts = [b.text for s in revision.sections for b in s.blocks] or [""]
    sections = []
    for section in revision.sections:
        heading = section.heading
        if heading and rng.random() < rate * 5:
            heading = _edit_words(heading, rng, vocabulary, 0.5)
        texts = []
        for block in section.blocks:
            roll = rng.random()
            if roll < rate:
                continue  # paragraph deleted
            text = _edit_words(block.text, rng, vocabulary, rate)
            if roll < rate * 2 and len(text.split()) > 4:
                words = text.split()
                cut = rng.randrange(1, len(words))
                texts.extend([" ".join(words[:cut]), " ".join(words[cut:])])  # split
            else:
                texts.append(text)
            if rng.random() < rate:
                texts.append(_edit_words(rng.choice(all_texts), rng, vocabulary, 0.2))  # new paragraph
        sections.append(_section(section.id, section.level, heading, texts, section.blocks))
    _move_some(sections, rng, rate)
    return replace(revision, id=new_id or f"{revision.id}-e{seed}", sections=tuple(sections), body="")


def chain(base: Revision, count: int, seed: int, rate: float = 0.01, words: int | None = None) -> list[Revision]:
    """`count` revisions, each an edit of the one before, linked by `previous`."""
    first = grow(base, words, seed) if words else base
    out = [replace(first, id="syntetisk-a", previous=None)]
    for n in range(1, count):
        rev = edit(out[-1], seed + n, rate, new_id=f"syntetisk-{copy_suffix(n)}")
        out.append(replace(rev, previous=out[-1].id, label=f"Syntetisk version {n + 1}"))
    return out


def write_proposals(docs_dir: Path, revisions: RevisionSet, count: int, seed: int) -> list[Revision]:
    """A chain of `count` edits of the revision in force, written into a copy of
    a project's `docs/` as proposals that follow its newest revision (proposals
    join the chain without touching the lock of the adopted ones)."""
    written = []
    for revision in chain(revisions.in_force, count, seed):
        revision = replace(revision, status="proposed", previous=revision.previous or revisions.newest.id)
        source = Path(docs_dir) / "revisioner" / revision.id / "index.md"
        source.parent.mkdir(parents=True)
        source.write_text(to_markdown(revision), encoding="utf-8")
        written.append(revision)
    return written


def to_markdown(revision: Revision) -> str:
    """The revision as a source file (`docs/revisioner/<id>/index.md`), so a
    synthetic chain can also be built as a site."""
    front = {"revision": revision.id, "title": revision.title, "label": revision.label,
             "status": revision.status, "text": revision.text, "previous": revision.previous,
             "source": revision.source}
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    lines.append("---")
    for section in revision.sections:
        if section.heading:
            lines += ["", f"{'#' * max(section.level, 2)} {_escape(section.heading)} {{#{section.id}}}"]
        previous_kind = None
        for block in section.blocks:
            if block.kind == "li":
                if previous_kind != "li":
                    lines.append("")
                lines.append(f"- {_escape(block.text)}")
            else:
                lines += ["", _escape(block.text)]
            previous_kind = block.kind
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    text = RE_INLINE_MARKUP.sub(r"\\\1", " ".join(text.split()))
    return "\\" + text if RE_LEADING_MARKUP.match(text) else text


def _vocabulary(revision: Revision) -> list[str]:
    words = {w for s in revision.sections for b in s.blocks for w in b.text.split()}
    return sorted(words) or ["ord"]


def _edit_words(text: str, rng: random.Random, vocabulary: list[str], rate: float) -> str:
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < rate * 0.3:
            out.append(rng.choice(vocabulary))  # replaced
        elif roll < rate * 0.55:
            pass  # deleted
        elif roll < rate * 0.8:
            out.extend([word] + [rng.choice(vocabulary) for _ in range(rng.randint(1, 3))])  # inserted
        elif roll < rate * 0.9:
            out.append(f"*{word}*")  # emphasis only: not a change
        else:
            out.append(word)
    separator = "  " if rng.random() < rate else " "  # whitespace only: not a change
    return separator.join(out)


def _section(section_id: str, level: int, heading: str, texts: list[str], like: tuple[Block, ...]) -> Section:
    kinds = [b.kind for b in like] or ["p"]
    blocks = tuple(Block(f"{section_id}-{n}", kinds[min(n - 1, len(kinds) - 1)], text, n)
                   for n, text in enumerate(texts, start=1))
    return Section(section_id, level, heading, blocks)


def _move_some(sections: list[Section], rng: random.Random, rate: float) -> None:
    """Move about `rate` of the sections (never the text before the first heading)."""
    for _ in range(sum(1 for _ in sections if rng.random() < rate)):
        if len(sections) < 3:
            return
        moving = sections.pop(rng.randrange(1, len(sections)))
        sections.insert(rng.randrange(1, len(sections) + 1), moving)

"""Finding law references in running text with the grammar (links/lawgrammar.py).

Running text is never parsed whole: `LawReferenceFinder.find` looks for anchors
(§, kap., an SFS number, a known name or abbreviation ...), tries the few places
before each where a reference can start, and parses the longest reference that
starts there. The checks before the parser are cheap on purpose: linking a whole
revision must cost no more than the regular expression this replaced
(scripts/bench_lawrefs.py)."""
from __future__ import annotations

import copy
import re

from lark.exceptions import LarkError, UnexpectedInput

from agreement.links.lawgrammar import Reference, build_parser, moved

# Where a reference may be: a section sign, a chapter, an SFS number, a report,
# "samma"/"nämnda", the table's abbreviations; and the head of each name
# (`name_anchor`), looked for only in text that has a word of theirs ("lag",
# "balk": `in` is far cheaper than the regex engine). All are plain literals (both
# cases of a first letter spelled out), which the regex engine skips past quickly.
FIXED_ANCHORS = (r"§", r"kap[.\s]", r"\(\s*\d{4}:", r"SFS\s", "SOU", r"Dir\.", r"samma\s", r"nämnda\s")
RE_STATUTE_WORD = re.compile(r"lag|balk|förordning", re.IGNORECASE)
# Where, before an anchor, a reference may start: a number, an SFS number in
# brackets, "samma", "den", "nämnda", "SFS", a report; never inside a word, a
# number ("2025-06-02"), a path or after an abbreviation's dot. A name starts at
# its own anchor, and a word for a statute right before its SFS number
# ("bokföringslagen (1999:1078)", RE_WORD_BEFORE_NUMBER).
RE_START = re.compile(r"(?<![\w\-–:/.])(?:\d|\(\s*\d{4}:|(?:samma|den|(?:först|sist)?nämnda)\s|SFS\s|SOU|Dir\.)")
RE_WORD_BEFORE_NUMBER = re.compile(r"(?<![\w\-–:/.])[\w-]+,?\s*$")
LOOKBEHIND = 60  # characters before an anchor where its reference may start
LOOKAHEAD = 240  # characters after a start a reference may span


class LawReferenceFinder:
    """The grammar compiled for one law table, and the search for references in text."""

    def __init__(self, names: set[str], abbreviations: set[str]):
        self.parser = build_parser(names, abbreviations)
        # The search for the longest prefix only recognizes: no rule's result is built.
        self._recognize_only = copy.copy(self.parser.parse_interactive("").parser_state.parse_conf)
        self._recognize_only.callbacks = {}
        self.anchors = re.compile("|".join([*FIXED_ANCHORS, *sorted(map(re.escape, abbreviations), key=len, reverse=True)]))
        heads, gates = set(), set()
        for name in names:
            head = name_anchor(name)
            heads |= {head[0].upper() + head[1:], head[0].lower() + head[1:]}
            word = RE_STATUTE_WORD.search(head)
            gate = word.group().lower() if word else head.split()[0].lower()
            gates |= {gate, gate[0].upper() + gate[1:]}
        self.name_gates = tuple(sorted(gates))
        self.name_anchors = re.compile("|".join(sorted(map(re.escape, heads), key=len, reverse=True)) or "(?!x)x")

    def anchors_in(self, text: str):
        """The anchors of `text` in order."""
        for gate in self.name_gates:
            if gate in text:
                return sorted([*self.anchors.finditer(text), *self.name_anchors.finditer(text)], key=_match_start)
        return self.anchors.finditer(text)

    def parse(self, text: str) -> Reference:
        """Parse `text` as exactly one reference (LarkError if it is not one)."""
        return moved(self.parser.parse(text), 0, text)

    def longest(self, text: str, start: int) -> Reference | None:
        """The longest reference that starts at `start` and ends at a word boundary.
        Mostly the parser stops at the first word after the reference, and ending
        the input there gives it; otherwise step back to an earlier end."""
        window = text[start:start + LOOKAHEAD]
        try:
            found = self.parser.parse(window)
        except UnexpectedInput as stop:
            found = None
            if stop.interactive_parser is not None:
                try:
                    found = stop.interactive_parser.feed_eof()
                except LarkError:
                    found = None
        if found is not None and not (start + found.end < len(text) and _word_goes_on(text[start + found.end])):
            return moved(found, start, text)
        return self._longest_by_steps(text, start, window)

    def _longest_by_steps(self, text: str, start: int, window: str) -> Reference | None:
        """Feed tokens one by one, note each point where the parse could end, then
        parse the longest such prefix that ends at a word boundary."""
        interactive = self.parser.parse_interactive(window)
        interactive.parser_state.parse_conf = self._recognize_only
        ends: list[int] = []
        previous_end, fed = None, False
        try:
            for token in interactive.lexer_thread.lex(interactive.parser_state):
                if previous_end is not None and "$END" in interactive.choices():
                    ends.append(previous_end)
                fed = False
                interactive.feed_token(token)
                previous_end, fed = token.end_pos, True
        except LarkError:
            pass
        if fed and "$END" in interactive.choices():
            ends.append(previous_end)
        for end in reversed(ends):
            if start + end < len(text) and _word_goes_on(text[start + end]):
                continue
            try:
                return moved(self.parser.parse(window[:end]), start, text)
            except LarkError:  # LALR may announce an end its reductions then refuse
                continue
        return None

    def find(self, text: str) -> list[Reference]:
        """Every reference in `text`, left to right, none overlapping."""
        refs: list[Reference] = []
        done = 0
        for anchor in self.anchors_in(text):
            if anchor.start() < done:
                continue
            for start in _starts(text, max(done, anchor.start() - LOOKBEHIND), anchor.start()):
                if not self._may_start(text, start, anchor.end()):
                    continue
                ref = self.longest(text, start)
                if ref is not None and ref.end > anchor.start():
                    refs.append(ref)
                    done = ref.end
                    break
        return refs

    @staticmethod
    def _may_start(text: str, start: int, anchor_end: int) -> bool:
        """A number starts a provision, which has a § or a chapter before the
        anchor's end: a cheap check that spares the parser most numbers."""
        if text[start].isdigit():
            between = text[start:anchor_end]
            return "§" in between or "kap" in between
        return True


def _match_start(match: re.Match) -> int:
    return match.start()


def name_anchor(name: str) -> str:
    """Enough of a name to find it without stopping at every "lag" of the text:
    up to its statute word ("socialtjänstlag", "hälso- och sjukvårdslag"), or three
    words where the name starts with one ("lagen om stöd")."""
    words = name.split()
    word = RE_STATUTE_WORD.search(name)
    if word is None or RE_STATUTE_WORD.fullmatch(words[0].rstrip("ens")) or words[0].casefold() in ("lagen", "lag"):
        return " ".join(words[:3])
    return " ".join(name[:word.end()].split())


def _word_goes_on(char: str) -> bool:
    return char.isalnum() or char == "-"


def _starts(text: str, lo: int, anchor: int):
    """Candidate starts before the anchor, left to right, then the anchor itself."""
    for m in RE_START.finditer(text, lo, anchor):
        yield m.start()
    if text[anchor] == "(":
        word = RE_WORD_BEFORE_NUMBER.search(text, lo, anchor)
        if word:
            yield word.start()
    if anchor == 0 or not (text[anchor - 1].isalnum() or text[anchor - 1] in "-–:/."):
        yield anchor

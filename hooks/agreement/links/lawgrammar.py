"""The grammar of Swedish statute references, as a legal reader writes them
("4 kap. 19 och 20 §§ SoL", "16 § första stycket 2 samma lag", "lagen
(2017:612) om ...", "socialtjänstlagens 3 f §"), and the typed result of a parse.

The grammar is a lark LALR grammar (GRAMMAR below): one named rule per form.
Only words and numbers are regular-expression terminals; the statute names and
abbreviations of the law table become two of them (KNOWN_NAME, ABBREVIATION).
Running text is never parsed whole: `LawGrammar.find` looks for anchors (§,
kap., an SFS number, a known name ...) and parses the longest reference that
starts at a word just before each one. Resolution (which statute, which link)
is not here: see links/lawrefs.py."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError

GRAMMAR = r"""
?start: reference

?reference: provision_list statute            -> provisions_of_statute
          | provision_list                    -> provisions_in_context
          | chapter statute                   -> chapter_only
          | statute provision_list            -> statute_then_provisions
          | statute LPAR provision_list RPAR  -> statute_then_bracketed
          | statute DOTTED                    -> statute_then_dotted
          | statute                           -> statute_only
          | SFS_WORD SFS_NUMBER               -> sfs_explicit
          | REPORT_KIND SFS_NUMBER            -> report

// "2 §, 4 § och 7 § LSS", "10 kap. 1 § och 8 § SoL" (8 § takes chapter 10)
provision_list: provision_group (_SEP provision_group)*
?provision_group: chapter? section PARA detail?     -> single_provision
                | chapter? section_list PARAS       -> provision_series
// "19 och 20 §§", "2-5, 7 och 8 §§", "11–16 §§"
section_list: list_item (_SEP list_item)*
?list_item: section
          | section _DASH section                  -> section_range
section: NUMBER LETTER?
chapter: NUMBER LETTER? KAP                       // "2 a kap."

// "första stycket 2", "2 st.", "andra stycket andra punkten", "första och andra styckena"
detail: stycke (punkt_number | punkt)? mening?
      | punkt mening?
      | mening
stycke: ordinals STYCKE_WORD | NUMBER STYCKE_ABBR
punkt: ordinals PUNKT_WORD | NUMBER PUNKT_ABBR
punkt_number: NUMBER
mening: ordinals MENING_WORD
ordinals: ORDINAL (_SEP ORDINAL)*

// "socialtjänstlagen, SoL, (2001:453)", "HSL", "bokföringslagen (1999:1078)", "(1982:713)"
statute: KNOWN_NAME SFS_PAREN?                          -> named
       | KNOWN_NAME _NAME_SEP ABBREVIATION SFS_PAREN?   -> named_with_abbreviation
       | ABBREVIATION SFS_PAREN?                        -> abbreviated
       | LAW_WORD SFS_PAREN                             -> numbered
       | SFS_PAREN                                      -> number_only
       | SAMMA STATUTE_KIND                             -> same_statute
       | DEN? MENTIONED STATUTE_KIND                    -> mentioned_statute

_SEP: "," | "och" | "eller" | "samt"
_DASH: "-" | "–" | "—"
_NAME_SEP: "," | "/"
LPAR: "("
RPAR: ")"
SFS_WORD: "SFS"
SAMMA: "samma"
DEN: "den"
PARA: "§"
PARAS: "§§"
KAP: /kap\b\.?/
NUMBER: /\d+(?![\d:])/
LETTER: /[a-z](?!\w)/
DOTTED.2: /\d+\.\d+(?!\d)/
ORDINAL: /(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde)(?!\w)/
STYCKE_WORD: /stycke(?:t|na)(?!\w)/
STYCKE_ABBR: /st\./
PUNKT_WORD: /punkt(?:en|erna)(?!\w)/
PUNKT_ABBR: /p\./
MENING_WORD: /mening(?:en|arna)(?!\w)/
SFS_NUMBER: /\d{4}:\d+(?!\d)/
SFS_PAREN.2: /,?\s*\(\s*\d{4}:\d+\s*\)/
REPORT_KIND: /SOU|Dir\./
STATUTE_KIND: /(?:lag|förordning|balk)(?:en)?(?!\w)/
MENTIONED: /(?:först|sist)?nämnda(?!\w)/
LAW_WORD: /[a-zåäö-]*(?:lag|förordning|balk)(?:en)?(?!\w)/i
KNOWN_NAME.3: /%(names)s/i
ABBREVIATION.3: /%(abbreviations)s/

%%import common.WS
%%ignore WS
"""

# Where a reference may be: a section sign, a chapter, an SFS number, a report,
# "samma lag"/"nämnda lag"; the table's names and abbreviations are added per table.
RE_FIXED_ANCHORS = (r"§|\bkap\b|\(\s*\d{4}:\d+\s*\)|\bSFS\s+\d|\bSOU\s*\d|\bDir\.\s*\d"
                    r"|\bsamma\s+(?:lag|förordning|balk)|nämnda\s+(?:lag|förordning|balk)")
# A reference starts at a word, a number or "(" that does not continue a word,
# a number ("2025-06-02"), a path or an abbreviation's dot.
RE_START = re.compile(r"(?<![\w\-–:/.])(?=[\w(])")
LOOKBEHIND = 80  # characters before an anchor where its reference may start
LOOKAHEAD = 240  # characters after a start a reference may span
ORDINALS = ("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde")


@dataclass(frozen=True)
class Provision:
    """One provision as a link of its own: `start`-`end` is the text the link covers."""

    start: int
    end: int
    chapter: str | None = None
    section: str | None = None  # with its letter: "8a"
    stycke: int | None = None
    punkt: int | None = None
    mening: int | None = None


@dataclass(frozen=True)
class ProvisionRange:
    """"11–16 §§": both ends link, each to its own section."""

    first: Provision
    last: Provision


@dataclass(frozen=True)
class StatuteMention:
    """How the reference names its statute."""

    start: int
    end: int
    kind: str  # "name", "number", "same" (samma/nämnda/sistnämnda lag), "first" (förstnämnda lag)
    name: str | None = None  # name or abbreviation as written, genitive s removed by the resolver
    abbreviation: str | None = None
    sfs: str | None = None
    statute_kind: str = "lag"  # "lag", "förordning" or "balk": what "samma lag" may refer back to


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    text: str
    form: str  # the grammar rule that matched
    provisions: tuple[Provision | ProvisionRange, ...] = ()
    statute: StatuteMention | None = None
    chapter: str | None = None  # chapter only: "2 kap. SoL"
    sfs: str | None = None  # "SFS 2017:612"
    report: str | None = None  # "SOU 2020:47", "Dir. 2020:68"

    def links(self) -> list[Provision]:
        """Every provision that gets a link of its own, in text order."""
        out = []
        for p in self.provisions:
            out.extend((p.first, p.last) if isinstance(p, ProvisionRange) else (p,))
        return out


def _kind_of(word: str) -> str:
    word = word.casefold()
    return "förordning" if "förordning" in word else "balk" if "balk" in word else "lag"


def _sfs_in(token) -> str:
    return re.search(r"\d{4}:\d+", str(token)).group()


def _span(items) -> tuple[int, int]:
    tokens = [t for t in _tokens(items)]
    return tokens[0].start_pos, tokens[-1].end_pos


def _tokens(items):
    for item in items:
        if isinstance(item, Token):
            yield item
        elif isinstance(item, _Part):
            yield from item.tokens
        elif isinstance(item, (list, tuple)):
            yield from _tokens(item)


@dataclass
class _Part:
    """An intermediate result: what a rule found, and the tokens it covers."""

    kind: str
    value: object
    tokens: list


class _ToReference(Transformer):
    """Parse tree -> Reference (positions are offsets into the parsed string)."""

    def __init__(self, text: str, offset: int):
        super().__init__()
        self.text, self.offset = text, offset

    # Provisions ---------------------------------------------------------------
    def section(self, items):
        return _Part("section", "".join(str(t) for t in items), list(items))

    def chapter(self, items):
        return _Part("chapter", "".join(str(t) for t in items[:-1]), list(items))

    def ordinals(self, items):
        return _Part("ordinals", [ORDINALS.index(str(t)) + 1 for t in items], list(items))

    def stycke(self, items):
        numbers = items[0].value if isinstance(items[0], _Part) else [int(items[0])]
        return _Part("stycke", (numbers, items[0].tokens if isinstance(items[0], _Part) else [items[0]]), _flat(items))

    def punkt(self, items):
        number = items[0].value[0] if isinstance(items[0], _Part) else int(items[0])
        return _Part("punkt", number, _flat(items))

    def punkt_number(self, items):
        return _Part("punkt", int(items[0]), list(items))

    def mening(self, items):
        return _Part("mening", items[0].value[0], _flat(items))

    def detail(self, items):
        return _Part("detail", {p.kind: p for p in items}, _flat(items))

    def section_range(self, items):
        return _Part("range", (items[0], items[1]), _flat(items))

    def section_list(self, items):
        return _Part("list", list(items), _flat(items))

    def single_provision(self, items):
        chapter = items[0] if items[0].kind == "chapter" else None
        rest = items[1:] if chapter else items
        section, para = rest[0], rest[1]
        detail = rest[2] if len(rest) > 2 else None
        return _Part("group", ("single", chapter, section, para, detail), _flat(items))

    def provision_series(self, items):
        chapter = items[0] if items[0].kind == "chapter" else None
        rest = items[1:] if chapter else items
        return _Part("group", ("series", chapter, rest[0], rest[1], None), _flat(items))

    def provision_list(self, items):
        return _Part("provisions", list(items), _flat(items))

    # Statutes -----------------------------------------------------------------
    def _mention(self, items, kind, name=None, abbreviation=None, sfs=None, statute_kind="lag"):
        start, end = _span(items)
        return _Part("statute", StatuteMention(start + self.offset, end + self.offset, kind, name, abbreviation,
                                               sfs, statute_kind), _flat(items))

    def named(self, items):
        sfs = _sfs_in(items[1]) if len(items) > 1 else None
        return self._mention(items, "name", " ".join(str(items[0]).split()), sfs=sfs, statute_kind=_kind_of(items[0]))

    def named_with_abbreviation(self, items):
        sfs = _sfs_in(items[2]) if len(items) > 2 else None
        return self._mention(items, "name", " ".join(str(items[0]).split()), str(items[1]), sfs, _kind_of(items[0]))

    def abbreviated(self, items):
        sfs = _sfs_in(items[1]) if len(items) > 1 else None
        return self._mention(items, "name", abbreviation=str(items[0]), sfs=sfs)

    def numbered(self, items):
        return self._mention(items, "number", sfs=_sfs_in(items[1]), statute_kind=_kind_of(items[0]))

    def number_only(self, items):
        return self._mention(items, "number", sfs=_sfs_in(items[0]))

    def same_statute(self, items):
        return self._mention(items, "same", statute_kind=_kind_of(items[-1]))

    def mentioned_statute(self, items):
        first = str(items[-2]).casefold().startswith("först")
        return self._mention(items, "first" if first else "same", statute_kind=_kind_of(items[-1]))

    # References ---------------------------------------------------------------
    def _reference(self, items, form, provisions=(), statute=None, **fields):
        start, end = _span(items)
        return Reference(start + self.offset, end + self.offset, self.text[start:end], form,
                         tuple(provisions), statute.value if statute else None, **fields)

    def provisions_of_statute(self, items):
        return self._reference(items, "provisions_of_statute", self._provisions(items[0], items), items[1])

    def provisions_in_context(self, items):
        return self._reference(items, "provisions_in_context", self._provisions(items[0], items))

    def chapter_only(self, items):
        return self._reference(items, "chapter_only", (), items[1], chapter=items[0].value)

    def statute_then_provisions(self, items):
        return self._reference(items, "statute_then_provisions", self._provisions(items[1], items), items[0])

    def statute_then_bracketed(self, items):
        return self._reference(items, "statute_then_bracketed", self._provisions(items[2], items), items[0])

    def statute_then_dotted(self, items):
        # "LSS 9.1": section 9, point 1, as the texts abbreviate it; the point is not linked.
        start, end = _span(items)
        section = str(items[1]).split(".")[0]
        provision = Provision(start + self.offset, end + self.offset, section=section)
        return self._reference(items, "statute_then_dotted", (provision,), items[0])

    def statute_only(self, items):
        return self._reference(items, "statute_only", (), items[0])

    def sfs_explicit(self, items):
        return self._reference(items, "sfs_explicit", sfs=str(items[1]))

    def report(self, items):
        kind = "Dir." if str(items[0]).startswith("Dir") else "SOU"
        return self._reference(items, "report", report=f"{kind} {items[1]}")

    def _provisions(self, provision_list: _Part, items) -> list:
        """One Provision per link. A lone provision links the whole reference (statute
        included); in a list each provision links its own words, and a chapter or
        statute shared by several provisions stays outside the links."""
        start, end = _span(items)
        groups = provision_list.value
        flat: list = []
        chapter = None
        shares = []  # for each group: does its own chapter reach the next group too?
        for i, group in enumerate(groups):
            own = group.value[1]
            shares.append(own is not None and i + 1 < len(groups) and groups[i + 1].value[1] is None)
        for i, group in enumerate(groups):
            form, own, body, para, detail = group.value
            chapter = own.value if own is not None else chapter
            head = own.tokens[0] if own is not None and not shares[i] else None
            if form == "single":
                flat.extend(self._single(chapter, body, para, detail, head))
            else:
                flat.extend(self._series(chapter, body, para))
        if len(flat) == 1 and isinstance(flat[0], Provision):
            return [Provision(start + self.offset, end + self.offset, *_fields(flat[0]))]
        return flat

    def _at(self, first, last, **fields) -> Provision:
        return Provision(first.start_pos + self.offset, last.end_pos + self.offset, **fields)

    def _single(self, chapter, section, para, detail, head):
        first = head or section.tokens[0]
        parts = detail.value if detail is not None else {}
        punkt = parts["punkt"].value if "punkt" in parts else None
        mening = parts["mening"].value if "mening" in parts else None
        if "stycke" not in parts:
            last = detail.tokens[-1] if detail is not None else para
            return [self._at(first, last, chapter=chapter, section=section.value, punkt=punkt, mening=mening)]
        numbers, number_tokens = parts["stycke"].value
        if len(numbers) == 1:
            return [self._at(first, detail.tokens[-1], chapter=chapter, section=section.value,
                             stycke=numbers[0], punkt=punkt, mening=mening)]
        # "första och andra styckena": one link per stycke.
        out = [self._at(first, number_tokens[0], chapter=chapter, section=section.value, stycke=numbers[0])]
        for n, token in list(zip(numbers, number_tokens))[1:-1]:
            out.append(self._at(token, token, chapter=chapter, section=section.value, stycke=n))
        out.append(self._at(number_tokens[-1], detail.tokens[-1], chapter=chapter, section=section.value,
                            stycke=numbers[-1]))
        return out

    def _series(self, chapter, section_list, paras):
        out = []
        items = section_list.value
        for i, item in enumerate(items):
            last_item = i == len(items) - 1
            if item.kind == "range":
                a, b = item.value
                first = self._at(a.tokens[0], a.tokens[-1], chapter=chapter, section=a.value)
                end = paras if last_item else b.tokens[-1]
                out.append(ProvisionRange(first, self._at(b.tokens[0], end, chapter=chapter, section=b.value)))
            else:
                end = paras if last_item else item.tokens[-1]
                out.append(self._at(item.tokens[0], end, chapter=chapter, section=item.value))
        return out


def _fields(p: Provision) -> tuple:
    return p.chapter, p.section, p.stycke, p.punkt, p.mening


def _flat(items) -> list:
    return list(_tokens(items))


def _alternatives(words: set[str], case_insensitive_words: bool) -> str:
    """A terminal body for the table's names or abbreviations: longest first, any
    whitespace between words, names with an optional genitive s, whole words only."""
    words = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return "(?!x)x"
    genitive = "s?" if case_insensitive_words else ""
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return f"(?:{body}){genitive}(?!\\w)".replace("/", "\\/")


class LawGrammar:
    """The grammar compiled for one law table, and the search for references in text."""

    def __init__(self, names: set[str], abbreviations: set[str]):
        grammar = GRAMMAR % {"names": _alternatives(names, True),
                             "abbreviations": _alternatives(abbreviations, False)}
        self.parser = Lark(grammar, parser="lalr", lexer="contextual")
        anchors = RE_FIXED_ANCHORS + (f"|(?i:{_alternatives(names, True)})" if names else "") + \
            (f"|(?<!\\w){_alternatives(abbreviations, False)}" if abbreviations else "")
        self.anchors = re.compile(anchors)

    def parse(self, text: str, offset: int = 0) -> Reference:
        """Parse `text` as exactly one reference (LarkError if it is not one)."""
        return _ToReference(text, offset).transform(self.parser.parse(text))

    def longest(self, text: str, start: int) -> Reference | None:
        """The longest reference that starts at `start` and ends at a word boundary:
        feed tokens one by one, note each point where the parse could end, and
        parse the longest of them whose end is not inside a word."""
        window = text[start:start + LOOKAHEAD]
        interactive = self.parser.parse_interactive(window)
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
            if start + end < len(text) and (text[start + end].isalnum() or text[start + end] == "-"):
                continue
            try:
                return self.parse(window[:end], start)
            except LarkError:
                continue
        return None

    def find(self, text: str) -> list[Reference]:
        """Every reference in `text`, left to right, none overlapping."""
        refs: list[Reference] = []
        done = 0
        for anchor in self.anchors.finditer(text):
            if anchor.start() < done:
                continue
            for start in _starts(text, max(done, anchor.start() - LOOKBEHIND), anchor.start()):
                ref = self.longest(text, start)
                if ref is not None and ref.end > anchor.start():
                    refs.append(ref)
                    done = ref.end
                    break
        return refs


def _starts(text: str, lo: int, anchor: int):
    for m in RE_START.finditer(text, lo, anchor + 1):
        yield m.start()

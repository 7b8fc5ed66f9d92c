"""The grammar of Swedish statute references, as a legal reader writes them
("4 kap. 19 och 20 §§ SoL", "16 § första stycket 2 samma lag", "lagen
(2017:612) om ...", "socialtjänstlagens 3 f §"), and the typed result of a parse.

The grammar is a lark LALR grammar (GRAMMAR below): one named rule per form.
Only words and numbers are regular-expression terminals; the statute names and
abbreviations of the law table become two of them (KNOWN_NAME, ABBREVIATION).
Finding references in running text is links/lawsearch.py; resolving them
(which statute, which link) is links/lawrefs.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lark import Lark, Token, Transformer

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


def _first(item) -> Token:
    return item if isinstance(item, Token) else item.first


def _last(item) -> Token:
    return item if isinstance(item, Token) else item.last


@dataclass(frozen=True)
class _Part:
    """An intermediate result: what a rule found, and its first and last token."""

    kind: str
    value: object
    first: Token
    last: Token


def _part(kind: str, value, items) -> _Part:
    return _Part(kind, value, _first(items[0]), _last(items[-1]))


class _ToReference(Transformer):
    """Rules -> typed results, applied while the LALR parser reduces (no tree is
    built). Positions are offsets into the parsed string; `moved` places them."""

    # Provisions ---------------------------------------------------------------
    def section(self, items):
        return _part("section", "".join(items), items)

    def chapter(self, items):
        return _part("chapter", "".join(items[:-1]), items)

    def ordinals(self, items):
        return _part("ordinals", tuple((ORDINALS.index(t) + 1, t) for t in items), items)

    def stycke(self, items):
        numbered = items[0].value if isinstance(items[0], _Part) else ((int(items[0]), items[0]),)
        return _part("stycke", numbered, items)

    def punkt(self, items):
        return _part("punkt", items[0].value[0][0] if isinstance(items[0], _Part) else int(items[0]), items)

    def punkt_number(self, items):
        return _part("punkt", int(items[0]), items)

    def mening(self, items):
        return _part("mening", items[0].value[0][0], items)

    def detail(self, items):
        return _part("detail", {p.kind: p for p in items}, items)

    def section_range(self, items):
        return _part("range", (items[0], items[1]), items)

    def section_list(self, items):
        return _part("list", items, items)

    def single_provision(self, items):
        chapter = items[0] if items[0].kind == "chapter" else None
        rest = items[1:] if chapter else items
        return _part("group", ("single", chapter, rest[0], rest[1], rest[2] if len(rest) > 2 else None), items)

    def provision_series(self, items):
        chapter = items[0] if items[0].kind == "chapter" else None
        rest = items[1:] if chapter else items
        return _part("group", ("series", chapter, rest[0], rest[1], None), items)

    def provision_list(self, items):
        return _part("provisions", items, items)

    # Statutes -----------------------------------------------------------------
    @staticmethod
    def _mention(items, kind, name=None, abbreviation=None, sfs=None, statute_kind="lag"):
        mention = StatuteMention(_first(items[0]).start_pos, _last(items[-1]).end_pos, kind, name, abbreviation,
                                 sfs, statute_kind)
        return _part("statute", mention, items)

    def named(self, items):
        sfs = _sfs_in(items[1]) if len(items) > 1 else None
        return self._mention(items, "name", " ".join(items[0].split()), sfs=sfs, statute_kind=_kind_of(items[0]))

    def named_with_abbreviation(self, items):
        sfs = _sfs_in(items[2]) if len(items) > 2 else None
        return self._mention(items, "name", " ".join(items[0].split()), str(items[1]), sfs, _kind_of(items[0]))

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
        first = items[-2].casefold().startswith("först")
        return self._mention(items, "first" if first else "same", statute_kind=_kind_of(items[-1]))

    # References ---------------------------------------------------------------
    @staticmethod
    def _reference(items, form, provisions=(), statute=None, **fields):
        return Reference(_first(items[0]).start_pos, _last(items[-1]).end_pos, "", form,
                         tuple(provisions), statute.value if statute else None, **fields)

    def provisions_of_statute(self, items):
        return self._reference(items, "provisions_of_statute", _provisions(items[0], items), items[1])

    def provisions_in_context(self, items):
        return self._reference(items, "provisions_in_context", _provisions(items[0], items))

    def chapter_only(self, items):
        return self._reference(items, "chapter_only", (), items[1], chapter=items[0].value)

    def statute_then_provisions(self, items):
        return self._reference(items, "statute_then_provisions", _provisions(items[1], items), items[0])

    def statute_then_bracketed(self, items):
        return self._reference(items, "statute_then_bracketed", _provisions(items[2], items), items[0])

    def statute_then_dotted(self, items):
        # "LSS 9.1": section 9, point 1, as the texts abbreviate it; the point is not linked.
        provision = Provision(_first(items[0]).start_pos, items[1].end_pos, section=items[1].split(".")[0])
        return self._reference(items, "statute_then_dotted", (provision,), items[0])

    def statute_only(self, items):
        return self._reference(items, "statute_only", (), items[0])

    def sfs_explicit(self, items):
        return self._reference(items, "sfs_explicit", sfs=str(items[1]))

    def report(self, items):
        kind = "Dir." if items[0].startswith("Dir") else "SOU"
        return self._reference(items, "report", report=f"{kind} {items[1]}")


def _at(first: Token, last: Token, **fields) -> Provision:
    return Provision(first.start_pos, last.end_pos, **fields)


def _provisions(provision_list: _Part, items) -> list:
    """One Provision per link. A lone provision links the whole reference (statute
    included); in a list each provision links its own words, and a chapter or
    statute shared by several provisions stays outside the links."""
    groups = provision_list.value
    flat: list = []
    chapter = None
    for i, group in enumerate(groups):
        form, own, body, para, detail = group.value
        shared = own is not None and i + 1 < len(groups) and groups[i + 1].value[1] is None
        chapter = own.value if own is not None else chapter
        head = own.first if own is not None and not shared else None
        flat.extend(_single(chapter, body, para, detail, head) if form == "single" else _series(chapter, body, para))
    if len(flat) == 1 and isinstance(flat[0], Provision):
        p = flat[0]
        return [Provision(_first(items[0]).start_pos, _last(items[-1]).end_pos, p.chapter, p.section, p.stycke,
                          p.punkt, p.mening)]
    return flat


def _single(chapter, section, para, detail, head) -> list[Provision]:
    first = head or section.first
    parts = detail.value if detail is not None else {}
    punkt = parts["punkt"].value if "punkt" in parts else None
    mening = parts["mening"].value if "mening" in parts else None
    numbered = parts["stycke"].value if "stycke" in parts else ()
    last = detail.last if detail is not None else para
    if len(numbered) <= 1:
        stycke = numbered[0][0] if numbered else None
        return [_at(first, last, chapter=chapter, section=section.value, stycke=stycke, punkt=punkt, mening=mening)]
    # "första och andra styckena": one link per stycke.
    out = [_at(first, numbered[0][1], chapter=chapter, section=section.value, stycke=numbered[0][0])]
    out += [_at(t, t, chapter=chapter, section=section.value, stycke=n) for n, t in numbered[1:-1]]
    out.append(_at(numbered[-1][1], last, chapter=chapter, section=section.value, stycke=numbered[-1][0]))
    return out


def _series(chapter, section_list, paras) -> list:
    out = []
    items = section_list.value
    for i, item in enumerate(items):
        last_token = paras if i == len(items) - 1 else _last(item)
        if item.kind == "range":
            a, b = item.value
            out.append(ProvisionRange(_at(a.first, a.last, chapter=chapter, section=a.value),
                                      _at(b.first, last_token, chapter=chapter, section=b.value)))
        else:
            out.append(_at(item.first, last_token, chapter=chapter, section=item.value))
    return out


def moved(ref: Reference, offset: int, text: str) -> Reference:
    """The reference with its positions in `text`, where the parsed string began at `offset`."""
    def move(p: Provision) -> Provision:
        return Provision(p.start + offset, p.end + offset, p.chapter, p.section, p.stycke, p.punkt, p.mening)
    provisions = tuple(ProvisionRange(move(p.first), move(p.last)) if isinstance(p, ProvisionRange) else move(p)
                       for p in ref.provisions)
    statute = ref.statute
    if statute is not None:
        statute = replace(statute, start=statute.start + offset, end=statute.end + offset)
    start, end = ref.start + offset, ref.end + offset
    return Reference(start, end, text[start:end], ref.form, provisions, statute, ref.chapter, ref.sfs, ref.report)


def alternatives(words: set[str], case_insensitive_words: bool) -> str:
    """A terminal body for the table's names or abbreviations: longest first, any
    whitespace between words, names with an optional genitive s, whole words only."""
    words = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return "(?!x)x"
    genitive = "s?" if case_insensitive_words else ""
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return f"(?:{body}){genitive}(?!\\w)".replace("/", "\\/")


def build_parser(names: set[str], abbreviations: set[str]) -> Lark:
    """The LALR parser for one law table; it returns a Reference (positions in
    the parsed string: `moved` places them in the text it came from)."""
    grammar = GRAMMAR % {"names": alternatives(names, True), "abbreviations": alternatives(abbreviations, False)}
    return Lark(grammar, parser="lalr", lexer="contextual", transformer=_ToReference())

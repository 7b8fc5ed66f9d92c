"""Law references resolved to links on a public law site, in lagen.nu's scheme:
`<base><SFS>` for a statute, `#K5P8aS2N1` for chapter 5, section 8 a, second
stycke, first punkt (`#P3f` in a statute without chapters, `#K2` for a chapter).
The grammar that finds the references is links/lawgrammar.py.

Which statute a bare name means depends on the day the text speaks of (a new
socialtjänstlag replaced SoL 2001:453 on 1 July 2025), so resolution takes a
date; an explicit SFS number in the reference always wins over the table, and a
statute the table does not know links by its number. "samma lag", "nämnda lag"
and a provision without a statute ("enligt 3 § eller 4 a §") take the statute
named last before them in the same paragraph (`Context`); one whose statute
cannot be known gets no link and a `problem` saying why."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from agreement.links.lawgrammar import Provision, Reference, StatuteMention
from agreement.links.lawsearch import LawReferenceFinder
from agreement.sources.lawtable import LawTable, Statute

DEFAULT_BASE_URL = "https://lagen.nu/"
# "t.o.m. SFS 2019:979" names the last amendment a consolidated text includes, not a statute to link.
RE_NOT_A_REFERENCE_BEFORE = re.compile(r"t\.o\.m\.\s*$")


@dataclass(frozen=True)
class LawLink:
    start: int
    end: int
    text: str
    href: str


@dataclass(frozen=True)
class Resolution:
    ref: Reference
    links: tuple[LawLink, ...] = ()
    statute: Statute | None = None
    sfs: str | None = None
    problem: str | None = None  # why a statute reference could not be resolved


@dataclass
class Context:
    """The statutes named so far in one paragraph, in order: (sfs, statute, kind)."""

    named: list[tuple[str, Statute | None, str]] = field(default_factory=list)

    def last(self, kind: str | None = None):
        return next((n for n in reversed(self.named) if kind is None or n[2] == kind), None)

    def first(self, kind: str):
        return next((n for n in self.named if n[2] == kind), None)


def compile_grammar(table: LawTable) -> LawReferenceFinder:
    return LawReferenceFinder(table.names(), table.abbreviations())


def parse(text: str, grammar: LawReferenceFinder) -> list[Reference]:
    return [r for r in grammar.find(text) if not RE_NOT_A_REFERENCE_BEFORE.search(text, max(0, r.start - 12), r.start)]


def statute_kind(statute: Statute) -> str:
    title = statute.title.casefold()
    return "förordning" if title.startswith("förordning") else "balk" if "balk" in title.split()[0] else "lag"


def _named(mention: StatuteMention, table: LawTable, day: _dt.date) -> tuple[str | None, Statute | None, str | None]:
    """(SFS number, statute, problem) for a statute named or numbered in the reference."""
    if mention.sfs:
        return mention.sfs, table.by_sfs(mention.sfs), None
    for name in (mention.name, mention.abbreviation):
        if not name:
            continue
        statute = table.resolve(name, day)
        if statute is None and mention.name == name and name.endswith("s"):
            statute = table.resolve(name[:-1], day)  # genitive: "socialtjänstlagens"
        if statute is not None:
            return statute.sfs, statute, None
    written = mention.name or mention.abbreviation
    return None, None, f"no statute in data/laws.yml is called '{written}' on {day.isoformat()}"


def _from_context(mention: StatuteMention | None, context: Context):
    if mention is None:
        found = context.last()
        why = "it names no statute and none is named before it in the paragraph"
    elif mention.kind == "first":
        found = context.first(mention.statute_kind)
        why = f"no {mention.statute_kind} is named before it in the paragraph"
    else:
        found = context.last(mention.statute_kind)
        why = f"no {mention.statute_kind} is named before it in the paragraph"
    return (found[0], found[1], None) if found else (None, None, why)


def fragment(p: Provision, statute: Statute | None) -> str | None:
    """The provision's anchor, or None where the reference cannot locate it in the
    statute (a section without chapter in a statute with chapters: e.g. "8 a §
    HSL (2017:30)" cites a section number of the older HSL; a statute the table
    does not know may or may not have chapters)."""
    chapters = statute.chapters if statute is not None else None
    if p.chapter:
        if chapters is False:
            return None
        anchor = f"K{p.chapter}" + (f"P{p.section}" if p.section else "")
    elif p.section and chapters is False:
        anchor = f"P{p.section}"
    else:
        return None
    if p.section and p.stycke:
        anchor += f"S{p.stycke}"
    if p.section and p.punkt:
        anchor += f"N{p.punkt}"
    return anchor


def resolve(ref: Reference, table: LawTable, day: _dt.date, base_url: str = DEFAULT_BASE_URL,
            context: Context | None = None) -> Resolution:
    """Links for one reference; a statute it names is added to `context`."""
    context = context if context is not None else Context()
    whole = (ref.start, ref.end, ref.text)
    if ref.report:
        href = table.reports.get(ref.report)
        return Resolution(ref, (LawLink(*whole, href),) if href else ())
    if ref.sfs:
        sfs, statute, problem = ref.sfs, table.by_sfs(ref.sfs), None
    elif ref.statute is not None and ref.statute.kind in ("name", "number"):
        sfs, statute, problem = _named(ref.statute, table, day)
    else:
        sfs, statute, problem = _from_context(ref.statute, context)
    if sfs is None:
        return Resolution(ref, problem=problem)
    if ref.sfs or (ref.statute is not None and ref.statute.kind in ("name", "number")):
        kind = statute_kind(statute) if statute else ref.statute.statute_kind if ref.statute else "lag"
        context.named.append((sfs, statute, kind))
    base = (base_url if base_url.endswith("/") else base_url + "/") + sfs

    def href(anchor):
        return base + (f"#{anchor}" if anchor else "")
    if ref.provisions:
        links = tuple(LawLink(p.start, p.end, _text(ref, p), href(fragment(p, statute))) for p in ref.links())
    elif ref.chapter:
        links = (LawLink(*whole, href(fragment(Provision(ref.start, ref.end, chapter=ref.chapter), statute))),)
    else:
        links = (LawLink(*whole, base),)
    return Resolution(ref, links, statute, sfs)


def _text(ref: Reference, p: Provision) -> str:
    return ref.text[p.start - ref.start:p.end - ref.start]


def resolve_text(text: str, grammar: LawReferenceFinder, table: LawTable, day: _dt.date,
                 base_url: str = DEFAULT_BASE_URL, context: Context | None = None) -> list[Resolution]:
    """Every reference in one paragraph's text (pass one Context for a paragraph
    split over several strings)."""
    context = context if context is not None else Context()
    return [resolve(ref, table, day, base_url, context) for ref in parse(text, grammar)]


def as_markdown(text: str, resolutions: list[Resolution]) -> str:
    """The text with each link as `[text](href)`: the golden files' notation."""
    out, pos = [], 0
    for link in sorted((link for r in resolutions for link in r.links), key=lambda link: link.start):
        out.append(text[pos:link.start])
        out.append(f"[{link.text}]({link.href})")
        pos = link.end
    out.append(text[pos:])
    return "".join(out)

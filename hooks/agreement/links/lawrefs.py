"""Swedish law references in running text: the grammar (RE_* constants), typed
results, and links to a public law site (lagen.nu's scheme: `<base><SFS>` for a
statute, `#K5P8a` for chapter 5 section 8 a, `#P3f` in a statute without
chapters).

Which statute a bare name means depends on the day the text speaks of (a new
socialtjänstlag replaced SoL 2001:453 on 1 July 2025), so resolution takes a
date; an explicit SFS number in the reference always wins over the table."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from agreement.sources.lawtable import LawTable, Statute

DEFAULT_BASE_URL = "https://lagen.nu/"

# "5 kap. 8 a §", "8 a §", "2 kap. 7 §", "3 f §"
RE_PROVISION = r"(?:(?P<chapter>\d+)\s*kap\.?\s+)?(?P<section>\d+)(?:\s?(?P<letter>[a-z]))?\s*§"
# ", (2001:453)", " (1993:387)", ", HSL, (2017:30)" after the statute's name
RE_SFS_TAIL = r"\s*,?\s*\((?P<sfs>\d{4}:\d+)\)"
# "HSL (8 a§)", "SoL (5 kap 8 a§)": the provision in brackets after the name
RE_PROVISION_AFTER = (r"\s*\((?:(?P<chapter_after>\d+)\s*kap\.?\s+)?(?P<section_after>\d+)"
                      r"(?:\s?(?P<letter_after>[a-z]))?\s*§\)")
# "LSS 9.1": section 9, point 1, as the texts abbreviate it
RE_DOTTED = r"(?:\s+(?P<dotted>\d+)\.\d+)?"
# "SFS 2017:612" (not "t.o.m. SFS 2019:979", which names the last amendment included)
RE_SFS_EXPLICIT = r"(?<!t\.o\.m\. )\bSFS\s+(?P<sfs_explicit>\d{4}:\d+)"
# "Lag (2017:612) om ..."
RE_LAG_NUMBER = r"\b(?i:lag(?:en)?)\s+\((?P<sfs_lag>\d{4}:\d+)\)"
# "SOU 2020:47", "SOU2019:29", "Dir. 2020:68"
RE_REPORT = r"(?<!\w)(?P<report_kind>SOU|Dir\.)\s*(?P<report_number>\d{4}:\d+)(?!\d)"


@dataclass(frozen=True)
class LawRef:
    """One reference as written: either a statute or a government report."""

    start: int
    end: int
    text: str
    name: str | None = None  # name or abbreviation as written
    sfs: str | None = None  # explicit SFS number in the reference
    chapter: str | None = None
    section: str | None = None  # with its letter: "8a"
    report: str | None = None  # "SOU 2020:47", "Dir. 2020:68"


@dataclass(frozen=True)
class Resolution:
    ref: LawRef
    href: str | None
    statute: Statute | None = None
    problem: str | None = None  # why a statute reference could not be resolved


def _alternation(words, case_insensitive: bool) -> str:
    words = sorted(set(words), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words) or r"(?!x)x"
    return f"(?i:{body})" if case_insensitive else f"(?:{body})"


def compile_grammar(table: LawTable) -> re.Pattern:
    names = _alternation(table.names(), True)
    abbreviations = _alternation(table.abbreviations(), False)
    statute = (rf"(?:(?P<name>{names})(?:\s*[/,]\s*(?P<abbr>{abbreviations}))?"
               rf"|(?P<abbr_only>{abbreviations}))(?!\w)")
    statute_ref = rf"(?<![\w-])(?:{RE_PROVISION}\s+)?{statute}(?:{RE_SFS_TAIL}|{RE_PROVISION_AFTER})?{RE_DOTTED}"
    return re.compile("|".join(f"(?:{p})" for p in (statute_ref, RE_SFS_EXPLICIT, RE_LAG_NUMBER, RE_REPORT)))


def parse(text: str, grammar: re.Pattern) -> list[LawRef]:
    refs = []
    for m in grammar.finditer(text):
        g = m.groupdict()
        common = dict(start=m.start(), end=m.end(), text=m.group())
        if g["report_kind"]:
            refs.append(LawRef(**common, report=f"{g['report_kind']} {g['report_number']}"))
        elif g["sfs_explicit"] or g["sfs_lag"]:
            refs.append(LawRef(**common, sfs=g["sfs_explicit"] or g["sfs_lag"]))
        else:
            if g["section_after"]:
                chapter, section = g["chapter_after"], g["section_after"] + (g["letter_after"] or "")
            elif g["section"]:
                chapter, section = g["chapter"], g["section"] + (g["letter"] or "")
            else:
                chapter, section = None, g["dotted"]
            refs.append(LawRef(**common, name=g["name"] or g["abbr"] or g["abbr_only"], sfs=g["sfs"],
                               chapter=chapter, section=section))
    return refs


def provision_anchor(ref: LawRef, statute: Statute | None) -> str | None:
    """The provision's anchor, or None where the reference cannot locate it in
    the statute it names (a section without chapter in a statute with chapters:
    e.g. "8 a § HSL (2017:30)" cites a section number of the older HSL)."""
    if not ref.section:
        return None
    if ref.chapter:
        return f"K{ref.chapter}P{ref.section}" if statute is None or statute.chapters else None
    return f"P{ref.section}" if statute is not None and not statute.chapters else None


def resolve(ref: LawRef, table: LawTable, day: _dt.date, base_url: str = DEFAULT_BASE_URL) -> Resolution:
    if ref.report:
        return Resolution(ref, table.reports.get(ref.report))
    statute = table.by_sfs(ref.sfs) if ref.sfs else table.resolve(ref.name, day)
    sfs = ref.sfs or (statute.sfs if statute else None)
    if sfs is None:
        return Resolution(ref, None, problem=f"no statute in data/laws.yml is called '{ref.name}' on {day.isoformat()}")
    anchor = provision_anchor(ref, statute)
    base = base_url if base_url.endswith("/") else base_url + "/"
    return Resolution(ref, f"{base}{sfs}" + (f"#{anchor}" if anchor else ""), statute)


def resolve_text(text: str, grammar: re.Pattern, table: LawTable, day: _dt.date,
                 base_url: str = DEFAULT_BASE_URL) -> list[Resolution]:
    return [resolve(ref, table, day, base_url) for ref in parse(text, grammar)]


def as_markdown(text: str, resolutions: list[Resolution]) -> str:
    """The text with each linked reference as `[text](href)`: the golden files' notation."""
    out, pos = [], 0
    for r in resolutions:
        out.append(text[pos:r.ref.start])
        out.append(f"[{r.ref.text}]({r.href})" if r.href else r.ref.text)
        pos = r.ref.end
    out.append(text[pos:])
    return "".join(out)

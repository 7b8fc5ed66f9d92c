"""The law table, `data/laws.yml`: which statute a name or abbreviation means on
a given day (each entry carries the period it applies to), and which public page
a government report (SOU, Dir.) has. The one source of these facts."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from agreement.model.dates import PartialDate
from agreement.model.errors import SourceError, SourceErrors
from agreement.sources.yamldata import LineDict, read_yaml

LAWS_FILE = "data/laws.yml"
RE_SFS = re.compile(r"^\d{4}:\d+$")
RE_REPORT = re.compile(r"^(SOU|Dir\.) (\d{4}:\d+)$")
STATUTE_KEYS = ("sfs", "title", "names", "abbreviations", "chapters", "in_force", "source")
REPORT_KEYS = ("ref", "url", "source")


@dataclass(frozen=True)
class Statute:
    sfs: str
    title: str
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    chapters: bool  # divided into chapters: a provision needs "N kap." to be located
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    source: str

    def applies_on(self, day: _dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class LawTable:
    statutes: tuple[Statute, ...]
    reports: dict[str, str]  # "SOU 2020:47" -> URL

    def names(self) -> set[str]:
        return {n for s in self.statutes for n in s.names}

    def abbreviations(self) -> set[str]:
        return {a for s in self.statutes for a in s.abbreviations}

    def by_sfs(self, sfs: str) -> Statute | None:
        return next((s for s in self.statutes if s.sfs == sfs), None)

    def resolve(self, name: str, day: _dt.date) -> Statute | None:
        """The statute a bare name or abbreviation means on `day`."""
        key = name.casefold()
        for statute in self.statutes:
            named = key in {n.casefold() for n in statute.names} or name in statute.abbreviations
            if named and statute.applies_on(day):
                return statute
        return None


def _first_day(value) -> _dt.date:
    d = PartialDate.parse(value)
    return _dt.date(d.year, d.month or 1, d.day or 1)


def _strings(entry: LineDict, key: str, path: str, errors: list) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(SourceError(path, entry.line_of(key), f"'{key}' must be a list of words in quotes"))
        return ()
    return tuple(v.strip() for v in value)


def _statute(entry, path: str, errors: list) -> Statute | None:
    if not isinstance(entry, LineDict):
        errors.append(SourceError(path, 1, "each item of 'statutes' must be a mapping"))
        return None
    before = len(errors)
    for key in entry:
        if key not in STATUTE_KEYS:
            errors.append(SourceError(path, entry.line_of(key), f"unknown key '{key}' (allowed: {', '.join(STATUTE_KEYS)})"))
    names = _strings(entry, "names", path, errors)
    abbreviations = _strings(entry, "abbreviations", path, errors)
    label = (names or abbreviations or (entry.get("title"),))[0]
    sfs = entry.get("sfs")
    if sfs is None:
        errors.append(SourceError(path, entry.line, f"statute '{label}' has no SFS number: add sfs: \"YYYY:N\""))
    elif not isinstance(sfs, str) or not RE_SFS.match(sfs):
        errors.append(SourceError(path, entry.line_of("sfs"), f"sfs {sfs!r} is not an SFS number \"YYYY:N\" (in quotes)"))
    for key in ("title", "source"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            errors.append(SourceError(path, entry.line_of(key), f"statute '{label}' needs '{key}' in words"))
    if not names and not abbreviations:
        errors.append(SourceError(path, entry.line, f"statute '{label}' needs 'names' or 'abbreviations'"))
    if not isinstance(entry.get("chapters"), bool):
        errors.append(SourceError(path, entry.line_of("chapters"), f"statute '{label}' needs 'chapters: true' or 'false'"))
    valid_from = valid_to = None
    period = entry.get("in_force")
    if period is not None:
        if not isinstance(period, dict) or set(period) - {"from", "to"}:
            errors.append(SourceError(path, entry.line_of("in_force"), "'in_force' must be {from: DATE, to: DATE}"))
        else:
            try:
                valid_from = _first_day(period["from"]) if "from" in period else None
                valid_to = PartialDate.parse(period["to"]).last_day() if "to" in period else None
            except ValueError as exc:
                errors.append(SourceError(path, entry.line_of("in_force"), f"'in_force': {exc}"))
    if len(errors) > before:
        return None
    return Statute(sfs, entry["title"].strip(), names, abbreviations, entry["chapters"],
                   valid_from, valid_to, entry["source"].strip())


def _overlaps(a: Statute, b: Statute) -> bool:
    lo = max(a.valid_from or _dt.date.min, b.valid_from or _dt.date.min)
    hi = min(a.valid_to or _dt.date.max, b.valid_to or _dt.date.max)
    return lo <= hi


def load_law_table(project_dir: Path) -> LawTable:
    path = Path(project_dir) / LAWS_FILE
    data, errors = read_yaml(path, LAWS_FILE)
    statutes: list[tuple[Statute, int]] = []
    reports: dict[str, str] = {}
    if data is not None and not isinstance(data, dict):
        errors.append(SourceError(LAWS_FILE, 1, "expected the keys 'statutes' and 'reports'"))
        data = None
    if data is not None:
        for key in data:
            if key not in ("statutes", "reports"):
                errors.append(SourceError(LAWS_FILE, data.line_of(key), f"unknown key '{key}' (allowed: statutes, reports)"))
        for entry in data.get("statutes") or []:
            statute = _statute(entry, LAWS_FILE, errors)
            if statute is not None:
                statutes.append((statute, entry.line))
        for entry in data.get("reports") or []:
            if not isinstance(entry, LineDict) or set(entry) != set(REPORT_KEYS):
                line = entry.line if isinstance(entry, LineDict) else 1
                errors.append(SourceError(LAWS_FILE, line, f"each report needs exactly {', '.join(REPORT_KEYS)}"))
                continue
            if not RE_REPORT.match(str(entry["ref"])):
                errors.append(SourceError(LAWS_FILE, entry.line_of("ref"), f"ref {entry['ref']!r} must read 'SOU YYYY:N' or 'Dir. YYYY:N'"))
                continue
            reports[entry["ref"]] = entry["url"]
    first_line: dict[str, int] = {}
    for statute, line in statutes:
        if statute.sfs in first_line:
            errors.append(SourceError(LAWS_FILE, line, f"SFS {statute.sfs} is already listed at line "
                                      f"{first_line[statute.sfs]}: one entry per statute"))
        first_line.setdefault(statute.sfs, line)
    for i, (a, _) in enumerate(statutes):
        for b, line in statutes[i + 1:]:
            shared = ({n.casefold() for n in a.names} & {n.casefold() for n in b.names}) | (set(a.abbreviations) & set(b.abbreviations))
            if shared and _overlaps(a, b):
                errors.append(SourceError(LAWS_FILE, line, f"'{sorted(shared)[0]}' means both {a.sfs} and {b.sfs} "
                                          "in overlapping periods: give each an in_force period"))
    if errors:
        raise SourceErrors(errors)
    return LawTable(tuple(s for s, _ in statutes), reports)

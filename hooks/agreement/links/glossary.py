"""The glossary, `data/abbreviations.yml`: each abbreviation with its expansion
and where that expansion comes from. One table feeds the `ordlista/` page and
the `<abbr title>` marks in revision text; an abbreviation without a sourced
expansion gets a bare `<abbr>` and is listed as lacking one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from agreement.model.errors import SourceError, SourceErrors
from agreement.text.textmatch import CODE_TAGS, classes, element, matches, text_slots, wrap_spans
from agreement.sources.html_allowlist import text_findings
from agreement.sources.yamldata import LineDict, read_yaml

ABBREVIATIONS_FILE = "data/abbreviations.yml"
MISSING = "förklaring saknas i källorna"
ENTRY_KEYS = ("expansion", "source")


@dataclass(frozen=True)
class Abbreviation:
    abbreviation: str
    expansion: str | None
    source: str | None


class Glossary:
    """The abbreviations, and one pattern that finds them in text: case matters
    ("SoL", not "sol"), whole words, and a Swedish genitive s may follow ("SVOMs")."""

    def __init__(self, entries: tuple[Abbreviation, ...]):
        self.entries = tuple(entries)
        self._by_text = {e.abbreviation: e for e in self.entries}
        words = sorted(self._by_text, key=len, reverse=True)
        self.pattern = (re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?=s?(?!\w))")
                        if words else None)

    def get(self, abbreviation: str) -> Abbreviation | None:
        return self._by_text.get(abbreviation)

    def sorted(self) -> list[Abbreviation]:
        return sorted(self.entries, key=lambda e: e.abbreviation.casefold())

    def anchors(self) -> dict[str, str]:
        """Each abbreviation's id on the glossary page: in lower case, unless
        another differs from it only in case ("SOU", "SoU"): then as written,
        so no two rows share an id."""
        folded = [e.abbreviation.casefold() for e in self.entries]
        return {e.abbreviation: e.abbreviation.casefold() if folded.count(e.abbreviation.casefold()) == 1
                else e.abbreviation for e in self.entries}


def load_glossary(project_dir: Path) -> Glossary:
    data, errors = read_yaml(Path(project_dir) / ABBREVIATIONS_FILE, ABBREVIATIONS_FILE)
    entries: list[Abbreviation] = []
    if data is not None and not isinstance(data, LineDict):
        errors.append(SourceError(ABBREVIATIONS_FILE, 1, "expected a mapping ABBREVIATION: {expansion, source}"))
        data = None
    for abbreviation, entry in (data or {}).items():
        line = data.line_of(abbreviation)
        if not isinstance(abbreviation, str) or not abbreviation.strip():
            # YAML reads an unquoted NO, ON or Y as a boolean, 2025 as a number, ~ as null.
            errors.append(SourceError(ABBREVIATIONS_FILE, line, f"abbreviation {abbreviation!r} is not text: "
                                      "write it in quotes, e.g. \"NO\":"))
            continue
        if not isinstance(entry, LineDict) or set(entry) != set(ENTRY_KEYS):
            errors.append(SourceError(ABBREVIATIONS_FILE, line, f"'{abbreviation}' needs exactly the keys expansion and source"))
            continue
        expansion, source = entry["expansion"], entry["source"]
        if expansion is not None and (not isinstance(expansion, str) or not expansion.strip()):
            errors.append(SourceError(ABBREVIATIONS_FILE, entry.line_of("expansion"), f"'{abbreviation}': expansion must be text or null"))
            continue
        if expansion is not None and (not isinstance(source, str) or not source.strip()):
            errors.append(SourceError(ABBREVIATIONS_FILE, entry.line_of("source"),
                                      f"'{abbreviation}': an expansion needs its source (a revision and section, the statute, or a public page)"))
            continue
        if expansion is None and source is not None:
            errors.append(SourceError(ABBREVIATIONS_FILE, entry.line_of("source"), f"'{abbreviation}': a source without an expansion"))
            continue
        markup = [key for key, value in entry.items() if isinstance(value, str) and text_findings(value)]
        if markup:  # shown as text in a title and a table cell: plain text only
            errors.extend(SourceError(ABBREVIATIONS_FILE, entry.line_of(key), f"'{abbreviation}': {key} must be plain text, not HTML")
                          for key in markup)
            continue
        entries.append(Abbreviation(abbreviation, expansion and expansion.strip(), source and source.strip()))
    if errors:
        raise SourceErrors(errors)
    return Glossary(tuple(entries))


def _skip(el) -> bool:
    """Abbreviations may sit in links (so `<a><abbr>` works), not in code or
    permalink marks, nor twice."""
    return el.tag in CODE_TAGS or el.tag == "abbr" or bool(classes(el) & {"headerlink", "paragraph-link"})


def mark_abbreviations(root, glossary: Glossary) -> None:
    if glossary.pattern is None:
        return
    spans_by_slot: dict[int, tuple] = {}
    for slot, match in matches(glossary.pattern, text_slots(root, _skip)):
        entry = glossary.get(match.group())
        make = lambda text, title=entry.expansion: element("abbr", {"title": title}, text)
        spans_by_slot.setdefault(id(slot), (slot, []))[1].append((match.start(), match.end(), make))
    for slot, spans in spans_by_slot.values():
        wrap_spans(slot, spans)

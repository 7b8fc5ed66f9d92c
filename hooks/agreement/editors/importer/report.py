"""What the editor reads after an import: per section whether its id was kept,
the share of the document's body words that stand in the Markdown in the same
order, what was counted apart (table of contents, headers, footers, page
numbers) and what was not converted."""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from agreement.editors.importer.document import Document
from agreement.editors.importer.ids import Match, OldSection

MIN_COVERAGE = {"docx": 0.99, "odt": 0.99, "pdf": 0.97}
KIND_SV = {"docx": "Word", "odt": "OpenDocument", "pdf": "PDF"}
KEPT = "id behållet"
KEPT_NEW_HEADING = "id behållet, rubriken ändrad från {old!r} till {new!r}"
NEW = "nytt id"
NOT_FOUND = "fanns i föregående version, hittades inte här"


@dataclass(frozen=True)
class Coverage:
    found: int  # body words that stand in the Markdown, in order
    total: int  # body words of the document

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 0.0


def coverage(body_words: list[str], markdown_words: list[str]) -> Coverage:
    matcher = difflib.SequenceMatcher(None, body_words, markdown_words, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return Coverage(found, len(body_words))


def percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


def section_lines(matches: list[Match], missing: list[OldSection], previous_id: str | None) -> list[str]:
    where = f" (jämfört med {previous_id})" if previous_id else ""
    lines = [f"Avsnitt{where}:"]
    for m in matches:
        if m.how == "new":
            status = NEW
        elif m.old_heading is not None and m.how == "text":
            status = KEPT_NEW_HEADING.format(old=m.old_heading, new=m.heading)
        else:
            status = KEPT
        lines.append(f"  #{m.id}: {status}" + ("" if m.how == "text" else f" ({m.heading})"))
        if m.tie:
            lines.append(f"    OBS: lika nära {', '.join('#' + t for t in m.tie)}; kontrollera att #{m.id} är rätt.")
    for section in missing:
        lines.append(f"  #{section.id}: {NOT_FOUND} ({section.heading})")
    return lines


def report(document: Document, matches: list[Match], missing: list[OldSection],
           cover: Coverage, previous_id: str | None) -> str:
    lines = section_lines(matches, missing, previous_id)
    lines.append("")
    lines.append(f"Ord: {cover.found} av dokumentets {cover.total} ord i brödtexten står i Markdown i samma "
                 f"ordning ({percent(cover.share)}; minst {percent(MIN_COVERAGE[document.kind])} krävs).")
    if document.dropped:
        counts = Counter(a.kind for a in document.dropped)
        lines.append("Räknat för sig, inte med i texten: " +
                     ", ".join(f"{kind} ({n})" for kind, n in counts.items()) + ":")
        for aside in document.dropped:
            lines.append(f"  {aside.kind}, {aside.where}: {aside.text[:100]}")
    if document.unconverted:
        lines.append("Inte konverterat (för in för hand om det behövs):")
        for aside in document.unconverted:
            lines.append(f"  {aside.kind}, {aside.where}: {aside.text[:100] or '(ingen text)'}")
    else:
        lines.append("Inte konverterat: inget.")
    return "\n".join(lines)

"""Adopted revisions are frozen: `locks/revisions.json` records, for each
locked revision, a checksum of its text per section, its paragraph anchors and
the errata it had when it was locked.

The build fails when a locked revision's text changes without a new `errata`
entry, and when an anchor it had disappears (links into the text would break,
errata or not). Checksums are taken over the Markdown source with whitespace
collapsed, so re-wrapping lines is no change but any changed word or mark is;
they do not depend on which Markdown extensions the site renders with."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from agreement.build.atomic import write_atomically
from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION
from agreement.sources.body import scan_headings
from agreement.model.revision import Revision, RevisionSet

LOCK_FILE = "locks/revisions.json"
RE_SPACE = re.compile(r"\s+")


def _digest(text: str) -> str:
    return hashlib.sha256(RE_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def section_sources(revision: Revision) -> dict[str, tuple[int, str]]:
    """Each section's Markdown source (its heading line and the text under it),
    keyed by section id, with the line its heading stands on."""
    body_line = revision.meta.get("body_line", 1)
    lines = revision.body.split("\n")
    headings = [h for h in scan_headings(revision.body, body_line) if h.id]
    starts = [(PREAMBLE_SECTION, body_line)] + [(h.id, h.line) for h in headings]
    out: dict[str, tuple[int, str]] = {}
    for i, (section_id, line) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else body_line + len(lines)
        text = "\n".join(lines[line - body_line:end - body_line])
        if section_id == PREAMBLE_SECTION and not text.strip():
            continue
        out[section_id] = (line, text)
    return out


def errata_key(erratum) -> str:
    return f"{erratum.date.iso()} {erratum.description}"


def fingerprint(revision: Revision) -> dict:
    """What the lock file records about one revision."""
    sections = {sid: _digest(text) for sid, (_line, text) in section_sources(revision).items()}
    return {
        "checksum": _digest("\n".join(f"{k} {v}" for k, v in sections.items())),
        "sections": sections,
        "anchors": [b.anchor for s in revision.sections for b in s.blocks],
        "errata": [errata_key(e) for e in revision.errata],
        **source_file_fingerprint(revision),
    }


def source_file_fingerprint(revision: Revision) -> dict:
    """The kept document the text was imported from, by its SHA-256 (none without one)."""
    return {"source_sha256": revision.source_sha256} if revision.source_file else {}


def _check_source_file(revision: Revision, locked: dict, lock_path: str) -> list[SourceError]:
    if "source_sha256" not in locked or locked["source_sha256"] == revision.source_sha256:
        return []
    line = revision.meta.get("key_lines", {}).get("source_sha256", 1)
    return [SourceError(revision.path, line,
                        f"the document adopted revision '{revision.id}' was imported from has changed since it "
                        f"was locked ({lock_path}: source_sha256 {locked['source_sha256']}): the kept document "
                        f"is frozen with the text; restore it")]


@dataclass
class Lock:
    path: str  # relative path for messages, e.g. locks/revisions.json
    revisions: dict  # id -> fingerprint
    text: str = ""  # the file's text, for line numbers

    def line_of(self, revision_id: str) -> int:
        needle = json.dumps(revision_id) + ":"
        for number, line in enumerate(self.text.splitlines(), 1):
            if line.strip().startswith(needle):
                return number
        return 1


def read_lock(project_dir: Path) -> tuple[Lock, list[SourceError]]:
    file = Path(project_dir) / LOCK_FILE
    if not file.exists():
        return Lock(LOCK_FILE, {}), []
    text = file.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Lock(LOCK_FILE, {}, text), [SourceError(LOCK_FILE, exc.lineno, f"malformed JSON: {exc.msg}")]
    revisions = data.get("revisions") if isinstance(data, dict) else None
    if not isinstance(revisions, dict) or not all(
            isinstance(v, dict) and {"checksum", "sections", "anchors", "errata"} <= v.keys()
            for v in revisions.values()):
        return Lock(LOCK_FILE, {}, text), [SourceError(
            LOCK_FILE, 1, "expected {\"revisions\": {id: {checksum, sections, anchors, errata}}}: "
                          "write it with scripts/lock.py, never by hand")]
    return Lock(LOCK_FILE, revisions, text), []


def check_lock(revisions: RevisionSet, lock: Lock) -> list[SourceError]:
    """Every way the locked revisions differ from the lock, as source errors."""
    errors: list[SourceError] = []
    for revision_id, locked in lock.revisions.items():
        revision = revisions.get(revision_id)
        if revision is None:
            errors.append(SourceError(lock.path, lock.line_of(revision_id),
                                      f"locked revision '{revision_id}' no longer exists: an adopted revision is never removed"))
            continue
        errors.extend(_check_revision(revision, locked, lock.path))
    return errors


def _check_revision(revision: Revision, locked: dict, lock_path: str) -> list[SourceError]:
    errors = []
    current = fingerprint(revision)
    sources = section_sources(revision)
    body_line = revision.meta.get("body_line", 1)
    key_lines = revision.meta.get("key_lines", {})

    def section_line(section_id: str) -> int:
        return sources[section_id][0] if section_id in sources else body_line

    errors += _check_source_file(revision, locked, lock_path)
    anchors = set(current["anchors"])
    for anchor in locked["anchors"]:
        if anchor not in anchors:
            section_id = anchor.rsplit("-", 1)[0]
            errors.append(SourceError(revision.path, section_line(section_id),
                                      f"anchor '{anchor}' of adopted revision '{revision.id}' has disappeared "
                                      f"(recorded in {lock_path}): links to it would break; restore the "
                                      f"paragraph or its section id"))
    if current["checksum"] == locked["checksum"]:
        return errors
    new_errata = [e for e in current["errata"] if e not in locked["errata"]]
    if new_errata:
        return errors  # a correction, declared in the front matter
    changed = [sid for sid in {**locked["sections"], **current["sections"]}
               if locked["sections"].get(sid) != current["sections"].get(sid)]
    for section_id in changed:
        errors.append(SourceError(revision.path, section_line(section_id),
                                  f"the text of adopted revision '{revision.id}' has changed in section "
                                  f"'{section_id}' since it was locked ({lock_path}): an adopted text is "
                                  f"frozen; undo the change, or record it as a correction with a new "
                                  f"'errata' entry {{date, description}} and run scripts/lock.py {revision.id}"))
    if not changed:  # only the order of sections differs
        errors.append(SourceError(revision.path, key_lines.get("revision", 1),
                                  f"the sections of adopted revision '{revision.id}' have moved since it was "
                                  f"locked ({lock_path}): add an 'errata' entry or undo the change"))
    return errors


def record(lock: Lock, revision: Revision) -> dict:
    """The lock's revisions with `revision` recorded as it is now."""
    return {**lock.revisions, revision.id: fingerprint(revision)}


def write_lock(project_dir: Path, revisions: dict) -> Path:
    """Write the lock file atomically: a temporary file beside it, then a rename."""
    file = Path(project_dir) / LOCK_FILE
    file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"revisions": dict(sorted(revisions.items()))}, ensure_ascii=False, indent=2) + "\n"
    write_atomically(file, text)
    return file


"""Adopted revisions are frozen: `locks/revisions.json` records, for each
locked revision, its status, a checksum of its text per section, its paragraph
anchors and the errata it had when it was locked. `scripts/lock.py` is the only
thing that writes it.

The build fails when
- an adopted or superseded revision has no entry (the lock must be complete),
- a locked revision's status goes back (adopted may become superseded, nothing else),
- a locked section's text changes, unless a new erratum names that section
  (errata already recorded unlock nothing), or an erratum recorded in the lock
  is removed or changed, or the sections change order,
- an anchor it had disappears (links into the text would break, errata or not).
Checksums are taken over the Markdown source with whitespace collapsed, so
re-wrapping lines is no change but any changed word or mark is; they do not
depend on which Markdown extensions the site renders with."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from agreement.build.atomic import write_atomically
from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION, STATUSES, Revision, RevisionSet
from agreement.sources.body import scan_headings

LOCK_FILE = "locks/revisions.json"
LOCK_FORMAT = 2
LOCKED_STATUSES = ("adopted", "superseded")
ENTRY_KEYS = ("status", "checksum", "sections", "anchors", "errata")
OPTIONAL_ENTRY_KEYS = ("source_sha256",)  # the kept source document, when the revision was imported
ERRATUM_KEYS = ("date", "section", "description")
RE_SPACE = re.compile(r"\s+")
RE_DIGEST = re.compile(r"^[0-9a-f]{64}$")
BY_HAND = "write the lock with scripts/lock.py, never by hand"


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


def erratum_record(erratum) -> dict:
    return {"date": erratum.date.iso(), "section": erratum.section, "description": erratum.description}


def fingerprint(revision: Revision) -> dict:
    """What the lock file records about one revision."""
    sections = {sid: _digest(text) for sid, (_line, text) in section_sources(revision).items()}
    return {
        "status": revision.status,
        "checksum": _digest("\n".join(f"{k} {v}" for k, v in sections.items())),
        "sections": sections,
        "anchors": [b.anchor for s in revision.sections for b in s.blocks],
        "errata": [erratum_record(e) for e in revision.errata],
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

    def line_of(self, revision_id: str, key: str | None = None) -> int:
        """The line of a revision's entry (or of one key in it), as scripts/lock.py writes them."""
        lines = self.text.splitlines()
        needle = json.dumps(revision_id) + ":"
        start = next((n for n, line in enumerate(lines) if line.strip().startswith(needle)), None)
        if start is None:
            return 1
        if key is not None:
            key_needle, indent = json.dumps(key) + ":", _indent(lines[start])
            for n in range(start + 1, len(lines)):
                if _indent(lines[n]) <= indent:  # past the entry
                    break
                if lines[n].strip().startswith(key_needle):
                    return n + 1
        return start + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _entry_problems(entry) -> list[tuple[str | None, str]]:
    """(key, what is wrong) for one entry of the lock."""
    if not isinstance(entry, dict):
        return [(None, "must be an object {" + ", ".join(ENTRY_KEYS) + "}")]
    problems = [(None, f"lacks '{k}'") for k in ENTRY_KEYS if k not in entry]
    problems += [(k, f"has unknown key '{k}'") for k in entry if k not in ENTRY_KEYS + OPTIONAL_ENTRY_KEYS]
    checks = {
        "status": (lambda v: v in LOCKED_STATUSES, f"'status' must be one of {', '.join(LOCKED_STATUSES)}"),
        "checksum": (lambda v: isinstance(v, str) and bool(RE_DIGEST.match(v)), "'checksum' must be a SHA-256 in hex"),
        "sections": (lambda v: isinstance(v, dict) and all(isinstance(d, str) and RE_DIGEST.match(d) for d in v.values()),
                     "'sections' must map section ids to SHA-256 checksums"),
        "anchors": (lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v), "'anchors' must be a list of anchor ids"),
        "source_sha256": (lambda v: isinstance(v, str) and bool(RE_DIGEST.match(v)), "'source_sha256' must be a SHA-256 in hex"),
        "errata": (lambda v: isinstance(v, list) and all(
            isinstance(e, dict) and set(e) == set(ERRATUM_KEYS) and all(isinstance(x, str) for x in e.values()) for e in v),
            "'errata' must be a list of {date, section, description}"),
    }
    for key, (valid, message) in checks.items():
        if key in entry and not valid(entry[key]):
            problems.append((key, message))
    return problems


def read_lock(project_dir: Path) -> tuple[Lock, list[SourceError]]:
    file = Path(project_dir) / LOCK_FILE
    if not file.exists():
        return Lock(LOCK_FILE, {}), []
    try:
        text = file.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        return Lock(LOCK_FILE, {}), [SourceError(LOCK_FILE, 1, f"not UTF-8 text: {exc.reason}; {BY_HAND}")]
    except json.JSONDecodeError as exc:
        return Lock(LOCK_FILE, {}, text), [SourceError(LOCK_FILE, exc.lineno, f"malformed JSON: {exc.msg}; {BY_HAND}")]
    except RecursionError:
        return Lock(LOCK_FILE, {}, text), [SourceError(LOCK_FILE, 1, f"JSON nested too deep; {BY_HAND}")]
    lock = Lock(LOCK_FILE, {}, text)
    if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT or not isinstance(data.get("revisions"), dict):
        return lock, [SourceError(LOCK_FILE, 1, f"expected {{\"format\": {LOCK_FORMAT}, \"revisions\": {{id: {{"
                                                f"{', '.join(ENTRY_KEYS)}}}}}}}; {BY_HAND}")]
    errors = [SourceError(LOCK_FILE, lock.line_of(revision_id, key), f"entry '{revision_id}' {problem}; {BY_HAND}")
              for revision_id, entry in data["revisions"].items()
              for key, problem in _entry_problems(entry)]
    if not errors:
        lock.revisions = data["revisions"]
    return lock, errors


def check_lock(revisions: RevisionSet, lock: Lock, locking: tuple[str, ...] = ()) -> list[SourceError]:
    """Every way the revisions differ from the lock, as source errors. `locking`:
    the revisions scripts/lock.py is about to record, which may lack an entry."""
    errors: list[SourceError] = []
    for revision_id, locked in lock.revisions.items():
        revision = revisions.get(revision_id)
        if revision is None:
            errors.append(SourceError(lock.path, lock.line_of(revision_id),
                                      f"locked revision '{revision_id}' no longer exists: an adopted revision is never removed"))
            continue
        errors.extend(_check_revision(revision, locked, lock.path))
    for revision in revisions:
        if revision.status in LOCKED_STATUSES and revision.id not in lock.revisions and revision.id not in locking:
            errors.append(SourceError(revision.path, revision.meta.get("key_lines", {}).get("status", 1),
                                      f"revision '{revision.id}' is {revision.status} but has no entry in {lock.path}: "
                                      f"an adopted text is frozen there; run scripts/lock.py {revision.id} "
                                      f"(or restore its entry)"))
    return errors


def _check_revision(revision: Revision, locked: dict, lock_path: str) -> list[SourceError]:
    errors = []
    current = fingerprint(revision)
    sources = section_sources(revision)
    body_line = revision.meta.get("body_line", 1)
    key_lines = revision.meta.get("key_lines", {})

    def section_line(section_id: str) -> int:
        return sources[section_id][0] if section_id in sources else body_line

    def error(line: int, message: str) -> None:
        errors.append(SourceError(revision.path, line, message))

    if STATUSES.index(revision.status) < STATUSES.index(locked["status"]):
        error(key_lines.get("status", 1),
              f"revision '{revision.id}' is locked as {locked['status']} ({lock_path}): its status cannot go back to "
              f"{revision.status}; an adopted revision stays adopted or becomes superseded")

    errors += _check_source_file(revision, locked, lock_path)
    anchors = set(current["anchors"])
    for anchor in locked["anchors"]:
        if anchor not in anchors:
            section_id = anchor.rsplit("-", 1)[0]
            error(section_line(section_id),
                  f"anchor '{anchor}' of adopted revision '{revision.id}' has disappeared "
                  f"(recorded in {lock_path}): links to it would break; restore the paragraph or its section id")
    for erratum in locked["errata"]:
        if erratum not in current["errata"]:
            error(key_lines.get("errata", key_lines.get("revision", 1)),
                  f"the erratum of {erratum['date']} on section '{erratum['section']}' recorded in {lock_path} "
                  f"is missing or changed: a recorded correction stays as it was")
    if current["checksum"] == locked["checksum"]:
        return errors
    # Only sections that a new erratum names may differ from the lock.
    corrected = {e["section"] for e in current["errata"] if e not in locked["errata"]}
    changed = [sid for sid in {**locked["sections"], **current["sections"]}
               if locked["sections"].get(sid) != current["sections"].get(sid)]
    for section_id in changed:
        if section_id not in corrected:
            error(section_line(section_id),
                  f"the text of adopted revision '{revision.id}' has changed in section '{section_id}' since it "
                  f"was locked ({lock_path}): an adopted text is frozen; undo the change, or record it as a "
                  f"correction with a new 'errata' entry {{date, section: {section_id}, description}} and run "
                  f"scripts/lock.py {revision.id}")
    shared = [sid for sid in current["sections"] if sid in locked["sections"]]
    if shared != [sid for sid in locked["sections"] if sid in current["sections"]]:
        error(key_lines.get("revision", 1),
              f"the sections of adopted revision '{revision.id}' have moved since it was locked ({lock_path}): "
              f"an adopted text keeps its order; undo the change")
    return errors


def record(lock: Lock, revision: Revision) -> dict:
    """The lock's revisions with `revision` recorded as it is now."""
    return {**lock.revisions, revision.id: fingerprint(revision)}


def write_lock(project_dir: Path, revisions: dict) -> Path:
    """Write the lock file atomically: a temporary file beside it, then a rename."""
    file = Path(project_dir) / LOCK_FILE
    file.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": LOCK_FORMAT, "revisions": dict(sorted(revisions.items()))}
    write_atomically(file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return file

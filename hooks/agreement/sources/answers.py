"""The answers file beside a draft (`docs/revisioner/<id>/synpunkter.yml`): one
entry per comment, where it came from, the paragraphs it is about (each with
its text as it was, since anchors are positional and drafts change), and the
editors' decision with its reason.

`scripts/import_comments.py` writes entries with `publish: false`; an editor
reads each one and sets `publish: true` before its text appears anywhere.
Validated like every source: every problem as `path:line: message`."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from agreement import labels
from agreement.model.errors import SourceError
from agreement.model.revision import Revision
from agreement.sources.yamldata import LineDict, read_yaml

DECISIONS = tuple(labels.DECISION)
ROUTES = tuple(labels.COMMENT_ROUTE)
SENDERS = tuple(labels.SENDER)
ENTRY_KEYS = ("ref", "route", "received", "sender", "organisation", "name_consent", "paragraphs",
              "text", "publish", "decision", "reason", "same_as")
REQUIRED_KEYS = ("ref", "route", "sender", "paragraphs", "text", "publish")
FILE_KEYS = ("updated", "comments")


@dataclass(frozen=True)
class CommentParagraph:
    anchor: str
    text: str  # the paragraph as it read when the comment came ("" if not kept)


@dataclass(frozen=True)
class AnswerEntry:
    ref: str
    route: str
    sender: str
    paragraphs: tuple[CommentParagraph, ...]  # empty: the whole draft
    text: str
    publish: bool
    line: int
    received: _dt.date | None = None
    organisation: str | None = None
    name_consent: bool = False
    decision: str | None = None
    reason: str | None = None
    same_as: str | None = None

    @property
    def named_organisation(self) -> str | None:
        """The name the site may show: an organisation's, with its consent; never a person's."""
        if self.sender == "organisation" and self.name_consent and self.organisation:
            return self.organisation
        return None


@dataclass(frozen=True)
class Answers:
    revision_id: str
    path: str
    entries: tuple[AnswerEntry, ...]
    updated: _dt.date | None = None  # when the editors last published the compilation

    def decision_of(self, entry: AnswerEntry) -> AnswerEntry:
        """The entry that carries the answer (itself, or the one it is `same_as`)."""
        if entry.same_as:
            return next((e for e in self.entries if e.ref == entry.same_as), entry)
        return entry

    def totals(self) -> dict[str, int]:
        """Comments per decision, every decision named, then those not answered yet."""
        counts = {d: 0 for d in DECISIONS}
        unanswered = 0
        for entry in self.entries:
            decision = self.decision_of(entry).decision
            if decision:
                counts[decision] += 1
            else:
                unanswered += 1
        return {**counts, labels.NOT_ANSWERED: unanswered}


def _date(value) -> _dt.date | None:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    return None


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _paragraphs(raw, entry: LineDict, revision: Revision, error) -> tuple[CommentParagraph, ...]:
    if not isinstance(raw, list):
        error(entry.line_of("paragraphs"), "paragraphs: a list of {anchor, text} ([] for the whole draft)")
        return ()
    anchors = {b.anchor for s in revision.sections for b in s.blocks}
    out = []
    for item in raw:
        line = getattr(item, "line", entry.line_of("paragraphs"))
        if not isinstance(item, dict) or not isinstance(item.get("anchor"), str):
            error(line, "paragraphs: each item needs an anchor, e.g. {anchor: malgrupper-2, text: ...}")
            continue
        unknown = sorted(set(item) - {"anchor", "text"})
        if unknown:
            error(line, f"paragraphs: unknown key '{unknown[0]}' (known: anchor, text)")
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        if item["anchor"] not in anchors and not text.strip():
            error(item.line_of("anchor"), f"paragraph '{item['anchor']}' does not exist in {revision.path} "
                                          f"(and no text was kept to find it again by)")
            continue
        out.append(CommentParagraph(item["anchor"], text.strip()))
    return tuple(out)


def _entry(raw, revision: Revision, error) -> AnswerEntry | None:
    if not isinstance(raw, LineDict):
        error(getattr(raw, "line", 1), "each comment is a mapping (ref, route, sender, paragraphs, text, publish, ...)")
        return None
    ok = True

    def bad(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        error(raw.line_of(key), message)

    for key in raw:
        if key not in ENTRY_KEYS:
            bad(key, f"unknown key '{key}' (known: {', '.join(ENTRY_KEYS)})")
    for key in REQUIRED_KEYS:
        if key not in raw:
            bad(key, f"missing key '{key}'")
    if not ok:
        return None
    if not _text(str(raw["ref"]) if isinstance(raw["ref"], (str, int)) else None):
        bad("ref", "ref: the comment's reference, e.g. the registrar's number")
    if raw["route"] not in ROUTES:
        bad("route", f"unknown route '{raw['route']}' (one of: {', '.join(ROUTES)})")
    if raw["sender"] not in SENDERS:
        bad("sender", f"unknown sender '{raw['sender']}' (one of: {', '.join(SENDERS)})")
    if not isinstance(raw["publish"], bool):
        bad("publish", "publish: true or false")
    if not _text(raw["text"]):
        bad("text", "text: the comment, in words")
    organisation = _text(raw.get("organisation"))
    if raw.get("organisation") is not None and raw["sender"] != "organisation":
        bad("organisation", "organisation: only when sender is organisation (a private person is never named)")
    if not isinstance(raw.get("name_consent", False), bool):
        bad("name_consent", "name_consent: true or false")
    if "received" in raw and _date(raw["received"]) is None:
        bad("received", f"received: '{raw['received']}' is not a date YYYY-MM-DD")
    decision = raw.get("decision")
    if decision is not None and decision not in DECISIONS:
        bad("decision", f"unknown decision '{decision}' (one of: {', '.join(DECISIONS)})")
    reason = _text(raw.get("reason"))
    if decision is not None and reason is None:
        bad("decision", f"decision '{decision}' needs a reason (reason: ...) in words")
    if reason is not None and decision is None:
        bad("reason", "reason without a decision: add decision (one of: " + ", ".join(DECISIONS) + ")")
    if raw.get("same_as") is not None and decision is not None:
        bad("same_as", "same_as takes the decision of the other comment: give one or the other")
    paragraphs = _paragraphs(raw["paragraphs"], raw, revision, error)
    if not ok:
        return None
    return AnswerEntry(
        ref=str(raw["ref"]).strip(), route=raw["route"], sender=raw["sender"], paragraphs=paragraphs,
        text=raw["text"].strip(), publish=raw["publish"], line=raw.line,
        received=_date(raw.get("received")), organisation=organisation,
        name_consent=raw.get("name_consent", False), decision=decision, reason=reason,
        same_as=str(raw["same_as"]) if raw.get("same_as") is not None else None)


def load_answers(path: Path, rel_path: str, revision: Revision) -> tuple[Answers | None, list[SourceError]]:
    """The answers file of `revision`, or None and every problem in it."""
    data, errors = read_yaml(path, rel_path)
    if errors:
        return None, errors

    def error(line: int, message: str) -> None:
        errors.append(SourceError(rel_path, line, message))

    if not isinstance(data, LineDict) or not isinstance(data.get("comments"), list):
        error(getattr(data, "line", 1), "expected a mapping with 'comments:', a list (may be empty: comments: [])")
        return None, errors
    for key in data:
        if key not in FILE_KEYS:
            error(data.line_of(key), f"unknown key '{key}' (known: {', '.join(FILE_KEYS)})")
    updated = data.get("updated")
    if updated is not None and _date(updated) is None:
        error(data.line_of("updated"), f"updated: '{updated}' is not a date YYYY-MM-DD")
    entries = [e for raw in data["comments"] if (e := _entry(raw, revision, error)) is not None]
    first: dict[str, AnswerEntry] = {}
    for entry in entries:
        if entry.ref in first:
            error(entry.line, f"ref '{entry.ref}' is used twice (first on line {first[entry.ref].line})")
        first.setdefault(entry.ref, entry)
    for entry in entries:
        if entry.same_as is not None and (entry.same_as not in first or entry.same_as == entry.ref):
            error(entry.line, f"same_as '{entry.same_as}' names no other comment in this file")
    if errors:
        return None, errors
    return Answers(revision.id, rel_path, tuple(entries), _date(updated)), []

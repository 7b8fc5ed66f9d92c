"""Comments as people send them: the body of an issue made with the
`.github/ISSUE_TEMPLATE/synpunkt.yml` form, inside the records that
`gh issue list --json number,title,body,labels,createdAt,author` prints.

GitHub writes a form's answers as `### <label>` headings, each followed by the
answer (`_No response_` when left empty; checked boxes as `- [X] <option>`).
The labels here and in the form must agree; a test holds them together."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from agreement.model.revision import RevisionSet

# (field id in the issue form, its label): the one definition of the form's fields.
FIELDS = (
    ("organisation", "Organisation"),
    ("stycke", "Stycke"),
    ("avsnitt", "Avsnitt"),
    ("utdrag", "Styckets början"),
    ("synpunkt", "Synpunkt"),
    ("formulering", "Förslag till formulering"),
    ("samtycke", "Publicering"),
)
LABEL_OF = dict(FIELDS)
NO_RESPONSE = "_No response_"
RE_FIELD_HEADING = re.compile(r"^###\s+(.+?)\s*$", re.M)
RE_CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]", re.M)
RE_REFERENCE = re.compile(r"^\s*([a-z0-9][a-z0-9.-]*)\s*#\s*([a-z][a-z0-9-]*-\d+)\s*$")


@dataclass(frozen=True)
class Comment:
    number: int
    revision: str
    anchor: str
    organisation: str
    text: str
    proposal: str
    consent: bool
    created: _dt.date


class RecordProblem(Exception):
    """A record that cannot be imported; `foreign` when it is not a comment on this draft."""

    def __init__(self, message: str, foreign: bool = False):
        super().__init__(message)
        self.foreign = foreign


def parse_form_body(body: str) -> dict[str, str]:
    """The answers of an issue-form body, keyed by field id (unknown headings ignored)."""
    ids = {label.casefold(): field_id for field_id, label in FIELDS}
    matches = list(RE_FIELD_HEADING.finditer(body or ""))
    answers: dict[str, str] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        value = body[match.end():end].strip()
        field_id = ids.get(match.group(1).casefold())
        if field_id is not None:
            answers[field_id] = "" if value == NO_RESPONSE else value
    return answers


def _created(value) -> _dt.date:
    if not isinstance(value, str):
        raise RecordProblem("createdAt saknas")
    try:
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise RecordProblem(f"createdAt '{value}' är inget datum") from None


def parse_record(record, revisions: RevisionSet, revision_id: str) -> Comment:
    """One exported issue as a Comment on `revision_id`, or RecordProblem."""
    if not isinstance(record, dict):
        raise RecordProblem("posten är inget objekt")
    number = record.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise RecordProblem("number saknas")
    body = record.get("body")
    if not isinstance(body, str):
        raise RecordProblem("body saknas")
    answers = parse_form_body(body)
    if "stycke" not in answers:
        raise RecordProblem(f"inte skrivet med synpunktsformuläret (fältet '{LABEL_OF['stycke']}' saknas)", foreign=True)
    match = RE_REFERENCE.match(answers["stycke"])
    if not match:
        raise RecordProblem(f"stycket '{answers['stycke']}' ska skrivas version#stycke, t.ex. {revision_id}#malgrupper-2")
    revision, anchor = match.groups()
    if revision != revision_id:
        raise RecordProblem(f"gäller version {revision}, inte {revision_id}", foreign=True)
    target = revisions.get(revision_id)
    anchors = {b.anchor for s in target.sections for b in s.blocks} if target else set()
    if anchor not in anchors:
        raise RecordProblem(f"stycket {anchor} finns inte i version {revision_id}")
    organisation = answers.get("organisation", "").strip()
    text = answers.get("synpunkt", "").strip()
    if not organisation or not text:
        raise RecordProblem("organisation eller synpunkt saknas")
    return Comment(
        number=number, revision=revision, anchor=anchor, organisation=organisation,
        text=text, proposal=answers.get("formulering", "").strip(),
        consent=bool(RE_CHECKED.search(answers.get("samtycke", ""))),
        created=_created(record.get("createdAt")),
    )


def parse_records(records, revisions: RevisionSet, revision_id: str) -> tuple[list[Comment], list[str]]:
    """Every importable comment, and one Swedish line per record skipped."""
    if not isinstance(records, list):
        return [], ["filen ska innehålla en lista av ärenden (gh issue list --json ...)"]
    comments, problems = [], []
    seen: set[int] = set()
    for index, record in enumerate(records, 1):
        number = record.get("number") if isinstance(record, dict) else None
        where = f"post {index}" + (f" (#{number})" if number is not None else "")
        try:
            comment = parse_record(record, revisions, revision_id)
        except RecordProblem as problem:
            kind = "hör inte hit" if problem.foreign else "felaktig"
            problems.append(f"{where}: {kind}, hoppas över: {problem}")
            continue
        if comment.number in seen:
            problems.append(f"{where}: finns redan i filen, hoppas över")
            continue
        seen.add(comment.number)
        comments.append(comment)
    return comments, problems

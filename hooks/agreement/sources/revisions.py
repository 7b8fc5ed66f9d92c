"""Read and validate every revision under `docs/revisioner/*/index.md` into a
`RevisionSet`. All errors of a run are collected and raised at once."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from pathlib import Path

from agreement import urls
from agreement.model import dates
from agreement.model.dates import PartialDate
from agreement.model.errors import SourceError, SourceErrors
from agreement.sources.body import check_body, scan_headings
from agreement.model.revision import (STATUSES, TEXT_KINDS, CommentPeriod, Decision, Erratum,
                    Revision, RevisionSet)
from agreement.text.render import Renderer, make_renderer
from agreement.sources.frontmatter import Checker, read_front_matter
from agreement.text.structure import sections_of_html

REVISIONS_DIR = urls.REVISIONS.rstrip("/")  # docs/ mirrors the site's paths
RE_REVISION_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
RE_SECTION_ID = re.compile(r"^[a-z][a-z0-9-]*$")

REQUIRED = ("revision", "title", "label", "status", "text", "previous", "source")
OPTIONAL = ("adopted", "valid", "decisions", "comments", "errata", "source_file", "source_sha256")
RE_SOURCE_FILE = re.compile(r"^sources/[A-Za-z0-9][A-Za-z0-9._-]*\.(docx|odt|pdf)$")
RE_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def revision_paths(docs_dir: Path) -> list[Path]:
    return sorted((docs_dir / REVISIONS_DIR).glob("*/index.md"))


def _rel(path: Path, docs_dir: Path) -> str:
    try:
        return str(path.relative_to(docs_dir.parent))
    except ValueError:
        return str(path)


def check_comment_period(check: Checker, comments: CommentPeriod, today: _dt.date) -> None:
    """`from` no later than `until`, and a period shown as open has opened."""
    opens = comments.opened and _dt.date(comments.opened.year, comments.opened.month or 1, comments.opened.day or 1)
    if opens and comments.until and comments.until.last_day() < opens:
        check.error("comments", f"'comments.until' ({comments.until.iso()}) is before 'comments.from' "
                                f"({comments.opened.iso()})")
    elif comments.open and opens and opens > today:
        check.error("comments", f"'comments.from' is {comments.opened.iso()}, after the build date "
                                f"{today.isoformat()}, but open: true shows the period as open now: "
                                f"say open: false until it opens")


def read_revision(path: Path, rel_path: str, render: Renderer,
                  today: _dt.date | None = None) -> tuple[Revision | None, list[SourceError]]:
    today = today or dates.build_date()
    fm, errors = read_front_matter(path, rel_path)
    if fm is None:
        return None, errors
    check = Checker(fm, errors)
    check.keys(REQUIRED, OPTIONAL)
    data = fm.data

    revision_id = check.string("revision")
    folder = path.parent.name
    if revision_id is not None:
        if not RE_REVISION_ID.match(revision_id):
            check.error("revision", f"revision id '{revision_id}' is not safe in a URL: use [a-z0-9][a-z0-9.-]*")
        elif revision_id != folder:
            check.error("revision", f"revision '{revision_id}' differs from its folder name '{folder}'")
    title = check.string("title")
    label = check.string("label")
    source = check.string("source")
    status = check.choice("status", STATUSES)
    text = check.choice("text", TEXT_KINDS)
    previous = data.get("previous")
    if previous is not None and not isinstance(previous, str):
        check.error("previous", f"'previous' must be a revision id in quotes or null, got {type(previous).__name__} (quote it: previous: \"{previous}\")")
        previous = None

    adopted_value = data.get("adopted")
    adopted: tuple[PartialDate, ...] = ()
    if adopted_value is not None:
        values = adopted_value if isinstance(adopted_value, list) else [adopted_value]
        adopted = tuple(d for d in (check.date("adopted", v) for v in values) if d)

    valid_from = valid_to = None
    if "valid" in data:
        valid = check.mapping("valid", data["valid"], (), ("from", "to"))
        if valid:
            valid_from = check.date("valid", valid["from"]) if "from" in valid else None
            valid_to = check.date("valid", valid["to"]) if "to" in valid else None
            if valid_from and valid_to and valid_to < valid_from:
                check.error("valid", "'valid.to' is before 'valid.from'")

    def decision(item, line):
        item = check.mapping("decisions", item, ("body", "date"), ("ref",), line)
        if item is None:
            return None
        date = check.date("decisions", item["date"], line)
        body, ref = item["body"], item.get("ref")
        if not isinstance(body, str) or (ref is not None and not isinstance(ref, str)):
            check.error("decisions", "'decisions' items need text in 'body' and 'ref'", line)
            return None
        return Decision(body, date, ref) if date else None

    erratum_lines: dict[Erratum, int] = {}

    def erratum(item, line):
        # An erratum names the one section it corrects: the lock then lets
        # that section's text differ, and only that section.
        item = check.mapping("errata", item, ("date", "section", "description"), (), line)
        if item is None:
            return None
        date = check.date("errata", item["date"], line)
        section, description = item["section"], item["description"]
        if not isinstance(section, str) or not RE_SECTION_ID.match(section):
            check.error("errata", f"'errata' item: 'section' must be the id of the corrected section, e.g. "
                                  f"malgrupper, got {section!r}", line)
            return None
        if not isinstance(description, str) or not description.strip():
            check.error("errata", "'errata' items need a 'description' in words: what was changed", line)
            return None
        if date is None:
            return None
        erratum_lines[found := Erratum(date, section, description.strip())] = line
        return found

    decisions = check.list_of("decisions", decision)
    errata = check.list_of("errata", erratum)

    # The kept document the text was imported from; the build checks its checksum.
    source_file = check.string("source_file", required=False)
    source_sha256 = check.string("source_sha256", required=False)
    if source_file is not None and not RE_SOURCE_FILE.match(source_file):
        check.error("source_file", f"source_file '{source_file}' must name a .docx, .odt or .pdf in sources/ "
                                   "(e.g. sources/2027-utkast.docx)")
    if (source_file is None) != (source_sha256 is None):
        check.error("source_file" if source_file else "source_sha256",
                    "source_file and source_sha256 go together: give both or neither")
    elif source_sha256 is not None and not RE_SHA256.match(source_sha256):
        check.error("source_sha256", "source_sha256 must be 64 lowercase hex digits (the file's SHA-256)")

    comments = None
    if "comments" in data:
        c = check.mapping("comments", data["comments"], ("open",), ("until", "from"))
        if c is not None:
            if not isinstance(c["open"], bool):
                check.error("comments", "'comments.open' must be true or false")
            else:
                until = check.date("comments", c["until"]) if "until" in c else None
                opened = check.date("comments", c["from"]) if "from" in c else None
                comments = CommentPeriod(c["open"], until, opened)
                check_comment_period(check, comments, today)
        if status is not None and status != "draft":
            check.error("comments", "'comments' is only for revisions with status: draft")

    body_errors = check_body(rel_path, fm.body, fm.body_line, text in ("full", "excerpt"), render)
    errors.extend(body_errors)
    if text == "none" and fm.body.strip():
        check.error("text", "text: none, but the page has body text: remove it or say text: excerpt")

    required_values = (revision_id, title, label, source, status, text)
    if errors or any(v is None for v in required_values):
        return None, errors
    sections = sections_of_html(render(fm.body)) if text != "none" else ()
    heading_lines = {h.id: h.line for h in scan_headings(fm.body, fm.body_line)}
    sections = tuple(replace(s, line=heading_lines.get(s.id, fm.body_line)) for s in sections)
    section_ids = {s.id for s in sections}
    for item, line in erratum_lines.items():
        if item.section not in section_ids:
            check.error("errata", f"erratum of {item.date.iso()} names section '{item.section}', which this "
                                  f"revision does not have (sections: {', '.join(s.id for s in sections) or 'none'})", line)
    if errors:
        return None, errors
    return Revision(
        id=revision_id, title=title, label=label, status=status, text=text,
        previous=previous, source=source, path=rel_path, body=fm.body,
        adopted=adopted, valid_from=valid_from, valid_to=valid_to,
        decisions=decisions, comments=comments, errata=errata, sections=sections,
        source_file=source_file, source_sha256=source_sha256,
        meta={"key_lines": dict(fm.key_lines), "body_line": fm.body_line},
    ), errors


def order_chain(revisions: list[Revision]) -> tuple[list[Revision], list[SourceError]]:
    """Put revisions in chain order; report forks, cycles and unknown `previous`."""
    errors: list[SourceError] = []
    by_id = {r.id: r for r in revisions}

    def err(rev: Revision, message: str):
        errors.append(SourceError(rev.path, rev.meta["key_lines"].get("previous", 1), message))

    firsts = [r for r in revisions if r.previous is None]
    following: dict[str, list[Revision]] = {}
    for rev in revisions:
        if rev.previous is None:
            continue
        if rev.previous == rev.id:
            err(rev, f"previous '{rev.previous}' names the revision itself: the chain has a cycle")
        elif rev.previous not in by_id:
            err(rev, f"previous '{rev.previous}' names no revision (known: {', '.join(sorted(by_id))})")
        else:
            following.setdefault(rev.previous, []).append(rev)
    for previous, revs in following.items():
        if len(revs) > 1:
            names = " and ".join(f"'{r.id}'" for r in revs)
            for rev in revs:
                err(rev, f"fork in the chain: {names} both follow '{previous}'")
    followers = {previous: revs[0] for previous, revs in following.items()}
    if revisions and not firsts:
        for rev in revisions:
            err(rev, "no revision has previous: null, so the chain has no start (a cycle)")
        return [], errors
    for extra in firsts[1:]:
        err(extra, f"two revisions start the chain (previous: null): '{firsts[0].id}' and '{extra.id}'")
    if errors:
        return [], errors
    chain = []
    current = firsts[0] if firsts else None
    while current is not None and current not in chain:
        chain.append(current)
        current = followers.get(current.id)
    for rev in revisions:
        if rev not in chain:
            err(rev, f"revision '{rev.id}' is not reachable from '{firsts[0].id}': the chain has a cycle")
    return chain, errors


def load_revisions(docs_dir: Path, render: Renderer | None = None,
                   today: _dt.date | None = None) -> RevisionSet:
    """Every revision of the site, validated; raises SourceErrors listing all errors.
    `today` is the build date (default: SITE_BUILD_DATE or the real date)."""
    docs_dir = Path(docs_dir)
    render = render or make_renderer()
    today = today or dates.build_date()
    revisions: list[Revision] = []
    errors: list[SourceError] = []
    seen: dict[str, Revision] = {}
    for path in revision_paths(docs_dir):
        revision, errs = read_revision(path, _rel(path, docs_dir), render, today)
        errors.extend(errs)
        if revision is None:
            continue
        if revision.id in seen:
            errors.append(SourceError(revision.path, revision.meta["key_lines"]["revision"],
                                      f"duplicate revision id '{revision.id}' (also {seen[revision.id].path})"))
            continue
        seen[revision.id] = revision
        revisions.append(revision)
    if not errors:
        chain, chain_errors = order_chain(revisions)
        errors.extend(chain_errors)
    if errors:
        raise SourceErrors(errors)
    return RevisionSet(tuple(chain))

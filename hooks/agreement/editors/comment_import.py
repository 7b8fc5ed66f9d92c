"""From what came in to entries of the answers file: each comment placed on
its revision and paragraphs (the permanent address, `<id>#<anchor>`, or the
e-mail link's subject), a thread kept as one comment, duplicates dropped, and
everything that could not be placed listed with where it came from.

New entries carry `publish: false` and the paragraph's text as it reads now;
entries already in the file (the editors' decisions) are never touched: the
new ones are appended as text, so the file's comments and order stay."""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass

import yaml

from agreement.editors.comment_forms import Comment
from agreement.editors.mail_import import Incoming
from agreement.model.revision import PREAMBLE_SECTION, Revision, RevisionSet

RE_PERMALINK = re.compile(r"revisioner/([a-z0-9][a-z0-9.-]*)/(?:index\.html)?#([a-z][a-z0-9-]*-\d+)")
RE_REFERENCE = re.compile(r"(?<![\w/])([a-z0-9][a-z0-9.-]*)#([a-z][a-z0-9-]*-\d+)\b")
RE_REVISION_PAGE = re.compile(r"revisioner/([a-z0-9][a-z0-9.-]*)/(?![#\w])")
RE_SUBJECT = re.compile(r"Synpunkt på (.+), (.+), stycke (\d+)\s*$")
RE_NORMAL = re.compile(r"[\W_]+")


@dataclass
class Placed:
    incoming: Incoming
    anchors: tuple[str, ...]  # empty: the whole draft


def _subject_anchor(subject: str, revisions: RevisionSet) -> tuple[str, str] | None:
    match = RE_SUBJECT.search(subject)
    if not match:
        return None
    label, heading, number = match.groups()
    revision = next((r for r in revisions if r.label == label), None)
    if revision is None:
        return None
    section = next((s for s in revision.sections if s.heading == heading), None)
    if section is None and heading == "Text före första rubriken":
        section = revision.section(PREAMBLE_SECTION)
    return (revision.id, f"{section.id}-{number}") if section else None


def references(incoming: Incoming, revisions: RevisionSet) -> list[tuple[str, str]]:
    """Every (revision, anchor) a message names, in order, once each."""
    text = f"{incoming.subject}\n{incoming.body}"
    found = RE_PERMALINK.findall(text) + RE_REFERENCE.findall(text)
    if (subject := _subject_anchor(incoming.subject, revisions)) is not None:
        found.insert(0, subject)
    return list(dict.fromkeys(found))


def names_draft(incoming: Incoming, revision: Revision) -> bool:
    text = f"{incoming.subject}\n{incoming.body}"
    return (revision.id in RE_REVISION_PAGE.findall(text)
            or revision.label.casefold() in text.casefold())


def threads(messages: list[Incoming]) -> list[list[Incoming]]:
    """Messages joined by Message-ID, In-Reply-To and References, oldest first."""
    root_of: dict[str, int] = {}
    groups: list[list[Incoming]] = []
    for message in sorted(messages, key=lambda m: (m.received or _dt.date.min)):
        linked = next((root_of[p] for p in message.parents if p in root_of), None)
        if linked is None:
            linked = len(groups)
            groups.append([])
        groups[linked].append(message)
        for key in (message.message_id, *message.parents):
            if key:
                root_of.setdefault(key, linked)
    return groups


def mail_ref(first: Incoming) -> str:
    digest = hashlib.sha1((first.message_id or first.where).encode()).hexdigest()[:8]
    day = first.received.isoformat() if first.received else "odaterad"
    return f"e-post-{day}-{digest}"


def normalised(text: str) -> str:
    return RE_NORMAL.sub(" ", text.casefold()).strip()


def place_all(messages: list[Incoming], registrar: list[Incoming], revisions: RevisionSet,
              revision: Revision) -> tuple[list[Placed], list[str]]:
    """Placed comments on `revision`, and one Swedish line per message left out."""
    report: list[str] = []
    seen_ids: dict[str, str] = {}
    unique = []
    for message in messages:
        if message.message_id and message.message_id in seen_ids:
            report.append(f"{message.where}: dubblett (samma Message-ID som {seen_ids[message.message_id]}), hoppas över")
            continue
        if message.message_id:
            seen_ids[message.message_id] = message.where
        unique.append(message)
    numbers = {r.message_id: r for r in registrar if r.message_id}
    joined: set[int] = set()  # registrar rows that numbered a mail thread
    comments = []
    for thread in threads(unique):
        own = [m for m in thread if not m.from_site]
        if not own:
            report.extend(f"{m.where}: skickat av regionen själv (svar eller kvitto), ingen synpunkt" for m in thread)
            continue
        first = own[0]
        registered = next((numbers[m.message_id] for m in thread if m.message_id in numbers), None)
        if registered is not None:
            joined.add(id(registered))
        first.ref = registered.ref if registered else mail_ref(first)
        first.text = "\n\n".join(m.text for m in own if m.text)
        first.body = "\n".join(f"{m.subject}\n{m.body}" for m in thread)
        first.thread = thread
        first.attachments = tuple(a for m in own for a in m.attachments)
        comments.append(first)
    comments += [r for r in registrar if id(r) not in joined]
    placed, fingerprints = [], {}
    anchors_of = {b.anchor for s in revision.sections for b in s.blocks}
    for comment in comments:
        for name in comment.attachments:
            report.append(f"{comment.where}: bilagan '{name}' läses inte av importen; läs den i diariet")
        refs = references(comment, revisions)
        mine = [a for r, a in refs if r == revision.id and a in anchors_of]
        unknown = [f"{r}#{a}" for r, a in refs if r == revision.id and a not in anchors_of]
        foreign = sorted({r for r, _ in refs if r != revision.id})
        if unknown:
            report.append(f"{comment.where}: stycket {', '.join(unknown)} finns inte i {revision.id}")
        if not mine and not names_draft(comment, revision):
            why = f"gäller version {', '.join(foreign)}" if foreign else "inget stycke eller utkast kunde utläsas"
            report.append(f"{comment.where}: kunde inte placeras ({why}): \"{comment.subject[:80]}\"")
            continue
        if not comment.text.strip():
            report.append(f"{comment.where}: ingen text att importera")
            continue
        key = (normalised(comment.text), tuple(mine))
        if key in fingerprints:
            report.append(f"{comment.where}: dubblett av {fingerprints[key]} (samma text), hoppas över")
            continue
        fingerprints[key] = comment.where
        placed.append(Placed(comment, tuple(mine)))
    return placed, report


def from_github(comment: Comment) -> Placed:
    text = comment.text + (f"\n\nFörslag till formulering: {comment.proposal}" if comment.proposal else "")
    incoming = Incoming(where=f"GitHub #{comment.number}", ref=f"github-{comment.number}", route="github",
                        received=comment.created, subject="", body="", text=text, sender="organisation",
                        organisation=comment.organisation, name_consent=comment.consent)
    return Placed(incoming, (comment.anchor,))


def entry(placed: Placed, revision: Revision) -> dict:
    """One new entry of the answers file: nothing but what it may hold."""
    c = placed.incoming
    blocks = {b.anchor: b for s in revision.sections for b in s.blocks}
    out = {"ref": c.ref, "route": c.route}
    if c.received:
        out["received"] = c.received
    out["sender"] = c.sender
    if c.sender == "organisation" and c.organisation:
        out["organisation"] = c.organisation
        out["name_consent"] = c.name_consent
    out["paragraphs"] = [{"anchor": a, "text": blocks[a].text} for a in placed.anchors]
    out["text"] = c.text.strip() + "\n"
    out["publish"] = False
    return out


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))

HEADER = ("# Synpunkter på utkastet och redaktörernas svar (SITE-CONTRACT.md, \"synpunkter.yml\").\n"
          "# scripts/import_comments.py lägger till nya poster med publish: false. Läs varje post,\n"
          "# sätt publish: true när texten får visas, och decision + reason när ni har beslutat.\n")


def appended(existing: str | None, entries: list[dict]) -> str:
    """The answers file with `entries` added at the end of its `comments:` list."""
    items = yaml.dump(entries, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100) if entries else ""
    items = "".join("  " + line if line.strip() else line for line in items.splitlines(True))
    if existing is None:
        return HEADER + "comments:\n" + items if entries else HEADER + "comments: []\n"
    text = existing if existing.endswith("\n") else existing + "\n"
    if not entries:
        return text
    if re.search(r"^comments:\s*\[\]\s*$", text, re.M):
        text = re.sub(r"^comments:\s*\[\]\s*$", "comments:", text, flags=re.M)
    return text + items

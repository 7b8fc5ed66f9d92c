"""Comments as the registrar has them: an exported mailbox (`.mbox`, a folder
of `.eml` files) and the registrar's own list as CSV, read with the standard
library. Each message becomes one `Incoming` with only what the answers file
may hold: no sender name, no address, no contact details; quoted replies and
signatures are cut, HTML-only mail is read as text, attachments are named for
the report but not read.

Outlook `.msg` is not read: the maintained reader (extract-msg) is GPL, which
this project's licence does not take in; export such mail as `.eml`."""
from __future__ import annotations

import csv
import datetime as _dt
import email
import email.policy
import email.utils
import mailbox
import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from agreement.editors.privacy import strip_personal
from agreement.page import comment_mail

RE_QUOTE_HEADER = re.compile(
    r"^(den .+ skrev|on .+ wrote|-+ ?(ursprungligt meddelande|original message) ?-+|från: .+)\s*:?\s*$", re.I)
RE_SIGNATURE = re.compile(r"^(-- ?|med vänlig(a)? hälsning(ar)?|vänliga hälsningar|hälsningar|mvh|/[a-zåäö]+)\s*,?\s*$", re.I)
RE_SPACE = re.compile(r"\s+")
RE_YES = re.compile(r"^\s*(ja|yes|j)\b", re.I)


@dataclass
class Incoming:
    """One message or registered letter, as much of it as the import may keep."""

    where: str  # file and message, for the report
    ref: str
    route: str  # email, post, github
    received: _dt.date | None
    subject: str
    body: str  # the whole text as received (for placing; never written out)
    text: str  # the comment itself: no quotes, no signature, personal data stripped
    message_id: str | None = None
    parents: tuple[str, ...] = ()  # In-Reply-To and References
    from_site: bool = False  # sent by the authority itself (a reply, a receipt)
    sender: str = "private"
    organisation: str | None = None
    name_consent: bool = False
    attachments: tuple[str, ...] = ()
    anchors: tuple[tuple[str, str], ...] = ()  # (revision, anchor) pairs, set by placing
    thread: list = field(default_factory=list)


def html_text(html: str) -> str:
    root = lxml.html.fromstring(html)
    for el in root.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def message_text(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        content = part.get_payload(decode=True).decode("cp1252", errors="replace")
    return html_text(content) if part.get_content_type() == "text/html" else content


def comment_only(text: str) -> str:
    """The writer's own words: quoted lines, the quote header and the signature cut."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if RE_QUOTE_HEADER.match(line.strip()) or RE_SIGNATURE.match(line.strip()):
            break
        if not line.lstrip().startswith(">"):
            lines.append(line.rstrip())
    return "\n".join(lines).strip()


def form_answers(text: str) -> dict[str, str]:
    """The answers of the e-mail link's form (agreement.page.comment_mail), by field."""
    answers: dict[str, str] = {}
    fields = comment_mail.FORM_FIELDS
    current = None
    for line in text.split("\n"):
        start = next((f for f in fields if line.strip().startswith(f + ":")), None)
        if start is not None:
            current = start
            answers[current] = line.strip()[len(start) + 1:].strip()
        elif current is not None:
            answers[current] += "\n" + line
    return {k: v.strip() for k, v in answers.items()}


def _comment_from_form(incoming: Incoming, text: str) -> None:
    answers = form_answers(text)
    if comment_mail.FORM_COMMENT not in answers:
        incoming.text = strip_personal(_without_form_head(text))
        return
    comment = answers[comment_mail.FORM_COMMENT]
    proposal = answers.get(comment_mail.FORM_PROPOSAL, "")
    if proposal:
        comment += f"\n\nFörslag till formulering: {proposal}"
    incoming.text = strip_personal(comment)
    if answers.get(comment_mail.FORM_SENDER, "").casefold().startswith("org"):
        incoming.sender = "organisation"
        incoming.organisation = answers.get(comment_mail.FORM_ORGANISATION) or None
        incoming.name_consent = bool(RE_YES.match(answers.get(comment_mail.FORM_CONSENT, "")))


def _without_form_head(text: str) -> str:
    """A free-form mail that kept the link's first lines: drop them, keep the rest."""
    out = []
    skip = False
    for line in text.split("\n"):
        if line.startswith(comment_mail.PERMALINK_LINE) or line.startswith(comment_mail.QUOTE_LINE):
            skip = line.startswith(comment_mail.QUOTE_LINE)
            continue
        if skip:
            if not line.strip():
                skip = False
            continue
        out.append(line)
    return "\n".join(out).strip()


def _ids(value) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>]+>", str(value or "")))


def from_message(message, where: str, site_address: str | None) -> Incoming:
    raw = message_text(message)
    subject = RE_SPACE.sub(" ", str(message.get("subject", ""))).strip()
    date = None
    if message.get("date"):
        try:
            date = email.utils.parsedate_to_datetime(str(message["date"])).date()
        except (TypeError, ValueError):
            date = None
    sender = email.utils.parseaddr(str(message.get("from", "")))[1].casefold()
    message_id = (_ids(message.get("message-id")) or (None,))[0]
    incoming = Incoming(
        where=where, ref="", route="email", received=date, subject=subject, body=raw, text="",
        message_id=message_id, parents=_ids(message.get("in-reply-to")) + _ids(message.get("references")),
        from_site=bool(site_address) and sender == site_address.casefold(),
        attachments=tuple(p.get_filename() or p.get_content_type() for p in message.iter_attachments()))
    _comment_from_form(incoming, comment_only(raw))
    return incoming


def read_mailbox(path: Path, site_address: str | None) -> list[Incoming]:
    """Every message of an `.mbox` file, a single `.eml`, or a folder of `.eml` files."""
    factory = lambda f: email.message_from_binary_file(f, policy=email.policy.default)  # noqa: E731
    if path.is_dir():
        return [from_message(factory(p.open("rb")), f"{p}", site_address) for p in sorted(path.glob("*.eml"))]
    if path.suffix.lower() == ".eml":
        with path.open("rb") as handle:
            return [from_message(factory(handle), f"{path}", site_address)]
    box = mailbox.mbox(str(path), factory=factory, create=False)
    return [from_message(message, f"{path}: meddelande {n}", site_address)
            for n, message in enumerate(box, 1)]


# The registrar's list: column names as registrars write them (casefolded).
CSV_COLUMNS = {
    "ref": ("diarienummer", "dnr", "registreringsnummer"),
    "received": ("inkom", "inkommen", "inkomstdatum", "datum"),
    "subject": ("rubrik", "ärendemening", "ämne", "handling"),
    "text": ("text", "beskrivning", "sammanfattning", "synpunkt"),
    "organisation": ("organisation",),
    "message_id": ("message-id", "meddelande-id"),
}


def read_registrar_csv(path: Path) -> tuple[list[Incoming], list[str]]:
    """Rows of the registrar's list; a row whose Message-ID matches a mail gives
    that mail its number (the caller joins them), any other row is a letter."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    problems: list[str] = []
    if not rows:
        return [], [f"{path}: inga rader"]
    columns = {key: next((c for c in rows[0] if c and c.strip().casefold() in names), None)
               for key, names in CSV_COLUMNS.items()}
    if columns["ref"] is None:
        return [], [f"{path}: kolumnen diarienummer saknas (finns: {', '.join(rows[0])})"]
    out = []
    for n, row in enumerate(rows, 2):
        get = lambda key: (row.get(columns[key]) or "").strip() if columns[key] else ""  # noqa: E731
        received = None
        try:
            received = _dt.date.fromisoformat(get("received")[:10]) if get("received") else None
        except ValueError:
            problems.append(f"{path}:{n}: datumet '{get('received')}' läses inte (ÅÅÅÅ-MM-DD)")
        body = f"{get('subject')}\n{get('text')}"
        organisation = get("organisation") or None
        out.append(Incoming(
            where=f"{path}:{n}", ref=get("ref"), route="post", received=received, subject=get("subject"),
            body=body, text=strip_personal(comment_only(get("text"))),
            message_id=(_ids(get("message_id")) or (None,))[0],
            sender="organisation" if organisation else "private", organisation=organisation))
    return out, problems

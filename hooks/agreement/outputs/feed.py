"""The Atom feed (RFC 4287) of the agreement: one entry per revision and one
for each comment period as it opens and as it closes, so organisations can
follow the agreement without visiting the site.

Entries carry only dates the sources state; an event without a date is left
out rather than dated by guess. The feed's own `updated` is its newest entry,
so the same sources and build date give the same file."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from agreement import labels, urls
from agreement.build.atomic import write_atomically
from agreement.model.dates import PartialDate
from agreement.model.revision import Revision, RevisionSet

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"


@dataclass(frozen=True, order=True)
class Entry:
    updated: _dt.date
    key: str  # unique within the feed: "<revision>/<event>"
    title: str
    path: str  # site path the entry links to
    summary: str


def _first_day(date: PartialDate) -> _dt.date:
    return _dt.date(date.year, date.month or 1, date.day or 1)


def revision_date(revision: Revision) -> PartialDate | None:
    """The latest date the sources give for a revision: adoption or decision,
    else the opening of its comment period."""
    dates = list(revision.adopted) + [d.date for d in revision.decisions]
    if not dates and revision.comments and revision.comments.opened:
        dates.append(revision.comments.opened)
    return max(dates, key=_first_day) if dates else None


def _revision_entry(revision: Revision, role: str) -> Entry | None:
    date = revision_date(revision)
    if date is None:
        return None
    status = labels.ROLE[role].lower()
    summary = f"{revision.label}: {status}, {revision.text_sv} på webbplatsen."
    if revision.decisions:
        summary += " Beslut: " + "; ".join(
            f"{d.body} {d.date.sv()}" + (f" ({d.ref})" if d.ref else "") for d in revision.decisions) + "."
    title = revision.label if status in revision.label.lower() else f"{revision.label} ({status})"
    return Entry(_first_day(date), f"{revision.id}/version", title,
                 revision.url(), summary)


def _comment_entries(revision: Revision, today: _dt.date) -> list[Entry]:
    period = revision.comments
    if revision.status != "draft" or period is None:
        return []
    out = []
    until = f" t.o.m. {period.until.sv()}" if period.until else ""
    if period.opened and _first_day(period.opened) <= today:
        out.append(Entry(_first_day(period.opened), f"{revision.id}/synpunkter-oppnade",
                         f"Öppet för synpunkter: {revision.label}", revision.url(),
                         f"{revision.label} är öppet för synpunkter{until}. "
                         "Varje stycke på sidan har en länk för att lämna synpunkt."))
    if period.until and not revision.comments_open(today) and period.until.last_day() < today:
        out.append(Entry(period.until.last_day(), f"{revision.id}/synpunkter-stangda",
                         f"Tiden för synpunkter har gått ut: {revision.label}", revision.url(),
                         f"Tiden för synpunkter på {revision.label} gick ut {period.until.sv()}."))
    return out


def _compilation_entry(revision: Revision, answers, today: _dt.date) -> Entry | None:
    """The compiled comments as the editors last published them (`updated:` in the
    answers file; without that date the feed says nothing rather than guess one)."""
    if answers is None or answers.updated is None or answers.updated > today:
        return None
    answered = sum(n for k, n in answers.totals().items() if k != labels.NOT_ANSWERED)
    return Entry(answers.updated, f"{revision.id}/synpunkter-sammanstallning",
                 f"Sammanställning av synpunkter: {revision.label}", urls.comments_page(revision.id),
                 f"Sammanställningen av synpunkter på {revision.label} är publicerad eller uppdaterad: "
                 f"{len(answers.entries)} synpunkter, {answered} besvarade.")


def feed_entries(revisions: RevisionSet, today: _dt.date, answers: dict | None = None) -> list[Entry]:
    """Every event the feed announces, newest first; `answers`: revision id -> its answers file."""
    entries: list[Entry] = []
    for revision in revisions:
        entry = _compilation_entry(revision, (answers or {}).get(revision.id), today)
        if entry is not None:
            entries.append(entry)
    for revision in revisions:
        entry = _revision_entry(revision, revisions.role(revision))
        if entry is not None and entry.updated <= today:
            entries.append(entry)
        entries.extend(_comment_entries(revision, today))
    return sorted(entries, reverse=True)


def _stamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_xml(entries: list[Entry], site_url: str, title: str, author: str) -> bytes:
    base = site_url if site_url.endswith("/") else site_url + "/"
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "sv")

    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items()})
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", urljoin(base, FEED_PATH))
    sub(feed, "title", title)
    sub(feed, "subtitle", "Nya versioner av överenskommelsen och perioder för synpunkter.")
    newest = max((e.updated for e in entries), default=_dt.date(1970, 1, 1))
    sub(feed, "updated", _stamp(newest))
    sub(sub(feed, "author"), "name", author)
    sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED_PATH))
    sub(feed, "link", rel="alternate", type="text/html", href=base)
    for entry in entries:
        el = sub(feed, "entry")
        url = urljoin(base, entry.path)
        sub(el, "id", f"{url}#{entry.key.split('/', 1)[1]}")
        sub(el, "title", entry.title)
        sub(el, "updated", _stamp(entry.updated))
        sub(el, "link", rel="alternate", type="text/html", href=url)
        sub(el, "summary", entry.summary)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_feed(file: Path, entries: list[Entry], site_url: str, title: str, author: str) -> None:
    write_atomically(file, atom_xml(entries, site_url, title, author).decode("utf-8"))

"""Ready values for the templates: each decision a page shows (which pair to
compare, which revision search starts in, how open data is grouped, whether a
related page's publication is a link) is made here, so templates only place
values. Paths are site-root relative (`urls`); templates make them relative."""
from __future__ import annotations

from dataclasses import dataclass

from agreement import labels, urls
from agreement.model.revision import Revision, RevisionSet
from agreement.page.comment_links import comment_settings, route_names


def compare_with_in_force(revisions: RevisionSet, revision: Revision) -> str | None:
    """The diff page of a revision and the revision in force, older first;
    None when it is the one in force or either side has no text."""
    in_force = revisions.in_force
    if in_force is None or revision is in_force or not (revision.has_text and in_force.has_text):
        return None
    order = revisions.revisions
    older, newer = sorted((revision, in_force), key=order.index)
    return urls.diff_page(older.id, newer.id)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


def search_choices(revisions: RevisionSet) -> list[Choice]:
    """The search page's version list, newest first, then every revision at
    once; the revision in force is chosen unless it has no text."""
    in_force = revisions.in_force
    default = in_force.id if in_force and in_force.has_text else urls.SEARCH_ALL
    choices = [Choice(r.id, r.label + (f" ({labels.IN_FORCE_NOTE})" if r is in_force else ""), r.id == default)
               for r in reversed(revisions.revisions) if r.has_text]
    choices.append(Choice(urls.SEARCH_ALL, "Alla versioner och relaterade dokument", default == urls.SEARCH_ALL))
    return choices


def diff_picker_default(revisions: RevisionSet) -> tuple[str | None, str | None]:
    """The pair the picker shows first: the newest revision and the one before it."""
    newest = revisions.newest
    before = revisions.previous_of(newest) if newest else None
    return (before.id if before else None, newest.id if newest else None)


OPEN_DATA_GROUPS = (("revision", "Versioner"), ("diff", "Jämförelser"))


def open_data_groups(documents: list) -> list[tuple[str, list]]:
    """The JSON documents by kind, as the open data page lists them."""
    groups = [(title, [d for d in documents if d.kind == kind]) for kind, title in OPEN_DATA_GROUPS]
    return [(title, docs) for title, docs in groups if docs]


def link_or_text(value: str) -> dict:
    """A value that may be a web address: a link when it is one."""
    is_url = value.startswith(("https://", "http://"))
    return {"text": value, "href": value if is_url else None}


def comment_guide(extra: dict) -> dict:
    """What the page `lamna-synpunkter/` says, from `extra.comments` and `extra.region`.
    Facts the settings do not give are not guessed: the page says whom to ask."""
    comments = comment_settings(extra)
    region = ((extra or {}).get("region") or {}).get("name", "regionen")
    privacy = comments.get("privacy") if isinstance(comments.get("privacy"), dict) else {}
    ask = f"Fråga {region}."
    routes = route_names(extra)
    return {
        "region": region,
        "email": comments.get("email") if "email" in routes else None,
        "github": "github" in routes,
        "postal_address": comments.get("postal_address"),
        "privacy_page": comments.get("privacy_page"),
        "controller": privacy.get("controller") or f"{region}. {ask}",
        "legal_basis": privacy.get("legal_basis") or ask,
        "retention": privacy.get("retention") or ask,
    }


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # site-root relative


@dataclass(frozen=True)
class StatusLine:
    """The short line above a revision's title: what it is, in one sentence,
    and the way to the revision in force (or to the proposals after it)."""

    role: str
    statement: str
    note: str  # what the statement needs said, or ""
    links_label: str  # the words before the links, or ""
    links: tuple[Link, ...]
    compare: Link | None  # what separates it from the revision in force


def status_line(revisions: RevisionSet, revision: Revision, today) -> StatusLine:
    role = revisions.role(revision)
    in_force = revisions.in_force
    note, links_label, links = "", "", ()
    if role == "in_force":
        if revision.period_ended(today):
            note = f"Giltighetstiden enligt texten (t.o.m. {revision.valid_to.sv()}) har passerat."
            links = tuple(Link(p.label, p.url()) for p in revisions.proposals_after_in_force())
            links_label = "Under beredning:" if links else ""
    elif in_force is not None:
        links_label, links = "Gällande är", (Link(in_force.label, in_force.url()),)
    elif role != "draft":
        note = "Ingen version är antagen."
    compare_path = compare_with_in_force(revisions, revision)
    compare = Link("Jämför med gällande", compare_path) if compare_path else None
    return StatusLine(role, labels.ROLE_STATEMENT[role], note, links_label, links, compare)


@dataclass(frozen=True)
class CommentPeriodLine:
    """A draft's comment period in one line at the top; the full explanation
    (partials/comment-period.html) follows the text, at `COMMENT_PERIOD_ANCHOR`."""

    is_open: bool
    text: str
    more: str  # the link's words


COMMENT_PERIOD_ANCHOR = "om-synpunkter"


def comment_period_line(revision: Revision, today) -> CommentPeriodLine | None:
    period = revision.comments
    if revision.status != "draft" or not period:
        return None
    until = f" t.o.m. {period.until.sv()}" if period.until else ""
    if revision.comments_open(today):
        return CommentPeriodLine(True, f"Öppet för synpunkter{until}: varje stycke har en länk "
                                       "Lämna synpunkt.", "Så går det till")
    return CommentPeriodLine(False, "Tiden för synpunkter har gått ut.", "Om synpunkterna")


def history_note(history) -> str | None:
    """What the facts say once about each paragraph's history (an
    `agreement.diff.history.RevisionHistory`): which revision the paragraphs
    are compared with, or that no earlier revision has the whole text."""
    if not history.marks:
        return labels.HISTORY_NOT_FULL
    if history.since is None:
        out = labels.HISTORY_NONE
    else:
        out = labels.history_since(history.since.other.label, [r.label for r in history.since.skipped])
    if history.next is not None:
        out += " " + labels.history_next(history.next.other.label)
    return out

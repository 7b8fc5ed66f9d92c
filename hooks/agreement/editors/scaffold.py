"""The next draft at the end of the chain: its front matter and body, and the
reasons a new draft is refused. Pure: the script writes what this returns."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import yaml

from agreement.sources.revisions import RE_REVISION_ID
from agreement.model.revision import RevisionSet

DEFAULT_COMMENT_DAYS = 60


@dataclass(frozen=True)
class Draft:
    revision_id: str
    previous: str
    based_on: str | None  # the revision whose text was copied
    text: str  # the whole index.md


def refusal(revisions: RevisionSet, new_id: str, taken_folders: set[str]) -> str | None:
    """Why `new_id` cannot become the next draft, in Swedish, or None."""
    if not RE_REVISION_ID.match(new_id):
        return (f"Id:t '{new_id}' går inte att använda i en webbadress: använd små bokstäver, "
                f"siffror, punkt och bindestreck, och börja med en bokstav eller siffra (t.ex. 2027).")
    if revisions.get(new_id) is not None or new_id in taken_folders:
        return f"Id:t '{new_id}' är redan taget (docs/revisioner/{new_id}/ finns). Välj ett annat."
    drafts = [r for r in revisions if r.status == "draft"]
    if drafts:
        d = drafts[0]
        return (f"Det finns redan ett utkast: {d.id} ({d.path}). Arbeta vidare i det, eller ändra "
                f"dess status innan du påbörjar ett nytt.")
    if revisions.newest is None:
        return "Det finns ingen version att bygga vidare på."
    return None


def comment_days(extra: dict) -> int:
    value = ((extra or {}).get("comments") or {}).get("default_days", DEFAULT_COMMENT_DAYS)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULT_COMMENT_DAYS


def scaffold(revisions: RevisionSet, new_id: str, today: _dt.date, days: int) -> Draft:
    """Front matter and body of the next draft: previous is the newest revision,
    the text is the newest whole text (`text: full`), comments open `days` days."""
    newest = revisions.newest
    base = newest_full_text(revisions)
    if base is not None:
        source = (f"Utkast. Texten är kopierad från {base.label} ({base.path}) och bearbetas av "
                  f"redaktörerna.")
    else:
        source = "Utkast. Ingen tidigare version har hela texten på webbplatsen; texten skrivs in här."
    front = front_matter(revisions, new_id, today, days, source,
                         "full" if base is not None else "none")
    body = base.body if base is not None else "\n"
    return Draft(new_id, newest.id, base.id if base else None, page_text(front, body))


def front_matter(revisions: RevisionSet, new_id: str, today: _dt.date, days: int, source: str,
                 text: str) -> dict:
    """The front matter of a new draft at the end of the chain, open for comments."""
    return {
        "revision": new_id,
        "title": revisions.newest.title,
        "label": f"Utkast {new_id}",
        "status": "draft",
        "text": text,
        "previous": revisions.newest.id,
        "source": source,
        "comments": {"open": True, "from": today, "until": today + _dt.timedelta(days=days)},
    }


def page_text(front: dict, body: str) -> str:
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{body}"


def newest_full_text(revisions: RevisionSet):
    """The newest revision with the whole text: what a new draft starts from."""
    return next((r for r in reversed(revisions.revisions) if r.text == "full"), None)

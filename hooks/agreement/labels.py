"""Every Swedish word the site uses for a revision's status and role, for the
kinds of text, and for the kinds of change between two revisions: said once
here, placed by templates, the PDF, the feed and the open data.

A revision's *status* is what editors write (`status:` in its front matter); its
*role* is what the site calls it among the others (`RevisionSet.role`): the last
adopted revision is in force, an earlier adopted one is superseded."""
from __future__ import annotations

STATUS = {
    "draft": "utkast",
    "proposed": "förslag",
    "adopted": "antagen",
    "superseded": "ersatt",
}
# A role as a heading word (timeline, start page, feed in lower case).
ROLE = {
    "in_force": "Gällande",
    "proposed": "Förslag",
    "draft": "Utkast",
    "superseded": "Ersatt",
}
# A role as a statement about the page the reader is on (status line, PDF cover).
ROLE_STATEMENT = {
    "in_force": "Gällande överenskommelse",
    "proposed": "Förslag, inte antaget",
    "draft": "Utkast",
    "superseded": "Ersatt av en senare version",
}
TEXT_KIND = {
    "full": "hela texten",
    "excerpt": "utdrag",
    "none": "ingen text",
}
CHANGE = {
    "added": "Tillagt",
    "removed": "Borttaget",
    "changed": "Ändrat",
    "unchanged": "Oförändrat",
    "moved": "Flyttat",
    "unknown": "Okänt",
}
# The words before a section's link to its change on a revision page.
CHANGE_SINCE = {"added": "Nytt sedan", "changed": "Ändrat sedan", "moved": "Flyttat sedan"}
# Each paragraph's history on a revision page: what it was in the nearest earlier
# revision with the whole text, and what it became in the next one (a superseded revision).
PARAGRAPH_SINCE = {"unchanged": "Oförändrat sedan", "changed": "Ändrat sedan", "added": "Nytt sedan"}
PARAGRAPH_NEXT = {"unchanged": "Oförändrat i", "changed": "Ändrat i", "removed": "Borttaget i"}
# Said once on the page instead of beside every paragraph.
HISTORY_NONE = "Ingen tidigare version har hela texten, så styckena jämförs inte med någon tidigare lydelse."
HISTORY_NOT_FULL = "Versionen har inte hela texten, så styckenas historik visas inte."
HISTORY_TITLE = "Styckenas historik"


def history_since(label: str, skipped: list[str]) -> str:
    """Which revision every paragraph is compared with, and what lies between."""
    out = f"Varje stycke jämförs med {label}, närmaste tidigare version med hela texten."
    if skipped:
        out += f" Däremellan saknas hela texten för {', '.join(skipped)}; ändringar där syns inte var för sig."
    return out


def history_next(label: str) -> str:
    return f"Varje stycke visar också vad det blev i {label}."


# The name of the text before a revision's first heading (it has none of its own).
PREAMBLE_TITLE = "Text före första rubriken"
# The sides of a changed paragraph on a diff page, for screen readers.
DIFF_SIDE = {"old": "Före", "new": "Efter"}
# How the site names the revision in force beside its label.
IN_FORCE_NOTE = "gällande"
# The link to the document a revision was imported from (its adopted PDF), beside the revision.
ORIGINAL_DOCUMENT = "Originaldokumentet"
# The editors' decision on a comment (`decision:` in synpunkter.yml) and how the
# compilation names it; a comment without one is not answered yet.
DECISION = {
    "beaktad": "Beaktad",
    "delvis beaktad": "Delvis beaktad",
    "ej beaktad": "Ej beaktad",
    "besvarad": "Besvarad",
}
NOT_ANSWERED = "inte besvarad än"
# Where a comment came from (`route:` in synpunkter.yml).
COMMENT_ROUTE = {
    "email": "e-post",
    "post": "brev",
    "github": "GitHub",
}
# Who sent it (`sender:`): only an organisation may ever be named.
SENDER = {"organisation": "organisation", "private": "privatperson"}
# What became of the paragraph a comment was about, in the draft as it stands.
PARAGRAPH_SINCE_COMMENT = {
    "changed": "stycket har ändrats sedan synpunkten",
    "removed": "stycket har tagits bort sedan synpunkten",
}
WHOLE_DRAFT = "Hela utkastet"
# On the compiled page, once a later revision exists: what became of the paragraph there.
IN_LATER = {"same": "Oförändrat i", "changed": "Ändrat i", "removed": "Borttaget i"}
# On the next draft, beside a paragraph that had comments on the one before.
CARRIED_CHANGED = "ändrat sedan dess"


def carried_comments(n: int) -> str:
    return f"{n} synpunkt på föregående utkast" if n == 1 else f"{n} synpunkter på föregående utkast"


# What the agreement is, as a kind of legal text (schema.org `legislationType`),
# and what each of `extra.region.municipalities` is (linked data).
DOCUMENT_KIND = "Överenskommelse"
MUNICIPALITY = "kommun"

"""Every path of the built site, once: Python builds links with these
functions, templates receive ready URLs, and the scripts in
`docs/javascripts/` read what they need from data attributes the build writes.

Paths are relative to the site root (which may be a subfolder of a host), end
in `/` for pages, and are what SITE-CONTRACT.md lists under "URLs"."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlencode

REVISIONS = "revisioner/"  # all revisions, as a timeline
DIFFS = "jamfor/"  # the picker for any two revisions
RELATED = "relaterade/"
GLOSSARY = "ordlista/"
SEARCH = "sok/"
SEARCH_ALL = "alla"  # the `revision` value on the search page that searches every revision
SEARCH_BUNDLE = "pagefind/"  # the search index and its script
OPEN_DATA = "oppna-data/"
SCHEMAS = "schemas/"
ACCESSIBILITY = "tillganglighet/"
IN_FORCE = "gallande/"  # leads to the revision in force, whichever it is
FEED = "feed.xml"
DCAT = "dcat.jsonld"  # the DCAT-AP-SE catalog of the open data
JSON_NAME = "index.json"  # a page's open data sits beside it under this name
PAGE_SOURCE = "index.md"  # the source of a folder's page in docs/
ASSET_BUNDLES = "assets/site/"  # the site's styles and scripts, bundled per kind of page


def revision_page(revision_id: str) -> str:
    return f"{REVISIONS}{revision_id}/"


def revision_source(revision_id: str) -> str:
    """The revision's source, relative to docs/."""
    return revision_page(revision_id) + PAGE_SOURCE


def asset_bundle(digest: str, suffix: str) -> str:
    """A bundle of the site's styles or scripts, named by its content."""
    return f"{ASSET_BUNDLES}{digest}.{suffix}"


def revision_of_source(src_uri: str) -> str | None:
    """The revision id whose page `src_uri` (relative to docs/) is, else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] + "/" == REVISIONS and parts[2] == PAGE_SOURCE:
        return parts[1]
    return None


def pdf_name(revision_id: str) -> str:
    return f"overenskommelse-{revision_id}.pdf"


def revision_pdf(revision_id: str) -> str:
    return revision_page(revision_id) + pdf_name(revision_id)


def docx_name(revision_id: str) -> str:
    return f"overenskommelse-{revision_id}.docx"


def revision_docx(revision_id: str) -> str:
    return revision_page(revision_id) + docx_name(revision_id)


def original_name(source_file: str) -> str:
    """The name the document a revision was imported from has beside the revision."""
    return "originaldokument" + PurePosixPath(source_file).suffix.lower()


def revision_original(revision_id: str, source_file: str) -> str:
    return revision_page(revision_id) + original_name(source_file)


ORIGINAL_SHOWN = (".pdf",)  # an imported document the site publishes: the adopted PDF, not a Word draft


def downloads(revision) -> dict[str, str]:
    """The revision page's downloads: `pdf`, `docx` and, for a revision imported
    from a PDF, `original`."""
    if not revision.has_text:
        return {}
    out = {"pdf": revision_pdf(revision.id), "docx": revision_docx(revision.id)}
    if revision.source_file and PurePosixPath(revision.source_file).suffix.lower() in ORIGINAL_SHOWN:
        out["original"] = revision_original(revision.id, revision.source_file)
    return out


def revision_json(revision_id: str) -> str:
    return revision_page(revision_id) + JSON_NAME


COMMENTS_NAME = "synpunkter"
COMMENTS_GUIDE = "lamna-synpunkter/"  # where a comment goes and what happens to it (one page for the site)
ANSWERS_NAME = f"{COMMENTS_NAME}.yml"  # beside a draft's index.md: its comments and the answers


def comments_page(revision_id: str) -> str:
    """The compilation of comments on a draft, with the editors' answers."""
    return f"{revision_page(revision_id)}{COMMENTS_NAME}/"


def comments_source(revision_id: str) -> str:
    """The generated page's source path (relative to docs/; never a file there)."""
    return f"{revision_page(revision_id)}{COMMENTS_NAME}.md"


def answers_source(revision_id: str) -> str:
    """The answers file, relative to docs/."""
    return revision_page(revision_id) + ANSWERS_NAME


def draft_of_answers_source(src_uri: str) -> str | None:
    """The revision whose answers file `src_uri` (relative to docs/) is, else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] + "/" == REVISIONS and parts[2] == ANSWERS_NAME:
        return parts[1]
    return None


def comment_anchor(anchor: str) -> str:
    """The id of a paragraph's group on the compilation page."""
    return f"synpunkter-{anchor}"


def comment_id(ref: str) -> str:
    """The id of one comment on the compilation page (from its reference)."""
    return "synpunkt-" + re.sub(r"[^a-z0-9]+", "-", ref.casefold()).strip("-")


def diff_page(old_id: str, new_id: str) -> str:
    """The diff page of two revisions, older first."""
    return f"{DIFFS}{old_id}--{new_id}/"


DIFF_ROW_PREFIX = "rad-"
DIFF_ROW_REMOVED = "bort-"


def diff_row_anchor(anchor: str, removed: bool = False, occurrence: int = 1) -> str:
    """The id of a paragraph's row on a diff page: `rad-<anchor>` after the
    paragraph on the newer side, `rad-bort-<anchor>` after the older one when
    the newer has none; a paragraph's second and later rows add `-<n>`
    (anchors end in digits and section ids never do, so no two ids meet)."""
    out = DIFF_ROW_PREFIX + (DIFF_ROW_REMOVED if removed else "") + anchor
    return out if occurrence == 1 else f"{out}-{occurrence}"


def diff_json(old_id: str, new_id: str) -> str:
    return diff_page(old_id, new_id) + JSON_NAME


def is_diff_page(path: str) -> bool:
    return path.startswith(DIFFS) and path != DIFFS


def related_page(slug: str) -> str:
    return f"{RELATED}{slug}/"


def search_page(query: str | None = None, revision_id: str | None = None) -> str:
    params = {k: v for k, v in (("q", query), ("revision", revision_id)) if v}
    return SEARCH + (f"?{urlencode(params)}" if params else "")


# Which JSON files of a built site answer to which schema (open data validation).
JSON_PATTERNS = {
    "revision": re.compile("^" + re.escape(REVISIONS) + r"[^/]+/" + re.escape(JSON_NAME) + "$"),
    "diff": re.compile("^" + re.escape(DIFFS) + r"[^/]+--[^/]+/" + re.escape(JSON_NAME) + "$"),
    "dcat": re.compile("^" + re.escape(DCAT) + "$"),
}

"""Comment links on drafts open for comments.

Where a comment goes is a URL template from the site settings
(`extra.comments.url_template`), so a region can use its repository's issue
form, an e-mail address or any web form. The default opens a new issue with
the `.github/ISSUE_TEMPLATE/synpunkt.yml` form in the site's repository, its
paragraph reference prefilled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from agreement import labels
from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION
from agreement.sources.html_allowlist import link_url_problem
from agreement.text.structure import insert_before_nested, own_text, walk_blocks

# Placeholders a template may use; all but repo_url are URL-encoded.
PLACEHOLDERS = ("revision", "anchor", "section", "excerpt", "repo_url")
REQUIRED_PLACEHOLDERS = ("revision", "anchor")
RE_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
RE_SPACE = re.compile(r"\s+")

DEFAULT_URL_TEMPLATE = (
    "{repo_url}/issues/new?template=synpunkt.yml&labels=synpunkt"
    "&title=Synpunkt%20p%C3%A5%20{revision}%23{anchor}"
    "&stycke={revision}%23{anchor}&avsnitt={section}&utdrag={excerpt}"
)
EXCERPT_LENGTH = 120  # characters of a paragraph's opening words in a link
SECTION_LENGTH = 120
LINK_TEXT = "Lämna synpunkt"


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The opening words of a text, cut at a word boundary, marked with … when cut."""
    text = RE_SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,.;:") + "…"


@dataclass(frozen=True)
class CommentTarget:
    """A URL template with {revision}, {anchor}, {section}, {excerpt}, {repo_url}."""

    template: str
    repo_url: str = ""

    @property
    def channel(self) -> str:
        """How the reader comments: 'email' for mailto: targets, else 'web'."""
        return "email" if self.template.lower().startswith("mailto:") else "web"

    def problems(self) -> list[str]:
        used = RE_PLACEHOLDER.findall(self.template)
        out = [f"unknown placeholder {{{name}}} in extra.comments.url_template (known: "
               f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)})"
               for name in used if name not in PLACEHOLDERS]
        out += [f"extra.comments.url_template lacks {{{name}}}: every comment must name it"
                for name in REQUIRED_PLACEHOLDERS if name not in used]
        if "repo_url" in used and not self.repo_url:
            out.append("extra.comments.url_template uses {repo_url}, but mkdocs.yml has no repo_url")
        elif problem := link_url_problem(self.resolved().template):
            out.append(f"extra.comments.url_template: {problem}")
        return out

    def resolved(self) -> "CommentTarget":
        """The same target with {repo_url} filled in, so pages need no repo_url."""
        template = self.template.replace("{repo_url}", self.repo_url.rstrip("/"))
        return CommentTarget(template, self.repo_url)

    def url(self, revision: str, anchor: str, section: str, text: str) -> str:
        values = {
            "revision": quote(revision, safe=""),
            "anchor": quote(anchor, safe=""),
            "section": quote(excerpt(section, SECTION_LENGTH), safe=""),
            "excerpt": quote(excerpt(text), safe=""),
            "repo_url": self.repo_url.rstrip("/"),
        }
        return RE_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.template)


def comment_settings(settings: dict) -> dict:
    value = (settings or {}).get("comments")
    return value if isinstance(value, dict) else {}


def target_from_settings(settings: dict, repo_url: str | None = None) -> CommentTarget:
    """The comment target of a site; `settings` is mkdocs.yml's `extra`."""
    template = comment_settings(settings).get("url_template") or DEFAULT_URL_TEMPLATE
    repo = repo_url if repo_url is not None else (settings or {}).get("repo_url", "")
    return CommentTarget(str(template), repo or "")


def check_target(settings: dict, repo_url: str, config_path: str, line: int) -> list[SourceError]:
    target = target_from_settings(settings, repo_url)
    return [SourceError(config_path, line, problem) for problem in target.problems()]


def comment_link(href: str, anchor: str) -> etree._Element:
    link = etree.Element("a", {
        "class": "comment-link",
        "href": href,
        "data-generated": "comment-link",
        "data-pagefind-ignore": "",
    })
    link.text = LINK_TEXT
    # Real text, not aria-label, so every screen reader says which paragraph.
    hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
    hidden.text = f" på stycke {anchor}"
    return link


def add_comment_links(root, page) -> None:
    """A comment link on every paragraph and list item of a draft open for comments."""
    revision = page.revision
    if page.today is None or not revision.comments_open(page.today):
        return
    target = page.comment_target
    if target is None:
        return
    headings = {PREAMBLE_SECTION: labels.PREAMBLE_TITLE}
    for kind, el, section, _level in list(walk_blocks(root)):
        if kind == "heading":
            headings[section] = own_text(el)
            continue
        anchor = el.get("id")
        href = target.url(revision.id, anchor, headings.get(section, section), own_text(el))
        insert_before_nested(el, comment_link(href, anchor))

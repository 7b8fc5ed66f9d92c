"""Comment links on drafts open for comments.

Where a comment goes is the site's choice (`extra.comments` in mkdocs.yml):
by e-mail to the authority's registrar (the default: a `mailto:` link that
names the paragraph, `agreement.page.comment_mail`), through a web form made
from a URL template (the site's GitHub issue form,
`.github/ISSUE_TEMPLATE/synpunkt.yml`), or both, each a link of its own."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from agreement import labels
from agreement.model.errors import SourceError
from agreement.model.revision import PREAMBLE_SECTION
from agreement.outputs.opendata import permanent_url
from agreement.page.comment_mail import address_problem, mailto
from agreement.sources.html_allowlist import link_url_problem
from agreement.sources.region import key_line
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


ROUTES = ("email", "github")
ROUTE_LINK_TEXT = {"email": LINK_TEXT, "github": f"{LINK_TEXT} via GitHub"}
EXPLANATION_ID = "synpunkt-forklaring"  # the comment-period box's note every link points to


def comment_settings(settings: dict) -> dict:
    value = (settings or {}).get("comments")
    return value if isinstance(value, dict) else {}


def target_from_settings(settings: dict, repo_url: str | None = None) -> CommentTarget:
    """The web-form target of a site (`url_template`); `settings` is mkdocs.yml's `extra`."""
    template = comment_settings(settings).get("url_template") or DEFAULT_URL_TEMPLATE
    repo = repo_url if repo_url is not None else (settings or {}).get("repo_url", "")
    return CommentTarget(str(template), repo or "")


@dataclass(frozen=True)
class CommentRoutes:
    """Where comments on a draft go: e-mail, the web form, or both, in the order given."""

    routes: tuple[str, ...]
    email: str | None = None
    postal_address: str | None = None
    web: CommentTarget | None = None  # with {repo_url} filled in
    site_url: str = ""

    @property
    def channel(self) -> str:
        """The first route, as the comment-period box names it."""
        return self.routes[0]


def route_names(settings: dict) -> tuple[str, ...]:
    """`extra.comments.routes`, or e-mail when an address is set, else the web form."""
    comments = comment_settings(settings)
    routes = comments.get("routes")
    if routes is None:
        return ("email",) if comments.get("email") else ("github",)
    return tuple(routes) if isinstance(routes, list) else (routes,)


def routes_from_settings(settings: dict, repo_url: str, site_url: str) -> CommentRoutes:
    comments = comment_settings(settings)
    routes = route_names(settings)
    web = target_from_settings(settings, repo_url).resolved() if "github" in routes else None
    return CommentRoutes(routes, comments.get("email"), comments.get("postal_address"), web, site_url or "")


def check_routes(settings: dict, repo_url: str, config_file, config_path: str) -> list[SourceError]:
    """Every problem of `extra.comments`, at the line of the key concerned."""
    comments = comment_settings(settings)
    routes = route_names(settings)
    errors = []

    def error(key: str, message: str) -> None:
        errors.append(SourceError(config_path, key_line(config_file, key), message))

    unknown = [r for r in routes if r not in ROUTES]
    if unknown or not routes or len(set(routes)) != len(routes):
        error("routes", f"extra.comments.routes: {list(routes)} (a list of one or both of: {', '.join(ROUTES)})")
    if "email" in routes and (problem := address_problem(comments.get("email"))):
        error("email", problem + " (the e-mail route needs extra.comments.email)")
    if comments.get("privacy_page") is not None and (problem := link_url_problem(str(comments["privacy_page"]))):
        error("privacy_page", f"extra.comments.privacy_page: {problem}")
    if "github" in routes or "url_template" in comments:
        target = target_from_settings(settings, repo_url)
        errors += [SourceError(config_path, key_line(config_file, "url_template"), p) for p in target.problems()]
    return errors


def comment_link(href: str, anchor: str, route: str) -> etree._Element:
    link = etree.Element("a", {
        "class": "comment-link",
        "href": href,
        "data-route": route,
        "aria-describedby": EXPLANATION_ID,
        "data-generated": "comment-link",
        "data-pagefind-ignore": "",
    })
    link.text = ROUTE_LINK_TEXT[route]
    # Real text, not aria-label, so every screen reader says which paragraph.
    hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
    hidden.text = f" på stycke {anchor}"
    return link


def route_href(routes: CommentRoutes, route: str, revision, anchor: str, number: int,
               section: str, text: str) -> str:
    if route == "email":
        permalink = permanent_url(routes.site_url, revision.url(), anchor)
        return mailto(routes.email, revision.label, section, number, permalink, text)
    return routes.web.url(revision.id, anchor, section, text)


def add_comment_links(root, page) -> None:
    """A comment link per route on every paragraph and list item of a draft open for comments."""
    revision = page.revision
    if page.today is None or not revision.comments_open(page.today):
        return
    routes = page.comment_routes
    if routes is None:
        return
    headings = {PREAMBLE_SECTION: labels.PREAMBLE_TITLE}
    numbers = {b.anchor: b.number for s in revision.sections for b in s.blocks}
    for kind, el, section, _level in list(walk_blocks(root)):
        if kind == "heading":
            headings[section] = own_text(el)
            continue
        anchor = el.get("id")
        number = numbers.get(anchor) or int(anchor.rsplit("-", 1)[1])
        heading = headings.get(section, section)
        for route in routes.routes:
            href = route_href(routes, route, revision, anchor, number, heading, own_text(el))
            insert_before_nested(el, comment_link(href, anchor, route))

"""Related agreements and routines: `docs/relaterade/<slug>.md` (or
`<slug>/index.md`), validated like revisions. The aliases in their front
matter are the one source of the phrases that name them in running text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from agreement import urls
from agreement.model.errors import SourceError, SourceErrors
from agreement.sources.frontmatter import Checker, read_front_matter
from agreement.sources.html_allowlist import check_markdown
from agreement.text.render import Renderer, make_renderer
from agreement.text.textmatch import normalize

RELATED_DIR = urls.RELATED.rstrip("/")  # docs/ mirrors the site's paths
REQUIRED = ("title", "aliases", "source")
OPTIONAL = ("published", "law")
RE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MIN_ALIAS_LETTERS = 4  # shorter aliases only when declared as abbreviations (SIP)
# Aliases are matched case-insensitively as whole words in every revision: an
# alias that is one of Swedish's function words (conjunctions, prepositions,
# pronouns, articles and auxiliary verbs, the most frequent words of any
# Swedish text) would turn ordinary text into links (`och` linked 35 words).
FUNCTION_WORDS = frozenset("""
    och att som i på av för med till en ett det den de är om har inte var kan ska
    så men eller från vid under över efter mot utan när där hur vad alla sin sina
    sitt detta dessa denna också samt vara bli blir ha får kommer hos genom mellan
    inom enligt även dock både bara andra varje vilka vilket eftersom skall
""".split())


@dataclass(frozen=True)
class RelatedPage:
    slug: str
    title: str
    aliases: tuple[str, ...]
    source: str
    published: str | None
    law: tuple[str, ...]
    path: str  # relative to the project, for error messages
    src_uri: str  # relative to docs/, as MkDocs names the file
    alias_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)  # line of each alias
    law_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def url(self) -> str:
        return urls.related_page(self.slug)


def related_paths(docs_dir: Path) -> list[Path]:
    folder = docs_dir / RELATED_DIR
    flat = [p for p in folder.glob("*.md") if p.name != "index.md"]
    nested = list(folder.glob("*/index.md"))
    return sorted(flat + nested)


def _slug(path: Path) -> str:
    return path.parent.name if path.name == "index.md" else path.stem


def _strings(check: Checker, key: str, required: bool) -> tuple[str, ...]:
    value = check.fm.data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or (required and not value):
        check.error(key, f"'{key}' must be a list of phrases in quotes, e.g. {key}: [\"...\"]")
        return ()
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            check.error(key, f"'{key}' item {i + 1} must be non-empty text, got {item!r}", check.item_line(key, i))
        else:
            items.append(item.strip())
    return tuple(items)


def read_related(path: Path, docs_dir: Path, render: Renderer) -> tuple[RelatedPage | None, list[SourceError]]:
    rel_path = str(path.relative_to(docs_dir.parent)) if path.is_relative_to(docs_dir.parent) else str(path)
    fm, errors = read_front_matter(path, rel_path)
    if fm is None:
        return None, errors
    check = Checker(fm, errors)
    check.keys(REQUIRED, OPTIONAL)
    slug = _slug(path)
    if not RE_SLUG.match(slug):
        check.error(None, f"related page name '{slug}' is not safe in a URL: use [a-z0-9-]")
    title = check.string("title")
    source = check.string("source")
    published = check.string("published") if "published" in fm.data else None
    aliases = _strings(check, "aliases", required=True)
    law = _strings(check, "law", required=False)
    errors.extend(check_markdown(rel_path, fm.body, fm.body_line, render))
    if errors or title is None or source is None or not aliases:
        return None, errors
    page = RelatedPage(slug, title, aliases, source, published, law, rel_path,
                       path.relative_to(docs_dir).as_posix(),
                       tuple(check.item_line("aliases", i) for i in range(len(aliases))),
                       tuple(check.item_line("law", i) for i in range(len(law))))
    return page, errors


def check_aliases(pages: list[RelatedPage]) -> list[SourceError]:
    """An alias names one page: claimed twice (here or on another page) is an error."""
    errors = []
    owner: dict[str, tuple[RelatedPage, int]] = {}
    for page in pages:
        for alias, line in zip(page.aliases, page.alias_lines):
            key = normalize(alias)
            if key not in owner:
                owner[key] = (page, line)
                continue
            first, first_line = owner[key]
            if first is page:
                errors.append(SourceError(page.path, line, f"alias '{alias}' is listed twice (first on line {first_line})"))
            else:
                errors.append(SourceError(page.path, line,
                                          f"alias '{alias}' is also claimed by {first.path} (line {first_line}): "
                                          "a phrase can name only one related page"))
    return errors


def check_alias_words(pages: tuple[RelatedPage, ...] | list[RelatedPage],
                      abbreviations: frozenset[str] | set[str]) -> list[SourceError]:
    """No alias that is a function word, nor one of fewer than four letters that
    is not a declared abbreviation (data/abbreviations.yml)."""
    errors = []
    for page in pages:
        for alias, line in zip(page.aliases, page.alias_lines):
            if normalize(alias) in FUNCTION_WORDS:
                errors.append(SourceError(page.path, line, f"alias '{alias}' is a common Swedish word: it would link "
                                                           "ordinary text; use a phrase that names only this page"))
            elif sum(c.isalpha() for c in alias) < MIN_ALIAS_LETTERS and alias not in abbreviations:
                errors.append(SourceError(page.path, line, f"alias '{alias}' is shorter than {MIN_ALIAS_LETTERS} letters: "
                                                           "declare it in data/abbreviations.yml if it is an abbreviation, "
                                                           "or use a longer phrase"))
    return errors


def load_related(docs_dir: Path, render: Renderer | None = None) -> tuple[RelatedPage, ...]:
    """Every related page, validated; raises SourceErrors listing all errors."""
    docs_dir = Path(docs_dir)
    render = render or make_renderer()
    pages: list[RelatedPage] = []
    errors: list[SourceError] = []
    seen: dict[str, RelatedPage] = {}
    for path in related_paths(docs_dir):
        page, errs = read_related(path, docs_dir, render)
        errors.extend(errs)
        if page is None:
            continue
        if page.slug in seen:
            errors.append(SourceError(page.path, 1, f"two related pages named '{page.slug}' (also {seen[page.slug].path})"))
            continue
        seen[page.slug] = page
        pages.append(page)
    errors.extend(check_aliases(pages))
    if errors:
        raise SourceErrors(errors)
    return tuple(pages)

"""Everything the cross-link steps need, loaded and validated at once (related
pages, the law table, the glossary), and the three decorate steps that use it:
related agreements, then law references, then abbreviations (last, so an
`<abbr>` can sit inside the links the first two made)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from agreement.model.errors import SourceError, SourceErrors
from agreement.links.glossary import Glossary, load_glossary, mark_abbreviations
from agreement.links.lawsearch import LawReferenceFinder
from agreement.links.lawrefs import DEFAULT_BASE_URL, Context, compile_grammar, parse, resolve, resolve_text
from agreement.sources.lawtable import LawTable, load_law_table
from agreement.model.revision import Revision
from agreement.sources.related import RelatedPage, check_alias_words, load_related
from agreement.text.render import Renderer
from agreement.text.textmatch import element, skip_headings_links_code, text_slots, wrap_spans
from agreement.links.mentions import Backlink, MentionIndex, link_mentions


@dataclass
class CrossLinks:
    related: tuple[RelatedPage, ...]
    mentions: MentionIndex
    laws: LawTable
    grammar: LawReferenceFinder
    glossary: Glossary
    base_url: str = DEFAULT_BASE_URL
    warn: Callable[[str], None] = print
    # References whose statute cannot be known: reported at info level, since under
    # --strict a warning would stop the publication of a verbatim text.
    info: Callable[[str], None] = print
    backlinks: dict[str, list[Backlink]] = field(default_factory=dict)


def load_cross_links(project_dir: Path, docs_dir: Path, settings: dict | None = None,
                     warn: Callable[[str], None] = print, render: Renderer | None = None,
                     info: Callable[[str], None] = print) -> CrossLinks:
    """Load all three sources, collecting every error before raising."""
    errors: list[SourceError] = []
    loaded = {}
    for name, load in (("related", lambda: load_related(docs_dir, render)),
                       ("laws", lambda: load_law_table(project_dir)),
                       ("glossary", lambda: load_glossary(project_dir))):
        try:
            loaded[name] = load()
        except SourceErrors as exc:
            errors.extend(exc.errors)
    if "related" in loaded and "glossary" in loaded:
        abbreviations = frozenset(e.abbreviation for e in loaded["glossary"].entries)
        errors.extend(check_alias_words(loaded["related"], abbreviations))
    if errors:
        raise SourceErrors(errors)
    base_url = ((settings or {}).get("law_links") or {}).get("base_url") or DEFAULT_BASE_URL
    links = CrossLinks(loaded["related"], MentionIndex(loaded["related"]), loaded["laws"],
                       compile_grammar(loaded["laws"]), loaded["glossary"], base_url, warn, info)
    errors = check_related_laws(links)
    if errors:
        raise SourceErrors(errors)
    return links


def law_links(text: str, links: CrossLinks, day: _dt.date) -> list[tuple[str, str | None]]:
    """A `law` entry of a related page as (reference, href) pairs."""
    out = []
    for r in resolve_text(text, links.grammar, links.laws, day, links.base_url):
        out.extend([(link.text, link.href) for link in r.links] or [(r.ref.text, None)])
    return out


def check_related_laws(links: CrossLinks) -> list[SourceError]:
    """Each `law` entry of a related page must be a reference the table resolves;
    explicit SFS numbers keep it true whatever the date."""
    errors = []
    for page in links.related:
        for text, line in zip(page.law, page.law_lines):
            refs = parse(text, links.grammar)
            if not refs:
                errors.append(SourceError(page.path, line, f"law '{text}' is not a law reference (e.g. 'SFS 2017:612')"))
            for ref in refs:
                numbered = ref.sfs or (ref.statute is not None and ref.statute.sfs)
                if ref.report is None and not numbered:
                    errors.append(SourceError(page.path, line, f"law '{text}': give the SFS number, e.g. '{ref.text} (YYYY:N)'"))
    return errors


def reference_date(revision: Revision, today: _dt.date) -> _dt.date:
    """The day a revision's bare law names speak of: the start of its validity,
    else its adoption, else its latest decision, else today."""
    if revision.valid_from is not None:
        d = revision.valid_from
    elif revision.adopted:
        d = min(revision.adopted)
    elif revision.decisions:
        d = max(x.date for x in revision.decisions)
    else:
        return today
    return _dt.date(d.year, d.month or 1, d.day or 1)


BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "div"})


def _paragraph(slot):
    """The block a text slot belongs to: the context of "samma lag"."""
    el = slot.owner.getparent() if slot.is_tail else slot.owner
    while el is not None and el.tag not in BLOCK_TAGS:
        el = el.getparent()
    return el


def source_line(revision: Revision | None, section_id: str, text: str) -> int:
    """The line of the revision's Markdown file where `text` (a reference as
    rendered) is, else its section's heading line."""
    if revision is None:
        return 1
    body_line = revision.meta.get("body_line", 1)
    section_line = next((s.line for s in revision.sections if s.id == section_id), body_line)
    lines = revision.body.split("\n")
    start = sum(len(x) + 1 for x in lines[:max(0, section_line - body_line)])
    words = [re.escape(w) for w in text.split()]
    pattern = re.compile(r"[\s\\]+".join(words)) if words else None
    match = pattern.search(revision.body, start) if pattern else None
    return body_line + revision.body.count("\n", 0, match.start()) if match else section_line


def link_law_references(root, links: CrossLinks, day: _dt.date, where: str, revision: Revision | None = None) -> None:
    context, paragraph = Context(), None
    for slot in text_slots(root, skip_headings_links_code):
        if _paragraph(slot) is not paragraph:
            context, paragraph = Context(), _paragraph(slot)
        spans = []
        for ref in parse(slot.text, links.grammar):
            result = resolve(ref, links.laws, day, links.base_url, context)
            if result.problem:
                line = source_line(revision, slot.section, ref.text)
                links.info(f"{where}:{line}: law reference '{ref.text}' left unlinked: {result.problem}")
            for link in result.links:
                spans.append((link.start, link.end, lambda t, h=link.href: element("a", {"class": "lawref", "href": h}, t)))
        wrap_spans(slot, spans)


def _links(page) -> CrossLinks | None:
    return page.links


def related_step(root, page) -> None:
    if (links := _links(page)) is not None:
        link_mentions(root, links.mentions, page.url)


def lawref_step(root, page) -> None:
    if (links := _links(page)) is not None:
        day = reference_date(page.revision, page.today or _dt.date.today())
        link_law_references(root, links, day, page.revision.path, page.revision)


def abbreviation_step(root, page) -> None:
    if (links := _links(page)) is not None:
        mark_abbreviations(root, links.glossary)


STEPS = [related_step, lawref_step, abbreviation_step]

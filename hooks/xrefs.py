"""MkDocs adapter for cross-links: related agreements (links, "Nämns i"
backlinks, "Relaterade överenskommelser" on revision pages), law references and
the glossary. Loads and validates the data in on_config, before MkDocs touches
the output folder; the decorate steps in `agreement.crosslinks` do the linking."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from agreement.build import timing
from agreement.links.steps import SETTINGS_KEY, law_links, load_cross_links
from agreement.model.errors import SourceErrors
from agreement.links.glossary import MISSING
from agreement.text.render import make_renderer
from agreement.links.mentions import backlinks, mentioned_in
# hooks/revisions.py registers itself as `revisions`, so this is its loaded state.
from revisions import report_and_abort, state as revision_state

log = logging.getLogger("mkdocs.hooks.xrefs")

GENERATED = {
    "ordlista/index.md": ("Ordlista", "glossary.html"),
    "relaterade/index.md": ("Relaterade överenskommelser och rutiner", "related-index.html"),
}


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    revisions = None
    today = None


state = State()


@event_priority(90)  # after hooks/revisions.py has validated the revisions
def on_config(config):
    config.extra[SETTINGS_KEY] = None
    state.today = revision_state.today
    state.revisions = revision_state.revisions
    project_dir = Path(config.config_file_path).parent
    render = make_renderer(config.markdown_extensions, config.mdx_configs)
    try:
        links = load_cross_links(project_dir, Path(config.docs_dir), dict(config.extra), log.warning)
    except SourceErrors as errors:
        report_and_abort(errors)
    with timing.part("linking"):
        links.backlinks = backlinks(state.revisions, render, links.mentions)
    config.extra[SETTINGS_KEY] = links
    return config


def revision_of(page, config):
    return state.revisions.by_path(f"{Path(config.docs_dir).name}/{page.file.src_uri}")


def on_files(files, config):
    for src_uri, (title, template) in GENERATED.items():
        content = f"---\ntitle: {title}\ntemplate: {template}\n---\n"
        files.append(File.generated(config, src_uri, content=content))
    return files


def _related_of(page, links):
    return next((p for p in links.related if p.src_uri == page.file.src_uri), None)


def on_page_context(context, page, config, nav):
    links = config.extra.get(SETTINGS_KEY)
    if links is None:
        return context

    def url(path: str) -> str:
        return get_relative_url(path or ".", page.url or ".")

    revision = revision_of(page, config)
    if revision is not None:
        context["related_mentioned"] = [
            {"title": p.title, "href": url(p.url)}
            for slug in mentioned_in(revision.id, links.backlinks)
            for p in links.related if p.slug == slug]
    related = _related_of(page, links)
    if related is not None:
        groups: dict[str, dict] = {}
        for b in links.backlinks.get(related.slug, []):
            group = groups.setdefault(b.revision_id, {"label": b.revision_label,
                                                      "href": url(f"revisioner/{b.revision_id}/"), "sections": []})
            group["sections"].append({"heading": b.section_heading, "href": url(b.url)})
        context["related_page"] = related
        context["related_backlinks"] = list(groups.values())
        context["related_law"] = [pair for text in related.law for pair in law_links(text, links, state.today)]
    if page.file.src_uri == "ordlista/index.md":
        context["glossary_entries"] = links.glossary.sorted()
        context["glossary_missing"] = MISSING
    if page.file.src_uri == "relaterade/index.md":
        context["related_pages"] = [{"title": p.title, "href": url(p.url)} for p in links.related]
    return context

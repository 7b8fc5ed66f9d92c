"""MkDocs adapter for cross-links: related agreements (links, "Nämns i"
backlinks, "Relaterade överenskommelser" on revision pages), law references and
the glossary. The data was loaded and checked with every other source by the
build context; the decorate steps in `agreement.links.steps` do the linking."""
from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import site_context
from agreement import urls
from agreement.build import timing
from agreement.links.glossary import MISSING
from agreement.links.mentions import backlinks, mentioned_in
from agreement.links.steps import law_links
from agreement.page import views

GENERATED = {
    urls.GLOSSARY + urls.PAGE_SOURCE: ("Ordlista", "glossary.html"),
    urls.RELATED + urls.PAGE_SOURCE: ("Relaterade överenskommelser och rutiner", "related-index.html"),
}


def on_config(config):
    context = site_context.start(config)
    links = context.sources.links
    with timing.part("linking"):
        links.backlinks = backlinks(context.revisions, context.render, links.mentions)
    return config


def on_files(files, config):
    for src_uri, (title, template) in GENERATED.items():
        content = f"---\ntitle: {title}\ntemplate: {template}\n---\n"
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_context(context, page, config, nav):
    build = site_context.current()
    links = build.sources.links

    def url(path: str) -> str:
        return get_relative_url(path or ".", page.url or ".")

    revision_id = urls.revision_of_source(page.file.src_uri)
    if revision_id is not None:
        context["related_mentioned"] = [
            {"title": p.title, "href": url(p.url)}
            for slug in mentioned_in(revision_id, links.backlinks)
            for p in links.related if p.slug == slug]
    related = next((p for p in links.related if p.src_uri == page.file.src_uri), None)
    if related is not None:
        groups: dict[str, dict] = {}
        for b in links.backlinks.get(related.slug, []):
            group = groups.setdefault(b.revision_id, {"label": b.revision_label,
                                                      "href": url(urls.revision_page(b.revision_id)), "sections": []})
            group["sections"].append({"heading": b.section_heading, "href": url(b.url)})
        context["related_page"] = related
        context["related_published"] = views.link_or_text(related.published) if related.published else None
        context["related_backlinks"] = list(groups.values())
        context["related_law"] = [pair for text in related.law for pair in law_links(text, links, build.today)]
    if page.file.src_uri == urls.GLOSSARY + urls.PAGE_SOURCE:
        context["glossary_entries"] = links.glossary.sorted()
        context["glossary_anchors"] = links.glossary.anchors()
        context["glossary_missing"] = MISSING
    if page.file.src_uri == urls.RELATED + urls.PAGE_SOURCE:
        context["related_pages"] = [{"title": p.title, "href": url(p.url)} for p in links.related]
    return context

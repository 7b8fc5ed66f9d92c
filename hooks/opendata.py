"""MkDocs adapter for open data: writes `revisioner/<id>/index.json` for each
revision with text, serves the JSON Schemas under `schemas/`, links each page
to its JSON, gives revision pages and the start page their schema.org JSON-LD,
writes the DCAT-AP-SE catalog `dcat.jsonld`, and validates every JSON file of
the built site and every page's JSON-LD against its schema (a file that fails
stops the build). The logic is `agreement.outputs.opendata`, `.linked_data`,
`.dcat` and `.jsonvalidate`."""
from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from agreement.build import timing
from agreement.diff.history import paragraph_history
from agreement.outputs.dcat import dcat_catalog
from agreement.outputs.jsonvalidate import (LINKED_DATA_SCHEMA, SCHEMA_DIR, load_validator, schema_files,
                                            validate_document, validate_site)
from agreement.outputs.linked_data import revision_linked_data, script_json, website_linked_data
import site_context
from agreement import urls
from agreement.page import views
from agreement.outputs.opendata import dumps, json_documents, revision_document

log = logging.getLogger("mkdocs.hooks.opendata")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    documents: list = []
    linked_data_validator = None
    linked_data_errors: list = []  # `page: where: what` lines of JSON-LD failing its schema


state = State()


def on_config(config):
    site_context.start(config)
    state.documents = []
    state.linked_data_validator, state.linked_data_errors = None, []
    return config


def on_env(env, config, files):
    diff_pages = {f.url for f in files.documentation_pages() if urls.is_diff_page(f.url)}
    state.documents = json_documents(site_context.current().revisions, diff_pages)
    env.globals["opendata_groups"] = views.open_data_groups(state.documents)
    env.globals["opendata_schemas"] = [{"name": p.name, "path": urls.SCHEMAS + p.name} for p in schema_files()]
    return env


def on_page_context(context, page, config, nav):
    # Relative link for <link rel="alternate">: the JSON sits beside the page.
    pages = {d.page for d in state.documents}
    context["page_json"] = urls.JSON_NAME if page.url in pages else None
    context["linked_data"] = linked_data(page, config)
    return context


def linked_data(page, config) -> Markup | None:
    """The page's JSON-LD, checked against its schema and escaped for a <script>."""
    revisions = site_context.current().revisions
    revision_id = urls.revision_of_source(page.file.src_uri)
    if revision_id is not None:
        document = revision_linked_data(revisions.get(revision_id), revisions, config.extra["region"],
                                        config.site_url)
    elif page.is_homepage:
        document = website_linked_data(config.site_name, config.site_url)
    else:
        return None
    if state.linked_data_validator is None:
        state.linked_data_validator = load_validator(SCHEMA_DIR / LINKED_DATA_SCHEMA)
    state.linked_data_errors += validate_document(document, state.linked_data_validator,
                                                  f"{page.file.src_uri} (JSON-LD)")
    return Markup(script_json(document))  # escaped for HTML by script_json itself


@event_priority(-100)  # after every other hook has written its JSON
def on_post_build(config):
    site_dir = Path(config.site_dir)
    answers = site_context.current().sources.answers
    for revision in site_context.current().revisions:
        if revision.has_text:
            target = site_dir / urls.revision_json(revision.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            history = paragraph_history(site_context.current().revisions, revision, site_context.current().diff_of)
            document = revision_document(revision, config.site_url, answers.get(revision.id), history)
            target.write_text(dumps(document), encoding="utf-8")
    schemas_dir = site_dir / urls.SCHEMAS
    schemas_dir.mkdir(exist_ok=True)
    for schema in schema_files():
        shutil.copyfile(schema, schemas_dir / schema.name)
    schemas = [urls.SCHEMAS + p.name for p in schema_files()]
    catalog = dcat_catalog(site_context.current().revisions, state.documents, schemas,
                           site_name=config.site_name, site_description=config.site_description or "",
                           site_url=config.site_url, region=config.extra["region"],
                           contacts=config.extra.get("contacts", []))
    (site_dir / urls.DCAT).write_text(dumps(catalog), encoding="utf-8")
    for document in state.documents:
        if not (site_dir / document.path).exists():
            log.warning("%s links to %s, but no hook wrote it", document.page, document.path)
    with timing.part("open data validation"):
        report = validate_site(site_dir, SCHEMA_DIR, valid_before=site_context.current().cache_for("valid-json"))
    errors = state.linked_data_errors + report.errors
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        summary = f"{len(errors)} error(s): JSON files of the site fail their schema (schemas/)."
        print(summary, file=sys.stderr)
        raise Abort(summary)
    log.debug("opendata: %d JSON files valid", len(report.checked))

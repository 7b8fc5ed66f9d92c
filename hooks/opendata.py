"""MkDocs adapter for open data: writes `revisioner/<id>/index.json` for each
revision with text, serves the JSON Schemas under `schemas/`, links each page
to its JSON, and validates every JSON file of the built site against its schema
(a file that fails stops the build). The logic is `agreement.outputs.opendata` and
`agreement.outputs.jsonvalidate`."""
from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from agreement.build import timing
from agreement.outputs.jsonvalidate import SCHEMA_DIR, schema_files, validate_site
import site_context
from agreement import urls
from agreement.page import views
from agreement.outputs.opendata import dumps, json_documents, revision_document

log = logging.getLogger("mkdocs.hooks.opendata")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    documents: list = []


state = State()


def on_config(config):
    site_context.start(config)
    state.documents = []
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
    return context


@event_priority(-100)  # after every other hook has written its JSON
def on_post_build(config):
    site_dir = Path(config.site_dir)
    answers = site_context.current().sources.answers
    for revision in site_context.current().revisions:
        if revision.has_text:
            target = site_dir / urls.revision_json(revision.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            document = revision_document(revision, config.site_url, answers.get(revision.id))
            target.write_text(dumps(document), encoding="utf-8")
    schemas_dir = site_dir / urls.SCHEMAS
    schemas_dir.mkdir(exist_ok=True)
    for schema in schema_files():
        shutil.copyfile(schema, schemas_dir / schema.name)
    for document in state.documents:
        if not (site_dir / document.path).exists():
            log.warning("%s links to %s, but no hook wrote it", document.page, document.path)
    with timing.part("open data validation"):
        report = validate_site(site_dir, SCHEMA_DIR)
    if report.errors:
        for error in report.errors:
            print(error, file=sys.stderr)
        summary = f"{len(report.errors)} error(s): JSON files of the site fail their schema (schemas/)."
        print(summary, file=sys.stderr)
        raise Abort(summary)
    log.debug("opendata: %d JSON files valid", len(report.checked))

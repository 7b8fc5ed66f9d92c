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
from agreement.outputs.dcat import DCAT_PATH, dcat_catalog
from agreement.outputs.jsonvalidate import (LINKED_DATA_SCHEMA, SCHEMA_DIR, SCHEMAS_PATH, load_validator,
                                            schema_files, validate_document, validate_site)
from agreement.outputs.linked_data import revision_linked_data, script_json, website_linked_data
from agreement.outputs.opendata import JSON_NAME, dumps, json_documents, revision_document
# hooks/revisions.py (listed before this hook) registers itself as `revisions`.
from revisions import revision_of, state as revision_state

log = logging.getLogger("mkdocs.hooks.opendata")


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    revisions = None
    documents: list = []
    linked_data_validator = None
    linked_data_errors: list = []  # `page: where: what` lines of JSON-LD failing its schema


state = State()


def on_config(config):
    state.revisions, state.documents = None, []
    state.linked_data_validator, state.linked_data_errors = None, []
    return config


def on_env(env, config, files):
    state.revisions = revision_state.revisions
    diff_pages = {f.url for f in files.documentation_pages() if f.url.startswith("jamfor/")}
    state.documents = json_documents(state.revisions, diff_pages)
    env.globals["opendata_documents"] = state.documents
    env.globals["opendata_schemas"] = [SCHEMAS_PATH + p.name for p in schema_files()]
    return env


def on_page_context(context, page, config, nav):
    # Relative link for <link rel="alternate">: the JSON sits beside the page.
    pages = {d.page for d in state.documents}
    context["page_json"] = JSON_NAME if page.url in pages else None
    context["linked_data"] = linked_data(page, config)
    return context


def linked_data(page, config) -> Markup | None:
    """The page's JSON-LD, checked against its schema and escaped for a <script>."""
    revision = revision_of(page)
    if revision is not None:
        document = revision_linked_data(revision, state.revisions, config.extra["region"], config.site_url)
    elif page.is_homepage:
        document = website_linked_data(config.site_name, config.site_url)
    else:
        return None
    if state.linked_data_validator is None:
        state.linked_data_validator = load_validator(SCHEMA_DIR / LINKED_DATA_SCHEMA)
    state.linked_data_errors += validate_document(document, state.linked_data_validator,
                                                  f"{page.file.src_uri} (JSON-LD)")
    return Markup(script_json(document))


@event_priority(-100)  # after every other hook has written its JSON
def on_post_build(config):
    site_dir = Path(config.site_dir)
    for revision in state.revisions:
        if revision.has_text:
            target = site_dir / revision.url() / JSON_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dumps(revision_document(revision, config.site_url)), encoding="utf-8")
    schemas_dir = site_dir / SCHEMAS_PATH
    schemas_dir.mkdir(exist_ok=True)
    for schema in schema_files():
        shutil.copyfile(schema, schemas_dir / schema.name)
    schemas = [SCHEMAS_PATH + p.name for p in schema_files()]
    catalog = dcat_catalog(state.revisions, state.documents, schemas, site_name=config.site_name,
                           site_description=config.site_description or "", site_url=config.site_url,
                           region=config.extra["region"], contacts=config.extra.get("contacts", []))
    (site_dir / DCAT_PATH).write_text(dumps(catalog), encoding="utf-8")
    for document in state.documents:
        if not (site_dir / document.path).exists():
            log.warning("%s links to %s, but no hook wrote it", document.page, document.path)
    with timing.part("open data validation"):
        report = validate_site(site_dir, SCHEMA_DIR)
    errors = state.linked_data_errors + report.errors
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        summary = f"{len(errors)} error(s): JSON files of the site fail their schema (schemas/)."
        print(summary, file=sys.stderr)
        raise Abort(summary)
    log.debug("opendata: %d JSON files valid", len(report.checked))

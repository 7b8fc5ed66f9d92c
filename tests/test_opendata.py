"""Open data: every revision with text has a JSON document that follows its
schema and says what the page says; every JSON file of the site is validated;
a file that fails its schema fails the build."""
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from agreement.build.cache import Cache
from agreement.outputs.jsonvalidate import SCHEMA_DIR, schema_for, validate_site
from agreement.sources.revisions import load_revisions
from agreement.outputs.opendata import (FORMAT_VERSION, dumps, json_documents, permanent_url,
                                revision_document)
from agreement.text.structure import own_text
from conftest import ROOT, build_project, read_html

REVISIONS = load_revisions(ROOT / "docs")
REVISION_SCHEMA = json.loads((SCHEMA_DIR / "revision.schema.json").read_text(encoding="utf-8"))


def test_revision_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(REVISION_SCHEMA)


@pytest.mark.parametrize("revision", [r for r in REVISIONS if r.has_text], ids=lambda r: r.id)
def test_revision_document_follows_schema_and_model(revision):
    document = json.loads(dumps(revision_document(revision, "https://example.org/sajt/")))
    Draft202012Validator(REVISION_SCHEMA).validate(document)
    assert document["format_version"] == FORMAT_VERSION
    assert document["url"] == f"https://example.org/sajt/revisioner/{revision.id}/"
    assert (document["revision"], document["title"], document["label"]) == (revision.id, revision.title, revision.label)
    assert [s["id"] for s in document["sections"]] == [s.id for s in revision.sections]
    blocks = [b for s in document["sections"] for b in s["blocks"]]
    assert [b["anchor"] for b in blocks] == [b.anchor for s in revision.sections for b in s.blocks]
    assert all(b["text"] for b in blocks)


def test_front_matter_values_keep_their_precision():
    document = revision_document(REVISIONS.get("4.0"))
    assert document["adopted"] == ["2021-06"]
    assert document["valid"] == {"from": "2021", "to": "2023"}
    assert document["previous"] == "2014-2016"
    proposal = revision_document(REVISIONS.get("2025"))
    assert [d["date"] for d in proposal["decisions"]] == ["2025-06-02", "2025-09-25"]
    assert proposal["text"] == "excerpt" and proposal["valid"] is None and proposal["errata"] == []


def test_revision_without_text_gets_no_document():
    with pytest.raises(ValueError, match="no text"):
        revision_document(REVISIONS.get("2014-2016"))
    docs = json_documents(REVISIONS)
    assert [d.path for d in docs] == ["revisioner/4.0/index.json", "revisioner/2025/index.json"]


def test_diff_documents_only_for_diff_pages_the_site_has():
    docs = json_documents(REVISIONS, {"jamfor/4.0--2025/", "jamfor/okand--sida/"})
    assert [d.path for d in docs if d.kind == "diff"] == ["jamfor/4.0--2025/index.json"]


def test_permanent_url_without_site_url_stays_relative():
    assert permanent_url(None, "revisioner/4.0/", "syfte-1") == "revisioner/4.0/#syfte-1"
    assert permanent_url("https://x.example/a", "revisioner/4.0/") == "https://x.example/a/revisioner/4.0/"


def test_schema_rules_by_site_path():
    assert schema_for("revisioner/4.0/index.json") == SCHEMA_DIR / "revision.schema.json"
    assert schema_for("search/search_index.json") is None
    assert schema_for("revisioner/4.0/extra/index.json") is None


def test_every_json_file_of_the_real_site_follows_its_schema(site, tmp_path):
    assert schema_for("jamfor/4.0--2025/index.json") == SCHEMA_DIR / "diff.schema.json"
    assert (SCHEMA_DIR / "diff.schema.json").is_file()
    report = validate_site(site)
    assert report.errors == []
    diffs = {p.relative_to(site).as_posix() for p in site.glob("jamfor/*--*/index.json")}
    assert "jamfor/4.0--2025/index.json" in diffs
    assert set(report.checked) == {"revisioner/4.0/index.json", "revisioner/2025/index.json", "dcat.jsonld"} | diffs
    assert not (site / "revisioner/2014-2016/index.json").exists()
    # A diff document that breaks its schema is reported, naming the file.
    broken = tmp_path / "jamfor" / "4.0--2025" / "index.json"
    broken.parent.mkdir(parents=True)
    document = json.loads((site / "jamfor/4.0--2025/index.json").read_text(encoding="utf-8"))
    del document["sections"]
    broken.write_text(json.dumps(document), encoding="utf-8")
    report = validate_site(tmp_path)
    assert report.checked == ["jamfor/4.0--2025/index.json"]
    assert len(report.errors) == 1 and report.errors[0].startswith("site/jamfor/4.0--2025/index.json: ")
    assert "sections" in report.errors[0]


def test_json_says_what_the_page_says(site):
    document = json.loads((site / "revisioner/4.0/index.json").read_text(encoding="utf-8"))
    page = read_html(site, "revisioner/4.0/")
    text = page.cssselect(".revision-text")[0]
    page_ids = [el.get("id") for el in text.iter("p", "li")]
    json_blocks = {b["anchor"]: b for s in document["sections"] for b in s["blocks"]}
    assert list(json_blocks) == page_ids
    assert json_blocks["malgrupper-2"]["text"] == own_text(page.get_element_by_id("malgrupper-2"))
    assert json_blocks["malgrupper-2"]["text"] == "Definitioner i Socialstyrelsens termbank:"
    assert json_blocks["malgrupper-3"]["kind"] == "li"
    headings = {s["id"]: s["heading"] for s in document["sections"]}
    assert headings["malgrupper"] == "Målgrupper"


def test_pages_link_to_their_json(site):
    for revision in REVISIONS:
        links = read_html(site, revision.url()).xpath('//head/link[@rel="alternate"][@type="application/json"]')
        if revision.has_text:
            assert [link.get("href") for link in links] == ["index.json"]
            assert (site / revision.url() / "index.json").exists()
        else:
            assert links == []
    for diff_json in site.glob("jamfor/*--*/index.json"):
        page = read_html(site, diff_json.parent.relative_to(site).as_posix() + "/")
        assert page.xpath('//head/link[@rel="alternate"][@type="application/json"]/@href') == ["index.json"]
    assert read_html(site, "").xpath('//head/link[@rel="alternate"][@type="application/json"]') == []


def test_open_data_page_lists_files_and_schemas_and_says_what_the_text_is(site):
    page = read_html(site, "oppna-data/")
    hrefs = [a.get("href") for a in page.cssselect(".opendata-files a")]
    for href in hrefs:
        target = (site / "oppna-data" / href).resolve()
        assert target.exists() or (target / "index.html").exists(), href
    assert "../revisioner/4.0/index.json" in hrefs and "../schemas/revision.schema.json" in hrefs
    served = json.loads((site / "schemas/revision.schema.json").read_text(encoding="utf-8"))
    assert served == REVISION_SCHEMA
    text = page.text_content()
    assert "allmän handling" in text and "2 kap. 4 § tryckfrihetsförordningen" in text
    assert "format_version" in text


def test_json_failing_its_schema_fails_the_build(project_copy, tmp_path):
    # A build first, so the cache knows every file valid under the schema as it was.
    assert build_project(project_copy, tmp_path / "before").returncode == 0
    assert any((project_copy / ".cache" / "valid-json").iterdir())
    schema_file = project_copy / "schemas" / "revision.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["sections"]["minItems"] = 1000  # no revision has that many sections
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    (project_copy / "site").mkdir()
    (project_copy / "site" / "marker.txt").write_text("previous build")
    result = build_project(project_copy)
    assert result.returncode == 1
    assert re.search(r"^site/revisioner/4\.0/index\.json: \$\[.sections.\]: .{1,160} is too short$", result.stderr, re.M), result.stderr
    assert "JSON files of the site fail their schema" in result.stderr
    assert (project_copy / "site" / "marker.txt").exists(), "a failed build leaves site/ as it was"


def test_files_valid_before_are_valid_only_byte_for_byte_under_the_same_schema(tmp_path: Path):
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    schema = {"type": "object", "required": ["format_version"]}
    (schemas / "revision.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site = tmp_path / "site"
    document = site / "revisioner" / "x" / "index.json"
    document.parent.mkdir(parents=True)
    document.write_text(json.dumps({"format_version": 1}), encoding="utf-8")
    valid_before = Cache(tmp_path / "valid-json")
    assert validate_site(site, schemas, valid_before=valid_before).errors == []
    assert len(list(valid_before.folder.iterdir())) == 1
    document.write_text(json.dumps({"format": 1}), encoding="utf-8")  # other bytes: validated again
    assert len(validate_site(site, schemas, valid_before=valid_before).errors) == 1
    document.write_text(json.dumps({"format_version": 1}), encoding="utf-8")  # the bytes found valid
    schema["required"] = ["sections"]  # ... but not under this schema
    (schemas / "revision.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    assert [e.split(": ")[0] for e in validate_site(site, schemas, valid_before=valid_before).errors] == [
        "site/revisioner/x/index.json"]


def test_validate_site_reports_bad_json(tmp_path: Path):
    bad = tmp_path / "revisioner" / "x" / "index.json"
    bad.parent.mkdir(parents=True)
    bad.write_text("{not json", encoding="utf-8")
    wrong = tmp_path / "revisioner" / "y" / "index.json"
    wrong.parent.mkdir(parents=True)
    wrong.write_text(json.dumps({"format_version": 2}), encoding="utf-8")
    (tmp_path / "search.json").write_text("{not json but no schema", encoding="utf-8")
    report = validate_site(tmp_path)
    assert report.checked == ["revisioner/x/index.json", "revisioner/y/index.json"]
    assert any(e.startswith("site/revisioner/x/index.json: not valid JSON") for e in report.errors)
    assert any(e.startswith("site/revisioner/y/index.json: $['format_version']") for e in report.errors)


def test_json_link_costs_the_reader_no_failed_request(server, browser_page):
    """Material fetches a sitemap beside every link[rel=alternate]; opendata.js
    keeps it from doing so beside the JSON (a 404 in the console otherwise)."""
    page = browser_page.page
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto(server + "revisioner/4.0/", wait_until="networkidle")
    assert failed == [] and browser_page.console_errors == []
    href = page.evaluate("document.querySelector('link[rel~=alternate][type=\"application/json\"]').href")
    assert href == server + "revisioner/4.0/index.json"
    assert page.request.get(href).json()["revision"] == "4.0"

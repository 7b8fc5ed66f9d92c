"""Linked data: the JSON-LD of the revision pages and the start page, and the
DCAT-AP-SE catalog, read as RDF (rdflib) from the real build and checked
against the revision model and mkdocs.yml."""
import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS, XSD

from agreement.urls import DCAT as DCAT_PATH
from agreement.outputs.jsonvalidate import (LINKED_DATA_SCHEMA, SCHEMA_DIR, load_validator, validate_document,
                                            validate_site)
from agreement.outputs.linked_data import script_json
from site_context import load_settings
from agreement.sources.revisions import load_revisions
from conftest import ROOT, read_html

SDO = Namespace("https://schema.org/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
REVISIONS = load_revisions(ROOT / "docs")
SETTINGS = load_settings(ROOT / "mkdocs.yml")
SITE_URL = SETTINGS.site_url
REGION = SETTINGS.extra["region"]
EXPECTED_FORCE = {"in_force": SDO.InForce, "superseded": SDO.NotInForce, "proposed": SDO.NotInForce,
                  "draft": SDO.NotInForce}


def page_json_ld(site: Path, path: str) -> list[str]:
    return read_html(site, path).xpath('//script[@type="application/ld+json"]/text()')


def page_graph(site: Path, path: str) -> Graph:
    scripts = page_json_ld(site, path)
    assert len(scripts) == 1, f"{path}: {len(scripts)} JSON-LD scripts"
    return Graph().parse(data=scripts[0], format="json-ld")


def names(graph: Graph, subject, predicate) -> set[str]:
    return {str(graph.value(o, SDO.name)) for o in graph.objects(subject, predicate)}


@pytest.mark.parametrize("revision", list(REVISIONS), ids=lambda r: r.id)
def test_revision_page_describes_its_revision_as_legislation(site, revision):
    graph = page_graph(site, revision.url())
    page = URIRef(SITE_URL + revision.url())
    assert (page, RDF.type, SDO.Legislation) in graph
    assert graph.value(page, SDO.identifier) == Literal(revision.id)
    assert graph.value(page, SDO.legislationIdentifier) == Literal(str(page))
    assert graph.value(page, SDO.name) == Literal(revision.title)
    assert graph.value(page, SDO.legislationType) == Literal("Överenskommelse")
    assert graph.value(page, SDO.inLanguage) == Literal("sv")
    assert names(graph, page, SDO.jurisdiction) == {REGION["county"]}
    assert graph.value(page, SDO.legislationLegalForce) == EXPECTED_FORCE[REVISIONS.role(revision)]
    # Dates of adoption, as precise as the source gives them.
    dates = set(graph.objects(page, SDO.legislationDate))
    kinds = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
    assert dates == {Literal(d.iso(), datatype=kinds[len(d.iso())]) for d in revision.adopted}
    # The parties: passed by them once adopted, their responsibility while proposed.
    parties = {REGION["name"], *REGION["municipalities"]}
    adopted = REVISIONS.role(revision) in ("in_force", "superseded")
    assert names(graph, page, SDO.legislationPassedBy if adopted else SDO.legislationResponsible) == parties
    assert names(graph, page, SDO.legislationResponsible if adopted else SDO.legislationPassedBy) == set()
    previous = REVISIONS.previous_of(revision)
    expected_previous = {URIRef(SITE_URL + previous.url())} if previous else set()
    assert set(graph.objects(page, SDO.legislationChanges)) == expected_previous
    assert set(graph.objects(page, SDO.isBasedOn)) == expected_previous


@pytest.mark.parametrize("revision", list(REVISIONS), ids=lambda r: r.id)
def test_revision_encodings_are_the_files_the_site_has(site, revision):
    graph = page_graph(site, revision.url())
    page = URIRef(SITE_URL + revision.url())
    encodings = {str(graph.value(e, SDO.encodingFormat)): str(graph.value(e, SDO.contentUrl))
                 for e in graph.objects(page, SDO.encoding)}
    if not revision.has_text:
        assert encodings == {}
        return
    base = SITE_URL + revision.url()
    assert encodings == {"application/pdf": f"{base}overenskommelse-{revision.id}.pdf",
                         "application/json": f"{base}index.json"}
    for url in encodings.values():
        assert (site / url.removeprefix(SITE_URL)).is_file(), url
    for encoding in graph.objects(page, SDO.encoding):
        assert (encoding, RDF.type, SDO.LegislationObject) in graph
        assert graph.value(encoding, SDO.legislationLegalValue) == SDO.UnofficialLegalValue


def test_start_page_is_a_website_searchable_on_sok(site):
    graph = page_graph(site, "")
    home = URIRef(SITE_URL)
    assert (home, RDF.type, SDO.WebSite) in graph
    assert graph.value(home, SDO.name) == Literal(SETTINGS.site_name)
    action = graph.value(home, SDO.potentialAction)
    assert (action, RDF.type, SDO.SearchAction) in graph
    target = graph.value(action, SDO.target)
    assert graph.value(target, SDO.urlTemplate) == Literal(SITE_URL + "sok/?q={search_term_string}")


def test_other_pages_carry_no_json_ld(site):
    for path in ("sok/", "oppna-data/", "jamfor/4.0--2025/", "relaterade/sip/"):
        assert page_json_ld(site, path) == [], path


def test_script_json_cannot_end_the_script_element():
    document = {"name": "</script><script>alert(1)</script> & <!--"}
    text = script_json(document)
    assert not set("<>&") & set(text)
    assert json.loads(text) == document


def test_linked_data_schema_rejects_what_the_pages_must_not_say():
    validator = load_validator(SCHEMA_DIR / LINKED_DATA_SCHEMA)
    legislation = json.loads(page_json_ld_document("4.0"))
    assert validate_document(legislation, validator, "ok") == []
    for key in ("legislationLegalForce", "jurisdiction", "legislationPassedBy"):
        broken = {k: v for k, v in legislation.items() if k != key}
        assert validate_document(broken, validator, "broken"), key
    claims_official = json.loads(json.dumps(legislation).replace("UnofficialLegalValue", "OfficialLegalValue"))
    assert validate_document(claims_official, validator, "broken")


def page_json_ld_document(revision_id: str) -> str:
    from agreement.outputs.linked_data import revision_linked_data

    return json.dumps(revision_linked_data(REVISIONS.get(revision_id), REVISIONS, REGION, SITE_URL))


# --- DCAT-AP-SE ----------------------------------------------------------------------------

def dcat_graph(site: Path) -> Graph:
    return Graph().parse(site / DCAT_PATH, format="json-ld")


def test_dcat_catalog_and_dataset_name_publisher_contact_and_rights(site):
    graph = dcat_graph(site)
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert catalogs == [URIRef(SITE_URL + DCAT_PATH)] and len(datasets) == 1
    catalog, dataset = catalogs[0], datasets[0]
    assert (catalog, DCAT.dataset, dataset) in graph
    assert graph.value(catalog, FOAF.homepage) == URIRef(SITE_URL)
    assert graph.value(dataset, DCAT.landingPage) == URIRef(SITE_URL + "oppna-data/")
    for subject in (catalog, dataset):
        assert graph.value(graph.value(subject, DCTERMS.publisher), FOAF.name) == Literal(REGION["name"])
    contacts = {(str(graph.value(c, VCARD.fn)), str(graph.value(c, VCARD.hasURL)))
                for c in graph.objects(dataset, DCAT.contactPoint)}
    assert contacts == {(c["name"], c["url"]) for c in SETTINGS.extra["contacts"]}
    assert graph.value(dataset, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/IRREG")
    rights = graph.value(dataset, DCTERMS.rights)
    assert "allmän handling" in str(graph.value(rights, RDFS.label))
    assert graph.value(rights, DCTERMS.source) == URIRef("https://lagen.nu/1949:105")
    assert graph.value(dataset, DCTERMS.license) is None  # no source sets a licence


def test_dcat_distributions_are_every_open_data_file_of_the_site(site):
    graph = dcat_graph(site)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    downloads = {}
    for distribution in graph.objects(dataset, DCAT.distribution):
        url = str(graph.value(distribution, DCAT.downloadURL))
        assert graph.value(distribution, DCAT.accessURL) == URIRef(url)
        downloads[url.removeprefix(SITE_URL)] = str(graph.value(distribution, DCAT.mediaType))
    expected = {f"{r.url()}index.json" for r in REVISIONS if r.has_text}
    expected |= {f"{r.url()}overenskommelse-{r.id}.pdf" for r in REVISIONS if r.has_text}
    expected |= {p.relative_to(site).as_posix() for p in site.glob("jamfor/*--*/index.json")}
    expected |= {"feed.xml"} | {f"schemas/{p.name}" for p in SCHEMA_DIR.glob("*.schema.json")}
    assert set(downloads) == expected
    assert any(p.startswith("jamfor/") for p in downloads)
    for path, media_type in downloads.items():
        assert (site / path).is_file(), path
        suffix = Path(path).suffix
        assert media_type == "https://www.iana.org/assignments/media-types/" + {
            ".json": "application/json", ".pdf": "application/pdf", ".xml": "application/atom+xml"}[suffix]


def test_dcat_json_files_name_the_schema_they_follow(site):
    graph = dcat_graph(site)
    conforms = {str(graph.value(d, DCAT.downloadURL)).removeprefix(SITE_URL): str(graph.value(d, DCTERMS.conformsTo))
                for d in graph.subjects(RDF.type, DCAT.Distribution)}
    assert conforms["revisioner/4.0/index.json"] == SITE_URL + "schemas/revision.schema.json"
    assert conforms["jamfor/4.0--2025/index.json"] == SITE_URL + "schemas/diff.schema.json"


def test_build_validates_the_dcat_file(site, tmp_path):
    report = validate_site(site)
    assert DCAT_PATH in report.checked and report.errors == []
    broken = json.loads((site / DCAT_PATH).read_text(encoding="utf-8"))
    del broken["dcat:dataset"][0]["dcat:contactPoint"]
    (tmp_path / DCAT_PATH).write_text(json.dumps(broken), encoding="utf-8")
    errors = validate_site(tmp_path).errors
    assert len(errors) == 1 and "dcat:contactPoint" in errors[0] and errors[0].startswith(f"site/{DCAT_PATH}: ")

"""The open data described for harvesters (Sveriges dataportal): a DCAT-AP-SE
catalog in JSON-LD at a stable path, `dcat.jsonld` at the site root (`urls.DCAT`).

One `dcat:Catalog` with one `dcat:Dataset`, the agreement's open data, whose
distributions are every file a program can fetch: each revision's JSON and PDF,
each comparison's JSON, the Atom feed and the JSON Schemas. Publisher and
contact come from `extra.region` and `extra.contacts` in mkdocs.yml.

No licence is stated: the site has no source that sets terms of reuse for the
text. What it has is the law on public documents, said in `RIGHTS_SV`."""
from __future__ import annotations

from dataclasses import dataclass

from agreement import urls
from agreement.model.revision import RevisionSet
from agreement.outputs.jsonvalidate import schema_for
from agreement.outputs.opendata import JsonDocument, permanent_url

DATASET_PAGE = urls.OPEN_DATA  # the page that explains the files (dcat:landingPage)
LANGUAGE = "sv"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
# Controlled vocabularies DCAT-AP asks for: the EU's language, frequency and
# file-type authority tables, and IANA's media types.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGE_URI = EU_AUTHORITY + "language/SWE"
# New revisions come when the parties adopt or propose one: no fixed interval.
FREQUENCY_URI = EU_AUTHORITY + "frequency/IRREG"
IANA = "https://www.iana.org/assignments/media-types/"

# Rights: 2 kap. tryckfrihetsförordningen (1949:105) makes a document kept by
# an authority and drawn up or received there public (allmän handling), and
# its 1 § gives everyone the right to read it. The statement says that and no
# more: the site has no source for terms of reuse (see docs/oppna-data.md).
RIGHTS_SV = (
    "Överenskommelsen är en allmän handling hos de kommuner och den region som har ingått den "
    "(2 kap. tryckfrihetsförordningen (1949:105)); var och en har rätt att ta del av allmänna "
    "handlingar (2 kap. 1 §). Webbplatsen har ingen källa som anger villkor för återanvändning, "
    "och ingen licens anges. Webbplatsen är inte den officiella publiceringen: texten är en "
    "avskrift av den handling som varje version anger som källa."
)
RIGHTS_SOURCE = "https://lagen.nu/1949:105"  # the statute cited in RIGHTS_SV

CATALOG_TITLE_SV = "Öppna data: {site_name}"
DATASET_DESCRIPTION_SV = (
    "Överenskommelsens versioner och jämförelserna mellan dem i maskinläsbar form (JSON, med "
    "JSON Schema), varje versions PDF och ett Atom-flöde med nya versioner och synpunktsperioder."
)
FEED_TITLE_SV = "Atom-flöde: nya versioner och synpunktsperioder"
SCHEMA_TITLE_SV = "JSON Schema: {name}"
PDF_TITLE_SV = "{label} (PDF)"
JSON_TITLE_SV = "{label} (JSON)"


@dataclass(frozen=True)
class FileFormat:
    media_type: str  # IANA
    file_type: str | None  # EU file-type authority code, where it has one

    def properties(self) -> dict:
        out = {"dcat:mediaType": {"@id": IANA + self.media_type}}
        if self.file_type:
            out["dcterms:format"] = {"@id": EU_AUTHORITY + "file-type/" + self.file_type}
        return out


JSON = FileFormat("application/json", "JSON")
PDF = FileFormat("application/pdf", "PDF")
ATOM = FileFormat("application/atom+xml", None)


def sv(text: str) -> dict:
    return {"@value": text, "@language": LANGUAGE}


def publisher(region: dict) -> dict:
    return {"@type": "foaf:Agent", "foaf:name": region["name"]}


def contact_point(contact: dict) -> dict:
    """A contact of `extra.contacts` as a vCard organisation."""
    card = {"@type": "vcard:Organization", "vcard:fn": contact["name"]}
    if contact.get("email"):
        card["vcard:hasEmail"] = {"@id": "mailto:" + contact["email"]}
    if contact.get("url"):
        card["vcard:hasURL"] = {"@id": contact["url"]}
    if contact.get("phone"):
        card["vcard:hasTelephone"] = {"@id": "tel:" + contact["phone"].replace(" ", "")}
    return card


def rights() -> dict:
    return {"@type": "dcterms:RightsStatement", "rdfs:label": sv(RIGHTS_SV),
            "dcterms:source": {"@id": RIGHTS_SOURCE}}


def distribution(site_url: str | None, path: str, title: str, file_format: FileFormat,
                 conforms_to: str | None = None) -> dict:
    url = permanent_url(site_url, path)
    out = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dcterms:title": sv(title),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        **file_format.properties(),
        "dcterms:rights": rights(),
    }
    if conforms_to:
        out["dcterms:conformsTo"] = {"@id": permanent_url(site_url, conforms_to)}
    return out


def distributions(revisions: RevisionSet, documents: list[JsonDocument], schemas: list[str],
                  site_url: str | None) -> list[dict]:
    """Every file of the open data: JSON per revision and comparison (each with
    the schema it follows), PDF per revision with text, the feed, the schemas."""
    out = []
    for document in documents:
        schema = schema_for(document.path)
        out.append(distribution(site_url, document.path, JSON_TITLE_SV.format(label=document.label), JSON,
                                urls.SCHEMAS + schema.name if schema else None))
    for revision in revisions:
        if revision.has_text:
            out.append(distribution(site_url, urls.revision_pdf(revision.id),
                                    PDF_TITLE_SV.format(label=revision.label), PDF))
    out.append(distribution(site_url, urls.FEED, FEED_TITLE_SV, ATOM))
    for schema in schemas:
        out.append(distribution(site_url, schema, SCHEMA_TITLE_SV.format(name=schema.rsplit("/", 1)[-1]), JSON))
    return out


def dcat_catalog(revisions: RevisionSet, documents: list[JsonDocument], schemas: list[str], *,
                 site_name: str, site_description: str, site_url: str | None, region: dict,
                 contacts: list[dict]) -> dict:
    """The DCAT-AP-SE description of the site's open data."""
    home = permanent_url(site_url, "")
    dataset = {
        "@id": permanent_url(site_url, DATASET_PAGE),
        "@type": "dcat:Dataset",
        "dcterms:title": sv(site_name),
        "dcterms:description": sv(DATASET_DESCRIPTION_SV),
        "dcterms:publisher": publisher(region),
        "dcat:contactPoint": [contact_point(c) for c in contacts],
        "dcterms:language": {"@id": LANGUAGE_URI},
        "dcterms:accrualPeriodicity": {"@id": FREQUENCY_URI},
        "dcat:landingPage": {"@id": permanent_url(site_url, DATASET_PAGE)},
        "dcterms:rights": rights(),
        "dcat:distribution": distributions(revisions, documents, schemas, site_url),
    }
    return {
        "@context": CONTEXT,
        "@id": permanent_url(site_url, urls.DCAT),
        "@type": "dcat:Catalog",
        "dcterms:title": sv(CATALOG_TITLE_SV.format(site_name=site_name)),
        "dcterms:description": sv(" ".join(site_description.split())),
        "dcterms:publisher": publisher(region),
        "foaf:homepage": {"@id": home},
        "dcterms:language": {"@id": LANGUAGE_URI},
        "dcat:dataset": [dataset],
    }

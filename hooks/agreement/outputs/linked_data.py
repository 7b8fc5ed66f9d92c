"""Linked data for the pages: schema.org JSON-LD that a search engine or a
harvester reads from a `<script type="application/ld+json">` element.

A revision page describes its revision as a `Legislation` (schema.org's
vocabulary for legal texts, derived from the European Legislation Identifier,
ELI): what it is, whose it is, when it was adopted, whether it is in force, the
revision it changes, and its PDF and JSON. The start page describes the site as
a `WebSite` with a `SearchAction` on `sok/`. Nothing here claims to be an
official ELI: the identifiers are the site's own permanent URLs.

The context is written out (`@vocab`) rather than named by URL, so a reader
needs no request to schema.org to expand it (the tests parse it offline)."""
from __future__ import annotations

import json

from agreement import labels, urls
from agreement.model.dates import PartialDate
from agreement.model.revision import Revision, RevisionSet
from agreement.outputs.opendata import permanent_url

SCHEMA_ORG = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
CONTEXT = {"@vocab": SCHEMA_ORG, "xsd": XSD}
LANGUAGE = "sv"
SEARCH_TERM = "search_term_string"

# The role a revision has in the chain (RevisionSet.role) as schema.org's
# LegalForceStatus. schema.org has no "proposed": a proposal or draft is not in
# force, and says what it is in `creativeWorkStatus`.
LEGAL_FORCE = {
    "in_force": SCHEMA_ORG + "InForce",
    "superseded": SCHEMA_ORG + "NotInForce",
    "proposed": SCHEMA_ORG + "NotInForce",
    "draft": SCHEMA_ORG + "NotInForce",
}
# The site is a transcription, not the official publication (oppna-data/).
UNOFFICIAL = SCHEMA_ORG + "UnofficialLegalValue"
# Roles whose revision the parties have adopted; a proposal's parties are the
# ones responsible for it, not (yet) the ones that passed it.
ADOPTED_ROLES = ("in_force", "superseded")


def date_literal(value: PartialDate) -> dict:
    """A date as precise as the source gives it: xsd:gYear, gYearMonth or date."""
    kind = "xsd:date" if value.day else "xsd:gYearMonth" if value.month else "xsd:gYear"
    return {"@value": value.iso(), "@type": kind}


def parties(region: dict) -> list[dict]:
    """The region and the municipalities of `extra.region` as organisations."""
    out = [{"@type": "GovernmentOrganization", "name": region["name"]}]
    out += [{"@type": "GovernmentOrganization", "name": m, "description": labels.MUNICIPALITY}
            for m in region.get("municipalities", [])]
    return out


def encodings(revision: Revision, site_url: str | None) -> list[dict]:
    """The revision's PDF and JSON, the files a program can fetch."""
    if not revision.has_text:
        return []
    files = (("application/pdf", urls.revision_pdf(revision.id)), ("application/json", urls.revision_json(revision.id)))
    return [{
        "@type": "LegislationObject",
        "encodingFormat": media_type,
        "contentUrl": permanent_url(site_url, path),
        "legislationLegalValue": {"@id": UNOFFICIAL},
        "inLanguage": LANGUAGE,
    } for media_type, path in files]


def revision_linked_data(revision: Revision, revisions: RevisionSet, region: dict,
                         site_url: str | None) -> dict:
    """One revision as a schema.org `Legislation`."""
    role = revisions.role(revision)
    url = permanent_url(site_url, urls.revision_page(revision.id))
    document = {
        "@context": CONTEXT,
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "legislationIdentifier": url,
        "identifier": revision.id,
        "name": revision.title,
        "alternateName": revision.label,
        "version": revision.id,
        "legislationType": labels.DOCUMENT_KIND,
        "inLanguage": LANGUAGE,
        "jurisdiction": {"@type": "AdministrativeArea", "name": region["county"]},
        "legislationLegalForce": {"@id": LEGAL_FORCE[role]},
        "creativeWorkStatus": labels.ROLE[role],
    }
    if revision.adopted:
        document["legislationDate"] = [date_literal(d) for d in revision.adopted]
    party_key = "legislationPassedBy" if role in ADOPTED_ROLES else "legislationResponsible"
    document[party_key] = parties(region)
    previous = revisions.previous_of(revision)
    if previous is not None:
        previous_ref = {"@id": permanent_url(site_url, urls.revision_page(previous.id))}
        document["legislationChanges"] = previous_ref
        document["isBasedOn"] = previous_ref
    files = encodings(revision, site_url)
    if files:
        document["encoding"] = files
    return document


def website_linked_data(site_name: str, site_url: str | None) -> dict:
    """The site as a schema.org `WebSite` whose search takes `?q=`."""
    home = permanent_url(site_url, "")
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": home,
        "url": home,
        "name": site_name,
        "inLanguage": LANGUAGE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": permanent_url(site_url, urls.SEARCH) + "?q={" + SEARCH_TERM + "}"},
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


# Inside <script> the HTML parser ends the element at `</script`; JSON's own
# escapes keep the text the same JSON while no `<`, `>` or `&` reaches the HTML.
_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(document: dict) -> str:
    """JSON for a `<script type="application/ld+json">` element's text."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(_HTML_ESCAPES)

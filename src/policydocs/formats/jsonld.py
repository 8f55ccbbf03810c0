"""A version of the policy in W3C Data Privacy Vocabulary (DPV) terms, as JSON-LD."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..cache import key
from ..i18n.localize import localize
from ..policy.model import Policy
from ..site import addresses
from ..site.publication import Publication
from ..versions.archive import Release
from ._json import dump

CONTEXT = {
    "dpv": "https://w3id.org/dpv#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "loc": "https://w3id.org/dpv/loc#",
    "dct": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LEGAL_BASES = {
    "consent": "eu-gdpr:A6-1-a",
    "contract": "eu-gdpr:A6-1-b",
    "legal-obligation": "eu-gdpr:A6-1-c",
    "vital-interests": "eu-gdpr:A6-1-d",
    "public-task": "eu-gdpr:A6-1-e",
    "legitimate-interests": "eu-gdpr:A6-1-f",
}
RIGHTS = {
    "access": "eu-gdpr:A15",
    "rectification": "eu-gdpr:A16",
    "erasure": "eu-gdpr:A17",
    "restriction": "eu-gdpr:A18",
    "portability": "eu-gdpr:A20",
    "objection": "eu-gdpr:A21",
    "withdraw-consent": "eu-gdpr:A7-3",
}
TRANSFERS = {
    "adequacy-decision": "eu-gdpr:A45-3",
    "eu-us-dpf": "eu-gdpr:A45-3",
    "scc": "eu-gdpr:A46-2-c",
    "bcr": "eu-gdpr:A47",
    "derogation": "eu-gdpr:A49-1",
}


def _labels(values: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": locale} for locale, text in values.items()]


def document(release: Release, localized: Mapping[str, Policy]) -> dict[str, Any]:
    """The version as a dpv:PrivacyNotice: controller, purposes with legal bases, data, processors,
    retention and rights. Labels are given in every language of ``localized`` (locale → policy).
    Ids are relative to the document's own address.
    """
    source = release.policy

    def label(pick: Any) -> list[dict[str, str]]:
        """``pick`` reads one text out of a policy; the localized policies share the source's shape."""
        return _labels({locale: pick(policy) for locale, policy in localized.items()})

    purposes = []
    for i, purpose in enumerate(source.purposes):
        entry: dict[str, Any] = {
            "@id": f"#purpose-{purpose.id}",
            "@type": "dpv:Purpose",
            "rdfs:label": label(lambda p, i=i: p.purposes[i].label),
        }
        if purpose.legal_basis:
            entry["dpv:hasLegalBasis"] = {"@id": LEGAL_BASES[purpose.legal_basis]}
        purposes.append(entry)
    data = []
    subjects = []
    for a, audience in enumerate(source.personal_data.audiences):
        subjects.append(
            {
                "@id": f"#subject-{audience.id}",
                "@type": "dpv:DataSubject",
                "rdfs:label": label(lambda p, a=a: p.personal_data.audiences[a].title),
            }
        )
        for c, category in enumerate(audience.categories):
            data.append(
                {
                    "@id": f"#data-{audience.id}-{category.id}",
                    "@type": "dpv:PersonalData",
                    "rdfs:label": label(lambda p, a=a, c=c: p.personal_data.audiences[a].categories[c].text),
                }
            )
    processors = []
    for i, processor in enumerate(source.processors.processors):
        entry = {
            "@id": f"#processor-{processor.id}",
            "@type": "dpv:DataProcessor" if processor.role == "processor" else "dpv:DataController",
            "dct:title": processor.name,
            "rdfs:comment": label(lambda p, i=i: p.processors.processors[i].activity),
        }
        if processor.data:
            entry["dpv:hasPersonalData"] = [{"@id": f"#data-{ref.replace('.', '-')}"} for ref in processor.data]
        if processor.country:
            entry["dpv:hasLocation"] = {"@id": f"loc:{processor.country}"}
        if processor.transfer:
            entry["dpv:hasLegalBasis"] = {"@id": TRANSFERS[processor.transfer]}
        processors.append(entry)
    retention = []
    for i, rule in enumerate(source.retention.rules):
        entry = {
            "@id": f"#retention-{rule.id}",
            "@type": "dpv:StorageDuration",
            "rdfs:comment": label(lambda p, i=i: p.retention.rules[i].text),
        }
        if rule.duration != "legal":
            entry["dpv:hasDuration"] = {"@value": str(rule.duration), "@type": "xsd:duration"}
        if rule.audiences:
            entry["dpv:hasDataSubject"] = [{"@id": f"#subject-{a}"} for a in rule.audiences]
        retention.append(entry)
    rights = [{"@id": RIGHTS[r]} for r in source.rights.rights if r in RIGHTS]
    return {
        "@context": CONTEXT,
        "@id": "#notice",
        "@type": "dpv:PrivacyNotice",
        "dct:title": label(lambda p: p.title),
        "dct:valid": {"@value": release.effective_date.isoformat(), "@type": "xsd:date"},
        "dct:issued": {"@value": release.published.isoformat(), "@type": "xsd:date"},
        "dct:identifier": release.digest,
        "dpv:hasDataController": {
            "@id": "#controller",
            "@type": "dpv:DataController",
            "dct:title": source.controller.name,
            "dpv:hasContact": {"@id": f"mailto:{source.controller.email}"},
        },
        "dpv:hasDataSubject": subjects,
        "dpv:hasPersonalData": data,
        "dpv:hasPurpose": purposes,
        "dpv:hasDataProcessor": processors,
        "dpv:hasStorageCondition": retention,
        "dpv:hasRight": rights,
        "dpv:hasAuthority": {"@id": "#authority", "@type": "dpv:Authority", "dct:title": source.rights.authority.name},
    }


def files(publication: Publication, titles: dict[str, str], pages: dict[str, list[str]]) -> dict[str, str]:
    """Each version as JSON-LD, in every locale it was published in (from the cache when it has them)."""
    found = {}
    for version in publication.versions:
        release = version.release
        locales = [locale for locale in publication.locales if locale in release.locales]

        def make(release: Release = release, locales: list[str] = locales) -> str:
            localized = {locale: localize(release.policy, release.translator(locale)) for locale in locales}
            return dump(document(release, localized))

        found[addresses.jsonld(version.slug)] = publication.cache.remember(key("jsonld", release.digest, locales), make)
    return found

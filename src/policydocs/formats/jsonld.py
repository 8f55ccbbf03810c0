"""A version of the policy in W3C Data Privacy Vocabulary (DPV) terms, as JSON-LD."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Protocol

from ..cache import key
from ..i18n.localize import localize
from ..i18n.tags import tag
from ..policy import facts, model, verify
from ..policy.scalars import Duration
from ..policy.statements import Statements
from ..site import addresses
from ..site.edition import Edition
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
CONTEXT_V2 = {**CONTEXT, "tech": "https://w3id.org/dpv/tech#"}
"""v2 names cookies: DPV's technology extension has the term."""
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
    "not-subject-to-automated-decisions": "eu-gdpr:A22",
}
TRANSFERS = {
    "adequacy-decision": "eu-gdpr:A45-3",
    "eu-us-dpf": "eu-gdpr:A45-3",
    "scc": "eu-gdpr:A46-2-c",
    "bcr": "eu-gdpr:A47",
    "derogation": "eu-gdpr:A49-1",
}


def _labels(values: Mapping[str, str]) -> list[dict[str, str]]:
    """Language-tagged strings: ``@language`` is BCP 47 (``pt-BR``), as JSON-LD requires."""
    return [{"@value": text, "@language": tag(locale)} for locale, text in values.items()]


class Dated(Protocol):
    """What the export reads of a release: when it took effect, when it was published, its digest."""

    @property
    def effective_date(self) -> datetime.date: ...
    @property
    def published(self) -> datetime.date: ...
    @property
    def digest(self) -> str: ...


OPEN_DURATIONS = (
    "while-account-active",
    "while-contract-active",
    "until-consent-withdrawn",
    "until-erasure-requested",
)
"""Retention that lasts until an event (dpv:UntilEventDuration); "legal" is a storage duration set by law."""


def document(release: Dated, localized: Mapping[str, model.Policy]) -> dict[str, Any]:
    """A v2 version as a dpv:PrivacyNotice, from its facts: the ``document`` of v1 and what v2 adds
    (several controllers, a DPO, open retention, a recipient's safeguard, authorities' countries, cookies).

    ``localized`` maps each locale to the policy in it, the source locale's first; labels are given in
    each. A data category or a retention rule is labelled with its own label, else with the words that
    state it. Ids are relative to the document's own address, by fact id.
    """
    registry = next(iter(localized.values())).facts
    statements = {locale: Statements(policy) for locale, policy in localized.items()}
    # A key whose wording could not be verified (facts.quoted) is not exported as a fact: the pages quote it.
    quoted = verify.quoted_fields(next(iter(localized.values())))

    def said(fact: str, key: str) -> bool:
        return fact not in quoted and f"{fact}.{key}" not in quoted

    def label(pick: Any) -> list[dict[str, str]]:
        """``pick`` reads one text out of a localized policy's facts and statements."""
        values = {locale: pick(policy.facts, statements[locale]) for locale, policy in localized.items()}
        return _labels({locale: text for locale, text in values.items() if text})

    controllers = []
    for controller in registry.controllers:
        entry: dict[str, Any] = {
            "@id": "#controller" if len(registry.controllers) == 1 else f"#controller-{controller.id}",
            "@type": "dpv:DataController",
            "dct:title": controller.name,
            "dpv:hasContact": {"@id": f"mailto:{controller.email}"},
        }
        if controller.country:
            entry["dpv:hasLocation"] = {"@id": f"loc:{controller.country}"}
        controllers.append(entry)
    subjects = [
        {
            "@id": f"#subject-{audience.id}",
            "@type": "dpv:DataSubject",
            "rdfs:label": label(
                lambda f, s, i=i: f.audiences[i].label or s.section_title(f"audiences.{f.audiences[i].id}", "")
            ),
        }
        for i, audience in enumerate(registry.audiences)
    ]
    data = [
        {
            "@id": f"#data-{category.id}",
            "@type": "dpv:PersonalData",
            "rdfs:label": label(lambda f, s, i=i: f.data[i].label or s.text(f"data.{f.data[i].id}", "")),
        }
        for i, category in enumerate(registry.data)
    ]
    purposes = []
    for i, purpose in enumerate(registry.purposes):
        entry = {
            "@id": f"#purpose-{purpose.id}",
            "@type": "dpv:Purpose",
            "rdfs:label": label(lambda f, _, i=i: f.purposes[i].label),
        }
        if purpose.legal_basis and said(f"purposes.{purpose.id}", "legal_basis"):
            entry["dpv:hasLegalBasis"] = {"@id": LEGAL_BASES[purpose.legal_basis]}
        if purpose.data:
            entry["dpv:hasPersonalData"] = [{"@id": f"#data-{ref}"} for ref in purpose.data]
        purposes.append(entry)
    recipients = []
    for i, recipient in enumerate(registry.recipients):
        entry = {
            "@id": f"#processor-{recipient.id}",
            "@type": {
                "processor": "dpv:DataProcessor",
                "processor-and-controller": ["dpv:DataProcessor", "dpv:DataController"],
            }.get(recipient.role, "dpv:DataController"),
            "dct:title": recipient.name,
            "rdfs:comment": label(lambda f, _, i=i: f.recipients[i].activity),
        }
        if recipient.data:
            entry["dpv:hasPersonalData"] = [{"@id": f"#data-{ref}"} for ref in recipient.data]
        places = [str(c) for c in ((recipient.country,) if recipient.country else ()) + recipient.countries]
        if places and said(f"recipients.{recipient.id}", "country") and said(f"recipients.{recipient.id}", "countries"):
            locations = [{"@id": f"loc:{code}"} for code in places]
            entry["dpv:hasLocation"] = locations[0] if len(locations) == 1 else locations
        if recipient.safeguard in TRANSFERS and said(f"recipients.{recipient.id}", "safeguard"):
            entry["dpv:hasLegalBasis"] = {"@id": TRANSFERS[recipient.safeguard]}
        recipients.append(entry)
    retention = []
    for i, rule in enumerate(registry.retention):
        entry = {
            "@id": f"#retention-{rule.id}",
            "@type": _duration_types(rule),
            "rdfs:comment": label(
                lambda f, s, i=i: s.text(f"retention.{f.retention[i].id}", "") or f.retention[i].label
            ),
        }
        if isinstance(rule.duration, Duration) and said(f"retention.{rule.id}", "duration"):
            entry["dpv:hasDuration"] = {"@value": str(rule.duration), "@type": "xsd:duration"}
        if rule.audiences:
            entry["dpv:hasDataSubject"] = [{"@id": f"#subject-{a}"} for a in rule.audiences]
        if rule.data:
            entry["dpv:hasPersonalData"] = [{"@id": f"#data-{ref}"} for ref in rule.data]
        retention.append(entry)
    authorities = [
        {
            "@id": "#authority" if len(registry.authorities) == 1 else f"#authority-{authority.id}",
            "@type": "dpv:Authority",
            "dct:title": authority.name or authority.description,
        }
        | ({"dpv:hasLocation": {"@id": f"loc:{authority.country}"}} if authority.country else {})
        for authority in registry.authorities
    ]
    notice: dict[str, Any] = {
        "@context": CONTEXT_V2,
        "@id": "#notice",
        "@type": "dpv:PrivacyNotice",
        "dct:title": _labels({locale: policy.title for locale, policy in localized.items()}),
        "dct:valid": {"@value": release.effective_date.isoformat(), "@type": "xsd:date"},
        "dct:issued": {"@value": release.published.isoformat(), "@type": "xsd:date"},
        "dct:identifier": release.digest,
        "dpv:hasDataController": controllers[0] if len(controllers) == 1 else controllers,
        "dpv:hasDataSubject": subjects,
        "dpv:hasPersonalData": data,
        "dpv:hasPurpose": purposes,
        "dpv:hasDataProcessor": recipients,
        "dpv:hasStorageCondition": retention,
        "dpv:hasRight": [{"@id": RIGHTS[r]} for r in registry.rights.list if r in RIGHTS],
        "dpv:hasAuthority": authorities[0] if len(authorities) == 1 else authorities,
    }
    if isinstance(registry.dpo, facts.Dpo):
        dpo: dict[str, Any] = {
            "@id": "#dpo",
            "@type": "dpv:DataProtectionOfficer",
            "dpv:hasContact": {"@id": f"mailto:{registry.dpo.email}"},
        }
        if registry.dpo.name:
            dpo["dct:title"] = registry.dpo.name
        notice["dpv:hasDataProtectionOfficer"] = dpo
    if registry.cookies:
        notice["dpv:isImplementedUsingTechnology"] = [
            _cookie(cookie, i, label) for i, cookie in enumerate(registry.cookies)
        ]
    return notice


def _duration_types(rule: facts.RetentionRule) -> str | list[str]:
    """DPV's kind of a retention: until an event, with no end, a maximum (temporal), or a storage duration."""
    if rule.duration in OPEN_DURATIONS:
        return ["dpv:StorageDuration", "dpv:UntilEventDuration"]
    if rule.duration == "indefinite":
        return ["dpv:StorageDuration", "dpv:EndlessDuration"]
    if rule.up_to:
        return ["dpv:StorageDuration", "dpv:TemporalDuration"]
    return "dpv:StorageDuration"


def _cookie(cookie: facts.Cookie, index: int, label: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "@id": f"#cookie-{cookie.id}",
        "@type": "tech:Cookie",
        "dct:title": cookie.name,
        "dct:creator": cookie.provider,
        "rdfs:comment": label(lambda f, _: f.cookies[index].purpose),
    }
    if isinstance(cookie.lifetime, Duration):
        entry["dpv:hasDuration"] = {"@value": str(cookie.lifetime), "@type": "xsd:duration"}
    if cookie.consent == "required":
        entry["dpv:hasLegalBasis"] = {"@id": LEGAL_BASES["consent"]}
    return entry


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str]:
    """Each version as JSON-LD, in every locale it was published in (from the cache when it has them)."""
    found = {}
    for version in publication.versions:
        release = version.release
        locales = [locale for locale in publication.locales if locale in release.locales]

        def make(release: Release = release, locales: list[str] = locales) -> str:
            localized = {locale: localize(release.policy, release.translator(locale)) for locale in locales}
            return dump(document(release, localized))

        corrections = [c.digest for c in release.corrections]  # a correction of its facts changes its JSON-LD
        name = key("jsonld", release.digest, corrections, locales)
        found[addresses.jsonld(version.slug)] = publication.cache.remember(name, make)
    return found

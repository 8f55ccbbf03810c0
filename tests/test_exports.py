"""Machine-readable exports: policy.json per version and locale, the JSON Schema, JSON-LD in DPV terms."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from policydocs.formats import jsonld
from policydocs.policy import loading, model

from .conftest import EXAMPLE, ROOT, run

DPV = Namespace("https://w3id.org/dpv#")
DCT = Namespace("http://purl.org/dc/terms/")
LOC = Namespace("https://w3id.org/dpv/loc#")
TECH = Namespace("https://w3id.org/dpv/tech#")


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML the way yaml-language-server does: dates and times stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    result = run(ROOT, "schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def site(built: Callable[..., tuple[Path, str]]) -> Path:
    return built(ROOT)[0]


@pytest.mark.parametrize("path", ["data/policy.yml", f"{EXAMPLE}/data/policy.yml", "tests/data/small/data/policy.yml"])
def test_the_schema_validates_every_policy(schema: dict[str, object], path: str) -> None:
    data = yaml.load((ROOT / path).read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  enabled_by_default: false\n", "  enabled_by_defualt: false\n"), "Additional properties"),
        (("duration: P1Y", "duration: one year"), "is not valid under any of the given schemas"),
        (("response_time: P30D", "response_time: 30 days"), "is not valid under any of the given schemas"),
        (("optional: false", "optional: 12"), "is not of type 'boolean'"),
        (("      name: Exograd\n", ""), "'name' is a required property"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(
    schema: dict[str, object], change: tuple[str, str], message: str
) -> None:
    text = (ROOT / "data" / "policy.yml").read_text(encoding="utf-8").replace(*change, 1)
    data = yaml.load(text, Loader=_Yaml12Loader)
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_site_publishes_the_schema(site: Path, schema: dict[str, object]) -> None:
    published = json.loads((site / "schema" / "policy.json").read_text(encoding="utf-8"))
    # Named by its public address, where the schema of each version's policy.json refers to it.
    assert published == {**schema, "$id": "https://exograd.com/privacy/schema/policy.json"}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_each_version_has_its_localized_policy_json(site: Path, schema: dict[str, object], locale: str) -> None:
    data = json.loads((site / locale / "versions" / "2022-12-26" / "policy.json").read_text(encoding="utf-8"))
    assert (data["effective_date"], data["locale"], data["binding"]) == ("2022-12-26", locale, locale == "fr")
    assert data["digest"].startswith("sha256:")
    titles = {"fr": "Politique de confidentialité", "en": "Privacy Policy"}
    assert data["policy"]["title"] == titles[locale]
    jsonschema.Draft202012Validator(schema).validate(data["policy"])


def test_the_record_is_published_byte_for_byte_and_versions_json_follows_its_schema(site: Path) -> None:
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    published = json.loads((site / "schema" / "versions.json").read_text(encoding="utf-8"))
    assert published["$id"] == "https://exograd.com/privacy/schema/versions.json"
    jsonschema.Draft202012Validator(published).validate(versions)
    (version,) = versions["versions"]
    assert version["record"] == "https://exograd.com/privacy/versions/2022-12-26.yml"
    (correction,) = version["corrections"]
    assert correction["record"] == "https://exograd.com/privacy/versions/corrections/2022-12-26.2026-12-06.yml"
    for name in ("2022-12-26.yml", "corrections/2022-12-26.2026-12-06.yml"):
        assert (site / "versions" / name).read_bytes() == (ROOT / "data" / "releases" / name).read_bytes()
    assert versions["site_url"] == "https://exograd.com/privacy/"


def test_json_ld_names_each_processor_purpose_and_retention_rule(site: Path) -> None:
    path = site / "versions" / "2022-12-26.jsonld"
    graph = Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld", publicID="https://example.test/v")
    processors = set(graph.subjects(RDF.type, DPV.DataProcessor))
    assert {str(graph.value(p, DCT.title)) for p in processors} == {"Vultr", "Stripe", "Mailchimp"}
    purposes = set(graph.subjects(RDF.type, DPV.Purpose))
    assert len(purposes) == 6  # the marketing and newsletter purposes its text states, frozen as a correction
    newsletter = URIRef("https://example.test/v#purpose-newsletter")
    assert graph.value(newsletter, DPV.hasLegalBasis) is None  # the text states none
    retention = set(graph.subjects(RDF.type, DPV.StorageDuration))
    assert len(retention) == 3
    customers = URIRef("https://example.test/v#retention-customer-data")
    assert (customers, RDF.type, DPV.TemporalDuration) in graph  # "jusqu'à trois (3) ans": a maximum
    durations = {str(graph.value(r, DPV.hasDuration)) for r in retention} - {"None"}
    assert durations == {"P1Y", "P3Y"}
    notice = URIRef("https://example.test/v#notice")
    assert (notice, RDF.type, DPV.PrivacyNotice) in graph
    assert len(list(graph.objects(notice, DPV.hasDataProcessor))) == 3
    rights = {str(r) for r in graph.objects(notice, DPV.hasRight)}
    assert rights == {f"https://w3id.org/dpv/legal/eu/gdpr#A{n}" for n in (15, 16, 17)}
    billing = URIRef("https://example.test/v#purpose-billing")
    labels = {(str(o), o.language) for o in graph.objects(billing, RDFS.label)}
    assert ("facturation des services", "fr") in labels and ("billing of the services", "en") in labels


def test_json_ld_of_the_example_carries_legal_bases_and_countries(tmp_path: Path) -> None:
    target = tmp_path / "site"
    assert run(ROOT / EXAMPLE, "build", "--date", "2026-11-27", "--site-dir", str(target)).returncode == 0
    graph = Graph().parse(
        data=(target / "versions" / "2027-03-01.jsonld").read_text(encoding="utf-8"),
        format="json-ld",
        publicID="https://example.test/v",
    )
    newsletter = URIRef("https://example.test/v#purpose-newsletter")
    assert str(graph.value(newsletter, DPV.hasLegalBasis)) == "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a"
    courrier = URIRef("https://example.test/v#processor-courrier-bleu")
    assert str(graph.value(courrier, DPV.hasLocation)) == "https://w3id.org/dpv/loc#DE"
    assert len(list(graph.subjects(RDF.type, DPV.DataProcessor))) == 4


# Model v2 ---------------------------------------------------------------------------------------------------


def v2_graph(release: object, localized: dict[str, model.Policy]) -> Graph:
    data = json.dumps(jsonld.document(release, localized))  # type: ignore[arg-type]
    return Graph().parse(data=data, format="json-ld", publicID="https://example.test/v")


def test_json_ld_carries_safeguards_open_retention_a_dpo_and_cookies() -> None:
    class Dated:
        effective_date = datetime.date(2026, 1, 1)
        published = datetime.date(2025, 12, 1)
        digest = "sha256:0"

    shapes = ROOT / "tests" / "data" / "shapes"
    saas = loading.load(shapes / "us-saas.yml", "us-saas.yml")
    graph = v2_graph(Dated(), {"en": saas})
    base = "https://example.test/v#"
    open_rules = set(graph.subjects(RDF.type, DPV.UntilEventDuration))
    assert open_rules and open_rules <= set(graph.subjects(RDF.type, DPV.StorageDuration))
    assert not any(list(graph.objects(rule, DPV.hasDuration)) for rule in open_rules)
    safeguards = {
        str(o) for s in graph.subjects(RDF.type, DPV.DataProcessor) for o in graph.objects(s, DPV.hasLegalBasis)
    }
    assert "https://w3id.org/dpv/legal/eu/gdpr#A46-2-c" in safeguards  # standard contractual clauses

    public = loading.load(shapes / "public-service.yml", "public-service.yml")
    graph = v2_graph(Dated(), {public.source_locale: public})
    notice = URIRef(f"{base}notice")
    dpo = graph.value(notice, DPV.hasDataProtectionOfficer)
    assert str(graph.value(dpo, DPV.hasContact)) == "mailto:dpd@demarches.example"
    cookies = set(graph.objects(notice, DPV.isImplementedUsingTechnology))
    assert len(cookies) == len(public.facts.cookies) > 0
    assert all((c, RDF.type, TECH.Cookie) in graph for c in cookies)
    assert {str(graph.value(c, DCT.title)) for c in cookies} == {c.name for c in public.facts.cookies}

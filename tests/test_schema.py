"""The JSON Schema of policy.yml: it takes what the loader takes, refuses what it refuses, describes every key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from policydocs.errors import DataError
from policydocs.policy import model
from policydocs.policy.schema import field_docs, json_schema

from .conftest import ROOT

EXOGRAD = ROOT / "tests" / "data" / "v2" / "exograd.yml"
POLICIES = [EXOGRAD, *sorted((ROOT / "tests" / "data" / "shapes").glob("*.yml"))]


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML the way yaml-language-server does: dates and times stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.stem)
def test_the_schema_validates_every_v2_policy(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    model.loads(text, str(path))
    validator.validate(yaml.load(text, Loader=_Yaml12Loader))


BLOCK = "      - id: questions\n        states: [controllers.exograd.email]\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    identity_check: always\n", "    identity_check: always\n    identity_chek: always\n"), "Additional"),
        (("duration: P3Y", "duration: three years"), "is not valid under any of the given schemas"),
        (("response_time: P30D", "response_time: 30 days"), "does not match"),
        ((BLOCK, f"{BLOCK}        note: Une note.\n"), "is not valid under any of the given schemas"),
        (("paragraph: Vous pouvez nous", "pragraph: Vous pouvez nous"), "is not valid under any of the given schemas"),
        (("    - id: exograd\n      name: Exograd\n", "    - id: exograd\n"), "'name' is a required property"),
        (("states: [change_channels]", "states: [Change-Channels]"), "does not match"),
        (("Exograd\n      email: contact@exograd.com", "Exograd\n      email: contact-at"), "does not match"),
        (("country: FR", "country: France"), "is not one of"),
        (("starts: account-closure", "starts: closure"), "is not one of"),
        (("effective_date: 2022-12-26", "effective_date: 26/12/2022"), "does not match"),
        (("\nformat: 2\n", "\nformat: 3\n"), "is not one of"),
        (("  - id: retention\n    title:", "  - id: Retention\n    title:"), "does not match"),
        (("list: [access, rectification, erasure]", "list: [access, access]"), "non-unique"),
        (("optional: true\n      enabled_by_default: false\n", "optional: true\n"), "'enabled_by_default'"),
        (("  - id: changes\n    title: Modifications\n", "  - id: changes\n"), "is not valid under any"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_schema_refuses_what_the_loader_refuses(
    validator: jsonschema.Draft202012Validator, change: tuple[str, str], message: str
) -> None:
    text = EXOGRAD.read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    changed = text.replace(*change, 1)
    with pytest.raises(DataError):
        model.loads(changed)
    errors = list(validator.iter_errors(yaml.load(changed, Loader=_Yaml12Loader)))
    assert errors, change
    said = [e.message for e in _with_causes(errors)]
    assert any(message in m for m in said), said


def _with_causes(errors: list[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """The errors and, for an anyOf or oneOf, why each of its choices failed."""
    for error in errors:
        yield error
        yield from _with_causes(list(error.context or ()))


BEYOND_A_SCHEMA = {
    # What only the loader can check: references between values, the tie between text and facts, depth, order.
    "anchor-to-nowhere",
    "blank-line-in-paragraph",  # a blank line is taken in a list item or a note, not in a paragraph
    "country-not-in-text",
    "duplicate-section-id",
    "fact-stated-nowhere",
    "generated-renders-nothing",
    "recipient-name-not-in-text",
    "response-time-not-in-text",
    "retention-ten-years-beside-P3Y",
    "same-paragraph-first",
    "section-five-deep",
    "table-cell-for-unknown-column",
    "title-from-a-fact-without-name",
    "unclosed-strong",
    "unknown-fact",
}


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "invalid-v2").glob("*.yml")), ids=lambda p: p.stem)
def test_the_schema_refuses_every_invalid_file_it_can_tell(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    assert validator.is_valid(data) == (path.stem in BEYOND_A_SCHEMA)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("See [our terms](https://example.com/terms) or [write](mailto:a@example.com).", True),
        ("See [retention](#retention) and [terms](HTTPS://example.com).", True),
        ("3 < 4, a [bracket] (aside) and a [link](#retention).", True),
        ("See [this](http://example.com).", True),
        ("See [this](/relative) and [that](../terms).", True),
        ("See [this](//example.com/terms).", False),
        ("Some __strong__ words.", False),
        ("Some **strong** words.", True),
        ("Run `make`.", False),
        ("See [this](<javascript:alert(1)>).", False),
        ("See [this]( https://example.com).", False),
        ("Some <em>HTML</em>.", False),
        ("An attribute list{: .class }.", False),
        ("   ", False),
    ],
)
def test_text_markup_is_refused_as_the_loader_refuses_it(
    validator: jsonschema.Draft202012Validator, text: str, valid: bool
) -> None:
    source = EXOGRAD.read_text(encoding="utf-8")
    line = next(line for line in source.splitlines() if line.startswith("        paragraph: Notre politique"))
    changed = source.replace(line, f"        paragraph: {json.dumps(text, ensure_ascii=False)}", 1)
    assert validator.is_valid(yaml.load(changed, Loader=_Yaml12Loader)) == valid
    if valid:
        model.loads(changed)
    else:
        with pytest.raises(DataError):
            model.loads(changed)


def _properties(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in a schema, with where it is."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", value
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}/{index}")


def test_every_property_and_definition_has_a_description() -> None:
    schema = json_schema()
    found = list(_properties(schema))
    assert len(found) > 80
    # The if/then rules name properties already described; every other property has its own words.
    for where, prop in found:
        if "/if/" in where or "/then/" in where:
            continue
        assert isinstance(prop.get("description"), str) and prop["description"].strip(), where
    for name, definition in schema["$defs"].items():
        assert definition.get("description", "").strip(), name
    assert schema["properties"]["effective_date"]["description"] == "The day this version takes effect."
    block = schema["$defs"]["Block"]
    assert [one["$ref"].rsplit("/", 1)[1] for one in block["oneOf"]] == [
        "Paragraph",
        "ItemList",
        "TableBlock",
        "AddressBlock",
        "Note",
        "Generated",
        "HorizontalRule",
    ]


def test_field_docstrings_are_read_from_the_source() -> None:
    from policydocs.policy.facts import RetentionRule

    docs = field_docs(RetentionRule)
    assert docs["starts"] == "The event the duration runs from."
    assert list(docs) == ["id", "duration", "starts", "audiences", "data", "statute", "label", "up_to", "exception"]


README_SECTION = "## The data file, format 2 (reference)"


def _readme_tables() -> list[set[str]]:
    """The keys of each table of the README's format-2 reference: the last part of each row's first cell."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(README_SECTION) :]
    section = section[: section.index("\n## ", len(README_SECTION))]
    tables: list[set[str]] = []
    rows: list[str] = []
    for line in [*section.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            tables.append({row.split("|")[1].strip().strip("`").rsplit(".", 1)[-1] for row in rows[2:]})
            rows = []
    return tables


def test_the_readme_documents_every_key_and_every_keyword_of_format_2() -> None:
    schema = json_schema()
    tables = _readme_tables()
    definitions = {"Policy": schema, **schema["$defs"]}
    for name, definition in definitions.items():
        keys = set(definition.get("properties", ()))
        if keys:
            assert any(keys <= table for table in tables), f"no table in the README lists every key of {name}"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(README_SECTION) :]
    territories = set(schema["$defs"]["Controller"]["properties"]["country"]["anyOf"][0]["enum"])
    keywords = {
        value
        for _, prop in _properties(schema)
        for part in [prop, *prop.get("anyOf", ()), prop.get("items", {})]
        for value in part.get("enum", ())
        if isinstance(value, str) and value not in territories
    }
    assert {"legitimate-interests", "account-closure", "while-account-active", "session", "eu-us-dpf"} <= keywords
    assert [k for k in sorted(keywords) if f"`{k}`" not in section] == []

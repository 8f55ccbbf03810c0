"""Policies of four shapes, and Exograd's next version, fit the v2 model without code changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from policydocs.policy import loading, model, verify

from .conftest import ROOT
from .test_migrate import corrected_exograd

SHAPES = sorted((ROOT / "tests" / "data" / "shapes").glob("*.yml"))
KIND_KEYS = ("paragraph", "list", "table", "address", "note", "generated")


def file_outline(path: Path) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """Headings ``(level, id)`` and blocks ``(id path, kind)`` as the file writes them, read as plain YAML."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    headings: list[tuple[int, str]] = []
    blocks: list[tuple[str, str]] = [(b["id"], _kind(b)) for b in data.get("preamble", [])]

    def walk(sections: list[dict[str, Any]], level: int) -> None:
        for section in sections:
            headings.append((level, section["id"]))
            blocks.extend((f"{section['id']}.{b['id']}", _kind(b)) for b in section.get("blocks", []))
            walk(section.get("sections", []), level + 1)

    walk(data["sections"], 2)
    return headings, blocks


def _kind(block: dict[str, Any]) -> str:
    return next(key for key in KIND_KEYS if key in block)


@pytest.mark.parametrize("path", SHAPES, ids=[p.stem for p in SHAPES])
def test_shape_loads_validates_and_its_tie_holds(path: Path) -> None:
    policy = loading.load(path, path.name)
    assert verify.check(policy) == []
    headings, blocks = file_outline(path)
    assert [(level, anchor) for level, anchor, _ in model.headings(policy)] == headings
    assert model.block_kinds(policy) == blocks


def test_shapes_cover_what_the_issue_asks() -> None:
    policies = {p.stem: loading.load(p, p.name) for p in SHAPES}
    assert policies["us-saas"].preamble and policies["us-saas"].source_locale == "en"
    assert {level for level, *_ in model.headings(policies["us-saas"])} == {2, 3}
    assert len(policies["analytics"].facts.recipients) >= 6
    assert [k for _, k in model.block_kinds(policies["public-service"])].count("table") == 3
    large = model.headings(policies["large-platform"])
    assert len(large) >= 38 and {level for level, *_ in large} == {2, 3, 4}


EXOGRAD_NEXT = """
  - id: cookies
    title: Cookies
    blocks:
      - id: intro
        paragraph: "Nos sites déposent les cookies suivants:"
      - id: table
        table:
          columns:
            - {id: name, title: Nom}
            - {id: purpose, title: Finalité}
            - {id: lifetime, title: Durée}
          rows:
            - id: session
              states: [cookies.session]
              cells:
                name: exo_session
                purpose: "maintenir la session (Exograd), cookie strictement nécessaire"
                lifetime: 1 jour
  - id: security
    title: Sécurité
    blocks:
      - id: measures
        paragraph: "Exograd protège les données par plusieurs mesures:"
      - id: list
        list:
          - id: encryption
            text: Chiffrement,
            items:
              - {id: in-transit, text: des échanges;}
              - {id: at-rest, text: des sauvegardes.}
          - id: access-control
            text: Contrôle des accès.
    sections:
      - id: incidents
        title: Incidents
        sections:
          - id: notification
            title: Notification
            blocks:
              - id: delay
                paragraph: Toute violation de données est notifiée à la CNIL dans les 72 heures.
"""
COOKIE_FACT = """  cookies:
    - {id: session, name: exo_session, provider: Exograd, purpose: session, lifetime: P1D, consent: exempt}
"""
PREAMBLE = """preamble:
  - id: summary
    note: Ce document décrit les données que traite Exograd.
sections:
"""


def test_exograd_can_grow_cookies_security_a_nested_list_an_h4_and_a_preamble() -> None:
    # Grown from Exograd's facts as corrected (data/releases/corrections/): the migration's 2022 facts fail the tie.
    text, _ = corrected_exograd()
    text = text.replace("  - id: contact\n", EXOGRAD_NEXT.lstrip("\n") + "  - id: contact\n", 1)
    text = text.replace("  change_channels:", COOKIE_FACT + "  change_channels:", 1)
    text = text.replace("sections:\n", PREAMBLE, 1)
    policy = model.loads(text, "tests/data/v2/exograd.yml")
    assert verify.check(policy) == []
    outline = [(level, anchor) for level, anchor, _ in model.headings(policy)]
    assert (2, "cookies") in outline and (2, "security") in outline
    assert outline[outline.index((2, "security")) :][1:3] == [(3, "incidents"), (4, "notification")]
    assert ("security.list", "list") in model.block_kinds(policy)
    assert model.block_kinds(policy)[0] == ("summary", "note")
    assert ("li", "2", "des échanges;") in model.reading(policy)

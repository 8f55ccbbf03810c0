"""The linter on the cases a lawyer's reading found (issue 24): false alarms it must not raise, duties it must know.

Each case edits a policy of the corpora (``tests/data/lint-v2/clean.yml``
in English, ``tests/data/lint/french-sme.yml`` in French, policies of
``tests/data/lint-lawyer/`` in German and Spanish) and asks one rule, in
the policy's own language, whether it speaks. Cases of the rules' own
triggers live in test_lint_rules.py; these are the lawyer's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.lint import lint
from policydocs.lint.findings import Finding
from policydocs.policy import loading, model

from .conftest import ROOT
from .test_lint_rules import SOFT_OPT_IN, edited

FRENCH = ROOT / "tests" / "data" / "lint" / "french-sme.yml"
LAWYER = ROOT / "tests" / "data" / "lint-lawyer"


def findings_of(path: Path, *edits: tuple[str, str]) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return lint(model.loads(text, path.name))


def rules_of(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f)
    return out


def clean(*edits: tuple[str, str]) -> dict[str, list[Finding]]:
    return rules_of(lint(model.loads(edited(*edits), "clean.yml")))


# --- point 2: what a lawyer grades correct is not flagged ------------------------------------------------------


def test_a_soft_opt_in_on_legitimate_interests_is_neither_unwithdrawable_consent_nor_a_pre_ticked_box() -> None:
    found = clean(*SOFT_OPT_IN)
    assert "consent-withdrawal" not in found and "pre-ticked-consent" not in found
    # Its duty is the right to object, said beside it; an unsubscribe link in every email says it.
    assert "marketing-objection" in found
    said = clean(
        *SOFT_OPT_IN,
        ("it can be turned off in your account settings.", "it can be turned off in your account settings, and "
         "you can unsubscribe with the link in every issue."),
    )  # fmt: skip
    assert "marketing-objection" not in said


def test_processing_on_a_legal_obligation_owes_no_objection_nor_portability() -> None:
    found = clean(
        ("label: delivering orders, legal_basis: contract", "label: delivering orders, legal_basis: legal-obligation"),
        ("label: newsletter, legal_basis: consent", "label: newsletter, legal_basis: legal-obligation"),
        ("restriction, objection, portability, withdraw-consent", "restriction, withdraw-consent"),
        (", and you have the right to object to direct marketing.", "."),
    )
    assert "rights-complete" not in found and "legitimate-interest-objection" not in found


def test_a_may_that_depends_on_the_readers_choice_is_not_vague_in_french() -> None:
    opt_in = (
        "Nous collectons les données de votre compte (nom, e-mail, mot de passe) et les écritures comptables que "
        "vous saisissez.",
        "Nous collectons les données de votre compte (nom, e-mail, mot de passe) et les écritures comptables que "
        "vous saisissez. Ce consentement peut être retiré à tout moment. Si vous le souhaitez, vos écritures "
        "peuvent être transmises à votre expert-comptable.",
    )
    assert "vague-qualifiers" not in rules_of(findings_of(FRENCH, opt_in))
    certain = (opt_in[0], opt_in[0] + " Nous pouvons transmettre vos écritures à nos partenaires.")
    (vague,) = rules_of(findings_of(FRENCH, certain))["vague-qualifiers"]
    assert vague.severity == "info" and vague.path == "donnees.utilisateurs" and '"pouvons"' in vague.message


def test_withdrawal_said_at_any_time_with_its_way_is_enough_and_a_missing_part_is_named() -> None:
    withdraw = ("portability, withdraw-consent, post-mortem", "portability, post-mortem")
    assert "consent-withdrawal" not in clean(withdraw)  # the text says "withdraw your consent at any time"
    (partial,) = clean(
        withdraw,
        ("You can withdraw your consent at any time with the link in every issue", "You can withdraw your consent "
         "with the link in every issue"),
    )["consent-withdrawal"]  # fmt: skip
    assert partial.message == 'withdrawal is mentioned, but not "at any time" (Art. 7(3))'
    assert partial.path == "newsletter.opt-in"


@pytest.mark.parametrize("time", ["P1M", "P30D", "P4W", "P15D"])
def test_a_time_to_answer_of_one_month_or_less_gets_no_finding(time: str) -> None:
    found = lint(model.loads(edited(("response_time: P1M", f"response_time: {time}")), "clean.yml"))
    assert not [f for f in found if f.rule == "response-time"]


# --- point 3: duties the rules did not know ---------------------------------------------------------------------


def test_consent_as_the_basis_of_what_the_contract_needs_is_an_error_in_french() -> None:
    found = rules_of(
        findings_of(
            FRENCH,
            (
                "{id: service, label: fourniture du logiciel, legal_basis: contract",
                "{id: service, label: fourniture du logiciel, legal_basis: consent",
            ),
        )
    )
    (error,) = found["consent-for-contract"]
    assert error.severity == "error" and "Art. 6(1)(b)" in error.message and error.path == "finalites.tableau"
    assert "consent-withdrawal" not in found  # the finding is the wrong basis, not a missing withdrawal


def test_a_childrens_service_on_consent_says_who_consents_for_the_child() -> None:
    for_children = (
        "Le logiciel est édité par ComptaFacile SAS",
        "Le logiciel, destiné aux enfants de 8 à 12 ans, est édité par ComptaFacile SAS",
    )
    on_consent = ("label: statistiques d'usage, legal_basis: legitimate-interests", "label: statistiques d'usage, "
                  "legal_basis: consent")  # fmt: skip
    (gap,) = rules_of(findings_of(FRENCH, for_children, on_consent))["children"]
    assert "parental responsibility" in gap.message  # the age is said ("8 à 12 ans"): the parent is what is not
    assert gap.path == "editeur.identite"
    said = (for_children[0], "Le logiciel, destiné aux enfants de 8 à 12 ans avec l'accord d'un parent, est édité "
            "par ComptaFacile SAS")  # fmt: skip
    assert "children" not in rules_of(findings_of(FRENCH, said, on_consent))
    assert "children" not in rules_of(findings_of(FRENCH, for_children))  # no consent asked: Art. 8 is silent


def test_health_data_needs_its_article_9_condition_in_german() -> None:
    path = LAWYER / "de-praxis.yml"
    condition = "(Art. 9 Abs. 2 lit. h DSGVO in Verbindung mit § 22 BDSG und Art. 6 Abs. 1 lit. b DSGVO)"
    assert "special-categories" not in rules_of(findings_of(path))
    found = rules_of(findings_of(path, (condition, "(Art. 6 Abs. 1 lit. b DSGVO)")))["special-categories"]
    assert found and all(f.severity == "warning" and "Art. 9(2)" in f.message for f in found)


def test_data_from_others_names_its_source_in_spanish() -> None:
    path = LAWYER / "es-tienda.yml"
    sentence = "Si crees que no hemos tratado bien tus datos, puedes presentar"
    vague = (sentence, "También recibimos datos de terceros. " + sentence)
    (gap,) = rules_of(findings_of(path, vague))["sources"]
    assert "Art. 14(2)(f)" in gap.message
    named = (sentence, "También recibimos datos de Correos Express, nuestro transportista. " + sentence)
    assert "sources" not in rules_of(findings_of(path, named))


def test_an_automated_decision_stated_without_its_logic_is_a_warning_naming_what_is_missing() -> None:
    decision = ("Nous répondons dans un délai de deux (2) mois.", "Nous répondons dans un délai de deux (2) mois. "
                "Votre abonnement est accepté ou refusé par une décision automatisée.")  # fmt: skip
    (gap,) = rules_of(findings_of(FRENCH, decision))["automated-decisions"]
    assert gap.severity == "warning" and "the logic involved" in gap.message and "human intervention" in gap.message
    explained = (decision[0], decision[1] + " Elle dépend de votre chiffre d'affaires et de vos impayés ; un refus "
                 "vous empêche de vous abonner ; vous pouvez demander une intervention humaine et contester la "
                 "décision.")  # fmt: skip
    assert "automated-decisions" not in rules_of(findings_of(FRENCH, explained))


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (
            FRENCH,
            "Si notre réponse ne vous satisfait pas, vous pourrez saisir la CNIL",
            "À défaut de réponse de notre part sous un mois, vous pourrez saisir la CNIL",
        ),
        (
            LAWYER / "de-shop.yml",
            "Wenn Sie glauben, dass die Verarbeitung Ihrer Daten gegen das Datenschutzrecht verstößt, können Sie",
            "Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie",
        ),
        (
            LAWYER / "es-tienda.yml",
            "Si crees que no hemos tratado bien tus datos, puedes",
            "Si no has recibido respuesta en un mes, puedes",
        ),
    ],
    ids=["fr", "de", "es"],
)
def test_a_complaint_made_conditional_in_other_words_is_found_in_each_language(path: Path, old: str, new: str) -> None:
    before = rules_of(findings_of(path))
    assert "complaint" not in before or path == FRENCH  # the French SME's own wording is conditional already
    (gap,) = rules_of(findings_of(path, (old, new)))["complaint"]
    assert "Art. 77" in gap.message


def test_the_post_mortem_duty_follows_a_french_controller_and_is_a_warning() -> None:
    (gap,) = rules_of(findings_of(FRENCH))["post-mortem"]
    assert gap.severity == "warning" and "art. 85" in gap.message
    belgian = rules_of(findings_of(FRENCH, ("name: ComptaFacile SAS\n      email: contact@comptafacile.example\n      "
                                            "country: FR", "name: ComptaFacile SAS\n      email: "
                                            "contact@comptafacile.example\n      country: BE")))  # fmt: skip
    assert "post-mortem" not in belgian


def test_every_finding_points_at_the_sentence_the_reader_sees_when_one_states_it() -> None:
    for path in sorted(LAWYER.glob("*.yml")):
        policy = loading.load(path, path.name)
        from policydocs.policy import document

        sections = {p.context.split(".")[-1] for p in document.sections(policy.sections)}
        sections |= {b.id for b in policy.preamble}
        for f in lint(policy):
            head = f.path.split(".")[0]
            if head not in sections:  # a fact no sentence shows: its line in facts:
                assert policy.at(f"facts.{f.path}") == (f.line, f.column) or f.path in (
                    "rights", "retention", "recipients", "change_channels", "controllers",
                ) or f.path.startswith(("rights.", "recipient_categories")), (path.name, f)  # fmt: skip

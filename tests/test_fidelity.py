"""Fidelity: every field of every fact is verified against the text that states it, in every language."""

from __future__ import annotations

import datetime
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import get_args, get_origin, get_type_hints

import pytest

from policydocs.lint import lint
from policydocs.policy import facts, loading, model, phrasebook, verify

from .translations import SMALL

BASE = """\
format: 2
effective_date: 2026-01-15
source_locale: {locale}
binding_locales: [{locale}]
title: Policy
sections:
  - id: main
    title: {title}
    blocks:
      - id: text
        states: [{states}]
        paragraph: "{text}"
facts:
  controllers:
    - id: acme
      name: Acme
      email: privacy@acme.example
  rights:
    list: [access]
    email: privacy@acme.example
{facts}
"""
CONTROLLER = """
      - id: who
        states: [controllers.acme, rights]
        paragraph: "Acme (privacy@acme.example) is responsible. You may access your data: privacy@acme.example."
"""


def policy(text: str, states: str, extra: str, *, locale: str = "en", title: str = "Main") -> model.Policy:
    source = BASE.format(locale=locale, title=title, states=states, text=text, facts=extra)
    source = source.replace("facts:\n", CONTROLLER.lstrip("\n") + "facts:\n", 1)
    return model.loads(source, "policy.yml")


def messages(p: model.Policy, translations: dict[str, dict[str, str]] | None = None) -> list[str]:
    return [f"{problem.path}: {problem.message}" for problem in verify.check(p, translations)]


RETENTION = """\
  retention:
    - id: logs
      duration: {duration}
"""


def test_a_period_in_another_unit_is_refused_in_the_source() -> None:
    p = policy("Logs are kept for 6 months.", "retention.logs", RETENTION.format(duration="P6Y"))
    found = messages(p)
    assert len(found) == 1
    assert found[0].startswith("retention.logs.duration: in en, not what the text stating it says (main.text)")
    assert "the period P6Y (6 years, or an equal period) is not given: the text gives 6 months" in found[0]


def test_a_period_in_another_unit_is_refused_in_a_translation() -> None:
    p = policy("Logs are kept for 6 years.", "retention.logs", RETENTION.format(duration="P6Y"))
    assert messages(p) == []
    found = messages(p, {"fr": {"main.text": "Les journaux sont conservés six (6) mois."}})
    assert [m.split(":")[0] for m in found] == ["retention.logs.duration"]
    assert "in fr," in found[0] and "the text gives 6 months" in found[0]


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Logs are kept for twelve months.", "P1Y"),
        ("Logs are kept for one (1) year.", "P1Y"),
        ("Logs are kept for 2 weeks.", "P14D"),
        ("Logs are kept for thirty minutes.", "PT30M"),
        ("Logs are kept for one year and six months.", "P1Y6M"),
    ],
)
def test_equal_periods_and_number_words_are_accepted(text: str, duration: str) -> None:
    p = policy(text, "retention.logs", RETENTION.format(duration=duration))
    assert messages(p) == []


def test_ninety_months_are_not_ninety_days() -> None:
    p = policy("Logs are kept for 90 days.", "retention.logs", RETENTION.format(duration="P90D"))
    assert messages(p) == []
    reworded = policy("Logs are kept for 90 months.", "retention.logs", RETENTION.format(duration="P90D"))
    assert [m.split(":")[0] for m in messages(reworded)] == ["retention.logs.duration"]


def test_up_to_is_verified_both_ways() -> None:
    said = "Logs are kept for up to 3 years."
    assert "set up_to: true" in messages(policy(said, "retention.logs", RETENTION.format(duration="P3Y")))[0]
    maximum = RETENTION.format(duration="P3Y") + "      up_to: true\n"
    assert messages(policy(said, "retention.logs", maximum)) == []
    flat = messages(policy("Logs are kept for 3 years.", "retention.logs", maximum))
    assert flat and "a maximum" in flat[0]
    german = maximum.replace("P3Y", "P3Y")
    found = messages(policy("Logs are kept for up to 3 years.", "retention.logs", german),
                     {"de": {"main.text": "Protokolle werden bis zu drei Jahre gespeichert."}})  # fmt: skip
    assert found == []


def test_a_start_event_the_text_does_not_say_is_refused() -> None:
    rule = RETENTION.format(duration="P3Y") + "      starts: last-order\n"
    assert messages(policy("Orders are kept 3 years after your last order.", "retention.logs", rule)) == []
    found = messages(policy("Orders are kept 3 years after the account is closed.", "retention.logs", rule))
    assert found and "retention.logs.starts" in found[0]
    default = RETENTION.format(duration="P3Y")
    found = messages(policy("Orders are kept 3 years after the account is closed.", "retention.logs", default))
    assert found and "set starts: account-closure" in found[0]


PURPOSE = """\
  purposes:
    - id: news
      label: newsletter
      legal_basis: {basis}
"""


def test_a_legal_basis_no_sentence_states_is_refused_at_the_fact() -> None:
    stated = "We send our newsletter when you give your consent."
    assert messages(policy(stated, "purposes.news", PURPOSE.format(basis="consent"))) == []
    found = messages(policy("We send our newsletter because the law requires it.", "purposes.news",
                            PURPOSE.format(basis="consent")))  # fmt: skip
    assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"]
    assert '"consent" is not said' in found[0]


DUTCH_MAXIMUM = RETENTION.format(duration="P3Y") + "      up_to: true\n"


@pytest.mark.parametrize(
    "said",
    [
        "Logbestanden worden maximaal drie (3) jaar bewaard.",
        "Logbestanden worden ten hoogste drie jaar bewaard.",
        "Wij bewaren logbestanden niet langer dan 3 jaar.",
        "Logbestanden worden gedurende een periode van hoogstens zesendertig maanden bewaard.",
    ],
)
def test_a_dutch_maximum_is_read(said: str) -> None:
    p = policy("Logs are kept for up to 3 years.", "retention.logs", DUTCH_MAXIMUM)
    assert messages(p, {"nl": {"main.text": said}}) == []


def test_a_dutch_period_that_is_not_a_maximum_or_not_the_period_is_refused() -> None:
    p = policy("Logs are kept for up to 3 years.", "retention.logs", DUTCH_MAXIMUM)
    flat = messages(p, {"nl": {"main.text": "Logbestanden worden drie (3) jaar bewaard."}})
    assert [m.split(":")[0] for m in flat] == ["retention.logs.up_to"]
    assert "in nl," in flat[0] and '"a maximum" is not said (write "maximaal"' in flat[0]
    longer = messages(p, {"nl": {"main.text": "Logbestanden worden maximaal drie (3) maanden bewaard."}})
    assert [m.split(":")[0] for m in longer] == ["retention.logs.duration"]
    assert "the text gives 3 months" in longer[0]
    exact = policy("Logs are kept for 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    said = messages(exact, {"nl": {"main.text": "Logbestanden worden ten hoogste drie jaar bewaard."}})
    assert [m.split(":")[0] for m in said] == ["retention.logs.up_to"]
    assert 'the text says the period is a maximum ("ten hoogste"): set up_to: true' in said[0]


@pytest.mark.parametrize(
    ("starts", "english", "dutch"),
    [
        ("last-order", "after your last order", "na uw laatste bestelling"),
        ("account-deletion", "after the deletion of your account", "na de verwijdering van uw account"),
        ("end-of-contract", "after the end of the contract", "na het einde van de overeenkomst"),
        ("last-activity", "after your last login", "na uw laatste login"),
        ("end-of-financial-year", "from the end of the financial year", "vanaf het einde van het boekjaar"),
    ],
)
def test_a_dutch_start_event_is_read(starts: str, english: str, dutch: str) -> None:
    rule = RETENTION.format(duration="P3Y") + f"      starts: {starts}\n"
    p = policy(f"Records are kept 3 years {english}.", "retention.logs", rule)
    assert messages(p) == []
    assert messages(p, {"nl": {"main.text": f"Gegevens worden drie (3) jaar {dutch} bewaard."}}) == []


def test_a_dutch_start_event_the_text_does_not_say_is_refused() -> None:
    rule = RETENTION.format(duration="P3Y") + "      starts: last-order\n"
    p = policy("Orders are kept 3 years after your last order.", "retention.logs", rule)
    found = messages(
        p, {"nl": {"main.text": "Bestellingen worden drie (3) jaar na de sluiting van uw account bewaard."}}
    )
    assert [m.split(":")[0] for m in found] == ["retention.logs.starts"]
    assert "in nl," in found[0] and '"last-order" is not said (write "laatste bestelling"' in found[0]
    collection = policy("Orders are kept 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    found = messages(collection, {"nl": {"main.text": "Bestellingen worden drie jaar na uw laatste aankoop bewaard."}})
    assert found and "set starts: last-order" in found[0]
    # "until you withdraw your consent" is an open period, not the event a period runs from.
    withdrawn = {"nl": {"main.text": "Bestellingen worden drie jaar bewaard, of totdat u uw toestemming intrekt."}}
    assert messages(collection, withdrawn) == []


@pytest.mark.parametrize(
    ("basis", "english", "dutch"),
    [
        ("consent", "with your consent", "met uw toestemming"),
        ("contract", "for the performance of the contract", "ter uitvoering van de overeenkomst"),
        (
            "legal-obligation",
            "as necessary to comply with a legal obligation",
            "om te voldoen aan een wettelijke verplichting",
        ),
        ("legitimate-interests", "for our legitimate interests", "op grond van ons gerechtvaardigd belang"),
        ("vital-interests", "to protect your vital interests", "ter bescherming van uw vitale belangen"),
        ("public-task", "for a task in the public interest", "voor de vervulling van een taak van algemeen belang"),
    ],
)
def test_a_dutch_legal_basis_is_read_and_another_refused(basis: str, english: str, dutch: str) -> None:
    p = policy(f"We send our newsletter {english}.", "purposes.news", PURPOSE.format(basis=basis))
    assert messages(p) == []
    said = {"main.text": f"Wij versturen onze nieuwsbrief {dutch}.", "facts.purposes.news.label": "nieuwsbrief"}
    assert messages(p, {"nl": said}) == []
    other = "met uw toestemming" if basis != "consent" else "op grond van ons gerechtvaardigd belang"
    wrong = {"main.text": f"Wij versturen onze nieuwsbrief {other}.", "facts.purposes.news.label": "nieuwsbrief"}
    found = messages(p, {"nl": wrong})
    assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"]
    assert f'in nl, not what the text stating it says (main.text): "{basis}" is not said' in found[0]


def test_a_purpose_stated_by_a_sentence_about_something_else_is_refused() -> None:
    found = messages(policy("We like cake.", "purposes.news", PURPOSE.format(basis="consent")))
    assert {m.split(":")[0] for m in found} == {"purposes.news.label", "purposes.news.legal_basis"}


def test_a_right_no_sentence_states_is_refused() -> None:
    p = policy("Write to privacy@acme.example.", "rights.email", "")
    source = BASE.format(locale="en", title="Rights", states="rights", facts="",
                         text="You may access your data and ask for its erasure at privacy@acme.example.")  # fmt: skip
    source = source.replace("list: [access]", "list: [access, portability]")
    found = [m for m in messages(model.loads(source, "policy.yml")) if m.startswith("rights")]
    assert [m.split(":")[0] for m in found] == ["rights.list"]
    assert '"portability" is not said' in found[0]
    assert messages(p) == []


def test_an_identity_check_the_text_contradicts_is_refused() -> None:
    said = "Vous pouvez accéder à vos données. Il vous sera demandé de justifier de votre identité."
    source = BASE.format(locale="fr", title="Droits", states="rights", facts="", text=said)
    source = source.replace("email: privacy@acme.example\n{facts}", "")
    always = source.replace("    list: [access]\n", "    list: [access]\n    identity_check: always\n")
    doubt = source.replace("    list: [access]\n", "    list: [access]\n    identity_check: reasonable-doubt\n")
    assert [m for m in messages(model.loads(always, "p.yml")) if "identity" in m] == []
    found = [m for m in messages(model.loads(doubt, "p.yml")) if "identity" in m]
    assert found and 'the text says always ("justifier de votre identité"), not reasonable-doubt' in found[0]
    doubted = doubt.replace("Il vous sera", "En cas de doute raisonnable, il vous sera")
    assert [m for m in messages(model.loads(doubted, "p.yml")) if "identity" in m] == []


RECIPIENT = """\
  recipients:
    - id: mailer
      name: Mailer
      activity: email delivery
      country: {country}
"""


def test_places_match_whole_names_never_substrings() -> None:
    text = "Mailer delivers our email from Canada under the EU-US Data Privacy Framework."
    found = messages(policy(text, "recipients.mailer", RECIPIENT.format(country="US")))
    assert [m.split(":")[0] for m in found] == ["recipients.mailer.country"]
    assert messages(policy(text, "recipients.mailer", RECIPIENT.format(country="CA"))) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "Mailer delivers our email from the USA."),
        ("en", "Mailer delivers our email from the U.S."),
        ("fr", "Mailer assure la délivrance de nos email depuis les États-Unis."),
        ("de", "Mailer übernimmt die E-Mail-Zustellung aus den Vereinigten Staaten."),
        ("nl", "Mailer verzorgt de bezorging van onze e-mails vanuit de Verenigde Staten."),
        ("nl", "Mailer bezorgt onze e-mails vanuit de VS."),
        ("nl", "Mailer, een Amerikaanse dienstverlener, bezorgt onze e-mails."),
    ],
)
def test_places_in_their_aliases_and_inflected_forms(locale: str, text: str) -> None:
    p = policy("Mailer delivers our email from the United States.", "recipients.mailer", RECIPIENT.format(country="US"))
    assert messages(p, {locale: {"main.text": text}} if locale != "en" else None) == []
    if locale == "en":
        q = policy(text, "recipients.mailer", RECIPIENT.format(country="US"))
        assert messages(q) == []


def test_eea_in_german_portuguese_and_dutch_need_not_be_english() -> None:
    p = policy("Mailer delivers our email from the European Economic Area.", "recipients.mailer",
               RECIPIENT.format(country="EEA"))  # fmt: skip
    translations = {
        "de": {"main.text": "Mailer stellt unsere E-Mails aus dem Europäischen Wirtschaftsraum zu."},
        "pt": {"main.text": "A Mailer entrega os nossos email a partir do Espaço Económico Europeu."},
        "nl": {"main.text": "Mailer bezorgt onze e-mails vanuit de Europese Economische Ruimte."},
    }
    assert [m for m in messages(p, translations) if "country" in m] == []
    acronym = {"nl": {"main.text": "Mailer bezorgt onze e-mails vanuit een land van de EER."}}
    assert [m for m in messages(p, acronym) if "country" in m] == []
    # "eer" (honour) in lower case, and "Europese Unie", are not the EEA.
    elsewhere = {"nl": {"main.text": "Mailer bezorgt onze e-mails, tot eer van de Europese Unie."}}
    found = [m for m in messages(p, elsewhere) if "country" in m]
    assert len(found) == 1 and found[0].startswith("recipients.mailer.country: in nl,")


SMALL_POLICY = Path(__file__).parent / "data" / "small" / "data" / "policy.yml"


def test_the_small_policy_in_dutch_states_every_fact_in_dutch_words() -> None:
    p = loading.load(SMALL_POLICY, "data/policy.yml")
    assert messages(p, {"nl": SMALL["nl"]}) == []
    # A stand-in states nothing in Dutch: the ties are read in Dutch, not waved through.
    stand_in = {key: f"[nl] {key}" for key in SMALL["nl"]}
    assert len(messages(p, {"nl": stand_in})) > 10


@pytest.mark.parametrize(
    ("key", "old", "new", "fact"),
    [
        ("order-emails.use", "is essentieel en kan niet worden", "kan worden", "communications.order-emails.optional"),
        (
            "rights.how",
            "bij redelijke twijfel over uw identiteit vragen wij u die aan te tonen",
            "wij vragen u altijd uw identiteit aan te tonen",
            "rights.identity_check",
        ),
        ("rights.how", "recht op overdraagbaarheid", "recht op informatie", "rights.list"),
        ("rights.how", "één (1) maand", "twee (2) maanden", "rights.response_time"),
        (
            "customers.orders",
            "ter uitvoering van de koopovereenkomst",
            "op grond van ons gerechtvaardigd belang",
            "purposes.orders.legal_basis",
        ),
        ("access.who", "die als verwerker optreedt", "een vriend", "recipient_categories"),
        ("changes.notice", "op deze pagina", "op onze website", "change_channels"),
        ("retention.orders", "tien (10) jaar", "maximaal tien (10) jaar", "retention.orders.up_to"),
        ("retention.orders", "jaar bewaard", "jaar na uw laatste bestelling bewaard", "retention.orders.starts"),
        ("colis.text", "de naam en het afleveradres", "een telefoonnummer", "recipients.colis.data"),
        ("colis.text", "bezorgt onze pakketten", "drukt onze folders", "recipients.colis.activity"),
    ],
)
def test_a_dutch_sentence_of_the_small_policy_that_says_another_value_is_refused(
    key: str, old: str, new: str, fact: str
) -> None:
    p = loading.load(SMALL_POLICY, "data/policy.yml")
    dutch = dict(SMALL["nl"])
    assert old in dutch[key]
    dutch[key] = dutch[key].replace(old, new)
    found = messages(p, {"nl": dutch})
    assert [m.split(":")[0] for m in found] == [fact]
    assert f"in nl, not what the text stating it says ({key})" in found[0]


def test_contact_us_does_not_name_the_united_states() -> None:
    p = policy("Mailer delivers our email; contact us.", "recipients.mailer", RECIPIENT.format(country="US"))
    assert [m.split(":")[0] for m in messages(p)] == ["recipients.mailer.country"]


def test_an_obfuscated_email_counts() -> None:
    source = BASE.format(locale="en", title="Main", states="rights.email", facts="",
                         text="Write to privacy[at]acme[dot]example.")  # fmt: skip
    assert [m for m in messages(model.loads(source, "p.yml")) if "rights.email" in m] == []


def test_a_quoted_field_is_not_verified_but_must_be_stated() -> None:
    rule = RETENTION.format(duration="P3Y") + "      starts: last-activity\n"
    text = "Logs are kept 3 years after the leaves fall."
    assert messages(policy(text, "retention.logs", rule))
    quoted = rule + "  quoted: [retention.logs.starts]\n"
    assert messages(policy(text, "retention.logs", quoted)) == []
    assert verify.quoted_fields(policy(text, "retention.logs", quoted)) == {"retention.logs.starts"}


def test_a_site_phrasebook_adds_wordings(tmp_path: Path) -> None:
    rule = RETENTION.format(duration="P3Y") + "      starts: last-activity\n"
    p = policy("Logs are kept 3 years after the leaves fall.", "retention.logs", rule)
    assert verify.check(p, None, tmp_path)
    (tmp_path / "phrasebook").mkdir()
    (tmp_path / "phrasebook" / "en.yml").write_text("starts:\n  last-activity: [the leaves fall]\n", encoding="utf-8")
    assert verify.check(p, None, tmp_path) == []


def test_a_site_phrasebook_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "phrasebook").mkdir()
    (tmp_path / "phrasebook" / "en.yml").write_text("stars: {}\n", encoding="utf-8")
    with pytest.raises(Exception, match='unknown key "stars"'):
        phrasebook.load("en", tmp_path)


def test_a_sentence_that_states_an_untied_value_gets_a_warning() -> None:
    source = BASE.format(locale="en", title="Main", states="purposes.news", facts=PURPOSE.format(basis="consent"),
                         text="We send our newsletter with your consent; we keep it 2 years.")  # fmt: skip
    found = [f for f in lint(model.loads(source, "p.yml")) if f.rule == "untied-statement"]
    assert [f.message.split("(")[0] for f in found] == ["states a period "]


def test_facts_added_without_a_word_of_text_are_refused() -> None:
    """The case of the issue: legal bases, rights, a statute, a channel added to the facts alone."""
    exograd = Path(__file__).parent.parent / "data" / "policy.yml"
    text = exograd.read_text(encoding="utf-8")
    padded = text.replace(
        "      label: fourniture des services souscrits\n",
        "      label: fourniture des services souscrits\n      legal_basis: contract\n",
    ).replace(
        "list: [access, rectification, erasure]", "list: [access, rectification, erasure, objection, portability]"
    )
    padded = padded.replace("change_channels: [this-page]", "change_channels: [this-page, email]")
    found = {p.path for p in verify.check(model.loads(padded, "data/policy.yml"))}
    assert {"purposes.service-delivery.legal_basis", "rights.list", "change_channels"} <= found


def _fact_classes() -> list[type]:
    seen: list[type] = []

    def walk(tp: object) -> None:
        for arg in get_args(tp) or (tp,):
            if get_origin(arg) is tuple:
                walk(get_args(arg)[0])
            elif is_dataclass(arg) and isinstance(arg, type) and arg not in seen and arg.__module__ == facts.__name__:
                seen.append(arg)
                for hint in get_type_hints(arg).values():
                    walk(hint)

    walk(facts.Facts)
    return seen


def test_every_field_of_every_fact_kind_is_verified_or_said_why_not() -> None:
    unknown = []
    for cls in _fact_classes():
        if cls is facts.Facts:
            continue
        for f in fields(cls):
            if f.name not in verify.KINDS and f.name not in verify.UNVERIFIED:
                unknown.append(f"{cls.__name__}.{f.name}")
    assert unknown == []
    single = [f.name for f in fields(facts.Facts) if f.name not in facts.LIST_KINDS and f.name not in facts.NOT_FACTS]
    for name in single:
        hint = get_type_hints(facts.Facts)[name]
        records = is_dataclass(hint) or any(is_dataclass(a) for a in get_args(hint))
        assert records or name in verify.SINGLE_KINDS, name


TODAY = datetime.datetime.now(datetime.UTC).date()
"""A release is published the day it is made (the record is not back-dated): the tests release today."""
EFFECTIVE = (TODAY + datetime.timedelta(days=60)).isoformat()
"""The revision takes effect with more than the 30 days' notice a material change needs."""
REVISION = (
    ("effective_date: 2022-12-26", f"effective_date: {EFFECTIVE}"),
    (
        "change_note: Première version archivée de la politique de confidentialité.",
        "change_note: Réclamation possible à tout moment, Stripe responsable de ses propres traitements, hébergement "
        "chez Vultr en France.",
    ),
    (
        "paragraph: Exograd héberge une partie de ses services informatiques chez Vultr, et y stocke des données "
        "personnelles.",
        "paragraph: Exograd héberge une partie de ses services informatiques chez Vultr, en France, et y stocke des "
        "données personnelles.",
    ),
    (
        "Exograd communique toutes données d’identification et de facturation requises par Stripe dans le cadre de "
        "la facturation des services souscrits par le client.",
        "Exograd communique toutes données d’identification et de facturation requises par Stripe dans le cadre de "
        "la facturation des services souscrits par le client. Stripe est aussi responsable de traitement pour ses "
        "propres obligations de lutte contre la fraude.",
    ),
    (
        "paragraph: En l’absence de response satisfaisante, vous pouvez adresser une réclamation",
        "paragraph: Vous pouvez à tout moment adresser une réclamation",
    ),
    ("      name: Vultr\n      activity: hébergement de services informatiques\n",
     "      name: Vultr\n      activity: hébergement de services informatiques\n      country: FR\n"),
    ("      name: Stripe\n      activity: prestataire de services de paiement\n",
     "      name: Stripe\n      activity: prestataire de services de paiement\n      role: processor-and-controller\n"),
)  # fmt: skip
ENGLISH = {
    "change_note": "Complaints possible at any time, Stripe a controller of its own processing, hosting with Vultr "
    "in France.",
    "vultr.text": "Exograd hosts part of its IT services with Vultr, in France, and stores personal data there.",
    "stripe.text": "Exograd uses Stripe as its payment service provider. Exograd provides Stripe with all the "
    "identification and billing data that Stripe requires for billing the services subscribed to by the customer. "
    "Stripe is also a controller for its own anti-fraud obligations.",
    "rights.complaint": "You may lodge a complaint at any time with the Commission Nationale de l’Informatique et "
    "des Libertés (CNIL).",
}


def _revise(project: Path) -> None:
    from .conftest import edit_data, translate

    edit_data(project, *REVISION)
    translate(project, ENGLISH)


def test_exograd_revision_gives_a_notice_with_no_false_statement(project: Path) -> None:
    """A next version of Exograd's policy, as its editor would write it: what the letter says is true."""
    from .conftest import run

    _revise(project)
    checked = run(project, "check")
    assert "1 error," in checked.stdout and f"changes not yet released (effective {EFFECTIVE})" in checked.stderr
    released = run(project, "release", "--published", TODAY.isoformat())
    assert released.returncode == 0, released.stderr
    french = run(project, "notice", EFFECTIVE, "--lang", "fr")
    english = run(project, "notice", EFFECTIVE, "--lang", "en")
    assert french.returncode == 0 and english.returncode == 0, french.stderr + english.stderr
    letter = french.stdout
    # What changed is said: Vultr's place, Stripe's role, the complaint made unconditional.
    assert "Vultr" in letter and "France" in letter
    assert "Stripe" in letter
    assert "réclamation" in letter.lower() or "complaint" in letter.lower() or "CNIL" in letter
    # What did not change is not said to change: no new purpose, no new data for anyone, no other country,
    # and Stripe stays a processor while it becomes a controller for its own anti-fraud duties as well.
    for false in ("nouvelle finalité", "davantage de vos données", "autre pays", "États-Unis", "jusqu’ici: un"):
        assert false not in letter, false
    assert "notre sous-traitant, et aussi un responsable de traitement pour ses propres finalités" in letter
    for false in ("new purpose", "more of your data", "another country", "United States"):
        assert false not in english.stdout, false
    # The complaint made unconditional is a change of how rights are exercised: in "what changes for you".
    changes_for_you = letter.split("Ce qui change pour vous:")[1].split("Lire la nouvelle version")[0]
    assert "CNIL" in changes_for_you
    # The English letter says which language binds; the French one need not.
    assert "only the French version of the policy is binding" in english.stdout
    assert "fait foi" not in letter


def test_the_previous_change_note_is_not_reused_without_force(project: Path) -> None:
    from .conftest import edit_data, run, translate

    edit_data(
        project,
        ("effective_date: 2022-12-26", f"effective_date: {EFFECTIVE}"),
        ("pendant la durée légale", "pendant la durée légale applicable"),
    )
    legal = (
        "An exception applies to any retention of data required by public and governmental authorities: "
        "data collected in that context is retained for the applicable period required by law."
    )
    translate(project, {"retention.legal-requirements": legal})
    refused = run(project, "release", "--published", TODAY.isoformat())
    assert refused.returncode == 1
    assert "change_note is the note of the version of 2022-12-26, word for word" in refused.stderr
    assert "data/policy.yml:" in refused.stderr
    assert not (project / "data" / "releases" / f"{EFFECTIVE}.yml").exists()
    forced = run(project, "release", "--published", TODAY.isoformat(), "--force", "the note still says it all")
    assert forced.returncode == 0, forced.stderr


SOURCES = {
    "summary": ["versions/summary.py"],
    "layers": ["site/glance.py", "site/flow.py", "site/layers.py", "site/document.py"],
    "export": ["formats/jsonld.py"],
}
LEFT_OUT = {
    "summary": {
        "Controller.privacy_email": "the contact-email item names it",
        "Controller.country": "where the controller is established: the controller-changed item names the controller",
        "DataCategory.label": "a category is named by its label or its words: a changed name is category-changed",
        "Audience.label": "the audience is named by its label in every item",
        "RetentionRule.audiences": "a rule is named by its audiences; a change of its words is reworded-statement",
        "RetentionRule.data": "a rule is named by its data; a change of its words is reworded-statement",
        "RetentionRule.label": "a rule is named by its label in every item",
        "Purpose.data": "a purpose's data changes its sentence: reworded-statement",
        "Cookie.name": "a cookie is matched by its id and named by its name",
        "Dpo.email": "the DPO's address: its sentence is reworded (reworded-statement)",
        "Dpo.name": "the DPO's name: its sentence is reworded (reworded-statement)",
        "Authority.country": "authorities are compared whole (the authority item, with countries when names agree)",
        "Authority.description": "authorities are compared whole (the authority item)",
        "EmailKind.optional": "with enabled_by_default: the email-default item",
        "OtherRight.law": "an other right is added or removed with its law",
        "Transfer.data": "a change of a transfer's data is transfer-changed",
        "Recipient.countries": "with country: the processor-country item names every place",
    },
    "layers": {
        "Recipient.role": "the role is the heading's (processors, controllers) in the text; the glance skips it",
        "Recipient.list_url": "a link to a list published elsewhere: the full text links it",
        "Cookie.provider": "the generated cookie table shows it; the glance names the cookie, its purpose, its consent",
        "Cookie.lifetime": "the generated cookie table shows it",
        "EmailKind.optional": "kinds of email are in the full text; the layers speak of data, purposes, recipients",
        "EmailKind.enabled_by_default": "as optional",
        "EmailKind.can_be_switched_at": "as optional",
        "Dpo.name": "the glance gives the DPO's contact",
    },
    "export": {
        "Controller.privacy_email": "dpv:hasContact carries the controller's address",
        "Controller.postal_address": "no DPV term for a postal address",
        "Rights.email": "no DPV term for where to send a request",
        "Rights.url": "no DPV term for where to send a request",
        "Rights.identity_check": "no DPV term",
        "Rights.response_time": "no DPV term",
        "Rights.other": "DPV's rights are the GDPR's (eu-gdpr:A15–A21)",
        "OtherRight.label": "as Rights.other",
        "OtherRight.law": "as Rights.other",
        "Purpose.legitimate_interest": "no DPV term for the interest's words (the purpose's label is exported)",
        "RetentionRule.starts": "dpv:UntilEventDuration names no event",
        "RetentionRule.statute": "no DPV term for the statute",
        "RetentionRule.exception": "no DPV term",
        "RetentionRule.label": "rdfs:comment carries the stating words",
        "Recipient.list_url": "no DPV term",
        "Transfer.countries": "policy.json exports transfers; DPV's transfers need a recipient",
        "Transfer.mechanism": "as Transfer.countries",
        "Transfer.data": "as Transfer.countries",
        "EmailKind.optional": "no DPV term (policy.json exports it)",
        "EmailKind.enabled_by_default": "no DPV term (policy.json exports it)",
        "EmailKind.can_be_switched_at": "no DPV term (policy.json exports it)",
        "AutomatedDecisions.logic": "no DPV term (policy.json exports it)",
        "Audience.label": "dpv:hasDataSubject is labelled with its words",
        "DataCategory.label": "rdfs:label carries the label or its words",
        "DataCategory.audiences": "a category's audiences: policy.json exports them",
        "Dpo.email": "exported as the DPO's dpv:hasContact",
    },
}


@pytest.mark.parametrize("use", list(SOURCES))
def test_every_field_is_summarised_shown_and_exported_or_said_why_not(use: str) -> None:
    """A field nothing reads is a field the reader never learns of: each is read, or left out with a reason."""
    import re

    src = Path(verify.__file__).resolve().parent.parent
    text = "\n".join((src / path).read_text(encoding="utf-8") for path in SOURCES[use])
    missing = []
    for cls in _fact_classes():
        if cls is facts.Facts:
            continue
        for f in fields(cls):
            key = f"{cls.__name__}.{f.name}"
            if f.name == "id" or key in LEFT_OUT[use]:
                continue
            if not re.search(rf"\.{f.name}\b|\"{f.name}\"", text):
                missing.append(key)
    assert missing == []
    for key in LEFT_OUT[use]:
        cls, _, name = key.partition(".")
        assert name in {f.name for f in fields(getattr(facts, cls))}, key  # no reason kept for a field gone


def test_a_maximum_stays_a_maximum_in_the_summary_and_the_letter(project: Path) -> None:
    """ "jusqu'à trois (3) ans" → "jusqu'à six (6) ans": up to 3 years → up to 6 years, never "3 years → 6 years"."""
    from .conftest import edit_data, new_note, run, translate

    edit_data(
        project,
        ("jusqu’à trois (3) ans après", "jusqu’à six (6) ans après"),
        ("      duration: P3Y\n", "      duration: P6Y\n"),
        ("effective_date: 2022-12-26", f"effective_date: {EFFECTIVE}"),
    )
    new_note(project, "Six ans au plus.", "Up to six years.")
    six_years = (
        "Data relating to the subscription to and use of the services may be retained for up to six (6) years after "
        "a customer account is closed."
    )
    translate(project, {"retention.customer-data": six_years})
    released = run(project, "release", "--published", TODAY.isoformat())
    assert released.returncode == 0, released.stderr
    assert "Durée de conservation (Clients): jusqu’à 3 ans → jusqu’à 6 ans (modification substantielle)" in (
        released.stdout
    )
    letter = run(project, "notice", EFFECTIVE, "--lang", "en").stdout
    assert "How long we keep your data (Customers): up to 6 years (until now: up to 3 years)." in letter


def test_a_rewording_of_a_translation_only_says_so_and_that_the_binding_text_is_unchanged(project: Path) -> None:
    """The English of a sentence reworded, the French unchanged: the French summary and letter say it is the
    translation that changed (a rewording that states a fact stays material, in any language)."""
    from .conftest import edit_data, read_catalog, run, write_catalog

    english = read_catalog(project, "en")
    erasure = next(m for m in english if m.context == "rights.erasure-limits")
    erasure.string = (
        "However, Exograd may decline to erase data that is necessary to provide the services to which you have "
        "subscribed or that is required to comply with a legal obligation."
    )
    write_catalog(project, english, "en")
    edit_data(
        project,
        ("effective_date: 2022-12-26", "effective_date: 2027-02-01"),
        ("change_note: Première version archivée de la politique de confidentialité.", "change_note: Traduction."),
    )
    assert run(project, "i18n", "extract").returncode == 0 and run(project, "i18n", "update").returncode == 0
    english = read_catalog(project, "en")
    note = next(m for m in english if m.context == "change_note")
    note.string = "Translation."
    note.flags.discard("fuzzy")
    write_catalog(project, english, "en")
    dry = run(project, "release", "--dry-run", clock="2026-12-20")
    assert dry.returncode == 0, dry.stderr
    said = dry.stdout + dry.stderr
    assert (
        "Traduction reformulée (anglais), texte qui fait foi inchangé: phrase relative à « Exercice des droits »"
        in said
    )
    assert "Reformulation d’une phrase" not in said
    released = run(project, "release", clock="2026-12-20")
    assert released.returncode == 0, released.stderr
    letter = run(project, "notice", "2027-02-01", "--lang", "fr", clock="2026-12-20")
    assert letter.returncode == 0, letter.stderr
    assert (
        "Traduction (anglais) seulement, le texte qui fait foi étant inchangé: nous avons reformulé le passage "
        "relatif à « Exercice des droits »."
    ) in letter.stdout

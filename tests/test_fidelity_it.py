"""it: the tests that came with its phrasebook (test_fidelity helpers reused)."""

from __future__ import annotations

import pytest

from policydocs.policy import loading, phrasebook

from .test_fidelity import PURPOSE, RECIPIENT, RETENTION, SMALL_POLICY, messages, policy
from .translations import SMALL


def test_eea_in_german_portuguese_and_italian_need_not_be_english() -> None:
    p = policy("Mailer delivers our email from the European Economic Area.", "recipients.mailer",
               RECIPIENT.format(country="EEA"))  # fmt: skip
    translations = {
        "de": {"main.text": "Mailer stellt unsere E-Mails aus dem Europäischen Wirtschaftsraum zu."},
        "pt": {"main.text": "A Mailer entrega os nossos email a partir do Espaço Económico Europeu."},
        "it": {"main.text": "Mailer consegna le nostre email dallo Spazio economico europeo."},
    }
    assert [m for m in messages(p, translations) if "country" in m] == []
    acronym = {"it": {"main.text": "Mailer consegna le nostre email dal SEE."}}
    assert [m for m in messages(p, acronym) if "country" in m] == []
    # "see" is not the acronym, and Italian does not name the EEA in English.
    for wrong in ("Mailer consegna le nostre email: see.", "Mailer consegna le nostre email dall’Unione europea."):
        found = [m for m in messages(p, {"it": {"main.text": wrong}}) if "country" in m]
        assert found and "in it," in found[0] and "the place EEA is not named" in found[0], wrong


def test_the_italian_phrasebook_words_every_value_the_german_one_does() -> None:
    german, italian = phrasebook.load("de"), phrasebook.load("it")
    assert italian.shipped and italian.files == ("phrasebooks/it.yml",)
    for group in phrasebook.GROUPS:
        assert set(german.values(group)) <= set(italian.values(group)), group
    assert set(italian.units.values()) == set(phrasebook.UNITS)


@pytest.mark.parametrize(
    ("english", "italian", "duration"),
    [
        ("twelve months", "dodici mesi", "P1Y"),
        ("one (1) year", "un (1) anno", "P1Y"),
        ("365 days", "trecentosessantacinque giorni", "P365D"),
        ("180 days", "centottanta giorni", "P180D"),
        ("one hour", "un’ora", "PT1H"),
        ("twenty-four hours", "ventiquattro ore", "PT24H"),
        ("forty-eight months", "quarantotto mesi", "P48M"),
        ("one year and six months", "un anno e sei mesi", "P1Y6M"),
    ],
)
def test_italian_periods_in_words_are_accepted(english: str, italian: str, duration: str) -> None:
    p = policy(f"Logs are kept for {english}.", "retention.logs", RETENTION.format(duration=duration))
    assert messages(p, {"it": {"main.text": f"I registri sono conservati per {italian}."}}) == []
    found = messages(p, {"it": {"main.text": "I registri sono conservati per sei (6) settimane."}})
    assert [m.split(":")[0] for m in found] == ["retention.logs.duration"]
    assert "in it," in found[0] and "the text gives 6 weeks" in found[0]


def test_an_italian_maximum_is_verified_both_ways() -> None:
    maximum = RETENTION.format(duration="P3Y") + "      up_to: true\n"
    p = policy("Logs are kept for up to 3 years.", "retention.logs", maximum)
    for said in (
        "I registri sono conservati fino a un massimo di tre (3) anni.",
        "I registri sono conservati fino a tre anni.",
        "I registri sono conservati per trentasei mesi al massimo.",
        "I registri sono conservati per un periodo non superiore a tre (3) anni.",
    ):
        assert messages(p, {"it": {"main.text": said}}) == [], said
    flat = messages(p, {"it": {"main.text": "I registri sono conservati per tre (3) anni."}})
    assert [m.split(":")[0] for m in flat] == ["retention.logs.up_to"]
    assert "in it," in flat[0] and '"a maximum" is not said (write "fino a"' in flat[0]
    fixed = policy("Logs are kept for 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    found = messages(fixed, {"it": {"main.text": "I registri sono conservati fino a un massimo di tre (3) anni."}})
    assert [m.split(":")[0] for m in found] == ["retention.logs.up_to"] and "set up_to: true" in found[0]


def test_an_italian_start_event_is_verified() -> None:
    closure = RETENTION.format(duration="P3Y") + "      starts: account-closure\n"
    p = policy("Logs are kept 3 years after the account is closed.", "retention.logs", closure)
    for said in (
        "I dati sono conservati tre (3) anni dalla chiusura del tuo account.",
        "I dati sono conservati per tre anni dopo la chiusura dell’account.",
    ):
        assert messages(p, {"it": {"main.text": said}}) == [], said
    found = messages(p, {"it": {"main.text": "I dati sono conservati tre (3) anni dal tuo ultimo ordine."}})
    assert [m.split(":")[0] for m in found] == ["retention.logs.starts"]
    assert "in it," in found[0] and '"account-closure" is not said (write "chiusura dell\'account"' in found[0]
    # Closing the browser ends a session, not an account: it is no start event.
    browser = messages(p, {"it": {"main.text": "I dati sono conservati tre (3) anni dalla chiusura del browser."}})
    assert [m.split(":")[0] for m in browser] == ["retention.logs.starts"]
    default = policy("Logs are kept 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    deleted = {"it": {"main.text": "I dati sono conservati tre (3) anni dalla cancellazione del tuo account."}}
    found = messages(default, deleted)
    assert found and "set starts: account-deletion" in found[0]
    # "Until you withdraw your consent" is an open period, not the event a period runs from.
    consent = policy("Logs are kept until consent is withdrawn.", "retention.logs",
                     RETENTION.format(duration="until-consent-withdrawn"))  # fmt: skip
    assert messages(consent, {"it": {"main.text": "I dati sono conservati fino alla revoca del consenso."}}) == []
    found = messages(consent, {"it": {"main.text": "I dati sono conservati finché il tuo account è attivo."}})
    assert [m.split(":")[0] for m in found] == ["retention.logs.duration"]


def test_an_italian_legal_basis_is_verified() -> None:
    consent = policy("We send our newsletter when you give your consent.", "purposes.news",
                     PURPOSE.format(basis="consent"))  # fmt: skip
    assert messages(consent, {"it": {"main.text": "Inviamo la newsletter solo con il tuo consenso."}}) == []
    found = messages(consent, {"it": {"main.text": "Inviamo la newsletter in esecuzione del contratto."}})
    assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"]
    assert "in it," in found[0] and '"consent" is not said (write "consenso"' in found[0]
    interest = policy("We send our newsletter in our legitimate interest.", "purposes.news",
                      PURPOSE.format(basis="legitimate-interests"))  # fmt: skip
    said = "Inviamo la newsletter sulla base del nostro legittimo interesse (art. 6, par. 1, lett. f) GDPR)."
    assert messages(interest, {"it": {"main.text": said}}) == []
    obliged = policy("We send our newsletter because the law requires it.", "purposes.news",
                     PURPOSE.format(basis="legal-obligation"))  # fmt: skip
    for said in (
        "Inviamo la newsletter perché la legge ci obbliga.",
        "Inviamo la newsletter in adempimento di un obbligo legale al quale siamo soggetti.",
    ):
        assert messages(obliged, {"it": {"main.text": said}}) == [], said
    # A purpose of complying with legal obligations states no legal basis (as in French and English).
    purpose = messages(obliged, {"it": {"main.text": "Inviamo la newsletter per rispettare i nostri obblighi legali."}})
    assert [m.split(":")[0] for m in purpose] == ["purposes.news.legal_basis"]


@pytest.mark.parametrize("locale", sorted(SMALL))
def test_the_small_policy_translated_states_its_facts_in_that_language(locale: str) -> None:
    assert messages(loading.load(SMALL_POLICY, "data/policy.yml"), {locale: SMALL[locale]}) == []


def test_the_small_policy_in_italian_is_refused_where_it_says_something_else() -> None:
    italian = dict(SMALL["it"])
    for key, old, new in (
        ("retention.orders", "dieci (10) anni", "dieci (10) mesi"),
        ("access.who", ", in qualità di responsabile del trattamento", ""),
        ("order-emails.use", "è essenziale e non può essere disattivata", "è facoltativa e può essere disattivata"),
        ("rights.how", " o chiederne la portabilità", ""),
        ("rights.how", "in caso di ragionevoli dubbi sulla tua identità, ti chiederemo di comprovarla",
         "ti chiederemo sempre un documento d’identità"),
        ("changes.notice", "via email e su questa pagina", "su questa pagina"),
        ("customers.orders", "in esecuzione del contratto di vendita", "con il tuo consenso"),
    ):  # fmt: skip
        assert old in italian[key], old
        italian[key] = italian[key].replace(old, new)
    found = messages(loading.load(SMALL_POLICY, "data/policy.yml"), {"it": italian})
    assert all("in it, not what the text stating it says" in m for m in found)
    assert sorted(m.split(":")[0] for m in found) == [
        "change_channels",
        "communications.order-emails.optional",
        "purposes.orders.legal_basis",
        "recipient_categories",
        "retention.orders.duration",
        "rights.identity_check",
        "rights.list",
    ]

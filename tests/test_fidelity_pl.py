"""pl: the tests that came with its phrasebook (test_fidelity helpers reused)."""

from __future__ import annotations

import pytest

from policydocs.lint import lint
from policydocs.policy import loading, model, phrasebook

from .test_fidelity import BASE, PURPOSE, RECIPIENT, RETENTION, SMALL_POLICY, messages, policy
from .translations import SMALL


def test_eea_in_german_portuguese_and_polish_need_not_be_english() -> None:
    p = policy("Mailer delivers our email from the European Economic Area.", "recipients.mailer",
               RECIPIENT.format(country="EEA"))  # fmt: skip
    translations = {
        "de": {"main.text": "Mailer stellt unsere E-Mails aus dem Europäischen Wirtschaftsraum zu."},
        "pt": {"main.text": "A Mailer entrega os nossos email a partir do Espaço Económico Europeu."},
        "pl": {"main.text": "Mailer dostarcza nasze e-maile z Europejskiego Obszaru Gospodarczego."},
    }
    assert [m for m in messages(p, translations) if "country" in m] == []
    for said in ("Mailer dostarcza nasze e-maile z EOG.", "Mailer ma serwery w Europejskim Obszarze Gospodarczym."):
        assert [m for m in messages(p, {"pl": {"main.text": said}}) if "country" in m] == []
    elsewhere = {"pl": {"main.text": "Mailer dostarcza nasze e-maile ze Stanów Zjednoczonych."}}
    found = [m for m in messages(p, elsewhere) if "country" in m]
    assert found and "in pl," in found[0] and "the place EEA is not named" in found[0]


def in_polish(p: model.Policy, said: str) -> list[str]:
    """What the check says of the Polish text of the policy's main block (the English source aside)."""
    return [m for m in messages(p, {"pl": {"main.text": said}}) if "in pl," in m]


def test_the_small_policy_translated_into_polish_verifies() -> None:
    small = loading.load(SMALL_POLICY, "data/policy.yml")
    assert messages(small, {"pl": SMALL["pl"]}) == []
    # It is the Polish words that verify: the German translation, read as Polish, states none of these facts.
    german = {m.split(":")[0] for m in messages(small, {"pl": SMALL["de"]})}
    assert {"rights.list", "rights.response_time", "retention.orders.duration", "purposes.orders.legal_basis",
            "communications.order-emails.optional", "recipient_categories", "change_channels"} <= german  # fmt: skip


@pytest.mark.parametrize(
    ("context", "old", "new", "path", "detail"),
    [
        ("retention.orders", "dziesięć (10) lat", "pięć (5) lat", "retention.orders.duration",
         "the text gives 5 years"),
        ("rights.how", "jednego (1) miesiąca", "dwóch (2) miesięcy", "rights.response_time", "the text gives 2 months"),
        ("customers.orders", "w ramach wykonania umowy sprzedaży", "na podstawie Twojej zgody",
         "purposes.orders.legal_basis", '"contract" is not said (write "wykonanie umowy"'),
        ("order-emails.use", "jest niezbędny i nie można go wyłączyć", "jest opcjonalny i można go wyłączyć",
         "communications.order-emails.optional", 'the text says true ("opcjonaln"), not false'),
        ("rights.how", "w razie uzasadnionych wątpliwości co do Twojej tożsamości poprosimy Cię o jej potwierdzenie",
         "zawsze poprosimy Cię o potwierdzenie tożsamości", "rights.identity_check",
         'the text says always ("potwierdzenie tożsamości"), not reasonable-doubt'),
        ("rights.how", " albo skorzystać z prawa do ich przenoszenia", "", "rights.list", '"portability" is not said'),
        ("access.who", " jako podmiot przetwarzający", "", "recipient_categories", '"processors" is not said'),
        ("changes.notice", "e-mailem i na tej stronie", "na tej stronie", "change_channels", '"email" is not said'),
    ],
)  # fmt: skip
def test_a_wrong_value_in_the_polish_translation_is_refused(
    context: str, old: str, new: str, path: str, detail: str
) -> None:
    small = loading.load(SMALL_POLICY, "data/policy.yml")
    assert old in SMALL["pl"][context]
    polish = {**SMALL["pl"], context: SMALL["pl"][context].replace(old, new)}
    found = messages(small, {"pl": polish})
    assert [m.split(":")[0] for m in found] == [path]
    assert f"in pl, not what the text stating it says ({context})" in found[0]
    assert detail in found[0]


@pytest.mark.parametrize(
    ("said", "duration"),
    [
        ("Dzienniki przechowujemy przez okres jednego (1) roku.", "P1Y"),
        ("Dzienniki przechowujemy przez okres trzech lat.", "P3Y"),
        ("Dzienniki przechowujemy trzy (3) lata.", "P3Y"),
        ("Dzienniki przechowujemy przez sześć miesięcy.", "P6M"),
        ("Dzienniki przechowujemy przez dwanaście miesięcy.", "P1Y"),
        ("Dzienniki usuwamy po dwóch tygodniach.", "P14D"),
        ("Dzienniki przechowujemy przez dwadzieścia cztery miesiące.", "P2Y"),
        ("Dzienniki przechowujemy przez sto osiemdziesiąt dni.", "P180D"),
        ("Dzienniki przechowujemy przez trzysta sześćdziesiąt pięć (365) dni.", "P365D"),
        ("Dzienniki przechowujemy 48 godzin.", "PT48H"),
        ("Dzienniki przechowujemy przez jeden rok i sześć miesięcy.", "P1Y6M"),
    ],
)
def test_polish_periods_in_their_case_forms_and_compound_numbers(said: str, duration: str) -> None:
    p = policy("Logs are kept.", "retention.logs", RETENTION.format(duration=duration))
    assert in_polish(p, said) == []


def test_a_compound_polish_number_is_read_whole() -> None:
    """A compound number is read whole ("dwadzieścia cztery miesiące" is 24 months); not after a figure."""
    p = policy("Logs are kept.", "retention.logs", RETENTION.format(duration="P4M"))
    found = in_polish(p, "Dzienniki przechowujemy przez dwadzieścia cztery miesiące.")
    assert found and "the text gives 24 months" in found[0]
    book = phrasebook.load("pl")
    assert [a for _, a, _, _ in book.durations(phrasebook.Wording("dwanaście cztery dni"))] == [4]
    assert [a for _, a, _, _ in book.durations(phrasebook.Wording("20 cztery dni"))] == [4]


def test_a_polish_maximum_is_verified_both_ways() -> None:
    maximum = policy("Logs are kept for up to 3 years.", "retention.logs",
                     RETENTION.format(duration="P3Y") + "      up_to: true\n")  # fmt: skip
    for said in (
        "Dzienniki przechowujemy maksymalnie przez trzy (3) lata.",
        "Dzienniki przechowujemy nie dłużej niż trzy lata.",
        "Dzienniki są przechowywane przez okres nie dłuższy niż 3 lata.",
        "Dzienniki przechowujemy co najwyżej trzy lata.",
    ):
        assert in_polish(maximum, said) == [], said
    flat = in_polish(maximum, "Dzienniki przechowujemy przez trzy (3) lata.")
    assert [m.split(":")[0] for m in flat] == ["retention.logs.up_to"]
    assert '"a maximum" is not said (write "maksymalnie"' in flat[0]
    fixed = policy("Logs are kept for 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    found = in_polish(fixed, "Dzienniki przechowujemy maksymalnie trzy lata.")
    assert found and 'the text says the period is a maximum ("maksymalnie"): set up_to: true' in found[0]
    # "do" is not "up to" ("do celów", "do czasu", "do upływu"): a fixed period stays fixed.
    assert in_polish(fixed, "Dzienniki przechowujemy trzy lata do celów rozliczeń.") == []


def test_a_polish_start_event_is_verified() -> None:
    rule = RETENTION.format(duration="P3Y") + "      starts: last-order\n"
    p = policy("Orders are kept 3 years after your last order.", "retention.logs", rule)
    for said in (
        "Zamówienia przechowujemy trzy lata od ostatniego zamówienia.",
        "Zamówienia przechowujemy przez 3 lata po Twoim ostatnim zakupie.",
    ):
        assert in_polish(p, said) == [], said
    found = in_polish(p, "Zamówienia przechowujemy trzy lata od zamknięcia konta.")
    assert [m.split(":")[0] for m in found] == ["retention.logs.starts"]
    assert '"last-order" is not said (write "ostatnie zamówienie"' in found[0]
    default = policy("Orders are kept 3 years.", "retention.logs", RETENTION.format(duration="P3Y"))
    found = in_polish(default, "Zamówienia przechowujemy trzy lata od zamknięcia konta.")
    assert found and "set starts: account-closure" in found[0]
    # "until you withdraw your consent" is an open period, not the event a period runs from.
    until = policy("Orders are kept until you withdraw your consent.", "retention.logs",
                   RETENTION.format(duration="until-consent-withdrawn"))  # fmt: skip
    assert in_polish(until, "Zamówienia przechowujemy do czasu wycofania zgody.") == []


@pytest.mark.parametrize(
    ("basis", "said"),
    [
        ("consent", "Wysyłamy newsletter, jeśli wyrazisz na to zgodę."),
        ("contract", "Wysyłamy newsletter w celu wykonania umowy."),
        ("legal-obligation", "Wysyłamy newsletter, bo wymagają tego przepisy prawa."),
        ("legitimate-interests", "Wysyłamy newsletter w oparciu o nasz prawnie uzasadniony interes."),
        ("legitimate-interests", "Wysyłamy newsletter na podstawie art. 6 ust. 1 lit. f RODO."),
        ("vital-interests", "Wysyłamy newsletter w celu ochrony Twoich żywotnych interesów."),
    ],
)
def test_a_polish_legal_basis_is_verified(basis: str, said: str) -> None:
    p = policy("We send our newsletter.", "purposes.news", PURPOSE.format(basis=basis))
    assert in_polish(p, said) == []


def test_a_legal_basis_the_polish_text_does_not_say_is_refused() -> None:
    p = policy("We send our newsletter.", "purposes.news", PURPOSE.format(basis="consent"))
    for said in (
        "Wysyłamy newsletter na podstawie naszego prawnie uzasadnionego interesu.",
        "Wysyłamy newsletter zgodnie z regulaminem.",  # "zgodnie" (in accordance with) is not "zgoda"
    ):
        found = in_polish(p, said)
        assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"], said
        assert '"consent" is not said (write "zgoda"' in found[0]


@pytest.mark.parametrize(
    ("group", "text", "values"),
    [
        ("optional", "Tego e-maila nie można wyłączyć.", {"false"}),
        ("optional", "Newsletter można wyłączyć w każdej chwili.", {"true"}),
        ("consent", "Niezbędne pliki cookie nie wymagają Twojej zgody.", {"exempt"}),
        ("consent", "Analityczne pliki cookie wymagają Twojej zgody.", {"required"}),
        ("enabled_by_default", "Pole newslettera nie jest domyślnie zaznaczone.", {"false"}),
        ("enabled_by_default", "Pole newslettera jest domyślnie zaznaczone.", {"true"}),
        ("roles", "Mailer działa jako podmiot przetwarzający w naszym imieniu.", {"processor"}),
        ("roles", "Mailer jest współadministratorem tych danych.", {"joint-controller"}),
        ("roles", "Mailer jest administratorem danych we własnych celach.", {"controller"}),
        ("identity_check", "W razie uzasadnionych wątpliwości co do tożsamości poprosimy o dokument.",
         {"reasonable-doubt"}),
        ("identity_check", "Nie wymagamy potwierdzenia tożsamości.", {"none"}),
        ("safeguards", "Przekazanie odbywa się na podstawie standardowych klauzul ochrony danych.", {"scc"}),
        ("safeguards", "Komisja wydała decyzję stwierdzającą odpowiedni stopień ochrony.", {"adequacy-decision"}),
        ("safeguards", "Mailer stosuje wiążące reguły korporacyjne.", {"bcr"}),
        ("rights", "Masz prawo do usunięcia danych i prawo do przenoszenia danych.", {"erasure", "portability"}),
        ("recipient_categories", "Dane otrzymują nasi pracownicy i organy podatkowe.", {"staff", "authorities"}),
    ],
)  # fmt: skip
def test_polish_wordings_state_their_values(group: str, text: str, values: set[str]) -> None:
    assert set(phrasebook.load("pl").says(phrasebook.Wording(text), group)) == values


def test_a_polish_source_warns_of_an_untied_period() -> None:
    source = BASE.format(locale="pl", title="Newsletter", states="purposes.news", facts=PURPOSE.format(basis="consent"),
                         text="Wysyłamy newsletter za Twoją zgodą; przechowujemy go dwa lata.")  # fmt: skip
    found = [f for f in lint(model.loads(source, "p.yml")) if f.rule == "untied-statement"]
    assert [f.message.split("(")[0] for f in found] == ["states a period "]

"""es: the tests that came with its phrasebook (test_fidelity helpers reused)."""

from __future__ import annotations

import pytest

from policydocs.policy import loading, phrasebook

from .test_fidelity import PURPOSE, RECIPIENT, RETENTION, SMALL_POLICY, messages, policy
from .translations import SMALL


def test_eea_in_german_portuguese_and_spanish_need_not_be_english() -> None:
    p = policy("Mailer delivers our email from the European Economic Area.", "recipients.mailer",
               RECIPIENT.format(country="EEA"))  # fmt: skip
    translations = {
        "de": {"main.text": "Mailer stellt unsere E-Mails aus dem Europäischen Wirtschaftsraum zu."},
        "pt": {"main.text": "A Mailer entrega os nossos email a partir do Espaço Económico Europeu."},
        "es": {"main.text": "Mailer entrega nuestros correos electrónicos desde el Espacio Económico Europeo."},
        "es_MX": {"main.text": "Mailer entrega nuestros correos electrónicos desde el EEE."},
    }
    assert [m for m in messages(p, translations) if "country" in m] == []
    elsewhere = {"es": {"main.text": "Mailer entrega nuestros correos electrónicos desde la Unión Europea."}}
    found = [m for m in messages(p, elsewhere) if "country" in m]
    assert len(found) == 1 and "in es," in found[0] and '"Espacio Económico Europeo"' in found[0]


def test_the_small_policy_translated_into_spanish_verifies() -> None:
    """Each text of the Spanish translation states its facts in Spanish words the phrasebook knows."""
    p = loading.load(SMALL_POLICY, "data/policy.yml")
    assert messages(p, {"es": SMALL["es"]}) == []
    wrong = dict(SMALL["es"])
    for key, old, new in (
        ("retention.orders", "diez (10) años", "seis (6) años"),
        ("order-emails.use", "es esencial y no se puede desactivar", "se puede desactivar"),
        ("access.who", "como encargado del tratamiento", "que reparte los paquetes"),
        ("rights.how", "en caso de duda razonable sobre su identidad, le pediremos que la acredite",
         "le pediremos siempre que acredite su identidad"),
        ("customers.orders", "en ejecución del contrato de compraventa", "sobre la base de nuestro interés legítimo"),
        ("changes.notice", "en esta página ", ""),
    ):  # fmt: skip
        assert old in wrong[key], old
        wrong[key] = wrong[key].replace(old, new)
    found = messages(p, {"es": wrong})
    assert [m.split(":")[0] for m in found] == [
        "rights.identity_check",
        "purposes.orders.legal_basis",
        "retention.orders.duration",
        "recipient_categories",
        "communications.order-emails.optional",
        "change_channels",
    ]
    assert all("in es, not what the text stating it says" in m for m in found)
    assert 'the text says true ("se puede desactivar"), not false' in found[4]
    assert 'the text says always ("acredite su identidad"), not reasonable-doubt' in found[0]


def spanish(text: str, states: str, extra: str, label: str | None = None) -> list[str]:
    """What the tie says of a Spanish translation of the one stating text (and of the fact's label), in Spanish."""
    words = {"main.text": text} | ({f"facts.{states}.label": label} if label else {})
    return [m for m in messages(policy("Placeholder.", states, extra), {"es": words}) if "in es," in m]


MAXIMUM = RETENTION.format(duration="P3Y") + "      up_to: true\n"


@pytest.mark.parametrize(
    "text",
    [
        "Los registros se conservan hasta un máximo de tres (3) años.",
        "Los registros se conservan tres (3) años como máximo.",
        "Los registros se conservan hasta 3 años.",
        "Los registros se conservan durante un plazo máximo de tres años.",
        "Los registros se conservan un máximo de treinta y seis (36) meses.",
    ],
)
def test_a_spanish_maximum_verifies(text: str) -> None:
    assert spanish(text, "retention.logs", MAXIMUM) == []


def test_a_spanish_maximum_is_verified_both_ways() -> None:
    flat = spanish("Los registros se conservan durante tres (3) años.", "retention.logs", MAXIMUM)
    assert [m.split(":")[0] for m in flat] == ["retention.logs.up_to"]
    assert '"a maximum" is not said (write "hasta"' in flat[0]
    fixed = RETENTION.format(duration="P3Y")
    said = spanish("Los registros se conservan como máximo tres años.", "retention.logs", fixed)
    assert [m.split(":")[0] for m in said] == ["retention.logs.up_to"]
    assert 'the text says the period is a maximum ("como máximo"): set up_to: true' in said[0]


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Los registros se conservan doce meses.", "P1Y"),
        ("Los registros se conservan un año y seis meses.", "P1Y6M"),
        ("Los registros se conservan treinta y seis (36) meses.", "P36M"),
        ("Los registros se conservan ciento ochenta días.", "P180D"),
        ("Los registros se conservan trescientos sesenta y cinco días.", "P365D"),
        ("Los registros se conservan veinticuatro horas.", "PT24H"),
    ],
)
def test_spanish_numbers_in_words_are_read(text: str, duration: str) -> None:
    assert spanish(text, "retention.logs", RETENTION.format(duration=duration)) == []


def test_spanish_numbers_in_several_words_are_one_number() -> None:
    """ "treinta y seis meses" is 36 months, not 6; "ciento ochenta días" is 180 days, not 80."""
    six = spanish(
        "Los registros se conservan treinta y seis meses.", "retention.logs", RETENTION.format(duration="P6M")
    )
    assert len(six) == 1 and "the text gives 36 months" in six[0]
    book = phrasebook.load("es")
    said = phrasebook.Wording("ciento ochenta (180) días, treinta y\nseis semanas, treinta, y seis horas")
    assert [(unit, amount) for unit, amount, _, _ in book.durations(said)] == [
        ("days", 180),
        ("weeks", 36),
        ("hours", 6),  # words apart are not one number
    ]


def test_the_spanish_preposition_a_is_no_unit() -> None:
    """CLDR abbreviates años as "a", which Spanish writes for "to": "un correo a cada cliente" gives no period."""
    book = phrasebook.load("es")
    assert list(book.durations(phrasebook.Wording("Enviamos un correo a cada cliente."))) == []
    assert [(u, n) for u, n, _, _ in book.durations(phrasebook.Wording("Durante 2 años."))] == [("years", 2)]


def test_a_spanish_start_event_verifies() -> None:
    closure = RETENTION.format(duration="P3Y") + "      starts: account-closure\n"
    text = "Los datos se conservan hasta tres (3) años tras el cierre de su cuenta de cliente."
    assert spanish(text, "retention.logs", closure + "      up_to: true\n") == []
    # The close of the financial year is not the closure of the account.
    invoices = "Las facturas se conservan tres (3) años a partir del cierre del ejercicio."
    found = spanish(invoices, "retention.logs", closure)
    assert [m.split(":")[0] for m in found] == ["retention.logs.starts"]
    assert '"account-closure" is not said (write "cierre de la cuenta"' in found[0]
    year = RETENTION.format(duration="P3Y") + "      starts: end-of-financial-year\n"
    assert spanish(invoices, "retention.logs", year) == []
    # The default, from collection: a text that names another event is refused, naming it.
    orders = "Los pedidos se conservan tres (3) años después de su último pedido."
    found = spanish(orders, "retention.logs", RETENTION.format(duration="P3Y"))
    assert [m.split(":")[0] for m in found] == ["retention.logs.starts"]
    assert "set starts: last-order" in found[0]


@pytest.mark.parametrize(
    ("basis", "text"),
    [
        ("consent", "Enviamos nuestro boletín si nos da su consentimiento."),
        ("contract", "Enviamos nuestro boletín en ejecución del contrato de suscripción."),
        ("legitimate-interests", "Enviamos nuestro boletín sobre la base de nuestro interés legítimo."),
        ("legal-obligation", "Enviamos este boletín porque es necesario para el cumplimiento de una obligación legal."),
        ("legal-obligation", "Enviamos este boletín conforme al artículo 6, apartado 1, letra c), del RGPD."),
        ("vital-interests", "Enviamos este boletín para proteger los intereses vitales de los lectores."),
        ("public-task", "Enviamos este boletín en cumplimiento de una misión realizada en interés público."),
    ],
)
def test_a_spanish_legal_basis_verifies(basis: str, text: str) -> None:
    assert spanish(text, "purposes.news", PURPOSE.format(basis=basis), "boletín") == []


def test_a_spanish_legal_basis_the_text_does_not_say_is_refused() -> None:
    said = "Enviamos nuestro boletín sobre la base de nuestro interés legítimo."
    found = spanish(said, "purposes.news", PURPOSE.format(basis="consent"), "boletín")
    assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"]
    assert 'not what the text stating it says (main.text): "consent" is not said (write "consentimiento"' in found[0]
    # A purpose of complying with the law states no legal basis: the basis is said in the RGPD's words.
    purpose_only = "Enviamos nuestro boletín para cumplir nuestras obligaciones legales."
    found = spanish(purpose_only, "purposes.news", PURPOSE.format(basis="legal-obligation"), "boletín")
    assert [m.split(":")[0] for m in found] == ["purposes.news.legal_basis"]
    # The label is verified too: its words must be in the text.
    found = spanish(
        "Enviamos ofertas con su consentimiento.", "purposes.news", PURPOSE.format(basis="consent"), "boletín"
    )
    assert [m.split(":")[0] for m in found] == ["purposes.news.label"]

"""Real translations of the small fictional policy (tests/data/small, French), for the tests that publish it in
another language. Each text that states a fact says it in that language's words, which its phrasebook knows: the
tie is verified in every published language, and a stand-in such as "[de] <the French>" states nothing in German.
Only the title stays a stand-in ("[de] Politique de confidentialité d’Atelier Lune"), which the tests look for
on the page."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

SMALL: dict[str, dict[str, str]] = {
    "de": {
        "introduction.title": "Einleitung",
        "introduction.scope": (
            "Atelier Lune verkauft Töpferwaren online und verarbeitet dazu einige personenbezogene Daten."
        ),
        "personal-data.title": "Erhobene Daten",
        "customers.title": "Kunden",
        "customers.intro": "Bei einer Bestellung erheben wir:",
        "customers.categories.identity": "Name und Lieferadresse.",
        "customers.categories.contact": "E-Mail-Adresse.",
        "customers.orders": (
            "Diese Daten dienen dazu, die Bestellungen vorzubereiten, zu liefern und in Rechnung zu stellen, "
            "zur Erfüllung des Vertrags über den Kauf."
        ),
        "retention.title": "Aufbewahrung",
        "retention.orders": (
            "Die Rechnungen unserer Kunden werden zehn (10) Jahre aufbewahrt, wie es das Handelsgesetzbuch verlangt."
        ),
        "access.title": "Zugriff",
        "access.who": (
            "Nur das Personal des Ateliers, zwei Personen, und unser Transportunternehmen, ein Auftragsverarbeiter, "
            "haben Zugriff auf diese Daten."
        ),
        "processors.title": "Auftragsverarbeiter",
        "colis.text": "Colis Express stellt unsere Pakete zu und erhält dafür den Namen und die Lieferadresse.",
        "communications.title": "E-Mails",
        "order-emails.title": "Bestell-E-Mails",
        "order-emails.use": (
            "Wir senden zu jeder Bestellung eine Bestätigungs-E-Mail; diese E-Mail ist essenziell und kann nicht "
            "deaktiviert werden."
        ),
        "rights.title": "Ihre Rechte",
        "rights.how": (
            "Schreiben Sie an bonjour@atelier-lune.example, um Auskunft über Ihre Daten zu erhalten, sie berichtigen "
            "oder löschen zu lassen, die Einschränkung ihrer Verarbeitung zu verlangen, ihr zu widersprechen oder Ihr "
            "Recht auf Datenübertragbarkeit auszuüben; bei begründeten Zweifeln an Ihrer Identität bitten wir Sie um "
            "einen Nachweis. Wir antworten innerhalb eines (1) Monats."
        ),
        "rights.complaint": "Sie können sich auch bei der CNIL beschweren.",
        "contact.title": "Kontakt",
        "contact.questions": "Eine Frage? bonjour@atelier-lune.example.",
        "changes.title": "Änderungen",
        "changes.notice": (
            "Wir informieren unsere Kunden per E-Mail und auf dieser Seite dreißig (30) Tage vor jeder wichtigen "
            "Änderung."
        ),
        "facts.purposes.orders.label": "Bearbeitung der Bestellungen",
        "facts.recipients.colis.activity": "Zustellung der Pakete",
    },
    "pt_BR": {
        "introduction.title": "Introdução",
        "introduction.scope": (
            "A Atelier Lune vende cerâmicas pela internet e, para isso, trata alguns dados pessoais."
        ),
        "personal-data.title": "Dados coletados",
        "customers.title": "Clientes",
        "customers.intro": "Em cada pedido, coletamos:",
        "customers.categories.identity": "Nome e endereço de entrega.",
        "customers.categories.contact": "Endereço de e-mail.",
        "customers.orders": (
            "Esses dados servem para preparar, entregar e faturar os pedidos, em execução do contrato de venda."
        ),
        "retention.title": "Conservação",
        "retention.orders": (
            "As faturas dos nossos clientes são conservadas por dez (10) anos, como exige o código comercial."
        ),
        "access.title": "Acesso",
        "access.who": (
            "Somente o pessoal do ateliê, duas pessoas, e o nosso transportador, na qualidade de operador, acessam "
            "esses dados."
        ),
        "processors.title": "Operadores",
        "colis.text": "A Colis Express entrega as nossas encomendas e recebe para isso o nome e o endereço de entrega.",
        "communications.title": "E-mails",
        "order-emails.title": "E-mails de pedido",
        "order-emails.use": (
            "Enviamos um e-mail de confirmação para cada pedido; esse e-mail é essencial e não pode ser desativado."
        ),
        "rights.title": "Os seus direitos",
        "rights.how": (
            "Escreva para bonjour@atelier-lune.example para acessar os seus dados, pedir a sua retificação ou o seu "
            "apagamento, limitar o seu tratamento, opor-se a ele ou pedir a sua portabilidade; em caso de dúvida "
            "razoável sobre a sua identidade, pediremos que a comprove. Respondemos dentro de um (1) mês."
        ),
        "rights.complaint": "Você também pode apresentar uma reclamação à CNIL.",
        "contact.title": "Contato",
        "contact.questions": "Uma pergunta? bonjour@atelier-lune.example.",
        "changes.title": "Alterações",
        "changes.notice": (
            "Avisamos os nossos clientes por e-mail e nesta página trinta (30) dias antes de qualquer alteração "
            "importante."
        ),
        "facts.purposes.orders.label": "processamento dos pedidos",
        "facts.recipients.colis.activity": "entrega das encomendas",
    },
    "nl": {
        "introduction.title": "Inleiding",
        "introduction.scope": "Atelier Lune verkoopt online aardewerk en verwerkt daarvoor enkele persoonsgegevens.",
        "personal-data.title": "Verzamelde gegevens",
        "customers.title": "Klanten",
        "customers.intro": "Bij een bestelling verzamelen wij:",
        "customers.categories.identity": "Naam en afleveradres.",
        "customers.categories.contact": "E-mailadres.",
        "customers.orders": (
            "Deze gegevens dienen om de bestellingen voor te bereiden, te bezorgen en te factureren, ter uitvoering "
            "van de koopovereenkomst."
        ),
        "retention.title": "Bewaring",
        "retention.orders": (
            "De facturen van onze klanten worden tien (10) jaar bewaard, zoals het wetboek van koophandel voorschrijft."
        ),
        "access.title": "Toegang",
        "access.who": (
            "Alleen het personeel van het atelier, twee personen, en onze vervoerder, die als verwerker optreedt, "
            "hebben toegang tot deze gegevens."
        ),
        "processors.title": "Verwerkers",
        "colis.text": "Colis Express bezorgt onze pakketten en ontvangt daarvoor de naam en het afleveradres.",
        "communications.title": "E-mails",
        "order-emails.title": "E-mails bij bestellingen",
        "order-emails.use": (
            "Bij elke bestelling sturen wij een bevestigingsmail; deze e-mail is essentieel en kan niet worden "
            "uitgeschakeld."
        ),
        "rights.title": "Uw rechten",
        "rights.how": (
            "Schrijf naar bonjour@atelier-lune.example om inzage te krijgen in uw gegevens, om ze te laten "
            "rectificeren of wissen, om de verwerking ervan te laten beperken, om er bezwaar tegen te maken of om uw "
            "recht op overdraagbaarheid uit te oefenen; bij redelijke twijfel over uw identiteit vragen wij u die aan "
            "te tonen. Wij antwoorden binnen één (1) maand."
        ),
        "rights.complaint": "U kunt ook een klacht indienen bij de CNIL.",
        "contact.title": "Contact",
        "contact.questions": "Een vraag? bonjour@atelier-lune.example.",
        "changes.title": "Wijzigingen",
        "changes.notice": (
            "Wij informeren onze klanten per e-mail en op deze pagina dertig (30) dagen vóór elke belangrijke "
            "wijziging."
        ),
        "facts.purposes.orders.label": "verwerking van de bestellingen",
        "facts.recipients.colis.activity": "bezorging van de pakketten",
    },
    "it": {
        "introduction.title": "Introduzione",
        "introduction.scope": "Atelier Lune vende ceramiche online e a tal fine tratta alcuni dati personali.",
        "personal-data.title": "Dati raccolti",
        "customers.title": "Clienti",
        "customers.intro": "Quando effettui un ordine, raccogliamo:",
        "customers.categories.identity": "Nome e indirizzo di consegna.",
        "customers.categories.contact": "Indirizzo email.",
        "customers.orders": (
            "Questi dati servono a preparare, consegnare e fatturare gli ordini, in esecuzione del contratto di "
            "vendita."
        ),
        "retention.title": "Conservazione",
        "retention.orders": (
            "Le fatture dei nostri clienti sono conservate per dieci (10) anni, come richiede il codice di commercio."
        ),
        "access.title": "Accesso",
        "access.who": (
            "Hanno accesso a questi dati soltanto il personale dell’atelier, due persone, e il nostro corriere, in "
            "qualità di responsabile del trattamento."
        ),
        "processors.title": "Responsabili del trattamento",
        "colis.text": "Colis Express consegna i nostri pacchi e riceve a tal fine il nome e l’indirizzo di consegna.",
        "communications.title": "Email",
        "order-emails.title": "Email relative agli ordini",
        "order-emails.use": (
            "Per ogni ordine inviamo un’email di conferma; questa email è essenziale e non può essere disattivata."
        ),
        "rights.title": "I tuoi diritti",
        "rights.how": (
            "Scrivi a bonjour@atelier-lune.example per accedere ai tuoi dati, rettificarli o cancellarli, limitarne il "
            "trattamento, opporti a quest’ultimo o chiederne la portabilità; in caso di ragionevoli dubbi sulla tua "
            "identità, ti chiederemo di comprovarla. Rispondiamo entro un (1) mese."
        ),
        "rights.complaint": "Puoi anche presentare un reclamo alla CNIL.",
        "contact.title": "Contatti",
        "contact.questions": "Hai una domanda? bonjour@atelier-lune.example.",
        "changes.title": "Modifiche",
        "changes.notice": (
            "Informiamo i nostri clienti via email e su questa pagina trenta (30) giorni prima di ogni modifica "
            "importante."
        ),
        "facts.purposes.orders.label": "gestione degli ordini",
        "facts.recipients.colis.activity": "consegna dei pacchi",
    },
    "es": {
        "introduction.title": "Introducción",
        "introduction.scope": (
            "Atelier Lune vende cerámica por internet y, con este fin, trata algunos datos personales."
        ),
        "personal-data.title": "Datos que recogemos",
        "customers.title": "Clientes",
        "customers.intro": "Cuando se hace un pedido, recogemos:",
        "customers.categories.identity": "Nombre y dirección de entrega.",
        "customers.categories.contact": "Dirección de correo electrónico.",
        "customers.orders": (
            "Estos datos sirven para preparar, entregar y facturar los pedidos, en ejecución del contrato de "
            "compraventa."
        ),
        "retention.title": "Conservación",
        "retention.orders": (
            "Las facturas de nuestros clientes se conservan durante diez (10) años, como exige el código de comercio."
        ),
        "access.title": "Acceso",
        "access.who": (
            "Solo el personal del taller, dos personas, y nuestro transportista, como encargado del tratamiento, "
            "tienen acceso a estos datos."
        ),
        "processors.title": "Encargados del tratamiento",
        "colis.text": "Colis Express reparte nuestros paquetes y recibe para ello el nombre y la dirección de entrega.",
        "communications.title": "Correos electrónicos",
        "order-emails.title": "Correos electrónicos de pedido",
        "order-emails.use": (
            "Enviamos un correo electrónico de confirmación por cada pedido; este correo es esencial y no se puede "
            "desactivar."
        ),
        "rights.title": "Sus derechos",
        "rights.how": (
            "Escriba a bonjour@atelier-lune.example para acceder a sus datos, rectificarlos o pedir su supresión, "
            "limitar su tratamiento, oponerse a él o solicitar su portabilidad; en caso de duda razonable sobre su "
            "identidad, le pediremos que la acredite. Respondemos en el plazo de un (1) mes."
        ),
        "rights.complaint": "También puede presentar una reclamación ante la CNIL.",
        "contact.title": "Contacto",
        "contact.questions": "¿Alguna pregunta? bonjour@atelier-lune.example.",
        "changes.title": "Cambios",
        "changes.notice": (
            "Avisamos a nuestros clientes por correo electrónico y en esta página treinta (30) días antes de cualquier "
            "cambio importante."
        ),
        "facts.purposes.orders.label": "tramitación de los pedidos",
        "facts.recipients.colis.activity": "reparto de los paquetes",
    },
    "pl": {
        "introduction.title": "Wprowadzenie",
        "introduction.scope": (
            "Atelier Lune sprzedaje ceramikę przez internet i w tym celu przetwarza niektóre dane osobowe."
        ),
        "personal-data.title": "Zbierane dane",
        "customers.title": "Klienci",
        "customers.intro": "Przy każdym zamówieniu zbieramy:",
        "customers.categories.identity": "Imię i nazwisko oraz adres dostawy.",
        "customers.categories.contact": "Adres e-mail.",
        "customers.orders": (
            "Dane te służą do realizacji zamówień, czyli ich przygotowania, dostarczenia i zafakturowania, "
            "w ramach wykonania umowy sprzedaży."
        ),
        "retention.title": "Przechowywanie",
        "retention.orders": (
            "Faktury naszych klientów przechowujemy przez dziesięć (10) lat, jak wymaga tego kodeks handlowy."
        ),
        "access.title": "Dostęp",
        "access.who": (
            "Dostęp do tych danych mają wyłącznie pracownicy pracowni, czyli dwie osoby, oraz nasz przewoźnik "
            "jako podmiot przetwarzający."
        ),
        "processors.title": "Podmioty przetwarzające",
        "colis.text": (
            "Colis Express dostarcza nasze paczki i otrzymuje w tym celu imię i nazwisko oraz adres dostawy."
        ),
        "communications.title": "E-maile",
        "order-emails.title": "E-maile dotyczące zamówień",
        "order-emails.use": (
            "Do każdego zamówienia wysyłamy e-mail z potwierdzeniem; ten e-mail jest niezbędny i nie można go wyłączyć."
        ),
        "rights.title": "Twoje prawa",
        "rights.how": (
            "Napisz na adres bonjour@atelier-lune.example, aby uzyskać dostęp do swoich danych, zażądać ich "
            "sprostowania lub usunięcia, ograniczenia ich przetwarzania, wnieść sprzeciw wobec ich przetwarzania "
            "albo skorzystać z prawa do ich przenoszenia; w razie uzasadnionych wątpliwości co do Twojej "
            "tożsamości poprosimy Cię o jej potwierdzenie. Odpowiadamy w ciągu jednego (1) miesiąca."
        ),
        "rights.complaint": "Możesz również wnieść skargę do CNIL.",
        "contact.title": "Kontakt",
        "contact.questions": "Masz pytanie? bonjour@atelier-lune.example.",
        "changes.title": "Zmiany",
        "changes.notice": (
            "O każdej istotnej zmianie informujemy naszych klientów e-mailem i na tej stronie trzydzieści (30) dni "
            "wcześniej."
        ),
        "facts.purposes.orders.label": "realizacja zamówień",
        "facts.recipients.colis.activity": "dostarczanie paczek",
    },
}


def add_small_languages(small: Path, *locales: str) -> None:
    """The small French policy released on 1 February 2024; then each of ``locales`` started (`i18n init`),
    translated (translate_small), listed in mkdocs.yml, and the effective date moved to 1 June 2024 for the version
    that adds them, not yet released."""
    from .conftest import fill_page_text, read_catalog, write_catalog
    from .test_i18n import ok

    ok(small, "release", "--published", "2024-02-01", today="2024-02-01")
    for locale in locales:
        ok(small, "i18n", "init", locale)
        catalog = read_catalog(small, locale)
        translate_small(catalog, locale)
        write_catalog(small, catalog, locale)
        fill_page_text(small, locale)  # nothing to do for a language whose page text policydocs ships
    config = small / "mkdocs.yml"
    listed = ", ".join(("fr", *locales))
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", f"locales: [{listed}]"))
    data = small / "data" / "policy.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("effective_date: 2024-03-01", "effective_date: 2024-06-01")
    )


def translate_small(catalog: Catalog, locale: str) -> None:
    """Fill a catalog of the small policy with its translation; the title with a stand-in "[de] <the French>"."""
    prefix = locale.split("_")[0]
    words = SMALL[locale]
    unknown = {m.context for m in catalog if m.id and m.context not in words and m.context != "title"}
    assert not unknown, f"strings of the small policy with no {locale} translation: {sorted(unknown)}"
    for message in catalog:
        if message.id:
            message.string = words.get(message.context or "", f"[{prefix}] {message.id}")


EXOGRAD_DE: dict[str, str] = {
    "change_note": "Erste archivierte Fassung der Datenschutzerklärung.",
    "introduction.title": "Einleitung",
    "introduction.scope": (
        "Im Rahmen seiner Tätigkeit erhebt Exograd personenbezogene Daten. Dieses Dokument soll Ihnen helfen zu "
        "verstehen, welche Daten wir zu welchem Zweck verarbeiten."
    ),
    "personal-data.title": "Personenbezogene Daten",
    "visitors.title": "Besucher",
    "visitors.intro": (
        "Exograd erhebt bei jedem Besuch seiner Websites Informationen über die Besucher, ob sie Kunden sind oder "
        "nicht:"
    ),
    "visitors.categories.source-ip": "IP-Adresse der Quelle.",
    "visitors.categories.connection-time": "Datum und Uhrzeit der Verbindung.",
    "customers.title": "Kunden",
    "customers.intro": (
        "Wenn ein Kunde die verschiedenen von Exograd angebotenen Dienste abonniert, und während diese Dienste "
        "erbracht werden, erhebt Exograd mehrere Kategorien von Daten:"
    ),
    "customers.categories.organisation-identity": (
        "Identifizierung der Organisation: Firmenname, Postanschrift, E-Mail-Adresse, SIREN-Nummer, "
        "Umsatzsteuer-Identifikationsnummer…"
    ),
    "customers.categories.billing": (
        "Abrechnungsdaten: Zahlungsmittel, Betrag, Datum, Uhrzeit und Herkunft der Transaktionen…"
    ),
    "customers.categories.account-identity": "Identifizierung des Kontos: Name, E-Mail-Adresse, Passwort.",
    "customers.categories.account-connections": (
        "Anmeldungen am Konto: Kundenkennung, Datum und Uhrzeit der Anmeldung, IP-Adresse der Quelle, Browserkennung."
    ),
    "customers.categories.service-usage": (
        "Nutzung der Dienste: Art der genutzten Dienste, Datum und Uhrzeit des Zugriffs, Nutzungsstatistiken…"
    ),
    "customers.services": (
        "Die in diesem Rahmen erhobenen Daten werden verwendet, um die vom Kunden abonnierten Dienste zu erbringen, "
        "mit dem Kunden zu kommunizieren und für jeden Vorgang im Zusammenhang mit der Abrechnung der Dienste. Diese "
        "Verarbeitung kann manuell oder automatisiert erfolgen."
    ),
    "customers.legal-obligations": (
        "Exograd kann diese Daten auch verwenden, um seinen rechtlichen Verpflichtungen nachzukommen."
    ),
    "retention.title": "Aufbewahrung der Daten",
    "retention.visitor-data": (
        "Die von Besuchern der verschiedenen Websites erhobenen Daten werden für einen Zeitraum von einem (1) Jahr "
        "aufbewahrt."
    ),
    "retention.customer-data": (
        "Die Daten im Zusammenhang mit dem Abonnement und der Nutzung der Dienste können bis zu drei (3) Jahre nach "
        "der Schließung eines Kundenkontos aufbewahrt werden."
    ),
    "retention.legal-requirements": (
        "Eine Ausnahme gilt für jede von öffentlichen und staatlichen Behörden verlangte Aufbewahrung von Daten: die "
        "in diesem Rahmen erhobenen Daten werden für die gesetzlich vorgeschriebene Dauer aufbewahrt."
    ),
    "access.title": "Zugriff auf die Daten",
    "access.recipients": (
        "Die von Exograd erhobenen Daten werden von seinen Mitarbeitern, Auftragsverarbeitern und Partnern "
        "verarbeitet, um die von Ihnen abonnierten Dienste zu erbringen."
    ),
    "processors.title": "Auftragsverarbeiter",
    "vultr.text": "Exograd hostet einen Teil seiner IT-Dienste bei Vultr und speichert dort personenbezogene Daten.",
    "stripe.text": (
        "Exograd nutzt Stripe als Zahlungsdienstleister. Exograd übermittelt Stripe alle Identifizierungs- und "
        "Abrechnungsdaten, die Stripe für die Abrechnung der vom Kunden abonnierten Dienste benötigt."
    ),
    "mailchimp.text": "Exograd nutzt Mailchimp zur Verwaltung seines Newsletters.",
    "communications.title": "Kommunikation",
    "essential-emails.title": "Wesentliche E-Mails",
    "essential-emails.use": (
        "Exograd verwendet die vom Kunden bei der Registrierung angegebene Kontakt-E-Mail-Adresse, um ihm alle "
        "wichtigen Informationen zu seinem Kundenkonto, zur Nutzung der Dienste oder zu deren Abrechnung zu senden."
    ),
    "essential-emails.cannot-be-disabled": (
        "Diese Kommunikation ist für die Erbringung der abonnierten Dienste unerlässlich und kann nicht deaktiviert "
        "werden."
    ),
    "optional-emails.title": "Optionale E-Mails",
    "optional-emails.use": (
        "Exograd kann die Kontakt-E-Mail-Adresse verwenden, um dem Kunden kommerzielle Informationen zu senden."
    ),
    "optional-emails.opt-in": (
        "Diese Kommunikation ist standardmäßig deaktiviert und kann bei der Erstellung des Kundenkontos aktiviert "
        "werden. Diese Option kann jederzeit in der Kontoverwaltung aktiviert oder deaktiviert werden."
    ),
    "rights.title": "Ausübung Ihrer Rechte",
    "rights.how-to-exercise": (
        "Sie können jederzeit Auskunft über die Sie betreffenden Daten erhalten, sie berichtigen lassen oder ihre "
        "Löschung verlangen, indem Sie Ihre Anfrage per E-Mail an contact@exograd.com senden. Sie werden gebeten, "
        "Ihre Identität nachzuweisen."
    ),
    "rights.erasure-limits": (
        "Daten, die zur Erbringung der von Ihnen abonnierten Dienste erforderlich sind oder zur Erfüllung einer "
        "rechtlichen Verpflichtung benötigt werden, können jedoch nicht gelöscht werden."
    ),
    "rights.response-time": "Jede Anfrage wird binnen dreißig (30) Tagen bearbeitet, gerechnet in Kalendertagen.",
    "rights.complaint": (
        "Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie eine Beschwerde bei der Commission Nationale "
        "de l’Informatique et des Libertés (CNIL) einreichen."
    ),
    "contact.title": "Weitere Informationen",
    "contact.questions": "Für weitere Informationen können Sie uns per E-Mail unter contact@exograd.com erreichen.",
    "changes.title": "Änderungen",
    "changes.may-change": (
        "Unsere Datenschutzerklärung kann jederzeit geändert werden, um Änderungen unserer Praktiken zu "
        "berücksichtigen. Wir laden Sie ein, dieses Dokument regelmäßig einzusehen."
    ),
    "facts.purposes.service-delivery.label": "Erbringung der abonnierten Dienste",
    "facts.purposes.customer-communication.label": "Kommunikation mit dem Kunden",
    "facts.purposes.billing.label": "Abrechnung der Dienste",
    "facts.purposes.legal-obligations.label": "Erfüllung rechtlicher Verpflichtungen",
    "facts.purposes.marketing.label": "Versand kommerzieller Informationen",
    "facts.purposes.newsletter.label": "Newsletter",
    "facts.retention.legal-requirements.label": (
        "Daten, deren Aufbewahrung von öffentlichen und staatlichen Behörden verlangt wird"
    ),
    "facts.recipients.vultr.activity": "Hosting von IT-Diensten",
    "facts.recipients.stripe.activity": "Zahlungsdienstleister",
    "facts.recipients.mailchimp.activity": "Verwaltung des Newsletters",
}
"""A German translation of Exograd's policy (its version of 26 December 2022), the title a stand-in."""


def translate_exograd(catalog: Catalog) -> None:
    """Fill a German catalog of Exograd's policy; the title with a stand-in "[de] <the French>"."""
    unknown = {m.context for m in catalog if m.id and m.context not in EXOGRAD_DE and m.context != "title"}
    assert not unknown, f"strings of Exograd's policy with no German translation: {sorted(unknown)}"
    for message in catalog:
        if message.id:
            message.string = EXOGRAD_DE.get(message.context or "", f"[de] {message.id}")

"""Generate a synthetic policy project with a history: N versions × L locales × S sections.

Run:  .venv/bin/python benchmarks/generate.py DIR [--versions 100] [--locales 2] [--sections 20]

The policy is a fictional company's, in French, with S sub-processor
sections of a realistic clause each (~60 words), plus the usual sections.
Version k rewords about 5% of the clauses and, every tenth version, adds a
sub-processor (a material change published 35 days ahead); the others are
editorial. Versions take effect monthly from January 2017. Each non-source
locale gets a complete catalog: English from Exograd's for the page frame,
the sentences that state the policy's facts in each language's own words
(SENTENCES, LABELS: the check of text against facts reads them), the
other strings as "[xx] " + the French (numbers and addresses kept, so
the parity check passes); a language policydocs does not translate its page
text into gets the site's own catalog of it, "[xx] " + the English. The releases are written as `policydocs release`
writes them, digest chain included.
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402
from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from policydocs.i18n.catalog import TOOL_DOMAIN, shipped_locales, tool_messages  # noqa: E402
from policydocs.i18n.extract import all_messages  # noqa: E402
from policydocs.i18n.messages import policy_messages  # noqa: E402
from policydocs.policy import dump, model  # noqa: E402
from policydocs.policy.format1 import convert, read  # noqa: E402
from policydocs.versions.archive import content, digest_of, write_release  # noqa: E402

LOCALES = ["fr", "en", "de", "es", "it"]
TEXT = (
    "nous traitons vos données personnelles pour fournir le service demandé et les conservons pendant la "
    "durée nécessaire à cette finalité le prestataire agit sur nos instructions et ne peut utiliser ces "
    "données pour son propre compte il applique des mesures de sécurité adaptées chiffrement contrôle des "
    "accès journalisation et nous informe sans délai de toute violation les données peuvent être "
    "hébergées dans l’Union européenne "
)
WORDS = tuple(TEXT.split())

LABELS = {
    "Clients": {"en": "Customers", "de": "Kunden", "es": "Clientes", "it": "Clienti"},
    "fourniture du service": {
        "en": "provision of the service",
        "de": "Erbringung des Dienstes",
        "es": "prestación del servicio",
        "it": "fornitura del servizio",
    },
}
"""The audience's title and the purpose's label in each language (the sentence that states them names them)."""
SENTENCES = {
    "fr": {
        "use": "Ces données servent à la fourniture du service, en exécution du contrat.",
        "retention": "Les données des Clients sont conservées 3 ans.",
        "access": "Nos employés et nos sous-traitants accèdent à ces données.",
        "emails": "Cette notification ne peut être désactivée.",
        "changes": "Nous annonçons toute modification de cette page par e-mail.",
        "rights": "Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation, d'opposition et de "
        "portabilité. En cas de doute raisonnable sur votre identité, nous vous en demandons la preuve. "
        "Vous pouvez saisir la CNIL.",
    },
    "en": {
        "use": "We use this data for the provision of the service, to perform the contract.",
        "retention": "Customers' data is kept for 3 years.",
        "access": "Our employees and our processors access this data.",
        "emails": "This notification cannot be disabled.",
        "changes": "We announce any change to this page by email.",
        "rights": "You have the right of access, rectification, erasure, restriction, objection and portability. "
        "Where we have a reasonable doubt about your identity, we ask you to prove it. "
        "You can complain to the CNIL.",
    },
    "de": {
        "use": "Wir verwenden diese Daten zur Erbringung des Dienstes, zur Erfüllung des Vertrags.",
        "retention": "Die Daten der Kunden werden 3 Jahre gespeichert.",
        "access": "Unsere Mitarbeiter und unsere Auftragsverarbeiter greifen auf diese Daten zu.",
        "emails": "Diese Benachrichtigung kann nicht deaktiviert werden.",
        "changes": "Wir kündigen jede Änderung dieser Seite per E-Mail an.",
        "rights": "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung, Widerspruch und "
        "Datenübertragbarkeit. Bei begründeten Zweifeln an Ihrer Identität bitten wir Sie, sie nachzuweisen. "
        "Sie können sich bei der CNIL beschweren.",
    },
    "es": {
        "use": "Usamos estos datos para la prestación del servicio, en ejecución del contrato.",
        "retention": "Los datos de los Clientes se conservan 3 años.",
        "access": "El personal y los encargados del tratamiento acceden a estos datos.",
        "emails": "Esta notificación no se puede desactivar.",
        "changes": "Anunciamos cualquier cambio de esta página por correo electrónico.",
        "rights": "Usted tiene derecho de acceso, rectificación, supresión, limitación, oposición y portabilidad. "
        "Si tenemos dudas razonables sobre su identidad, le pedimos que la acredite. "
        "Puede presentar una reclamación ante la CNIL.",
    },
    "it": {
        "use": "Usiamo questi dati per la fornitura del servizio, in esecuzione del contratto.",
        "retention": "I dati dei Clienti sono conservati per 3 anni.",
        "access": "Il personale e i responsabili del trattamento accedono a questi dati.",
        "emails": "Questa notifica non può essere disattivata.",
        "changes": "Annunciamo ogni modifica di questa pagina per e-mail.",
        "rights": "Lei ha diritto di accesso, rettifica, cancellazione, limitazione del trattamento, opposizione e "
        "portabilità dei dati. In caso di ragionevoli dubbi sulla sua identità, le chiediamo di dimostrarla. "
        "Può proporre reclamo alla CNIL.",
    },
}
"""The sentences that state the policy's facts, in each language's own words (the check reads them so)."""
WRITTEN = {(text, key) for key, text in SENTENCES["fr"].items()}


def clause(rng: random.Random, name: str, words: int = 60, years: int | None = None) -> str:
    """A clause that starts with a two-word name (kept by rewording: the check wants it) and ends with a duration."""
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    years = years or rng.randint(1, 10)
    return f"{name} {body} pendant {years} ({years}) ans."


def base_policy(rng: random.Random, sections: int, locales: list[str]) -> dict[str, object]:
    processors = [
        {
            "id": f"prestataire-{i}",
            "name": f"Prestataire {i}",
            "activity": f"service numéro {i}",
            "country": "FR",
            "text": clause(rng, f"Prestataire {i}") + f" Il assure le service numéro {i}.",
        }
        for i in range(sections)
    ]
    paragraph = [{"id": "p", "text": "Texte."}]
    said = SENTENCES["fr"]
    return {
        "effective_date": "2017-01-01",
        "change_note": "Première version.",
        "source_locale": "fr",
        "binding_locales": ["fr"],
        "title": "Politique de confidentialité de Société Exemple",
        "controller": {"name": "Société Exemple", "email": "vie-privee@societe-exemple.example"},
        "introduction": {"id": "introduction", "title": "Introduction", "paragraphs": [
            {"id": "scope", "text": clause(rng, "Société Exemple")}]},
        "personal_data": {"id": "personal-data", "title": "Données collectées", "audiences": [{
            "id": "customers", "title": "Clients", "intro": "Nous collectons:",
            "categories": [{"id": f"c{i}", "text": f"Catégorie de données {i}."} for i in range(5)],
            "uses": [{"id": "use", "purposes": ["service"], "text": said["use"]}]}]},
        "purposes": [{"id": "service", "label": "fourniture du service", "legal_basis": "contract"}],
        "retention": {"id": "retention", "title": "Conservation", "rules": [
            {"id": "customers", "audiences": ["customers"], "duration": "P3Y",
             "text": said["retention"]}]},
        "access": {"id": "access", "title": "Accès", "recipients": ["staff", "processors"],
                   "paragraphs": [{"id": "p", "text": said["access"]}]},
        "processors": {"id": "processors", "title": "Sous-traitants", "processors": processors},
        "communications": {"id": "communications", "title": "Emails", "emails": [
            {"id": "service-emails", "title": "Emails de service", "optional": False,
             "paragraphs": [{"id": "p", "text": said["emails"]}]}]},
        "rights": {"id": "rights", "title": "Vos droits",
                   "rights": ["access", "rectification", "erasure", "restriction", "objection", "portability"],
                   "email": "vie-privee@societe-exemple.example", "identity_check": "reasonable-doubt",
                   "response_time": "P1M", "authority": {"name": "CNIL", "country": "FR"},
                   "paragraphs": [{"id": "p", "text": said["rights"]}]},
        "contact": {"id": "contact", "title": "Contact", "email": "vie-privee@societe-exemple.example",
                    "paragraphs": paragraph},
        "changes": {"id": "changes", "title": "Modifications", "announced_by": ["email", "this-page"],
                    "paragraphs": [{"id": "p", "text": said["changes"]}]},
    }  # fmt: skip


class _Plain(yaml.SafeDumper):
    """YAML with every value written out: a policy file refuses anchors and aliases (a shared list would get them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def effective(index: int, versions: int) -> datetime.date:
    """Version ``index``'s effective date: monthly from January 2017 up to 100 versions; a longer history weekly,
    ending by 2026 (1,000 versions: from 2007)."""
    if versions <= 100:
        return datetime.date(2017 + index // 12, index % 12 + 1, 1)
    return datetime.date(2026, 1, 5) - datetime.timedelta(weeks=versions - index)


def next_version(rng: random.Random, data: dict, index: int, versions: int = 100) -> tuple[dict, str, datetime.date]:
    """The next version's data, its class, and its effective date (see effective)."""
    data = yaml.safe_load(yaml.safe_dump(data))
    day = effective(index, versions)
    data["effective_date"] = day.isoformat()
    processors = data["processors"]["processors"]
    for processor in processors:
        if rng.random() < 0.05 * 4:  # about 5% of the words: a quarter of each reworded clause
            words = processor["text"].split(" ")
            for position in rng.sample(range(2, len(words) - 4), len(words) // 4):
                words[position] = rng.choice(WORDS)
            processor["text"] = " ".join(words)
    change = "editorial"
    if index % 10 == 0:
        n = len(processors)
        processors.append(
            {"id": f"prestataire-{n}", "name": f"Prestataire {n}", "activity": f"service numéro {n}",
             "country": "DE", "text": clause(rng, f"Prestataire {n}") + f" Il assure le service numéro {n}."}
        )  # fmt: skip
        change = "material"
    data["change_note"] = f"Version {index + 1}: {'nouveau sous-traitant' if change == 'material' else 'rédaction'}."
    return data, change, day


def translate(text: str, locale: str) -> str:
    """A stand-in translation that keeps every number and address of the French; the sentences that state facts,
    and the audience's title, in the locale's own words."""
    for french, key in WRITTEN:
        if text == french:
            return SENTENCES[locale][key]
    if text in LABELS:
        return LABELS[text][locale]
    return f"[{locale}] {text}"


def as_format_2(data: dict) -> model.Policy:
    """The policy in format 2: written in the shape of format 1 (short), converted as `policydocs migrate` does."""
    text = yaml.dump(data, Dumper=_Plain, allow_unicode=True)
    converted, _ = convert.convert(read.loads(text))
    return model.loads(dump.dump(converted))  # read back, so its strings know their lines


def one_change(data: dict, day: datetime.date) -> dict:
    """The next version of ``data``: one word of one sentence changed (in the first sub-processor's clause), in
    effect on ``day``."""
    data = yaml.safe_load(yaml.safe_dump(data))
    data["effective_date"] = day.isoformat()
    processor = data["processors"]["processors"][0]
    words = processor["text"].split(" ")
    words[3] = "modifié" if words[3] != "modifié" else "changé"
    processor["text"] = " ".join(words)
    data["change_note"] = "Une phrase précisée."
    return data


def generate(
    target: Path,
    versions: int,
    locales: int,
    sections: int,
    seed: int = 2017,
    upcoming: tuple[datetime.date, datetime.date] | None = None,
) -> Path:
    """A project of ``versions`` versions; with ``upcoming`` (its effective date, the day it was published), one
    version more that changes one word of one sentence (see one_change), released as editorial."""
    rng = random.Random(seed)
    langs = LOCALES[:locales]
    if target.exists():
        shutil.rmtree(target)
    (target / "data" / "releases").mkdir(parents=True)
    (target / "docs").mkdir()
    shutil.copytree(ROOT / "templates", target / "templates")
    (target / "mkdocs.yml").write_text(
        "site_name: Société Exemple\nsite_url: https://www.societe-exemple.example/confidentialite/\n"
        "docs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n  - policydocs:\n      locales: [{', '.join(langs)}]\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    with (ROOT / "locales" / "en" / "LC_MESSAGES" / "policy.po").open("rb") as handle:
        english = {(m.context, m.id): m.string for m in read_po(handle) if m.id}
    data = base_policy(rng, sections, langs)
    data["effective_date"] = effective(0, versions).isoformat()
    previous: str | None = None
    for index in range(versions + (1 if upcoming else 0)):
        change = "material"
        day = effective(0, versions)
        if index == versions and upcoming:
            day, change = upcoming[0], "editorial"
            data = one_change(data, day)
        elif index:
            data, change, day = next_version(rng, data, index, versions)
        policy = as_format_2(data)
        published = day - datetime.timedelta(days=35 if change == "material" and index else 0)
        if index == versions and upcoming:
            published = upcoming[1]
        messages = all_messages(policy, [target / "templates"])
        strings = policy_messages(policy)
        text = {locale: {m.context: translate(m.text, locale) for m in strings} for locale in langs[1:]}
        body = content(
            policy, text, published=published, change_class=change, locales=tuple(langs), previous_digest=previous
        )
        previous = digest_of(body)
        write_release(target / "data" / "releases" / f"{day.isoformat()}.yml", body, previous)
    (target / "data" / "policy.yml").write_text(dump.dump(policy), encoding="utf-8")
    for locale in langs[1:]:
        catalog = Catalog(locale=locale, domain="policy", fuzzy=False)
        for message in messages:
            if message.kind == "Template":
                string = english.get((message.context, message.text)) if locale == "en" else None
                string = string or f"[{locale}] {message.text}"
            else:
                string = translate(message.text, locale)
            catalog.add(message.text, string, context=message.context)
        folder = target / "locales" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=76)
        (folder / "policy.po").write_bytes(buffer.getvalue())
        if locale not in shipped_locales():
            # The page text of a language policydocs does not translate: the site's own catalog of it.
            page_text = Catalog(locale=locale, domain=TOOL_DOMAIN, fuzzy=False)
            for message in tool_messages():
                page_text.add(message.text, f"[{locale}] {message.text}", context=message.context)
            buffer = io.BytesIO()
            write_po(buffer, page_text, width=76)
            (folder / f"{TOOL_DOMAIN}.po").write_bytes(buffer.getvalue())
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--locales", type=int, default=2, choices=range(1, len(LOCALES) + 1))
    parser.add_argument("--sections", type=int, default=20)
    args = parser.parse_args()
    generate(args.target, args.versions, args.locales, args.sections)
    print(f"{args.target}: {args.versions} versions × {args.locales} locales × {args.sections} sections")


if __name__ == "__main__":
    main()

"""The policy at a glance: WP260's first layer, a table made from the facts the reader is shown.

One row per question a reader asks first — who is responsible, what data
from whom, what for and on what basis, how long, who receives it and where,
which rights and how to use them (then cookies and automated decisions when
the policy has them) — each ending with links to the blocks that say it in
full. A row the facts cannot fill is left out, never guessed. The words come
from the template (translated), the values from the localized policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from ..policy import document, facts
from ..policy.model import Policy
from .layers import Place, Reading, fill, inside_eea, quoted_html, reading, words_of
from .markup import Markdown

Row = tuple[str, list[str], list[Place]]
"""A row of the table: its key (the question), its lines (HTML), and where the page says them."""


def glance(policy: Policy, words: Mapping[str, Any], locale: str) -> Markdown:
    """The at-a-glance table of a localized policy, as an HTML block (every value escaped here)."""
    w = words_of(words)
    rows = [row for row in _rows(reading(policy, locale), w) if row[1]]
    body = []
    for key, lines, places in rows:
        cell = "".join(f"<li>{line}</li>" for line in lines)
        see = _see(places, w)
        body.append(
            f'<tr><th scope="row">{escape(w["rows"][key])}</th>'
            f'<td><ul class="policydocs-glance-lines">{cell}</ul>{see}</td></tr>'
        )
    note = escape(w["note"])
    return Markdown(
        f'<div class="policydocs-layer policydocs-glance"><p class="policydocs-layer-note">{note}</p>'
        f"<table><tbody>{''.join(body)}</tbody></table></div>"
    )


def _see(places: Iterable[Place], w: Mapping[str, Any]) -> str:
    unique: dict[str, str] = {}
    for place in places:
        unique.setdefault(place.anchor, place.title)
    if not unique:
        return ""
    links = ", ".join(f'<a href="#{escape(anchor)}">{escape(title)}</a>' for anchor, title in unique.items())
    return f'<p class="policydocs-glance-see">{fill(escape(w["see"]), places=links)}</p>'


def _places(reading: Reading, refs: Iterable[str]) -> list[Place]:
    return [place for ref in refs if (place := reading.place(ref)) is not None]


def _mail(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def _rows(r: Reading, w: Mapping[str, Any]) -> Iterable[Row]:
    f = r.facts
    e = escape

    # Who is responsible.
    lines, refs = [], []
    for c in f.controllers:
        if not r.sees(f"controllers.{c.id}.name"):
            continue
        parts = [e(str(c.name))]
        for field in ("privacy_email", "email"):
            value = getattr(c, field)
            if value and r.sees(f"controllers.{c.id}.{field}"):
                parts.append(_mail(str(value)))
                refs.append(f"controllers.{c.id}.{field}")
                break
        if c.postal_address and r.sees(f"controllers.{c.id}.postal_address"):
            parts.append(e(", ".join(x.strip() for x in str(c.postal_address).replace("\n", ",").split(","))))
        lines.append(", ".join(parts))
        refs.insert(0, f"controllers.{c.id}.name")
    if isinstance(f.dpo, facts.Dpo) and r.sees("dpo"):
        contact = ", ".join(x for x in (e(str(f.dpo.name or "")), _mail(str(f.dpo.email))) if x)
        lines.append(fill(e(w["dpo"]), contact=contact))
        refs.append("dpo")
    yield "controller", lines, _places(r, refs)

    # What data, from whom.
    lines, refs = [], []
    for audience, categories in r.audiences():
        names = e(", ".join(dict.fromkeys(r.category(c) for c in categories)))  # two said by one heading: once
        lines.append(fill(e(w["data"]), audience=e(audience), data=names) if audience else names)
        refs += [f"data.{c.id}" for c in categories[:1]]
    yield "data", lines, _places(r, refs)

    # What for, on what basis: a basis the reader is not shown is "not stated", an unverified one quoted.
    lines, refs = [], []
    for p in r.purposes():
        fact = f"purposes.{p.id}"
        label = e(str(p.label))
        basis = p.legal_basis if r.sees(f"{fact}.legal_basis") else None
        if r.is_quoted(fact, "legal_basis", "legitimate_interest"):
            line = fill(
                e(w["basis"]), purpose=label, basis=quoted_html(r.quotes(fact, "legal_basis", "legitimate_interest"), w)
            )
        elif basis and p.legitimate_interest and r.sees(f"{fact}.legitimate_interest"):
            line = fill(e(w["basis_interest"]), purpose=label, basis=e(w["bases"][basis]),
                        interest=e(str(p.legitimate_interest)))  # fmt: skip
        else:
            line = fill(e(w["basis"]), purpose=label, basis=e(w["bases"][basis]))
        lines.append(line)
        refs.append(fact)
    yield "purposes", lines, _places(r, refs)

    # How long: every qualifier kept ("up to", the start, the statute, an exception); never a period alone.
    lines, refs = [], []
    audiences = {a.id: r.audience(a) for a in f.audiences}
    data = {c.id: r.category(c) for c in f.data}
    for rule in f.retention:
        fact = f"retention.{rule.id}"
        if not r.sees(fact):
            continue
        covered = ", ".join(data.get(d, d) for d in rule.data) or ", ".join(audiences.get(a, a) for a in rule.audiences)
        what = rule.label or covered
        if rule.label and covered and rule.duration == "legal" and not (rule.statute and r.sees(f"{fact}.statute")):
            what = f"{rule.label} ({covered})"  # "the period required by law" of no named statute: say what it holds
        period = _period(r, rule, w)
        if not what:  # nothing names what is kept: the binding words say it all, never a bare period
            period = quoted_html(r.quotes(fact, *PERIOD) or r.stating(fact), w)
        line = fill(e(w["retention"]), what=e(str(what)), period=period) if what else period
        if rule.exception and r.sees(f"{fact}.exception") and what and not r.is_quoted(fact, *PERIOD):
            line = fill(e(w["exception"]), rule=line)
        lines.append(line)
        refs.append(fact)
    yield "retention", lines, _places(r, refs)

    # Who receives it, and where: categories as categories, every place, data not specified said so.
    lines, refs = [], []
    if f.recipient_categories and r.sees("recipient_categories"):
        if r.is_quoted("recipient_categories"):
            lines.append(quoted_html(r.quotes("recipient_categories"), w))
        else:
            lines.append(e(", ".join(_category(r, k, w) for k in f.recipient_categories)))
        refs.append("recipient_categories")
    if f.partners and r.sees("partners") and "partners" not in f.recipient_categories:
        lines.append(e(str(f.partners)))
        refs.append("partners")
    for recipient in r.recipients():
        fact = f"recipients.{recipient.id}"
        line = e(fill(w["recipient"], name=str(recipient.name), activity=str(recipient.activity)))
        place = _where(r, fact, r.places(recipient), recipient.safeguard, "safeguard", w)
        if place:
            line = fill(e(w["where"]), recipient=line, place=place)
        if not (recipient.data and r.sees(f"{fact}.data")) and not r.is_quoted(fact, "data"):
            line = fill(e(w["without_data"]), recipient=line)
        lines.append(line)
        refs.append(fact)
    for transfer in r.transfers():
        fact = f"transfers.{transfer.id}"
        if r.is_quoted(fact, "data"):
            names = quoted_html(r.quotes(fact, "data"), w)
        else:
            shown = r.data_names(transfer.data) if r.sees(f"{fact}.data") else []
            names = e(", ".join(shown) or w["no_data"])
        codes = list(transfer.countries) if r.sees(f"{fact}.countries") else []
        place = _where(r, fact, codes, transfer.mechanism, "mechanism", w) or e(w["unstated"])
        lines.append(fill(e(w["transfer"]), controller=e(r.controller()), data=names, place=place))
        refs.append(fact)
    yield "recipients", lines, _places(r, refs)

    # Your rights, and how to use them.
    lines, refs = [], []
    rights = f.rights

    def said(field: str, line: str) -> str:
        return quoted_html(r.quotes("rights", field), w) if r.is_quoted("rights", field) else line

    if r.sees("rights.list") and rights.list:
        lines.append(said("list", e(", ".join(w["rights"].get(k, k) for k in rights.list))))
        refs.append("rights.list")
    if rights.other and r.sees("rights.other"):
        other = [
            fill(w["other_right"], right=str(o.label), law=str(o.law)) if o.law else str(o.label) for o in rights.other
        ]
        lines.append(fill(e(w["other_rights"]), rights=said("other", e(", ".join(other)))))
        refs.append("rights.other")
    if rights.email and r.sees("rights.email"):
        lines.append(fill(e(w["rights_email"]), email=_mail(str(rights.email))))
        refs.append("rights.email")
    if rights.url and r.sees("rights.url"):
        link = f'<a href="{e(str(rights.url))}">{e(str(rights.url))}</a>'
        lines.append(fill(e(w["rights_url"]), url=link))
        refs.append("rights.url")
    if rights.response_time and r.sees("rights.response_time"):
        period = said("response_time", e(r.duration(rights.response_time, w)))
        lines.append(fill(e(w["response_time"]), period=period))
        refs.append("rights.response_time")
    if rights.identity_check and r.sees("rights.identity_check"):
        when = said("identity_check", e(w["checks"].get(rights.identity_check, rights.identity_check)))
        lines.append(fill(e(w["identity"]), when=when))
        refs.append("rights.identity_check")
    named, described = [], []
    for a in f.authorities:
        fact = f"authorities.{a.id}"
        if a.name and r.sees(f"{fact}.name"):
            named.append(a)
        elif a.description and r.sees(f"{fact}.description"):
            described.append(a)
    quoted = [a for a in named if r.is_quoted(f"authorities.{a.id}", "name")]
    named = [a for a in named if a not in quoted]
    if named:
        lines.append(e(fill(w["complaint"], authority=", ".join(str(a.name) for a in named))))
        refs += [f"authorities.{a.id}.name" for a in named]
    for a in quoted:  # what the text says of the complaint (a condition, a deadline), in its own words
        lines.append(fill(e(w["complaint"]), authority=quoted_html(r.quotes(f"authorities.{a.id}", "name"), w)))
        refs.append(f"authorities.{a.id}.name")
    for a in described:
        lines.append(e(fill(w["complaint_described"], authority=str(a.description))))
        refs.append(f"authorities.{a.id}.description")
    yield "rights", lines, _places(r, refs)

    # The emails the reader receives: which cannot be turned off, which are off or on until they choose.
    lines, refs = [], []
    for kind in f.communications:
        fact = f"communications.{kind.id}"
        if not r.sees(f"{fact}.optional"):
            continue
        title = e(document.plain(r.statements.section_title(fact, kind.id)))
        if r.is_quoted(fact, "optional"):
            lines.append(fill(e(w["email"]), title=title, how=quoted_html(r.quotes(fact, "optional"), w)))
        elif not kind.optional:
            lines.append(fill(e(w["email"]), title=title, how=e(w["email_essential"])))
        else:
            how = [e(w["email_optional"])]
            if kind.enabled_by_default is not None and r.sees(f"{fact}.enabled_by_default"):
                if r.is_quoted(fact, "enabled_by_default"):
                    how.insert(0, quoted_html(r.quotes(fact, "enabled_by_default"), w))
                else:
                    how.insert(0, e(w["email_on" if kind.enabled_by_default else "email_off"]))
            moments = [w["email_moments"].get(m, m) for m in kind.can_be_switched_at]
            if moments and r.sees(f"{fact}.can_be_switched_at") and not r.is_quoted(fact, "can_be_switched_at"):
                how.append(fill(e(w["email_where"]), where=e(", ".join(moments))))
            lines.append(fill(e(w["email"]), title=title, how="; ".join(how)))
        refs.append(fact)
    yield "emails", lines, _places(r, refs)

    # Cookies and automated decisions, when the policy has them.
    lines, refs = [], []
    for cookie in f.cookies:
        if r.sees(f"cookies.{cookie.id}"):
            fact = f"cookies.{cookie.id}"
            if r.is_quoted(fact, "consent"):
                consent = quoted_html(r.quotes(fact, "consent"), w)
            else:
                consent = e(w["consent"].get(cookie.consent, cookie.consent))
            name, purpose = e(str(cookie.name)), e(str(cookie.purpose))
            lines.append(fill(e(w["cookie"]), name=name, purpose=purpose, consent=consent))
            refs.append(f"cookies.{cookie.id}")
    yield "cookies", lines, _places(r, refs)
    decisions = f.automated_decisions
    if isinstance(decisions, facts.AutomatedDecisions) and r.sees("automated_decisions"):
        yield "automated", [e(str(decisions.logic))], _places(r, ["automated_decisions"])


PERIOD = ("duration", "up_to", "starts", "statute", "exception")
"""The fields of a retention rule its period is worded from."""


def _period(r: Reading, rule: facts.RetentionRule, w: Mapping[str, Any]) -> str:
    """A rule's period as HTML: "up to 3 years (statute) from the closure of the account", or the binding words
    when one of its fields is quoted."""
    fact = f"retention.{rule.id}"
    if r.is_quoted(fact, *PERIOD):
        return quoted_html(r.quotes(fact, *PERIOD), w)
    period = r.duration(rule.duration, w)
    if rule.up_to and r.sees(f"{fact}.up_to"):
        period = fill(w["up_to"], period=period)
    if rule.statute and r.sees(f"{fact}.statute"):
        period = f"{period} ({rule.statute})"
    if rule.starts != "collection" and r.sees(f"{fact}.starts"):
        period = fill(w["starts_from"], period=period, start=w["starts"].get(rule.starts, rule.starts))
    return escape(period)


def _category(r: Reading, key: str, w: Mapping[str, Any]) -> str:
    """A category of recipients in words; partners with who they are, or marked as not named."""
    word = str(w["recipients"].get(key, key))
    if key != "partners":
        return word
    if r.facts.partners and r.sees("partners"):
        return fill(w["named"], category=word, who=str(r.facts.partners))
    return fill(w["unnamed"], category=word)


def _where(r: Reading, fact: str, codes: list[str], safeguard: str | None, field: str, w: Mapping[str, Any]) -> str:
    """Where data goes as HTML: each place (outside the EEA with its safeguard), or the binding words."""
    places = ("country", "countries")
    if r.is_quoted(fact, *places):
        return quoted_html(r.quotes(fact, *places), w)
    if any(not inside_eea(code) for code in codes) and r.is_quoted(fact, field):
        said = quoted_html(r.quotes(fact, field), w)
    else:
        said = escape(w["safeguards"].get(safeguard if r.sees(f"{fact}.{field}") else None, w["unstated"]))
    out = []
    for code in codes:
        if inside_eea(code):
            out.append(escape(r.territory(code)))
        else:
            out.append(fill(escape(w["outside"]), country=escape(r.territory(code)), safeguard=said))
    return "; ".join(out)

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

from ..policy import facts
from ..policy.v2 import Policy
from .layers import Place, Reading, fill, inside_eea, words_of
from .markup import Markdown

Row = tuple[str, list[str], list[Place]]
"""A row of the table: its key (the question), its lines (HTML), and where the page says them."""


def glance(policy: Policy, words: Mapping[str, Any], locale: str) -> Markdown:
    """The at-a-glance table of a localized policy, as an HTML block (every value escaped here)."""
    w = words_of(words)
    reading = Reading(policy, locale)
    rows = [row for row in _rows(reading, w) if row[1]]
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

    # What for, on what basis.
    lines, refs = [], []
    for p in r.purposes():
        label = e(str(p.label))
        basis = p.legal_basis if r.sees(f"purposes.{p.id}.legal_basis") else None
        if basis and p.legitimate_interest and r.sees(f"purposes.{p.id}.legitimate_interest"):
            line = fill(e(w["basis_interest"]), purpose=label, basis=e(w["bases"][basis]),
                        interest=e(str(p.legitimate_interest)))  # fmt: skip
        elif basis:
            line = fill(e(w["basis"]), purpose=label, basis=e(w["bases"][basis]))
        else:
            line = label
        lines.append(line)
        refs.append(f"purposes.{p.id}")
    yield "purposes", lines, _places(r, refs)

    # How long.
    lines, refs = [], []
    audiences = {a.id: r.audience(a) for a in f.audiences}
    data = {c.id: r.category(c) for c in f.data}
    for rule in f.retention:
        if not r.sees(f"retention.{rule.id}"):
            continue
        period = r.duration(rule.duration, w)
        if rule.statute and r.sees(f"retention.{rule.id}.statute"):
            period = f"{period} ({rule.statute})"
        if rule.starts != "collection":
            period = fill(w["starts_from"], period=period, start=w["starts"].get(rule.starts, rule.starts))
        what = rule.label or ", ".join(data.get(d, d) for d in rule.data)
        what = what or ", ".join(audiences.get(a, a) for a in rule.audiences)
        lines.append(e(fill(w["retention"], what=str(what), period=period) if what else period))
        refs.append(f"retention.{rule.id}")
    yield "retention", lines, _places(r, refs)

    # Who receives it, and where.
    lines, refs = [], []
    if f.recipient_categories and r.sees("recipient_categories"):
        named = [w["recipients"].get(k, k) for k in f.recipient_categories]
        lines.append(e(", ".join(named)))
        refs.append("recipient_categories")
    if f.partners and r.sees("partners"):
        lines.append(e(str(f.partners)))
        refs.append("partners")
    for recipient in r.recipients():
        line = fill(w["recipient"], name=str(recipient.name), activity=str(recipient.activity))
        code = r.country(recipient)
        if code and inside_eea(code):
            line = fill(w["where"], recipient=line, place=r.territory(code))
        elif code:
            shown_safeguard = r.sees(f"recipients.{recipient.id}.safeguard")
            safeguard = w["safeguards"].get(recipient.safeguard if shown_safeguard else None, w["unstated"])
            place = fill(w["outside"], country=r.territory(code), safeguard=safeguard)
            line = fill(w["where"], recipient=line, place=place)
        lines.append(e(line))
        refs.append(f"recipients.{recipient.id}")
    yield "recipients", lines, _places(r, refs)

    # Your rights, and how to use them.
    lines, refs = [], []
    rights = f.rights
    if r.sees("rights.list") and rights.list:
        lines.append(e(", ".join(w["rights"].get(k, k) for k in rights.list)))
        refs.append("rights.list")
    if rights.email and r.sees("rights.email"):
        lines.append(fill(e(w["rights_email"]), email=_mail(str(rights.email))))
        refs.append("rights.email")
    if rights.url and r.sees("rights.url"):
        link = f'<a href="{e(str(rights.url))}">{e(str(rights.url))}</a>'
        lines.append(fill(e(w["rights_url"]), url=link))
        refs.append("rights.url")
    if rights.response_time and r.sees("rights.response_time"):
        lines.append(e(fill(w["response_time"], period=r.duration(rights.response_time, w))))
        refs.append("rights.response_time")
    if rights.identity_check and r.sees("rights.identity_check"):
        lines.append(e(fill(w["identity"], when=w["checks"].get(rights.identity_check, rights.identity_check))))
        refs.append("rights.identity_check")
    authorities = [a for a in f.authorities if r.sees(f"authorities.{a.id}.name")]
    if authorities:
        names = ", ".join(str(a.name) for a in authorities)
        lines.append(e(fill(w["complaint"], authority=names)))
        refs += [f"authorities.{a.id}.name" for a in authorities]
    yield "rights", lines, _places(r, refs)

    # Cookies and automated decisions, when the policy has them.
    lines, refs = [], []
    for cookie in f.cookies:
        if r.sees(f"cookies.{cookie.id}"):
            consent = w["consent"].get(cookie.consent, cookie.consent)
            lines.append(e(fill(w["cookie"], name=str(cookie.name), purpose=str(cookie.purpose), consent=consent)))
            refs.append(f"cookies.{cookie.id}")
    yield "cookies", lines, _places(r, refs)
    decisions = f.automated_decisions
    if isinstance(decisions, facts.AutomatedDecisions) and r.sees("automated_decisions"):
        yield "automated", [e(str(decisions.logic))], _places(r, ["automated_decisions"])

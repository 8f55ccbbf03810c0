"""Where your data goes: a picture (SVG) made from the facts, and the same in words.

Three columns, left to right: the data (grouped by whom it is about); what
it is used for and who receives it; where the recipients are, inside the
European Economic Area's dashed boundary or outside it (with the transfer's
safeguard). Lines are the facts' own ties — a purpose's ``data``, a
recipient's ``data`` and ``country`` — and nothing is inferred: the facts tie
recipients to data, not to purposes, so the picture branches from the data.

Against a previous version (the changes page), what was added is drawn
bold on a tinted box and what was removed dashed, each also *said* in the
box ("added", "removed"), never by colour alone.

The SVG is written by this module: a column layout with text wrapped to its
box by an estimate of the glyphs' width (generous, so text never overlaps),
colours from ``currentColor`` and Material's CSS variables (readable in the
light and the dark scheme), no script, no font, no request, and the same
bytes for the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any, Literal

from ..policy.model import Policy
from .layers import Reading, fill, inside_eea, quoted_text, reading, words_of
from .markup import Markdown

Status = Literal["same", "added", "removed"]

# Geometry, in the SVG's own units (the picture scales to the page's width).
COLUMN = 210
GAP = 48
MARGIN = 8
WIDTH = 2 * MARGIN + 3 * COLUMN + 2 * GAP
FONT = 13
LINE = 17
PAD = 8
HEAD = 15
SPACING = 10
CHAR = 0.6
"""An upper estimate of a glyph's width, in ems, for the usual sans-serif fonts (bold included)."""
UNKNOWN = "place.unknown"


@dataclass
class Node:
    """A box of the picture: its lines of text (the first is its name), and how it changed."""

    id: str
    column: int
    group: str
    lines: list[str]
    status: Status = "same"
    x: float = 0
    y: float = 0
    height: float = 0


@dataclass
class Graph:
    """The boxes, by group in reading order, and the lines between them."""

    groups: dict[str, list[Node]] = field(default_factory=dict)
    edges: dict[tuple[str, str], Status] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def add(self, node: Node) -> None:
        self.groups.setdefault(node.group, []).append(node)

    @property
    def nodes(self) -> dict[str, Node]:
        return {n.id: n for group in self.groups.values() for n in group}


def graph(reading: Reading, w: Mapping[str, Any]) -> Graph:
    """The picture's content, from the facts the reader is shown."""
    g = Graph()
    for audience, categories in reading.audiences():
        group = f"data.{audience}"
        g.titles[group] = audience
        for c in categories:
            g.add(Node(f"data.{c.id}", 0, group, [reading.category(c)]))
    shown_data = set(g.nodes)
    g.titles["purposes"] = w["purposes"]
    for p in reading.purposes():
        g.add(Node(f"purposes.{p.id}", 1, "purposes", [str(p.label)]))
        if reading.sees(f"purposes.{p.id}.data"):
            for d in p.data:
                if f"data.{d}" in shown_data:
                    g.edges[(f"data.{d}", f"purposes.{p.id}")] = "same"
    g.titles["recipients"] = w["recipients"]
    g.titles["eea"] = reading.territory("EEA")
    g.titles["outside"] = w["outside"]
    places: dict[str, Node] = {}

    def send(source: str, fact: str, codes: list[str], safeguard: str | None, field: str, lines: list[str]) -> None:
        """Tie a box to each place it sends data to; the safeguard of a place outside the EEA in its lines."""
        if reading.is_quoted(fact, "country", "countries"):
            # Where it is, in the binding words only: a place of its own, quoted.
            said = quoted_text(reading.quotes(fact, "country", "countries"), w)
            targets = [(f"place.quoted.{fact}", "unknown", said)]
        else:
            targets = [
                (f"place.{code}", "eea" if inside_eea(code) else "outside", reading.territory(code)) for code in codes
            ] or [(UNKNOWN, "unknown", w["unstated_place"])]
            if any(not inside_eea(code) for code in codes):
                if reading.is_quoted(fact, field):
                    lines.append(quoted_text(reading.quotes(fact, field), w))
                else:
                    shown = safeguard if reading.sees(f"{fact}.{field}") else None
                    lines.append(w["safeguards"].get(shown, w["unstated"]))
        for place, group, name in targets:
            if place not in places:
                places[place] = Node(place, 2, group, [name])
            g.edges[(source, place)] = "same"

    def receive(target: str, fact: str, data: tuple[str, ...], lines: list[str]) -> None:
        """Tie the data a box receives to it; data the reader is not shown as received, "data not specified"."""
        if reading.is_quoted(fact, "data"):
            lines.append(quoted_text(reading.quotes(fact, "data"), w))
            return
        tied = [f"data.{d}" for d in data if f"data.{d}" in shown_data] if reading.sees(f"{fact}.data") else []
        if not tied:
            lines.append(w["no_data"])
        for source in tied:
            g.edges[(source, target)] = "same"

    for r in reading.recipients():
        rid = f"recipients.{r.id}"
        lines = [str(r.name), str(r.activity)]
        node = Node(rid, 1, "recipients", lines)
        g.add(node)
        receive(rid, rid, r.data, lines)
        send(rid, rid, reading.places(r), r.safeguard, "safeguard", lines)
    for t in reading.transfers():
        tid = f"transfers.{t.id}"
        lines = [fill(w["transfer"], controller=reading.controller())]
        g.add(Node(tid, 1, "recipients", lines))
        receive(tid, tid, t.data, lines)
        codes = list(t.countries) if reading.sees(f"{tid}.countries") else []
        send(tid, tid, codes, t.mechanism, "mechanism", lines)
    facts = reading.facts
    if facts.recipient_categories and reading.sees("recipient_categories"):
        # Categories of recipients, as categories: no place and no data of their own in the facts.
        quoted = reading.is_quoted("recipient_categories")
        for key in facts.recipient_categories:
            word = str(w["categories"].get(key, key))
            if quoted:
                lines = [word, quoted_text(reading.quotes("recipient_categories"), w)]
            elif key == "partners" and facts.partners and reading.sees("partners"):
                lines = [word, str(facts.partners)]
            elif key == "partners":
                lines = [fill(w["unnamed"], category=word)]
            else:
                lines = [word]
            cid = f"categories.{key}"
            g.add(Node(cid, 1, "recipients", [*lines, w["no_data"]]))
            if key != "staff":  # the controller's own staff works where the controller is
                send(cid, cid, [], None, "safeguard", [])
    for group in ("eea", "outside", "unknown"):
        for node in places.values():
            if node.group == group:
                g.add(node)
    return g


def changed(old: Graph, new: Graph) -> Graph:
    """``new`` with what ``old`` lacked marked added, and what only ``old`` had put back, marked removed."""
    before = old.nodes
    for node in new.nodes.values():
        if node.id not in before:
            node.status = "added"
    for edge in new.edges:
        if edge not in old.edges:
            new.edges[edge] = "added"
    now = new.nodes
    for node in before.values():
        if node.id not in now:
            node.status = "removed"
            new.titles.setdefault(node.group, old.titles.get(node.group, ""))
            new.add(node)
    for edge in old.edges:
        if edge not in new.edges:
            new.edges[edge] = "removed"
    return new


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Lines of ``text`` that fit ``width`` (in SVG units) at font ``size``, broken between words."""
    limit = max(4, int(width / (size * CHAR)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:  # a word longer than the box is cut, never left to overflow
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: limit - 1] + "‑")
            word = word[limit - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= limit:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _layout(g: Graph, w: Mapping[str, Any]) -> tuple[list[str], float]:
    """The SVG elements of every box, title and region, and the picture's height."""
    inner = COLUMN - 2 * PAD
    parts: list[str] = []
    bottoms = [0.0, 0.0, 0.0]
    parts.append(_text(_x(0), HEAD, w["data_column"], "policydocs-flow-heading", bold=True, size=HEAD))

    def title(column: int, text: str, y: float, *, heading: bool = False, indent: float = 0) -> float:
        for line in wrap(text, COLUMN - indent, HEAD if heading else FONT):
            y += LINE if not heading else LINE + 2
            size = HEAD if heading else FONT
            parts.append(_text(_x(column) + indent, y, line, "policydocs-flow-group", bold=heading, size=size))
        return y + 6

    def place(node: Node, y: float) -> float:
        # The name is bold; each of the node's lines is wrapped on its own.
        text: list[tuple[str, bool]] = []
        for index, raw in enumerate(node.lines):
            text += [(line, index == 0) for line in wrap(raw, inner)]
        if node.status != "same":
            text.append((f"({w[node.status]})", False))
        node.x, node.y = _x(node.column), y
        node.height = len(text) * LINE + 2 * PAD
        parts.append(_box(node, text))
        return y + node.height + SPACING

    # Column 0: the data, by audience.
    y: float = HEAD
    for group, nodes in g.groups.items():
        if not group.startswith("data."):
            continue
        if g.titles.get(group):
            y = title(0, g.titles[group], y)
        else:
            y += 6
        for node in nodes:
            y = place(node, y)
    bottoms[0] = y
    # Column 1: what for, then who receives it.
    y = HEAD - LINE - 2
    recipients_top = y
    for group in ("purposes", "recipients"):
        nodes = g.groups.get(group, [])
        if not nodes:
            continue
        if group == "recipients":
            recipients_top = y + 10
            y += 10
        y = title(1, g.titles[group], y, heading=True)
        for node in nodes:
            y = place(node, y)
    bottoms[1] = y
    # Column 2: where, level with the recipients.
    y = title(2, w["where"], recipients_top, heading=True)
    eea = g.groups.get("eea", [])
    # No box for the EEA when the policy places nothing there: an empty box would say the data stays in it.
    if eea:
        top = y + 6
        y = title(2, g.titles["eea"], top + 2, indent=PAD)
        for node in eea:
            node.column = 2
            y = place(node, y)
        parts.append(
            f'<rect class="policydocs-flow-eea" x="{_x(2) - 6}" y="{top}" width="{COLUMN + 12}" height="{y - top}" '
            f'rx="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="8 5"/>'
        )
        y += SPACING + 6
    if g.groups.get("outside"):
        y = title(2, g.titles["outside"], y)
        for node in g.groups["outside"]:
            y = place(node, y)
    for node in g.groups.get("unknown", []):
        y = place(node, y + 6)
    bottoms[2] = y
    return parts, max(bottoms) + 4


def _x(column: int) -> float:
    return MARGIN + column * (COLUMN + GAP)


def _text(
    x: float, y: float, text: str, cls: str, *, bold: bool = False, italic: bool = False, size: float = FONT
) -> str:
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    font = f' font-size="{size}"' if size != FONT else ""
    return f'<text class="{cls}" x="{x:g}" y="{y:g}" fill="currentColor"{style}{font}>{escape(text)}</text>'


_NL = "\n"


def _box(node: Node, text: list[tuple[str, bool]]) -> str:
    dash = ' stroke-dasharray="6 4"' if node.status == "removed" else ""
    width = 3 if node.status == "added" else 1.5
    rect = (
        f'<rect x="{node.x:g}" y="{node.y:g}" width="{COLUMN}" height="{node.height:g}" rx="6" '
        f'fill="none" stroke="currentColor" stroke-width="{width}"{dash}/>'
    )
    lines = [
        _text(node.x + PAD, node.y + PAD + (i + 1) * LINE - 4, line, "policydocs-flow-text", bold=bold,
              italic=node.status != "same" and i == len(text) - 1)
        for i, (line, bold) in enumerate(text)
    ]  # fmt: skip
    # A line break between the lines (never drawn): the page's text, its search index and a PDF read them as words
    # apart ("Date et heure de connexion", not "deconnexion").
    return f'<g class="policydocs-flow-node policydocs-flow-{node.status}">{rect}{_NL}{_NL.join(lines)}</g>'


def _edges(g: Graph) -> list[str]:
    nodes = g.nodes
    out = []
    for (source, target), status in g.edges.items():
        a, b = nodes.get(source), nodes.get(target)
        if a is None or b is None:
            continue
        x1, y1 = a.x + COLUMN, a.y + a.height / 2
        x2, y2 = b.x - 1, b.y + b.height / 2
        middle = (x1 + x2) / 2
        dash = ' stroke-dasharray="6 4"' if status == "removed" else ""
        width = 3 if status == "added" else 1.25
        out.append(
            f'<path class="policydocs-flow-edge policydocs-flow-{status}" '
            f'd="M{x1:g} {y1:g}C{middle:g} {y1:g} {middle:g} {y2:g} {x2:g} {y2:g}" fill="none" '
            f'stroke="currentColor" stroke-width="{width}"{dash} marker-end="url(#policydocs-flow-arrow)"/>'
        )
    return out


def svg(g: Graph, w: Mapping[str, Any]) -> str:
    """The picture as an inline SVG element, labelled by the figure's caption."""
    boxes, height = _layout(g, w)
    marker = (
        '<defs><marker id="policydocs-flow-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        '<path d="M0 0L10 5L0 10z" fill="currentColor"/></marker></defs>'
    )
    return (
        f'<svg class="policydocs-flow-picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{height:g}" width="{WIDTH}" height="{height:g}" role="img" aria-labelledby="policydocs-flow-caption" '
        f'font-size="{FONT}" font-family="sans-serif">{marker}{"".join(_edges(g))}{_NL.join(boxes)}</svg>'
    )


def words(g: Graph, w: Mapping[str, Any]) -> str:
    """The picture in words: the same boxes and lines, as lists (the figure's text alternative)."""
    nodes = g.nodes
    e = escape

    def name(node: Node, tie: Status = "same") -> str:
        # A box that stays but whose tie was added or removed is marked by the tie: "Stripe (removed)" under a
        # place it no longer goes to, never listed there as if it still did.
        status = node.status if node.status != "same" else tie
        mark = f" ({w[status]})" if status != "same" else ""
        return e(" — ".join(node.lines) + mark)

    incoming: dict[str, list[tuple[Node, Status]]] = {}
    for (source, target), tie in g.edges.items():  # once: asking each box for its lines would grow with the square
        if source in nodes:
            incoming.setdefault(target, []).append((nodes[source], tie))

    def linked(target: str) -> list[tuple[Node, Status]]:
        return incoming.get(target, [])

    def items(rows: Iterable[str]) -> str:
        return "<ul>" + "".join(f"<li>{row}</li>" for row in rows) + "</ul>"

    parts = [f"<p><strong>{e(w['data_column'])}</strong></p>"]
    data_rows = []
    for group, members in g.groups.items():
        if group.startswith("data."):
            names = ", ".join(name(n) for n in members)
            title = g.titles.get(group, "")
            data_rows.append(fill(e(w["group"]), audience=e(title), data=names) if title else names)
    parts.append(items(data_rows))
    for group in ("purposes", "recipients"):
        members = g.groups.get(group, [])
        if not members:
            continue
        rows = []
        for node in members:
            sources = linked(node.id)
            if sources:
                rows.append(fill(e(w["with_data"]), name=name(node), data=", ".join(name(s, t) for s, t in sources)))
            else:
                rows.append(name(node))
        parts += [f"<p><strong>{e(g.titles[group])}</strong></p>", items(rows)]
    where = []
    for group in ("eea", "outside", "unknown"):
        for node in g.groups.get(group, []):
            region = g.titles.get(group) if group != "unknown" else ""
            place = name(node) if not region else fill(e(w["in_region"]), place=name(node), region=e(region))
            where.append(fill(e(w["place"]), place=place, names=", ".join(name(s, t) for s, t in linked(node.id))))
    parts += [f"<p><strong>{e(w['where'])}</strong></p>", items(where)]
    return "".join(parts)


def picture(reading: Reading, w: Mapping[str, Any], previous: Reading | None = None) -> Graph:
    """The graph of a version, marked against the version before when there is one."""
    g = graph(reading, w)
    return changed(graph(previous, w), g) if previous is not None else g


def flow(policy: Policy, words_in: Mapping[str, Any], locale: str, previous: Policy | None = None) -> Markdown:
    """The figure: the picture, its caption, and the same in words; against ``previous`` on a changes page."""
    w = words_of(words_in)
    g = picture(reading(policy, locale), w, reading(previous, locale) if previous is not None else None)
    caption = escape(w["caption"])
    return Markdown(
        '<figure class="policydocs-layer policydocs-flow">'
        # On a narrow screen the picture keeps a readable size and scrolls; the keyboard can scroll it too.
        f'<div class="policydocs-flow-scroll" tabindex="0">{svg(g, w)}</div>'
        f'<figcaption><p id="policydocs-flow-caption">{caption}</p>'
        f'<details class="policydocs-flow-words"><summary>{escape(w["in_words"])}</summary>{words(g, w)}</details>'
        "</figcaption></figure>"
    )

"""``policydocs import FILE``: an existing policy (Markdown, HTML or .docx) as a format-2 ``data/policy.yml``.

The source's outline is kept as it is: every heading (a section, of its
depth), paragraph, list (numbered from its own first number, nested lists
as items' items, an item's paragraphs), table, quotation (a note), rule and
address, in order and word for word, with its strong and emphasised words,
line breaks and links. Ids are made from the headings (``how-long-we-keep-it``)
and, for blocks, from their kind and rank (``p1``, ``list1``). A link to an
anchor of the source points to the section made from that heading.

Facts are never stated silently: the importer writes the two every policy
needs (the controller, the rights), tied with ``states:`` to the block that
says them, each marked ``# suggested``; what else it finds (periods,
places, providers, legal bases, other addresses) is listed in comments at
the end, with the block that says it, for the editor to accept.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import markdown
import yaml
from babel import Locale
from babel.dates import get_month_names

from .errors import DataError, Problem
from .policy import phrasebook
from .policy.textscan import EMAIL

# ---------------------------------------------------------------------------------------------------------------
# A small HTML tree


def _words(text: str) -> list[str]:
    return text.split()


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


_VOID = frozenset(_words("area base br col embed hr img input link meta source track wbr"))
_SKIPPED = frozenset(_words("script style template noscript head svg button form iframe object"))
# An element that closes an open <p> or <li> (HTML's implied end tags, enough for policies).
_CLOSES_P = frozenset(
    _words("address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre")
    + _words("section table ul")
)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html" and attributes.get("lang"):
            self.lang = attributes["lang"]
        if tag in _CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            self._close_to(("ul", "ol"), "li")
        if tag in ("td", "th"):
            self._close_to(("tr",), "td", "th")
        if tag == "tr":
            self._close_to(("table", "thead", "tbody", "tfoot"), "tr")
        node = Node(tag, attributes)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def _close_to(self, containers: tuple[str, ...], *tags: str) -> None:
        """An open ``tags`` element inside the nearest container closes before a sibling starts."""
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag in containers:
                return
            if self.stack[index].tag in tags:
                del self.stack[index:]
                return

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> tuple[Node, str]:
    """The page's tree and its ``<html lang>``."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root, builder.lang


# ---------------------------------------------------------------------------------------------------------------
# The source's outline


@dataclass
class Heading:
    level: int
    text: str
    anchor: str


Block = dict[str, Any]
"""A block as the data file writes it (without its id): ``{"paragraph": …}``, ``{"list": …}``…"""


_INLINE_SKIP = frozenset(("img", "script", "style", "svg", "button"))
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def inline(node: Node) -> str:
    """An element's content as inline text of the format: its marks, links and line breaks."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(_SPACES.sub(" ", child))
        elif child.tag == "br":
            out.append("\n")
        elif child.tag in _INLINE_SKIP:
            continue
        elif child.tag in ("strong", "b"):
            out.append(_marked(inline(child), "**"))
        elif child.tag in ("em", "i", "cite", "dfn"):
            out.append(_marked(inline(child), "*"))
        elif child.tag == "a" and child.attrs.get("href"):
            label = inline(child).strip()
            out.append(f"[{label}]({_target(child.attrs['href'])})" if label else "")
        else:
            out.append(inline(child))
    return "".join(out)


def _target(href: str) -> str:
    """A link's address as the format writes it: parentheses and spaces percent-encoded (``(fr).pdf`` would end
    the link early), the rest as the source has it."""
    return quote(href.strip(), safe=":/?#[]@!$&'*+,;=%-._~")


def _marked(text: str, mark: str) -> str:
    """``text`` between ``mark``s, its outer spaces moved outside them (``** bold **`` is not bold)."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if core.startswith("*") or core.endswith("*"):  # already marked inside: **a** in <em>
        return text
    return f"{lead}{mark}{core}{mark}{trail}"


def _clean(text: str) -> str:
    """Inline text with its lines trimmed, no break at either end."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


_BLOCK_TAGS = frozenset(
    _words("p ul ol table blockquote hr address pre dl h1 h2 h3 h4 h5 h6 div section article main header footer")
    + _words("aside nav figure figcaption details summary")
)


def outline(root: Node) -> Iterator[Heading | Block]:
    """Headings and blocks, in reading order: the page's main content when it marks one (``main``, ``article``)."""
    main = _find(root, "main") or _find(root, "article") or _find(root, "body") or root
    yield from _flow(main)


def _find(node: Node, tag: str) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found is not None:
                return found
    return None


def _flow(node: Node) -> Iterator[Heading | Block]:
    loose: list[Node | str] = []  # inline content directly in a container: a paragraph of its own

    def flush() -> Iterator[Block]:
        text = _clean(inline(Node("p", children=list(loose))))
        loose.clear()
        if text:
            yield {"paragraph": text}

    for child in node.children:
        if isinstance(child, str) or child.tag not in _BLOCK_TAGS:
            if isinstance(child, Node) and child.tag in _SKIPPED:
                continue
            loose.append(child)
            continue
        yield from flush()
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _clean(inline(child)).replace("\n", " ")
            if text:
                yield Heading(int(tag[1]), text, child.attrs.get("id", ""))
        elif tag in ("p", "figcaption", "summary"):
            text = _clean(inline(child))
            if text:
                yield {"paragraph": text}
        elif tag in ("ul", "ol"):
            items = _items(child)
            if items:
                block: Block = {"list": items}
                if tag == "ol":
                    block["ordered"] = True
                    start = child.attrs.get("start", "1")
                    if start.isdigit() and int(start) > 1:
                        block["start"] = int(start)
                yield block
        elif tag == "table":
            table = _table(child)
            if table is not None:
                yield {"table": table}
        elif tag == "blockquote":
            parts = [b["paragraph"] for b in _flow(child) if isinstance(b, dict) and "paragraph" in b]
            if parts:
                yield {"note": "\n\n".join(parts)}
        elif tag == "hr":
            yield {"rule": True}
        elif tag == "address":
            text = _clean(inline(child))
            if text:
                yield {"address": text}
        elif tag == "pre":
            text = "\n".join(line.rstrip() for line in _text(child).strip("\n").split("\n"))
            if text.strip():
                yield {"paragraph": text}
        elif tag == "dl":
            for term in child.children:
                if isinstance(term, Node) and term.tag in ("dt", "dd"):
                    text = _clean(inline(term))
                    if text:
                        yield {"paragraph": _marked(text, "**") if term.tag == "dt" else text}
        else:  # div, section, article… : their content, in place
            yield from _flow(child)
    yield from flush()


def _text(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in node.children)


def _items(node: Node) -> list[dict[str, Any]]:
    items = []
    for child in node.children:
        if not isinstance(child, Node) or child.tag != "li":
            continue
        parts: list[str] = []
        loose: list[Node | str] = []
        nested: list[dict[str, Any]] = []
        nested_ordered: bool | None = None
        for part in child.children:
            if isinstance(part, Node) and part.tag in ("ul", "ol"):
                nested.extend(_items(part))
                if nested_ordered is None:
                    nested_ordered = part.tag == "ol"
            elif isinstance(part, Node) and part.tag in _BLOCK_TAGS:
                if loose:
                    parts.append(_clean(inline(Node("p", children=loose))))
                    loose = []
                parts.extend(
                    b.get("paragraph") or b.get("note") or "" for b in _flow(Node("div", children=[part]))
                    if isinstance(b, dict)
                )  # fmt: skip
            else:
                loose.append(part)
        if loose:
            parts.append(_clean(inline(Node("p", children=loose))))
        text = "\n\n".join(p for p in parts if p)
        if not text and not nested:
            continue
        item: dict[str, Any] = {"text": text or "…"}
        if nested:
            item["items"] = nested
            if nested_ordered != (node.tag == "ol"):
                item["ordered"] = nested_ordered
        items.append(item)
    return items


def _table(node: Node) -> dict[str, Any] | None:
    rows: list[tuple[bool, list[str]]] = []

    def walk(n: Node) -> None:
        for child in n.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "tr":
                cells = [c for c in child.children if isinstance(c, Node) and c.tag in ("td", "th")]
                header = n.tag == "thead" or all(c.tag == "th" for c in cells)
                rows.append((header, [_clean(inline(c)) for c in cells]))
            elif child.tag in ("thead", "tbody", "tfoot"):
                walk(child)

    walk(node)
    if not rows:
        return None
    width = max(len(cells) for _, cells in rows)
    # The first row is the header row: marked so (th, thead) in HTML, and a word processor's table's first row.
    header, body = rows[0][1], rows[1:]
    titles = [(header[i] if i < len(header) else "") or f"({i + 1})" for i in range(width)]
    ids = _unique([_slug(t, f"column-{i + 1}") for i, t in enumerate(titles)])
    columns = [{"id": ids[i], "title": titles[i]} for i in range(width)]
    out_rows = []
    for number, (_, cells) in enumerate(body, 1):
        full = cells + [""] * (width - len(cells))
        out_rows.append({"id": f"r{number}", "cells": {ids[i]: full[i] or "–" for i in range(width)}})
    return {"columns": columns, "rows": out_rows}


# ---------------------------------------------------------------------------------------------------------------
# Ids


def _slug(text: str, fallback: str) -> str:
    plain = unicodedata.normalize("NFKD", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 40 and slug:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or fallback


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for id_ in ids:
        count = seen.get(id_, 0) + 1
        seen[id_] = count
        out.append(id_ if count == 1 else f"{id_}-{count}")
    return out


# ---------------------------------------------------------------------------------------------------------------
# The document


@dataclass
class Section:
    id: str
    title: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Imported:
    title: str
    title_found: bool
    locale: str
    preamble: list[Block]
    sections: list[Section]
    effective_date: datetime.date
    date_said: str
    """The words of the source that give its date ("Last updated: 12 May 2026"), or "" when it gives none."""
    anchors: dict[str, str]
    """The source's heading anchors → the ids of the sections made from them."""
    month_only: bool = False
    """Whether the source's date is a month alone (its first day is the effective date)."""


RESERVED = ("facts",)


def document(items: list[Heading | Block], locale: str, today: datetime.date) -> Imported:
    """Sections of the right depth from the headings, blocks in them, the title and date found."""
    headings = [i for i in items if isinstance(i, Heading)]
    title, title_found = "", False
    if headings and sum(1 for h in headings if h.level == 1) == 1 and headings[0].level == 1:
        title, title_found = headings[0].text, True
        items = [i for i in items if i is not headings[0]]
        headings = headings[1:]
    levels = sorted({h.level for h in headings})
    depth = {level: min(2 + rank, 4) for rank, level in enumerate(levels)}
    used: set[str] = set(RESERVED)
    anchors: dict[str, str] = {}
    preamble: list[Block] = []
    top: list[Section] = []
    stack: list[Section] = []
    for item in items:
        if isinstance(item, Heading):
            level = depth[item.level]
            base = _slug(item.text, "section")
            section_id, count = base, 1
            while section_id in used:
                count += 1
                section_id = f"{base}-{count}"
            used.add(section_id)
            if item.anchor:
                anchors[item.anchor] = section_id
            section = Section(section_id, item.text, level)
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack and level == stack[-1].level + 1:
                stack[-1].sections.append(section)
            elif stack:  # a heading two levels deeper than its parent: one level under it
                section.level = stack[-1].level + 1
                stack[-1].sections.append(section)
            else:
                section.level = 2
                top.append(section)
            stack.append(section)
        else:
            (stack[-1].blocks if stack else preamble).append(item)
    if not title:
        title = _default_title(locale)
    date, said, month_only = _date_of(items, locale, today)
    return Imported(title, title_found, locale, preamble, top, date, said, anchors, month_only)


def _default_title(locale: str) -> str:
    titles = {"fr": "Politique de confidentialité", "de": "Datenschutzerklärung", "es": "Política de privacidad",
              "it": "Informativa sulla privacy", "nl": "Privacyverklaring", "pl": "Polityka prywatności",
              "pt": "Política de privacidade"}  # fmt: skip
    return titles.get(locale.split("_")[0], "Privacy policy")


_DATE_WORDS = (
    r"(?:last\s+(?:updated|modified|revised|changed)|effective(?:\s+date|\s+as\s+of|\s+from)?|updated|"
    r"derni[èe]re\s+mise\s+[àa]\s+jour|mise\s+[àa]\s+jour|en\s+vigueur|stand|zuletzt\s+aktualisiert|"
    r"g[üu]ltig\s+ab|[úu]ltima\s+actualizaci[óo]n|ultimo\s+aggiornamento|laatst\s+bijgewerkt|"
    r"ostatnia\s+aktualizacja|[úu]ltima\s+atualiza[çc][ãa]o|version\s+(?:du|of))"
)


def _date_of(items: list[Heading | Block], locale: str, today: datetime.date) -> tuple[datetime.date, str, bool]:
    """The source's own date where a sentence says it (``Last updated: 12 May 2026``), the sentence, and whether
    it gives the month alone (``Last updated: May 2026``: its first day); else today."""
    texts = [i.text if isinstance(i, Heading) else str(i.get("paragraph", "")) for i in items]
    months = _months(locale)
    for text in texts:
        plain = re.sub(r"[*\[\]]|\([^)]*\)", "", text)
        for match in re.finditer(_DATE_WORDS, plain, re.IGNORECASE):
            rest = plain[match.end() : match.end() + 60]
            found = _parse_date(rest, months)
            if found is not None:
                return found, plain.strip(), False
            month = _parse_month(rest, months)
            if month is not None:
                return month, plain.strip(), True
    return today, "", False


def _months(locale: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for language in dict.fromkeys((locale.split("_")[0], "en")):
        try:
            known = Locale.parse(language)
        except (ValueError, LookupError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, known).items():
                    names[name.lower().rstrip(".")] = number
    return names


def _parse_date(text: str, months: dict[str, int]) -> datetime.date | None:
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    candidates: list[tuple[int, int, int]] = []
    if iso:
        candidates.append((int(iso[1]), int(iso[2]), int(iso[3])))
    numeric = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", text)
    if numeric:
        candidates.append((int(numeric[3]), int(numeric[2]), int(numeric[1])))  # day first, as in Europe
    words = re.search(r"\b(\d{1,2})(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})", text)
    if words and words[2].lower() in months:
        candidates.append((int(words[3]), months[words[2].lower()], int(words[1])))
    english = re.search(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if english and english[1].lower() in months:
        candidates.append((int(english[3]), months[english[1].lower()], int(english[2])))
    for year, month, day in sorted(candidates, key=lambda c: text.find(str(c[0]))):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return None


def _parse_month(text: str, months: dict[str, int]) -> datetime.date | None:
    """A month and year alone ("May 2026", « mai 2026 », "mayo de 2026"): its first day."""
    found = re.search(r"\b([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})\b", text)
    if found and found[1].lower() in months:
        return datetime.date(int(found[2]), months[found[1].lower()], 1)
    return None


# ---------------------------------------------------------------------------------------------------------------
# Suggested facts


@dataclass
class Suggestion:
    kind: str
    value: str
    where: str
    """The id path of the block that says it."""


def _texts(imported: Imported) -> Iterator[tuple[str, str]]:
    """``(id path, text)`` of every block's text (an item's and a row's on their own)."""

    def of_blocks(blocks: list[Block], prefix: str) -> Iterator[tuple[str, str]]:
        for block in blocks:
            path = f"{prefix}.{block['id']}" if prefix else block["id"]
            for key in ("paragraph", "note", "address"):
                if key in block:
                    yield path, str(block[key])
            if "list" in block:
                yield from of_items(block["list"], path)
            if "table" in block:
                for row in block["table"]["rows"]:
                    yield f"{path}.{row['id']}", " ; ".join(row["cells"].values())

    def of_items(items: list[dict[str, Any]], prefix: str) -> Iterator[tuple[str, str]]:
        for item in items:
            yield f"{prefix}.{item['id']}", item["text"]
            yield from of_items(item.get("items", []), f"{prefix}.{item['id']}")

    yield from of_blocks(imported.preamble, "")

    def of_sections(sections: list[Section]) -> Iterator[tuple[str, str]]:
        for section in sections:
            yield from of_blocks(section.blocks, section.id)
            yield from of_sections(section.sections)

    yield from of_sections(imported.sections)


def _iso(unit: str, amount: int) -> str:
    """A period as the data file writes it (``P3Y``, ``PT24H``)."""
    letter = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "hours": "H", "minutes": "M", "seconds": "S"}
    time = "T" if unit in ("hours", "minutes", "seconds") else ""
    return f"P{time}{amount}{letter.get(unit, '?')}"


def suggestions(imported: Imported) -> list[Suggestion]:
    """What the text says that a fact could hold: addresses, periods, places, providers, bases, rights."""
    book = phrasebook.load(imported.locale)
    providers = set(book.phrases("cues", "non-eea-provider")) | set(book.phrases("cues", "tracking-tool"))
    found: list[Suggestion] = []
    seen: set[tuple[str, ...]] = set()

    def add(kind: str, value: str, where: str) -> None:
        key = (kind, value, where) if kind == "right" else (kind, value)  # the rights, each block's own
        if key not in seen:
            seen.add(key)
            found.append(Suggestion(kind, value, where))

    territories = [code for code in Locale.parse("en").territories if code.isalpha() and len(code) == 2]
    for where, text in _texts(imported):
        plain = re.sub(r"\]\([^)]*\)", "]", text).replace("*", "")
        wording = phrasebook.Wording(plain)
        for email in re.findall(EMAIL, text):
            add("email", email, where)
        for unit, amount, start, end in book.durations(wording):
            add("period", f'"{plain[start:end]}": {_iso(unit, amount)}', where)
        for value in book.says(wording, "legal_bases"):
            add("legal basis", value, where)
        for value in book.says(wording, "rights"):
            add("right", value, where)
        for provider in sorted(providers):
            if wording.has(provider):
                add("recipient", provider, where)
        for code in territories:
            names = [n for n in book.place_names(code) if len(n) > 3]
            if any(wording.has(n) for n in names):
                add("country", code, where)
    return found


# ---------------------------------------------------------------------------------------------------------------
# The data file


def _scalar(text: str) -> str:
    """A text as YAML: plain when it reads back the same, else double-quoted."""
    if (
        text
        and "\n" not in text
        and not re.search(r":\s|:$|\s#|^[\s\-?:,\[\]{}#&*!|>'\"%@`]|\s$", text)
        and not re.fullmatch(r"[-+.\d:eE_]+|true|false|null|yes|no|on|off|~", text, re.IGNORECASE)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _number_blocks(blocks: list[Block]) -> None:
    counts: dict[str, int] = {}
    for block in blocks:
        kind = next(k for k in ("paragraph", "list", "table", "note", "rule", "address") if k in block)
        short = {"paragraph": "p"}.get(kind, kind)
        counts[short] = counts.get(short, 0) + 1
        block["id"] = f"{short}{counts[short]}"
        if "list" in block:
            _number_items(block["list"])


def _number_items(items: list[dict[str, Any]]) -> None:
    for number, item in enumerate(items, 1):
        item["id"] = f"i{number}"
        _number_items(item.get("items", []))


def _relink(text: str, anchors: dict[str, str]) -> str:
    """Links to an anchor of the source point to the section made from its heading; others to the same place."""

    def one(match: re.Match[str]) -> str:
        label, target = match[1], match[2]
        if target.startswith("#"):
            known = anchors.get(target[1:])
            return f"[{label}](#{known})" if known else label
        return match[0]

    return re.sub(r"\[([^\[\]]+)\]\(([^()\s]+)\)", one, text)


def write(imported: Imported, controller: str | None, today: datetime.date) -> str:
    """The data file's text."""
    all_blocks: list[list[Block]] = [imported.preamble]

    def gather(sections: list[Section]) -> None:
        for section in sections:
            all_blocks.append(section.blocks)
            gather(section.sections)

    gather(imported.sections)
    for blocks in all_blocks:
        _number_blocks(blocks)
        for block in blocks:
            for key in ("paragraph", "note"):
                if key in block:
                    block[key] = _relink(block[key], imported.anchors)
            for item in _walk_items(block.get("list", [])):
                item["text"] = _relink(item["text"], imported.anchors)
    found = suggestions(imported)
    emails = [s for s in found if s.kind == "email"]
    rights = [s for s in found if s.kind == "right"]
    states: dict[str, list[str]] = {}
    org_id = _slug(controller or "organisation", "organisation")
    # The controller's name and address, tied where the text gives them (the whole fact where one block has both).
    named = next(
        (where for where, text in _texts(imported) if controller and phrasebook.Wording(text).has(controller)), None
    )
    if emails and named == emails[0].where:
        states.setdefault(named, []).append(f"controllers.{org_id}")
    else:
        if named:
            states.setdefault(named, []).append(f"controllers.{org_id}.name")
        if emails:
            states.setdefault(emails[0].where, []).append(f"controllers.{org_id}.email")
    # The rights are stated where the text names the most of them ("deleted" in a retention sentence is no right).
    counts: dict[str, int] = {}
    for s in rights:
        counts[s.where] = counts.get(s.where, 0) + 1
    rights_at = max(counts, key=lambda where: counts[where]) if counts else ""
    if rights_at:
        said = [s.value for s in rights if s.where == rights_at]
        states.setdefault(rights_at, []).append("rights")
    else:
        said = []
    lines = [
        f"# Imported by `policydocs import` on {today.isoformat()}: the source's text, word for word, in its outline.",
        '# Check the facts marked "suggested", tie what the text says with states:, then run `policydocs check`.',
        "format: 2",
    ]
    if imported.date_said and imported.month_only:
        lines.append(f"# The source says: {imported.date_said} (a month: its first day; set the day if you know it)")
    elif imported.date_said:
        lines.append(f"# The source says: {imported.date_said}")
    else:
        lines.append("# The source gives no date: this is the day of the import; set the day it takes effect.")
    lines += [
        f"effective_date: {imported.effective_date.isoformat()}",
        f"source_locale: {imported.locale}",
        f"binding_locales: [{imported.locale}]",
    ]
    if imported.date_said:
        lines.append('# The text states its own date: the page adds no "Last modified" line (day, month or hidden).')
        lines.append("last_modified: hidden")
    if not imported.title_found:
        lines.append("# Not in the source (it has no single first-level heading): the page's title.")
    lines.append(f"title: {_scalar(imported.title)}")
    if imported.preamble:
        lines.append("preamble:")
        lines += _blocks(imported.preamble, "", states, 2)
    lines.append("sections:")
    lines += _sections(imported.sections, states, 2)
    lines.append("facts:")
    lines.append("  controllers:")
    lines.append(f"    - id: {org_id}  # suggested: the organisation responsible; check its name")
    lines.append(f"      name: {_scalar(controller or 'Organisation')}")
    if emails:
        lines.append(f"      email: {emails[0].value}  # suggested: the first address of the text ({emails[0].where})")
    else:
        lines.append("      # No email address in the text: write the contact address, and the sentence that gives it.")
        lines.append("      email: privacy@example.org")
    lines.append("  rights:")
    if said:
        lines.append(f"    # suggested: the rights {rights_at} names")
        lines.append(f"    list: [{', '.join(said)}]")
    else:
        lines.append("    # No right named in the text: list the rights the policy grants, and tie the sentence.")
        lines.append("    list: [access]")
    others = [s for s in found if not (emails and s is emails[0]) and s.kind != "right"]
    extra_rights = [s for s in rights if s.where != rights_at and s.value not in said]
    if others or extra_rights:
        lines.append("")
        lines.append("# Suggested facts, found in the text and not stated: accept each by adding it under facts:")
        lines.append('# and its id to the states: of the block that says it (the id path after "in").')
        for s in others + extra_rights:
            lines.append(f"#   {s.kind}: {s.value}  (in {s.where})")
    return "\n".join(lines) + "\n"


def _walk_items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _walk_items(item.get("items", []))


def _sections(sections: list[Section], states: dict[str, list[str]], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for section in sections:
        out.append(f"{pad}- id: {section.id}")
        out.append(f"{pad}  title: {_scalar(section.title)}")
        if section.blocks:
            out.append(f"{pad}  blocks:")
            out += _blocks(section.blocks, section.id, states, indent + 4)
        if section.sections:
            out.append(f"{pad}  sections:")
            out += _sections(section.sections, states, indent + 4)
    return out


def _blocks(blocks: list[Block], prefix: str, states: dict[str, list[str]], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for block in blocks:
        path = f"{prefix}.{block['id']}" if prefix else block["id"]
        out.append(f"{pad}- id: {block['id']}")
        said = states.get(path, []) + [s for key, refs in states.items() if key.startswith(f"{path}.") for s in refs]
        if said:
            out.append(f"{pad}  states: [{', '.join(dict.fromkeys(said))}]  # suggested")
        for key in ("paragraph", "note", "address"):
            if key in block:
                out.append(f"{pad}  {key}: {_scalar(block[key])}")
        if block.get("rule"):
            out.append(f"{pad}  rule: true")
        if "list" in block:
            if block.get("ordered"):
                out.append(f"{pad}  ordered: true")
            if block.get("start"):
                out.append(f"{pad}  start: {block['start']}")
            out.append(f"{pad}  list:")
            out += _items_yaml(block["list"], indent + 4)
        if "table" in block:
            out.append(f"{pad}  table:")
            out.append(f"{pad}    columns:")
            for column in block["table"]["columns"]:
                out.append(f"{pad}      - id: {column['id']}")
                out.append(f"{pad}        title: {_scalar(column['title'])}")
            out.append(f"{pad}    rows:")
            for row in block["table"]["rows"]:
                out.append(f"{pad}      - id: {row['id']}")
                out.append(f"{pad}        cells:")
                for column_id, cell in row["cells"].items():
                    out.append(f"{pad}          {column_id}: {_scalar(cell)}")
    return out


def _items_yaml(items: list[dict[str, Any]], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for item in items:
        out.append(f"{pad}- id: {item['id']}")
        out.append(f"{pad}  text: {_scalar(item['text'])}")
        if item.get("items"):
            if "ordered" in item:
                out.append(f"{pad}  ordered: {'true' if item['ordered'] else 'false'}")
            out.append(f"{pad}  items:")
            out += _items_yaml(item["items"], indent + 4)
    return out


# ---------------------------------------------------------------------------------------------------------------
# The command


def read_source(path: Path) -> tuple[Node, str]:
    """The source's tree and language (``<html lang>``, "" when it does not say), from Markdown, HTML or .docx."""
    suffix = path.suffix.lower()
    if suffix not in (".md", ".markdown", ".txt", ".html", ".htm", ".xhtml", ".docx"):
        said = f'cannot import a "{suffix or path.name}" file: give a Markdown, HTML or .docx file'
        raise DataError([Problem(str(path), 0, 0, "", said)])
    if suffix == ".docx":
        return _docx(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError([Problem(str(path), 0, 0, "", f"not UTF-8 text ({err.reason} at byte {err.start})")]) from err
    if suffix in (".html", ".htm", ".xhtml"):
        return parse_html(text)
    title, text = _front_matter(text)
    html = markdown.markdown(text, extensions=["tables", "sane_lists", "attr_list", "toc"])
    root = parse_html(html)[0]
    if title and not any(isinstance(c, Node) and c.tag == "h1" for c in root.children):
        root.children.insert(0, Node("h1", children=[title]))  # the page's title, as its site shows it
    return root, ""


def _front_matter(text: str) -> tuple[str, str]:
    """A Markdown page's front matter (``---`` YAML ``---``, as static site generators write it): its ``title``,
    and the text without it."""
    found = re.match(r"---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.DOTALL)
    if not found:
        return "", text
    try:
        meta = yaml.safe_load(found[1])
    except yaml.YAMLError:
        return "", text
    title = meta.get("title") if isinstance(meta, dict) else None
    return (str(title) if isinstance(title, str) else ""), text[found.end() :]


def _docx(path: Path) -> tuple[Node, str]:
    """A word processor's document as HTML, read by mammoth: its headings (by their styles, "Heading 1"…), lists,
    tables, bold and italic words and links; its language is left to guess."""
    try:
        import mammoth
    except ImportError as err:
        raise DataError(
            [Problem(str(path), 0, 0, "", "reading a .docx needs mammoth: pip install 'policydocs[docx]'")]
        ) from err
    try:
        with path.open("rb") as file:
            html = mammoth.convert_to_html(file).value
    except Exception as err:  # mammoth raises what zipfile and its XML reader raise on a damaged file
        raise DataError([Problem(str(path), 0, 0, "", f"not a .docx document that can be read: {err}")]) from err
    return parse_html(html)[0], ""


_STOPWORDS = {
    "en": ("the", "and", "your", "we", "data"),
    "fr": ("les", "des", "vos", "nous", "données"),
    "de": ("die", "und", "der", "ihre", "daten"),
    "es": ("los", "las", "sus", "datos", "que"),
    "it": ("gli", "dei", "che", "dati", "il"),
    "nl": ("het", "een", "uw", "gegevens", "wij"),
    "pl": ("się", "oraz", "dane", "jest", "na"),
    "pt": ("os", "seus", "dados", "não", "que"),
}


def guess_locale(items: list[Heading | Block]) -> str:
    """The language most of the text's common words belong to."""
    words = re.findall(
        r"[^\W\d_]+", " ".join(i.text if isinstance(i, Heading) else str(i.get("paragraph", "")) for i in items).lower()
    )
    counts = {lang: sum(words.count(w) for w in stop) for lang, stop in _STOPWORDS.items()}
    return max(counts, key=lambda lang: counts[lang]) if any(counts.values()) else "en"


def import_policy(
    source: Path, *, locale: str | None = None, controller: str | None = None, today: datetime.date | None = None
) -> str:
    """The format-2 data file for a policy written in Markdown or HTML."""
    day = today or datetime.date.today()
    root, lang = read_source(source)
    items = list(outline(root))
    language = (locale or lang.replace("-", "_").split("_")[0] or guess_locale(items)).lower()
    imported = document(items, language, day)
    return write(imported, controller, day)

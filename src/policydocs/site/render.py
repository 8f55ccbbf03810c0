"""Render the site's pages as Markdown from Jinja templates, with every data string escaped."""

from __future__ import annotations

import datetime
import functools
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import jinja2
from babel.lists import format_list

from ..cache import Cache
from ..errors import CatalogError, PolicyError, TemplateError
from ..i18n.catalog import MSGID_LOCALE, Gap, Translator
from ..i18n.tags import tag
from ..policy.document import plain as document_plain
from ..policy.document import spans as document_spans
from ..versions.redline import Op, SectionDiff, compared_again, new_side, tokens
from ..words import language_name, long_date, month_of
from ..workspace import Workspace
from .document import render as document_markdown
from .flow import flow
from .glance import glance
from .markup import Markdown, escape, inline


def _finalize(value: Any) -> Any:
    """Escape everything a template outputs unless it is already safe Markdown.

    This is autoescaping for Markdown: a data string can never become markup,
    a link other than https:/mailto:, or a Jinja expression.
    """
    if isinstance(value, Markdown):
        return value
    if value is None:
        raise TemplateError("a template printed a missing (None) value")
    return inline(value if isinstance(value, str) else str(value))


def _unknown_kind(kind: Any) -> None:
    """A summary item whose kind the template has no sentence for: an error, never an empty bullet."""
    raise TemplateError(f'summary.md.j2 has no sentence for the change kind "{kind}"')


def _text(value: Any) -> Any:
    if value is None:
        raise TemplateError("a template printed a missing (None) value")
    return str(value)


def _xml(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    return html.escape(_text(value), quote=True)


Output = Literal["markdown", "text", "xml"]
"""What a renderer writes: Markdown pages, plain text (terminal, email), or XML (the feed)."""
_FINALIZE = {"markdown": _finalize, "text": _text, "xml": _xml}


def _ops_html(ops: Iterable[Op], labels: Mapping[str, Any]) -> str:
    """A block's word diff as the page shows its text: strong and emphasised words, links and line breaks
    rendered (never their marks), deleted and inserted words marked. The words are compared without their marks,
    so a mark the change cuts in two still renders; a change of marks alone shows the new ones."""
    ops = list(ops)
    if all(kind == "equal" for kind, _ in ops):
        return _words_html(_styled(new_side(ops)))
    out = []
    for kind, pieces in compared_again(ops, _styled, key=lambda piece: piece[0]):
        shown = _words_html(pieces)
        if kind == "equal":
            out.append(shown)
        elif kind == "delete":
            label = html.escape(str(labels["deleted"]))
            out.append(f'<del class="policydocs-del"><span class="policydocs-sr">{label} </span>{shown}</del>')
        else:
            label = html.escape(str(labels["inserted"]))
            out.append(f'<ins class="policydocs-ins"><span class="policydocs-sr">{label} </span>{shown}</ins>')
    return "".join(out)


Style = tuple[tuple[str, str], ...]
"""How a word is shown: ``("strong", "")``, ``("em", "")``, ``("link", target)``, outermost first."""


def _styled(text: str, style: Style = ()) -> list[tuple[str, Style]]:
    """A text's words (each with the space after it) and line breaks, each with its style, marks removed."""
    out: list[tuple[str, Style]] = []
    for kind, content, target in document_spans(text):
        if kind in ("strong", "em"):
            out += _styled(content, (*style, (kind, "")))
        elif kind == "link":
            out += [(word, (*style, ("link", target))) for word in tokens(document_plain(content))]
        elif kind in ("break", "paragraph"):
            out.append((content, style))
        else:
            out += [(word, style) for word in tokens(content)]
    return out


def _words_html(words: list[tuple[str, Style]]) -> str:
    out = []
    for style, group in itertools.groupby(words, key=lambda w: w[1]):
        shown = html.escape("".join(word for word, _ in group), quote=False).replace("\n", "<br>")
        for kind, target in reversed(style):
            if kind == "link":
                # An anchor or a path of the site leads nowhere from the redline: its words are shown.
                if target.lower().startswith(("https:", "http:", "mailto:")):
                    shown = f'<a href="{html.escape(target, quote=True)}">{shown}</a>'
            else:
                shown = f"<{kind}>{shown}</{kind}>"
        out.append(shown)
    return "".join(out)


def _status_note(status: str, section_status: str, moved: bool, labels: Mapping[str, Any]) -> str:
    note = ""
    if status in ("added", "removed") and section_status not in ("added", "removed"):
        note = f' <span class="policydocs-status">({html.escape(str(labels[status]))})</span>'
    if moved:
        note += f' <span class="policydocs-status">({html.escape(str(labels["moved"]))})</span>'
    return note


def _state(block: Any) -> str:
    """The class that marks a list item, a row or a cell that changed, was added or removed."""
    return f' class="policydocs-{block.status}"' if block.status != "unchanged" else ""


def _anchor(block: Any) -> str:
    # The place a summary item links to: "redline-" and the block's id path, unique on the page.
    return f'id="redline-{html.escape(block.path)}"'


def _list_html(items: list[Any], section_status: str, labels: Mapping[str, Any]) -> str:
    """List items as the page's list: nested at their depths, numbered or bulleted, each item marked."""
    out: list[str] = []
    tags: list[str] = []
    for item in items:
        shape = item.shape
        if shape.depth > len(tags):
            while len(tags) < shape.depth:
                tag = "ol" if shape.ordered else "ul"
                start = f' start="{shape.start}"' if tag == "ol" and shape.start != 1 and not tags else ""
                out.append(f"<{tag}{start}>")
                tags.append(tag)
        else:
            out.append("</li>")
            while len(tags) > shape.depth:
                out.append(f"</{tags.pop()}></li>")
        note = _status_note(item.status, section_status, item.moved, labels)
        out.append(f"<li {_anchor(item)}{_state(item)}>{_ops_html(item.ops, labels)}{note}")
    if tags:
        out.append("</li>")
    while tags:
        out.append(f"</{tags.pop()}>")
        if tags:
            out.append("</li>")
    return "".join(out)


def _table_html(cells: list[Any], section_status: str, labels: Mapping[str, Any]) -> str:
    """Table cells as the page's table: the header row, then each row, the cells that changed marked."""
    rows: dict[str, list[Any]] = {}
    for cell in cells:
        rows.setdefault(cell.shape.row, []).append(cell)
    out = ["<table>"]  # no class: the theme styles it as the page's tables
    for row_id, row in rows.items():
        tag = "th" if row_id == "header" else "td"
        statuses = {c.status for c in row}
        whole = next(iter(statuses)) if len(statuses) == 1 and statuses & {"added", "removed"} else ""
        row_class = f' class="policydocs-{whole}"' if whole else ""
        out.append("<thead>" if tag == "th" else "")
        out.append(f"<tr{row_class}>")
        for cell in row:
            note = _status_note(cell.status, section_status, cell.moved, labels) if not whole else ""
            out.append(f"<{tag} {_anchor(cell)}{_state(cell)}>{_ops_html(cell.ops, labels)}{note}</{tag}>")
        if whole:
            out[-1] = out[-1].replace(f"</{tag}>", _status_note(whole, section_status, False, labels) + f"</{tag}>")
        out.append("</tr>")
        out.append("</thead>" if tag == "th" else "")
    out.append("</table>")
    return "".join(out)


def redline_html(section: SectionDiff, labels: Mapping[str, Any]) -> Markdown:
    """One section of the redline as an HTML block, shaped as the page: paragraphs, headings, lists and tables;
    every piece of text is escaped here.

    ``labels`` holds the page's words for "deleted:", "inserted:", "unchanged",
    "added", "removed" and "moved" (already translated).
    """
    title = _ops_html(section.title_ops, labels) if section.title_ops else html.escape(section.title, quote=False)
    notes = []
    if section.status in ("added", "removed"):
        notes.append(str(labels[section.status]))
    if section.moved:
        notes.append(str(labels["moved"]))
    status = f' <span class="policydocs-status">({html.escape(", ".join(notes))})</span>' if notes else ""
    parts = []
    blocks = list(section.blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        shape = block.shape
        if shape.kind in ("li", "th", "td"):
            kinds = ("li",) if shape.kind == "li" else ("th", "td")
            end = index
            while end < len(blocks) and blocks[end].shape.kind in kinds and blocks[end].shape.group == shape.group:
                end += 1
            run = blocks[index:end]
            render = _list_html if shape.kind == "li" else _table_html
            parts.append(render(run, section.status, labels))
            index = end
            continue
        note = _status_note(block.status, section.status, block.moved, labels)
        text = _ops_html(block.ops, labels)
        if shape.kind == "h":  # a subsection's heading, one level under the section's
            level = min(shape.depth + 1, 6)
            parts.append(f"<h{level} {_anchor(block)}>{text}{note}</h{level}>")
        else:
            text = text.replace("\n", "<br>") if shape.kind == "address" else text
            parts.append(f"<p {_anchor(block)}>{text}{note}</p>")
        index += 1
    body = "".join(parts)
    anchor = html.escape(section.anchor)
    if not section.changed:
        unchanged = html.escape(str(labels["unchanged"]))
        return Markdown(
            f'<details class="policydocs-unchanged" id="changes-{anchor}"><summary>{title} '
            f'<span class="policydocs-status">({unchanged})</span></summary>{body}</details>'
        )
    return Markdown(f'<div class="policydocs-redline" id="changes-{anchor}"><h3>{title}{status}</h3>{body}</div>')


def labels(keys: Iterable[str], table: Mapping[str, Any]) -> Markdown:
    """The labels of ``keys`` in ``table`` (already Markdown), as a comma-separated list."""
    return Markdown(", ".join(str(table[key]) for key in keys))


def paragraphs(items: Iterable[Any]) -> Markdown:
    """Markdown paragraphs from items with ``text``, joining those marked ``same_paragraph``."""
    groups: list[list[str]] = []
    for item in items:
        if groups and getattr(item, "same_paragraph", False):
            groups[-1].append(item.text)
        else:
            groups.append([item.text])
    return Markdown("\n\n".join(" ".join(inline(text) for text in group) for group in groups))


def bullets(items: Iterable[Any]) -> Markdown:
    """A Markdown bullet list of items with ``text``."""
    return Markdown("\n".join(f"- {inline(item.text)}" for item in items))


_PLACEHOLDER = re.compile(r"(%\(\w+\)s)")


def fill(text: str, values: Mapping[str, Any], *, output: Output = "markdown") -> Markdown:
    """Put values into ``%(name)s`` placeholders, escaping the text and the values for the output.

    A value that is already safe output (Markdown), such as another
    pgettext(), goes in as it is. No %-formatting is involved, so "100 %"
    in a text needs no doubling.
    """
    out: list[str] = []
    for index, part in enumerate(_PLACEHOLDER.split(text)):
        if index % 2 == 0:
            if output == "markdown":
                part = escape(part, at_line_start=index == 0)
            elif output == "xml":
                part = html.escape(part, quote=True)
            out.append(part)
            continue
        name = part[2:-2]
        if name not in values:
            raise TemplateError(f'the text "{text}" needs a value for {part}')
        value = values[name]
        plain = value if isinstance(value, str) else str(value)
        if isinstance(value, Markdown) or output == "text":
            out.append(plain)
        elif output == "xml":
            out.append(html.escape(plain, quote=True))
        else:
            out.append(inline(plain))
    return Markdown("".join(out))


class Renderer:
    """Renders pages for one locale."""

    def __init__(
        self,
        template_dirs: Path | Sequence[Path],
        translator: Translator,
        *,
        strict: bool = True,
        output: Output = "markdown",
        cache: Cache | None = None,
        site_url: str | None = None,
        loader: jinja2.BaseLoader | None = None,
    ) -> None:
        """``template_dirs``: where templates are found, in order (a project's overrides, then the package's).

        ``output`` says how values are escaped: for Markdown pages, not at all (text), or for XML.
        ``cache``: the build cache, which keeps the compiled templates (a changed template is compiled again).
        ``site_url``: the site's public address, against which the policy's links to paths of the site resolve.
        ``loader``: how the templates are read (a workspace reads each file once for all its renderers).
        """
        dirs = [template_dirs] if isinstance(template_dirs, Path) else list(template_dirs)
        self.translator = translator
        self.locale = translator.locale
        self.strict = strict
        self.output = output
        self.env = jinja2.Environment(
            loader=loader or jinja2.FileSystemLoader([str(d) for d in dirs]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=_FINALIZE[output],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        if cache is not None and cache.folder is not None:
            # Compiled once, not for every locale of every build; one folder per output, whose settings differ.
            compiled = cache.folder / "jinja-pages" / output
            compiled.mkdir(parents=True, exist_ok=True)
            self.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
        self.env.globals["pgettext"] = self.pgettext
        self.env.globals["unknown_kind"] = _unknown_kind
        self.env.globals["code"] = self.code
        self.env.globals["redline_link"] = self.redline_link
        self.env.filters["date"] = self.date
        self.env.filters["month"] = self.month
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["bullets"] = bullets
        self.env.filters["language_names"] = self.language_names
        self.env.filters["labels"] = labels
        self.env.filters["redline"] = redline_html
        self.env.filters["document"] = functools.partial(document_markdown, site_url=site_url)
        self.env.filters["glance"] = glance
        self.env.filters["flow"] = flow

    def pgettext(self, context: str, text: str, /, **values: Any) -> Markdown:
        """Translate page text; ``%(name)s`` placeholders take ``values``.

        The text and plain values are escaped (values also get their email
        addresses and https: links made links); a value that is already
        Markdown, such as another pgettext(), goes in as it is.
        """
        translated = self.translator.lookup(context, text)
        if translated is None:
            if self.strict:
                raise CatalogError(f'no {self.locale} translation for msgctxt "{context}" msgid "{text}"')
            stand_in = fill(text, values, output=self.output)
            if self.output != "markdown":
                return stand_in
            # The package's page text stands in in English (its msgids), the site's own in its source language.
            language = MSGID_LOCALE if self.translator.is_page_text(context, text) else self.translator.source_locale
            return Markdown(f'<mark class="policydocs-untranslated" lang="{escape(tag(language))}">{stand_in}</mark>')
        return fill(translated, values, output=self.output)

    def code(self, text: str) -> Markdown:
        """A command or file name as the output shows code: `` `policydocs check` `` in Markdown."""
        if self.output == "markdown":
            return Markdown(f"`{text}`") if "`" not in text else Markdown(f"`` {text} ``")
        return Markdown(html.escape(text) if self.output == "xml" else text)

    def redline_link(self, item: Any, label: Any, base: str = "") -> Markdown:
        """A link from a summary item to its place in the redline (the changes page at ``base``), for Markdown
        pages only: its stating block, else its section. Text and XML outputs get nothing."""
        if self.output != "markdown":
            return Markdown("")
        target = f"redline-{item.block}" if item.block else f"changes-{item.anchor}"
        href = html.escape(f"{base}#{target}", quote=True)
        return Markdown(f' <a class="policydocs-to-redline" href="{href}">{html.escape(str(label), quote=False)}</a>')

    def date(self, value: datetime.date) -> str:
        """A date written out the locale's way: "26 décembre 2022", "1er mars 2024", "26 December 2022"."""
        return long_date(value, self.locale)

    def month(self, value: datetime.date) -> str:
        """A date's month written out the locale's way: "décembre 2022", "December 2022"."""
        return month_of(value, self.locale)

    def language_names(self, codes: Iterable[str]) -> str:
        """Language names in this locale, as a list: "French", "French and German"."""
        names = [language_name(code, self.locale) for code in codes]
        return format_list(names, locale=self.locale)

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateNotFound as err:
            searched = " or ".join(self.env.loader.searchpath)  # type: ignore[union-attr]
            raise TemplateError(f"no template {err.name!r} in {searched}") from err
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"{err.message}", file=self._shown(err.filename or template), line=err.lineno) from err
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as err:
            # A template that fails while rendering (a value it does not have): at the template's line, which
            # Jinja's rewritten traceback gives; an error of ours (a CatalogError…) is not a template's.
            if isinstance(err, PolicyError):
                raise
            where = _template_line(err, self.env.loader.searchpath)  # type: ignore[union-attr]
            if where is None:
                raise
            message = err.message if isinstance(err, jinja2.TemplateError) and err.message else str(err)
            raise TemplateError(f"{message}", file=self._shown(where[0]), line=where[1]) from err

    def _shown(self, filename: str) -> str:
        """A template's file as the site names it: ``templates/feed.xml.j2``, or the package's."""
        for folder in self.env.loader.searchpath:  # type: ignore[union-attr]
            if filename.startswith(folder.rstrip("/") + "/"):
                return f"{Path(folder).name}/{filename[len(folder.rstrip('/')) + 1 :]}"
        return filename


def _template_line(err: BaseException, folders: Sequence[str]) -> tuple[str, int] | None:
    """The template file and line where a rendering failed: the innermost frame of a template of ``folders``."""
    found = None
    trace = err.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if any(filename.startswith(folder.rstrip("/") + "/") for folder in folders):
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def native_name(code: str) -> str:
    """A language's name in itself, as a switcher shows it: "Français", "English"."""
    return language_name(code, code).capitalize()


def preview_banner(gaps: list[Gap], locale: str) -> Markdown:
    """The warning a preview shows above a page whose locale is not complete."""
    language = language_name(locale)
    fuzzy = sum(g.state == "fuzzy" for g in gaps)
    lines = [
        f'!!! warning "Preview: {escape(language)} is incomplete and cannot be published"',
        "",
        f"    {len(gaps)} string{'s' if len(gaps) != 1 else ''} not translated ({len(gaps) - fuzzy} untranslated, "
        f"{fuzzy} fuzzy): the source text stands in, marked.",
        "",
    ]
    lines += [f"    - {escape(g.message.where)}: msgctxt {escape(g.message.context)} ({g.state})" for g in gaps]
    return Markdown("\n".join(lines) + "\n\n")


def renderer_for(
    workspace: Workspace, translator: Translator, *, output: Output = "markdown", strict: bool = True
) -> Renderer:
    """A renderer of ``workspace``'s templates in ``translator``'s locale: the one way the rooms make one."""
    return Renderer(
        workspace.template_dirs,
        translator,
        strict=strict,
        output=output,
        cache=workspace.cache,
        site_url=workspace.options.site_url,
        loader=workspace.template_loader(),
    )

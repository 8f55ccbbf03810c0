"""Render the site's pages as Markdown from Jinja templates, with every data string escaped."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from .catalog import Gap, Translator, Untranslated
from .errors import CatalogError, TemplateError
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


class Renderer:
    """Renders pages for one locale."""

    def __init__(self, templates_dir: Path, translator: Translator, *, strict: bool = True) -> None:
        self.translator = translator
        self.locale = translator.locale
        self.strict = strict
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals["pgettext"] = self.pgettext
        self.env.filters["date"] = self.date
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["bullets"] = bullets
        self.env.filters["language_names"] = self.language_names

    def pgettext(self, context: str, text: str, **values: Any) -> Markdown:
        """Translate page text; ``%(name)s`` placeholders take ``values``, all escaped."""
        translated = self.translator.lookup(context, text)
        if translated is None:
            if self.strict:
                raise CatalogError(f'no {self.locale} translation for msgctxt "{context}" msgid "{text}"')
            stand_in = text % {k: str(v) for k, v in values.items()} if values else text
            return inline(Untranslated(stand_in, self.translator.source_locale))
        if values:
            translated = translated % {k: str(v) for k, v in values.items()}
        return inline(translated)

    def date(self, value: datetime.date) -> str:
        """A date written out the locale's way: "26 décembre 2022", "December 26, 2022"."""
        return format_date(value, "long", locale=self.locale)

    def language_names(self, codes: Iterable[str]) -> str:
        """Language names in this locale, as a list: "French", "French and German"."""
        names = [Locale.parse(code).get_display_name(self.locale) or code for code in codes]
        return format_list(names, locale=self.locale)

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateNotFound as err:
            raise TemplateError(f"no template {err.name!r} in {self.env.loader.searchpath}") from err  # type: ignore[union-attr]
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"{err.filename}:{err.lineno}: {err.message}") from err
        except jinja2.UndefinedError as err:
            raise TemplateError(f"{template}: {err.message}") from err


def preview_banner(gaps: list[Gap], locale: str) -> Markdown:
    """The warning a preview shows above a page whose locale is not complete."""
    language = Locale.parse(locale).get_display_name("en") or locale
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

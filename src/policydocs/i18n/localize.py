"""Give a policy in its source language the text of another locale."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from ..policy.model import TRANSLATABLE, Policy, id_segment, type_hints
from .catalog import Translator


def _translatable(tp: Any) -> bool:
    from typing import get_args

    return tp in TRANSLATABLE or any(arg in TRANSLATABLE for arg in get_args(tp))


def _localize(obj: Any, path: str, translator: Translator) -> Any:
    hints = type_hints(type(obj))
    changes: dict[str, Any] = {}
    for f in fields(obj):
        if not f.compare:
            continue
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}" if path else f.name
        if isinstance(value, str) and _translatable(hints[f.name]):
            changes[f.name] = translator.pgettext(here, value)  # marked Untranslated where missing
        elif is_dataclass(value):
            changes[f.name] = _localize(value, here, translator)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[f.name] = tuple(
                _localize(item, f"{here}.{id_segment(item, index)}", translator) for index, item in enumerate(value)
            )
    return replace(obj, **changes)


def localize(policy: Policy, translator: Translator) -> Policy:
    """The same policy with every Text and Label in the translator's locale."""
    if translator.is_source:
        return policy
    return _localize(policy, "", translator)

"""Validation of loaded data against a model, with every error said plainly at its place
in the YAML file: the key it concerns, what was expected there and what was found."""

from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from ..errors import Problem, _, did_you_mean
from .fields import SLUG, Base
from .footnotes import NOTE_KEY
from .load import DataPath, Loaded
from .modelbase import FAIL

M = TypeVar("M", bound=Base)
_UNIONS = (Union, types.UnionType)


def validate(model: type[M], loaded: Loaded) -> tuple[M | None, list[Problem]]:
    """Validate loaded data against ``model``; on failure, problems with locations.

    Valid data is checked without pydantic (see :mod:`.modelbase`); pydantic decides the rest
    and names what is wrong."""
    made = model.quick(loaded.data)
    if made is not FAIL:
        return made, []
    from pydantic import ValidationError

    from .pydantic_models import validated

    try:
        return validated(model, loaded.data), []
    except ValidationError as error:
        problems = [_problem(model, loaded, detail) for detail in _merge_false_unions(error.errors())]
        return None, sorted(set(problems), key=lambda p: p.location)


FALSE_TAG = "literal[False]"


def _merge_false_unions(errors: list[Any]) -> list[Any]:
    """One error per value that may be text (or a mapping) or false, instead of one per union member.

    A value of the wrong kind altogether becomes one 'text, or false' error; a mapping
    with a problem inside keeps that problem, without the union member's name in its path.
    """
    errors = [dict(e) for e in errors]
    bases = sorted({e["loc"][: e["loc"].index(FALSE_TAG)] for e in errors if FALSE_TAG in e["loc"]}, key=len)
    for base in reversed(bases):
        depth = len(base)
        members = [e for e in errors if e["loc"][:depth] == base and len(e["loc"]) > depth]
        others = [e for e in members if e["loc"][depth] != FALSE_TAG]
        if any(len(e["loc"]) > depth + 1 for e in others):
            for e in others:
                e["loc"] = (*base, *e["loc"][depth + 1 :])
            errors = [e for e in errors if e not in members or e in others]
        else:
            kind = "mapping_or_false" if any(e["type"] == "model_type" for e in others) else "text_or_false"
            merged = {**members[0], "loc": base, "type": kind}
            errors = [e for e in errors if e not in members] + [merged]
    return errors


def _problem(model: type[Base], loaded: Loaded, detail: Any) -> Problem:
    path = _data_path(loaded.data, detail["loc"])
    source = loaded.source
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _fields_at(model, path[:-1])
        hint = did_you_mean(key, allowed)
        known = _("; allowed here: {allowed}", allowed=", ".join(allowed)) if allowed and not hint else ""
        return Problem(
            source.where(path, key=True),
            _("unknown key '{key}'{hint}{known}", key=key, hint=hint, known=known),
        )
    if kind == "missing":
        return Problem(source.where(path[:-1], key=True), _("missing key '{key}'", key=path[-1]))
    where = source.where(path)
    return Problem(where, _describe(kind, detail, path))


_EXPECTED = {
    "string_type": _("text"),
    "int_type": _("a whole number"),
    "date_type": _("a date written as YYYY-MM-DD"),
    "list_type": _("a list"),
    "dict_type": _("a mapping of keys to values"),
    "model_type": _("a mapping of keys to values"),
    "model_attributes_type": _("a mapping of keys to values"),
    "bool_type": _("yes or no (true/false)"),
    "text_or_false": _("text, or false to leave it out"),
    "mapping_or_false": _("a mapping of sub-headings, or false to leave them all out"),
}
"""What a value of the wrong kind should have been, by pydantic's error type."""

_SAID = {
    "string_too_short": _("is empty; write text or remove the key"),
    "too_short": _("needs at least one entry"),
}


def _describe(kind: str, detail: Any, path: DataPath) -> str:
    name = ".".join(str(p) for p in path) or _("the file")
    if kind in _EXPECTED:
        found = _kind_of(detail.get("input"))
        return _("'{name}' must be {expected}, not {found}", name=name, expected=_EXPECTED[kind], found=found)
    if kind in _SAID:
        return _("'{name}' {said}", name=name, said=_SAID[kind])
    if kind == "literal_error":
        expected, found = detail["ctx"]["expected"], detail.get("input")
        return _(
            "'{name}' must be one of {expected}, not {found!r}", name=name, expected=expected, found=found
        )
    if kind == "string_pattern_mismatch":
        hint = _pattern_hint(detail["ctx"]["pattern"])
        return _("'{name}' has the wrong form: {hint}", name=name, hint=hint)
    return _("'{name}': {detail}", name=name, detail=detail["msg"])


def _pattern_hint(pattern: str) -> str:
    return {
        SLUG: _("use lower-case letters, digits and hyphens, like 'co2-normen'"),
        NOTE_KEY: _("a footnote key has no spaces or brackets"),
        r"^\d{4}-\d{4}$": _("write the parliamentary year as 2025-2026"),
        r"^[A-Z]{1,3}$": _("an Eerste Kamer paper letter is a capital, like 'A'"),
    }.get(pattern) or _("it must match {pattern}", pattern=pattern)


def _kind_of(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("'{value}' (a yes/no value)", value=str(value).lower())
    if isinstance(value, (int, float)):
        if isinstance(value, int) and value.bit_length() > 256:  # past Python's limit on digits
            value = f"{hex(value)[:14]}…"
        return _("the number {value} (put it in quotes if it is text)", value=value)
    if isinstance(value, dt.date):
        return _("the date {value} (put it in quotes if it is text)", value=value.isoformat())
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def _data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """Pydantic's error location with union tags dropped, as a path into the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and part not in ("tekst", "kamerstuk", "[key]"):
            path.append(part)
            node = None
    return tuple(path)


def _fields_at(model: type[Base], path: DataPath) -> list[str]:
    """The keys allowed in the mapping at ``path`` of a ``model`` document."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap_model(current)
    return list(current.model_fields) if current else []


def _step(annotation: Any, part: str | int) -> Any:
    model = _unwrap_model(annotation)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is Annotated:
        return _step(get_args(annotation)[0], part)
    if origin is list:
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    if origin in _UNIONS:
        for arg in get_args(annotation):
            found = _step(arg, part)
            if found is not None:
                return found
    return None


def _unwrap_model(annotation: Any) -> type[Base] | None:
    if isinstance(annotation, type) and issubclass(annotation, Base):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated or origin in _UNIONS:
        for arg in get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None

"""The pydantic model of each record class, made from its annotations when first needed.

pydantic decides about the data the quick check of :mod:`.modelbase` did not accept, and
reports what is wrong in its own words (which :mod:`.validation` turns into problems at
their places in the file); ``briefgen schema`` takes the JSON Schemas from these models.
Each is made once per process, with the record's name, docstring and fields, and the
markers of :mod:`.modelbase` as pydantic's own (``Pattern`` as ``Field(pattern=...)``, …).
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model
from pydantic import Discriminator as PydanticDiscriminator
from pydantic import Tag as PydanticTag
from pydantic_core import PydanticCustomError

from .modelbase import AtLeast, Base, Discriminator, MinItems, NotBlank, Pattern, Tag, _make, remap

R = TypeVar("R", bound=Base)

_MODELS: dict[type[Base], type[BaseModel]] = {}
_RECORDS: dict[type[BaseModel], type[Base]] = {}
_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True)


def _not_blank(value: str) -> str:
    """Text needs something besides spaces; reported like pydantic's own 'too short'."""
    if not value.strip():
        raise PydanticCustomError("string_too_short", "empty or only spaces")
    return value


_NOT_BLANK = AfterValidator(_not_blank)


def validated(record: type[R], data: Any) -> R:
    """``data`` validated by pydantic as ``record``; pydantic's ValidationError when it is not one."""
    made: R = _record_of(pydantic_model(record).model_validate(data))
    return made


def pydantic_model(record: type[Base]) -> type[BaseModel]:
    """The pydantic model of ``record``."""
    model = _MODELS.get(record)
    if model is None:
        fields: dict[str, Any] = {
            name: (_annotation(info.annotation), ... if info.is_required() else _default(info.default))
            for name, info in record.model_fields.items()
        }
        model = create_model(
            record.__name__,
            __config__=_CONFIG,
            __doc__=record.__doc__,
            __module__=record.__module__,
            **fields,
        )
        _MODELS[record] = model
        _RECORDS[model] = record
    return model


def _annotation(hint: Any) -> Any:
    origin = get_origin(hint)
    if origin is Annotated:
        base, *metadata = get_args(hint)
        return Annotated[(_annotation(base), *map(_marker, metadata))]
    if origin is list:
        return list[_annotation(get_args(hint)[0])]  # type: ignore[misc]
    if origin is dict:
        key, value = get_args(hint)
        return dict[_annotation(key), _annotation(value)]  # type: ignore[misc]
    if origin is Literal:
        return hint
    if origin in (Union, types.UnionType):
        return Union[tuple(map(_annotation, get_args(hint)))]  # noqa: UP007
    if isinstance(hint, type) and issubclass(hint, Base):
        return pydantic_model(hint)
    return hint


def _marker(marker: Any) -> Any:
    if isinstance(marker, NotBlank):
        return _NOT_BLANK
    if isinstance(marker, Pattern):
        return Field(pattern=marker.regex)
    if isinstance(marker, AtLeast):
        return Field(ge=marker.value)
    if isinstance(marker, MinItems):
        return Field(min_length=marker.count)
    if isinstance(marker, Tag):
        return PydanticTag(marker.name)
    if isinstance(marker, Discriminator):
        return PydanticDiscriminator(marker.function)
    return marker


def _default(value: Any) -> Any:
    """A record's default as pydantic's (its records as models)."""
    return remap(value, _default_model, Base)


def _default_model(record: Base) -> BaseModel:
    values = {name: _default(item) for name, item in record.__dict__.items()}
    return pydantic_model(type(record)).model_construct(_fields_set=set(record.model_fields_set), **values)


def _record_of(value: Any) -> Any:
    """A pydantic model's value as records (lists and mappings of them too)."""
    return remap(value, _model_record, BaseModel)


def _model_record(model: BaseModel) -> Base:
    values = {name: _record_of(item) for name, item in model.__dict__.items()}
    return _make(_RECORDS[type(model)], values, set(model.model_fields_set))

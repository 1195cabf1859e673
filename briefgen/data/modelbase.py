"""The records of the drafters' data, checked without loading pydantic when a file is right.

A model (an agenda, a dossier, a footnote, …) is a class of :class:`Base` with annotated
fields, as a pydantic model would be written: strict types, no unknown keys, frozen. Its
constraints are the markers below in ``Annotated`` (``Pattern``, ``AtLeast``,
``MinItems``, ``NotBlank``, ``Tag`` and ``Discriminator``).

Checking a file's data goes two ways (see :func:`briefgen.data.validation.validate`):

- the quick check here, in plain Python, builds the records when every value is plainly
  right: the type exactly (a text a ``str``, a date a ``datetime.date``), a pattern matched
  by an ASCII text of one line, every key known, every required key there. It never accepts
  what pydantic would refuse; when in doubt it gives up (``FAIL``);
- then pydantic, through a pydantic model made from the same annotations when first needed
  (:mod:`.pydantic_models`), decides, and says what is wrong with pydantic's own errors at
  their places in the file, as before.

Why: importing pydantic and building its twenty models took about 90 ms of a render's
300–450 ms of CPU (most of the gap to pandoc), and a valid file does not need them.

The records keep the part of pydantic's model interface the rest of briefgen uses
(``model_fields``, ``model_fields_set``, ``model_copy``, ``model_construct``,
``model_dump``), with pydantic's meaning; the JSON Schemas come from the pydantic models.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
from collections.abc import Callable
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    TypeVar,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
)

R = TypeVar("R", bound="Base")

FAIL: Any = object()
"""What the quick check returns when it cannot accept a value (pydantic decides then)."""


class Pattern:
    """A text matching ``regex`` (pydantic's ``Field(pattern=...)``)."""

    __slots__ = ("regex",)

    def __init__(self, regex: str):
        self.regex = regex


class AtLeast:
    """A number at least ``value`` (``Field(ge=...)``)."""

    __slots__ = ("value",)

    def __init__(self, value: int):
        self.value = value


class MinItems:
    """A list of at least ``count`` entries (``Field(min_length=...)``)."""

    __slots__ = ("count",)

    def __init__(self, count: int):
        self.count = count


class NotBlank:
    """A text with something besides spaces (reported like pydantic's own 'too short')."""

    __slots__ = ()


NOT_BLANK = NotBlank()


class Mark:
    """A marker that tells something about a field without constraining its value (the
    drafter's-text markers of :mod:`.provenance`, a ``Tag``). Any other marker the quick
    check does not know makes it give up on the field."""

    __slots__ = ()


class Tag(Mark):
    """A member of a union chosen by a :class:`Discriminator` (pydantic's ``Tag``)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class Discriminator:
    """A union whose member is the one tagged ``function(value)`` (pydantic's ``Discriminator``)."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], str]):
        self.function = function


class FieldInfo:
    """A field of a record: its full annotation (``Annotated`` and all), its default."""

    __slots__ = ("annotation", "default")

    def __init__(self, annotation: Any, default: Any):
        self.annotation = annotation
        self.default = default

    def is_required(self) -> bool:
        return self.default is _REQUIRED


_REQUIRED: Any = object()


class _RecordType(type):
    @property
    def model_fields(cls) -> dict[str, FieldInfo]:
        """The fields, their annotations resolved (on first use: it evaluates them)."""
        found: dict[str, FieldInfo] | None = cls.__dict__.get("_resolved")
        if found is None:
            hints = _annotations(cls)
            defaults: dict[str, Any] = cls.__dict__["_defaults"]
            found = {
                name: FieldInfo(hints[name], defaults.get(name, _REQUIRED)) for name in cls.__dict__["_names"]
            }
            cls._resolved = found
        return found


def _annotations(cls: type) -> dict[str, Any]:
    """The fields' annotations of a record class and the record classes it extends, evaluated."""
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if klass is Base or not issubclass(klass, Base):
            continue
        space = vars(sys.modules[klass.__module__])
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            if name in klass._names:
                found[name] = eval(annotation, space) if isinstance(annotation, str) else annotation  # noqa: S307
    return found


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Base(metaclass=_RecordType):
    """A frozen record of a drafter's file: strict types, no unknown keys."""

    __slots__ = ("__dict__", "_set")
    _names: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _check: ClassVar[Callable[[Any], Any] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [
            name
            for name, annotation in cls.__dict__.get("__annotations__", {}).items()
            if not str(annotation).startswith(("ClassVar", "typing.ClassVar"))
        ]
        cls._names = (*cls._names, *(name for name in own if name not in cls._names))
        cls._defaults = {
            **cls._defaults,
            **{name: cls.__dict__[name] for name in own if name in cls.__dict__},
        }
        cls._check = None

    def __init__(self, **values: Any) -> None:
        """A record of ``values``, which must be plainly right (``validate`` in
        :mod:`.validation` says what is wrong with a drafter's data)."""
        made = type(self).quick(values)
        if made is FAIL:
            raise ValueError(f"not a valid {type(self).__name__}: {values!r}")
        object.__setattr__(self, "_set", made.model_fields_set)
        self.__dict__.update(made.__dict__)

    @classmethod
    def quick(cls, data: Any) -> Any:
        """The record of ``data`` when plainly right, else ``FAIL``."""
        check = cls.__dict__.get("_check")
        if check is None:
            check = _record_check(cls)
            cls._check = check
        return check(data)

    @classmethod
    def model_construct(cls: type[R], **values: Any) -> R:
        """A record of ``values`` without checking them, the other fields at their defaults."""
        given = set(values)
        for name in cls._names:
            if name not in values and name in cls._defaults:
                values[name] = _fresh(cls._defaults[name])
        return _make(cls, {name: values[name] for name in cls._names if name in values}, given)

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the file gave (not those left at their defaults)."""
        found: set[str] = object.__getattribute__(self, "_set")
        return found

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        """A shallow copy, with the fields in ``update`` replaced (and counted as given)."""
        values = dict(self.__dict__)
        if update:
            values.update(update)
        return _make(type(self), values, self.model_fields_set | set(update or ()))

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        return {
            name: _dump(value, exclude_none)
            for name, value in self.__dict__.items()
            if not (exclude_none and value is None)
        }

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: '{name}' cannot be set")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: '{name}' cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Base):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_make, (type(self), dict(self.__dict__), set(self.model_fields_set)))


def _make(cls: type[R], values: dict[str, Any], given: set[str]) -> R:
    made = object.__new__(cls)
    object.__setattr__(made, "_set", given)
    made.__dict__.update(values)
    return made


def remap(value: Any, record: Callable[[Any], Any], kind: type = object) -> Any:
    """``value`` with each ``kind`` instance in it (in lists and mappings too) replaced by
    ``record(it)``; lists and mappings are new ones."""
    if isinstance(value, list):
        return [remap(item, record, kind) for item in value]
    if isinstance(value, dict):
        return {key: remap(item, record, kind) for key, item in value.items()}
    if isinstance(value, kind):
        return record(value)
    return value


def _fresh(default: Any) -> Any:
    """A default as a new value (as pydantic copies a list or mapping default for each record)."""
    return remap(default, _fresh_record, Base)


def _fresh_record(record: Base) -> Base:
    fields = {key: _fresh(item) for key, item in record.__dict__.items()}
    return _make(type(record), fields, set(record.model_fields_set))


def _dump(value: Any, exclude_none: bool) -> Any:
    return remap(value, lambda record: record.model_dump(exclude_none=exclude_none), Base)


def _record_check(cls: type[Base]) -> Callable[[Any], Any]:
    fields = cls.model_fields
    checks = {name: _check(info.annotation) for name, info in fields.items()}
    required = frozenset(name for name, info in fields.items() if info.is_required())
    defaults = {name: info.default for name, info in fields.items() if not info.is_required()}
    kept = {name: default for name, default in defaults.items() if type(default) in _KEPT}
    names = tuple(fields)

    def check(data: Any) -> Any:
        if type(data) is not dict:
            return FAIL
        given: dict[str, Any] = {}
        for key, value in data.items():
            field = checks.get(key) if type(key) is str else None
            if field is None:
                return FAIL
            value = field(value)
            if value is FAIL:
                return FAIL
            given[key] = value
        if not required <= given.keys():
            return FAIL
        values = {
            name: given[name] if name in given else kept[name] if name in kept else _fresh(defaults[name])
            for name in names
        }
        return _make(cls, values, set(given))

    return check


_KEPT = frozenset({type(None), str, int, float, bool})
"""The types of defaults that ``_fresh`` gives back as they are (no list, mapping or record)."""

_EXACT = {str: str, int: int, bool: bool, dt.date: dt.date, type(None): type(None)}


def _check(hint: Any) -> Callable[[Any], Any]:
    """The quick check of one annotation: the value (as pydantic makes it) or FAIL."""
    origin = get_origin(hint)
    if origin is Annotated:
        base, *metadata = get_args(hint)
        if base is str and all(isinstance(m, (NotBlank, Mark)) for m in metadata):
            if any(isinstance(m, NotBlank) for m in metadata):  # the usual text: one test
                return lambda value: value if type(value) is str and value and not value.isspace() else FAIL
            return lambda value: value if type(value) is str else FAIL
        discriminator = [m for m in metadata if isinstance(m, Discriminator)]
        inner = _tagged(base, discriminator[0]) if discriminator else _check(base)
        tests = [test for test in map(_constraint, metadata) if test is not None]
        if not tests:
            return inner

        if len(tests) == 1:  # every constraint of the models: one test, called without a loop
            (test,) = tests

            def constrained_once(value: Any) -> Any:
                value = inner(value)
                return FAIL if value is FAIL or not test(value) else value

            return constrained_once

        def constrained(value: Any) -> Any:
            value = inner(value)
            if value is FAIL or not all(test(value) for test in tests):
                return FAIL
            return value

        return constrained
    if origin in (Union, types.UnionType):
        members = [_check(member) for member in get_args(hint)]
        if len(members) == 2:  # `X | None` and the like: the second tried only when the first refuses
            first, second = members

            def either(value: Any) -> Any:
                made = first(value)
                return second(value) if made is FAIL else made

            return either

        def union(value: Any) -> Any:
            # The members of every union in the models take values of different types, so
            # that the first to accept a value is the one pydantic's smart mode would choose.
            for member in members:
                made = member(value)
                if made is not FAIL:
                    return made
            return FAIL

        return union
    if origin is list:
        (item,) = [_check(arg) for arg in get_args(hint)]

        def listed(value: Any) -> Any:
            if type(value) is not list:
                return FAIL
            made = []
            for entry in value:
                entry = item(entry)
                if entry is FAIL:
                    return FAIL
                made.append(entry)
            return made

        return listed
    if origin is dict:
        key_check, value_check = (_check(arg) for arg in get_args(hint))

        def mapping(value: Any) -> Any:
            if type(value) is not dict:
                return FAIL
            made = {}
            for key, entry in value.items():
                key, entry = key_check(key), value_check(entry)
                if key is FAIL or entry is FAIL:
                    return FAIL
                made[key] = entry
            return made

        return mapping
    if origin is Literal:
        allowed = [(type(choice), choice) for choice in get_args(hint)]
        return lambda value: value if (type(value), value) in allowed else FAIL
    if isinstance(hint, type) and issubclass(hint, Base):
        return lambda value: hint.quick(value)
    exact = _EXACT.get(hint)
    if exact is None:
        return lambda value: FAIL  # a type the quick check does not know: pydantic decides
    return lambda value: value if type(value) is exact else FAIL


def _tagged(union: Any, discriminator: Discriminator) -> Callable[[Any], Any]:
    members = {}
    for member in get_args(union):
        tags = (
            [m.name for m in get_args(member)[1:] if isinstance(m, Tag)]
            if get_origin(member) is Annotated
            else []
        )
        if len(tags) != 1:
            return lambda value: FAIL
        members[tags[0]] = _check(member)

    def tagged(value: Any) -> Any:
        member = members.get(discriminator.function(value))
        return FAIL if member is None else member(value)

    return tagged


def _constraint(marker: Any) -> Callable[[Any], bool] | None:
    """The test of one marker on a value of the right type; None for what only marks."""
    if isinstance(marker, NotBlank):
        return lambda value: bool(value) and not value.isspace()
    if isinstance(marker, Pattern):
        # pydantic matches with Rust's regex engine; an ASCII text of one line matches
        # these patterns alike in both (Python's `$` also matches before a final newline).
        search = re.compile(marker.regex).search
        return lambda value: value.isascii() and "\n" not in value and search(value) is not None
    if isinstance(marker, AtLeast):
        least = marker.value
        return lambda value: value >= least
    if isinstance(marker, MinItems):
        count = marker.count
        return lambda value: len(value) >= count
    if isinstance(marker, (Mark, Discriminator)):
        return None
    return lambda value: False  # a constraint the quick check does not know: pydantic decides

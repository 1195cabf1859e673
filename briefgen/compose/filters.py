"""The filters and globals a template may use, and no others.

Jinja's own filters that cannot make more than they are given are listed as they are;
those that can (``indent``, ``center``, ``replace``, ``join``, ``batch``, ``sum``) are
replaced by versions that check what they would make before they run. Every filter
counts as a step and its result is checked against the limits (:mod:`.limits`); a filter
that writes its value as text checks first how long that text would be (a list holding
one long text a hundred times); a filter that goes through a list, text or generator
counts each item as a step, like a loop.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
import jinja2.filters
from jinja2.exceptions import SecurityError
from jinja2.sandbox import safe_range
from jinja2.utils import Cycler, Joiner, Namespace

from ..data.provenance import Sourced, plain
from ..errors import _
from .quota import (
    as_text,
    as_texts,
    budget,
    check_items,
    check_text,
    checked,
    counted_items,
    memory,
    text_size,
)


def _indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = as_text(s)
    added = len(width) if isinstance(width, str) else int(width)
    check_text(len(text) + (text.count("\n") + 1) * max(added, 0))
    return jinja2.filters.do_indent(text, width, first, blank)


def _center(value: Any, width: int = 80) -> str:
    check_text(int(width))
    return jinja2.filters.do_center(as_text(value), width)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old, new = as_text(s), as_text(old), as_text(new)
    found = len(text) + 1 if old == "" else text.count(old)
    if count is not None and count >= 0:
        found = min(found, count)
    check_text(len(text) + found * max(len(new) - len(old), 0))
    return jinja2.filters.do_replace(eval_ctx, text, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    check_items(len(items))
    if attribute is not None:
        getter = jinja2.filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    d = as_text(d)
    texts = as_texts(items, len(d))
    check_text(sum(len(text) for text in texts) + len(d) * max(len(texts) - 1, 0))
    joined: str = jinja2.filters.do_join(eval_ctx, texts, d)
    return joined


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    check_items(int(linecount))
    return jinja2.filters.do_batch(value, linecount, fill_with)


@jinja2.pass_environment
def _sum(
    environment: jinja2.Environment, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    if not isinstance(start, int | float):
        raise SecurityError(_("the sum filter adds numbers only"))
    return jinja2.filters.do_sum(environment, iterable, attribute, start)


BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "indent": _indent,
    "center": _center,
    "replace": _replace,
    "join": _join,
    "batch": _batch,
    "sum": _sum,
}
"""Jinja's filters that can make more than they are given, each checked before it runs."""

JINJA_FILTERS = (
    "abs capitalize count d default dictsort first float groupby int items last length list lower map "
    "max min reject rejectattr reverse round select selectattr sort string title trim truncate unique "
    "upper wordcount"
).split()
"""Jinja's own filters that templates may use as they are (documented in docs/safety.md)."""

WRITING = frozenset("capitalize lower upper title trim truncate wordcount string".split())
"""Jinja's filters that write their value as text first."""
CASES = frozenset("capitalize lower upper title".split())
"""Of those, the ones that change letter case: at most three characters for one."""
ITERATING = frozenset(
    "list sort unique map select reject selectattr rejectattr groupby join sum max min batch".split()
)
"""Jinja's filters that go through every item of their value."""
CASELESS = frozenset("sort groupby dictsort".split())
"""Jinja's filters that sort texts in lower case unless told otherwise: a lower-case copy of
each text (or of each item's attribute), all held at once, counted against the budget."""

GLOBALS: dict[str, Any] = {
    "range": safe_range,
    "dict": dict,
    "namespace": Namespace,
    "cycler": Cycler,
    "joiner": Joiner,
}
"""The globals a template may use; ``range`` gives at most 100 000 numbers."""


def _lowered(name: str, arguments: dict[str, Any]) -> None:
    """Count the lower-case copies a CASELESS filter holds while it sorts."""
    value, attribute = arguments.get("value"), arguments.get("attribute")
    if name == "dictsort" and isinstance(value, dict):
        keys: list[Any] = [*value.keys(), *value.values()]
    elif not isinstance(value, list | tuple):
        return
    elif attribute is None:
        keys = list(value)
    else:
        environment = arguments["environment"]
        getter = jinja2.filters.make_multi_attrgetter(environment, attribute)
        keys = [part for item in value for part in getter(item)]
    budget().made(sum(memory(key) for key in keys if isinstance(key, str)))


def _value_checks(
    name: str, function: Callable[..., Any]
) -> Callable[[tuple[Any, ...], dict[str, Any], int], Any]:
    """What Jinja's filter ``name`` does to its value (after ``value_at`` arguments) before it
    runs (see WRITING, ITERATING, CASELESS); the value it is then given."""
    signature = inspect.signature(function) if name in CASELESS else None  # (a builtin's costs a tokenizer)

    def check(args: tuple[Any, ...], kwargs: dict[str, Any], value_at: int) -> Any:
        value = args[value_at]
        if name in WRITING:
            check_text(text_size(value) * (3 if name in CASES else 1))
        if signature is not None:
            try:
                arguments = signature.bind(*args, **kwargs).arguments
            except TypeError:
                arguments = {}  # the filter itself says what is wrong with its arguments
            if arguments and not arguments.get("case_sensitive", False):
                _lowered(name, arguments)
        if name in ITERATING or (name == "reverse" and isinstance(value, Iterator)):
            return counted_items(value)
        return value

    return check


MARK_SAFE = frozenset(
    {"indent", "trim", "join", "upper", "lower", "default", "d", "string", "standaard", "zinnen", "opsomming"}
)
"""Filters that treat a text with the marks of a drafter's value inside it (see
:mod:`briefgen.data.provenance`) as they treat the text itself; every other filter is given
the text without them, so that it makes what it makes without a source map."""
KEEP_ORIGIN = frozenset({"trim", "upper", "lower", "capitalize", "title", "hoofdletter"})
"""Filters whose result may be the drafter's text itself: it keeps its origin (see
:mod:`briefgen.data.provenance`) when it is, apart from the whitespace ``trim`` takes. A text
shown otherwise (in capitals) cannot be written back exactly, so an edit to it has no home."""


def _counted(
    function: Callable[..., Any],
    name: str | None = None,
    joins: bool = False,
    keeps: bool = False,
    unmarks: bool = False,
) -> Callable[..., Any]:
    """A filter that counts as a step and whose result is checked against the limits.

    ``name`` is Jinja's name of one of its own filters: its value is checked as
    :func:`_value_checks` says. With ``joins`` (briefgen's own filters, which may join the
    texts of a list into one), the texts in each list it is given must fit in one text
    together, and a generator it is given is made a list, item by item as steps. With
    ``keeps``, a drafter's text it is given comes out with its origin; with ``unmarks``, the
    texts it is given lose the marks of the values inside them.
    """
    checks = _value_checks(name, function) if name else None
    value_at = 1 if getattr(function, "jinja_pass_arg", None) else 0

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        budget().step()
        if unmarks:
            args = tuple(map(plain, args))
            if kwargs:
                kwargs = {key: plain(argument) for key, argument in kwargs.items()}
        if checks is not None and len(args) > value_at:
            args = (*args[:value_at], checks(args, kwargs, value_at), *args[value_at + 1 :])
        if joins:
            if any(isinstance(a, Iterator) for a in args):
                args = tuple(list(counted_items(a)) if isinstance(a, Iterator) else a for a in args)
            for argument in (*args, *kwargs.values()):
                if isinstance(argument, list | tuple):
                    check_text(sum(map(len, filter(_is_text, argument))))
        result = function(*args, **kwargs)
        value = args[value_at] if keeps and len(args) > value_at else None
        if isinstance(value, Sourced) and isinstance(result, str) and result == value.strip():
            result = value.like(result)
        return checked(result)

    return run


def _is_text(item: object) -> bool:
    return isinstance(item, str)


def template_filters(own: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter a template may use: Jinja's listed ones, the bounded ones and ``own``."""
    chosen = {name: jinja2.filters.FILTERS[name] for name in JINJA_FILTERS}
    bounded = {
        name: _counted(function, name, keeps=name in KEEP_ORIGIN, unmarks=name not in MARK_SAFE)
        for name, function in {**chosen, **BOUNDED_FILTERS}.items()
    }
    own_filters = {
        name: _counted(function, joins=True, keeps=name in KEEP_ORIGIN, unmarks=name not in MARK_SAFE)
        for name, function in own.items()
    }
    return {**bounded, **own_filters}

"""The filters and globals a template may use, and no others.

Jinja's own filters that cannot make more than they are given are listed as they are;
those that can (``indent``, ``center``, ``replace``, ``join``, ``batch``, ``sum``) are
replaced by versions that check what they would make before they run. Every filter
counts as a step and its result is checked against the limits (:mod:`.limits`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
import jinja2.filters
from jinja2.exceptions import SecurityError
from jinja2.sandbox import safe_range
from jinja2.utils import Cycler, Joiner, Namespace

from .limits import budget, check_items, check_text, checked


def _indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(s)
    added = len(width) if isinstance(width, str) else int(width)
    check_text(len(text) + (text.count("\n") + 1) * max(added, 0))
    return jinja2.filters.do_indent(text, width, first, blank)


def _center(value: Any, width: int = 80) -> str:
    check_text(int(width))
    return jinja2.filters.do_center(str(value), width)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
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
    check_text(sum(len(str(item)) for item in items) + len(str(d)) * max(len(items) - 1, 0))
    return jinja2.filters.do_join(eval_ctx, items, d)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    check_items(int(linecount))
    return jinja2.filters.do_batch(value, linecount, fill_with)


@jinja2.pass_environment
def _sum(
    environment: jinja2.Environment, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    if not isinstance(start, int | float):
        raise SecurityError("the sum filter adds numbers only")
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
"""Jinja's own filters that templates may use as they are (documented in the README)."""

GLOBALS: dict[str, Any] = {
    "range": safe_range,
    "dict": dict,
    "namespace": Namespace,
    "cycler": Cycler,
    "joiner": Joiner,
}
"""The globals a template may use; ``range`` gives at most 100 000 numbers."""


def _counted(function: Callable[..., Any], joins: bool = False) -> Callable[..., Any]:
    """A filter that counts as a step and whose result is checked against the limits.

    With ``joins`` (briefgen's own filters, which may join the texts of a list into one),
    the texts in each list it is given must fit in one text together.
    """

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        budget().step()
        if joins:
            for argument in (*args, *kwargs.values()):
                if isinstance(argument, list | tuple):
                    check_text(sum(len(item) for item in argument if isinstance(item, str)))
        return checked(function(*args, **kwargs))

    return run


def template_filters(own: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter a template may use: Jinja's listed ones, the bounded ones and ``own``."""
    chosen = {name: jinja2.filters.FILTERS[name] for name in JINJA_FILTERS}
    bounded = {name: _counted(function) for name, function in {**chosen, **BOUNDED_FILTERS}.items()}
    return {**bounded, **{name: _counted(function, joins=True) for name, function in own.items()}}

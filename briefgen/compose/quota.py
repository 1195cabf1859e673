"""What a template may make for one document: steps, text lengths, list sizes, number sizes.

Every loop iteration, filter and call is a step; every text and list a template makes is
checked against the limits and counted against the document's budget. A template that
goes past a limit stops with :class:`LimitExceeded`, in bounded time and memory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.utils import Namespace

from ..errors import _

MAX_STEPS = 1_000_000
"""Loop iterations, filters and calls (each call counting CALL_STEPS) one document may take."""
MAX_TEXT = 50_000_000
"""Characters in any text a template makes, its output included (bytes in any bytes it makes)."""
MAX_ITEMS = 1_000_000
"""Items in a list or tuple a template makes."""
MAX_MADE = 200_000_000
"""Bytes of memory of all the texts, bytes and lists a template makes for one document,
kept or not (a text of wide characters takes up to four bytes for each): what bounds a
template's memory, however it holds on to them."""
MAX_BITS = 4096
"""Bits in a whole number a template makes by multiplying or raising to a power."""
CALL_STEPS = 10
"""A call (of a macro, above all) costs as much as this many loop iterations."""


class LimitExceeded(SecurityError):
    """A template went past one of its limits."""


class Budget:
    """What one document's templates have used of their limits."""

    def __init__(self) -> None:
        self.steps = 0
        self.size = 0

    def made(self, size: int) -> None:
        """Count ``size`` bytes the templates made."""
        self.room(size)
        self.size += size

    def room(self, size: int) -> None:
        """Whether ``size`` more bytes fit in the budget; checked before a large text is made."""
        if self.size + size > MAX_MADE:
            raise LimitExceeded(
                _(
                    "the templates make more than {limit:,} bytes of texts and lists for one document",
                    limit=MAX_MADE,
                )
            )

    def step(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise LimitExceeded(
                _(
                    "the templates take more than {limit:,} loop iterations and calls for one document; look for a loop or macro that does not end",
                    limit=MAX_STEPS,
                )
            )


_BUDGET: ContextVar[Budget | None] = ContextVar("briefgen_template_budget", default=None)


def budget() -> Budget:
    """The budget of the document being rendered (:func:`with_fresh_budget` starts one per document)."""
    current = _BUDGET.get()
    if current is None:
        current = Budget()
        _BUDGET.set(current)
    return current


def with_fresh_budget(action: Callable[[], Any]) -> Any:
    """Run ``action`` (the render of one document) with a budget of its own."""
    token = _BUDGET.set(Budget())
    try:
        return action()
    finally:
        _BUDGET.reset(token)


def check_text(length: int) -> None:
    if length > MAX_TEXT:
        raise LimitExceeded(_("this makes a text of more than {limit:,} characters", limit=MAX_TEXT))


def check_items(length: int) -> None:
    if length > MAX_ITEMS:
        raise LimitExceeded(_("this makes a list of more than {limit:,} items", limit=MAX_ITEMS))


def _check_bits(bits: int) -> None:
    if bits > MAX_BITS:
        raise LimitExceeded(_("this makes a number of more than {limit} bits", limit=MAX_BITS))


TEXTS = (str, bytes, bytearray)
"""What a template may make of a size it chooses, counted in characters or bytes."""
SEQUENCES = (*TEXTS, list, tuple)
"""What ``*`` repeats and ``+`` joins: texts and lists."""


def memory(value: Any) -> int:
    """The bytes a text, bytes or list takes (a list: its references, not what they refer to)."""
    return sys.getsizeof(value)


def _width(value: Any) -> int:
    """At most the bytes one item of ``value`` (a text, bytes or list) takes."""
    if isinstance(value, str):
        return 1 if value.isascii() else 4
    return 1 if isinstance(value, bytes | bytearray) else 8


def check_size(value: Any, length: int) -> None:
    """Whether a text, bytes or list as long as ``length`` (like ``value``) is within its
    limit and fits in the document's budget."""
    if isinstance(value, bytes | bytearray):
        if length > MAX_TEXT:
            raise LimitExceeded(_("this makes more than {limit:,} bytes", limit=MAX_TEXT))
    else:
        (check_text if isinstance(value, str) else check_items)(length)
    budget().room(length * _width(value))


def check_joined(texts: list[str]) -> None:
    """Whether ``texts`` joined into one are within the limits, before they are joined."""
    length = sum(len(text) for text in texts)
    check_text(length)
    budget().room(length * max((_width(text) for text in texts), default=1))


def checked(value: Any) -> Any:
    """A text, bytes or list a template made, checked and counted against the budget."""
    if isinstance(value, str):  # the usual case: check_size and made, for a text, at once
        length = len(value)
        if length > MAX_TEXT:
            check_text(length)
        current = _BUDGET.get() or budget()
        size = sys.getsizeof(value)
        width = length if value.isascii() else length * 4
        if current.size + max(width, size) > MAX_MADE:  # what room(width), then made(size), refuse
            current.room(max(width, size))
        current.size += size
        return value
    if isinstance(value, SEQUENCES):
        check_size(value, len(value))
        budget().made(memory(value))
    return value


def counted_items(iterable: Iterable[Any]) -> Iterator[Any]:
    """The items of ``iterable``, each a step of the budget (like a loop's iteration)."""
    current = _BUDGET.get() or budget()
    for item in iterable:
        current.step()
        yield item


def text_size(value: Any) -> int:
    """At most how many characters ``str(value)`` makes, found without making it.

    A list (or tuple, dict, namespace) is written with the repr of what it holds, however
    often it holds the same thing: ``[t] * 100`` is a hundred times ``t``. The walk stops as
    soon as the size is past MAX_TEXT. An undefined value inside a list is the error it is
    when written on its own ("[Undefined]" never reaches a document).
    """
    sizes: dict[int, int] = {}

    def size(item: Any, limit: int) -> int:
        if isinstance(item, str):
            # repr escapes at most ten characters for one (\U0010ffff), two for a printable one.
            return len(item) * (2 if item.isprintable() else 10) + 3
        if isinstance(item, bytes | bytearray):
            return len(item) * 4 + 14
        if isinstance(item, jinja2.Undefined):
            return len(str(item))
        if isinstance(item, Namespace):
            item = item._Namespace__attrs  # the same dict each time
        if isinstance(item, dict):
            children: Iterable[Any] = (part for pair in item.items() for part in pair)
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            return 64
        known = sizes.get(id(item))
        if known is not None:
            return known
        sizes[id(item)] = 8  # what holds itself is written as [...] inside itself
        total = 16
        for child in children:
            total += size(child, limit - total) + 2
            if total > limit:
                break
        sizes[id(item)] = total
        return total

    if isinstance(value, str):
        return len(value)
    try:
        return size(value, MAX_TEXT)
    except RecursionError:
        raise LimitExceeded(_("this writes lists nested too deeply to be written as text")) from None


def as_text(value: Any) -> str:
    """``str(value)``, refused before it is made if it would be past MAX_TEXT.

    A drafter's text (a ``str`` subclass, :class:`briefgen.data.provenance.Sourced`) comes
    with the marks of its origin, a few characters more than its length."""
    if isinstance(value, str):
        return str(value)
    check_text(text_size(value))
    return str(value)


def as_texts(values: Iterable[Any], separator: int = 0) -> list[str]:
    """``str`` of each value, refused as soon as they would together pass MAX_TEXT, before
    the next is made: a thousand items of a megabyte each are stopped at the fiftieth, not
    made whole (a gigabyte) and refused after."""
    texts: list[str] = []
    total = 0
    for value in values:
        total += (len(value) if isinstance(value, str) else text_size(value)) + (separator if texts else 0)
        check_text(total)
        texts.append(str(value))
    return texts


def _size(value: Any) -> int | None:
    """The length of a text, bytes, list or tuple; None for anything else."""
    return len(value) if isinstance(value, SEQUENCES) else None


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        length = _size(sequence)
        if length is not None and isinstance(times, int):
            check_size(sequence, length * max(times, 0))
    if isinstance(left, int) and isinstance(right, int):
        _check_bits(left.bit_length() + right.bit_length())


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _check_bits(base.bit_length() * min(exponent, MAX_BITS + 1))


def _check_add(left: Any, right: Any) -> None:
    sizes = (_size(left), _size(right))
    if sizes[0] is not None and sizes[1] is not None:
        check_size(left, sizes[0] + sizes[1])


def _check_modulo(left: Any, right: Any) -> None:
    if isinstance(left, TEXTS):
        raise SecurityError(_("'%' formatting of text is not available in templates; join texts with ~"))


BINOP_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "*": _check_repeat,
    "**": _check_power,
    "+": _check_add,
    "%": _check_modulo,
}
"""What each operator a template may use would make, checked before it runs."""

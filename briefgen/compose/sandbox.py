"""The Jinja environment templates run in: what a template may do, and no more.

Whoever can write ``templates/`` writes code that runs as whoever renders. So templates
run in Jinja's immutable sandbox (no underscore attributes, no changing lists or dicts
in place), see only the filters and globals listed here, read only regular files inside
``templates/``, and work within a budget per document: loop iterations and calls, the
length of any text they make, the size of numbers and lists. A template that goes past
a limit stops with a template error at its line, in bounded time and memory.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import jinja2
import jinja2.filters
import jinja2.nodes as nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import Cycler, Joiner, Namespace
from jinja2.visitor import NodeTransformer

from ..errors import Location, fail

MAX_STEPS = 1_000_000
"""Loop iterations, filters and calls (each call counting CALL_STEPS) one document may take."""
MAX_TEXT = 50_000_000
"""Characters in any text a template makes, its output included."""
MAX_ITEMS = 1_000_000
"""Items in a list or tuple a template makes."""
MAX_MADE = 4 * MAX_TEXT
"""Characters of all the texts (and items of all the lists) a template makes for one
document, kept or not: what bounds a template's memory, however it holds on to them."""
MAX_BITS = 4096
"""Bits in a whole number a template makes by multiplying or raising to a power."""
MAX_TEMPLATE_BYTES = 1_000_000
"""Size of one template file."""

# Methods of text and dates that would make a text of a size the template chooses
# (``'x'.center(10**10)``) or format with widths; the filters below do it within limits.
REFUSED_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "replace", "join", "strftime"}
)


class LimitExceeded(SecurityError):
    """A template went past one of its limits."""


CALL_STEPS = 10
"""A call (of a macro, above all) costs as much as this many loop iterations."""


class Budget:
    """What one document's templates have used of their limits."""

    def __init__(self) -> None:
        self.steps = 0
        self.size = 0

    def made(self, size: int) -> None:
        self.size += size
        if self.size > MAX_MADE:
            raise LimitExceeded(
                f"the templates make more than {MAX_MADE:,} characters of text or list items for one document"
            )

    def step(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise LimitExceeded(
                f"the templates take more than {MAX_STEPS:,} loop iterations and calls for one "
                "document; look for a loop or macro that does not end"
            )


_BUDGET: ContextVar[Budget | None] = ContextVar("briefgen_template_budget", default=None)


def _budget() -> Budget:
    """The budget of the document being rendered (``Sandbox.run`` starts one per document)."""
    budget = _BUDGET.get()
    if budget is None:
        budget = Budget()
        _BUDGET.set(budget)
    return budget


def _text(length: int) -> None:
    if length > MAX_TEXT:
        raise LimitExceeded(f"this makes a text of more than {MAX_TEXT:,} characters")


def _items(length: int) -> None:
    if length > MAX_ITEMS:
        raise LimitExceeded(f"this makes a list of more than {MAX_ITEMS:,} items")


def _bits(bits: int) -> None:
    if bits > MAX_BITS:
        raise LimitExceeded(f"this makes a number of more than {MAX_BITS} bits")


def _checked(value: Any) -> Any:
    """A text or list a template made, checked and counted against the budget."""
    if isinstance(value, str):
        _text(len(value))
        _budget().made(len(value))
    elif isinstance(value, list | tuple):
        _items(len(value))
        _budget().made(len(value))
    return value


def _size(value: Any) -> int | None:
    """The length of a text, list or tuple; None for anything else."""
    return len(value) if isinstance(value, str | list | tuple) else None


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        length = _size(sequence)
        if length is not None and isinstance(times, int):
            (_text if isinstance(sequence, str) else _items)(length * max(times, 0))
    if isinstance(left, int) and isinstance(right, int):
        _bits(left.bit_length() + right.bit_length())


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _bits(base.bit_length() * min(exponent, MAX_BITS + 1))


def _check_add(left: Any, right: Any) -> None:
    sizes = (_size(left), _size(right))
    if sizes[0] is not None and sizes[1] is not None:
        (_text if isinstance(left, str) else _items)(sizes[0] + sizes[1])


def _check_modulo(left: Any, right: Any) -> None:
    if isinstance(left, str):
        raise SecurityError("'%' formatting of text is not available in templates; join texts with ~")


BINOP_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "*": _check_repeat,
    "**": _check_power,
    "+": _check_add,
    "%": _check_modulo,
}


# Filters that can make more than they are given, each checked before it runs.


def _indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(s)
    added = len(width) if isinstance(width, str) else int(width)
    _text(len(text) + (text.count("\n") + 1) * max(added, 0))
    return jinja2.filters.do_indent(text, width, first, blank)


def _center(value: Any, width: int = 80) -> str:
    _text(int(width))
    return jinja2.filters.do_center(str(value), width)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    found = len(text) + 1 if old == "" else text.count(old)
    if count is not None and count >= 0:
        found = min(found, count)
    _text(len(text) + found * max(len(new) - len(old), 0))
    return jinja2.filters.do_replace(eval_ctx, text, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    _items(len(items))
    if attribute is not None:
        getter = jinja2.filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    _text(sum(len(str(item)) for item in items) + len(str(d)) * max(len(items) - 1, 0))
    return jinja2.filters.do_join(eval_ctx, items, d)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _items(int(linecount))
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

JINJA_FILTERS = (
    "abs capitalize count d default dictsort first float groupby int items last length list lower map "
    "max min reject rejectattr reverse round select selectattr sort string title trim truncate unique "
    "upper wordcount"
).split()
"""Jinja's own filters that templates may use as they are (documented in the README)."""


def _counted(function: Callable[..., Any], joins: bool = False) -> Callable[..., Any]:
    """A filter that counts as a step and whose result is checked against the limits.

    With ``joins`` (briefgen's own filters, which may join the texts of a list into one),
    the texts in each list it is given must fit in one text together.
    """

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        _budget().step()
        if joins:
            for argument in (*args, *kwargs.values()):
                if isinstance(argument, list | tuple):
                    _text(sum(len(item) for item in argument if isinstance(item, str)))
        return _checked(function(*args, **kwargs))

    return run


def filters(own: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter a template may use: Jinja's listed ones, the bounded ones and ``own``."""
    chosen = {name: jinja2.filters.FILTERS[name] for name in JINJA_FILTERS}
    bounded = {name: _counted(function) for name, function in {**chosen, **BOUNDED_FILTERS}.items()}
    return {**bounded, **{name: _counted(function, joins=True) for name, function in own.items()}}


GLOBALS: dict[str, Any] = {
    "range": safe_range,
    "dict": dict,
    "namespace": Namespace,
    "cycler": Cycler,
    "joiner": Joiner,
}
"""The globals a template may use; ``range`` gives at most 100 000 numbers."""


class _Bounded(NodeTransformer):
    """Routes every loop's items and every ``~`` through the environment's budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _through("iterate", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _through("checked", node)


def _through(method: str, node: nodes.Expr) -> nodes.Expr:
    return nodes.Call(nodes.EnvironmentAttribute(method), [node], [], None, None, lineno=node.lineno)


class _Compiler(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(_Bounded().visit(node), frame)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with briefgen's filters, globals and limits."""

    code_generator_class = _Compiler
    intercepted_binops = frozenset(BINOP_CHECKS)

    def __init__(self, loader: jinja2.BaseLoader, own_filters: dict[str, Callable[..., Any]]):
        super().__init__(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.filters = filters(own_filters)
        self.globals = dict(GLOBALS)

    def run(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` (a render) with a fresh budget for one document."""
        token = _BUDGET.set(Budget())
        try:
            return action()
        finally:
            _BUDGET.reset(token)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in REFUSED_METHODS and callable(value):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` is refused like the other methods in REFUSED_METHODS (widths)."""
        return None

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        BINOP_CHECKS[operator](left, right)
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _budget().step(CALL_STEPS)
        if isinstance(__obj, LoopContext) and args:
            args = (__self.iterate(args[0]), *args[1:])
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def iterate(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.step()
            yield item

    def checked(self, value: Any) -> Any:
        return _checked(value)

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """Output and captured blocks, stopped as soon as they grow past the limit."""
        parts: list[str] = []
        length = 0
        for piece in pieces:
            length += len(piece)
            if length > MAX_TEXT:
                error = LimitExceeded(f"the template writes more than {MAX_TEXT:,} characters")
                throw = getattr(pieces, "throw", None)
                if throw is None:
                    raise error
                throw(error)
            parts.append(piece)
        _budget().made(length)
        return "".join(parts)


class Loader(jinja2.BaseLoader):
    """Reads templates from ``folders`` (first match wins), only regular files inside ``root``.

    A link is followed only when what it points at is inside ``root`` too: a link in
    ``templates/`` to ``/etc/passwd`` is refused, never read into a document.
    """

    def __init__(self, folders: list[Path], root: Path):
        self.folders = folders
        self.root = root
        self.inside = root.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if os.path.lexists(path):
                return self._read(path)
        raise jinja2.TemplateNotFound(template)

    def _read(self, path: Path) -> tuple[str, str, Callable[[], bool]]:
        where = Location((Path(self.root.name) / path.relative_to(self.root)).as_posix())
        target = path.resolve()
        if not target.is_relative_to(self.inside):
            raise fail(
                where,
                "this template is a link to a file outside templates/; templates read only files inside it",
            )
        try:
            descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as error:
            raise fail(where, f"cannot read this template: {error.strerror}") from None
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise fail(where, "this template is not a regular file")
            data = file.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            raise fail(where, f"this template is larger than {MAX_TEMPLATE_BYTES:,} bytes")
        return _decode(data, where), str(path), _unchanged(path, info.st_mtime_ns)


def _decode(data: bytes, where: Location) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise fail(
            Location(where.path, line, column),
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
        ) from None


def _unchanged(path: Path, mtime: int) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return os.stat(path).st_mtime_ns == mtime
        except OSError:
            return False

    return check


__all__ = ["Sandbox", "Loader", "LimitExceeded", "GLOBALS", "JINJA_FILTERS", "BOUNDED_FILTERS"]

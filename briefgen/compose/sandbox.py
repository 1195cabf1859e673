"""The Jinja environment templates run in: what a template may do, and no more.

Whoever can write ``templates/`` writes code that runs as whoever renders. So templates
run in Jinja's immutable sandbox (no underscore attributes, no changing lists or dicts
in place), see only the filters and globals of :mod:`.filters`, read only regular files
inside ``templates/`` (:mod:`.loader`), and work within a budget per document
(:mod:`.limits`): loop iterations and calls, the length of any text or bytes they make
(checked before it is made: what ``~``, output, repetition and the methods of texts
(:mod:`.methods`) would make), the size of numbers and lists. A template that goes past a
limit stops with a template error at its line, in bounded time and memory.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

import jinja2
import jinja2.nodes as nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from ..data.provenance import plain, sliced
from ..errors import _
from . import methods
from .filters import GLOBALS, template_filters
from .quota import (
    BINOP_CHECKS,
    CALL_STEPS,
    MAX_TEXT,
    TEXTS,
    LimitExceeded,
    as_text,
    as_texts,
    budget,
    check_joined,
    checked,
    counted_items,
    memory,
    with_fresh_budget,
)
from .reads import Watched

# Methods of other objects that would make a text of a size the template chooses or
# format with widths (a date's strftime; the filters do it within limits), or bytes or a
# number of any size (an int's to_bytes and from_bytes). Texts' methods: see .methods.
REFUSED_METHODS = frozenset({"format", "format_map", "strftime", "to_bytes", "from_bytes"})
_DICT_ATTRIBUTES = frozenset(dir(dict))
"""The names ``getattr`` finds on any dict (a dict has no attributes of its own)."""
VIEW_MAPPINGS = (dict, Watched)


def _marked_as_taking_eval_context(function: Any) -> bool:
    """Whether Jinja's Context.call gives ``function`` the evaluation context first: marked
    as the public ``pass_eval_context`` marks a function (Jinja 3). Where Jinja marks
    otherwise, False: a macro is then called through Jinja's own call."""
    mark = getattr(jinja2.pass_eval_context(lambda: None), "jinja_pass_arg", None)
    return mark is not None and getattr(function, "jinja_pass_arg", None) is mark


_MACRO_TAKES_EVAL_CONTEXT = _marked_as_taking_eval_context(Macro.__call__)
"""How Jinja's Context.call calls a macro (Jinja 3): with the evaluation context first."""

STOPPED = "value was undefined because a callable raised a StopIteration exception"
"""Context.call's undefined value for a call that raised StopIteration."""


DECISIONS_KEPT = 4096
"""Attribute decisions a sandbox keeps (types times names a template reads); past it, it decides each time."""


class _Bounded(NodeTransformer):
    """Routes every loop's items and every ``~`` through the environment's budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _through("iterate", cast(nodes.Expr, node.iter))  # a loop's items are an expression
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _through("joined", nodes.List(node.nodes, lineno=node.lineno))

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        """A slice (which Jinja makes without the environment) cuts a text as its letters,
        the marks of drafters' values aside (:func:`briefgen.data.provenance.sliced`)."""
        self.generic_visit(node)
        if not isinstance(node.arg, nodes.Slice):
            return node
        bounds = [part or nodes.Const(None) for part in (node.arg.start, node.arg.stop, node.arg.step)]
        return nodes.Call(
            nodes.EnvironmentAttribute("sliced"), [node.node, *bounds], [], None, None, lineno=node.lineno
        )


def _through(method: str, node: nodes.Expr) -> nodes.Expr:
    return nodes.Call(nodes.EnvironmentAttribute(method), [node], [], None, None, lineno=node.lineno)


class _Compiler(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(_Bounded().visit(node), frame)


class _Undefined(jinja2.StrictUndefined):
    """An undefined value whose error names the field of the view it was looked up in
    (``punten[0] has no field 'x'``), not a Python class."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        path = getattr(self._undefined_obj, "_watched_path", None)
        if self._undefined_hint or not isinstance(path, tuple) or not path:
            return super()._undefined_message
        shown = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
        return _("{shown} has no field {name!r}", shown=shown, name=self._undefined_name)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with briefgen's filters, globals and limits."""

    code_generator_class = _Compiler
    intercepted_binops = frozenset(BINOP_CHECKS)
    loader: jinja2.BaseLoader  # always given

    def __init__(self, loader: jinja2.BaseLoader, own_filters: dict[str, Callable[..., Any]]):
        super().__init__(
            loader=loader,
            undefined=_Undefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=as_text,
        )
        self.filters = template_filters(own_filters)
        self.globals = dict(GLOBALS)
        self._decided: dict[tuple[type, str, bool], bool] = {}
        self._decided_token: object = abc.get_cache_token()

    def run(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` (a render) with a fresh budget for one document."""
        return with_fresh_budget(action)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Whether a template may read ``obj.attr`` (``value``): decided once per type of
        ``obj``, name and whether ``value`` is callable, which is all the decision reads
        (the type through ``isinstance``, also against the collections' abstract classes:
        a class registered with one of them since starts the decisions afresh)."""
        kind = type(obj)
        key = (kind, attr, callable(value))
        token = abc.get_cache_token()
        if token != self._decided_token:
            self._decided.clear()
            self._decided_token = token
        plain_class = obj.__class__ is kind  # else isinstance also looks at what __class__ says
        known = self._decided.get(key) if plain_class else None
        if known is None:
            known = self._safe_attribute(obj, attr, value)
            if plain_class and len(self._decided) < DECISIONS_KEPT:
                self._decided[key] = known
        return known

    def _safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if callable(value) and (
            not methods.allowed(obj, attr) if isinstance(obj, TEXTS) else attr in REFUSED_METHODS
        ):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def sliced(self, value: Any, start: Any, stop: Any, step: Any) -> Any:
        return sliced(value, start, stop, step)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``obj[argument]``; a text with the marks of drafters' values inside is sliced without them."""
        return super().getitem(plain(obj), argument)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute``; a text's methods see it without the marks of the values inside it.

        A field of the view (a key of its mappings that names none of a dict's attributes) is
        looked up at once: Jinja's way, trying the attribute first, raises and catches an error
        for each. A watched mapping has attributes of its own, all starting with ``_``."""
        if type(obj) in VIEW_MAPPINGS and attribute not in _DICT_ATTRIBUTES and attribute[:1] != "_":
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(plain(obj), attribute)

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` is refused like the other methods in REFUSED_METHODS (widths)."""
        return None

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        BINOP_CHECKS[operator](left, right)
        return checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget().step(CALL_STEPS)
        if type(__obj) is Macro and _MACRO_TAKES_EVAL_CONTEXT:
            # A template's macro, called as Context.call calls it (a macro takes the evaluation
            # context), without Jinja's is_safe_callable: a macro is always safe to call (it
            # has no attributes a template could set to say otherwise).
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                made: Any = __obj(__context.eval_ctx, *args, **kwargs)
            except StopIteration:
                made = __context.environment.undefined(STOPPED)
            return checked(made)
        if isinstance(__obj, LoopContext) and args:
            args = (__self.iterate(args[0]), *args[1:])
        if methods.text_method(__obj):
            # Jinja passes a loop's and a block's variables along for Context.call to take off.
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return checked(methods.call(__obj, args, kwargs))
        return checked(super().call(__context, __obj, *args, **kwargs))

    def iterate(self, iterable: Iterable[Any]) -> Iterator[Any]:
        return counted_items(iterable)

    def joined(self, values: list[Any]) -> str:
        """What ``~`` makes of ``values``, refused before it is made if past MAX_TEXT."""
        texts = as_texts(values)
        check_joined(texts)
        joined: str = checked("".join(texts))
        return joined

    def concat(self, pieces: Iterable[str]) -> str:
        """Output and captured blocks, stopped as soon as they grow past the limit."""
        parts: list[str] = []
        length = 0
        for piece in pieces:
            length += len(piece)
            if length > MAX_TEXT:
                error = LimitExceeded(_("the template writes more than {limit:,} characters", limit=MAX_TEXT))
                throw = getattr(pieces, "throw", None)
                if throw is None:
                    raise error
                throw(error)
            parts.append(piece)
        text = "".join(parts)
        budget().made(memory(text))
        return text

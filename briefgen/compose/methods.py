"""The methods of texts and bytes a template may call, each checked for what it would make
before it runs.

A template gets texts from the data and makes more with ``~``, filters and methods. Every
method listed here makes at most what a limit of :mod:`.limits` allows: ``center`` and
``zfill`` their width, ``replace`` and ``expandtabs`` what they add, ``translate`` the
texts its table puts in, ``join`` its parts, ``split`` and ``splitlines`` their pieces,
``encode`` measured piece by piece whatever the codec, ``decode`` by the bytes it gets. A method not listed here
(``format``, ``format_map``, ``maketrans``, ``fromhex``) is refused.
"""

from __future__ import annotations

import codecs
import types
from collections.abc import Callable, Iterable
from typing import Any

from jinja2.exceptions import SecurityError

from ..errors import _
from .quota import MAX_ITEMS, TEXTS, check_items, check_size, check_text

Method = Callable[..., Any]

KEEPING = frozenset(
    (
        "startswith endswith find rfind index rindex count isalnum isalpha isascii isdecimal isdigit "
        "isidentifier islower isnumeric isprintable isspace istitle isupper strip lstrip rstrip "
        "removeprefix removesuffix partition rpartition"
    ).split()
)
"""Methods that make no more than they are given."""

CASES = frozenset("lower upper casefold title capitalize swapcase".split())
"""Methods that change letter case: at most three characters for one (``'ΐ'.upper()``)."""

PIECE = 1 << 16
"""Characters (or bytes) encoded or decoded at a time: what one step of a codec may make is
at most a few megabytes, whatever its expansion."""

LINE_BREAKS: dict[type, str] = {
    str: "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    bytes: "\n\r",
    bytearray: "\n\r",
}
"""What ``splitlines`` splits at, by the type of the text."""

WHOLE_TEXT_CODECS = frozenset({"punycode"})
"""Codecs that encode a text as a whole (in quadratic time), not piece by piece: refused."""

TRANSLATE_WORK = 50_000_000
"""Characters ``translate`` may look through to count what its table adds exactly; past
this, every character counts as the longest text the table puts in."""


def _case(method: Method, text: Any) -> Any:
    check_size(text, len(text) * (3 if isinstance(text, str) else 1))
    return method()


def _pad(method: Method, text: Any, width: Any, *rest: Any) -> Any:
    if isinstance(width, int):
        check_size(text, width)
    return method(width, *rest)


def _replace(method: Method, text: Any, old: Any, new: Any, count: Any = -1) -> Any:
    if isinstance(old, type(text)) and isinstance(new, type(text)):
        found = len(text) + 1 if not old else text.count(old)
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        check_size(text, len(text) + found * max(len(new) - len(old), 0))
    return method(old, new, count)


def _expandtabs(method: Method, text: Any, tabsize: Any = 8) -> Any:
    if isinstance(tabsize, int):
        tabs = text.count(b"\t" if isinstance(text, bytes | bytearray) else "\t")
        check_size(text, len(text) + tabs * max(tabsize, 0))
    return method(tabsize)


def _join(method: Method, text: Any, parts: Iterable[Any]) -> Any:
    items: list[Any] = []
    size = 0
    for item in parts:
        items.append(item)
        check_items(len(items))
        size += len(item) + len(text) if isinstance(item, TEXTS) else 0
        check_size(text, size)
    return method(items)


def _split(method: Method, text: Any, sep: Any = None, maxsplit: Any = -1) -> Any:
    if isinstance(maxsplit, int):
        maxsplit = MAX_ITEMS if maxsplit < 0 else min(maxsplit, MAX_ITEMS)
    pieces = method(sep, maxsplit)
    check_items(len(pieces))
    return pieces


def _splitlines(method: Method, text: Any, *args: Any, **kwargs: Any) -> Any:
    breaks = LINE_BREAKS[type(text)]
    if isinstance(text, bytes | bytearray):
        check_items(1 + sum(text.count(ord(mark)) for mark in breaks))
    else:
        check_items(1 + sum(text.count(mark) for mark in breaks))
    return method(*args, **kwargs)


def _growth(table: Any) -> list[tuple[int, int]]:
    """What a ``str.translate`` table adds: (code point, characters more than one) of each entry."""
    if isinstance(table, dict):
        entries: Iterable[tuple[Any, Any]] = table.items()
    elif isinstance(table, str | list | tuple):
        entries = enumerate(table)
    else:
        raise SecurityError(_("translate takes a dict, list or text as its table in templates"))
    return [
        (key, len(value) - 1)
        for key, value in entries
        if isinstance(key, int) and 0 <= key <= 0x10FFFF and isinstance(value, str) and len(value) > 1
    ]


def _translate(method: Method, text: Any, table: Any, *rest: Any) -> Any:
    if isinstance(text, str):
        growth = _growth(table)
        if len(growth) * len(text) <= TRANSLATE_WORK:
            added = sum(text.count(chr(key)) * more for key, more in growth)
        else:
            added = len(text) * max(more for _, more in growth)
        check_text(len(text) + added)
    return method(table, *rest)


def _piecewise_codec(encoding: Any) -> None:
    if isinstance(encoding, str) and codecs.lookup(encoding).name in WHOLE_TEXT_CODECS:
        raise SecurityError(_("the codec '{encoding}' is not available in templates", encoding=encoding))


def _measured(text: str, encoding: str, errors: str) -> int:
    """How many bytes ``text`` encodes to, encoded piece by piece and refused as soon as
    that is past MAX_TEXT; only one piece is held at a time."""
    encoder = codecs.getincrementalencoder(encoding)(errors)
    size = 0
    for start in range(0, len(text) + 1, PIECE):
        made = encoder.encode(text[start : start + PIECE], final=start + PIECE > len(text))
        size += len(made)
        check_size(made, size)
    return size


def _encode(method: Method, text: str, encoding: Any = "utf-8", errors: Any = "strict") -> bytes:
    "".encode(encoding, errors)  # what is not a text encoding is refused as str.encode refuses it
    _piecewise_codec(encoding)
    _measured(text, encoding, errors)
    encoded: bytes = method(
        encoding, errors
    )  # in one go: a stateless codec's pieces may differ at their ends
    return encoded


def _decode(method: Method, data: bytes | bytearray, encoding: Any = "utf-8", errors: Any = "strict") -> str:
    b"".decode(encoding, errors)  # what is not a text encoding is refused as bytes.decode refuses it
    _piecewise_codec(encoding)
    check_text(len(data) * (4 if errors == "backslashreplace" else 1))  # '\\xff' for a byte at most
    decoded: str = method(encoding, errors)
    return decoded


def _hex(method: Method, data: bytes | bytearray, *args: Any) -> str:
    check_text(3 * len(data))  # two digits a byte and at most one separator
    digits: str = method(*args)
    return digits


RULES: dict[str, Callable[..., Any]] = {
    **{name: _case for name in CASES},
    "center": _pad,
    "ljust": _pad,
    "rjust": _pad,
    "zfill": _pad,
    "replace": _replace,
    "expandtabs": _expandtabs,
    "join": _join,
    "split": _split,
    "rsplit": _split,
    "splitlines": _splitlines,
    "translate": _translate,
    "encode": _encode,
    "decode": _decode,
    "hex": _hex,
}
"""The methods that could make more than they are given, each with its check."""


def allowed(owner: Any, name: str) -> bool:
    """Whether a template may use method ``name`` of a text or bytes ``owner``."""
    return name in KEEPING or name in RULES and hasattr(owner, name)


def text_method(method: Any) -> bool:
    """Whether ``method`` is a method of a text or bytes (then :func:`call` runs it)."""
    return isinstance(method, types.BuiltinMethodType) and isinstance(
        getattr(method, "__self__", None), TEXTS
    )


def call(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Call a text's or bytes' ``method`` as a template asked, if what it makes is within the limits."""
    owner, name = method.__self__, method.__name__
    if not allowed(owner, name):
        raise SecurityError(
            _(
                "the {kind} method '{name}' is not available in templates",
                kind=type(owner).__name__,
                name=name,
            )
        )
    if name in KEEPING:
        return method(*args, **kwargs)
    return RULES[name](method, owner, *args, **kwargs)

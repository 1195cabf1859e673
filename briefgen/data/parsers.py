"""Two YAML parsers, one meaning: the node tree of a file, from libyaml when it can.

libyaml (through PyYAML's C parser, about twenty times faster) composes well-formed
files, with plain scalars resolved by YAML 1.2 core rules like ruamel.yaml's; when
libyaml rejects a file, ruamel.yaml parses it again so that the error message and its
position are the ones documented in docs/errors.md.

Why two: measured on the example project (a fresh process, imports included), reading one
agenda and the twelve position files takes 12 ms with libyaml and 42 ms with ruamel.yaml
alone; warm, composing the 25 example files takes 4 ms against 53 ms (about 2 ms a file
saved). Thirty milliseconds on every command, growing with the project, pays for the
resolver table below; ``tests/test_yaml_paths.py`` checks both parsers read alike.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ..errors import Location, _, fail

TAG = "tag:yaml.org,2002:"

EMPTY: Any = object()
"""The node tree of a file that holds no value."""

# YAML 1.2 core schema for plain scalars, as ruamel.yaml's safe loader reads them.
_CORE = [
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?(?:0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*)", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    (
        "timestamp",
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?",
        "0123456789",
    ),
    ("merge", r"<<", "<"),
    ("value", r"=", "="),
]
_FAST: Any = None


def node_tree(text: str, display: str) -> Any:
    """The node tree of ``text``, ``EMPTY`` for an empty file, or a UserError naming
    the place where it stops being YAML."""
    node = _fast_compose(text)
    return _compose(text, display) if node is None else node


def events(text: str, *, pure: bool = False) -> Any:
    """The parser's events: libyaml's when it is there (and not ``pure``), else ruamel.yaml's."""
    composer = None if pure else _fast_composer()
    if composer is not None:
        return composer.events(text)
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(text)


def _fast_compose(text: str) -> Any:
    """The node tree from libyaml, ``EMPTY`` for an empty file, None when it cannot say."""
    composer = _fast_composer()
    if composer is None:
        return None
    try:
        node = composer(text)
    except Exception:  # noqa: BLE001 - any refusal means: let ruamel.yaml explain it
        return None
    return EMPTY if node is None else node


def _compose(text: str, display: str) -> Any:
    """The node tree from ruamel.yaml, or a UserError with its explanation."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = YAML(typ="safe", pure=True)
    try:
        with warnings.catch_warnings():
            # YAML 1.2 lets an anchor be defined again; an alias means the latest one.
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            node = yaml.compose(text)
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise fail(
            Location(display, line, column),
            _(
                "character U+{character:04X} is not allowed in a YAML file; remove it",
                character=ord(error.character) if isinstance(error.character, str) else error.character,
            ),
        ) from None
    except MarkedYAMLError as error:
        from .syntax import syntax_problem  # only a file that does not parse

        raise fail(*syntax_problem(error, text, display)) from None
    except YAMLError as error:
        raise fail(Location(display, 1, 1), _("YAML error: {error}", error=error)) from None
    except RecursionError:
        raise fail(Location(display, 1, 1), _("values are nested too deeply to read")) from None
    except ValueError:  # ruamel.yaml's chr() of an escape past U+10FFFF ("\U00110000")
        raise fail(*_escape_past_unicode(text, display)) from None
    except AssertionError as error:  # ruamel.yaml asserts on a "%YAML 1.3" directive
        line = next((n for n, each in enumerate(text.splitlines(), 1) if each.startswith("%")), 1)
        raise fail(Location(display, line, 1), _("YAML error: {error}", error=error)) from None
    return EMPTY if node is None else node


_ESCAPE = r"\\U([0-9A-Fa-f]{8})"
"""Compiled on first use: only a file whose escape names no character needs it."""


def _escape_past_unicode(text: str, display: str) -> tuple[Location, str]:
    """Where a double-quoted text escapes a number that names no character, and what to do."""
    found = [m for m in re.finditer(_ESCAPE, text) if int(m.group(1), 16) > 0x10FFFF]
    start, escape = (found[0].start(), found[0].group(0)) if found else (0, "\\U")
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    message = _("escape '{escape}' names no character (the last is \\U0010FFFF); correct it", escape=escape)
    return Location(display, line, column), message


def _fast_composer() -> Any:
    """``compose(text)`` on libyaml with the core schema above, or None without libyaml."""
    global _FAST
    if _FAST is None:
        _FAST = _make_fast_composer() or False
    return _FAST or None


def _make_fast_composer() -> Any:
    try:
        import yaml
        from yaml.cyaml import CParser
        from yaml.nodes import ScalarNode, SequenceNode
        from yaml.resolver import BaseResolver
    except ImportError:
        return None

    by_first: dict[str, list[tuple[str, Any]]] = {}
    for name, pattern, first in _CORE:
        regex = re.compile(f"^(?:{pattern})$")
        for start in [*first, ""] if name == "null" else first:
            by_first.setdefault(start, []).append((TAG + name, regex))
    text, sequence, mapping = TAG + "str", TAG + "seq", TAG + "map"

    class CoreResolver(BaseResolver):  # type: ignore[misc]  # PyYAML has no types: Any
        """The core schema's tags, looked up by a plain scalar's first character (PyYAML's own
        lookup, without its path resolvers, which briefgen does not use)."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regex in by_first.get(value[:1], ()):
                        if regex.match(value):
                            return tag
                return text
            return sequence if kind is SequenceNode else mapping

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    class CoreLoader(CParser, CoreResolver):  # type: ignore[misc]  # PyYAML has no types: Any
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            CoreResolver.__init__(self)

    class Composer:
        def __call__(self, text: str) -> Any:
            return yaml.compose(text, Loader=CoreLoader)

        def events(self, text: str) -> Any:
            return yaml.parse(text, Loader=CoreLoader)

    return Composer()

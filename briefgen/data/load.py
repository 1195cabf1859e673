"""Read YAML files into plain Python data, remembering where every value came from.

A YAML parser composes the node tree; we build the values ourselves so that we decide
what a scalar means (dates stay dates, no arbitrary tags) and can report duplicate
keys, bad dates and encoding problems as ``file:line:col`` problems.

Two parsers, one meaning: libyaml (through PyYAML's C parser, about twenty times
faster) composes well-formed files, with plain scalars resolved by YAML 1.2 core
rules like ruamel.yaml's; when libyaml rejects a file, ruamel.yaml parses it again so
that the error message and its position are the ones documented in the README.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Location, Problem, UserError, fail

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

DataPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"


# Word pastes bring vertical tabs (manual line breaks) and form feeds (page breaks);
# YAML forbids both raw, so they are read as the noncharacters U+FDD0 and U+FDD1
# (meant for internal use) and written as a line break and a page break.
def word_breaks(text: str) -> str:
    return text.replace("\v", "\ufdd0").replace("\f", "\ufdd1")


def words_unbroken(text: str) -> str:
    """The inverse of ``word_breaks``, for YAML written back to a drafter's file."""
    return text.replace("\ufdd0", "\v").replace("\ufdd1", "\f")


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass
class Source:
    """A loaded file's name and text, and the position of every key and value in it."""

    path: str
    text: str
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, line: int, column: int) -> Location:
        return Location(self.path, line, column)

    def where(self, path: DataPath, *, key: bool = False) -> Location:
        """Location of the value (or key) at ``path``, or of its nearest ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return self.at(*table[prefix])
            if prefix in self.values:
                return self.at(*self.values[prefix])
        return self.at(1, 1)

    def find(self, needle: str, path: DataPath) -> Location:
        """Location of the first ``needle`` in the file at or after the value at ``path``."""
        start = self.where(path)
        lines = self.text.splitlines()
        for number in range(start.line - 1, len(lines)):
            line = lines[number]
            begin = start.column - 1 if number == start.line - 1 else 0
            column = line.find(needle, begin)
            if column >= 0:
                return self.at(number + 1, column + 1)
        return start


@dataclass
class Loaded:
    data: Any
    source: Source


MAX_FILE_BYTES = 8 * 1024 * 1024
"""A YAML file larger than this is refused before it is parsed (the largest example is 12 KB)."""


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of a regular file. A folder, named pipe, socket, device or dangling link is
    refused with its name before anything reads it (reading a pipe waits for a writer that
    may never come), and so is a file too large to be a position or an agenda."""
    where = Location(display, 1, 1)
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise fail(where, f"is a link to '{os.readlink(path)}', which does not exist") from None
        raise
    _refuse_irregular(status.st_mode, where)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        _refuse_irregular(status.st_mode, where)
        if status.st_size > MAX_FILE_BYTES:
            raise fail(
                where,
                f"the file is {status.st_size / 2**20:.1f} MiB, more than the {MAX_FILE_BYTES // 2**20} MiB "
                "a YAML file may hold; split it or shorten its texts",
            )
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise fail(where, f"the file grew past {MAX_FILE_BYTES // 2**20} MiB while it was read")
    return data


def _refuse_irregular(mode: int, where: Location) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    raise fail(where, f"is {kind}, not a file; briefgen reads only regular files")


def read_text(path: Path, display: str) -> str:
    return decode(read_bytes(path, display), display)


def decode(raw: bytes, display: str) -> str:
    """A file's bytes as text, without a byte-order mark; bytes that are not UTF-8 are refused."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(
            Location(display, line, column),
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
        ) from None
    return text


def load_yaml(path: Path, display: str | None = None) -> Loaded:
    """Load one YAML file; every problem is a UserError naming file, line and column."""
    display = display or str(path)
    return load_text(read_text(path, display), display)


def load_text(text: str, display: str) -> Loaded:
    """Load YAML held in memory (a file from a git revision, an edit not yet saved)."""
    text = word_breaks(text)
    source = Source(display, text)
    _refuse_separators(text, source)
    _refuse_deep(text, source)
    node = _fast_compose(text)
    if node is None:
        node = _compose(text, source)
    if node is _EMPTY:
        raise fail(source.at(1, 1), "the file is empty")
    return Loaded(_Builder(source).build(node, ()), source)


_EMPTY: Any = object()

_SEPARATORS = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}
_SEPARATOR = re.compile("[\x85\u2028\u2029]")


def _refuse_separators(text: str, source: Source) -> None:
    """YAML readers disagree on whether these end a line (YAML 1.1: yes, 1.2: no), so a
    file holding one could read differently here and in an editor."""
    found = _SEPARATOR.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        character = found.group()
        raise fail(
            source.at(line, column),
            f"character U+{ord(character):04X} ({_SEPARATORS[character]}) is a line break to some "
            "YAML readers and text to others; replace it with a line break or a space",
        )


# A collection can start only after these characters (or at a line's start), so their count
# bounds the nesting of flow collections; block collections nest at most two per column
# (a mapping and the sequence that is its value), so the column after a line's indentation
# and compact '- ', '? ', ': ' indicators bounds theirs.
_FLOW_OPEN = re.compile(r"(?:^|(?<=[-?:,\[{]))[ \t]*(?:[&!][^ \t\n]*[ \t]+)*[\[{]", re.MULTILINE)
_BLOCK_START = re.compile(r"^ *(?:[-?:](?:[ \t]+|$))*", re.MULTILINE)


def _depth_bound(text: str) -> int:
    """At least how deep the file nests its values; cheap, and usually far above the truth."""
    column = max(map(len, _BLOCK_START.findall(text)), default=0)
    return 2 * (column + 1) + len(_FLOW_OPEN.findall(text))


def _refuse_deep(text: str, source: Source) -> None:
    """Refuse values nested deeper than MAX_DEPTH before the composer sees them: libyaml's
    composer recurses in C, and tens of thousands of levels overflow its stack. The check
    walks the parser's events, which need no recursion, only when the cheap bound allows
    such depth."""
    if _depth_bound(text) <= MAX_DEPTH:
        return
    open_: list[list[Any]] = []
    try:
        for event in _events(text):
            kind = type(event).__name__
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                open_.pop()
                continue
            if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
                continue
            parent = open_[-1] if open_ else None
            is_key = parent is not None and parent[0] and parent[1] % 2 == 0
            if parent is not None:
                parent[1] += 1
            if len(open_) > MAX_DEPTH and not is_key:
                mark = event.start_mark
                raise fail(
                    source.at(mark.line + 1, mark.column + 1),
                    f"values are nested more than {MAX_DEPTH} levels deep here",
                )
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                open_.append([kind == "MappingStartEvent", 0])
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - a syntax error: the composers report it, at a depth this has seen
        return


def _events(text: str) -> Any:
    """The parser's events: libyaml's when it is there, else ruamel.yaml's."""
    compose = _fast_composer()
    if compose is not None:
        return compose.events(text)
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(text)


def _fast_compose(text: str) -> Any:
    """The node tree from libyaml, ``_EMPTY`` for an empty file, None when it cannot say."""
    compose = _fast_composer()
    if compose is None:
        return None
    try:
        node = compose(text)
    except Exception:  # noqa: BLE001 - any refusal means: let ruamel.yaml explain it
        return None
    return _EMPTY if node is None else node


def _compose(text: str, source: Source) -> Any:
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
            source.at(line, column),
            f"character U+{ord(error.character) if isinstance(error.character, str) else error.character:04X} "
            "is not allowed in a YAML file; remove it",
        ) from None
    except MarkedYAMLError as error:
        raise fail(_mark_location(source, error), _yaml_message(error) + _indent_hint(error, text)) from None
    except YAMLError as error:
        raise fail(source.at(1, 1), f"YAML error: {error}") from None
    except RecursionError:
        raise fail(source.at(1, 1), "values are nested too deeply to read") from None
    return _EMPTY if node is None else node


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
        from yaml.resolver import BaseResolver
    except ImportError:
        return None

    class CoreResolver(BaseResolver):
        pass

    for name, pattern, first in _CORE:
        starts = [*first, ""] if name == "null" else list(first)
        CoreResolver.add_implicit_resolver(_TAG + name, re.compile(f"^(?:{pattern})$"), starts)

    class CoreLoader(CParser, CoreResolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            CoreResolver.__init__(self)

    class Composer:
        def __call__(self, text: str) -> Any:
            return yaml.compose(text, Loader=CoreLoader)

        def events(self, text: str) -> Any:
            return yaml.parse(text, Loader=CoreLoader)

    return Composer()


def _mark_location(source: Source, error: MarkedYAMLError) -> Location:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return source.at(1, 1)
    return source.at(mark.line + 1, mark.column + 1)


def _yaml_message(error: MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character cannot indent YAML; use spaces"
    message = f"{context}: {problem}" if context and problem else problem or context
    return f"YAML syntax error: {message}"


_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\s#:'\"][^:#]*?):(?: |$)")


def _key_at(line: str) -> tuple[int, str] | None:
    """The column (0-based) and name of the key a line starts with, if it starts with one."""
    found = _KEY_LINE.match(line)
    if not found:
        return None
    return len(found.group(1)) + len(found.group(2)), found.group(3).strip()


def _indent_hint(error: Any, text: str) -> str:
    """What YAML expected where an indentation slip or a colon in a text broke the file."""
    mark = error.problem_mark
    if mark is None:
        return ""
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return ""
    number, line = mark.line + 1, lines[mark.line]
    problem = error.problem or ""
    key = _key_at(line)
    if "mapping values are not allowed" in problem:
        if key and mark.column > key[0] + len(key[1]):
            return (
                f"; the text of '{key[1]}' contains a colon followed by a space or line end: put the "
                "whole text in quotes, or write it on the next lines after '>-'"
            )
    elif "expected <block end>" not in problem:
        return ""
    if "found '-'" in problem:
        return "; a list item ('- ') cannot stand among the keys of a mapping: give it a key, or indent it under one"
    indent = len(line) - len(line.lstrip(" "))
    if line.lstrip().startswith("- "):
        dashes = [
            (n + 1, len(other) - len(other.lstrip(" ")))
            for n, other in enumerate(lines[: mark.line])
            if other.lstrip().startswith("- ")
        ]
        if dashes:
            n, column = dashes[-1]
            return f"; the '- ' on line {number} is indented {_spaces(indent)}: line it up with the '- ' on line {n} ({_spaces(column)})"
    above = _enclosing_keys(lines[: mark.line])
    if not above:
        return ""
    choices = " or ".join(f"'{name}' on line {n} ({_spaces(column)})" for n, column, name in above)
    what = f"'{key[1]}'" if key else "this line"
    return f"; {what} on line {number} is indented {_spaces(indent)}: line it up with {choices}"


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _enclosing_keys(lines: list[str]) -> list[tuple[int, int, str]]:
    """The keys above a line that it could belong beside: the nearest one, then each less indented one."""
    found: list[tuple[int, int, str]] = []
    for index in range(len(lines) - 1, -1, -1):
        key = _key_at(lines[index])
        if key is None:
            continue
        column, name = key
        if not found or column < found[-1][1]:
            found.append((index + 1, column, name))
        if column == 0 or len(found) == 3:
            break
    return found


MAX_VALUES = 100_000
MAX_DEPTH = 50
MAX_TEXT_NESTING = 40
_LIST_MARKER = re.compile(r"[-+*]|\d{1,9}[.)]")
_LINE_START = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+", re.MULTILINE)


def _nesting(text: str) -> int:
    """At most how deep Markdown can nest a text's blocks: on each line, a column of
    indentation one level, a quote marker one, a list marker two (the list and its item)."""
    deepest = 0
    for start in _LINE_START.finditer(text):
        prefix = start.group().expandtabs(4)
        indentation = len(prefix) - len(prefix.lstrip(" "))
        quotes = prefix.count(">")
        lists = len(_LIST_MARKER.findall(prefix))
        deepest = max(deepest, indentation + quotes + 2 * lists)
    return deepest


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording positions.

    Aliases are expanded into copies, so a few nested ones can stand for billions of
    values; past ``MAX_VALUES`` copied values the file is refused instead. Values written
    out are bounded by the file's size.
    """

    def __init__(self, source: Source):
        self.source = source
        self.active: set[int] = set()
        self.built: set[int] = set()
        self.copying = 0
        self.copies = 0

    def build(self, node: Any, path: DataPath) -> Any:
        self.source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self.active:
            raise fail(self._loc(node), "this alias refers to itself")
        if len(path) > MAX_DEPTH:
            raise fail(self._loc(node), f"values are nested more than {MAX_DEPTH} levels deep here")
        copy = id(node) in self.built
        self.built.add(id(node))
        self.copying += copy
        if self.copying:
            self.copies += 1
            if self.copies > MAX_VALUES:
                raise fail(
                    self._loc(node),
                    f"aliases (*name) make this file stand for more than {MAX_VALUES} values; "
                    "write the text out instead",
                )
        value = self._value(node, path)
        self.copying -= copy
        return value

    def _value(self, node: Any, path: DataPath) -> Any:
        kind = node.id
        if kind == "mapping":
            return self._mapping(node, path)
        if kind == "sequence":
            self.active.add(id(node))
            items = [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            self.active.discard(id(node))
            return items
        return self._scalar(node)

    def _loc(self, node: Any) -> Location:
        return self.source.at(node.start_mark.line + 1, node.start_mark.column + 1)

    def _mapping(self, node: Any, path: DataPath) -> dict[str, Any]:
        self.active.add(id(node))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise fail(self._loc(key_node), "merge keys ('<<') are not supported; write the keys out")
            if key_node.id != "scalar":
                raise fail(self._loc(key_node), "a key must be a plain word")
            key = self._text(key_node)
            if key in result:
                first = self.source.keys[path + (key,)]
                raise fail(
                    self._loc(key_node),
                    f"duplicate key '{key}' (first at line {first[0]}); remove one of them",
                )
            self.source.keys[path + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, path + (key,))
        self.active.discard(id(node))
        return result

    def _scalar(self, node: Any) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return self._text(node)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() == "true"
        if tag == _TAG + "int":
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == _TAG + "float":
            number = value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan")
            try:
                return float(number)
            except ValueError:
                return value
        if tag == _TAG + "timestamp":
            return self._date(node)
        raise fail(self._loc(node), f"unsupported YAML tag '{tag}'; write plain text instead")

    def _text(self, node: Any) -> str:
        """A string scalar; characters that XML cannot carry are reported with their place,
        and so are lists or quotes nested deeper than a document can hold."""
        value = str(node.value)
        bad = _NOT_IN_XML.search(value)
        if bad:
            raise fail(
                self._loc(node),
                f"control character U+{ord(bad.group()):04X} cannot appear in a document; "
                "remove it (it often comes from pasting)",
            )
        if _nesting(value) > MAX_TEXT_NESTING:
            raise fail(
                self._loc(node),
                f"this text nests lists or quotes more than {MAX_TEXT_NESTING} levels deep; flatten it",
            )
        return value

    def _date(self, node: Any) -> dt.date:
        match = _DATE.fullmatch(node.value)
        if not match:
            raise fail(self._loc(node), f"'{node.value}' is not a date; write it as YYYY-MM-DD")
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            raise fail(self._loc(node), f"'{node.value}' is not a valid date: {error}") from None


__all__ = ["Loaded", "Source", "load_yaml", "load_text", "UserError", "Problem"]

"""Read YAML files into plain Python data, remembering where every value came from.

A YAML parser composes the node tree (see ``parsers``); we build the values ourselves so
that we decide what a scalar means (dates stay dates, no arbitrary tags) and can report
duplicate keys, bad dates and encoding problems as ``file:line:col`` problems.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, _, fail
from .limits import (
    LINE_FIRST,
    MAX_DEPTH,
    MAX_VALUES,
    TOO_DEEP,
    read_value_problem,
    refuse_deep,
    refuse_separators,
    short_text,
    value_problem,
)
from .parsers import EMPTY, TAG, node_tree

DataPath = tuple[str | int, ...]

_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MERGE = (
    TAG + name for name in ("str", "null", "bool", "int", "float", "timestamp", "merge")
)


# Word pastes bring vertical tabs (manual line breaks) and form feeds (page breaks);
# YAML forbids both raw, so they are read as the noncharacters U+FDD0 and U+FDD1
# (meant for internal use) and written as a line break and a page break.
def word_breaks(text: str) -> str:
    return text.replace("\v", "\ufdd0").replace("\f", "\ufdd1")


def words_unbroken(text: str) -> str:
    """The inverse of ``word_breaks``, for YAML written back to a drafter's file."""
    return text.replace("\ufdd0", "\v").replace("\ufdd1", "\f")


@dataclass
class Source:
    """A loaded file's name and text, and the position of every key and value in it."""

    path: str
    text: str
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    sha256: str | None = None
    """The SHA-256 of the bytes ``text`` was read from, when it was read from a file."""

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
    """A YAML file loaded: its plain data, and its source to place each key and value in."""

    data: Any
    source: Source


def load_text(text: str, display: str, sha256: str | None = None) -> Loaded:
    """Load YAML held in memory (a file from a git revision, an edit not yet saved); ``sha256``
    is that of the bytes it was decoded from, if they were a file's."""
    text = word_breaks(text)
    refuse_separators(text, display)
    refuse_deep(text, display)
    node = node_tree(text, display)
    source = Source(display, text, sha256=sha256)
    if node is EMPTY:
        raise fail(source.at(1, 1), _("the file is empty"))
    builder = _Builder(source) if "*" in text else _Unaliased(source)
    return Loaded(builder.build(node, ()), source)


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


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
            raise fail(self._loc(node), _("this alias refers to itself"))
        if len(path) > MAX_DEPTH:
            raise fail(self._loc(node), TOO_DEEP)
        copy = id(node) in self.built
        self.built.add(id(node))
        self.copying += copy
        if self.copying:
            self.copies += 1
            if self.copies > MAX_VALUES:
                raise fail(
                    self._loc(node),
                    _(
                        "aliases (*name) make this file stand for more than {limit} values; write the text out instead",
                        limit=MAX_VALUES,
                    ),
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
        keys = self.source.keys
        for key_node, value_node in node.value:
            key = self._key(key_node, result, path)
            mark = key_node.start_mark
            here = path + (key,)
            keys[here] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, here)
        self.active.discard(id(node))
        return result

    def _key(self, key_node: Any, result: dict[str, Any], path: DataPath) -> str:
        """A mapping's key as text, refused where it is no plain text or taken already."""
        if key_node.tag == _MERGE:
            raise fail(self._loc(key_node), _("merge keys ('<<') are not supported; write the keys out"))
        if key_node.id != "scalar":
            raise fail(self._loc(key_node), _("a key must be a plain word"))
        key = self._text(key_node)
        if key in result:
            first = self.source.keys[path + (key,)]
            raise fail(
                self._loc(key_node),
                _(
                    "duplicate key '{key}' (first at line {first}); remove one of them",
                    key=key,
                    first=first[0],
                ),
            )
        return key

    def _scalar(self, node: Any) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return self._text(node)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == _FLOAT:
            number = value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan")
            try:
                return float(number)
            except ValueError:
                return value
        if tag == _TIMESTAMP:
            return self._date(node)
        raise fail(self._loc(node), _("unsupported YAML tag '{tag}'; write plain text instead", tag=tag))

    def _text(self, node: Any) -> str:
        """A string scalar; characters that XML cannot carry are reported with their place,
        and so are lists or quotes nested deeper than a document can hold, and a line
        separator written as an escape (``"\\L"``): absorb would refuse the text it makes.
        Only a double-quoted text has escapes; any other holds only what the reader let in."""
        value = str(node.value)
        problem = value_problem(value) if node.style == '"' else read_value_problem(value)
        if problem:
            raise fail(self._loc(node), problem)
        return value

    def _date(self, node: Any) -> dt.date:
        match = _DATE.fullmatch(node.value)
        if not match:
            raise fail(
                self._loc(node), _("'{value}' is not a date; write it as YYYY-MM-DD", value=node.value)
            )
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            raise fail(
                self._loc(node), _("'{value}' is not a valid date: {error}", value=node.value, error=error)
            ) from None


class _Unaliased(_Builder):
    """The builder for a file without aliases (no ``*`` in its text): no node is shared or
    refers to itself, so each value is built once, with no bookkeeping of copies."""

    def build(self, node: Any, path: DataPath) -> Any:
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        if len(path) > MAX_DEPTH:
            raise fail(self._loc(node), TOO_DEEP)
        kind = node.id
        if kind == "scalar":
            return self._text(node) if node.tag == _STR else self._scalar(node)
        if kind == "mapping":
            return self._mapping(node, path)
        return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]

    def _mapping(self, node: Any, path: DataPath) -> dict[str, Any]:
        """The builder's mapping without its bookkeeping of copies. A key, and a value, that
        is plainly good text (a scalar not in double quotes, of one short line with no marker
        at its start: most keys and values; the key new) is taken here, by the test with
        which ``read_value_problem`` finds nothing to look into; any other key is tested and
        worded by ``_key``, any other value built by ``build``."""
        result: dict[str, Any] = {}
        keys, values = self.source.keys, self.source.values
        shallow = len(path) < MAX_DEPTH  # each value here is at depth len(path) + 1
        short = short_text()
        for key_node, value_node in node.value:
            key = key_node.value
            if (
                key_node.tag != _STR
                or key_node.id != "scalar"
                or key_node.style == '"'
                or key in result
                or read_value_problem(key) is not None
            ):
                key = self._key(key_node, result, path)
            mark = key_node.start_mark
            here = path + (key,)
            keys[here] = (mark.line + 1, mark.column + 1)
            if shallow and value_node.tag == _STR and value_node.id == "scalar" and value_node.style != '"':
                text = value_node.value
                if (
                    type(text) is str
                    and "\n" not in text
                    and len(text) < short
                    and (first := text[:1]) not in LINE_FIRST
                    and not first.isdigit()
                ):
                    mark = value_node.start_mark
                    values[here] = (mark.line + 1, mark.column + 1)
                    result[key] = text
                    continue
            result[key] = self.build(value_node, here)
        return result

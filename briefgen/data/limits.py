"""What a YAML file may hold before it is read: no line separators that readers disagree
on, values nested within bounds, texts that a document can carry."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cache
from typing import Any

from ..errors import Location, UserError, _, fail
from .parsers import events

MAX_VALUES = 100_000
"""At most this many values copied by aliases (``*name``); a few nested ones can stand for billions."""

MAX_VALUE_BYTES = 2 * 2**20
"""One text in a YAML file (a section of a position, a footnote): some hundred pages.
Render reads no longer one, and absorb and import write none (a paragraph of a GA is
some hundred bytes; a value of megabytes takes seconds per megabyte to compare and write)."""

MAX_NOTE_REFERENCES = 1_000
MAX_MARKS = 20_000
"""At most this many footnote references (``[^key]``), and this many emphasis, link and code
marks (``*``, ``_``, ``[``, `````), in one text. Each reference is a footnote of its own in Word
and each mark opens a run: a text of 100 000 references (under a megabyte) took 45 s and
750 MB to render into a GA that absorb then refuses (more than 10 000 paragraphs); at these
limits one text renders in a second or two. A GA's paragraph has a few of either."""

MAX_LINES = 2_000
"""At most this many lines in one text: each may be a paragraph, list item, heading or table
row of its own. A text of 50 000 paragraphs took 50 s to render into a GA that absorb then
refuses (more than 10 000 paragraphs); the longest text of the examples has 41 lines."""

MAX_DEPTH = 50
MAX_TEXT_NESTING = 40
TOO_DEEP = _("values are nested more than {depth} levels deep here", depth=MAX_DEPTH)

_SEPARATORS = {"\x85": _("next line"), "\u2028": _("line separator"), "\u2029": _("paragraph separator")}
_SEPARATOR = "[\x85\u2028\u2029]"
"""Compiled on first use: a file or a text holding one of these is refused."""


def refuse_separators(text: str, display: str) -> None:
    """YAML readers disagree on whether these end a line (YAML 1.1: yes, 1.2: no), so a
    file holding one could read differently here and in an editor."""
    if not _has_separator(text):
        return
    found = re.search(_SEPARATOR, text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise fail(Location(display, line, column), _separator(found.group()))


def _separator(character: str) -> str:
    return _(
        "character U+{character:04X} ({name}) is a line break to some YAML readers and text to others; replace it with a line break or a space",
        character=ord(character),
        name=_SEPARATORS[character],
    )


def _has_separator(text: str) -> bool:
    """Whether ``text`` holds one of the separators: three substring searches, each much
    faster than the character class the regular expression tries at every position."""
    return not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text)


def value_problem(value: str) -> str | None:
    """Why render would refuse a YAML file holding this text (a value absorb or import is
    about to write): a line separator, a character XML cannot hold, nesting too deep."""
    printable = value.isprintable()
    if printable:  # no separator, which is no printable character
        first = value[:1]
        size = len(value)
        if (
            size < MAX_LINES
            and size * 4 <= MAX_VALUE_BYTES
            and first not in LINE_FIRST
            and not first.isdigit()
        ):
            return None  # one short line with no marker that could nest it: most keys and values
        return _text_problem(value, printable)
    found = re.search(_SEPARATOR, value) if _has_separator(value) else None
    return _separator(found.group()) if found else _text_problem(value, printable)


def short_text() -> int:
    """A text shorter than this (in characters) is within MAX_LINES and, even at four bytes a
    character, MAX_VALUE_BYTES: ``read_value_problem`` finds nothing in one of one line under
    it that starts with no character of LINE_FIRST and no digit (the builder of ``load``
    takes most values by that test without calling it, asking this once per mapping)."""
    return min(MAX_LINES, MAX_VALUE_BYTES // 4 + 1)


def read_value_problem(value: str) -> str | None:
    """``value_problem`` of a text a YAML parser read from a file outside double quotes,
    where no escape could write a character into it: the readers refuse every character
    that XML cannot hold (control characters, U+FFFE, U+FFFF; decoding, lone surrogates)
    and ``refuse_separators`` the file's separators, so only the text's size, lines, marks
    and nesting remain to test (the encoding and per-character scans of ``value_problem``
    took half its time)."""
    first, size = value[:1], len(value)
    if (
        size < MAX_LINES
        and size * 4 <= MAX_VALUE_BYTES
        and first not in LINE_FIRST
        and not first.isdigit()
        and ("\n" not in value or _MARKED_LINE.search(value) is None)
    ):
        # Short, so within every limit of size, lines and marks, and no line starts with a
        # marker that could nest it (``_nesting`` is 0): most keys, values and paragraphs.
        return None
    return _text_problem(value, False, holdable=True)


# A collection can start only after these characters (or at a line's start), so their count
# bounds the nesting of flow collections; block collections nest at most two per column
# (a mapping and the sequence that is its value), so the column after a line's indentation
# and compact '- ', '? ', ': ' indicators bounds theirs.
_FLOW_OPEN = r"(?m)(?:^|(?<=[-?:,\[{]))[ \t]*(?:[&!][^ \t\n]*[ \t]+)*[\[{]"
_BLOCK_START = r" *(?:[-?:](?:[ \t]+|$))*"
"""A line's indentation and its compact indicators, matched at the line's start. Both
patterns are compiled on first use: only a file that is not surely shallow needs them."""


def _block_column(text: str) -> int:
    """The widest indentation with compact indicators of any line of ``text``: the regular
    expression runs only at lines that start with a space or an indicator, found by
    splitting (a multi-line pattern would be tried at every character)."""
    match = re.compile(_BLOCK_START).match
    widths = (match(line) for line in text.split("\n") if line[:1] in _BLOCK_FIRST)
    return max((found.end() for found in widths if found), default=0)


_BLOCK_FIRST = frozenset(" -?:")


def _depth_bound(text: str) -> int:
    """At least how deep the file nests its values; cheap, and usually far above the truth.

    Every flow collection opens with a bracket, so the count of all brackets bounds theirs
    too; only when that looser bound is too high are the openings counted properly."""
    column = _block_column(text)
    loose = 2 * (column + 1) + text.count("[") + text.count("{")
    if loose <= MAX_DEPTH:
        return loose
    return 2 * (column + 1) + len(re.findall(_FLOW_OPEN, text))


def _surely_shallow(text: str) -> bool:
    """True when ``_depth_bound`` is surely within MAX_DEPTH, found by searches in C: a
    line's indentation and compact indicators are a run of spaces, tabs and '-?:' at its
    start, so when no line starts with such a run as wide as ``widest + 1``, no line's
    column is wider than ``widest``."""
    widest = (MAX_DEPTH - _brackets(text, MAX_DEPTH)) // 2 - 1
    if widest < 0:
        return False
    width = widest + 1
    head = text[:width]
    return not (len(head) == width and not head.strip(_RUN)) and _wide_run(width).search(text) is None


def _brackets(text: str, limit: int) -> int:
    """How many '[' and '{' ``text`` holds, counted up to ``limit + 1``: each found by
    ``str.find`` (memchr, far quicker than ``str.count``'s loop over every character when a
    file has a few, as position files do)."""
    count = 0
    for bracket in "[{":
        at = text.find(bracket)
        while at >= 0:
            count += 1
            if count > limit:
                return count
            at = text.find(bracket, at + 1)
    return count


_RUN = " \t?:-"
"""What a line's indentation and compact indicators are made of."""


@cache
def _wide_run(width: int) -> re.Pattern[str]:
    """A run of ``width`` characters of _RUN after a line break (at the text's start, the
    first ``width`` characters are tested without a pattern: one compiled pattern per width)."""
    return re.compile(f"\\n[ \\t?:-]{{{width}}}")


def refuse_deep(text: str, display: str) -> None:
    """Refuse values nested deeper than MAX_DEPTH before the composer sees them: libyaml's
    composer recurses in C, and tens of thousands of levels overflow its stack. The check
    walks the parser's events, which need no recursion, only when the cheap bound allows
    such depth. Newer libyaml stops at a nesting limit of its own before our place is
    reached; the pure parser's events then find it."""
    if _surely_shallow(text) or _depth_bound(text) <= MAX_DEPTH:
        return
    try:
        _walk_depth(events(text), display)
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - a syntax error: the composers report it
        if "nesting depth" not in str(getattr(error, "problem", "") or ""):
            return
        try:
            _walk_depth(events(text, pure=True), display)
        except UserError:
            raise
        except Exception:  # noqa: BLE001 - as above
            return


def _walk_depth(stream: Any, display: str) -> None:
    open_: list[list[Any]] = []
    for event in stream:
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
            raise fail(Location(display, mark.line + 1, mark.column + 1), TOO_DEEP)
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            open_.append([kind == "MappingStartEvent", 0])


_NOT_IN_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
"""Characters XML cannot hold; compiled only for a text with U+FFFE, U+FFFF or a surrogate."""
_LIST_MARKER = re.compile(r"[-+*]|\d{1,9}[.)]")
_LINE_START = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+")
"""A line's indentation with its quote and list markers, matched at the line's start."""
LINE_FIRST = frozenset(" \t>-+*")
"""What such a line starts with, besides a digit."""
_MARKED_LINE = re.compile(r"\n[ \t>\-+*\d]")
"""A line after the first that starts with a character of LINE_FIRST or a digit."""


def text_problem(value: str) -> str | None:
    """Why a document cannot carry this text: longer than one value may be, characters
    that XML cannot hold, or lists or quotes nested deeper than Markdown reads; None when
    it can."""
    return _text_problem(value, value.isprintable())


def _text_problem(value: str, printable: bool, *, holdable: bool = False) -> str | None:
    """``text_problem`` of a value whose ``isprintable()`` was ``printable``; ``holdable``
    when it is known to hold only characters XML can."""
    marks = _marks_problem(value) if len(value) >= MAX_LINES else None
    if marks:
        return marks
    if printable and len(value) * 4 <= MAX_VALUE_BYTES:
        # One line (a line break is not printable), small, of characters XML holds: only a
        # list or quote marker at its start could nest it (most keys and values stop here).
        first = value[:1]
        if first not in LINE_FIRST and not first.isdigit():
            return None
    size = value_bytes(value)
    if size > MAX_VALUE_BYTES:
        return _(
            "this text is {size:,.1f} MiB, more than the {limit} MiB one value may hold; split it or shorten it",
            size=size / 2**20,
            limit=MAX_VALUE_BYTES // 2**20,
        )
    bad = None if printable or holdable else _not_in_xml(value)
    if bad:
        return _(
            "control character U+{code:04X} cannot appear in a document; remove it (it often comes from pasting)",
            code=ord(bad),
        )
    if _nesting(value) > MAX_TEXT_NESTING:
        return _(
            "this text nests lists or quotes more than {depth} levels deep; flatten it",
            depth=MAX_TEXT_NESTING,
        )
    return None


def _marks_problem(value: str) -> str | None:
    """Why a long text holds more lines or markup than one text may (see MAX_LINES and
    MAX_NOTE_REFERENCES)."""
    lines = value.count("\n") + 1
    if lines > MAX_LINES:
        return _(
            "this text has {count:,} lines, more than the {limit:,} one text may hold; split it",
            count=lines,
            limit=MAX_LINES,
        )
    references = value.count("[^")
    if references > MAX_NOTE_REFERENCES:
        return _(
            "this text has {count:,} footnote references, more than the {limit:,} one text may hold; split it",
            count=references,
            limit=MAX_NOTE_REFERENCES,
        )
    if len(value) <= MAX_MARKS:
        return None
    marks = value.count("*") + value.count("_") + value.count("[") + value.count("`")
    if marks > MAX_MARKS:
        return _(
            "this text has {count:,} emphasis, link and code marks (* _ [ `), more than the {limit:,} one text may hold; split it",
            count=marks,
            limit=MAX_MARKS,
        )
    return None


def _not_in_xml(value: str) -> str | None:
    """The first character of ``value`` that XML cannot hold, or None. Over the UTF-8 bytes,
    the C loop of ``bytes.translate`` keeps just the ASCII control characters (a text of
    a kilobyte: a microsecond); a text with U+FFFE, U+FFFF or a lone surrogate, all rare,
    is searched with the regular expression instead."""
    data = None
    if "\ufffe" not in value and "\uffff" not in value:
        with suppress(UnicodeEncodeError):  # a lone surrogate: no UTF-8
            data = value.encode("utf-8")
    if data is None:
        found = re.search(_NOT_IN_XML, value)
        return found.group() if found else None
    controls = data.translate(None, _XML_BYTES)
    return chr(controls[0]) if controls else None


_XML_BYTES = bytes(byte for byte in range(256) if byte >= 0x20 or byte in b"\t\n\r")
"""The bytes of UTF-8 that are, or are part of, characters XML holds (but for U+FFFE,
U+FFFF and the surrogates, which ``_not_in_xml`` looks for first)."""


def value_bytes(value: str) -> int:
    """A text's size in UTF-8, counted only when it could pass MAX_VALUE_BYTES."""
    return len(value.encode("utf-8")) if len(value) * 4 > MAX_VALUE_BYTES else len(value)


def _nesting(text: str) -> int:
    """At most how deep Markdown can nest a text's blocks: on each line, a column of
    indentation one level, a quote marker one, a list marker two (the list and its item)."""
    first = text[:1]
    if not (first in LINE_FIRST or first.isdigit()) and not _MARKED_LINE.search(text):
        return 0  # no line starts with what _LINE_START matches (the usual text of paragraphs)
    deepest = 0
    match = _LINE_START.match
    for line in text.split("\n"):
        first = line[:1]
        start = match(line) if first in LINE_FIRST or first.isdigit() else None
        if start is None:
            continue
        prefix = start.group().expandtabs(4)
        indentation = len(prefix) - len(prefix.lstrip(" "))
        quotes = prefix.count(">")
        lists = len(_LIST_MARKER.findall(prefix))
        deepest = max(deepest, indentation + quotes + 2 * lists)
    return deepest

"""The Markdown the templates and most data write, read without markdown-it.

A GA is headings, paragraphs, lists, ``::: stijl``/``::: arcering`` containers and
footnotes with one-paragraph texts; reading that through markdown-it costs more than
composing it. ``read`` reads such a document line by line into the same block document
markdown-it's reader (``markdown.parse``) makes, and gives up (returns None) at the first
line it is not sure about: an indented or tabbed line where a block starts, a quote, a
fence, a rule, a setext underline, a list starting inside a paragraph or on its item's
line, an empty list item, a table in another form than ``- - cell`` rows, a reference
definition, a nested container, a list or indented code in a footnote, an inline
footnote. The caller then reads the whole text with markdown-it. Inside a paragraph it
reads plain text, line breaks, backslash escapes, footnote references and emphasis whose
marks pair up plainly itself, and hands any other inline markup (links, code, tangled
emphasis) to ``inline``, markdown-it's inline parser, with the same footnote state
markdown-it would have at that point. tests/test_quickread.py checks the two readers
agree on generated Markdown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .blocks import (
    Break,
    Document,
    Inline,
    ListMark,
    Note,
    NoteRef,
    Paragraph,
    Role,
    Span,
    Table,
    merge_spans,
)

KEPT_SPACE = "\ufdd2"
"""Stands for ``\\ `` (a backslash and a space: a space Markdown keeps, at a paragraph's or
line's start too) while a text is read."""
KEPT_TAB = "\ufdd4"
"""Stands for a backslash and a tab: a tab kept likewise."""
KEPT_NBSP = "\ufdd3"
"""Stands for a no-break space at a line's start or end, which Markdown would strip."""

HEADINGS: dict[int, Role] = {1: "title", 2: "heading1", 3: "heading2"}
"""The role of a heading of each level; deeper ones are ``heading3``."""

TRIM = "".join(
    chr(code)
    for code in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029}
    )
    + list(range(0x2000, 0x200B))
)
"""What CommonMark trims from a paragraph's or heading's ends (JavaScript's ``trim``
without U+FEFF), as markdown-it-py does."""

ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
"""The ASCII punctuation a backslash escapes."""

Inlines = Callable[[str, dict[str, Any]], "list[Inline] | None"]
"""markdown-it's inline parser for one paragraph's text, with the footnote state (``env``):
its inlines, footnote references numbered by footnote id, or None for an inline footnote."""


class GiveUp(Exception):
    """The text has a construct this reader leaves to markdown-it."""


def spaces(text: str, code: bool = False) -> str:
    """The spaces of a text as read (see KEPT_SPACE); in code a backslash stays one."""
    if "\ufdd2" in text or "\ufdd3" in text or "\ufdd4" in text:
        text = text.replace(KEPT_SPACE, "\\ " if code else " ").replace(KEPT_TAB, "\\\t" if code else "\t")
        text = text.replace(KEPT_NBSP, "\xa0")
    return text


def with_breaks(text: str, bold: bool, italic: bool, link: str | None = None) -> list[Inline]:
    """Spans of ``text``, with U+FDD0 (a vertical tab in the file) as a line break and U+FDD1 (a form feed) as a page break."""
    if "\ufdd0" not in text and "\ufdd1" not in text:  # nearly every text: no regex split
        return [Span(text, bold, italic, link=link)] if text else []
    out: list[Inline] = []
    for piece in re.split("([\ufdd0\ufdd1])", text):
        if piece == "\ufdd0":
            out.append(Break())
        elif piece == "\ufdd1":
            out.append(Break(page=True))
        elif piece:
            out.append(Span(piece, bold, italic, link=link))
    return out


_ORDERED = re.compile(r"([0-9]{1,9})([.)])(?=[ \t]|$)")
_BULLET = re.compile(r"[-+*](?=[ \t]|$)")
_HEADING = re.compile(r"(#{1,6})(?=[ \t]|$)")
_RULE = re.compile(r"(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_FENCE = "```|~~~"
_CELL = r"(- |  )- ([^ \t].*)"
WIDTH = "[0-9]{1,4}"
"""A table column's relative width in ``::: tabel``: a whole number, 0 counting as 1 (a
writer divides by their sum); anything else, a longer number too, is no width. This
pattern, _FENCE, _CELL and _BREAK are compiled on first use: a GA has no fence, table or
hard line break."""
_NOTE_DEF = re.compile(r"\[\^([^ \]]+)\]:")
_CONTAINER = re.compile(r":{3,}")
_MARKUP = re.compile(r"[\\\[*_`!^]")
_BREAK = r"( *)\n[ \t]*"
"""A line break in a paragraph: with two spaces or more before it a hard one, else soft."""
_WHITE = frozenset("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
"""What CommonMark's emphasis rules count as white space."""
_NOTE_REF = re.compile(r"\[\^([^\s\[\]\\`]+)\](?!\()")
CONTAINERS = ("stijl", "arcering", "tabel")
"""The containers the templates use (see markdown.py); a ``::: tabel`` is left to markdown-it."""


def _special(rest: str) -> bool:
    """Whether a line starting with ``rest`` (its indent removed) may start or end a block
    other than a paragraph's text: a heading, quote, fence, rule, list item, setext
    underline, footnote definition or container."""
    first = rest[:1]
    if first.isalnum() and not first.isdigit():
        return False
    if first == "*" or first == "-" or first == "_" or first == "+" or first == "=":
        return bool(_BULLET.match(rest) or _RULE.match(rest) or _UNDERLINE.match(rest))
    if first == "#":
        return bool(_HEADING.match(rest))
    if first == "`" or first == "~":
        return bool(re.match(_FENCE, rest))
    if first == "[":
        return bool(_NOTE_DEF.match(rest))
    if first == ":":
        return _container(rest) is not None
    return first == ">" or bool(_ORDERED.match(rest))


def _container(rest: str) -> list[str] | None:
    """The words after the colons of a line that opens a container (``::: stijl adres``)."""
    colons = _CONTAINER.match(rest)
    if colons is None:
        return None
    words = rest[colons.end() :].split()
    return words if words and words[0] in CONTAINERS else None


class _Table:
    """A table read from the text: its rows of cells, a paragraph each."""

    __slots__ = ("widths", "rows")

    def __init__(self, widths: list[int]) -> None:
        self.widths = widths
        self.rows: list[list[_Part]] = []


class _Part:
    """A paragraph read from the text, before its inlines are read."""

    __slots__ = ("role", "text", "mark", "style", "shaded", "lines", "inlines")

    def __init__(
        self,
        role: Role,
        text: str,
        mark: ListMark | None,
        style: str | None,
        shaded: bool,
        lines: tuple[int, int],
    ) -> None:
        self.role = role
        self.text = text
        self.mark = mark
        self.style = style
        self.shaded = shaded
        self.lines = lines
        self.inlines: list[Inline] = []


def _indent(line: str) -> int:
    """How many spaces start ``line``; a tab among them gives up (tabs count to stops)."""
    count = len(line) - len(line.lstrip(" "))
    if line[count : count + 1] == "\t":
        raise GiveUp
    return count


class _Blocks:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.parts: list[_Part] = []
        """Every paragraph in the order of the text (as markdown-it reads their inlines)."""
        self.body: list[_Part | _Table] = []
        """The body's blocks in reading order."""
        self.notes: dict[str, list[_Part | _Table]] = {}
        """Each footnote's paragraphs, by label."""
        self.next_list = 0

    def add(self, part: _Part) -> None:
        self.parts.append(part)
        self.body.append(part)

    def blank(self, index: int) -> bool:
        return not self.lines[index].strip(" \t")

    def indented_after(self, index: int, end: int, width: int) -> tuple[int, int | None]:
        """The first line from ``index`` that is not blank, with its indent; the indent is None
        where the block goes no further (the lines end, or that one is indented less than ``width``)."""
        while index < end and self.blank(index):
            index += 1
        if index == end:
            return index, None
        indent = _indent(self.lines[index])
        return index, (indent if indent >= width else None)

    def region(self, start: int, end: int, style: str | None, shaded: bool) -> None:
        """The blocks of lines ``[start, end)`` at the top level (or inside a container)."""
        lines = self.lines
        index = start
        while index < end:
            line = lines[index]
            if not line.strip(" \t"):
                index += 1
                continue
            indent = _indent(line)
            if indent > 3:
                raise GiveUp
            rest = line[indent:]
            first = rest[0]
            if first == "#" and _HEADING.match(rest):
                index = self.heading(index, rest, style, shaded, None)
            elif first == ":" and _container(rest):
                index = self.container(index, end, rest, style, shaded)
            elif first == "[":
                index = self.note(index, end, rest)
            elif _ORDERED.match(rest) or _BULLET.match(rest):
                index = self.list(index, end, style, shaded)
            elif _special(rest):
                raise GiveUp
            else:
                index = self.paragraph(index, end, 0, "body", None, style, shaded)

    def heading(self, index: int, rest: str, style: str | None, shaded: bool, mark: ListMark | None) -> int:
        found = _HEADING.match(rest)
        if not found:
            raise GiveUp
        text = rest[found.end() :].rstrip(" \t")
        if text.endswith("#"):
            raise GiveUp  # a closing sequence, or a '#' that only looks like one
        role = HEADINGS.get(len(found.group(1)), "heading3")
        if mark is not None and role == "title":
            role = "listitem"  # a list item's heading keeps its role unless it is the title
        self.add(_Part(role, text.strip(TRIM), mark, style, shaded, (index, index + 1)))
        return index + 1

    def container(self, index: int, end: int, rest: str, style: str | None, shaded: bool) -> int:
        words = _container(rest) or []
        if style is not None or shaded:
            raise GiveUp  # a container inside another
        count = len(rest) - len(rest.lstrip(":"))
        close = index + 1
        while close < end:
            line = self.lines[close]
            stripped = line.lstrip(" ")
            if stripped.startswith(":::"):
                if len(line) - len(stripped) > 3:
                    raise GiveUp
                marks = len(stripped) - len(stripped.lstrip(":"))
                if marks < count or stripped[marks:].strip(" \t"):
                    raise GiveUp  # another container inside, or a line only markdown-it reads right
                break
            close += 1
        if words[0] == "stijl":
            self.region(index + 1, close, words[1] if len(words) > 1 else "", False)
        elif words[0] == "arcering":
            self.region(index + 1, close, None, True)
        else:
            self.table(index + 1, close, words[1:])
        return min(close + 1, end)

    def table(self, start: int, end: int, params: list[str]) -> None:
        """A ``::: tabel`` written as the templates write it: a line ``- - cell`` per row,
        ``  - cell`` for its further cells, each cell one line of text."""
        table = _Table([max(int(p), 1) for p in params if re.fullmatch(WIDTH, p)])
        self.body.append(table)
        for index in range(start, end):
            line = self.lines[index]
            found = re.match(_CELL, line)
            if found is None:
                raise GiveUp
            content = found.group(2)
            if _special(content) or content[0] == "[":
                raise GiveUp
            part = _Part("body", content.strip(TRIM), None, None, False, (index, index + 1))
            self.parts.append(part)
            if found.group(1) == "- ":
                table.rows.append([part])
            elif table.rows:
                table.rows[-1].append(part)
            else:
                raise GiveUp

    def note(self, index: int, end: int, rest: str) -> int:
        """A footnote definition: paragraphs, the further ones indented by four spaces."""
        found = _NOTE_DEF.match(rest)
        if not found:
            raise GiveUp
        label = found.group(1)
        text = rest[found.end() :]
        body = text.lstrip(" ")
        if label in self.notes or len(text) - len(body) > 3 or not body.strip(" \t") or _special(body):
            raise GiveUp
        if body[0] == "[" or body[0] == "\t":
            raise GiveUp
        parts: list[_Part | _Table] = []
        self.notes[label] = parts
        body_blocks, self.body = self.body, parts  # its paragraphs go to the footnote
        try:
            index = self.paragraph(index, end, 4, "body", None, None, False, body)
            while index < end:
                following, indent = self.indented_after(index, end, 4)
                if indent is None:
                    return following
                line = self.lines[following]
                rest = line[indent:]
                if indent > 7 or _special(rest) or rest[0] == "[":
                    raise GiveUp  # code, a list or another block inside a footnote
                index = self.paragraph(following, end, 4, "body", None, None, False, line[4:])
            return index
        finally:
            self.body = body_blocks

    def paragraph(
        self,
        index: int,
        end: int,
        indent: int,
        role: Role,
        mark: ListMark | None,
        style: str | None,
        shaded: bool,
        first: str | None = None,
        base: int = 0,
    ) -> int:
        """A paragraph from line ``index``; inside a list item ``indent`` is the item's content
        column, ``first`` the first line's text after the marker and ``base`` where the
        item's list stands."""
        lines = self.lines
        texts = [first if first is not None else lines[index]]
        following = index + 1
        while following < end:
            line = lines[following]
            if line[:1].isalpha():  # the usual line: the text goes on, at the line's start
                texts.append(line)
                following += 1
                continue
            if not line.strip(" \t"):
                break
            spaces_ = _indent(line)
            if spaces_ - indent <= 3:
                rest = line[spaces_:]
                if _special(rest):
                    if spaces_ <= 3 and rest[0] == ":" and (not indent or spaces_ < indent):
                        break  # a container opens
                    if (
                        indent
                        and spaces_ < indent
                        and spaces_ - base < 4
                        and (_ORDERED.match(rest) or _BULLET.match(rest))
                    ):
                        break  # the next item of the list, or a list after it
                    raise GiveUp
            texts.append(line[min(spaces_, indent) :] if indent else line)
            following += 1
        self.add(_Part(role, "\n".join(texts).strip(TRIM), mark, style, shaded, (index, following)))
        return following

    def list(
        self,
        index: int,
        end: int,
        style: str | None,
        shaded: bool,
        base: int = 0,
        parent: ListMark | None = None,
    ) -> int:
        """A list whose markers stand at most three columns right of ``base`` (inside the item
        of ``parent``), with an item per marker: a paragraph or a heading, then paragraphs
        and lists indented to the item's text."""
        lines = self.lines
        mark: ListMark | None = None
        kind = ""
        while index < end:
            line = lines[index]
            indent = _indent(line)
            if indent < base or indent - base > 3:
                break
            rest = line[indent:]
            ordered = _ORDERED.match(rest)
            marker = ordered or _BULLET.match(rest)
            if marker is None or _RULE.match(rest):
                if mark is None:
                    raise GiveUp
                break
            this = (ordered.group(2) if ordered else rest[0]) + ("o" if ordered else "b")
            if mark is None:
                kind = this
                start = int(ordered.group(1)) if ordered else 1
                if parent is None or bool(ordered) != parent.ordered:
                    list_id = self.next_list
                    self.next_list += 1
                else:
                    list_id = parent.list_id
                level = parent.level + 1 if parent else 0
                mark = ListMark(list_id, level, bool(ordered), start, ordered.group(2) if ordered else ".")
            elif this != kind:
                break
            after = rest[marker.end() :]
            content = after.lstrip(" ")
            gap = len(after) - len(content)
            if not content.strip(" \t") or content[0] == "\t" or gap > 4:
                raise GiveUp  # an empty item, a tab or an indented code block
            width = indent + marker.end() + gap
            if content[0] == "#":
                index = self.heading(index, content, style, shaded, mark)
            elif _special(content) or content[0] == "[":
                raise GiveUp
            else:
                index = self.paragraph(index, end, width, "listitem", mark, style, shaded, content, base)
            index = self.item_rest(index, end, width, style, shaded, base, mark)
        return index

    def item_rest(
        self, index: int, end: int, width: int, style: str | None, shaded: bool, base: int, mark: ListMark
    ) -> int:
        """The further paragraphs and lists of a list item (indented to ``width``); the line after it."""
        while index < end:
            following, indent = self.indented_after(index, end, width)
            if indent is None:
                return following
            line = self.lines[following]
            rest = line[indent:]
            if indent - width > 3:
                raise GiveUp  # an indented code block
            if (_ORDERED.match(rest) or _BULLET.match(rest)) and not _RULE.match(rest):
                index = self.list(following, end, style, shaded, width, mark)
            elif _special(rest) or rest[0] == "[":
                raise GiveUp
            else:
                index = self.paragraph(following, end, width, "body", None, style, shaded, line[width:], base)
        return index


def read(text: str, inline: Inlines) -> Document | None:
    """``text`` (its kept spaces already marked) as a block document, or None when it has
    something only markdown-it reads right."""
    if "\r" in text or "\x00" in text:
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    blocks = _Blocks(lines)
    try:
        blocks.region(0, len(lines), None, False)
        env: dict[str, Any] = {}
        if blocks.notes:
            env["footnotes"] = {"refs": {":" + label: -1 for label in blocks.notes}, "list": {}}
        for part in blocks.parts:
            found = _inlines(part.text, env) if part.text else []
            if found is None:
                found = inline(part.text, env)
                if found is None:
                    return None
            part.inlines = found
    except GiveUp:
        return None
    doc = Document()
    refs: list[int] = []
    for block in blocks.body:
        if isinstance(block, _Table):
            rows = [[[_paragraph(part, refs)] for part in row] for row in block.rows]
            doc.blocks.append(Table(rows, block.widths))
        else:
            doc.blocks.append(_paragraph(block, refs))
    notes: dict[int, list[Paragraph]] = {}
    if env:
        for note_id, entry in env["footnotes"]["list"].items():
            notes[note_id] = [
                _paragraph(part, refs) for part in blocks.notes[entry["label"]] if isinstance(part, _Part)
            ]
    doc.notes = [Note(notes.get(note_id, [])) for note_id in refs]
    return doc


def _paragraph(part: _Part, refs: list[int]) -> Paragraph:
    """The paragraph of ``part``, its footnote references numbered in reading order."""
    inlines = part.inlines
    for item in inlines:
        if isinstance(item, NoteRef):
            refs.append(item.note)
            item.note = len(refs) - 1
    return Paragraph(part.role, inlines, part.mark, part.style, part.shaded, lines=part.lines)


def _inlines(text: str, env: dict[str, Any]) -> list[Inline] | None:
    """The inlines of a paragraph's text with only plain text, line breaks, escapes, footnote
    references and emphasis whose every mark plainly opens or closes (markdown-it's
    delimiter rules give the same pairs); None if it has other markup."""
    if _MARKUP.search(text) is None:
        out: list[Inline] = []
        _plain(text, out, False, False)
        return merge_spans(out) if len(out) > 1 else out
    out = []
    refs = env["footnotes"]["refs"] if env else {}
    open_marks: list[str] = []
    bold = italic = 0
    position = 0
    size = len(text)
    search = _MARKUP.search
    scan = 0
    while True:
        found = search(text, scan)
        if found is None:
            break
        at = found.start()
        mark = found.group()
        if mark == "!" or mark == "^":
            if text[at + 1 : at + 2] == "[":
                return None  # an image or an inline footnote
            scan = at + 1
            continue
        _plain(text[position:at], out, bold > 0, italic > 0)
        if mark == "\\":
            following = text[at + 1 : at + 2]
            if following == "\n":
                out.append(Break())
                position = _skip_blanks(text, at + 2, size)
            elif following:
                escaped = following if following in ESCAPABLE else "\\" + following
                out += with_breaks(spaces(escaped), bold > 0, italic > 0)
                position = at + 2
            else:
                out.append(Span("\\", bold > 0, italic > 0))
                position = at + 1
        elif mark == "[":
            ref = _NOTE_REF.match(text, at)
            if ref is None or ":" + ref.group(1) not in refs:
                return None
            out.append(_reference(env, ref.group(1)))
            position = ref.end()
        elif mark == "*" or mark == "_":
            end = at + 1
            while end < size and text[end] == mark:
                end += 1
            run = end - at
            mark = text[at:end]
            before = text[at - 1] if at else " "
            after = text[at + run] if at + run < size else " "
            opens, closes = _flanks(mark[0], before, after)
            if opens and closes:
                # closes the emphasis this mark opened, else opens (markdown-it would look
                # past other marks for one of the same character)
                if open_marks and open_marks[-1] == mark:
                    opens = False
                elif any(other[0] == mark[0] for other in open_marks):
                    return None
                else:
                    closes = False
            if opens or closes:
                if run > 2:
                    return None
                if opens:
                    open_marks.append(mark)
                elif not open_marks or open_marks.pop() != mark:
                    return None
                step = 1 if opens else -1
                if run == 2:
                    bold += step
                else:
                    italic += step
            else:
                out.append(Span(mark, bold > 0, italic > 0))
            position = at + run
        else:
            return None
        scan = position
    if open_marks:
        return None
    _plain(text[position:], out, False, False)
    return merge_spans(out)


def _plain(text: str, out: list[Inline], bold: bool, italic: bool) -> None:
    """Text without markup: a line break after two spaces or more, else a space."""
    if "\n" in text:
        if "  \n" not in text:
            text = soft_breaks(text)
        else:
            position = 0
            for found in re.finditer(_BREAK, text):
                out += with_breaks(spaces(text[position : found.start()]), bold, italic)
                out.append(Break() if len(found.group(1)) > 1 else Span(" ", bold, italic))
                position = found.end()
            text = text[position:]
    out += with_breaks(spaces(text), bold, italic)


def soft_breaks(text: str) -> str:
    """``_BREAK.sub(" ", text)``: each line break, the spaces before it and the spaces and
    tabs after it, one space; by splitting at the breaks, not trying the pattern at every
    character (a GA's paragraphs in an eighth of the time)."""
    lines = text.split("\n")
    last = len(lines) - 1
    if not last:
        return text
    middle = [line.lstrip(" \t").rstrip(" ") for line in lines[1:last]]
    return " ".join([lines[0].rstrip(" "), *middle, lines[last].lstrip(" \t")])


def _flanks(mark: str, before: str, after: str) -> tuple[bool, bool]:
    """Whether a run of ``*`` or ``_`` between ``before`` and ``after`` can open emphasis,
    and whether it can close it (CommonMark's left- and right-flanking runs)."""
    before_space, after_space = before in _WHITE, after in _WHITE
    before_punct = before in ESCAPABLE or unicodedata.category(before).startswith(("P", "S"))
    after_punct = after in ESCAPABLE or unicodedata.category(after).startswith(("P", "S"))
    left = not (after_space or (after_punct and not (before_space or before_punct)))
    right = not (before_space or (before_punct and not (after_space or after_punct)))
    if mark == "*":
        return left, right
    return left and (not right or before_punct), right and (not left or after_punct)


def _skip_blanks(text: str, position: int, size: int) -> int:
    while position < size and text[position] in " \t":
        position += 1
    return position


def _reference(env: dict[str, Any], label: str) -> NoteRef:
    """A footnote reference, numbered as markdown-it's footnote plugin numbers it."""
    notes = env["footnotes"]
    note_id = notes["refs"][":" + label]
    if note_id < 0:
        note_id = len(notes["list"])
        notes["list"][note_id] = {"label": label, "count": 0}
        notes["refs"][":" + label] = note_id
    notes["list"][note_id]["count"] += 1
    return NoteRef(note_id, label=label)

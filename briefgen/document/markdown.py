"""Markdown (CommonMark with footnotes) into the block document, via markdown-it-py.

Raw HTML and character entities are switched off: what a drafter types is the text
that appears, except for Markdown's own markup (and a backslash before a space or tab,
which keeps it at the start of a paragraph or line); a link to an http(s) or mailto address keeps it for the writer's
hyperlink, any other link is its text alone. Nesting markdown-it would cut short is refused. Templates add three fenced
containers for layout, which drafters' texts cannot open (see ``protect``):

- ``::: stijl NAAM`` gives the paragraphs inside a named house style (``adres``);
- ``::: arcering`` shades the paragraphs inside (the red review shading);
- ``::: tabel 1 4 4`` reads a list of lists as table rows of cells, with relative
  column widths; the first row is the header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from ..errors import Location, _, fail
from . import quickread
from .blocks import (
    Break,
    Cell,
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
from .quickread import KEPT_NBSP as KEPT_NBSP
from .quickread import KEPT_SPACE as KEPT_SPACE
from .quickread import KEPT_TAB as KEPT_TAB
from .quickread import spaces as _spaces
from .quickread import with_breaks as _with_breaks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

_HEADINGS: dict[str, Role] = {"h1": "title", "h2": "heading1", "h3": "heading2"}


class _TooDeep(Exception):
    pass


def _refuse_deepest_level(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule that stops the parse a few levels before markdown-it would drop the rest
    (one rule can open a list and its item at once)."""
    if state.level >= MAX_NESTING - 4:
        raise _TooDeep
    return False


@cache
def _parser() -> MarkdownIt:
    """markdown-it as briefgen reads with it, built when a text first needs it (most texts
    never do: see quickread)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING}
    )
    md.disable(["entity", "html_inline", "html_block", "autolink"])
    for name in CONTAINERS:
        md.use(container_plugin, name, validate=_named(name))
    md.use(footnote_plugin)
    first = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(first, "refuse_deepest_level", _refuse_deepest_level)
    return md


CONTAINERS = quickread.CONTAINERS
# markdown-it silently drops what is nested deeper than this; data/limits.py refuses texts
# that could come near it, and parse() refuses a document that gets there.
MAX_NESTING = 100
_FENCE = r"(?m)^( {0,3}):::"
"""A line-start ``:::``; compiled on first use, as the patterns below that few texts need."""


def _named(name: str) -> Callable[..., bool]:
    def validate(params: str, *args: object) -> bool:
        return params.split(maxsplit=1)[:1] == [name]

    return validate


def __getattr__(name: str) -> Any:
    """``_MD``, the markdown-it parser, made on first use."""
    if name == "_MD":
        return _parser()
    raise AttributeError(name)


def protect(text: str) -> str:
    """A drafter's text with any line-start ``:::`` escaped, so it stays text (as ``str``: what
    ``re.sub`` makes of a text it leaves alone)."""
    if ":::" not in text:  # most texts: no need for the regex to try every line start
        return text[:]
    return re.sub(_FENCE, r"\1\\:::", text)


_WIDTH = quickread.WIDTH

_BLOCK_START = re.compile(r"^([ \t]*)([-+*>#]|\d{1,9}(?=[.)])|=+[ \t]*$)", re.MULTILINE)


_CLOSING_HASHES = r"(?<=[ \t])#+$"


def one_line(text: str) -> str:
    """A text placed at the start of a line or in a heading (a table cell, a signature, a
    dossier's short name) that must stay text: a leading list, quote or heading marker is
    escaped, so are the '#'s that would close a heading, and line breaks become spaces."""
    flat = " ".join(text.split())
    if flat.endswith("#"):  # on one line, only the end can close a heading
        flat = re.sub(_CLOSING_HASHES, lambda m: "\\" + m.group(), flat)
    start = _BLOCK_START.match(flat)  # on one line, only its start is a line start
    if start is None:
        return flat
    marker = start.group(2)
    return (
        start.group(1) + ("\\" + marker if not marker[0].isdigit() else marker + "\\") + flat[start.end() :]
    )


LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only addresses a document links to; any other link (``javascript:``, ``file:``, a
relative or UNC path) is its text alone."""


def linkable(address: str) -> bool:
    """Whether a document may link to ``address`` (see LINK_SCHEMES)."""
    try:
        scheme = urlsplit(address).scheme
    except ValueError:
        return False
    return scheme.lower() in LINK_SCHEMES


ESCAPED_SPACE = r"(?<!\\)((?:\\\\)*)\\([ \t])"
KEPT = {" ": KEPT_SPACE, "\t": KEPT_TAB}
"""The character that stands for each escaped whitespace character."""
_EDGE_NBSP = re.compile(r"^([ \t]*)(\xa0+)|(\xa0+)(?=[ \t]*$)", re.MULTILINE)
_NBSP_ENDS_LINE = re.compile(r"\xa0[ \t]*$", re.MULTILINE)
_NBSP_STARTS_LINE = re.compile(r"\n[ \t]*\xa0")
"""Whether _EDGE_NBSP has anything to do, each found quickly (a pattern that starts with a
character lets the regex engine skip to it; one starting at every line's start does not)."""


def kept_spaces(text: str) -> str:
    """``text`` with each escaped space or tab (``\\ ``) as the character that stands for it."""
    if "\\ " not in text and "\\\t" not in text:
        return text
    return re.sub(ESCAPED_SPACE, lambda m: m.group(1) + KEPT[m.group(2)], text)


def _keep_spaces(text: str) -> str:
    """``text`` with its escaped spaces and tabs and the no-break spaces at its lines' edges
    as KEPT_SPACE, KEPT_TAB and KEPT_NBSP, which markdown-it reads as ordinary characters."""
    text = kept_spaces(text)
    if "\xa0" not in text:
        return text
    if not (
        text.lstrip(" \t").startswith("\xa0")
        or _NBSP_STARTS_LINE.search(text)
        or _NBSP_ENDS_LINE.search(text)
    ):
        return text
    return _EDGE_NBSP.sub(
        lambda m: (m.group(1) + KEPT_NBSP * len(m.group(2))) if m.group(2) else KEPT_NBSP * len(m.group(3)),
        text,
    )


def parse(text: str, origin: Location | None = None) -> Document:
    """Parse Markdown into a Document; footnotes numbered in order of first reference.

    ``origin`` is the template that wrote ``text``, named if it nests too deep to read (texts
    that compose read once already come without one: the templates folder stands for it).
    A backslash before a space keeps that space where Markdown would drop it (at the start
    of a paragraph or line); no-break spaces are kept wherever they are.
    """
    kept = _keep_spaces(text)
    quick = quickread.read(kept, _inline)
    if quick is not None:
        return quick
    try:
        tokens = _parser().parse(kept)
    except _TooDeep:
        raise fail(
            origin or Location("templates"),
            _(
                "a document nests lists, quotes or blocks about {depth} levels deep; its templates must nest less",
                depth=MAX_NESTING,
            ),
        ) from None
    return _Reader().read(tokens)


class _Reader:
    def __init__(self) -> None:
        self.doc = Document()
        self.lists: list[ListMark] = []
        self.next_list = 0
        self.notes: dict[int, list[Paragraph]] = {}
        self.note_refs: list[int] = []
        self.body: list[Paragraph | Table] = self.doc.blocks
        self.target: list[Any] = self.body  # the body's blocks, a note's or a cell's paragraphs
        self.quote = 0
        self.item_pending = False
        self.styles: list[str] = []
        self.shaded = 0
        self.table: Table | None = None
        self.table_depth = 0

    def read(self, tokens: list[Token]) -> Document:
        role: Role = "body"
        for token in tokens:
            kind = token.type
            if self._container(token) or self._table_part(token):
                continue
            if kind == "heading_open":
                role = _HEADINGS.get(token.tag, "heading3")
            elif kind == "paragraph_open":
                role = "quote" if self.quote else "body"
            elif kind in ("ordered_list_open", "bullet_list_open"):
                self._open_list(token)
            elif kind in ("ordered_list_close", "bullet_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_pending = True
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind == "inline":
                self._paragraph(role, token)
                role = "body"
            elif kind in ("fence", "code_block"):
                lines = (token.map[0], token.map[1]) if token.map else None
                self._add(
                    Paragraph("code", _lines(_spaces(token.content.rstrip("\n"), code=True)), lines=lines)
                )
            elif kind == "footnote_open":
                self.target = self.notes.setdefault(token.meta["id"], [])
            elif kind == "footnote_close":
                self.target = self.body
        self.doc.notes = [Note(self.notes.get(note_id, [])) for note_id in self.note_refs]
        return self.doc

    def _container(self, token: Token) -> bool:
        kind = token.type
        if not kind.startswith("container_"):
            return False
        name, params = kind.split("_")[1], token.info.split()[1:]
        opening = kind.endswith("_open")
        if name == "stijl":
            if opening:
                self.styles.append(params[0] if params else "")
            else:
                self.styles.pop()
        elif name == "arcering":
            self.shaded += 1 if opening else -1
        elif opening:
            self.table = Table([], [max(int(p), 1) for p in params if re.fullmatch(_WIDTH, p)])
            self.table_depth = len(self.lists)
            self.target.append(self.table)
        else:
            self.table = None
        return True

    def _table_part(self, token: Token) -> bool:
        """Inside ``::: tabel``: the outer list gives rows, the lists inside it cells."""
        if self.table is None:
            return False
        depth = len(self.lists) - self.table_depth
        kind = token.type
        if kind == "bullet_list_open" and depth in (0, 1):
            self.lists.append(ListMark(-1, depth, False))
            return True
        if kind == "bullet_list_close" and depth in (1, 2):
            self.lists.pop()
            if depth == 2:
                self.target = self.body
            return True
        if kind == "list_item_open" and depth in (1, 2):
            if depth == 1:
                self.table.rows.append([])
            else:
                cell: Cell = []
                self.table.rows[-1].append(cell)
                self.target = cell
            return True
        return kind == "list_item_close" and depth in (1, 2)

    def _open_list(self, token: Token) -> None:
        ordered = token.type == "ordered_list_open"
        start = int(token.attrGet("start") or 1) if ordered else 1
        parent = self.lists[-1] if self.lists else None
        list_id = self.next_list if parent is None or ordered != parent.ordered else parent.list_id
        if parent is None or ordered != parent.ordered:
            self.next_list += 1
        level = parent.level + 1 if parent else 0
        delimiter = token.markup if ordered and token.markup in ".)" else "."
        self.lists.append(ListMark(list_id, level, ordered, start, delimiter))

    def _paragraph(self, role: Role, token: Token) -> None:
        """A paragraph; the first one of a list item carries the list mark.

        A heading that opens a list item stays a heading: Word numbers it (``1. ## Kop``).
        """
        mark = None
        if self.item_pending and self.lists:
            role, mark = (role if role.startswith("heading") else "listitem"), self.lists[-1]
            self.item_pending = False
        style = self.styles[-1] if self.styles else None
        lines = (token.map[0], token.map[1]) if token.map else None
        self._add(Paragraph(role, self._inlines(token), mark, style, self.shaded > 0, lines=lines))

    def _add(self, paragraph: Paragraph) -> None:
        self.target.append(paragraph)

    def _inlines(self, token: Token) -> list[Inline]:
        return _inlines(token.children or [], self._note_ref)

    def _note_ref(self, note_id: int, label: str) -> NoteRef:
        self.note_refs.append(note_id)
        return NoteRef(len(self.note_refs) - 1, label=label)


def read_inlines(text: str, labels: set[str]) -> list[Inline]:
    """One paragraph's inline Markdown as markdown-it reads it (the quick reader reads it the
    same or leaves it to markdown-it), ``[^label]`` a footnote reference for each of ``labels``."""
    env: dict[str, Any] = {"footnotes": {"refs": {f":{label}": -1 for label in labels}, "list": {}}}
    return _inline(text, env) or []


def _inline(text: str, env: dict[str, Any]) -> list[Inline] | None:
    """One paragraph's inlines read by markdown-it's inline parser, with footnote references
    numbered by footnote id (see quickread); None for an inline footnote (``^[...]``)."""
    if "^[" in text:
        return None
    md = _parser()
    children: list[Token] = []
    md.inline.parse(text, md, env, children)
    return _inlines(children, lambda note_id, label: NoteRef(note_id, label=label))


def _inlines(children: list[Token], note_ref: Callable[[int, str], NoteRef]) -> list[Inline]:
    """The inlines of markdown-it's tokens of one paragraph."""
    out: list[Inline] = []
    bold = italic = 0
    links: list[str | None] = []
    for child in children:
        kind = child.type
        link = links[-1] if links else None
        if kind in ("text", "text_special", "code_inline"):
            content = _spaces(child.content, code=kind == "code_inline")
            out.extend(_with_breaks(content, bold > 0, italic > 0, link))
        elif kind == "softbreak":
            out.append(Span(" ", bold > 0, italic > 0, link=link))
        elif kind == "link_open":
            address = _address(str(child.attrGet("href") or ""))
            links.append(address if linkable(address) else None)
        elif kind == "link_close":
            links.pop()
        elif kind == "hardbreak":
            out.append(Break())
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "image":
            out.append(Span(_spaces(child.content), bold > 0, italic > 0, link=link))
        elif kind == "footnote_ref":
            out.append(note_ref(child.meta["id"], child.meta.get("label", "")))
    return merge_spans(out)


def _address(href: str) -> str:
    """A link's address as markdown-it gave it, with a kept space as the space it stands for."""
    for mark, kept in ((KEPT_SPACE, "%5C%20"), (KEPT_TAB, "%5C%09"), (KEPT_NBSP, "%C2%A0")):
        href = href.replace(mark, kept).replace(quote(mark), kept)
    return href


def _lines(text: str) -> list[Inline]:
    out: list[Inline] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append(Break())
        out.append(Span(line))
    return out

"""Drafters' texts and where each came from, declared once on the models.

A model field holding a drafter's text says so in its type (``Prose`` or ``Line`` in
:mod:`.fields`, which carry a :class:`Drafted` marker). From that one declaration
:func:`drafted` lists every such value of a loaded model with its YAML path (footnote
checks, ``Agenda.texts``), and :class:`Provenance` gives compose a copy of the models whose
texts are :class:`Sourced` strings: text that behaves as the plain value everywhere, except
that turning it into output (``{{ value }}``, ``~``, ``join``) wraps it in invisible marks
naming its :class:`Origin`. Compose takes the marks out of the Markdown again and records
which paragraphs each value became (:mod:`briefgen.compose.sources`).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .modelbase import Base, Mark

Path = tuple[str | int, ...]
"""A YAML path: the keys and list indexes leading to a value (``standpunten``, 2, ``inzet``)."""


@dataclass(frozen=True)
class Drafted(Mark):
    """The marker of a drafter's text in a field's type: ``footnotes`` for prose that may
    carry footnotes and Markdown paragraphs, without for a one-line value (a heading, a
    name, an address line)."""

    footnotes: bool


PROSE = Drafted(footnotes=True)
LINE = Drafted(footnotes=False)


@dataclass(frozen=True)
class Origin:
    """One drafter's value: its file, YAML path, text as typed, and footnote scope.

    ``scope`` is the prefix compose gives the value's footnote labels: ``agenda`` for the
    agenda file, ``d:<dossier>`` for a position file.
    """

    file: str
    path: Path
    text: str
    scope: str = "agenda"


START, SEPARATOR, END = "\ufdd2", "\ufdd3", "\ufdd4"
DIGIT = 0xFDE0
"""The marks around a value in composed Markdown: START, its origin's number in the
noncharacters U+FDE0…U+FDE9, SEPARATOR, the text, END. Whitespace around the text stays
outside the marks, so that trimming and joining see what they saw before."""


_MARKS = re.compile("[\ufdd2-\ufdef]")


def mark(number: int) -> str:
    return START + "".join(chr(DIGIT + int(d)) for d in str(number)) + SEPARATOR


_TOKEN = re.compile(f"{START}[\ufde0-\ufde9]+{SEPARATOR}|{END}")


def sliced(value: object, start: int | None, stop: int | None, step: int | None) -> object:
    """``value[start:stop:step]`` as a template writes it: a text holding the marks of
    drafters' values is sliced as its letters, and keeps the marks of the values wholly
    inside the slice (``regel[1:]`` keeps the onderwerp it ends with)."""
    if not isinstance(value, str) or isinstance(value, Sourced) or not _MARKS.search(value):
        return value[start:stop:step]  # type: ignore[index]
    letters = _MARKS.sub("", value)
    if step not in (None, 1):
        return letters[start:stop:step]
    first, last, _ = slice(start, stop).indices(len(letters))
    tokens = list(_TOKEN.finditer(value))
    where, position, cursor = [], 0, 0
    for token in tokens:
        position += len(_MARKS.sub("", value[cursor : token.start()]))
        where.append(position)
        cursor = token.end()
    keep = [False] * len(tokens)
    opened: list[int] = []
    for index, token in enumerate(tokens):
        if token.group() != END:
            opened.append(index)
        elif opened:
            begin = opened.pop()
            keep[begin] = keep[index] = first <= where[begin] and where[index] <= last
    out, cursor = [], 0
    for index, token in enumerate(tokens):
        out.append(value[cursor : token.start()])
        out.append(token.group() if keep[index] else "")
        cursor = token.end()
    out.append(value[cursor:])
    kept = "".join(out)
    return _slice_letters(kept, first, last)


def _slice_letters(text: str, first: int, last: int) -> str:
    """The letters ``[first, last)`` of ``text`` (marks not counted) with the marks among them."""
    out, position, cursor = [], 0, 0
    for token in [*_TOKEN.finditer(text), None]:
        end = token.start() if token is not None else len(text)
        piece = _MARKS.sub("", text[cursor:end])
        lo, hi = max(first, position), min(last, position + len(piece))
        if lo < hi:
            out.append(piece[lo - position : hi - position])
        position += len(piece)
        if token is not None:
            if first <= position <= last:
                out.append(token.group())
            cursor = token.end()
    return "".join(out)


def plain(value: object) -> object:
    """``value`` without the marks a written drafter's text carries inside it (a text a
    template joined with ``~``), for what looks at its letters: a slice, a length, a method."""
    if isinstance(value, str) and not isinstance(value, Sourced) and _MARKS.search(value):
        return _MARKS.sub("", value)
    return value


class Sourced(str):
    """A drafter's text that knows its origin (the ``number`` of it in a :class:`Provenance`).

    It compares, slices and filters as the plain text; ``str()`` of it, which is how
    Jinja writes a value, is the text inside its marks.
    """

    _number: int

    def __new__(cls, text: str, number: int) -> Sourced:
        made = super().__new__(cls, text)
        made._number = number
        return made

    def like(self, text: str) -> Sourced:
        """Another text shown for the same value (trimmed, escaped, in capitals)."""
        return Sourced(text, self._number)

    def __str__(self) -> str:
        plain = self[:]
        core = plain.strip()
        if not core:
            return plain
        lead = len(plain) - len(plain.lstrip())
        return plain[:lead] + mark(self._number) + core + END + plain[lead + len(core) :]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Sourced, (self[:], self._number))


def keep(value: object, shown: str | None) -> str | None:
    """``shown`` as a text of ``value``'s origin, when ``value`` has one."""
    if isinstance(value, Sourced) and shown is not None:
        return value.like(shown)
    return shown


@cache
def _markers(model: type[Base]) -> tuple[tuple[str, Drafted | None], ...]:
    return tuple((name, _marker(info.annotation)) for name, info in model.model_fields.items())


def _marker(annotation: Any) -> Drafted | None:
    # Only an Annotated form has metadata (asking another typing form for it costs an exception).
    annotated = typing.get_origin(annotation) is typing.Annotated
    for meta in annotation.__metadata__ if annotated else ():
        if isinstance(meta, Drafted):
            return meta
    for argument in typing.get_args(annotation):
        found = _marker(argument)
        if found is not None:
            return found
    return None


def drafted(model: Base, path: Path = ()) -> Iterator[tuple[Path, str, Drafted]]:
    """Every drafter's text in ``model`` (nested models and lists included) with its path."""
    for name, marker in _markers(type(model)):
        value = getattr(model, name)
        if isinstance(value, str):
            if marker is not None:
                yield (*path, name), value, marker
        elif isinstance(value, Base):
            yield from drafted(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    if marker is not None:
                        yield (*path, name, index), item, marker
                elif isinstance(item, Base):
                    yield from drafted(item, (*path, name, index))


@dataclass
class Provenance:
    """The origins of one package's texts, numbered in the order they were first given out."""

    origins: list[Origin] = field(default_factory=list)

    def sourced(self, model: Any, file: str, scope: str = "agenda", path: Path = ()) -> Any:
        """A copy of ``model`` whose drafter's texts are :class:`Sourced` (itself when it has none)."""
        update: dict[str, Any] = {}
        kind: type[Base] = type(model)
        for name, marker in _markers(kind):
            value = getattr(model, name)
            here = (*path, name)
            if isinstance(value, str):
                if marker is not None:
                    update[name] = self._sourced(value, file, here, scope)
            elif isinstance(value, Base):
                copy = self.sourced(value, file, scope, here)
                if copy is not value:
                    update[name] = copy
            elif isinstance(value, list) and value:
                items = [self._item(item, marker, file, scope, (*here, i)) for i, item in enumerate(value)]
                if any(new is not old for new, old in zip(items, value, strict=True)):
                    update[name] = items
        return model.model_copy(update=update) if update else model

    def _item(self, item: Any, marker: Drafted | None, file: str, scope: str, path: Path) -> Any:
        if isinstance(item, str):
            return self._sourced(item, file, path, scope) if marker is not None else item
        if isinstance(item, Base):
            return self.sourced(item, file, scope, path)
        return item

    def _sourced(self, text: str, file: str, path: Path, scope: str) -> Sourced:
        self.origins.append(Origin(file, path, text, scope))
        return Sourced(text, len(self.origins) - 1)

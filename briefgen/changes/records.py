"""The source map's records: where each drafter's text of a composed document came from.

A render writes one :class:`SourceMap` per document into ``manifest.json`` (its
``bronnen``); ``briefgen absorb`` reads it back to take a colleague's edits to the value
they came from. Both sides use these records and nothing else: ``to_json`` and
``from_json`` are the whole contract. ``from_json`` refuses (``ValueError``) what it
cannot read, so a map an older briefgen wrote counts as no map at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from ..data.provenance import Origin, Path

__all__ = ["FieldSource", "NoteSource", "Origin", "Path", "SourceMap", "maps_from_json", "maps_to_json"]

FORMAT = 2
"""The source map's format; a map of another format is not read."""


@dataclass(frozen=True)
class FieldSource:
    """Where a document shows a value: ``count`` whole paragraphs from ``paragraph``, or,
    with ``span``, the stretch ``[start, end)`` of one paragraph's Markdown (as
    :func:`briefgen.document.keys.key` writes it) inside a generated sentence."""

    origin: Origin
    paragraph: int
    count: int = 1
    span: tuple[int, int] | None = None

    @property
    def inline(self) -> bool:
        return self.span is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.origin.file,
            "path": list(self.origin.path),
            "text": self.origin.text,
            "scope": self.origin.scope,
            "paragraph": self.paragraph,
            "count": self.count,
        }
        if self.span is not None:
            out["span"] = list(self.span)
        return out

    @classmethod
    def from_json(cls, data: Any) -> FieldSource:
        _expect(isinstance(data, dict), "a field source is an object")
        span = data.get("span")
        if span is not None:
            _expect(isinstance(span, list) and len(span) == 2 and all(_is_int(v) for v in span), "span")
            span = (span[0], span[1])
        _expect(_is_int(data.get("paragraph")) and _is_int(data.get("count", 1)), "paragraph")
        return cls(_origin(data), data["paragraph"], data.get("count", 1), span)


@dataclass(frozen=True)
class NoteSource:
    """A footnote label a document uses: its file, path (``voetnoten``, key) and value."""

    file: str
    path: Path
    value: str | dict[str, Any]

    @property
    def key(self) -> str:
        return str(self.path[-1])

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "path": list(self.path), "value": self.value}

    @classmethod
    def from_json(cls, data: Any) -> NoteSource:
        _expect(isinstance(data, dict), "a footnote source is an object")
        value = data.get("value")
        _expect(isinstance(value, str | dict), "a footnote's value is text or an object")
        return cls(_text(data, "file"), _path(data.get("path")), value)


@dataclass
class SourceMap:
    """One document's map: its values by paragraph, in document order, and its footnotes by label."""

    fields: list[FieldSource] = field(default_factory=list)
    notes: dict[str, NoteSource] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "fields": [f.to_json() for f in self.fields],
            "notes": {label: note.to_json() for label, note in sorted(self.notes.items())},
        }

    @classmethod
    def from_json(cls, data: Any) -> SourceMap:
        _expect(isinstance(data, dict) and data.get("format") == FORMAT, f"a source map of format {FORMAT}")
        fields, notes = data.get("fields"), data.get("notes")
        _expect(isinstance(fields, list) and isinstance(notes, dict), "fields and notes")
        return cls(
            [FieldSource.from_json(f) for f in fields],
            {str(label): NoteSource.from_json(n) for label, n in notes.items()},
        )

    def labels_in(self, scope: str) -> list[str]:
        """The footnote labels of one scope (a file's own footnotes) this document uses."""
        prefix = scope + ":"
        return [label for label in self.notes if label.startswith(prefix)]


def maps_to_json(maps: dict[str, SourceMap]) -> dict[str, Any]:
    return {name: source_map.to_json() for name, source_map in sorted(maps.items())}


def maps_from_json(data: Any) -> dict[str, SourceMap]:
    """Each document's map that can be read; one of another format is left out."""
    out: dict[str, SourceMap] = {}
    if not isinstance(data, dict):
        return out
    for name, value in data.items():
        try:
            out[str(name)] = SourceMap.from_json(value)
        except ValueError:
            continue
    return out


def _origin(data: dict[str, Any]) -> Origin:
    return Origin(_text(data, "file"), _path(data.get("path")), _text(data, "text"), _text(data, "scope"))


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    _expect(isinstance(value, str), name)
    return cast(str, value)


def _path(value: Any) -> Path:
    _expect(isinstance(value, list) and all(isinstance(s, str) or _is_int(s) for s in value), "a YAML path")
    return tuple(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"unreadable source map: expected {what}")

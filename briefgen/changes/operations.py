"""Marked paragraphs as text operations: runs of equal, inserted, deleted and replaced text,
for a terminal, JSON, or a summary of what changed in a file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..document.blocks import Break, Paragraph, Span, Tracked


@dataclass
class Operation:
    """``equal``, ``insert``, ``delete`` or ``replace``: text ``old`` became ``new``."""

    op: str
    old: str
    new: str


def operations(paragraphs: list[Paragraph]) -> list[Operation]:
    """The marked paragraphs as equal/insert/delete/replace operations on text."""
    merged: list[tuple[Tracked, list[str]]] = []
    for change, text in _segments(paragraphs):
        if merged and merged[-1][0] == change:
            merged[-1][1].append(text)
        else:
            merged.append((change, [text]))
    out: list[Operation] = []
    for change, texts in merged:
        text = "".join(texts)
        if change is None:
            out.append(Operation("equal", text, text))
        elif change == "del":
            out.append(Operation("delete", text, ""))
        elif out and out[-1].op == "delete":
            out[-1] = Operation("replace", out[-1].old, text)
        else:
            out.append(Operation("insert", "", text))
    return out


def note_operations(old: dict[str, str], new: dict[str, str]) -> list[Operation]:
    """Footnotes by key, each one operation on its ``[^key]: text`` line; old order first."""
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        before = f"[^{key}]: {old[key]}" if key in old else ""
        after = f"[^{key}]: {new[key]}" if key in new else ""
        if before == after:
            out.append(Operation("equal", before, after))
        elif not before:
            out.append(Operation("insert", "", after))
        elif not after:
            out.append(Operation("delete", before, ""))
        else:
            out.append(Operation("replace", before, after))
    return out


def note_key(label: str) -> str:
    """The key a drafter wrote, from a footnote label scoped by compose (``d:co2:bron``)."""
    return label.rsplit(":", 1)[-1]


def _segments(paragraphs: list[Paragraph]) -> Iterator[tuple[Tracked, str]]:
    """Text pieces with their change; paragraphs are separated by a blank line in each reading."""
    seen_old = seen_new = False
    for paragraph in paragraphs:
        in_old, in_new = paragraph.change != "ins", paragraph.change != "del"
        gap_old, gap_new = in_old and seen_old, in_new and seen_new
        if gap_old or gap_new:
            yield (None if gap_old and gap_new else "del" if gap_old else "ins"), "\n\n"
        seen_old, seen_new = seen_old or in_old, seen_new or in_new
        for inline in paragraph.inlines:
            if isinstance(inline, Span):
                yield inline.change, inline.text
            elif isinstance(inline, Break):
                yield inline.change, "\n"
            else:
                yield inline.change, f"[^{note_key(inline.label)}]"

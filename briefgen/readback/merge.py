"""The three-way merge: an edit from the document against what its file holds now.

A value the file still holds as it was at build time takes the document's edit. A
text changed since the build too is merged when the two sides changed different
paragraphs, and otherwise left as it is and reported as a conflict.
"""

from __future__ import annotations

import difflib
import re

from ..data.load import Loaded
from ..errors import Problem
from .edits import Change, value_at
from .report import short


def settle(changes: list[Change], current: Loaded, conflicts: list[Problem]) -> list[Change]:
    """The changes still to make to a file loaded as ``current``: kept, merged or refused."""
    out = []
    for change in changes:
        if change.add:
            out.append(change)
            continue
        now = value_at(current.data, change.pad)
        if now == change.base or now == change.new:
            if now != change.new:
                out.append(change)
            continue
        if isinstance(now, str) and isinstance(change.base, str) and isinstance(change.new, str):
            merged = merge3(change.base, now, change.new)
            if merged is not None:
                if now.endswith("\n") and not merged.endswith("\n"):
                    merged += "\n"
                out.append(Change(change.bestand, change.pad, now, merged, change.place))
                continue
        conflicts.append(
            Problem(
                current.source.where(change.pad),
                f"{change.place} changed both in the file since the build and in the document; "
                f"left as it is.\n  in the file:     {short(now)}\n  in the document: {short(change.new)}",
            )
        )
    return out


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """Both sides' paragraph edits of ``base``, or None when they touch the same paragraph."""
    b, y, d = _split(base), _split(ours), _split(theirs)
    edits = []
    for side in (y, d):
        matcher = difflib.SequenceMatcher(None, b, side, autojunk=False)
        edits.append([(i1, i2, side[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"])
    for a1, a2, _ in edits[0]:
        for b1, b2, _ in edits[1]:
            if (
                (a1 < b2 and b1 < a2)
                or a1 == b1
                or (a1 == a2 and b1 < a1 < b2)
                or (b1 == b2 and a1 < b1 < a2)
            ):
                return None
    merged = list(b)
    for i1, i2, replacement in sorted(edits[0] + edits[1], key=lambda e: (e[0], e[1]), reverse=True):
        merged[i1:i2] = replacement
    return "\n\n".join(merged)


def _split(text: str) -> list[str]:
    return re.split(r"\n[ \t]*\n", text)

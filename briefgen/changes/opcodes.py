"""Aligning two sequences in bounded time: difflib's opcodes, with the common start and end
of the two sequences set aside first and the quadratic word comparison kept within
``WORD_BUDGET``."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence

WORD_BUDGET = 1_000_000
"""Largest product of two stretches' word counts that difflib compares word by word."""

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], budget: int | None = None) -> list[Opcode]:
    """difflib's opcodes turning ``a`` into ``b``, in bounded time.

    Small inputs go to difflib whole. Larger ones set aside their common start and end
    first; the middle then goes to difflib when its sizes multiply to at most ``budget``,
    else it is one replacement. Without a budget (for paragraphs and sentences, which are
    mostly distinct) a large middle goes to difflib with its heuristic that leaves items
    occurring in more than one percent of places out of the search for anchors.
    """
    if len(a) * len(b) <= (WORD_BUDGET if budget is None else budget):
        return _difflib(a, b, autojunk=False)
    start = _common_start(a, b)
    end = _common_start(a[: start - 1 if start else None : -1], b[: start - 1 if start else None : -1])
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    out: list[Opcode] = [("equal", 0, start, 0, start)] if start else []
    if not middle_a and not middle_b:
        pass
    elif not middle_a or not middle_b or (budget is not None and len(middle_a) * len(middle_b) > budget):
        op = "replace" if middle_a and middle_b else "delete" if middle_a else "insert"
        out.append((op, start, start + len(middle_a), start, start + len(middle_b)))
    else:
        out += [
            (op, i1 + start, i2 + start, j1 + start, j2 + start)
            for op, i1, i2, j1, j2 in _difflib(middle_a, middle_b, autojunk=budget is None)
        ]
    if end:
        out.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return out


def word_opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """``opcodes`` for words: a middle past ``WORD_BUDGET`` is one replacement."""
    return opcodes(a, b, WORD_BUDGET)


def _difflib(a: Sequence[Hashable], b: Sequence[Hashable], autojunk: bool) -> list[Opcode]:
    """difflib on the items as small integers: each item is hashed once."""
    ids: dict[Hashable, int] = {}
    left = [ids.setdefault(item, len(ids)) for item in a]
    right = [ids.setdefault(item, len(ids)) for item in b]
    found: list[Opcode] = [*difflib.SequenceMatcher(None, left, right, autojunk=autojunk).get_opcodes()]
    return found


def _common_start(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))

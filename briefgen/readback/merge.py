"""The three-way merge: an edit from the document against what its file holds now.

A value the file still holds as it was at build time takes the document's edit. A
text changed since the build too is merged when the two sides changed different
paragraphs, and otherwise left as it is and reported as a conflict.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from ..data.load import Loaded
from ..errors import Problem
from ..output import history
from .edits import IN_THE_FILE, Dispute, Edit, Pad, Side, value_at
from .report import short


def settle(
    changes: list[Edit],
    current: Loaded,
    conflicts: list[Problem],
    disputes: list[Dispute] | None = None,
    absorbed: dict[str, history.Absorbed] | None = None,
) -> list[Edit]:
    """The changes still to make to a file loaded as ``current``: kept, merged or refused.

    A value the document shows twice (a dossier on the agenda twice) can come with two
    edits; the second is settled against the first, so both land or the second is refused.
    Edits from different documents are merged the same way; when two documents changed
    the same paragraph differently, the value is left as it is and both are reported.
    ``absorbed`` (see :func:`briefgen.output.history.read_absorbed`) names the answer a value's
    current text came from, when an earlier absorb wrote it.
    """
    out: list[Edit] = []
    made: dict[Pad, int] = {}
    seen: dict[Pad, list[Edit]] = {}
    refused: dict[Pad, tuple[Edit, list[Side]]] = {}
    clashing: dict[Pad, list[Edit]] = {}  # the edits of a refused value named in its conflict
    taken: dict[Pad, list[Edit]] = {}  # the edits of this run its text in ``out`` holds
    added: dict[Pad, Edit] = {}
    renamed: dict[str, dict[str, str]] = {}
    for change in changes:
        if change.add:
            if value_at(current.data, change.pad) == change.new:
                continue  # the file holds this note already (the answer absorbed before)
            change = _own_key(change, added, renamed, current)
            if change.pad not in added:
                added[change.pad] = change
                out.append(change)
            continue
        for old_key, new_key in renamed.get(change.origin, {}).items():
            if isinstance(change.new, str):
                change = replace(change, new=change.new.replace(f"[^{old_key}]", f"[^{new_key}]"))
        if change.pad in refused and any(_clash(c, change) for c in clashing[change.pad]):
            refused[change.pad][1].append(Side(change.origin, change.author, change.new))
            clashing[change.pad].append(change)
            continue
        earlier = made.get(change.pad)
        others = [c for c in seen.get(change.pad, []) if c.origin != change.origin]
        seen.setdefault(change.pad, []).append(change)
        now = value_at(current.data, change.pad) if earlier is None else out[earlier].new
        if now == change.base or now == change.new:
            if now != change.new:
                made[change.pad] = _keep(out, earlier, change)
                taken.setdefault(change.pad, []).append(change)
            continue
        if earlier is not None and change.pad not in refused:
            first = out[earlier]
            if _builds_on(change, history.Absorbed("", first.origin, first.editors)):
                # made on the copy the earlier answer of this run came from (Anna's answer on
                # Jan's returned copy, absorbed together with Jan's): its text supersedes it
                made[change.pad] = _keep(out, earlier, replace(change, base=first.base))
                taken[change.pad] = [out[made[change.pad]]]
                continue
            if _builds_on(first, history.Absorbed("", change.origin, change.editors)):
                continue  # the earlier answer was made on this one's copy: it holds its text
        source = _absorbed_from(absorbed or {}, change, now) if earlier is None else None
        if source and _builds_on(change, source):
            # made on the copy the file's text came from: its text supersedes it, a change
            # of that copy rejected included
            made[change.pad] = _keep(out, earlier, replace(change, base=now))
            taken[change.pad] = [out[made[change.pad]]]
            continue
        if change.rejects:
            continue
        if isinstance(now, str) and isinstance(change.base, str) and isinstance(change.new, str):
            merged = merge3(change.base, now, change.new)
            if merged is not None:
                if now.endswith("\n") and not merged.endswith("\n"):
                    merged += "\n"
                base = now if earlier is None else out[earlier].base
                made[change.pad] = _keep(
                    out,
                    earlier,
                    Edit(
                        change.bestand,
                        change.pad,
                        base,
                        merged,
                        change.place,
                        origin=change.origin,
                        editors=change.editors,
                    ),
                )
                taken.setdefault(change.pad, []).append(change)
                continue
        where = current.source.where(change.pad)
        if earlier is not None and others:
            named, taken[change.pad] = _refuse(
                out, earlier, change, (others, taken.get(change.pad, [])), current
            )
            made = {c.pad: k for k, c in enumerate(out) if not c.add}
            refused.setdefault(change.pad, (change, []))
            for edit in named:
                if edit not in clashing.setdefault(change.pad, []):
                    clashing[change.pad].append(edit)
                    refused[change.pad][1].append(Side(edit.origin, edit.author, edit.new))
            continue
        by = source.by if source else ""
        if earlier is None and isinstance(now, str):
            side = Side(by or IN_THE_FILE, ", ".join(source.editors) if source else "", now)
            _dispute(disputes, change, [side, Side(change.origin, change.author, change.new)])
        conflicts.append(Problem(where, _conflict(change, now, earlier is not None, by)))
    for change, versions in refused.values():
        kept = [edit.origin for edit in taken.get(change.pad, [])]
        conflicts.append(Problem(current.source.where(change.pad), _between(change.place, versions, kept)))
        _dispute(disputes, change, versions)
    # a footnote an answer added whose text was superseded (Jan's note, edited on his copy by
    # Anna and so added again under her words) or refused is referenced by nothing written
    texts = " ".join(c.new for c in out if not c.add and isinstance(c.new, str))
    return [c for c in out if not c.add or f"[^{c.pad[-1]}]" in texts or _cited(current, c)]


def _refuse(
    out: list[Edit], earlier: int, change: Edit, before: tuple[list[Edit], list[Edit]], current: Loaded
) -> tuple[list[Edit], list[Edit]]:
    """The edits named in the conflict ``change`` makes, and those still taken.

    ``before`` holds the earlier edits of this run from other answers, and those the text in
    ``out[earlier]`` holds. Only the ones that clash with ``change`` are named with it (Jan's,
    when he and Piet changed one paragraph); the others stay merged into ``out[earlier]``
    (Anna's, who changed another). When they cannot be merged without the clashing ones,
    every earlier edit is named and the value is left as it is.
    """
    others, taken = before
    clash = [edit for edit in others if _clash(edit, change)]
    rest = [edit for edit in taken if edit not in clash]
    now = value_at(current.data, change.pad)
    text = _fold(now, rest) if clash and rest else None
    if text is None or text == now:
        del out[earlier]
        return ([*others, change], []) if text is None else ([*clash, change], [])
    out[earlier] = replace(out[earlier], new=text, origin=rest[-1].origin, editors=rest[-1].editors)
    return [*clash, change], rest


def _clash(one: Edit, other: Edit) -> bool:
    """Two edits of one value that cannot both be made: different texts of one paragraph."""
    if one.new == other.new:
        return False
    texts = (one.base, one.new, other.new)
    if one.base == other.base and all(isinstance(text, str) for text in texts):
        return merge3(*texts) is None
    return True


def _fold(now: object, edits: list[Edit]) -> object | None:
    """``now`` with each of ``edits`` merged in turn, or None when one of them clashes."""
    for edit in edits:
        if now in (edit.base, edit.new):
            now = edit.new
            continue
        if not (isinstance(now, str) and isinstance(edit.base, str) and isinstance(edit.new, str)):
            return None
        merged = merge3(edit.base, now, edit.new)
        if merged is None:
            return None
        now = merged + "\n" if now.endswith("\n") and not merged.endswith("\n") else merged
    return now


def _cited(current: Loaded, change: Edit) -> bool:
    """The file already cites the footnote an answer adds (a rerun of the same answer)."""
    return f"[^{change.pad[-1]}]" in str(current.data)


def _dispute(disputes: list[Dispute] | None, change: Edit, versions: list[Side]) -> None:
    """Keep the conflict for ``--report`` when every version is a text."""
    if disputes is None or not isinstance(change.base, str):
        return
    if all(isinstance(side.text, str) for side in versions):
        disputes.append(Dispute(change.bestand, change.place, change.base, versions))


def _between(place: str, versions: list[Side], kept: list[str]) -> str:
    names = [side.who for side in versions]
    left = f"left as it is but for the edits of {_and(kept)}, taken" if kept else "left as it is"
    lines = [f"{place} was changed differently in the same paragraph by {_and(names)}; {left}."]
    width = max(len(name) for name in names) + 1
    lines += [f"  {(side.who + ':').ljust(width)} {short(side.text, width + 3)}" for side in versions]
    return "\n".join(lines)


def _and(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]


def _keep(out: list[Edit], earlier: int | None, change: Edit) -> int:
    """Put ``change`` in ``out`` in place of the earlier change to its value; its index."""
    if earlier is None:
        out.append(change)
        return len(out) - 1
    out[earlier] = change
    return earlier


def _own_key(
    change: Edit, added: dict[Pad, Edit], renamed: dict[str, dict[str, str]], current: Loaded
) -> Edit:
    """A footnote two answers add under one key: the same note once; a different one under a
    key of its own, which that answer's texts then use."""
    first = added.get(change.pad)
    if first is None or first.new == change.new:
        return change
    key, number = str(change.pad[-1]), 2
    while (*change.pad[:-1], f"{key}-{number}") in added or (
        value_at(current.data, (*change.pad[:-1], f"{key}-{number}")) is not None
    ):
        number += 1
    renamed.setdefault(change.origin, {})[key] = f"{key}-{number}"
    pad = (*change.pad[:-1], f"{key}-{number}")
    return replace(change, pad=pad, place=f"voetnoten.{key}-{number}")


def _absorbed_from(
    absorbed: dict[str, history.Absorbed], change: Edit, now: object
) -> history.Absorbed | None:
    """The answer the file's text of the value came from, when absorb wrote it as it is."""
    found = absorbed.get(history.value_key(change.bestand, change.place))
    return found if found and found.hash == history.value_hash(now) else None


def _builds_on(change: Edit, source: history.Absorbed) -> bool:
    """The document was edited on top of the answer the file's text came from: every editor
    of that answer has tracked changes in this paragraph of the document, and someone else
    too (Anna changed the copy Jan returned); or every editor of that answer has tracked
    changes somewhere in the document and someone else saved it (Anna rejected Jan's change
    here and left his others). Its text then supersedes the file's."""
    earlier = set(source.editors)
    if not earlier:
        return False
    if earlier < set(change.editors):
        return True
    return earlier <= set(change.lineage) and bool(change.saved_by) and change.saved_by not in earlier


def _conflict(change: Edit, now: object, twice: bool, by: str = "") -> str:
    if twice:
        return (
            f"{change.place} is shown twice in the document and edited differently in the same "
            f"paragraph; the first edit is taken.\n  first edit: {short(now)}\n  other edit: {short(change.new)}"
        )
    who = f" ({change.origin})" if change.origin else ""
    earlier = f" (absorbed from {by})" if by else ""
    return (
        f"{change.place} changed both in the file since the build{earlier} and in the document{who}; "
        f"left as it is.\n  in the file:     {short(now)}\n  in the document: {short(change.new)}"
    )


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """Both sides' paragraph edits of ``base``, or None when they touch the same paragraph
    differently (an edit made on both sides is made once)."""
    b, y, d = _split(base), _split(ours), _split(theirs)
    edits = []
    for side in (y, d):
        matcher = difflib.SequenceMatcher(None, b, side, autojunk=False)
        edits.append([(i1, i2, side[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"])
    edits[1] = [edit for edit in edits[1] if edit not in edits[0]]
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

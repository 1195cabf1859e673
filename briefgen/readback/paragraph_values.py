"""Map the returned document's paragraphs back to the values they show.

The build's source map names, for every drafter's text, the paragraphs that show it:
whole paragraphs (``p`` and ``n``) or a stretch of one generated sentence (``van`` and
``tot``). A value whose paragraphs changed gets its new text: paragraphs nobody changed
keep their text exactly as the drafter typed it (with the separators between them),
changed and added ones are written as Markdown. Footnotes go back to their key, a new
footnote gets a key of its own, and a footnote no longer referenced is to be removed.
Edits with no home in the data and Word comments are listed with their place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..changes.opcodes import WORD_BUDGET, opcodes
from ..changes.records import FieldSource, Origin, SourceMap
from ..data.files import read_text
from ..data.footnotes import NOTE_REF
from ..data.load import load_text
from ..document import markdown
from ..document.blocks import Break, NoteRef, Paragraph, Table
from ..document.keys import label_name, scoped
from ..document.tomarkdown import inline_markdown, join_blocks, paragraph_markdown, wrap
from ..errors import UserError, _
from ..word.contract import FOLLOW_ON
from .align import Alignment
from .edits import Edit, dotted
from .note_values import derive_key, note_markdown, note_value
from .report import Report


@dataclass
class _Field:
    spec: FieldSource
    members: list[tuple[int, int | None]] = field(default_factory=list)
    """(edited paragraph, built paragraph it matches or None) in document order."""
    lead: str | None = None
    """For a value that starts inside a generated sentence and goes on in paragraphs of its
    own: the new text of its first stretch, when that changed."""


def _in_header(paragraph: Paragraph) -> bool:
    """Whether the .docx holds ``paragraph`` in a header, which absorb does not read: a
    letter's follow-on column (``FOLLOW_ON``). Its absence from the body is no deletion."""
    return (paragraph.style or "").lower() == FOLLOW_ON.lower()


class ValueFinder:
    """The values a returned document changed, found through the build's source map ``bron``."""

    def __init__(self, root: Path, display: str, aligned: Alignment, bron: SourceMap):
        self.root = root
        self.display = display
        self.aligned = aligned
        self.bron = bron
        self.b = aligned.b
        self.e = aligned.e
        self.new_keys: dict[tuple[str, int], str] = {}
        self.changes: list[Edit] = []

    def run(self, report: Report) -> None:
        """Add to ``report`` the changes, the edits with no home and the comments."""
        aligned = self.aligned
        fields = [_Field(spec) for spec in self.bron.fields]
        owner: dict[int, _Field] = {}
        inline: dict[int, list[_Field]] = {}
        for item in fields:
            first = item.spec.paragraph
            if item.spec.inline:
                inline.setdefault(first, []).append(item)
                first += 1
            for i in range(first, item.spec.paragraph + item.spec.count):
                owner[i] = item
        matched: set[int] = set()
        inline_edits: dict[int, int] = {}
        for j, (kind, i) in enumerate(aligned.anchors()):
            if kind == "match":
                matched.add(i)
                if i in owner:
                    owner[i].members.append((j, i))
                elif i in inline:
                    inline_edits[i] = j
                elif aligned.ekeys[j] != aligned.bkeys[i]:
                    report.homeless.append(
                        _("{place}: changed: {text}", place=self._place(i), text=self.e[j].text)
                    )
                continue
            home = owner.get(i) or owner.get(i + 1)
            if home is not None:
                home.members.append((j, None))
            elif self.e[j].text.strip():
                report.homeless.append(
                    _("{place}: added: {text}", place=self._place(max(i, 0)), text=self.e[j].text)
                )
        for i, paragraph in enumerate(self.b):
            if i in matched or i in owner or i in inline or _in_header(paragraph):
                continue
            if paragraph.text.strip():
                report.homeless.append(
                    _("{place}: deleted: {text}", place=self._place(i), text=paragraph.text)
                )
        for i, items in inline.items():
            if i in inline_edits:
                self._inline(i, inline_edits[i], items, report)
            elif i not in matched and not _in_header(self.b[i]):
                report.homeless.append(f"{self._place(i)}: deleted: {self.b[i].text}")
        self._tables(owner, report)
        for item in fields:
            if not item.spec.inline or item.spec.count > 1:
                self._whole(item)
        self._notes()
        self._comments(report)
        report.changes = self.changes

    def _tables(self, owner: dict[int, _Field], report: Report) -> None:
        """A warning for each table a colleague put in a value's text (Insert > Table in the
        inzet): its cells' paragraphs are taken as paragraphs of the value, one after another,
        for no value holds a table. A table the build has (the nota's) is no such table."""
        anchors = self.aligned.anchors()
        built = {
            id(p)
            for b in self.aligned.built.blocks
            if isinstance(b, Table)
            for r in b.rows
            for c in r
            for p in c
        }
        for table in self.aligned.reading.tables:
            places = [anchors[j] for j in range(table.first, min(table.first + table.count, len(anchors)))]
            if any(kind == "match" and id(self.b[i]) in built for kind, i in places):
                continue
            homes = [
                (owner.get(i) if kind == "match" else owner.get(i) or owner.get(i + 1), max(i, 0))
                for kind, i in places
            ]
            home, i = next(((h, i) for h, i in homes if h is not None), (None, 0))
            if home is None:
                continue  # its paragraphs are listed as edits with no home
            origin = home.spec.origin
            report.warnings.append(
                f"{self._place(i)}: a table ({table.rows} x {table.columns}) in "
                f"{dotted(origin.path)} of {origin.file} is read as paragraphs, cell by cell: "
                "the data holds no tables"
            )

    def _place(self, i: int) -> str:
        """A built paragraph's place for a drafter: the heading above it and its text."""
        heading = next(
            (
                self.b[k].text
                for k in range(min(i, len(self.b) - 1), -1, -1)
                if self.b[k].role != "body" and self.b[k].role != "listitem"
            ),
            "",
        )
        where = (
            _("paragraph {number} under '{heading}'", number=i + 1, heading=heading)
            if heading
            else _("paragraph {number}", number=i + 1)
        )
        return f"{self.display}: {where}"

    def _whole(self, item: _Field) -> None:
        """A text shown as whole paragraphs: its new text when any of them changed."""
        ekeys, bkeys = self.aligned.ekeys, self.aligned.bkeys
        spec = item.spec
        origin = spec.origin
        start, count = spec.paragraph, spec.count
        lead = 1 if spec.inline else 0
        expected = [(None, start + k) for k in range(lead, count)]
        # an added paragraph without text (Enter pressed once too often) is no paragraph of the
        # value, unless it is all the value has left (emptied: refused as such when written)
        members = [(j, i) for j, i in item.members if i is not None or not _blank(self.e[j])]
        members = members or item.members
        if (
            item.lead is None
            and [(None, i) for _, i in members] == expected
            and all(ekeys[j] == bkeys[i] for j, i in members if i is not None)
        ):
            return
        base = origin.text
        # A value typed on one line (folded, plain or quoted in the file) gets its paragraphs
        # unwrapped: writing it keeps the file's style, and wraps it as the file does.
        one_line = "\n" not in base.strip()
        chunks, separators, head, tail = _chunks(base, origin.scope, self._local(origin))
        pieces: list[tuple[str, Paragraph, int | None]] = []
        if lead:
            if not chunks:
                return
            pieces.append((chunks[0] if item.lead is None else item.lead, self.b[start], 0))
        for j, i in members:
            if i is not None and ekeys[j] == bkeys[i] and i - start < len(chunks):
                pieces.append((chunks[i - start], self.e[j], i - start))
            else:
                shown = _unnested(self.e[j], self.b[start]) if lead else self.e[j]
                text = paragraph_markdown(shown, lambda ref: self._key_for(ref, origin))
                text = _numbered_on(text, shown, pieces[-1] if pieces else None)
                pieces.append((text if one_line else wrap(text), shown, None))
        if not pieces:
            new = None
        else:
            out = head + pieces[0][0]
            for (_, before, a), (text, after, b) in zip(pieces, pieces[1:], strict=False):
                if a is not None and b is not None and b == a + 1:
                    out += separators[a]
                else:
                    out += join_blocks([before, after], ["", ""])
                out += text
            new = out + (tail if tail else ("\n" if base.endswith("\n") else ""))
        if new != base:
            self.changes.append(Edit(origin.file, origin.path, base, new, dotted(origin.path)))

    def _inline(self, i: int, j: int, items: list[_Field], report: Report) -> None:
        """Texts set inside generated sentence ``i``: each edit goes to the value whose stretch it is in.

        The built and edited sentences are compared character by character; an edit inside (or at
        the edge of) one value's stretch changes that value alone, so a value holding the
        sentence's own words (an onderwerp with ': ') is never cut there. An edit to the fixed
        words, or across two values, has no home.
        """
        if self.aligned.ekeys[j] == self.aligned.bkeys[i]:
            return
        line = inline_markdown(self.b[i].inlines, label_name)
        edited = inline_markdown(self.e[j].inlines, self.aligned.e_name)
        items = sorted(items, key=lambda item: item.spec.span or (0, 0))
        values = _edited_spans(line, edited, [item.spec.span for item in items if item.spec.span])
        if values is None:
            report.homeless.append(f"{self._place(i)}: changed in a generated sentence: {self.e[j].text}")
            return
        for item, value in zip(items, values, strict=True):
            spec = item.spec
            assert spec.span is not None
            if value == line[spec.span[0] : spec.span[1]]:
                continue
            origin = spec.origin
            new = NOTE_REF.sub(partial(self._note_ref, origin=origin), value.strip())
            if not new:
                report.homeless.append(f"{self._place(i)}: {dotted(origin.path)} emptied; left as it was")
                continue
            if "\n" in origin.text.strip():
                new = wrap(new)
            if spec.count > 1:
                item.lead = new
                continue
            if origin.text.endswith("\n"):
                new += "\n"
            self.changes.append(Edit(origin.file, origin.path, origin.text, new, dotted(origin.path)))

    def _local(self, origin: Origin) -> dict[str, Any]:
        return {k.rsplit(":", 1)[-1]: 1 for k in self.bron.labels_in(origin.scope)}

    def _note_ref(self, found: re.Match[str], origin: Origin) -> str:
        return f"[^{self._label_key(found.group(1), origin)}]"

    def _key_for(self, ref: NoteRef, origin: Origin) -> str:
        return self._label_key(self.aligned.e_name(ref), origin)

    def _label_key(self, label: str, origin: Origin) -> str:
        """The key a footnote reference gets in the text of ``origin``'s file."""
        scope = origin.scope
        if label.startswith(scope + ":"):
            return label[len(scope) + 1 :]
        if label.startswith("_:"):
            return label[2:]
        index = int(label[1:]) if label.startswith("+") else -1
        text = self.aligned.e_note_texts[index] if index >= 0 else self._built_note_text(label)
        token = (origin.file, index if index >= 0 else hash(label))
        if token not in self.new_keys:
            note_key = self._fresh_key(origin, text)
            self.new_keys[token] = note_key
            self.changes.append(
                Edit(
                    origin.file,
                    ("voetnoten", note_key),
                    None,
                    note_value(text, None),
                    f"voetnoten.{note_key}",
                    add=True,
                )
            )
        return self.new_keys[token]

    def _built_note_text(self, label: str) -> str:
        index = self.aligned.note_labels.index(label)
        return note_markdown(self.aligned.built.notes[index])

    def _fresh_key(self, origin: Origin, text: str) -> str:
        built = {label.rsplit(":", 1)[-1] for label in self.bron.labels_in(origin.scope)}
        added = {str(c.pad[-1]) for c in self.changes if c.add and c.bestand == origin.file}
        existing = _existing_notes(self.root / origin.file)
        value = note_value(text, None)
        for key, held in existing.items():
            if key not in built and key not in added and held == value:
                return key  # added by an earlier absorb of this answer: the same note, not a second
        return derive_key(text, built | added | set(existing))

    def _notes(self) -> None:
        """Changed footnotes get their new value; footnotes no longer referenced are removed."""
        known = self.bron.notes
        for label, text in self.aligned.note_edits.items():
            note = known.get(label)
            if note is None:
                continue
            new = note_value(text, note.value)
            if new != note.value:
                self.changes.append(Edit(note.file, note.path, note.value, new, f"voetnoten.{note.key}"))
        used = {label for label in self.aligned.e_labels if label}
        for label in dict.fromkeys(self.aligned.note_labels):
            if label in used or label not in known:
                continue
            note = known[label]
            self.changes.append(Edit(note.file, note.path, note.value, None, f"voetnoten.{note.key}"))

    def _comments(self, report: Report) -> None:
        for comment in self.aligned.reading.comments:
            about = f" on '{comment.anchored}'" if comment.anchored else ""
            report.comments.append(
                f"{self.display}: paragraph {comment.paragraph + 1}: comment by {comment.author or 'unknown'}"
                f"{about}: {comment.text}"
            )


def _existing_notes(path: Path) -> dict[str, Any]:
    """The footnotes the file holds now, by key."""
    try:
        text = read_text(path, str(path))
    except (OSError, UserError):
        return {}
    data = load_text(text, str(path)).data
    notes = data.get("voetnoten") if isinstance(data, dict) else None
    return {str(key): value for key, value in notes.items()} if isinstance(notes, dict) else {}


def _chunks(text: str, scope: str, local: dict[str, Any]) -> tuple[list[str], list[str], str, str]:
    """A text's paragraphs as typed (list items one each), the text between them, and what
    comes before the first and after the last."""
    lines = text.split("\n")
    parsed = markdown._MD.parse(scoped(text, scope, local))
    starts: list[tuple[int, int]] = []
    item_start: int | None = None
    for token in parsed:
        if token.type == "list_item_open" and token.map:
            item_start = token.map[0]
        elif token.type == "paragraph_open" and token.map:
            begin = item_start if item_start is not None else token.map[0]
            starts.append((begin, token.map[1]))
            item_start = None
        elif token.type in ("heading_open", "fence", "code_block") and token.map:
            starts.append((token.map[0], token.map[1]))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    spans = [(offsets[a], offsets[b] - 1 if b < len(offsets) else len(text)) for a, b in starts]
    spans = [(a, min(b, len(text))) for a, b in spans]
    chunks = [text[a:b] for a, b in spans]
    separators = [text[spans[k][1] : spans[k + 1][0]] for k in range(len(spans) - 1)]
    head = text[: spans[0][0]] if spans else ""
    tail = text[spans[-1][1] :] if spans else text
    return chunks, separators, head, tail


def _edited_spans(line: str, edited: str, spans: list[tuple[int, int]]) -> list[str] | None:
    """What stands in ``edited`` where each of ``spans`` (sorted, apart) stood in ``line``.

    None when an edit touches the text between the spans, or reaches over two of them, or
    when the edit could belong to another span as well: aligned from the end, the same edit
    must give the same values (";:::;" losing one ':' could be either of two values).
    Text added right at a span's edge belongs to the span (to the first of two that meet there).
    """
    forward = _aligned_spans(line, edited, spans)
    if forward is None:
        return None
    size = len(line)
    mirrored = [(size - end, size - start) for start, end in reversed(spans)]
    backward = _aligned_spans(line[::-1], edited[::-1], mirrored)
    if backward is None or [value[::-1] for value in reversed(backward)] != forward:
        return None
    return forward


def _aligned_spans(line: str, edited: str, spans: list[tuple[int, int]]) -> list[str] | None:
    ops = opcodes(line, edited, budget=WORD_BUDGET)
    owners: dict[int, int] = {}
    for index, (tag, a1, a2, b1, b2) in enumerate(ops):
        if tag == "equal":
            continue
        owner = next((k for k, (start, end) in enumerate(spans) if start <= a1 and a2 <= end), None)
        if owner is None or _could_be_elsewhere(line, edited[b1:b2], a1, a2, spans, owner):
            return None
        owners[index] = owner
    out = []
    for k, (start, end) in enumerate(spans):
        out.append(edited[_mapped(ops, owners, k, start, True) : _mapped(ops, owners, k, end, False)])
    return out


def _could_be_elsewhere(
    line: str, new: str, a1: int, a2: int, spans: list[tuple[int, int]], owner: int
) -> bool:
    """Whether replacing ``line[a1:a2]`` by ``new`` gives the same text slid to the left or right
    over equal characters so that it lands inside another span than ``owner``
    (";:::;" losing a ':': the value before the ':' between them, or the one after)."""
    for step in (-1, 1):
        old, add, start, end = line[a1:a2], new, a1, a2
        while (start > 0) if step < 0 else (end < len(line)):
            if step < 0:
                c = line[start - 1]
                if (c + add)[-1] != (c + old)[-1]:
                    break
                old, add, start, end = (c + old)[:-1], (c + add)[:-1], start - 1, end - 1
            else:
                c = line[end]
                if (add + c)[0] != (old + c)[0]:
                    break
                old, add, start, end = (old + c)[1:], (add + c)[1:], start + 1, end + 1
            there = next((k for k, (lo, hi) in enumerate(spans) if lo <= start and end <= hi), None)
            if there is not None and there != owner:
                return True
    return False


def _mapped(
    ops: list[tuple[str, int, int, int, int]], owners: dict[int, int], k: int, x: int, start: bool
) -> int:
    """Where position ``x`` of the built sentence, span ``k``'s start or end, stands in the edited one."""
    for index, (_tag, a1, a2, b1, b2) in enumerate(ops):
        if owners.get(index) == k and (a1 == x if start else a2 == x):
            return b1 if start else b2
    for tag, a1, a2, b1, _b2 in ops:
        if tag == "equal" and (a1 <= x < a2 if start else a1 < x <= a2):
            return b1 + x - a1
    for _tag, a1, a2, b1, b2 in ops:
        if (a2 == x) if start else (a1 == x):
            return b2 if start else b1
    return 0


def _numbered_on(text: str, paragraph: Paragraph, before: tuple[str, Paragraph, int | None] | None) -> str:
    """A new or changed numbered item written with the number after the item before it in its
    list (``2.`` after ``1.``), not its list's first number: Markdown reads only the first
    item's number, the drafter reads them all."""
    mark = paragraph.list
    if before is None or paragraph.role != "listitem" or mark is None or not mark.ordered:
        return text
    earlier, previous, _ = before
    if previous.role != "listitem" or previous.list is None or not previous.list.ordered:
        return text
    indent = " " * (3 * mark.level)
    own = f"{indent}{mark.start}{mark.delimiter} "
    found = re.match(rf"{indent}(\d{{1,9}})[.)] ", earlier)
    if found is None or not text.startswith(own):
        return text
    return f"{indent}{int(found.group(1)) + 1}{mark.delimiter} " + text[len(own) :]


def _blank(paragraph: Paragraph) -> bool:
    """A paragraph that shows nothing: no text but spaces, no footnote reference, no page
    break (Ctrl+Enter makes a paragraph of its own; the data holds it as ``\\f``)."""
    return not paragraph.text.strip() and not any(
        isinstance(i, NoteRef) or (isinstance(i, Break) and i.page) for i in paragraph.inlines
    )


def _unnested(paragraph: Paragraph, lead: Paragraph) -> Paragraph:
    """A paragraph of a value that starts inside list item ``lead``, with its list level as the
    value has it (one level under the item in the document, at the top in the value)."""
    if paragraph.list is None or lead.list is None or lead.role != "listitem":
        return paragraph
    level = max(paragraph.list.level - lead.list.level - 1, 0)
    return replace(paragraph, list=replace(paragraph.list, level=level))

"""``briefgen absorb``: take a colleague's edits in a document briefgen wrote back into the YAML.

The document is read as its recipient left it (tracked changes accepted, or the
original reading), its paragraphs are aligned with the ones the build composed
(``manifest.json`` holds that document's Markdown and its source map), and each
paragraph that changed goes back to the value it came from: a section of a position,
an agenda or letter/nota field, a footnote. Paragraphs nobody changed keep their text
exactly as the drafter typed it; only values that changed are rewritten, through
``roundtrip`` so every other byte of the file stays. A value changed both in the YAML
since the build and in the document is merged when the two changed different
paragraphs and refused otherwise. Edits with no home in the data (a heading, a
generated sentence) and Word comments are listed with their place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.outputs import Output, write_all
from ..changes.manifest import Manifest
from ..changes.sourcemap import key, label_name, scoped
from ..compose import markdown
from ..compose.blocks import Document, Note, NoteRef, Paragraph, Revision
from ..compose.tomarkdown import inline_markdown, join_blocks, paragraph_markdown, wrap
from ..data import editing as roundtrip
from ..data.load import load_text, read_text
from ..data.model import NOTE_REF, Agenda, Dossier, SharedNotes, validate
from ..data.project import SHARED_NOTES, open_agenda
from ..errors import Location, Problem, UserError, fail
from ..word.reader import Reading, read_docx

Pad = tuple[str | int, ...]
SIMILAR = 0.5
KAMERSTUK = re.compile(
    r"^Kamerstukken (?P<kamer>II|I), (?P<vergaderjaar>\d{4}-\d{4}), (?P<dossier>[^,]+?)"
    r"(?:, nr\. (?P<nr>\d+)|, (?P<letter>[A-Z]{1,3}))?\.?$"
)


@dataclass
class Change:
    """One value to write: ``new`` None removes the key; ``add`` adds a new footnote key."""

    bestand: str
    pad: Pad
    base: Any
    new: Any
    place: str
    add: bool = False


@dataclass
class Report:
    document: str
    changes: list[Change] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    homeless: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    conflicts: list[Problem] = field(default_factory=list)
    diff: str = ""
    pending: int = 0


def absorb(
    root: Path, path: Path, *, dry_run: bool = False, original: bool = False, strict_pending: bool = False
) -> Report:
    """Read ``path`` and write its edits into positions/ and agendas/ (unless ``dry_run``)."""
    display = display_path(root, path)
    if not path.is_file():
        raise fail(Location(display), "no such file")
    manifest = Manifest.read(path.parent)
    reading = read_docx(path, display, original=original)
    if manifest is None:
        raise fail(
            Location(display),
            "no manifest.json beside it: absorb reads a document in the build folder briefgen "
            "rendered it to (build/<agenda>/); put the returned file there",
        )
    if strict_pending and reading.pending:
        raise fail(
            Location(display),
            f"{reading.pending} tracked change(s) still pending; accept or reject them in Word, "
            "or absorb without --strict-pending (which accepts them)",
        )
    agenda_path = root / "agendas" / f"{manifest.agenda}.yaml"
    project, entry = open_agenda(root, agenda_path)
    agenda = entry.model
    expected = f"{agenda.raad} {agenda.datum.isoformat()}"
    if reading.subject and reading.subject != expected:
        raise fail(
            Location(display),
            f"this document is from another agenda ('{reading.subject}'); the build in its folder "
            f"is {manifest.agenda} ('{expected}')",
        )
    name = _which(manifest, path, reading, display)
    bron = manifest.bronnen.get(name)
    if bron is None:
        raise fail(
            Location(display),
            "the build in this folder has no source map (an older briefgen wrote it); "
            "render again and send round the new document",
        )
    built = markdown.parse(manifest.documenten[name])
    work = _Absorber(root, display, built, reading, bron)
    if work.resemblance() < 0.3:
        raise fail(
            Location(display),
            f"does not match {name} of {manifest.agenda}: too little of its text is in the build",
        )
    report = Report(name, pending=reading.pending)
    work.run(report)
    _write(root, report, dry_run)
    return report


def display_path(root: Path, path: Path) -> str:
    """``path`` as the user sees it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _which(manifest: Manifest, path: Path, reading: Reading, display: str) -> str:
    """Which document of the build this is: by file name, else by its text."""
    names = sorted(manifest.documenten, key=len, reverse=True)
    if path.name in manifest.documenten:
        return path.name
    for name in names:
        if path.stem.startswith(Path(name).stem):
            return name
    texts = {p.text for p in reading.paragraphs if p.text.strip()}
    best, score = None, 0.0
    for name in names:
        built = [p.text for p in markdown.parse(manifest.documenten[name]).paragraphs if p.text.strip()]
        found = sum(1 for text in built if text in texts) / max(1, len(built))
        if found > score:
            best, score = name, found
    if best is None or score < 0.3:
        raise fail(Location(display), "cannot tell which document of the build in its folder this is")
    return best


def note_markdown(note: Note, name: Callable[[NoteRef], str] = label_name) -> str:
    texts = [paragraph_markdown(p, name) for p in note.paragraphs]
    return join_blocks(note.paragraphs, texts).strip()


@dataclass
class _Field:
    spec: dict[str, Any]
    members: list[tuple[int, int | None]] = field(default_factory=list)
    """(edited paragraph, built paragraph it matches or None) in document order."""


class _Absorber:
    def __init__(
        self,
        root: Path,
        display: str,
        built: Document,
        reading: Reading,
        bron: dict[str, Any],
    ):
        self.root = root
        self.display = display
        self.built = built
        self.reading = reading
        self.bron = bron
        self.b = built.paragraphs
        self.e = reading.paragraphs
        self.note_labels = self._built_labels()
        self.e_labels = self._align_notes()
        self.ekeys = [key(p, self._e_name) for p in self.e]
        self.new_keys: dict[tuple[str, int], str] = {}
        self.changes: list[Change] = []

    # -- footnotes -------------------------------------------------------------------

    def _built_labels(self) -> list[str]:
        labels = [""] * len(self.built.notes)
        for paragraph in self.b:
            for inline in paragraph.inlines:
                if isinstance(inline, NoteRef):
                    labels[inline.note] = inline.label
        return labels

    def _align_notes(self) -> list[str | None]:
        """For each footnote of the document, the label of the built footnote it is (None: new).

        Equal texts pair first; a footnote whose text changed is the one whose reference
        sits at the same place in the same (aligned) paragraph.
        """
        before = [note_markdown(n) for n in self.built.notes]
        after = [note_markdown(n) for n in self.reading.notes]
        self.e_note_texts = after
        labels: list[str | None] = [None] * len(after)
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                labels[block.b + offset] = self.note_labels[block.a + offset]
        self.e_labels = labels
        self.bkeys = [key(p) for p in self.b]
        self.ekeys = [key(p, self._e_name) for p in self.e]
        taken = {label for label in labels if label}
        for j, (kind, i) in enumerate(self._anchors()):
            if kind != "match":
                continue
            built_refs = [r for r in self.b[i].inlines if isinstance(r, NoteRef)]
            edited_refs = [r for r in self.e[j].inlines if isinstance(r, NoteRef)]
            free = [r.label for r in built_refs if r.label not in taken]
            for ref in edited_refs:
                if labels[ref.note] is None and free:
                    labels[ref.note] = free.pop(0)
                    taken.add(labels[ref.note])
        self.note_edits: dict[str, str] = {}
        for index, label in enumerate(labels):
            if label is not None and label not in self.note_edits:
                original = before[self.note_labels.index(label)]
                if after[index] != original:
                    self.note_edits[label] = after[index]
        return labels

    def _e_name(self, ref: NoteRef) -> str:
        label = self.e_labels[ref.note] if ref.note < len(self.e_labels) else None
        return label if label is not None else f"+{ref.note}"

    def resemblance(self) -> float:
        if not self.b:
            return 1.0
        texts = {p.text for p in self.e}
        return sum(1 for p in self.b if p.text in texts) / len(self.b)

    # -- paragraphs ------------------------------------------------------------------

    def _anchors(self) -> list[tuple[str, int]]:
        """For each edited paragraph: ('match', i) the built paragraph it is, or ('after', i)."""
        anchors: list[tuple[str, int]] = [("after", -1)] * len(self.e)
        matcher = difflib.SequenceMatcher(None, self.bkeys, self.ekeys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for offset in range(i2 - i1):
                    anchors[j1 + offset] = ("match", i1 + offset)
                continue
            last = i1 - 1
            cursor = i1
            for j in range(j1, j2):
                best, score = None, SIMILAR
                for i in range(cursor, i2):
                    ratio = difflib.SequenceMatcher(None, self.b[i].text, self.e[j].text).ratio()
                    if ratio >= score:
                        best, score = i, ratio
                if best is not None and (j2 - j1 > 1 or i2 - i1 > 1 or op == "replace"):
                    anchors[j] = ("match", best)
                    last, cursor = best, best + 1
                else:
                    anchors[j] = ("after", last)
        return anchors

    def run(self, report: Report) -> None:
        fields = [_Field(spec) for spec in self.bron.get("velden", [])]
        owner: dict[int, _Field] = {}
        inline: dict[int, list[_Field]] = {}
        for item in fields:
            if "van" in item.spec:
                inline.setdefault(item.spec["p"], []).append(item)
            else:
                for i in range(item.spec["p"], item.spec["p"] + item.spec["n"]):
                    owner[i] = item
        matched: set[int] = set()
        inline_edits: dict[int, int] = {}
        for j, (kind, i) in enumerate(self._anchors()):
            if kind == "match":
                matched.add(i)
                if i in owner:
                    owner[i].members.append((j, i))
                elif i in inline:
                    inline_edits[i] = j
                elif self.ekeys[j] != self.bkeys[i]:
                    report.homeless.append(f"{self._place(i)}: changed: {self.e[j].text}")
                continue
            home = owner.get(i) or owner.get(i + 1)
            if home is not None:
                home.members.append((j, None))
            elif self.e[j].text.strip():
                report.homeless.append(f"{self._place(max(i, 0))}: added: {self.e[j].text}")
        for i, paragraph in enumerate(self.b):
            if i not in matched and i not in owner and i not in inline and paragraph.text.strip():
                report.homeless.append(f"{self._place(i)}: deleted: {paragraph.text}")
        for item in fields:
            if "van" not in item.spec:
                self._whole(item)
        for i, items in inline.items():
            if i in inline_edits:
                self._inline(i, inline_edits[i], items, report)
            elif i not in matched:
                report.homeless.append(f"{self._place(i)}: deleted: {self.b[i].text}")
        self._notes()
        self._comments(report, owner)
        report.changes = self.changes

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
        where = f"paragraph {i + 1}" + (f" under '{heading}'" if heading else "")
        return f"{self.display}: {where}"

    def _whole(self, item: _Field) -> None:
        spec = item.spec
        start, count = spec["p"], spec["n"]
        expected = [(None, start + k) for k in range(count)]
        if [(None, i) for _, i in item.members] == expected and all(
            self.ekeys[j] == self.bkeys[i] for j, i in item.members if i is not None
        ):
            return
        base: str = spec["tekst"]
        chunks, separators, head, tail = _chunks(base, spec["scope"], self._local(spec))
        pieces: list[tuple[str, Paragraph, int | None]] = []
        for j, i in item.members:
            local = None if i is None else i - start
            if local is not None and self.ekeys[j] == self.bkeys[i] and local < len(chunks):
                pieces.append((chunks[local], self.e[j], local))
            else:
                text = paragraph_markdown(self.e[j], lambda ref: self._key_for(ref, spec))
                pieces.append((wrap(text), self.e[j], None))
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
            self.changes.append(Change(spec["bestand"], tuple(spec["pad"]), base, new, _dotted(spec)))

    def _inline(self, i: int, j: int, items: list[_Field], report: Report) -> None:
        if self.ekeys[j] == self.bkeys[i]:
            return
        line = inline_markdown(self.b[i].inlines, label_name)
        edited = inline_markdown(self.e[j].inlines, self._e_name)
        items = sorted(items, key=lambda f: f.spec["van"])
        literals, cursor = [], 0
        for item in items:
            literals.append(line[cursor : item.spec["van"]])
            cursor = item.spec["tot"]
        literals.append(line[cursor:])
        pattern = "(.*?)".join(re.escape(part) for part in literals)
        found = re.fullmatch(pattern, edited, re.DOTALL)
        if found is None:
            report.homeless.append(f"{self._place(i)}: changed in a generated sentence: {self.e[j].text}")
            return
        for item, value in zip(items, found.groups(), strict=True):
            old = line[item.spec["van"] : item.spec["tot"]]
            if value == old:
                continue
            spec = item.spec
            new = NOTE_REF.sub(lambda m, s=spec: f"[^{self._label_key(m.group(1), s)}]", value.strip())
            if not new:
                report.homeless.append(f"{self._place(i)}: {_dotted(spec)} emptied; left as it was")
                continue
            if spec["tekst"].endswith("\n"):
                new = wrap(new) + "\n"
            self.changes.append(
                Change(spec["bestand"], tuple(spec["pad"]), spec["tekst"], new, _dotted(spec))
            )

    # -- keys ------------------------------------------------------------------------

    def _local(self, spec: dict[str, Any]) -> dict[str, Any]:
        return {k.rsplit(":", 1)[-1]: 1 for k in self._file_labels(spec)}

    def _file_labels(self, spec: dict[str, Any]) -> list[str]:
        prefix = spec["scope"] + ":"
        return [label for label in self.bron["voetnoten"] if label.startswith(prefix)]

    def _key_for(self, ref: NoteRef, spec: dict[str, Any]) -> str:
        return self._label_key(self._e_name(ref), spec)

    def _label_key(self, label: str, spec: dict[str, Any]) -> str:
        """The key a footnote reference gets in the text of ``spec``'s file."""
        scope = spec["scope"]
        if label.startswith(scope + ":"):
            return label[len(scope) + 1 :]
        if label.startswith("_:"):
            return label[2:]
        index = int(label[1:]) if label.startswith("+") else -1
        text = self.e_note_texts[index] if index >= 0 else self._built_note_text(label)
        token = (spec["bestand"], index if index >= 0 else hash(label))
        if token not in self.new_keys:
            note_key = self._fresh_key(spec, text)
            self.new_keys[token] = note_key
            self.changes.append(
                Change(
                    spec["bestand"],
                    ("voetnoten", note_key),
                    None,
                    note_value(text, None),
                    f"voetnoten.{note_key}",
                    add=True,
                )
            )
        return self.new_keys[token]

    def _built_note_text(self, label: str) -> str:
        index = self.note_labels.index(label)
        return note_markdown(self.built.notes[index])

    def _fresh_key(self, spec: dict[str, Any], text: str) -> str:
        taken = {label.rsplit(":", 1)[-1] for label in self._file_labels(spec)}
        taken |= {str(c.pad[-1]) for c in self.changes if c.add and c.bestand == spec["bestand"]}
        taken |= _existing_keys(self.root / spec["bestand"])
        return derive_key(text, taken)

    def _notes(self) -> None:
        known = self.bron["voetnoten"]
        for label, text in self.note_edits.items():
            spec = known.get(label)
            if spec is None:
                continue
            base = spec["tekst"]
            new = note_value(text, base)
            if new != base:
                self.changes.append(
                    Change(spec["bestand"], tuple(spec["pad"]), base, new, f"voetnoten.{spec['pad'][-1]}")
                )
        used = {label for label in self.e_labels if label}
        for label in dict.fromkeys(self.note_labels):
            if label in used or label not in known:
                continue
            spec = known[label]
            self.changes.append(
                Change(
                    spec["bestand"], tuple(spec["pad"]), spec["tekst"], None, f"voetnoten.{spec['pad'][-1]}"
                )
            )

    def _comments(self, report: Report, owner: dict[int, _Field]) -> None:
        for comment in self.reading.comments:
            about = f" on '{comment.anchored}'" if comment.anchored else ""
            report.comments.append(
                f"{self.display}: paragraph {comment.paragraph + 1}: comment by {comment.author or 'unknown'}"
                f"{about}: {comment.text}"
            )


def _dotted(spec: dict[str, Any]) -> str:
    out = ""
    for step in spec["pad"]:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def derive_key(text: str, taken: set[str]) -> str:
    """A footnote key not in ``taken``: ``kamerstuk-22112-4238`` for a citation, else the
    first words of its text (``zie-ook-de-kamerbrief``)."""
    found = KAMERSTUK.match(text.strip())
    if found:
        number = found["nr"] or found["letter"] or ""
        stem = (
            "kamerstuk-"
            + re.sub(r"[^a-z0-9]+", "", found["dossier"].lower())
            + (f"-{number.lower()}" if number else "")
        )
    else:
        words = [w for w in re.sub(r"[^a-z0-9]+", "-", text.lower()).split("-") if w][:4]
        stem = "-".join(words)[:40].strip("-") or "voetnoot"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def note_value(text: str, base: Any) -> Any:
    """A footnote's new value: a structured citation stays one when the text still parses."""
    found = KAMERSTUK.match(text.strip())
    if found and (base is None or isinstance(base, dict)):
        citation: dict[str, Any] = {
            "kamer": found["kamer"],
            "vergaderjaar": found["vergaderjaar"],
            "dossier": found["dossier"],
        }
        if found["nr"]:
            citation["nr"] = int(found["nr"])
        elif found["letter"]:
            citation["letter"] = found["letter"]
        return {"kamerstuk": citation}
    return text


def _existing_keys(path: Path) -> set[str]:
    try:
        text = read_text(path, str(path))
    except (OSError, UserError):
        return set()
    data = load_text(text, str(path)).data
    notes = data.get("voetnoten") if isinstance(data, dict) else None
    return set(notes) if isinstance(notes, dict) else set()


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


def _split(text: str) -> list[str]:
    return re.split(r"\n[ \t]*\n", text)


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


def _value_at(data: Any, pad: Pad) -> Any:
    for step in pad:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_MODELS: dict[str, type] = {"agendas": Agenda, "positions": Dossier}


def _write(root: Path, report: Report, dry_run: bool) -> None:
    by_file: dict[str, list[Change]] = {}
    for change in report.changes:
        by_file.setdefault(change.bestand, []).append(change)
    kept: list[Change] = []
    texts: dict[str, tuple[str, str, Any]] = {}
    for bestand, changes in sorted(by_file.items()):
        text = read_text(root / bestand, bestand)
        current = load_text(text, bestand)
        new_text = text
        for change in _settle(changes, current, bestand, report):
            new_text = _apply(new_text, change)
            kept.append(change)
        texts[bestand] = (text, new_text, current)
    outputs: list[Output] = []
    diffs: list[str] = []
    removed: list[Change] = []
    for bestand, (text, new_text, current) in texts.items():
        new_text = _unreferenced(new_text, bestand, kept, _elsewhere(root, bestand, texts), removed)
        if new_text == text:
            continue
        model = (
            SharedNotes
            if Path(bestand).name == SHARED_NOTES
            else _MODELS.get(Path(bestand).parts[0], Dossier)
        )
        loaded = load_text(new_text, bestand)
        validated, problems = validate(model, loaded)
        if validated is None:
            raise UserError(problems)
        shown = [c for c in kept if c.bestand == bestand and (not _is_note_removal(c) or c in removed)]
        diffs.append(_show(bestand, current.data, loaded.data, shown))
        raw = (root / bestand).read_bytes()
        data = new_text.encode("utf-8")
        if raw.startswith(b"\xef\xbb\xbf"):
            data = b"\xef\xbb\xbf" + data
        if b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"):
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        outputs.append(Output(root / bestand, data))
    report.changes = [c for c in kept if not _is_note_removal(c) or c in removed]
    report.diff = "\n".join(diffs)
    if not dry_run:
        write_all(outputs)
        report.written = [o.path for o in outputs]


def _elsewhere(root: Path, bestand: str, texts: dict[str, tuple[str, str, Any]]) -> str:
    """What the other files say once written: only a shared footnote is used from elsewhere."""
    if Path(bestand).name != SHARED_NOTES:
        return ""
    out = []
    for folder in ("positions", "agendas"):
        for path in sorted((root / folder).glob("*.yaml")):
            name = f"{folder}/{path.name}"
            if name != bestand:
                out.append(texts[name][1] if name in texts else read_text(path, name))
    return "\n".join(out)


def _settle(changes: list[Change], current: Any, bestand: str, report: Report) -> list[Change]:
    """Three-way: each change against what the file holds now; merged, kept or refused."""
    out = []
    for change in changes:
        if change.add:
            out.append(change)
            continue
        now = _value_at(current.data, change.pad)
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
        where = current.source.where(change.pad)
        report.conflicts.append(
            Problem(
                where,
                f"{change.place} changed both in the file since the build and in the document; "
                f"left as it is.\n  in the file:     {_short(now)}\n  in the document: {_short(change.new)}",
            )
        )
    return out


def _short(value: Any) -> str:
    return "(removed)" if value is None else str(value).replace("\n", "\n                   ")


def _apply(text: str, change: Change) -> str:
    if change.add:
        return roundtrip.add_key(
            text, change.pad[:-1], str(change.pad[-1]), change.new, create_before="standpunten"
        )
    if change.new is None:
        if change.pad[0] == "voetnoten":
            return text
        return roundtrip.delete_key(text, change.pad)
    if isinstance(change.new, dict) and isinstance(change.base, dict):
        old, new = change.base.get("kamerstuk", {}), change.new.get("kamerstuk", {})
        if set(old) != set(new):
            return roundtrip.replace_value(text, (*change.pad, "kamerstuk"), new)
        for inner, value in new.items():
            if old[inner] != value:
                text = roundtrip.replace_value(text, (*change.pad, "kamerstuk", inner), value)
        return text
    return roundtrip.replace_value(text, change.pad, change.new)


def _unreferenced(
    text: str, bestand: str, changes: list[Change], elsewhere: str, removed: list[Change]
) -> str:
    """Remove the footnotes the document deleted, where nothing in the file (or, for a shared
    footnote, in any file) still uses them."""
    for change in changes:
        if _is_note_removal(change) and change.bestand == bestand:
            note_key = str(change.pad[-1])
            body = roundtrip.delete_key(text, change.pad)
            if f"[^{note_key}]" not in body + elsewhere:
                text = body
                removed.append(change)
    return text


def _is_note_removal(change: Change) -> bool:
    return change.new is None and change.pad[0] == "voetnoten"


def _show(bestand: str, old: Any, new: Any, changes: list[Change]) -> str:
    """What changed in one file, in the view of ``briefgen diff``."""
    from ..changes.sections import operations, tracked

    lines = [f"{bestand}:"]
    for change in changes:
        before, after = _value_at(old, change.pad), _value_at(new, change.pad)
        lines.append(f"== {change.place}")
        if isinstance(before, str) and isinstance(after, str):
            paragraphs = tracked(markdown.parse(before), markdown.parse(after), Revision("", "")).paragraphs
            ops = operations(paragraphs)
            lines.append(
                "".join(
                    o.old
                    if o.op == "equal"
                    else (f"[-{o.old}-]" if o.old else "") + (f"{{+{o.new}+}}" if o.new else "")
                    for o in ops
                )
            )
        else:
            lines.append(
                f"[-{_short(before)}-]{{+{_short(after)}+}}"
                if before is not None
                else f"{{+{_short(after)}+}}"
            )
    return "\n".join(lines)

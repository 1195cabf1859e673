"""Where each paragraph of a composed document came from, recorded at build time.

For every drafter's text that a document shows (a section of a position, an agenda
field, a letter or nota field), the source map names its file and YAML path, the
text as it was, and the paragraphs that show it: ``p`` and ``n`` for a text that is
whole paragraphs, or one paragraph for a text set inside a generated sentence, with
``van`` and ``tot`` where it stands in that paragraph's Markdown (as ``key`` writes
it). Footnotes map by their label to their file, key and value. ``briefgen absorb`` reads this from ``manifest.json`` to
take a colleague's edits in the Word document back to the right value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..compose import markdown
from ..compose.blocks import Document, NoteRef, Paragraph
from ..compose.tomarkdown import inline_markdown
from ..data.bundle import Bundle
from ..data.dossier import TEXT_SECTIONS
from ..data.footnotes import NOTE_REF, Voetnoot
from .records import FieldSource, NoteSource, Origin, SourceMap


def label_name(ref: NoteRef) -> str:
    return ref.label


def key(paragraph: Paragraph, note: Any = label_name) -> str:
    """A paragraph's identity for alignment: role, list kind and its Markdown."""
    return _keyed(paragraph, inline_markdown(paragraph.inlines, note))


def _keyed(paragraph: Paragraph, line: str) -> str:
    mark = paragraph.list
    shape = f"{int(mark.ordered)}{mark.level}" if mark is not None and paragraph.role == "listitem" else ""
    return f"{paragraph.role}/{shape}/{line}"


def _fields(bundle: Bundle) -> Iterator[dict[str, Any]]:
    """Every drafter's text an agenda's documents can show, with its file, path and footnote scope."""
    agenda_file = bundle.entry.source.path
    for path, text in bundle.agenda.texts():
        yield {"bestand": agenda_file, "pad": list(path), "tekst": text, "scope": "agenda"}
    for punt in bundle.agenda.punten:
        if punt.dossier is None:
            continue
        dossier_entry = bundle.dossiers[punt.dossier]
        dossier = dossier_entry.model
        index = bundle.positions[punt.dossier]
        standpunt = bundle.standpunt(punt.dossier)
        for name in TEXT_SECTIONS:
            text = getattr(standpunt, name)
            if text:
                yield {
                    "bestand": dossier_entry.source.path,
                    "pad": ["standpunten", index, name],
                    "tekst": text,
                    "scope": f"d:{dossier.id}",
                    "dossier": dossier.id,
                }


def _notes(bundle: Bundle) -> dict[str, NoteSource]:
    """Each footnote label the documents can use: its file, path and value."""
    out: dict[str, NoteSource] = {}
    for note_key, value in bundle.agenda.voetnoten.items():
        out[f"agenda:{note_key}"] = _note(bundle.entry.source.path, note_key, value)
    for dossier_entry in bundle.dossiers.values():
        for note_key, value in dossier_entry.model.voetnoten.items():
            out[f"d:{dossier_entry.model.id}:{note_key}"] = _note(dossier_entry.source.path, note_key, value)
    for note_key, value in bundle.shared_notes.items():
        out[f"_:{note_key}"] = _note(bundle.shared_notes_file, note_key, value)
    return out


def _note(bestand: str, note_key: str, value: Voetnoot) -> NoteSource:
    text = value if isinstance(value, str) else value.model_dump(exclude_none=True)
    return NoteSource(bestand, ("voetnoten", note_key), text)


def scoped(text: str, scope: str, local: dict[str, Any]) -> str:
    """The text with its footnote keys renamed to labels, as compose does."""

    def rename(match: Any) -> str:
        name = match.group(1)
        return f"[^{scope}:{name}]" if name in local else f"[^_:{name}]"

    return NOTE_REF.sub(rename, markdown.protect(text))


def source_maps(bundle: Bundle, documents: Mapping[str, Document]) -> dict[str, SourceMap]:
    """The source map of each composed document; every drafter's text is parsed once for all of them."""
    parsed = list(_parsed_fields(bundle))
    labels = _notes(bundle)
    return {name: _source_map(parsed, labels, document) for name, document in documents.items()}


def _parsed_fields(bundle: Bundle) -> Iterator[tuple[dict[str, Any], list[str], str]]:
    """Each field with its paragraphs' keys and, for a one-paragraph text, its Markdown line."""
    for field in _fields(bundle):
        local = _local(bundle, field)
        text = scoped(field["tekst"], field["scope"], local)
        labels = [m.group(1) for m in NOTE_REF.finditer(text)]
        definitions = "".join(f"\n\n[^{label}]: x" for label in dict.fromkeys(labels))
        own = markdown.parse(text + definitions + "\n").paragraphs
        if own:
            line = inline_markdown(own[0].inlines, label_name) if len(own) == 1 else ""
            yield field, [key(p) for p in own], line


def _source_map(
    parsed: list[tuple[dict[str, Any], list[str], str]], labels: dict[str, NoteSource], document: Document
) -> SourceMap:
    """One document's map: text fields by paragraph, footnotes by label."""
    paragraphs = document.paragraphs
    lines = [inline_markdown(p.inlines, label_name) for p in paragraphs]
    keys = [_keyed(p, line) for p, line in zip(paragraphs, lines, strict=True)]
    starts: dict[str, list[int]] = {}
    for index, paragraph_key in enumerate(keys):
        starts.setdefault(paragraph_key, []).append(index)
    claimed = [False] * len(paragraphs)
    placed: list[FieldSource] = []
    pending: list[tuple[str, dict[str, Any]]] = []
    for field, wanted, line in parsed:
        at = _find(keys, starts.get(wanted[0], []), wanted, claimed)
        if at is not None:
            for offset in range(len(wanted)):
                claimed[at + offset] = True
            placed.append(FieldSource(_origin(field), at, len(wanted)))
        elif line:
            pending.append((line, field))
    spans: dict[int, list[tuple[int, int]]] = {}
    for needle, field in sorted(pending, key=lambda pair: -len(pair[0])):
        for index, line in enumerate(lines):
            if claimed[index] or needle not in line:
                continue
            where = _free(line, needle, spans.get(index, []))
            if where is not None:
                spans.setdefault(index, []).append((where, where + len(needle)))
                placed.append(FieldSource(_origin(field), index, 1, (where, where + len(needle))))
                break
    placed.sort(key=lambda f: (f.paragraph, f.span[0] if f.span else 0))
    used = {ref.label for p in paragraphs for ref in p.inlines if isinstance(ref, NoteRef)}
    return SourceMap(placed, {k: v for k, v in labels.items() if k in used})


def _origin(field: dict[str, Any]) -> Origin:
    return Origin(field["bestand"], tuple(field["pad"]), field["tekst"], field["scope"])


def _local(bundle: Bundle, field: dict[str, Any]) -> dict[str, Any]:
    if field["scope"] == "agenda":
        return dict(bundle.agenda.voetnoten)
    return dict(bundle.dossiers[field["dossier"]].model.voetnoten)


def _find(keys: list[str], candidates: list[int], wanted: list[str], claimed: list[bool]) -> int | None:
    """The first unclaimed run of ``wanted`` in ``keys``, trying only where its first key stands."""
    size = len(wanted)
    for start in candidates:
        if keys[start : start + size] == wanted and not any(claimed[start : start + size]):
            return start
    return None


def _free(line: str, needle: str, taken: list[tuple[int, int]]) -> int | None:
    """Where ``needle`` occurs in ``line`` outside the spans other fields took."""
    where = line.find(needle)
    while where >= 0:
        end = where + len(needle)
        if all(end <= start or where >= stop for start, stop in taken):
            return where
        where = line.find(needle, where + 1)
    return None

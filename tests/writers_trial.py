"""Measure import on one GA as each writer builds it (``writers.py``): ``python writers_trial.py``.

For each writer's choice (one at a time, then saved again by LibreOffice with ``--libreoffice``)
the GA is imported into an empty project and rendered again, and one line says: the words of
the document the render shows (%), the word similarity of the two, footnotes kept, items
recognised and items split into introductie, inzet and krachtenveld.
"""

from __future__ import annotations

import collections
import re
import sys
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

import small
from docxread import read
from helpers import briefgen, similarity
from writers import HEADINGS, ITEMS, LABELS, NOTE_REFS, PROSE, RAAD, Choices, Item, plain, write

SECTIONS = ("introductie", "inzet", "krachtenveld")


@dataclass(frozen=True)
class Measured:
    """What import kept of one writer's GA."""

    output: str
    words: float
    """Share of the document's words that the GA rendered from the import shows."""
    similarity: float
    notes: int
    notes_theirs: int
    items: int
    items_theirs: int
    split: int
    """Items whose introductie, inzet and krachtenveld each open with their own text."""


def measure(choices: Choices, folder: Path) -> Measured:
    source = folder / "ga.docx"
    said = write(source, choices)
    root = small.empty(folder / "project")
    result = briefgen(root, "import", str(source), "--raad", RAAD)
    if result.exit_code != 0:
        return Measured(result.output, 0.0, 0.0, 0, len(said.notes), 0, said.items, 0)
    agenda = yaml.safe_load((root / "agendas" / f"{RAAD}.yaml").read_text(encoding="utf-8"))
    rendered = briefgen(root, "render", f"agendas/{RAAD}.yaml")
    if rendered.exit_code != 0:
        return Measured(rendered.output, 0.0, 0.0, 0, len(said.notes), len(agenda["punten"]), said.items, 0)
    document = read(root / "build" / RAAD / "geannoteerde-agenda.docx")
    ours = [p.text for p in document.paragraphs if p.text.strip()]
    if (agenda.get("ga") or {}).get("kopnummers"):
        # the typed numbers ("1. …") come back as Word's own numbering, which the text read
        # back does not show
        said.paragraphs = [re.sub(r"^\d\. ", "", text) for text in said.paragraphs]
    theirs, mine = (
        collections.Counter(" ".join(said.paragraphs).split()),
        collections.Counter(" ".join(ours).split()),
    )
    positions = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "positions").glob("*.yaml")]
    return Measured(
        result.output,
        sum((theirs & mine).values()) / sum(theirs.values()),
        similarity(ours, said.paragraphs),
        sum(1 for note in said.notes if note in document.note_texts()),
        len(said.notes),
        len(agenda["punten"]),
        said.items,
        sum(1 for item in ITEMS if _split(item, positions)),
    )


def _split(item: Item, positions: list[dict]) -> bool:
    """The item's position holds each section, opening with the section's own first words."""
    for position in positions:
        if not item.titel.endswith(str(position.get("kort"))):
            continue
        entry = position["standpunten"][-1]
        # the section opens with its first paragraph (a table's header row before it at most)
        return all(
            plain(getattr(item, name)[0])[:40]
            in (entry.get(name) or "")
            .replace("\t", " ")
            .replace("\n", " ")
            .removeprefix("**Standpunten**")[:45]
            for name in SECTIONS
        )
    return False


def variants() -> list[Choices]:
    """The plain writer, then each choice on its own."""
    plain_writer = Choices()
    found = [plain_writer]
    found += [replace(plain_writer, heading=h) for h in HEADINGS if h != plain_writer.heading]
    found += [replace(plain_writer, labels=label) for label in LABELS if label != plain_writer.labels]
    found += [replace(plain_writer, note_ref=r) for r in NOTE_REFS if r != plain_writer.note_ref]
    for field in fields(Choices):
        if isinstance(getattr(plain_writer, field.name), bool) and field.name not in (
            "libreoffice",
            "verslag",
        ):
            flipped = replace(plain_writer, **{field.name: not getattr(plain_writer, field.name)})
            found.append(replace(flipped, table=True) if field.name == "table_header" else flipped)
    return [*found, PROSE]


def _changed(choices: Choices) -> str:
    plain_writer = Choices()
    shown: dict[str, Any] = {
        f.name: getattr(choices, f.name)
        for f in fields(Choices)
        if f.name != "libreoffice" and getattr(choices, f.name) != getattr(plain_writer, f.name)
    }
    return ", ".join(f"{k}={v}" for k, v in shown.items()) or "plain"


def main(arguments: list[str]) -> None:
    libreoffice = "--libreoffice" in arguments
    for choices in variants():
        choices = replace(choices, libreoffice=libreoffice)
        with tempfile.TemporaryDirectory() as folder:
            found = measure(choices, Path(folder))
        print(
            f"{_changed(choices):28} words {found.words:6.1%}  similarity {found.similarity:.3f}  "
            f"notes {found.notes}/{found.notes_theirs}  items {found.items}/{found.items_theirs}  "
            f"split {found.split}/{len(ITEMS)}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

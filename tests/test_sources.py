"""Provenance recorded while composing: the marks around drafters' values never change a
document, and the source map names each value's file and path from the declaration."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from briefgen.changes.records import FieldSource, NoteSource, Origin, SourceMap, maps_from_json
from briefgen.compose.sources import unmark
from briefgen.data.bundle import open_bundle
from briefgen.data.provenance import END, Sourced, drafted, mark, sliced
from briefgen.output.package import package_of
from briefgen.output.resources import Resources
from helpers import REPO

AGENDAS = sorted(path.name for path in (REPO / "agendas").glob("*.yaml"))


def _package(root: Path, agenda: str, sourced: bool):
    bundle = open_bundle(root, root / "agendas" / agenda)
    return package_of(bundle, Resources(root), root / "build" / bundle.agenda.id, sourced=sourced)


@pytest.mark.parametrize("agenda", AGENDAS)
def test_every_shipped_agenda_composes_alike_with_and_without_its_source_map(agenda: str) -> None:
    with_map, without = _package(REPO, agenda, True), _package(REPO, agenda, False)
    assert with_map.documents.keys() == without.documents.keys()
    for name, document in with_map.documents.items():
        assert document.source == without.documents[name].source, name
        assert document.blocks == without.documents[name].blocks, name
        assert document.notes == without.documents[name].notes, name
    assert with_map.manifest.bronnen and not without.manifest.bronnen


def test_the_map_names_each_values_file_and_path(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, letter=True)
    bron = _package(root, "raad-2030-03-12.yaml", True).manifest.bronnen["geannoteerde-agenda.docx"]
    places = {(f.origin.file, f.origin.path) for f in bron.fields}
    assert ("positions/water.yaml", ("standpunten", 0, "inzet")) in places
    assert ("agendas/raad-2030-03-12.yaml", ("punten", 1, "onderwerp")) in places
    inzet = next(f for f in bron.fields if f.origin.path == ("standpunten", 0, "inzet"))
    assert inzet.origin.scope == "d:bodem" and inzet.count == 1 and inzet.span is None


@pytest.mark.parametrize(
    "expression",
    [
        '(punt.onderwerp ~ "")[:6]',
        '(punt.onderwerp ~ "") | length',
        '(punt.onderwerp ~ "") | first',
    ],
)
def test_a_template_that_looks_inside_a_joined_value_sees_it_without_marks(
    tmp_path: Path, expression: str
) -> None:
    root = small.project(tmp_path, 1)
    with (root / "templates/geannoteerde-agenda.md.j2").open("a", encoding="utf-8") as template:
        template.write(f"\n{{% for punt in punten %}}\n## {{{{ {expression} }}}}\n\n{{% endfor %}}\n")
    with_map = _package(root, "raad-2030-03-12.yaml", True).documents["geannoteerde-agenda.docx"]
    without = _package(root, "raad-2030-03-12.yaml", False).documents["geannoteerde-agenda.docx"]
    assert with_map.source == without.source
    assert any(line in without.source for line in ("\n## het on\n", "\n## 19\n", "\n## h\n"))


def test_unmark_takes_out_the_marks_and_notes_where_each_value_stood() -> None:
    text = "Een " + mark(3) + "beleidsdebat" + END + " over " + mark(12) + "bodem" + END + "."
    clean, found = unmark(text)
    assert clean == "Een beleidsdebat over bodem."
    assert [(o.origin, clean[o.start : o.end]) for o in found] == [(3, "beleidsdebat"), (12, "bodem")]


def test_a_sourced_text_is_the_plain_text_except_when_written() -> None:
    value = Sourced("  de tekst\n", 7)
    assert value == "  de tekst\n" and value.strip() == "de tekst" and value[:4] == "  de"
    assert str(value) == "  " + mark(7) + "de tekst" + END + "\n"


def test_a_source_map_reads_back_what_it_wrote_and_refuses_another_format() -> None:
    origin = Origin("positions/bodem.yaml", ("standpunten", 0, "inzet"), "Inzet.", "d:bodem")
    source_map = SourceMap(
        [FieldSource(origin, 4, 2), FieldSource(origin, 9, 1, (3, 9))],
        {"d:bodem:stuk": NoteSource("positions/bodem.yaml", ("voetnoten", "stuk"), "Een noot.")},
    )
    assert SourceMap.from_json(source_map.to_json()) == source_map
    assert maps_from_json({"ga.docx": source_map.to_json(), "oud.docx": {"velden": []}}) == {
        "ga.docx": source_map
    }


@pytest.mark.parametrize(("start", "stop"), [(None, 1), (1, None), (0, 10), (4, 30), (25, None), (-6, None)])
def test_a_slice_of_a_marked_text_is_the_slice_of_its_letters(start: int | None, stop: int | None) -> None:
    text = "Een beleidsdebat over " + mark(5) + "de bodem" + END + "."
    letters = "Een beleidsdebat over de bodem."
    cut = sliced(text, start, stop, None)
    assert unmark(cut)[0] == letters[start:stop]
    whole = (slice(start, stop).indices(len(letters))[0] <= 22) and (
        slice(start, stop).indices(len(letters))[1] >= 30
    )
    assert (unmark(cut)[1] != []) == whole


def test_every_value_the_example_package_shows_is_in_its_source_map() -> None:
    package = _package(REPO, "milieuraad-2026-03-17.yaml", True)
    bundle = open_bundle(REPO, REPO / "agendas" / "milieuraad-2026-03-17.yaml")
    mapped = {
        (f.origin.file, f.origin.path)
        for source_map in package.manifest.bronnen.values()
        for f in source_map.fields
    }
    shown = [(bundle.entry.source.path, path) for path, _, _ in drafted(bundle.agenda)]
    for dossier, entry in bundle.dossiers.items():
        at = ("standpunten", bundle.positions[dossier])
        shown += [(entry.source.path, (*at, *path)) for path, _, _ in drafted(bundle.standpunt(dossier))]
    unmapped = {path for file, path in shown if (file, path) not in mapped}
    # A signatory's function is shown in capitals; the verslag's annexes are only counted.
    assert unmapped == {
        ("brief", "ondertekenaars", 0, "functie"),
        ("brief", "ondertekenaars", 1, "functie"),
        ("verslag", "bijlagen", 0),
    }

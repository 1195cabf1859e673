"""A returned .docx is read within bounds, and what absorb and import write stays within what
render reads: each hostile or oversized file is refused with one located line, exit 1, and
nothing written. (How fast and how small each refusal is: bench/bombs.py.)"""

from __future__ import annotations

import gzip
import os
import struct
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import small
from briefgen.data import files, limits
from briefgen.data import project as project_module
from briefgen.document.blocks import Document, Paragraph, Span
from briefgen.errors import Location, UserError
from briefgen.output import history, manifest
from briefgen.readback import align, import_files, writeback
from briefgen.readback.align import Alignment
from briefgen.word import archive, reader, reader_parts
from briefgen.word.reader import Reading, read_docx
from helpers import REPO, briefgen, edit, place

sys.path.insert(0, str(REPO / "bench"))
from bombs import in_body as body_with  # noqa: E402  (the benchmark's files, built the same way)
from bombs import parts_of, zipped  # noqa: E402
from bombs import replaced as with_part  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE_TEXT = "Een voetnoot die elk dossier kan gebruiken."


@pytest.fixture(scope="module")
def ga(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The GA of a small project of two items; read only."""
    root = small.project(tmp_path_factory.mktemp("ga"), 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    return (root / small.GA).read_bytes()


def in_body(addition: bytes) -> Callable[[bytes], bytes]:
    """A change of the document part: ``addition`` before the body's section properties."""
    return lambda xml: body_with(xml, addition)


def nested_tables(levels: int, text: str = "cel") -> bytes:
    inner = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    for level in range(levels):
        other = f"<w:p><w:r><w:t>naast {level}</w:t></w:r></w:p>".encode()
        inner = b"<w:tbl><w:tr><w:tc>" + inner + b"</w:tc><w:tc>" + other + b"</w:tc></w:tr></w:tbl>"
    return inner


def imported(tmp_path: Path, data: bytes) -> tuple[int, list[str], Path]:
    """Import ``data`` as a GA into an empty project: exit code, output lines, project."""
    root = small.empty(tmp_path / "project")
    (root / "ontvangen.docx").write_bytes(data)
    result = briefgen(root, "import", str(root / "ontvangen.docx"), "--raad", "raad-2030-03-12")
    return result.exit_code, result.output.strip().splitlines(), root


def refused(tmp_path: Path, data: bytes, message: str) -> None:
    """Import refuses ``data`` with one line naming the file, and writes nothing."""
    code, lines, root = imported(tmp_path, data)
    assert code == 1, lines
    assert len(lines) == 1 and lines[0].startswith("ontvangen.docx: "), lines
    assert message in lines[0]
    assert not list((root / "agendas").iterdir()) and not list((root / "positions").iterdir())


def test_the_unchanged_ga_imports(tmp_path: Path, ga: bytes) -> None:
    code, lines, _ = imported(tmp_path, ga)
    assert code == 0, lines


def test_a_file_past_the_size_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    path = root / "ontvangen.docx"
    path.write_bytes(b"PK\x03\x04")
    os.truncate(path, 6 * 2**30)  # sparse: takes no disk, and is never read whole
    result = briefgen(root, "import", str(path), "--raad", "raad-2030-03-12")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "ontvangen.docx: the file is 6,144.0 MiB, more than the 64 MiB a Word document briefgen reads may hold"
    )


def test_a_file_that_does_not_start_as_a_zip_is_refused(tmp_path: Path, ga: bytes) -> None:
    refused(tmp_path, b"%PDF-1.7\n" + ga, "not a Word document (.docx): not a zip package")


def test_tables_nested_past_the_limit_are_refused(tmp_path: Path, ga: bytes) -> None:
    data = with_part(ga, "word/document.xml", in_body(nested_tables(reader_parts.MAX_TABLE_NESTING + 1)))
    refused(
        tmp_path, data, f"word/document.xml nests tables in tables more than {reader_parts.MAX_TABLE_NESTING}"
    )


def test_nested_tables_within_the_limit_give_each_cell_once(tmp_path: Path, ga: bytes) -> None:
    levels = reader_parts.MAX_TABLE_NESTING
    path = tmp_path / "tabellen.docx"
    path.write_bytes(with_part(ga, "word/document.xml", in_body(nested_tables(levels, "binnenste"))))
    texts = [p.text for p in read_docx(path).paragraphs]
    assert texts.count("binnenste") == 1
    assert [t for t in texts if t.startswith("naast ")] == [f"naast {n}" for n in range(levels)]


def test_elements_nested_past_the_limit_are_refused(tmp_path: Path, ga: bytes) -> None:
    deep = reader_parts.MAX_XML_DEPTH + 10
    data = with_part(ga, "word/document.xml", in_body(b"<w:sdt>" * deep + b"</w:sdt>" * deep))
    refused(
        tmp_path, data, f"word/document.xml nests its elements more than {reader_parts.MAX_XML_DEPTH} levels"
    )


def test_more_paragraphs_than_the_limit_are_refused(tmp_path: Path, ga: bytes) -> None:
    data = with_part(ga, "word/document.xml", in_body(b"<w:p/>" * reader_parts.MAX_PARAGRAPHS))
    refused(tmp_path, data, f"brings the document past {reader_parts.MAX_PARAGRAPHS:,} paragraphs")


def _elements(xml: bytes) -> int:
    return sum(1 for _ in etree.fromstring(xml).iter())


def test_a_part_with_more_elements_than_the_limit_is_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = dict(parts_of(ga))["word/document.xml"]
    monkeypatch.setattr(reader_parts, "MAX_ELEMENTS", _elements(document) + 50)
    data = with_part(ga, "word/document.xml", in_body(b"<w:p>" + b"<w:r/>" * 100 + b"</w:p>"))
    refused(tmp_path, data, f"word/document.xml has more than {reader_parts.MAX_ELEMENTS:,} elements")


def test_parts_with_more_elements_together_than_the_limit_are_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = dict(parts_of(ga))["word/document.xml"]
    monkeypatch.setattr(reader_parts, "MAX_PACKAGE_ELEMENTS", _elements(document) + 5)
    refused(tmp_path, ga, f"brings the document past {reader_parts.MAX_PACKAGE_ELEMENTS:,} elements")


@pytest.mark.parametrize("second", ["word/document.xml", "Word/Document.xml"])
def test_two_parts_of_one_name_are_refused(tmp_path: Path, ga: bytes, second: str) -> None:
    parts = parts_of(ga)
    other = dict(parts)["word/document.xml"].replace(b"Milieuraad", b"Andere Raad")
    with pytest.warns(UserWarning) if second == "word/document.xml" else _nothing():
        data = zipped([*parts, (second, other)])
    refused(tmp_path, data, f"two parts are named {second}")


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def test_a_part_that_unpacks_like_a_zip_bomb_is_refused(tmp_path: Path, ga: bytes) -> None:
    data = zipped([*parts_of(ga), ("customXml/item1.xml", b"<a>" + b" " * (2 * 2**20) + b"</a>")])
    refused(tmp_path, data, "part customXml/item1.xml unpacks to")
    refused(tmp_path / "2", data, "a zip bomb")


def test_a_part_declared_past_the_part_limit_is_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 1_000)
    refused(tmp_path, ga, "unpacks to more than 1,000 bytes")


def test_entries_sharing_their_data_are_refused(tmp_path: Path, ga: bytes) -> None:
    data = bytearray(
        zipped([*parts_of(ga), ("customXml/item1.xml", b"<a/>"), ("customXml/item2.xml", b"<b/>")])
    )
    last = data.rindex(b"PK\x01\x02")
    first_of_pair = data.rindex(b"PK\x01\x02", 0, last)
    offset = struct.unpack_from("<I", data, first_of_pair + 42)[0]
    struct.pack_into("<I", data, last + 42, offset)
    refused(tmp_path, bytes(data), "overlaps the part before it")


def _footnote(xml: bytes, text: str) -> bytes:
    """The footnotes part with the shared footnote's text replaced by ``text``."""
    return xml.replace(NOTE_TEXT.encode(), text.encode())


def test_a_footnote_longer_than_a_yaml_file_may_be_is_refused_with_its_number(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_VALUE_BYTES", 5_000)
    data = with_part(ga, "word/footnotes.xml", lambda x: _footnote(x, "woord " * 1000))
    code, lines, _ = imported(tmp_path, data)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("ontvangen.docx: footnote ")
    assert ": its text is 0.0 MiB, more than the 0 MiB one value of a position or agenda may hold" in lines[0]


def test_a_footnote_referenced_over_and_over_is_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = dict(parts_of(ga))
    paragraphs = sum(1 for _ in etree.fromstring(parts["word/document.xml"]).iter(f"{{{W}}}p"))
    paragraphs += sum(1 for _ in etree.fromstring(parts["word/footnotes.xml"]).iter(f"{{{W}}}p"))
    monkeypatch.setattr(reader, "MAX_PARAGRAPHS", paragraphs + 20)
    references = b'<w:r><w:footnoteReference w:id="1"/></w:r>' * 40
    data = with_part(ga, "word/document.xml", in_body(b"<w:p>" + references + b"</w:p>"))
    refused(tmp_path, data, "reads as more than")


def test_more_text_than_the_limit_is_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_CHARACTERS", 100)
    refused(tmp_path, ga, "holds more than 100 characters of text")


def _yaml(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob("[pa]*/*.yaml"))}


def _small_limit(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """A YAML file may hold ``limit`` bytes (reading, absorbing and importing alike)."""
    monkeypatch.setattr(files, "MAX_FILE_BYTES", limit)
    monkeypatch.setattr(writeback, "MAX_FILE_BYTES", limit)


def test_absorb_refuses_an_edit_that_makes_a_file_too_large_for_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    returned = root / small.OUT / "geannoteerde-agenda-terug.docx"
    data = (root / small.GA).read_bytes()
    returned.write_bytes(
        with_part(data, "word/footnotes.xml", lambda x: _footnote(x, "Een langere voetnoot. " * 200))
    )
    before = _yaml(root)
    _small_limit(monkeypatch, 3_000)
    result = briefgen(root, "absorb", str(returned))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{small.OUT}/geannoteerde-agenda-terug.docx: the edits (the largest: voetnoten.gedeeld) would make "
        f"{small.NOTES} 0.0 MiB, more than the 0 MiB render reads in a YAML file; shorten the text in the document"
    )
    assert _yaml(root) == before


def test_import_refuses_a_dossier_too_large_for_render(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_limit(monkeypatch, 3_000)
    data = with_part(
        ga, "word/footnotes.xml", lambda x: x.replace(b"Kamerstukken II", b"Kamerstukken II " * 300)
    )
    code, lines, root = imported(tmp_path, data)
    assert code == 1, lines
    assert len(lines) == 1 and lines[0].startswith("ontvangen.docx: the text of ")
    assert "would make its position file 0.0 MiB, more than the 0 MiB render reads in a YAML file" in lines[0]
    assert not list((root / "agendas").iterdir())


def test_render_refuses_an_agenda_whose_positions_pass_the_input_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 3)
    sizes = sum(p.stat().st_size for p in root.glob("[pa]*/*.yaml"))
    monkeypatch.setattr(project_module, "MAX_INPUT_BYTES", sizes - 100)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{small.AGENDA}: the agenda and the 3 position file(s) it names hold 0.0 MiB of YAML together, "
        "more than the 0 MiB read for one agenda; split the agenda or shorten the texts"
    )
    assert not (root / "build").exists()


def test_check_of_a_whole_project_has_no_input_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 3)
    monkeypatch.setattr(project_module, "MAX_INPUT_BYTES", 100)
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output


def test_a_file_read_past_an_agendas_budget_is_refused_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 1)
    project = project_module.Project(root)
    project.reserve([], Location.file(small.AGENDA), "nothing")
    project.budget = (root / "positions/bodem.yaml").stat().st_size - 1
    with pytest.raises(UserError) as raised:
        project.dossier("bodem")
    assert str(raised.value).startswith(
        "positions/bodem.yaml: with this file 0.0 MiB of YAML are read, more than"
    )


def test_import_refuses_a_position_that_takes_its_dossier_file_past_the_limit(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 2)
    bodem = root / "positions/bodem.yaml"
    bodem.write_text(bodem.read_text(encoding="utf-8") + "#" * (2_900 - bodem.stat().st_size) + "\n")
    before = _yaml(root)
    (root / "ontvangen.docx").write_bytes(ga)
    _small_limit(monkeypatch, 3_000)
    result = briefgen(root, "import", str(root / "ontvangen.docx"), "--raad", "raad-2030-09-01")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "ontvangen.docx: the text of 'Kort bodem' would make positions/bodem.yaml 0.0 MiB, "
        "more than the 0 MiB render reads in a YAML file; shorten the text in the document"
    )
    assert _yaml(root) == before


def test_a_built_document_larger_than_briefgen_writes_is_not_read_to_compare_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 1)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    assert manifest.disagreements(root / small.OUT) == []
    monkeypatch.setattr(manifest, "MAX_PACKAGE_BYTES", (root / small.GA).stat().st_size - 1)
    assert manifest.disagreements(root / small.OUT) == [f"{small.GA.name} differs from the manifest"]


def test_a_kept_manifest_that_unpacks_past_its_limit_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "0123456789abcdef.json.gz"
    path.write_bytes(gzip.compress(b" " * 5_000 + b"{}"))
    monkeypatch.setattr(history, "MAX_MANIFEST_BYTES", 4_000)
    assert history.load(path) is None


def _separated(xml: bytes) -> bytes:
    """The document part with a line separator (U+2028) typed into the first position's text."""
    return xml.replace(b"Introductie van bodem.", "Introductie\u2028van bodem.".encode(), 1)


def test_absorb_refuses_a_line_separator_with_the_place_of_its_value(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    returned = root / small.OUT / "geannoteerde-agenda-terug.docx"
    returned.write_bytes(with_part((root / small.GA).read_bytes(), "word/document.xml", _separated))
    before = _yaml(root)
    result = briefgen(root, "absorb", str(returned))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{small.OUT}/geannoteerde-agenda-terug.docx: standpunten[0].introductie (for positions/bodem.yaml): "
        "character U+2028 (line separator) is a line break to some YAML readers and text to others; "
        "replace it with a line break or a space"
    )
    assert _yaml(root) == before


def test_import_refuses_a_line_separator_with_its_item(tmp_path: Path, ga: bytes) -> None:
    refused(
        tmp_path,
        with_part(ga, "word/document.xml", _separated),
        "the text of 'Kort bodem': character U+2028 (line separator) is a line break",
    )


def _doctype(xml: bytes) -> bytes:
    """The document part with an external entity declared and used in the first text."""
    head, rest = xml.split(b"?>", 1)
    at = rest.index(b"<w:t>") + len(b"<w:t>")
    declaration = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return head + b"?>" + declaration + rest[:at] + b"&x;" + rest[at:]


def test_a_part_that_declares_a_document_type_is_refused(tmp_path: Path, ga: bytes) -> None:
    refused(
        tmp_path, with_part(ga, "word/document.xml", _doctype), "word/document.xml declares a document type"
    )


Tree = list  # a table: rows of cells, each cell a text or a table


def _tables(depth: int) -> st.SearchStrategy[Tree]:
    cell: st.SearchStrategy = st.integers(0, 10**6)
    if depth > 1:
        cell = st.one_of(cell, st.deferred(lambda: _tables(depth - 1)))
    return st.lists(st.lists(cell, min_size=1, max_size=3), min_size=1, max_size=3)


def _table_xml(table: Tree, wrap: bool) -> tuple[bytes, list[str]]:
    """A table's XML (rows and cells in content controls when ``wrap``) and its texts in order."""
    rows, texts = [], []
    for row in table:
        cells = []
        for cell in row:
            if isinstance(cell, int):
                inner, found = f"<w:p><w:r><w:t>cel {cell}</w:t></w:r></w:p>".encode(), [f"cel {cell}"]
            else:
                inner, found = _table_xml(cell, not wrap)
                inner += b"<w:p/>"
                found.append("")
            texts += found
            cells.append(_wrapped(b"<w:tc>" + inner + b"</w:tc>", wrap))
        rows.append(_wrapped(b"<w:tr>" + b"".join(cells) + b"</w:tr>", wrap))
    return b"<w:tbl>" + b"".join(rows) + b"</w:tbl>", texts


def _wrapped(xml: bytes, wrap: bool) -> bytes:
    return b"<w:sdt><w:sdtContent>" + xml + b"</w:sdtContent></w:sdt>" if wrap else xml


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=_tables(4), wrap=st.booleans())
def test_nested_tables_are_read_cell_by_cell_in_order(
    tmp_path: Path, ga: bytes, table: Tree, wrap: bool
) -> None:
    xml, texts = _table_xml(table, wrap)
    path = tmp_path / "tabellen.docx"
    path.write_bytes(
        with_part(ga, "word/document.xml", in_body(b"<w:p><w:r><w:t>begin</w:t></w:r></w:p>" + xml))
    )
    read = [p.text for p in read_docx(path).paragraphs]
    start = read.index("begin") + 1
    assert read[start : start + len(texts)] == texts


def test_answers_absorbed_together_are_bounded_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "project", 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answers = tmp_path / "antwoorden"
    answers.mkdir()
    for name in ("a.docx", "b.docx"):
        (answers / name).write_bytes((root / small.GA).read_bytes())
    one = reader.Together()
    read_docx(answers / "a.docx", together=one)
    monkeypatch.setattr(reader, "MAX_TOGETHER_PARAGRAPHS", one.paragraphs + 1)
    before = _yaml(root)
    result = briefgen(root, "absorb", str(answers))
    assert result.exit_code == 1
    assert result.output.strip().startswith(
        f"{answers / 'b.docx'}: with this document the documents read together hold more than"
    )
    assert _yaml(root) == before


def test_a_zip_listing_more_parts_than_the_limit_is_refused_from_its_end_record(
    tmp_path: Path, ga: bytes
) -> None:
    empty = [(f"x/{n}", b"") for n in range(archive.MAX_PARTS)]
    refused(tmp_path, zipped([*parts_of(ga), *empty]), f"more than {archive.MAX_PARTS} parts")


def test_a_zip_directory_past_its_size_limit_is_refused(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_DIRECTORY_BYTES", 500)
    refused(tmp_path, ga, "its directory takes more than 500 bytes")


def test_a_zip64_end_record_that_lists_more_parts_is_refused(tmp_path: Path, ga: bytes) -> None:
    at = ga.rindex(b"PK\x05\x06")
    size, offset = struct.unpack_from("<LL", ga, at + 12)
    record = b"PK\x06\x06" + struct.pack("<QHHLLQQQQ", 44, 45, 45, 0, 0, 10**6, 10**6, size, offset)
    locator = b"PK\x06\x07" + struct.pack("<LQL", 0, at, 1)
    refused(tmp_path, ga[:at] + record + locator + ga[at:], f"more than {archive.MAX_PARTS} parts")


def test_render_refuses_a_value_longer_than_one_value_may_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path, 1)
    edit(root, "positions/bodem.yaml", "Kern van bodem.", "Kern van bodem. " + "Nog meer. " * 20)
    monkeypatch.setattr(limits, "MAX_VALUE_BYTES", 150)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{place(root, 'positions/bodem.yaml', 'kern: ', 6)}: this text is 0.0 MiB, "
        "more than the 0 MiB one value may hold; split it or shorten it"
    )


def _alignment(built: list[str], returned: list[str]) -> Alignment:
    def paragraphs(texts: list[str]) -> list[Paragraph]:
        return [Paragraph("body", [Span(text)]) for text in texts]

    return Alignment(Document(blocks=list(paragraphs(built))), Reading(paragraphs(returned), []))


BUILT = ["Het kabinet steunt het voorstel van de Commissie.", "De Raad besluit in juni over het pakket."]
RETURNED = ["Een alinea die de collega heeft toegevoegd.", "De Raad besluit in juli over het pakket."]


def test_an_edited_paragraph_pairs_with_the_built_one_it_resembles() -> None:
    assert _alignment(BUILT, RETURNED).anchors() == [("after", -1), ("match", 1)]


def test_past_the_pair_budget_an_edited_paragraph_is_compared_only_where_pairing_left_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(align, "MAX_PAIRS", 0)
    assert _alignment(BUILT, RETURNED).anchors() == [("after", -1), ("after", -1)]


def test_import_refuses_more_agenda_items_than_one_import_writes(
    tmp_path: Path, ga: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_files, "MAX_ITEMS", 1)
    refused(tmp_path, ga, "2 items found, more than the 1 one import writes")


def test_a_verslag_is_held_to_the_same_limits_as_a_ga(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.empty(tmp_path)
    before = _yaml(root)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 300)
    verslag = Path(__file__).parent / "fixtures" / "import" / "verslag-milieuraad.docx"
    result = briefgen(root, "import", str(verslag), "--raad", "milieuraad-2027-10-21")
    assert result.exit_code == 1
    assert "would make agendas/milieuraad-2027-10-21.yaml " in result.output
    assert "more than the 0 MiB render reads in a YAML file" in result.output
    assert _yaml(root) == before


LONG_TEXT = " ".join(f"woord{i}" for i in range(25_000)).encode()
"""One paragraph of 200 KB: within what one paragraph may be, but wrapped as the YAML file
holds it, more lines than one text may have."""


def test_import_names_the_item_and_heading_of_a_text_too_long_for_the_limits(
    tmp_path: Path, ga: bytes
) -> None:
    data = with_part(
        ga, "word/document.xml", lambda x: x.replace(b"Inzet van bodem.", b"Inzet van bodem. " + LONG_TEXT)
    )
    refused(
        tmp_path,
        data,
        "ontvangen.docx: item 1 'Kort bodem', under 'Inzet Nederland': this text has 2,976 lines, "
        "more than the 2,000 one text may hold",
    )


def test_import_names_the_verslag_item_whose_outcome_is_too_long_for_the_limits(tmp_path: Path) -> None:
    verslag = (Path(__file__).parent / "fixtures" / "import" / "verslag-milieuraad.docx").read_bytes()
    said = "Het voorzitterschap deelde de uitkomst van de onderhandelingen in Genève.".encode()
    data = with_part(verslag, "word/document.xml", lambda x: x.replace(said, said + b" " + LONG_TEXT))
    refused(
        tmp_path,
        data,
        "ontvangen.docx: the outcome under 'Verslag van de conferentie over plasticvervuiling': ",
    )

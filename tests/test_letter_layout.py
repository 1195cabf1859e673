"""The letters and the nota of every example agenda as a secretary sends them, read from
the parts: the letterhead in the first-page header, the reference column level with the
addressee, Ons kenmerk and the return address, "Pagina X van Y" from fields on page 1 and
after, the follow-on column's Datum and kenmerk, and no date that can break across lines."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from lxml import etree
from ruamel.yaml import YAML

import small
from docxread import W, read
from helpers import REPO, briefgen, documents, edit, render_examples

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
AGENDAS = sorted(path.stem for path in (REPO / "agendas").glob("*.yaml"))
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
BROKEN_DATE = re.compile(
    rf"\b\d{{1,2}} (?:{MONTHS})\b|\b(?:{MONTHS}) \d{{4}}\b|\d–\d"
    rf"|\b\d{{1,2}}(?: en[ \xa0]|[ \xa0]en )\d{{1,2}}[ \xa0](?:{MONTHS})\b"
)
"""A day and its month, or a month and its year, with a space a line may break at; a range
of days whose dash a line may break after (no word joiner), or around its "en"."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_examples(tmp_path_factory.mktemp("letters"))


def agenda_data(agenda: str) -> dict:
    return YAML(typ="safe").load((REPO / "agendas" / f"{agenda}.yaml").read_text(encoding="utf-8"))


def letters(built: Path, agenda: str) -> dict[str, dict[str, bytes]]:
    """Every letter of the agenda's package (the nota not), by file stem: its parts."""
    found = {path.stem: read(path).xml for path in sorted((built / agenda).glob("kamerbrief*.docx"))}
    data = agenda_data(agenda)
    expected = (["kamerbrief-ek", "kamerbrief-tk"] if "brief" in data else []) + (
        ["kamerbrief-verslag-ek", "kamerbrief-verslag-tk"] if "verslag" in data else []
    )
    assert sorted(found) == expected
    return found


def headers(xml: dict[str, bytes]) -> dict[str, tuple[etree._Element, dict[str, tuple[str, str]]]]:
    """The headers by type (``first``, ``default``): the part and its relationships (id → type, target)."""
    relations = etree.fromstring(xml["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in relations}
    body = etree.fromstring(xml["word/document.xml"])
    found = {}
    for reference in body.iter(f"{W}headerReference"):
        name = posixpath.join("word", targets[reference.get(f"{R}id")])
        rels_name = posixpath.join("word/_rels", posixpath.basename(name) + ".rels")
        rels = etree.fromstring(xml[rels_name]) if rels_name in xml else []
        found[reference.get(f"{W}type")] = (
            etree.fromstring(xml[name]),
            {rel.get("Id"): (rel.get("Type"), rel.get("Target")) for rel in rels},
        )
    return found


def styled(xml: dict[str, bytes], style: str) -> list[etree._Element]:
    body = etree.fromstring(xml["word/document.xml"])
    return [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='{style}']") is not None]


def text(p: etree._Element) -> str:
    return "".join(
        n.text or "" if n.tag == f"{W}t" else "\n" for n in p.iter(f"{W}t", f"{W}br", f"{W}tab")
    ).replace("\xa0", " ")


def frame(p: etree._Element) -> dict[str, str]:
    found = p.find(f"{W}pPr/{W}framePr")
    assert found is not None, text(p)
    return {key.removeprefix(W): value for key, value in found.attrib.items()}


def box_lines(header: etree._Element) -> list[str]:
    """The lines of the header's text boxes."""
    return [text(p) for box in header.iter(f"{W}txbxContent") for p in box.iter(f"{W}p")]


@pytest.mark.parametrize("agenda", AGENDAS)
def test_every_letter_shows_the_logo_in_its_first_page_header(built: Path, agenda: str) -> None:
    for name, xml in letters(built, agenda).items():
        header, rels = headers(xml)["first"]
        blips = list(header.iter(BLIP))
        assert len(blips) == 1, name
        kind, target = rels[blips[0].get(f"{R}embed")]
        assert kind == IMAGE
        assert xml[posixpath.normpath(posixpath.join("word", target))].startswith(b"\x89PNG")


@pytest.mark.parametrize("agenda", AGENDAS)
def test_the_reference_column_stands_level_with_the_addressee(built: Path, agenda: str) -> None:
    for name, xml in letters(built, agenda).items():
        column = [frame(p) for p in styled(xml, "Referentiegegevens")]
        address = [frame(p) for p in styled(xml, "Adres")]
        assert column and address, name
        assert {(f["y"], f["vAnchor"]) for f in column} == {(address[0]["y"], "page")}, name
        assert {(f["y"], f["vAnchor"]) for f in address} == {(address[0]["y"], "page")}, name
        assert int(column[0]["x"]) > int(address[0]["x"]) + int(address[0]["w"]), name


@pytest.mark.parametrize("agenda", AGENDAS)
def test_every_letter_has_its_return_address_and_kenmerk(built: Path, agenda: str) -> None:
    data = agenda_data(agenda)
    for name, xml in letters(built, agenda).items():
        returned = [text(p) for p in styled(xml, "Retouradres")]
        assert len(returned) == 1 and re.fullmatch(
            r"> Retouradres Postbus \d+ \d{4} [A-Z]{2} Den Haag", returned[0]
        )
        assert frame(styled(xml, "Retouradres")[0])["y"] < frame(styled(xml, "Adres")[0])["y"]
        kenmerk = data["verslag" if "verslag" in name else "brief"]["kenmerk"]
        column = [text(p) for p in styled(xml, "Referentiegegevens")]
        assert f"Ons kenmerk\n{kenmerk}" in column, name
        assert any(line.startswith("Postbus ") for line in column), name
        inside = (
            "landbouw-en-visserijraad" in agenda
        )  # the GA or verslag is the letter itself (formal or informal)
        assert any(line.startswith("Bijlage(n)\n") for line in column) is not inside, name


@pytest.mark.parametrize("agenda", AGENDAS)
def test_page_one_and_follow_on_pages_number_themselves_with_fields(built: Path, agenda: str) -> None:
    package = letters(built, agenda)
    if (built / agenda / "nota.docx").exists():
        package["nota"] = read(built / agenda / "nota.docx").xml
    for name, xml in package.items():
        for kind, (header, _) in headers(xml).items():
            fields = [
                f.get(f"{W}instr").strip()
                for box in header.iter(f"{W}txbxContent")
                for f in box.iter(f"{W}fldSimple")
            ]
            assert fields == ["PAGE", "NUMPAGES"], (name, kind)
            assert re.fullmatch(r"Pagina \d+ van \d+", box_lines(header)[0]), (name, kind)


@pytest.mark.parametrize("agenda", AGENDAS)
def test_follow_on_pages_repeat_the_sender_datum_and_kenmerk(built: Path, agenda: str) -> None:
    data = agenda_data(agenda)
    for name, xml in letters(built, agenda).items():
        section = data["verslag" if "verslag" in name else "brief"]
        lines = box_lines(headers(xml)["default"][0])
        assert lines[1].startswith("Ministerie van "), name
        datum = [line for line in lines if line.startswith("Datum\n")]
        assert len(datum) == 1 and datum[0].endswith(str(section["datum"].year)), name
        assert f"Ons kenmerk\n{section['kenmerk']}" in lines, name
        assert not any(line.startswith(("Rijnstraat", "Postbus", "Bijlage")) for line in lines), name


def test_the_letter_date_is_written_with_non_breaking_spaces(built: Path) -> None:
    xml = read(built / "milieuraad-2026-03-17" / "kamerbrief-tk.docx").xml
    datum = etree.tostring(styled(xml, "Kenmerk")[0], encoding="unicode")
    assert "5\xa0maart\xa02026" in datum


def test_a_letter_without_addresses_takes_its_ministrys(tmp_path: Path) -> None:
    letter = documents(small.project(tmp_path, letter=True), small.AGENDA)["kamerbrief-tk"]
    assert letter.styled("Referentiegegevens")[:3] == [
        "Ministerie van Infrastructuur en Waterstaat",
        "Rijnstraat 8\n2515 XP Den Haag",
        "Postbus 20901\n2500 EX Den Haag",
    ]
    assert letter.styled("Retouradres") == ["> Retouradres Postbus 20901 2500 EX Den Haag"]


def test_a_letter_without_kenmerk_is_a_located_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    edit(root, small.AGENDA, "  kenmerk: IENW/BSK-2030/2\n", "")
    edit(root, small.AGENDA, "  kenmerk: IENW/BSK-2030/3\n", "")
    result = briefgen(root, "check")
    assert result.exit_code == 0
    lines = (root / small.AGENDA).read_text(encoding="utf-8").splitlines()
    warned = [line for line in result.stderr.splitlines() if "'kenmerk'" in line]
    assert [line.split(": warning: ")[0] for line in warned] == [
        f"{small.AGENDA}:{lines.index('brief:') + 1}:1",
        f"{small.AGENDA}:{lines.index('verslag:') + 1}:1",
    ]
    assert briefgen(root, "check", "--strict").exit_code == 1


def test_a_letter_from_a_sender_without_known_address_is_warned(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "Ministerie van Infrastructuur en Waterstaat", "Directie Europa")
    result = briefgen(root, "check")
    line = (root / small.AGENDA).read_text(encoding="utf-8").splitlines().index("brief:") + 1
    assert f"{small.AGENDA}:{line}:1: warning: the letters have no return address" in result.stderr
    edit(root, small.AGENDA, "brief:\n", "brief:\n  postadres:\n    - Postbus 1\n    - 2500 AA Den Haag\n")
    assert "no return address" not in briefgen(root, "check").stderr


@pytest.mark.parametrize("agenda", AGENDAS)
def test_no_date_in_a_letter_or_nota_can_break_across_lines(built: Path, agenda: str) -> None:
    paths = sorted((built / agenda).glob("*.docx"))
    for path in paths:
        xml = read(path).xml
        for part in [n for n in xml if n.startswith("word/") and n.endswith(".xml")]:
            for t in etree.fromstring(xml[part]).iter(f"{W}t"):
                assert not BROKEN_DATE.search(t.text or ""), (path.name, part, t.text)


def test_the_ga_title_names_the_meeting_and_its_days_unless_the_drafter_says_otherwise(built: Path) -> None:
    informal = read(built / "informele-milieuraad-2025-07-10" / "geannoteerde-agenda.docx")
    titles = [p.raw for p in informal.paragraphs if p.style == "Title"]
    assert titles == [
        "Geannoteerde Agenda informele bijeenkomst van milieu- en klimaatministers 10–\u206011\xa0juli\xa02025"
    ]
    seed = read(built / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx")
    assert seed.styled("Title") == ["Geannoteerde Agenda"]  # ga.titel, as the seed was sent

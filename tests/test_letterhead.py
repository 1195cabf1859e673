"""Page 1 of a letter or nota carries the letterhead: the ministry's logo (templates/logo.png,
a neutral placeholder shipped, or the formation's own) and its wordmark, top centre."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from lxml import etree

from docxread import W
from helpers import REPO, briefgen, documents
from small import AGENDA, project

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


def first_page_header(xml: dict[str, bytes]) -> tuple[etree._Element, dict[str, str]]:
    """The first-page header part and its relationships (id → target)."""
    relations = etree.fromstring(xml["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in relations}
    body = etree.fromstring(xml["word/document.xml"])
    ref = next(r for r in body.iter(f"{W}headerReference") if r.get(f"{W}type") == "first")
    name = posixpath.join("word", targets[ref.get(f"{R}id")])
    rels_name = posixpath.join("word/_rels", posixpath.basename(name) + ".rels")
    rels = etree.fromstring(xml[rels_name]) if rels_name in xml else []
    return etree.fromstring(xml[name]), {rel.get("Id"): rel.get("Target") for rel in rels}


def test_a_letter_shows_the_logo_and_the_ministrys_wordmark_centred(tmp_path: Path) -> None:
    letter = documents(project(tmp_path, letter=True), AGENDA)["kamerbrief-tk"]
    header, rels = first_page_header(letter.xml)
    blip = next(header.iter(BLIP))
    target = rels[blip.get(f"{R}embed")]
    assert (
        letter.xml[posixpath.normpath(posixpath.join("word", target))]
        == (REPO / "templates/logo.png").read_bytes()
    )
    texts = ["".join(t.text or "" for t in p.findall(f"{W}r/{W}t")) for p in header.findall(f"{W}p")]
    assert "Ministerie van Infrastructuur en Waterstaat" in texts
    centred = [p.find(f"{W}pPr/{W}jc").get(f"{W}val") for p in header.findall(f"{W}p")]
    assert centred == ["center", "center"]


def test_the_nota_has_the_letterhead_and_the_ga_none(tmp_path: Path) -> None:
    docs = documents(project(tmp_path, letter=True, nota=True), AGENDA)
    assert list(first_page_header(docs["nota"].xml)[0].iter(PIC))
    ga = docs["geannoteerde-agenda"].xml
    assert not any(name.startswith("word/media/") for name in ga)


def test_a_formations_own_logo_comes_first(tmp_path: Path) -> None:
    root = project(tmp_path, letter=True)
    own = (REPO / "templates/logo.png").read_bytes()
    (root / "templates/milieuraad").mkdir(exist_ok=True)
    (root / "templates/milieuraad/logo.png").write_bytes(own)
    (root / "templates/logo.png").write_text("geen plaatje", encoding="utf-8")  # never read
    letter = documents(root, AGENDA)["kamerbrief-tk"]
    assert own in letter.xml.values()


def test_without_a_logo_the_wordmark_stands_alone(tmp_path: Path) -> None:
    root = project(tmp_path, letter=True)
    (root / "templates/logo.png").unlink()
    letter = documents(root, AGENDA)["kamerbrief-tk"]
    header, _ = first_page_header(letter.xml)
    assert not list(header.iter(PIC))
    assert "Ministerie van Infrastructuur en Waterstaat" in "".join(header.itertext())


def test_a_logo_that_is_no_image_is_one_line_and_exit_1(tmp_path: Path) -> None:
    root = project(tmp_path, letter=True)
    (root / "templates/logo.png").write_text("geen plaatje", encoding="utf-8")
    result = briefgen(root, "render", AGENDA)
    assert result.exit_code == 1
    assert result.stderr == "templates/logo.png: not a PNG or JPEG image\n"


DAMAGED = {
    "png-signature-only": b"\x89PNG\r\n\x1a\n",
    "png-cut-short": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\xff",
    "jpeg-without-frame": b"\xff\xd8\xff\xe0" + bytes(50),
}


@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_logo_is_one_line_and_exit_1(tmp_path: Path, damaged: bytes) -> None:
    root = project(tmp_path, letter=True)
    (root / "templates/logo.png").write_bytes(damaged)
    result = briefgen(root, "render", AGENDA)
    assert result.exit_code == 1
    assert result.stderr == "templates/logo.png: not a PNG or JPEG image\n"


def test_the_letterhead_is_centred_on_the_page_not_on_the_narrow_column(tmp_path: Path) -> None:
    letter = documents(project(tmp_path, letter=True), AGENDA)["kamerbrief-tk"]
    header, _ = first_page_header(letter.xml)
    section = etree.fromstring(letter.xml["word/document.xml"]).find(f".//{W}sectPr/{W}pgMar")
    wider = int(section.get(f"{W}right")) - int(section.get(f"{W}left"))
    assert wider > 0
    indents = [int(p.find(f"{W}pPr/{W}ind").get(f"{W}right")) for p in header.findall(f"{W}p")]
    assert indents == [-wider, -wider]

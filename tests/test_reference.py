"""The committed ``templates/reference.docx`` is what the house-style generator writes,
and it holds everything the writer looks up in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree

from briefgen.word import contract
from docxread import W, read
from helpers import REPO

REFERENCE = REPO / "templates" / "reference.docx"


def test_regenerating_the_reference_gives_the_committed_file(tmp_path: Path) -> None:
    target = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, "-m", "briefgen.word.housestyle", str(target)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == REFERENCE.read_bytes()


def test_reference_defines_every_style_the_writer_uses() -> None:
    styles = etree.fromstring(read(REFERENCE).xml["word/styles.xml"])
    defined = {style.get(f"{W}styleId") for style in styles.iter(f"{W}style")}
    used = {
        *(style for style in contract.ROLE_STYLES.values() if style),
        contract.NOTE_TEXT,
        contract.NOTE_MARK,
        contract.LINK,
        contract.TABLE,
        contract.TABLE_HEADER,
        contract.TABLE_TEXT,
        contract.HEADER,
        contract.COLUMN,
        contract.COLUMN_TEXT,
        contract.REVIEW,
    }
    assert used - defined == set()


def test_reference_defines_the_writer_lists_by_name() -> None:
    numbering = etree.fromstring(read(REFERENCE).xml["word/numbering.xml"])
    names = [name.get(f"{W}val") for name in numbering.iter(f"{W}name")]
    assert sorted(names) == sorted(contract.LISTS)

"""`check` warns about a Kamerstuk cited without the paper's number: a reader cannot find it."""

from __future__ import annotations

from pathlib import Path

import small
from helpers import briefgen, edit, place

POSITION = "positions/bodem.yaml"


def test_a_typed_citation_without_a_number_is_a_warning_at_its_footnote(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        POSITION,
        "    kamerstuk: {kamer: II, vergaderjaar: 2029-2030, dossier: 21 501-08, nr: 1011}",
        "    Kamerstukken II, 2025-2026, 032-89.",
    )
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output
    where = place(root, POSITION, "Kamerstukken")
    assert f"{where}: warning: footnote 'stuk' cites a Kamerstuk without its number" in result.stderr


def test_a_structured_citation_without_a_number_is_a_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, POSITION, ", nr: 1011}", "}")
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output
    assert "warning: footnote 'stuk' cites a Kamerstuk without its number" in result.stderr


def test_a_citation_with_its_number_or_letter_is_no_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        POSITION,
        "    kamerstuk: {kamer: II, vergaderjaar: 2029-2030, dossier: 21 501-08, nr: 1011}",
        "    Zie Kamerstukken II, 2025-2026, 36 200, nr. 4; Kamerstukken I, 2025-2026, 36 200, A.",
    )
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output
    assert "cites a Kamerstuk" not in result.stderr

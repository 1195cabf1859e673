"""No silent drops: a field the chosen formation's templates never read is a warning from
`check` and `render` that names the field and the formation, at the field's place."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from helpers import REPO, briefgen, checks_clean, copy_example, edit, place

LVR = "Landbouw- en Visserijraad"


def warning(root: Path, needle: str, field: str, formation: str) -> str:
    where = place(root, small.AGENDA, needle)
    return (
        f"{where}: warning: '{field}' is not shown: no template of the {formation} reads it "
        f"(remove it, or add a template in templates/ that does)"
    )


@pytest.mark.parametrize("field", ["aankondiging", "diversen"])
def test_the_lvr_letter_has_no_place_for_the_ga_sentences(tmp_path: Path, field: str) -> None:
    root = small.project(tmp_path, letter=True, raad=LVR)
    edit(root, small.AGENDA, "punten:\n", f"ga:\n  {field}: Een eigen zin.\npunten:\n")
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert warning(root, f"{field}:", f"ga.{field}", LVR) in result.stderr.splitlines()
    result = briefgen(root, "check", small.AGENDA)
    assert warning(root, f"{field}:", f"ga.{field}", LVR) in result.stderr.splitlines()


def test_the_raz_ignores_the_agenda_state(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    result = briefgen(root, "check", small.AGENDA)
    expected = warning(root, "agendastatus:", "agendastatus", "Raad Algemene Zaken")
    assert expected in result.stderr.splitlines()
    assert briefgen(root, "check", "--strict", small.AGENDA).exit_code == 1


def test_a_field_the_templates_read_is_no_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "punten:\n", "ga:\n  inleiding: Een eigen zin.\npunten:\n")
    result = briefgen(root, "check", "--strict", small.AGENDA)
    assert result.exit_code == 0, result.stderr


def test_a_field_only_one_document_reads_is_no_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    edit(root, small.AGENDA, "  samenvatting:", "  kop: Verslag van de Raad\n  samenvatting:")
    assert briefgen(root, "check", "--strict", small.AGENDA).exit_code == 0


def test_every_shipped_example_uses_every_field_it_sets(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    checks_clean(root)
    assert len(list((REPO / "agendas").glob("*.yaml"))) >= 15

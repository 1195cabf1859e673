"""An agenda loaded once into a bundle: the positions it holds are this Council's, or none."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefgen.data.bundle import bundle_of, open_bundle
from briefgen.data.project import Project
from briefgen.errors import UserError

AGENDA = """\
id: milieuraad-2026-03-17
raad: Milieuraad
datum: 2026-03-17
plaats: Brussel
punten:
  - kop: Opening
    tekst: De Raad opent.
  - dossier: lucht
"""

DOSSIER = """\
id: lucht
titel: Schone lucht
kort: Lucht
standpunten:
  - raad: milieuraad-2025-12-16
    inzet: De inzet van december.
  - raad: {raad}
    inzet: De inzet van maart.
"""


def small_project(root: Path, raad: str) -> Path:
    """An agenda with one dossier, whose second position is for ``raad``."""
    (root / "agendas").mkdir()
    (root / "positions").mkdir()
    (root / "positions" / "lucht.yaml").write_text(DOSSIER.format(raad=raad), encoding="utf-8")
    agenda = root / "agendas" / "milieuraad-2026-03-17.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    return agenda


def test_bundle_holds_this_councils_position(tmp_path: Path) -> None:
    bundle = open_bundle(tmp_path, small_project(tmp_path, "milieuraad-2026-03-17"))
    assert bundle.positions == {"lucht": 1}
    assert bundle.standpunt("lucht").inzet == "De inzet van maart."


def test_bundle_records_each_file_read_with_its_hash(tmp_path: Path) -> None:
    bundle = open_bundle(tmp_path, small_project(tmp_path, "milieuraad-2026-03-17"))
    assert set(bundle.files) == {"agendas/milieuraad-2026-03-17.yaml", "positions/lucht.yaml"}
    assert all(len(digest) == 64 for digest in bundle.files.values())


def test_bundle_hashes_the_bytes_that_were_parsed(tmp_path: Path) -> None:
    """A file saved again between loading and bundling keeps the hash of what was parsed."""
    path = small_project(tmp_path, "milieuraad-2026-03-17")
    parsed = path.read_bytes()
    project = Project(tmp_path)
    entry = project.agenda(path)
    assert entry is not None and project.dossier("lucht") is not None
    path.write_text(AGENDA.replace("De Raad opent.", "De Raad opent later."), encoding="utf-8")
    bundle = bundle_of(project, entry)
    assert bundle.files["agendas/milieuraad-2026-03-17.yaml"] == hashlib.sha256(parsed).hexdigest()


def test_bundle_is_read_only(tmp_path: Path) -> None:
    bundle = open_bundle(tmp_path, small_project(tmp_path, "milieuraad-2026-03-17"))
    with pytest.raises(TypeError):
        bundle.positions["lucht"] = 0  # type: ignore[index]


def test_missing_position_is_refused_at_the_item_not_replaced_by_another(tmp_path: Path) -> None:
    """A project whose agenda was never checked still gets no other Council's position."""
    path = small_project(tmp_path, "milieuraad-2026-06-16")
    project = Project(tmp_path)
    entry = project.agenda(path)
    assert entry is not None and project.dossier("lucht") is not None
    with pytest.raises(UserError) as raised:
        bundle_of(project, entry)
    [problem] = raised.value.problems
    assert str(problem.location) == "agendas/milieuraad-2026-03-17.yaml:8:14"
    assert "dossier 'lucht' has no position for milieuraad-2026-03-17" in problem.message


def test_open_bundle_reports_the_missing_position_with_the_other_checks(tmp_path: Path) -> None:
    with pytest.raises(UserError) as raised:
        open_bundle(tmp_path, small_project(tmp_path, "milieuraad-2026-06-16"))
    messages = [problem.message for problem in raised.value.problems]
    assert any("has no position for milieuraad-2026-03-17" in message for message in messages)


CITING = DOSSIER.replace("De inzet van maart.", "De inzet van maart.[^bron]")


def test_an_unchanged_positions_footnote_check_finds_the_same_problems_again(tmp_path: Path) -> None:
    agenda = small_project(tmp_path, "milieuraad-2026-03-17")
    (tmp_path / "positions" / "lucht.yaml").write_text(
        CITING.format(raad="milieuraad-2026-03-17"), encoding="utf-8"
    )
    for _ in range(2):  # the second time from what the first check found
        with pytest.raises(UserError) as error:
            open_bundle(tmp_path, agenda)
        assert [problem.message for problem in error.value.problems] == [
            "footnote [^bron] is not defined in 'voetnoten' of this file or in positions/_voetnoten.yaml"
        ]


def test_a_footnote_added_to_the_shared_file_is_seen_by_an_unchanged_position(tmp_path: Path) -> None:
    agenda = small_project(tmp_path, "milieuraad-2026-03-17")
    (tmp_path / "positions" / "lucht.yaml").write_text(
        CITING.format(raad="milieuraad-2026-03-17"), encoding="utf-8"
    )
    with pytest.raises(UserError):
        open_bundle(tmp_path, agenda)
    (tmp_path / "positions" / "_voetnoten.yaml").write_text(
        "voetnoten:\n  bron: Een bron voor alle Raden.\n", encoding="utf-8"
    )
    assert open_bundle(tmp_path, agenda).shared_notes["bron"] == "Een bron voor alle Raden."

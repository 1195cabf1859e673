"""Drafting the next Council as a new user would: `new` carries the letters' and the
nota's people and addresses and leaves what belongs to the earlier meeting (saying
what), `verslag` drafts the signatories, `dossier new` writes a skeleton position file,
and an item type is matched whatever its case."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from test_faults import in_child

import small
from briefgen.data import platform
from briefgen.output import disk
from briefgen.output.dossier_draft import draft_dossier
from helpers import NO_KENMERK, briefgen, checks_clean, copy_example, documents, edit, texts

EARLIER = "milieuraad-2026-03-17"
NEW = "milieuraad-2026-10-20"


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_example(tmp_path_factory.mktemp("drafting"))
    result = briefgen(root, "new", NEW, "--from", EARLIER)
    assert result.exit_code == 0, result.output
    return root, result.stdout


def test_new_carries_the_letters_people_and_addresses(drafted: tuple[Path, str]) -> None:
    root, _ = drafted
    earlier, new = load(root / f"agendas/{EARLIER}.yaml"), load(root / f"agendas/{NEW}.yaml")
    for key in ("afzender", "bezoekadres", "postadres", "rubricering", "ondertekenaars", "mede_namens"):
        assert new["brief"][key] == earlier["brief"][key], key
    assert "alineas" not in new["brief"] and "bijlagen" not in new["brief"]


def test_new_moves_the_dates_to_the_new_council(drafted: tuple[Path, str]) -> None:
    root, _ = drafted
    new = load(root / f"agendas/{NEW}.yaml")
    assert str(new["brief"]["datum"]) == "2026-10-08"  # 12 days before, as on 5 March for 17 March
    assert str(new["nota"]["beslistermijn"]) == "2026-10-05"
    assert (
        new["nota"]["geadviseerd_besluit"][-1]
        == "Akkoord te gaan met deelname aan de Milieuraad van 20 oktober 2026."
    )


def test_new_drops_the_presidency_and_says_what_it_left_out(drafted: tuple[Path, str]) -> None:
    root, stdout = drafted
    text = (root / f"agendas/{NEW}.yaml").read_text(encoding="utf-8")
    assert "voorzitterschap:" not in text and "agendastatus:" not in text and "verslag:" not in text
    said = [line for line in stdout.splitlines() if line.startswith("not carried over")]
    assert len(said) == 1
    assert said[0].startswith(f"not carried over from {EARLIER}: voorzitterschap (it follows from the date)")
    for part in ("agendastatus", "verslag", "brief.alineas", "nota.toelichting", "voetnoten.reach-up"):
        assert part in said[0]
    assert f"# {said[0][0].upper()}{said[0][1:]}" in text


def test_the_drafted_agenda_checks_and_renders_its_letters(drafted: tuple[Path, str]) -> None:
    root, _ = drafted
    checks_clean(root, f"agendas/{NEW}.yaml", allowed=(NO_KENMERK,))
    docs = documents(root, f"agendas/{NEW}.yaml")
    assert {"kamerbrief-tk", "kamerbrief-ek", "nota", "geannoteerde-agenda"} <= set(docs)
    assert "Annet Bertram" in texts(docs["kamerbrief-tk"])


def test_new_keeps_a_sentence_left_out_and_drops_one_written(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = briefgen(
        root, "new", "informele-milieuraad-2026-01-29", "--from", "informele-milieuraad-2025-07-10"
    )
    assert result.exit_code == 0, result.output
    brief = load(root / "agendas/informele-milieuraad-2026-01-29.yaml")["brief"]
    assert brief["stand_van_zaken"] is False
    assert "deelname" not in brief
    assert "brief.deelname" in result.stdout


def test_verslag_drafts_the_signatories_of_the_letters(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    assert briefgen(root, "verslag", small.ID).exit_code == 0
    agenda = load(root / small.AGENDA)
    assert agenda["verslag"]["ondertekenaars"] == [
        {"functie": "de Minister van Klimaat", "naam": "A. Minister"}
    ]


def test_verslag_without_letters_leaves_the_signatories_to_write(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    assert briefgen(root, "verslag", small.ID, "--datum", "2030-03-20").exit_code == 0
    result = briefgen(root, "check", small.AGENDA)
    assert result.exit_code == 1
    assert "the verslag's letters need 'ondertekenaars', in 'verslag' or in 'brief'" in result.stderr


def test_dossier_new_writes_a_skeleton_that_check_names_line_by_line(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    result = briefgen(root, "dossier", "new", "bodem-2", "--raad", small.ID)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote ") and result.stdout.endswith("positions/bodem-2.yaml\n")
    result = briefgen(root, "check", "positions/bodem-2.yaml")
    assert result.stderr.splitlines()[:2] == [
        "positions/bodem-2.yaml:5:7: 'titel' must be text, not empty",
        "positions/bodem-2.yaml:6:6: 'kort' must be text, not empty",
    ]
    edit(root, "positions/bodem-2.yaml", "titel:  #", "titel: de bodem  #")
    edit(root, "positions/bodem-2.yaml", "kort:  #", "kort: Bodem  #")
    assert briefgen(root, "check", "positions/bodem-2.yaml").exit_code == 0


def test_a_position_text_the_skeleton_left_empty_is_named_by_check(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    briefgen(root, "dossier", "new", "bodem-2", "--raad", small.ID)
    edit(root, "positions/bodem-2.yaml", "titel:  #", "titel: de bodem  #")
    edit(root, "positions/bodem-2.yaml", "kort:  #", "kort: Bodem  #")
    edit(root, "positions/bodem-2.yaml", "    inzet:  ", "    inzet: Nederland steunt het voorstel.  ")
    result = briefgen(root, "check", "--strict", "positions/bodem-2.yaml")
    assert result.exit_code == 1
    named = [line.split(": warning: ")[1] for line in result.stderr.splitlines() if ": warning: " in line]
    assert [line.split("'")[1] for line in named] == ["introductie", "kern", "krachtenveld"]
    assert named[0] == (
        f"'introductie' of the position for {small.ID} is still empty (nothing is shown for it); "
        "write it, or remove the key"
    )


def test_dossier_new_does_not_overwrite(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    before = (root / "positions/bodem.yaml").read_bytes()
    result = briefgen(root, "dossier", "new", "bodem")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "positions/bodem.yaml:1:1: already exists; briefgen dossier new does not overwrite it\n"
    )
    assert (root / "positions/bodem.yaml").read_bytes() == before


def test_a_dossier_new_killed_before_the_file_is_named_leaves_nothing_in_positions(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    before = sorted(p.name for p in (root / "positions").iterdir())
    in_child(lambda: draft_dossier(root, "bodem-2", None), kill_at=1)
    assert sorted(p.name for p in (root / "positions").iterdir()) == before
    assert briefgen(root, "dossier", "new", "bodem-2").exit_code == 0


def test_a_new_file_written_through_a_draft_never_replaces_one_that_appeared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system has no unnamed files, the draft is named without replacing a file."""
    monkeypatch.setattr(platform, "unnamed_file", lambda folder: None)
    target = tmp_path / "positions" / "bodem.yaml"
    target.parent.mkdir()
    target.write_bytes(b"titel: van de drafter\n")
    with pytest.raises(FileExistsError):
        disk.create_whole(target, b"titel: nieuw\n", "create", tmp_path / "drafts")
    assert target.read_bytes() == b"titel: van de drafter\n"
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == []


def test_dossier_new_refuses_an_unusable_id(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    result = briefgen(root, "dossier", "new", "Bodem Richtlijn")
    assert result.exit_code == 1
    assert "is not a usable dossier id; use lower case, digits and hyphens" in result.stderr


@pytest.mark.parametrize("written", ["Beleidsdebat", "BELEIDSDEBAT", "beleidsDebat"])
def test_item_types_match_whatever_their_case(tmp_path: Path, written: str) -> None:
    root = small.project(tmp_path)
    edit(root, small.AGENDA, "soort: beleidsdebat", f"soort: {written}")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert ga.styled("Heading1")[0].startswith("Beleidsdebat ")
    assert any(
        "staat er een beleidsdebat over het onderwerp bodem op de agenda" in line for line in texts(ga)
    )


def test_new_does_not_carry_an_items_own_outcome(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = briefgen(root, "new", "ecofinraad-2026-07-14", "--from", "ecofinraad-2026-03-10")
    assert result.exit_code == 0, result.output
    drafted = load(root / "agendas/ecofinraad-2026-07-14.yaml")
    assert all("uitkomst" not in punt for punt in drafted["punten"])
    assert "punten.2.uitkomst" in result.stdout


def test_new_leaves_out_a_date_the_move_would_put_outside_the_calendar(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1, letter=True)
    result = briefgen(root, "new", "raad-0001-01-02", "--from", small.ID, "--datum", "0001-01-02")
    assert result.exit_code == 0, result.output
    assert "brief.datum" in result.stdout
    assert "datum" not in load(root / "agendas/raad-0001-01-02.yaml")["brief"]


def test_new_refuses_a_blank_place(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1)
    result = briefgen(
        root, "new", "raad-2030-06-12", "--from", small.ID, "--datum", "2030-06-12", "--plaats", " "
    )
    assert result.exit_code == 1
    assert (
        result.stderr
        == "--plaats: is empty; name the place, or leave --plaats out to keep the earlier one's\n"
    )
    assert not (root / "agendas/raad-2030-06-12.yaml").exists()

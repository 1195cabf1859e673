"""Files planted in a project (a journal, a build's manifest) that name paths outside it.

Each is refused with the planted file's place, exit 1, before anything is read or
written; the file outside stays as it was (or is not created).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

import small
from docxedit import Docx
from helpers import briefgen

NEW_ID = "raad-2030-06-12"
JOURNAL = f"agendas/.{NEW_ID}.briefgen-new.json"
VERSLAG_JOURNAL = f"agendas/.{small.ID}.briefgen-verslag.json"
MANIFEST = f"{small.OUT}/manifest.json"
BODEM = "positions/bodem.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "project", 2)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project, as another project's position or a system file."""
    path = tmp_path / "other" / "positions" / "bodem.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("# not yours\n", encoding="utf-8")
    return path


def plant_journal(root: Path, name: str, files: list[dict[str, object]], **fields: object) -> None:
    record = {**fields, "files": files}
    (root / name).write_text(json.dumps(record), encoding="utf-8")


def entry(path: str, after: bytes = b"echo planted\n", before: str | None = None) -> dict[str, object]:
    return {"path": path, "before": before, "after": base64.b64encode(after).decode("ascii")}


def agenda_entry(root: Path, agenda_id: str) -> dict[str, object]:
    """The new agenda a ``new`` journal holds: the small agenda under another id."""
    text = (root / small.AGENDA).read_text(encoding="utf-8").replace(small.ID, agenda_id)
    return entry(f"agendas/{agenda_id}.yaml", text.encode("utf-8"))


def named_outside(root: Path, outside: Path) -> list[str]:
    """Ways to name ``outside`` from the project: absolute, climbing out, a link out."""
    (root / "positions" / "uit.yaml").symlink_to(outside)
    return [
        str(outside),
        os.path.relpath(outside, root),
        "positions/uit.yaml",
        "positions/../../other/x.yaml",
    ]


def test_a_new_journal_naming_a_file_outside_is_refused(root: Path, outside: Path) -> None:
    for named in named_outside(root, outside):
        plant_journal(root, JOURNAL, [agenda_entry(root, NEW_ID), entry(named)])
        result = briefgen(root, "new", NEW_ID, "--from", small.ID)
        assert result.exit_code == 1, (named, result.output)
        assert result.stderr.startswith(f"{JOURNAL}:1:1: names '"), result.stderr
        assert outside.read_text(encoding="utf-8") == "# not yours\n"
        assert not (root / "agendas" / f"{NEW_ID}.yaml").exists()


def test_an_absolute_path_that_does_not_exist_is_not_created(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "created-by-root"
    plant_journal(root, JOURNAL, [agenda_entry(root, NEW_ID), entry(str(target))])
    result = briefgen(root, "new", NEW_ID, "--from", small.ID)
    assert result.exit_code == 1
    assert f"names '{target}', which is not a file in positions/ or agendas/" in result.stderr
    assert not target.exists()


def test_a_journal_naming_a_position_its_agenda_does_not_hold_is_refused(root: Path) -> None:
    (root / "positions" / "eigen.yaml").write_text("id: eigen\n", encoding="utf-8")
    plant_journal(root, JOURNAL, [agenda_entry(root, NEW_ID), entry("positions/eigen.yaml")])
    result = briefgen(root, "new", NEW_ID, "--from", small.ID)
    assert result.exit_code == 1
    assert (
        "names 'positions/eigen.yaml', which 'briefgen new' for raad-2030-06-12 does not write"
        in result.stderr
    )
    assert (root / "positions" / "eigen.yaml").read_text(encoding="utf-8") == "id: eigen\n"


def test_a_verslag_journal_naming_a_file_outside_is_refused(root: Path, outside: Path) -> None:
    agenda = (root / small.AGENDA).read_bytes()
    plant_journal(root, VERSLAG_JOURNAL, [entry(small.AGENDA, agenda, "0" * 64), entry(str(outside))])
    result = briefgen(root, "verslag", small.ID)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{VERSLAG_JOURNAL}:1:1: names '{outside}'")
    assert outside.read_text(encoding="utf-8") == "# not yours\n"
    assert (root / small.AGENDA).read_bytes() == agenda


@pytest.mark.parametrize("command", ["render", "check", "status"])
def test_a_planted_journal_makes_render_check_and_status_refuse(
    root: Path, outside: Path, command: str
) -> None:
    plant_journal(root, JOURNAL, [agenda_entry(root, NEW_ID), entry(str(outside))])
    result = briefgen(root, command, *([small.AGENDA] if command != "check" else []))
    assert result.exit_code == 1, result.output
    assert f"{JOURNAL}:1:1: names '{outside}'" in result.stderr
    assert "run it again" not in result.stderr and "to finish" not in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_journal_owned_by_someone_else_is_refused(root: Path) -> None:
    plant_journal(root, JOURNAL, [agenda_entry(root, NEW_ID)])
    os.chown(root / JOURNAL, 65534, -1)
    result = briefgen(root, "new", NEW_ID, "--from", small.ID)
    assert result.exit_code == 1
    assert (
        "this journal is owned by" in result.stderr and "not by you or the project's owner" in result.stderr
    )
    assert not (root / "agendas" / f"{NEW_ID}.yaml").exists()


def test_a_new_whose_position_links_out_of_the_project_writes_nothing(root: Path, outside: Path) -> None:
    outside.write_bytes((root / BODEM).read_bytes())
    (root / BODEM).unlink()
    (root / BODEM).symlink_to(outside)
    before = outside.read_bytes()
    result = briefgen(root, "new", NEW_ID, "--from", small.ID, "--datum", "2030-06-12")
    assert result.exit_code == 1
    assert f"{BODEM}:1:1: is a link to '{outside}', outside this project" in result.stderr
    assert outside.read_bytes() == before
    assert not (root / "agendas" / f"{NEW_ID}.yaml").exists()
    assert not (root / JOURNAL).exists()


def reworded(root: Path) -> Path:
    """The small GA rendered, with 'Inzet van bodem.' reworded in Word."""
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    docx = Docx.read((root / small.GA).read_bytes())
    paragraph = next(p for p in docx.paragraphs() if "Inzet van bodem." in "".join(p.itertext()))
    docx.reword(paragraph, "Inzet van", "Inzet voor", False)
    (root / small.GA).write_bytes(docx.bytes())
    return root / small.GA


def replant(root: Path, change: object) -> None:
    """Rewrite the build's manifest through ``change`` (a function of its data)."""
    path = root / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


def retarget(named: str) -> object:
    def change(data: dict) -> None:
        for bron in data["bronnen"].values():
            for spec in [*bron["fields"], *bron["notes"].values()]:
                if spec["file"] == BODEM:
                    spec["file"] = named
        for punt in data["punten"]:
            if punt.get("bestand") == BODEM:
                punt["bestand"] = named

    return change


def test_absorb_refuses_a_manifest_naming_a_file_outside(root: Path, outside: Path) -> None:
    document = reworded(root)
    outside.write_bytes((root / BODEM).read_bytes())
    before = outside.read_bytes()
    manifest = (root / MANIFEST).read_bytes()
    for named in named_outside(root, outside):
        replant(root, retarget(named))
        result = briefgen(root, "absorb", str(document))
        assert result.exit_code == 1, (named, result.output)
        assert result.stderr.startswith(f"{MANIFEST}: names '{named}'"), result.stderr
        assert outside.read_bytes() == before
        (root / MANIFEST).write_bytes(manifest)
    assert briefgen(root, "absorb", str(document)).exit_code == 0
    assert "Inzet voor bodem." in (root / BODEM).read_text(encoding="utf-8")


def test_absorb_refuses_a_manifest_whose_agenda_climbs_out(root: Path) -> None:
    document = reworded(root)
    replant(root, lambda data: data.update(agenda="../../other/agenda"))
    result = briefgen(root, "absorb", str(document))
    assert result.exit_code == 1
    assert result.stderr == f"{MANIFEST}: damaged build ('agenda' is not an agenda id): render again\n"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: [bron.update(fields={}) for bron in data["bronnen"].values()],
        lambda data: [bron["fields"][0].update(paragraph="1") for bron in data["bronnen"].values()],
        lambda data: [bron["fields"][0].update(paragraph=10**6) for bron in data["bronnen"].values()],
        lambda data: [bron["fields"][0].update(count=-3) for bron in data["bronnen"].values()],
        lambda data: data.update(punten=None),
    ],
    ids=["fields-not-a-list", "paragraph-not-a-count", "past-the-end", "negative-count", "punten-not-a-list"],
)
def test_absorb_calls_a_damaged_manifest_a_damaged_build(root: Path, damage: object) -> None:
    document = reworded(root)
    replant(root, damage)
    result = briefgen(root, "absorb", str(document))
    assert result.exit_code == 1, result.output
    assert ": damaged build" in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith((f"{MANIFEST}: ", f"{small.GA}: "))
    assert result.stderr.endswith(": render again\n")


def test_a_manifest_that_is_not_json_is_a_damaged_build_for_status(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    (root / MANIFEST).write_bytes(b"{\x00")
    result = briefgen(root, "status", small.AGENDA)
    assert result.exit_code == 1
    assert result.stderr == f"{MANIFEST}: damaged build: render again\n"
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    assert briefgen(root, "status", small.AGENDA).exit_code == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_manifest_owned_by_someone_else_is_refused(root: Path) -> None:
    document = reworded(root)
    os.chown(root / MANIFEST, 65534, -1)
    result = briefgen(root, "absorb", str(document))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{MANIFEST}: this manifest is owned by")


def test_import_and_absorb_journals_naming_a_file_outside_are_refused(root: Path, outside: Path) -> None:
    document = reworded(root)
    agenda = (root / small.AGENDA).read_bytes()
    for command, args in (("absorb", [str(document)]), ("import", [str(document), "--raad", small.ID])):
        name = f"agendas/.{small.ID}.briefgen-{command}.json"
        plant_journal(root, name, [entry(small.AGENDA, agenda, "0" * 64), entry(str(outside))])
        result = briefgen(root, command, *args)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"{name}:1:1: names '{outside}'"), result.stderr
        assert outside.read_text(encoding="utf-8") == "# not yours\n"
        assert (root / small.AGENDA).read_bytes() == agenda
        (root / name).unlink()


def test_absorb_refuses_a_kept_manifest_naming_a_file_outside(
    root: Path, outside: Path, tmp_path: Path
) -> None:
    """A document saved away from its build is read against the manifest kept by its build id;
    that one is checked like the manifest beside a build."""
    import gzip

    document = reworded(root)
    away = tmp_path / "antwoord.docx"
    away.write_bytes(document.read_bytes())
    kept = sorted((root / "build" / ".manifests" / small.ID).glob("*.json.gz"))
    assert kept
    for path in kept:
        data = json.loads(gzip.decompress(path.read_bytes()))
        retarget(str(outside))(data)
        path.write_bytes(gzip.compress(json.dumps(data).encode("utf-8")))
    (root / MANIFEST).unlink()
    before = outside.read_bytes()
    result = briefgen(root, "absorb", str(away))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"build/.manifests/{small.ID}/"), result.stderr
    assert f"names '{outside}'" in result.stderr
    assert outside.read_bytes() == before

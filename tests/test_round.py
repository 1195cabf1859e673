"""The round: a GA sent to colleagues, their answers saved wherever their mail put them,
absorbed one by one or together, with renders in between: no colleague's edit is lost."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

import small
from briefgen.output import history
from docxedit import Docx, q
from docxread import reading
from helpers import briefgen, copy_example, edit
from unoedit import Answer, edit_in_libreoffice, edit_in_xml, needs_uno, two_paragraph_inzet

BODEM = "positions/bodem.yaml"
WATER = "positions/water.yaml"
ARCHIVE = small.OUT.parent / ".manifests" / small.ID


def _rendered(root: Path, second_paragraph: bool = False) -> Path:
    """A small project with dossiers bodem and water, rendered; bodem's inzet in two
    paragraphs with ``second_paragraph``."""
    small.project(root, 2)
    if second_paragraph:
        two_paragraph_inzet(root)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    return root / small.GA


def _bump(root: Path, number: int) -> None:
    """Change bodem's krachtenveld (shown in the GA) to a new text, numbered."""
    path = root / BODEM
    path.write_text(
        re.sub(r"Krachtenveld( \d+)? van", f"Krachtenveld {number} van", path.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


def _yaml(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob("*/*.yaml"))}


def _build_property(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    return custom.split("<vt:lpwstr>")[1].split("</vt:lpwstr>")[0]


def test_every_document_carries_the_id_its_build_records(tmp_path: Path) -> None:
    ga = _rendered(tmp_path)
    manifest = json.loads((ga.parent / "manifest.json").read_text(encoding="utf-8"))
    assert _build_property(ga) == manifest["ids"]["geannoteerde-agenda.docx"]
    assert len(manifest["build"]) == 16


def test_a_document_whose_content_did_not_change_keeps_its_id_and_bytes(tmp_path: Path) -> None:
    small.project(tmp_path, 2, nota=True)
    assert briefgen(tmp_path, "render", small.AGENDA).exit_code == 0
    nota = tmp_path / small.OUT / "nota.docx"
    before, ga_id = nota.read_bytes(), _build_property(tmp_path / small.GA)
    (tmp_path / BODEM).write_text(
        (tmp_path / BODEM).read_text(encoding="utf-8").replace("Inzet van bodem", "Nieuwe inzet van bodem"),
        encoding="utf-8",
    )
    result = briefgen(tmp_path, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert "nota.docx (unchanged)" in result.output
    assert nota.read_bytes() == before
    assert _build_property(tmp_path / small.GA) != ga_id


def test_the_lost_update_two_colleagues_absorbed_with_a_render_between(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    assert briefgen(root, "send", small.AGENDA).exit_code == 0
    mail = tmp_path / "Downloads"
    jan = edit_in_xml(
        ga, mail / "GA Milieuraad (Jan).docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")]
    )
    piet = edit_in_xml(
        ga, mail / "GA Milieuraad (Piet).docx", "Piet", [("Inzet van water", "Heldere inzet van water")]
    )
    first = briefgen(root, "absorb", str(jan))
    assert first.exit_code == 0, first.output
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    second = briefgen(root, "absorb", str(piet))
    assert second.exit_code == 0, second.output
    assert "Betere inzet van bodem." in (root / BODEM).read_text(encoding="utf-8")
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")
    assert "changed 1 value(s) in 1 file(s): positions/water.yaml" in second.output


@needs_uno
def test_the_lost_update_with_answers_saved_by_libreoffice(tmp_path: Path) -> None:
    """Jan tracks his change, Piet edits plainly; both save as Word 2007 XML in LibreOffice."""
    root = tmp_path / "project"
    ga = _rendered(root, second_paragraph=True)
    mail = tmp_path / "Downloads"
    jan, piet, water = edit_in_libreoffice(
        Answer(ga, mail / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")]),
        Answer(ga, mail / "piet.docx", "Piet", [("Tweede alinea", "Scherpe tweede alinea")], tracked=False),
        Answer(ga, mail / "anna.docx", "Anna", [("Inzet van water", "Heldere inzet van water")]),
    )
    first = briefgen(root, "absorb", str(jan))
    assert first.exit_code == 0, first.output
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    rest = briefgen(root, "absorb", str(piet), str(water))
    assert rest.exit_code == 0, rest.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "Betere inzet van bodem." in text and "Scherpe tweede alinea." in text
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


@needs_uno
def test_libreoffice_answers_that_disagree_name_their_authors(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    jan, piet = edit_in_libreoffice(
        Answer(ga, tmp_path / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")]),
        Answer(ga, tmp_path / "piet.docx", "Piet", [("Inzet van bodem", "Heldere inzet van bodem")], False),
    )
    before = _yaml(root)
    result = briefgen(root, "absorb", str(jan), str(piet))
    assert result.exit_code == 1
    assert "by Jan (jan.docx) and Piet (piet.docx)" in result.output
    assert _yaml(root) == before


@pytest.mark.parametrize("order", [("jan", "piet"), ("piet", "jan")])
def test_answers_absorbed_together_merge_in_any_order(tmp_path: Path, order: tuple[str, str]) -> None:
    root = tmp_path / "project"
    ga = _rendered(root, second_paragraph=True)
    answers = {
        "jan": edit_in_xml(
            ga, tmp_path / "mail" / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")]
        ),
        "piet": edit_in_xml(
            ga, tmp_path / "mail" / "piet.docx", "Piet", [("Tweede alinea", "Scherpe tweede alinea")], False
        ),
    }
    result = briefgen(root, "absorb", *(str(answers[name]) for name in order))
    assert result.exit_code == 0, result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "Betere inzet van bodem." in text and "Scherpe tweede alinea." in text


def test_a_folder_of_answers_is_absorbed_whole(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    edit_in_xml(ga, tmp_path / "terug" / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")])
    edit_in_xml(
        ga, tmp_path / "terug" / "piet.docx", "Piet", [("Inzet van water", "Heldere inzet van water")]
    )
    (tmp_path / "terug" / "~$jan.docx").write_bytes(b"Word's lock file")
    result = briefgen(root, "absorb", str(tmp_path / "terug"))
    assert result.exit_code == 0, result.output
    assert "changed 2 value(s) in 2 file(s)" in result.output


def _disagreeing(root: Path, mail: Path) -> tuple[Path, Path, Path]:
    """The rendered GA, and Jan's and Piet's answers, each with its own new text for bodem's inzet."""
    ga = _rendered(root)
    jan = edit_in_xml(ga, mail / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")])
    piet = edit_in_xml(ga, mail / "piet.docx", "Piet", [("Inzet van bodem", "Heldere inzet van bodem")])
    return ga, jan, piet


def test_one_paragraph_changed_differently_by_two_colleagues_is_a_conflict_naming_both(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    ga, jan, piet = _disagreeing(root, tmp_path / "mail")
    water = edit_in_xml(
        ga, tmp_path / "mail" / "anna.docx", "Anna", [("Inzet van water", "Heldere inzet van water")]
    )
    before = _yaml(root)
    result = briefgen(root, "absorb", str(jan), str(piet), str(water))
    assert result.exit_code == 1
    assert (
        "standpunten[0].inzet was changed differently in the same paragraph by Jan (jan.docx) and Piet (piet.docx)"
        in result.output
    )
    assert "Betere inzet van bodem." in result.output and "Heldere inzet van bodem." in result.output
    assert (root / BODEM).read_bytes() == before[BODEM]
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


def test_a_sent_round_answered_after_the_drafter_changed_the_same_paragraph_is_a_conflict(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    ga, jan, piet = _disagreeing(root, tmp_path / "mail")
    first = briefgen(root, "absorb", str(jan))
    assert first.exit_code == 0, first.output
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    before = _yaml(root)
    result = briefgen(root, "absorb", str(piet))
    assert result.exit_code == 1
    assert (
        "changed both in the file since the build (absorbed from Jan (jan.docx)) "
        "and in the document (Piet (piet.docx))" in result.output
    )
    assert _yaml(root) == before


class _Clock:
    """A clock for history.record that a test moves on by days."""

    def __init__(self) -> None:
        self.time = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.time

    def later(self, days: float) -> None:
        self.time += timedelta(days=days)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    clock = _Clock()
    monkeypatch.setattr(history, "now", clock)
    return clock


def _kept(root: Path) -> list[str]:
    return sorted(p.name.removesuffix(".json.gz") for p in (root / ARCHIVE).glob("*.json.gz"))


def test_the_archive_keeps_the_last_builds_and_every_sent_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: _Clock
) -> None:
    monkeypatch.setattr(history, "KEEP", 2)
    ga = _rendered(tmp_path)
    first = json.loads((ga.parent / "manifest.json").read_text(encoding="utf-8"))["build"]
    assert briefgen(tmp_path, "send", small.AGENDA).exit_code == 0
    for number in range(3):
        clock.later(40)
        _bump(tmp_path, number)
        assert briefgen(tmp_path, "render", small.AGENDA).exit_code == 0
    kept = sorted(p.name.removesuffix(".json.gz") for p in (tmp_path / ARCHIVE).glob("*.json.gz"))
    index = json.loads((tmp_path / ARCHIVE / "index.json").read_text(encoding="utf-8"))
    assert len(kept) == 3 and first in kept
    assert sorted(index["builds"]) == kept and index["sent"] == [first]
    stored = json.loads(gzip.decompress((tmp_path / ARCHIVE / f"{first}.json.gz").read_bytes()))
    assert stored["build"] == first


def test_the_archive_keeps_every_build_of_the_last_thirty_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: _Clock
) -> None:
    monkeypatch.setattr(history, "KEEP", 1)
    ga = _rendered(tmp_path)
    first = json.loads((ga.parent / "manifest.json").read_text(encoding="utf-8"))["build"]
    for number in range(3):
        clock.later(1)
        _bump(tmp_path, number)
        assert briefgen(tmp_path, "render", small.AGENDA).exit_code == 0
    assert first in _kept(tmp_path) and len(_kept(tmp_path)) == 4


def test_the_archive_prunes_unsent_builds_older_than_thirty_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: _Clock
) -> None:
    monkeypatch.setattr(history, "KEEP", 1)
    ga = _rendered(tmp_path)
    first = json.loads((ga.parent / "manifest.json").read_text(encoding="utf-8"))["build"]
    clock.later(31)
    _bump(tmp_path, 1)
    assert briefgen(tmp_path, "render", small.AGENDA).exit_code == 0
    last = json.loads((ga.parent / "manifest.json").read_text(encoding="utf-8"))["build"]
    assert _kept(tmp_path) == [last] and first != last


def test_absorb_finds_a_sent_build_after_many_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "KEEP", 1)
    root = tmp_path / "project"
    ga = _rendered(root)
    assert briefgen(root, "send", small.AGENDA).exit_code == 0
    jan = edit_in_xml(
        ga, tmp_path / "mail" / "jan.docx", "Jan", [("Inzet van water", "Heldere inzet van water")]
    )
    for number in range(2):
        _bump(root, number)
        assert briefgen(root, "render", small.AGENDA).exit_code == 0
    shutil.rmtree(root / small.OUT)
    result = briefgen(root, "absorb", str(jan))
    assert result.exit_code == 0, result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


def _sent_then_edited(root: Path) -> str:
    """Render, send, then change bodem's inzet and water's inzet, rendering after each; the sent build's id."""
    _rendered(root)
    result = briefgen(root, "send", small.AGENDA)
    assert result.exit_code == 0, result.output
    sent = json.loads((root / small.OUT / "manifest.json").read_text(encoding="utf-8"))["build"]
    assert f"marked build {sent} of {small.ID} as sent" in result.output
    edit(root, BODEM, "Inzet van bodem", "Betere inzet van bodem")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    edit(root, WATER, "Inzet van water", "Heldere inzet van water")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    return sent


def test_the_wijzigingen_document_shows_every_change_since_the_sent_build(tmp_path: Path) -> None:
    _sent_then_edited(tmp_path)
    update = tmp_path / small.OUT / "geannoteerde-agenda.wijzigingen.docx"
    old, new = reading(update, "old")["paragraphs"], reading(update, "current")["paragraphs"]
    assert "Inzet van bodem." in old and "Inzet van water." in old
    assert "Betere inzet van bodem." in new and "Heldere inzet van water." in new


def test_status_says_what_changed_since_the_sent_build(tmp_path: Path) -> None:
    sent = _sent_then_edited(tmp_path)
    result = briefgen(tmp_path, "status", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert f"since sent build {sent}: bodem: inzet changed; water: inzet changed" in result.output


def test_send_refuses_a_build_older_than_the_data(tmp_path: Path) -> None:
    _rendered(tmp_path)
    edit(tmp_path, BODEM, "Inzet van bodem", "Betere inzet van bodem")
    result = briefgen(tmp_path, "send", small.AGENDA)
    assert result.exit_code == 1
    assert "the build here is older than the data" in result.stderr
    assert json.loads((tmp_path / ARCHIVE / "index.json").read_text(encoding="utf-8"))["sent"] == []


def test_send_refuses_the_build_folder_of_another_agenda(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    assert briefgen(root, "render", "agendas/milieuraad-2026-03-17.yaml").exit_code == 0
    result = briefgen(
        root, "send", "agendas/ecofinraad-2026-03-10.yaml", "-o", str(root / "build/milieuraad-2026-03-17")
    )
    assert result.exit_code == 1
    assert "the build here is of milieuraad-2026-03-17, not of ecofinraad-2026-03-10" in result.stderr
    assert json.loads((root / "build/.manifests/milieuraad-2026-03-17/index.json").read_text())["sent"] == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_send_tags_the_commit_in_a_git_repository(tmp_path: Path) -> None:
    _rendered(tmp_path)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "agendas", "positions"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True)
    result = briefgen(tmp_path, "send", small.AGENDA)
    assert result.exit_code == 0, result.output
    build = json.loads((tmp_path / small.OUT / "manifest.json").read_text(encoding="utf-8"))["build"]
    tags = subprocess.run([*git, "tag"], capture_output=True, text=True, check=True).stdout.split()
    assert tags == [f"sent/{small.ID}/{build}"]
    again = briefgen(tmp_path, "send", small.AGENDA)
    assert again.exit_code == 0, again.output
    assert f"build {build} of {small.ID} was already the last one sent" in again.output
    assert f"tag sent/{small.ID}/{build} is already there" in again.output


def test_send_outside_a_git_repository_marks_the_build_all_the_same(tmp_path: Path) -> None:
    _rendered(tmp_path)
    result = briefgen(tmp_path, "send", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert "no git tag: the project is not a git repository with a commit" in result.output
    assert json.loads((tmp_path / ARCHIVE / "index.json").read_text(encoding="utf-8"))["sent"]


def test_the_conflict_report_shows_each_version_as_a_tracked_change_by_its_author(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _, jan, piet = _disagreeing(root, tmp_path / "mail")
    target = tmp_path / "conflicten.docx"
    result = briefgen(root, "absorb", str(jan), str(piet), "--report", str(target))
    assert result.exit_code == 1
    assert f"wrote {target}: 1 conflict(s)" in result.output
    with zipfile.ZipFile(target) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    inserted = {
        (change.get(q("author")), "".join(t.text or "" for t in change.iter(q("t"))))
        for change in body.iter(q("ins"))
    }
    assert inserted == {("Jan", "Betere inzet "), ("Piet", "Heldere inzet ")}
    texts = reading(target, "old")["paragraphs"]
    assert "positions/bodem.yaml: standpunten[0].inzet" in texts
    assert texts.count("Inzet van bodem.[^gedeeld]") == 2


def test_three_colleagues_changing_one_paragraph_are_all_named(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga, jan, piet = _disagreeing(root, tmp_path / "mail")
    anna = edit_in_xml(
        ga, tmp_path / "mail" / "anna.docx", "Anna", [("Inzet van bodem", "Andere inzet van bodem")]
    )
    result = briefgen(root, "absorb", str(jan), str(piet), str(anna))
    assert result.exit_code == 1
    assert "by Jan (jan.docx), Piet (piet.docx) and Anna (anna.docx); left as it is." in result.output
    assert "Andere inzet van bodem." in result.output


@pytest.mark.parametrize("order", [("jan", "piet", "anna"), ("jan", "anna", "piet"), ("anna", "jan", "piet")])
def test_a_third_answer_editing_another_paragraph_is_taken_and_not_named(
    tmp_path: Path, order: tuple[str, str, str]
) -> None:
    root = tmp_path / "project"
    ga = _rendered(root, second_paragraph=True)
    mail = tmp_path / "mail"
    answers = {
        "jan": edit_in_xml(ga, mail / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")]),
        "piet": edit_in_xml(ga, mail / "piet.docx", "Piet", [("Inzet van bodem", "Heldere inzet van bodem")]),
        "anna": edit_in_xml(ga, mail / "anna.docx", "Anna", [("Tweede alinea", "Scherpe tweede alinea")]),
    }
    result = briefgen(root, "absorb", *(str(answers[name]) for name in order))
    assert result.exit_code == 1
    first, second = [name for name in order if name != "anna"]
    named = {"jan": "Jan (jan.docx)", "piet": "Piet (piet.docx)"}
    assert f"in the same paragraph by {named[first]} and {named[second]};" in result.output
    assert "left as it is but for the edits of Anna (anna.docx), taken." in result.output
    assert "Anna (anna.docx) and" not in result.output and "anna.docx):" not in result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "Scherpe tweede alinea." in text and "Inzet van bodem.[^gedeeld]" in text


def test_a_third_answer_adding_a_paragraph_after_the_disputed_one_is_taken(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga, jan, piet = _disagreeing(root, tmp_path / "mail")
    docx = Docx.read(ga.read_bytes())
    docx.insert_after(
        docx.starting("Inzet van bodem"), "Een nieuwe alinea van Anna.", tracked=False, like=True
    )
    anna = tmp_path / "mail" / "anna.docx"
    anna.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(jan), str(anna), str(piet))
    assert result.exit_code == 1
    assert "by Jan (jan.docx) and Piet (piet.docx); left as it is but for the edits of" in result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "Inzet van bodem.[^gedeeld]" in text and "Een nieuwe alinea van Anna." in text


def test_an_answer_under_any_name_is_known_by_the_id_it_carries(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project", 2, nota=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    nota = root / small.OUT / "nota.docx"
    answer = edit_in_xml(
        nota, tmp_path / "Reactie DGMI.docx", "Jan", [("Kern van bodem", "Scherpe kern van bodem")]
    )
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert "Scherpe kern van bodem." in (root / BODEM).read_text(encoding="utf-8")


def _with_note(ga: Path, target: Path, start: str, note: str) -> Path:
    docx = Docx.read(ga.read_bytes())
    paragraph = next(
        p for p in docx.paragraphs() if "".join(t.text or "" for t in p.iter(q("t"))).startswith(start)
    )
    docx.add_note(paragraph, note, False)
    target.write_bytes(docx.bytes())
    return target


def test_two_answers_adding_footnotes_that_would_share_a_key_keep_both(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    march = _with_note(ga, tmp_path / "a.docx", "Inzet van bodem", "Zie het rapport van maart.")
    april = _with_note(ga, tmp_path / "b.docx", "Krachtenveld van bodem", "Zie het rapport van april.")
    result = briefgen(root, "absorb", str(march), str(april))
    assert result.exit_code == 0, result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "zie-het-rapport-van: Zie het rapport van maart." in text
    assert "zie-het-rapport-van-2: Zie het rapport van april." in text
    assert "Inzet van bodem.[^gedeeld][^zie-het-rapport-van]" in text
    assert "Krachtenveld van bodem.[^zie-het-rapport-van-2]" in text


def test_an_answer_absorbs_after_the_agendas_date_moved(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    jan = edit_in_xml(ga, tmp_path / "jan.docx", "Jan", [("Inzet van bodem", "Betere inzet van bodem")])
    edit(root, small.AGENDA, "datum: 2030-03-12", "datum: 2030-03-13")
    result = briefgen(root, "absorb", str(jan))
    assert result.exit_code == 0, result.output
    assert "Betere inzet van bodem." in (root / BODEM).read_text(encoding="utf-8")


def test_a_document_without_a_build_id_is_read_against_the_build_in_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    docx = Docx.read(ga.read_bytes())
    custom = docx.parts["docProps/custom.xml"].decode("utf-8")
    docx.parts["docProps/custom.xml"] = custom.replace("briefgen-build", "iets-anders").encode("utf-8")
    paragraph = next(
        p for p in docx.paragraphs() if "Inzet van water" in "".join(t.text or "" for t in p.iter(q("t")))
    )
    docx.reword(paragraph, "Inzet van water", "Heldere inzet van water", False)
    beside = root / small.OUT / "geannoteerde-agenda (oud).docx"
    beside.write_bytes(docx.bytes())
    elsewhere = tmp_path / "geannoteerde-agenda (oud).docx"
    elsewhere.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(beside))
    assert result.exit_code == 0, result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


def _without_id(ga: Path, target: Path, old: str, new: str) -> Path:
    """``ga`` as a colleague returns it after copying its text into a new document: no
    build id, one edit."""
    docx = Docx.read(ga.read_bytes())
    custom = docx.parts["docProps/custom.xml"].decode("utf-8")
    docx.parts["docProps/custom.xml"] = custom.replace("briefgen-build", "iets-anders").encode("utf-8")
    paragraph = next(p for p in docx.paragraphs() if old in "".join(t.text or "" for t in p.iter(q("t"))))
    docx.reword(paragraph, old, new, False)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(docx.bytes())
    return target


def test_a_document_without_a_build_id_elsewhere_is_read_against_the_sent_build_it_matches(
    tmp_path: Path,
) -> None:
    """Saved from the mail, its id lost: found by its text among the kept builds, and merged
    against the sent build, so a render since (with another colleague's edit) loses nothing."""
    root = tmp_path / "project"
    ga = _rendered(root)
    assert briefgen(root, "send", small.AGENDA).exit_code == 0
    answer = _without_id(ga, tmp_path / "Downloads" / "ga.docx", "Inzet van water", "Heldere inzet van water")
    _bump(root, 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")
    assert "Krachtenveld 2 van" in (root / BODEM).read_text(encoding="utf-8")


def test_a_document_without_a_build_id_that_matches_no_kept_build_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    answer = _without_id(ga, tmp_path / "Downloads" / "ga.docx", "Inzet van water", "Heldere inzet van water")
    shutil.rmtree(root / ARCHIVE)
    before = _yaml(root)
    refused = briefgen(root, "absorb", str(answer))
    assert refused.exit_code == 1
    assert "does not say which build it came from" in refused.output
    assert _yaml(root) == before


def test_an_answer_is_found_when_the_index_of_kept_builds_is_lost(tmp_path: Path) -> None:
    root = tmp_path / "project"
    ga = _rendered(root)
    jan = edit_in_xml(ga, tmp_path / "jan.docx", "Jan", [("Inzet van water", "Heldere inzet van water")])
    _bump(root, 1)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    (root / ARCHIVE / "index.json").write_text("kapot", encoding="utf-8")
    result = briefgen(root, "absorb", str(jan))
    assert result.exit_code == 0, result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


def test_answers_to_a_build_rendered_elsewhere_are_found_in_the_project(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project", 2)
    out = tmp_path / "verzonden"
    assert briefgen(root, "render", small.AGENDA, "-o", str(out)).exit_code == 0
    jan = edit_in_xml(
        out / "geannoteerde-agenda.docx",
        tmp_path / "jan.docx",
        "Jan",
        [("Inzet van water", "Heldere inzet van water")],
    )
    result = briefgen(root, "absorb", str(jan))
    assert result.exit_code == 0, result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")


def test_a_conflict_names_who_changed_that_paragraph_in_a_shared_answer(tmp_path: Path) -> None:
    """Jan and Kees both tracked edits in one answer; only Jan's paragraph is disputed."""
    root = tmp_path / "project"
    ga, _, piet = _disagreeing(root, tmp_path / "mail")
    docx = Docx.read(ga.read_bytes())
    for start, new, author in (
        ("Inzet van bodem", "Betere inzet van bodem", "Jan"),
        ("Inzet van water", "Heldere inzet van water", "Kees"),
    ):
        paragraph = next(
            p for p in docx.paragraphs() if "".join(t.text or "" for t in p.iter(q("t"))).startswith(start)
        )
        docx.reword(paragraph, start, new, True)
        for change in paragraph.iter(q("ins"), q("del")):
            change.set(q("author"), author)
    team = tmp_path / "team.docx"
    team.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(team), str(piet))
    assert result.exit_code == 1
    assert "in the same paragraph by Jan (team.docx) and Piet (piet.docx)" in result.output
    assert "Heldere inzet van water." in (root / WATER).read_text(encoding="utf-8")

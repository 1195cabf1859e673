"""briefgen diff: text, JSON and Word with tracked changes that accept and reject exactly."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import small
from briefgen.changes.sections import Version, compare
from briefgen.document import markdown
from briefgen.document.blocks import Document, Revision
from briefgen.word.reference import Reference
from briefgen.word.writer import Properties, write_docx
from docxread import Docx, Para, read, reading
from helpers import REPO, briefgen, copy_example, edit

MARCH, JUNE = "milieuraad-2026-03-17", "milieuraad-2026-06-16"


def co2_diff(project: Path, *args: str):  # noqa: ANN201
    return briefgen(project, "diff", "co2-normen", "--from", MARCH, "--to", JUNE, *args)


def test_text_marks_insertions_and_deletions(project: Path) -> None:
    out = co2_diff(project).stdout
    assert "== Krachtenveld" in out
    assert "[- Enkele lidstaten hebben zich juist tegen dergelijke maatregelen uitgesproken." in out
    assert (
        "{+ Een kleine meerderheid van de lidstaten lijkt een algemene oriëntatie te kunnen steunen.+}" in out
    )
    assert "\x1b[" not in out


def test_text_moves_around_a_footnote_both_versions_keep(project: Path) -> None:
    out = co2_diff(project).stdout
    assert "als belangrijk uitgangspunt.+}[^technologie-neutraliteit][- een belangrijk uitgangspunt.-]" in out


def test_json_rebuilds_both_texts(project: Path) -> None:
    data = json.loads(co2_diff(project, "--format", "json").stdout)
    assert (data["dossier"], data["from"], data["to"]) == ("co2-normen", MARCH, JUNE)
    names = [s["name"] for s in data["sections"]]
    assert names == ["introductie", "inzet", "kern", "krachtenveld", "voetnoten"]
    inzet = data["sections"][1]["changes"]
    assert {c["op"] for c in inzet} <= {"equal", "insert", "delete", "replace"}
    new = "".join(c["new"] for c in inzet)
    old = "".join(c["old"] for c in inzet)
    assert old.endswith("betaalbaar is en blijft voor burgers.")
    assert new.endswith("aantoonbare emissiereductie elders in de keten leidt.")


def test_unknown_dossier_names_the_known_ones(project: Path) -> None:
    result = briefgen(project, "diff", "co2", "--from", MARCH, "--to", JUNE)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "unknown dossier 'co2'; known: "
        + ", ".join(
            sorted(p.stem for p in (project / "positions").glob("*.yaml") if not p.name.startswith("_"))
        )
    )


def test_unknown_council_names_the_dossiers_councils(project: Path) -> None:
    result = briefgen(project, "diff", "co2-normen", "--from", "milieuraad-2025-01-01", "--to", JUNE)
    assert result.exit_code == 1
    assert f"has no position for 'milieuraad-2025-01-01'; it has: {MARCH}, {JUNE}" in result.stderr


@pytest.fixture(scope="module")
def diff_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The co2-normen diff as Word, and the June GA rendered beside it."""
    root = tmp_path_factory.mktemp("diff")
    copy_example(root)
    assert co2_diff(root, "--format", "docx", "-o", str(root / "diff.docx")).exit_code == 0
    for agenda in (MARCH, JUNE):
        assert briefgen(root, "render", f"agendas/{agenda}.yaml").exit_code == 0
    return root, root / "diff.docx"


def co2_item(root: Path, agenda: str) -> tuple[Docx, list[Para]]:
    """A rendered GA and the paragraphs of its co2-normen item, heading included."""
    document = read(root / "build" / agenda / "geannoteerde-agenda.docx")
    paragraphs = document.paragraphs
    start = next(
        i for i, p in enumerate(paragraphs) if p.style == "Heading1" and "CO2-emissienormen" in p.text
    )
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.style == "Heading1")
    return document, paragraphs[start:end]


def ga_item(root: Path, agenda: str) -> list[str]:
    """The co2-normen paragraphs of a rendered GA, without headings."""
    _, item = co2_item(root, agenda)
    return [p.text for p in item[1:] if p.style != "Heading2"]


def diff_reading(path: Path, mode: str) -> list[str]:
    """Introductie, Inzet and Krachtenveld of the diff, accepted or rejected, by the independent reader."""
    result = reading(path, mode)
    paragraphs = [(s, p) for s, p in zip(result["styles"], result["paragraphs"], strict=True) if p]
    out, keep = [], False
    for style, text in paragraphs:
        if style == "Heading1":
            keep = text in ("Introductie", "Inzet Nederland", "Krachtenveld")
        elif keep:
            out.append(text)
    return out


def test_accept_all_gives_the_newer_ga_text(diff_docx: tuple[Path, Path]) -> None:
    root, path = diff_docx
    assert diff_reading(path, "current") == ga_item(root, JUNE)


def test_reject_all_gives_the_older_ga_text(diff_docx: tuple[Path, Path]) -> None:
    root, path = diff_docx
    assert diff_reading(path, "old") == ga_item(root, MARCH)


def ga_item_notes(root: Path, agenda: str) -> list[str]:
    """The co2-normen footnotes of a rendered GA, in order."""
    document, item = co2_item(root, agenda)
    return [" ".join(document.notes[n].split()) for p in item for n in p.note_ids]


@pytest.mark.parametrize(("mode", "agenda"), [("current", JUNE), ("old", MARCH)])
def test_each_reading_has_that_councils_footnotes(
    diff_docx: tuple[Path, Path], mode: str, agenda: str
) -> None:
    root, path = diff_docx
    assert reading(path, mode)["footnotes"] == ga_item_notes(root, agenda)


def test_revisions_carry_author_and_the_councils_date(diff_docx: tuple[Path, Path]) -> None:
    xml = zipfile.ZipFile(diff_docx[1]).read("word/document.xml").decode()
    assert '<w:ins w:id="' in xml and "<w:delText" in xml
    assert 'w:author="briefgen" w:date="2026-06-16T00:00:00Z"' in xml


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_keeps_the_tracked_changes(diff_docx: tuple[Path, Path], tmp_path: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path / "out"), str(diff_docx[1])],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    xml = zipfile.ZipFile(tmp_path / "out" / "diff.docx").read("word/document.xml").decode()
    assert "<w:ins " in xml and "<w:del " in xml


def test_agendas_compare_shared_dossiers_and_list_the_rest(project: Path) -> None:
    result = briefgen(
        project,
        "diff",
        "--agenda",
        f"agendas/{MARCH}.yaml",
        "--against",
        f"agendas/{JUNE}.yaml",
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert [d["dossier"] for d in data["dossiers"]] == ["co2-normen", "bio-economie-strategie"]
    assert data["dropped"] == ["decarbonisatie-post-2030", "milieudiplomatie", "ipbes-12"]
    assert data["added"] == []


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_since_compares_with_a_git_revision(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "sent")
    edit(root, "positions/bodem.yaml", "Krachtenveld van bodem.", "Krachtenveld over bodem.")
    result = briefgen(root, "diff", "bodem", "--since", "HEAD")
    assert result.exit_code == 0, result.output
    assert "[-van-]{+over+}" in result.stdout


def test_since_outside_git_is_a_clear_error(project: Path) -> None:
    result = briefgen(project, "diff", "co2-normen", "--since", "HEAD")
    assert result.exit_code == 1
    assert "not inside one" in result.stderr or "unknown git revision" in result.stderr


def test_since_unknown_revision_is_a_clear_error(project: Path) -> None:
    git(project, "init", "-q")
    result = briefgen(project, "diff", "co2-normen", "--since", "nosuchrev")
    assert result.exit_code == 1
    assert "unknown git revision 'nosuchrev'" in result.stderr


WORDS = st.sampled_from(
    "de het kabinet Raad steunt niet wel voorstel lidstaten. Commissie, 2026 €5 “quote” EU-acties".split()
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)
TEXT = st.lists(PARAGRAPH, min_size=1, max_size=4)


def diff_readings(folder: Path, old: str, new: str) -> dict[str, dict]:
    """Two Markdown texts compared as one section, written with tracked changes, read accepted and rejected."""
    versions = [Version.of(raad, {"inzet": markdown.parse(text)}) for raad, text in (("a", old), ("b", new))]
    diff = compare(*versions)
    document = Document(
        list(diff.sections[0].paragraphs), diff.notes, revision=Revision("briefgen", "2026-01-01T00:00:00Z")
    )
    path = folder / "d.docx"
    path.write_bytes(write_docx(document, REFERENCE, Properties("X", dt.datetime(2026, 1, 1))))
    return {mode: reading(path, mode) for mode in ("current", "old")}


REFERENCE = Reference(REPO / "templates" / "reference.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=TEXT, new=TEXT)
def test_accept_and_reject_reproduce_both_texts(
    tmp_path_factory: pytest.TempPathFactory, old: list[str], new: list[str]
) -> None:
    readings = diff_readings(tmp_path_factory.mktemp("prop"), "\n\n".join(old), "\n\n".join(new))
    for mode, expected in (("current", new), ("old", old)):
        assert [p for p in readings[mode]["paragraphs"] if p] == expected


NOTES = {"a": "Noot over de eerste bron.", "b": "Kamerstukken II, 2025-2026, 22 112, nr. 1."}


def with_notes(words: list[str], places: list[int]) -> str:
    """One paragraph of ``words`` with [^a] and [^b] after the words at ``places``, in that order."""
    out = list(words)
    for key, place in zip("ab", sorted(min(p, len(words) - 1) for p in places), strict=True):
        out[place] += f"[^{key}]"
    return " ".join(out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=st.lists(WORDS, min_size=2, max_size=25),
    new=st.lists(WORDS, min_size=2, max_size=25),
    old_places=st.lists(st.integers(0, 30), min_size=2, max_size=2),
    new_places=st.lists(st.integers(0, 30), min_size=2, max_size=2),
)
def test_footnotes_both_versions_share_stay_single(
    tmp_path_factory: pytest.TempPathFactory,
    old: list[str],
    new: list[str],
    old_places: list[int],
    new_places: list[int],
) -> None:
    definitions = "\n\n".join(f"[^{k}]: {v}" for k, v in NOTES.items())
    texts = (with_notes(old, old_places), with_notes(new, new_places))
    readings = diff_readings(
        tmp_path_factory.mktemp("notes"), texts[0] + "\n\n" + definitions, texts[1] + "\n\n" + definitions
    )
    for mode, expected in (("current", texts[1]), ("old", texts[0])):
        reading = readings[mode]
        assert reading["footnotes"] == list(NOTES.values())
        assert [p for p in reading["paragraphs"] if p] == [expected.replace("[^a]", "").replace("[^b]", "")]


def test_footnotes_are_written_by_the_formations_template(project: Path) -> None:
    """Issue 15: the diff reads a formation's templates, as the GA it compares does."""
    folder = project / "templates" / "milieuraad"
    folder.mkdir(exist_ok=True)
    (folder / "_voetnoot.md.j2").write_text("Bron: {{ voetnoot }}\n", encoding="utf-8")
    data = json.loads(co2_diff(project, "--format", "json").stdout)
    notes = next(s for s in data["sections"] if s["name"] == "voetnoten")["changes"]
    assert notes and all(": Bron: " in change["new"] for change in notes if change["new"])


def test_section_headings_come_from_the_templates(project: Path) -> None:
    folder = project / "templates" / "milieuraad" / "wijzigingen"
    folder.mkdir(parents=True)
    (folder / "_sectie.md.j2").write_text("{{ sectie | upper }}\n", encoding="utf-8")
    assert "== KRACHTENVELD\n" in co2_diff(project).stdout


def test_the_document_is_written_by_its_template(project: Path) -> None:
    template = project / "templates" / "wijzigingen" / "document.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("Wijzigingen van", "Veranderd van"), encoding="utf-8"
    )
    assert co2_diff(project, "--format", "docx", "-o", str(project / "d.docx")).exit_code == 0
    assert (
        read(project / "d.docx").paragraphs[1].text.startswith("Veranderd van Milieuraad 17 maart 2026 naar")
    )


def test_the_councils_dates_in_the_diff_document_keep_their_spaces_unbreakable(
    diff_docx: tuple[Path, Path],
) -> None:
    paragraphs = [p.raw for p in read(diff_docx[1]).paragraphs]
    assert any("Milieuraad 17\u00a0maart\u00a02026" in text for text in paragraphs), paragraphs[:3]

"""Faults on disk: kill -9 at every step of a render and of ``briefgen new``, full disks and
refused writes at each file, concurrent renders, and the modes and forms files keep.

A killed process is a forked child that SIGKILLs itself at the N-th disk step
(``briefgen.output.disk.checkpoint``), so each trial is deterministic; trials are seeded.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_platform import FakeMsvcrt

import small
from briefgen.data import platform
from briefgen.errors import UserError
from briefgen.output import disk, journal, recovery
from briefgen.output.manifest import Manifest, disagreements
from briefgen.output.next_council import draft
from briefgen.output.render import UPDATE_NAME, render
from helpers import AGENDA as EXAMPLE
from helpers import PACKAGE, briefgen, copy_example, edit

OUT = small.OUT
AGENDA = small.AGENDA
BIO = "positions/bio-economie-strategie.yaml"
CO2 = "positions/co2-normen.yaml"
EDITS = [
    ("positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem."),
    ("positions/water.yaml", "Hiervoor zijn nog geen stukken gedeeld.", "Er zijn stukken gedeeld."),
]
NEW = ("milieuraad-2026-10-20", "milieuraad-2026-06-16")
REVIEW = "IenW"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small project with two items, a letter, a nota and a verslag, in a folder of its own."""
    return small.project(tmp_path / "small", 2, letter=True, nota=True, verslag=True)


def in_child(action: Callable[[], object], kill_at: int | None = None) -> int:
    """Run ``action`` in a forked process that SIGKILLs itself at disk step ``kill_at``; its status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        code = 0
        try:
            steps = 0

            def step(_: str) -> None:
                nonlocal steps
                steps += 1
                if steps == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

            disk.checkpoint = step
            action()
        except BaseException:
            code = 1
        os._exit(code)
    return os.waitpid(pid, 0)[1]


def count_steps(action: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> int:
    steps: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(disk, "checkpoint", steps.append)
        action()
    return len(steps)


def stray(root: Path) -> list[str]:
    """Temporary files and folders of ours anywhere in the project."""
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if ".briefgen-" in path.name or path.name.endswith(".tmp")
    )


def rendering(root: Path, arcering: tuple[str, ...] = ()) -> Callable[[], object]:
    """A render of the small agenda, to run later (in a child that may be killed)."""
    return lambda: render(root, root / AGENDA, None, arcering)


def outputs(root: Path) -> dict[str, str] | None:
    manifest = Manifest.read(root / OUT)
    return None if manifest is None else manifest.outputs


def test_output_files_follow_the_umask(root: Path) -> None:
    for mask, mode in ((0o022, 0o644), (0o002, 0o664)):
        old = os.umask(mask)
        try:
            assert briefgen(root, "render", AGENDA).exit_code == 0
        finally:
            os.umask(old)
        assert {stat.S_IMODE(p.stat().st_mode) for p in (root / OUT).iterdir()} == {mode}


def test_a_render_removes_outputs_it_no_longer_writes(root: Path) -> None:
    assert briefgen(root, "render", AGENDA, "--arcering", REVIEW).exit_code == 0
    assert (root / OUT / "geannoteerde-agenda.arcering-ienw.docx").is_file()
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert sorted(p.name for p in (root / OUT).iterdir()) == sorted([*PACKAGE, "manifest.json"])
    assert disagreements(root / OUT) == []


def test_temporary_files_of_an_earlier_briefgen_are_removed(root: Path) -> None:
    assert briefgen(root, "render", AGENDA).exit_code == 0
    (root / OUT / ".nota.docx.k2j4_x9a.tmp").write_bytes(b"half a document")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert disagreements(root / OUT) == []


def test_a_drafters_own_files_in_the_build_folder_stay(root: Path) -> None:
    assert briefgen(root, "render", AGENDA).exit_code == 0
    edit(root, *EDITS[0])
    (root / OUT / "opmerkingen.txt").write_text("mine")
    (root / OUT / "terug").mkdir()
    (root / OUT / "terug" / "ga (DGMI).docx").write_bytes(b"returned")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert (root / OUT / "opmerkingen.txt").read_text() == "mine"
    assert (root / OUT / "terug" / "ga (DGMI).docx").read_bytes() == b"returned"
    assert disagreements(root / OUT) == [
        "opmerkingen.txt not in the manifest",
        "terug not in the manifest",
    ]


def test_output_into_a_folder_of_other_files_is_refused(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "documenten"
    folder.mkdir()
    (folder / "brief.docx").write_bytes(b"someone's letter")
    result = briefgen(root, "render", AGENDA, "-o", str(folder))
    assert result.exit_code == 1
    assert (
        f"{folder / 'brief.docx'}:1:1: not written by briefgen, and the folder holds no build"
        in result.stderr
    )
    assert sorted(p.name for p in folder.iterdir()) == ["brief.docx"]


def test_a_build_folder_that_is_a_link_stays_a_link(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (root / "build").mkdir()
    (root / OUT).symlink_to(elsewhere)
    assert briefgen(root, "render", AGENDA).exit_code == 0
    edit(root, *EDITS[0])
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert (root / OUT).is_symlink()
    assert disagreements(elsewhere) == []
    assert "geannoteerde-agenda.wijzigingen.docx" in os.listdir(elsewhere)


def test_the_update_document_stays_while_the_ga_is_unchanged(root: Path) -> None:
    assert briefgen(root, "render", AGENDA).exit_code == 0
    edit(root, *EDITS[0])
    assert briefgen(root, "render", AGENDA).exit_code == 0
    update = (root / OUT / UPDATE_NAME).read_bytes()
    assert briefgen(root, "render", AGENDA, "--arcering", REVIEW).exit_code == 0
    assert (root / OUT / UPDATE_NAME).read_bytes() == update
    assert disagreements(root / OUT) == []


def test_review_copies_whose_names_would_clash_are_refused(root: Path) -> None:
    edit(root, "positions/bodem.yaml", "portefeuille: IenW", "portefeuille: I&W")
    edit(root, "positions/water.yaml", "portefeuille: IenW", "portefeuille: I W")
    result = briefgen(root, "render", AGENDA, "--arcering", "I&W", "--arcering", "I W")
    assert result.exit_code == 1
    assert "portfolios 'I&W' and 'I W' would both get the review copy" in result.stderr
    assert f"{AGENDA}:" in result.stderr
    assert not (root / OUT).exists()


def test_a_diff_document_is_not_written_into_the_sources(project: Path) -> None:
    before = (project / "templates/reference.docx").read_bytes()
    for target in ("templates/reference.docx", "positions/co2.docx"):
        result = briefgen(
            project, "diff", "co2-normen", "--from", "milieuraad-2026-03-17", "--to", NEW[1],
            "--format", "docx", "-o", str(project / target),
        )  # fmt: skip
        assert result.exit_code == 1
        assert f"{project / target}:1:1: will not write output inside" in result.stderr
    assert (project / "templates/reference.docx").read_bytes() == before
    assert not (project / "positions/co2.docx").exists()


@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EACCES])
def test_a_refused_write_names_its_file_and_leaves_the_build(
    root: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    assert briefgen(root, "render", AGENDA).exit_code == 0
    edit(root, *EDITS[0])
    before = outputs(root)
    files = 3  # the GA, the update document and the manifest; unchanged documents are linked
    real = disk.create_file
    for failing in range(1, files + 1):
        calls: list[Path] = []

        def create(path: Path, data: bytes) -> None:
            calls.append(path)  # noqa: B023
            if len(calls) == failing:  # noqa: B023
                raise OSError(number, os.strerror(number), str(path))
            real(path, data)

        monkeypatch.setattr(disk, "create_file", create)
        result = briefgen(root, "render", AGENDA)
        assert result.exit_code == 1
        assert f"{root / OUT / calls[-1].name}:1:1: cannot write: {os.strerror(number)}" in result.stderr
        assert outputs(root) == before
        assert disagreements(root / OUT) == []
        assert stray(root) == []


@pytest.mark.parametrize(
    ("changed", "arcering", "exchange"),
    [(EDITS[0], (), True), (EDITS[1], (REVIEW,), True), (EDITS[0], (), False)],
    ids=["drop-review-copy", "keep-review-copy", "two-renames"],
)
def test_kill_at_every_step_of_a_render_leaves_one_consistent_build(
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    changed: tuple[str, str, str],
    arcering: tuple[str, ...],
    exchange: bool,
) -> None:
    """A kill at each step of a re-render (dropping a review copy, keeping it, and where the
    system cannot exchange two folders)."""
    if not exchange:
        monkeypatch.setattr(platform, "exchange", lambda first, second: False)
    render(root, root / AGENDA, None, (REVIEW,))
    old = outputs(root)
    earlier = root.parent / f"{root.name}-earlier"
    shutil.copytree(root / "build", earlier)
    edit(root, *changed)

    def reset() -> None:
        shutil.rmtree(root / "build")
        shutil.copytree(earlier, root / "build")

    steps = count_steps(rendering(root, arcering), monkeypatch)
    new = outputs(root)
    seen = []
    for kill_at in range(1, steps + 1):
        reset()
        assert in_child(rendering(root, arcering), kill_at) != 0
        if exchange or (root / OUT).exists():
            assert disagreements(root / OUT) == []
            assert not [name for name in os.listdir(root / OUT) if name.startswith(".")]
            seen.append(outputs(root))
            assert seen[-1] in (old, new)
        else:  # between the two renames: the old build waits beside it for the next render
            assert [p.name for p in (root / "build").glob(".*.briefgen-old-*")]
        render(root, root / AGENDA, None, arcering)
        assert outputs(root) == new
        assert stray(root) == []
    assert steps >= 8
    assert old in seen and new in seen  # some trials died before the switch, some after


def test_kill_at_every_step_on_the_windows_path_leaves_one_consistent_build(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows path (two renames, locks by msvcrt, forced here on Linux): a kill at any
    step leaves the old build or the new one, at once or after the recovery the next
    command runs first."""
    monkeypatch.setattr(platform, "WINDOWS", True)
    monkeypatch.setitem(sys.modules, "msvcrt", FakeMsvcrt())
    render(root, root / AGENDA)
    old = outputs(root)
    earlier = root.parent / f"{root.name}-earlier"
    shutil.copytree(root / "build", earlier)
    edit(root, *EDITS[0])
    steps = count_steps(rendering(root), monkeypatch)
    new = outputs(root)
    for kill_at in range(1, steps + 1):
        shutil.rmtree(root / "build")
        shutil.copytree(earlier, root / "build")
        assert in_child(rendering(root), kill_at) != 0
        recovery.recover(root / OUT)
        assert disagreements(root / OUT) == []
        assert outputs(root) in (old, new)
        assert stray(root) == []
        render(root, root / AGENDA)
        assert outputs(root) == new
    assert steps >= 8


def test_kill_during_a_first_render_leaves_no_folder_or_a_whole_build(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = count_steps(rendering(root), monkeypatch)
    for kill_at in range(1, steps + 1):
        for path in (root / "build").iterdir():
            if path.name != ".cache":
                recovery.remove(path)
        assert in_child(rendering(root), kill_at) != 0
        if (root / OUT).exists():
            assert disagreements(root / OUT) == []
        render(root, root / AGENDA)
        assert stray(root) == []


def test_concurrent_renders_into_one_folder_leave_one_of_them(root: Path) -> None:
    assert briefgen(root, "render", AGENDA).exit_code == 0
    for _ in range(3):
        child = os.fork()
        if child == 0:  # pragma: no cover - child
            os._exit(_quietly(rendering(root, (REVIEW,))))
        mine = _quietly(rendering(root))
        status = os.waitpid(child, 0)[1]
        assert (mine, status) == (0, 0)
        assert disagreements(root / OUT) == []
        assert stray(root) == []


def _quietly(action: Callable[[], object]) -> int:
    try:
        action()
    except UserError:
        return 1
    return 0


def drafted(copy: Path) -> dict[str, bytes]:
    """What an uninterrupted ``new`` writes, in a fresh copy of the example."""
    draft(copy_example(copy), *NEW, None, None)
    return sources(copy)


def sources(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_kill_at_every_step_of_new_then_a_rerun_completes(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sources(project)

    def new() -> object:
        return draft(project, *NEW, None, None)

    after = drafted(tmp_path_factory.mktemp("copy"))
    steps = count_steps(new, monkeypatch)
    assert sources(project) == after
    for kill_at in range(1, steps + 1):
        for name, data in before.items():
            (project / name).write_bytes(data)
        (project / "agendas" / f"{NEW[0]}.yaml").unlink()
        assert in_child(new, kill_at) != 0
        pending = (project / "agendas" / f".{NEW[0]}.briefgen-new.json").exists()
        if not pending:
            assert sources(project) == before
        result = draft(project, *NEW, None, None)
        assert result.resumed == pending
        assert sources(project) == after
        assert stray(project) == []


def test_new_keeps_mode_group_link_bom_and_line_endings(project: Path, tmp_path: Path) -> None:
    co2 = project / CO2
    shared = project / "positions" / "gedeeld" / "bio-economie-strategie.yaml"
    shared.parent.mkdir()
    shared.write_bytes(b"\xef\xbb\xbf" + (project / BIO).read_bytes().replace(b"\n", b"\r\n"))
    (project / BIO).unlink()
    (project / BIO).symlink_to(shared)
    co2.chmod(0o664)
    group = co2.stat().st_gid
    result = briefgen(project, "new", *NEW[:1], "--from", NEW[1], "--datum", "2026-10-20")
    assert result.exit_code == 0, result.output
    assert (project / BIO).is_symlink()
    data = shared.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"  - raad: milieuraad-2026-10-20\r\n" in data
    assert stat.S_IMODE(co2.stat().st_mode) == 0o664
    assert co2.stat().st_gid == group
    assert briefgen(project, "check").exit_code == 0


def new_on_a_full_disk(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run ``new`` with the disk full at its second file; the file it could not write."""
    real = journal._write_in_place
    calls: list[Path] = []

    def write(path: Path, data: bytes, *owners: set[int]) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, *owners)

    with monkeypatch.context() as patch:
        patch.setattr(journal, "_write_in_place", write)
        result = briefgen(project, "new", *NEW[:1], "--from", NEW[1])
    assert result.exit_code == 1
    assert f"{calls[1].relative_to(project)}:1:1: cannot write: No space left on device" in result.stderr
    return calls[1]


def test_an_interrupted_new_is_named_by_render_and_finished_by_a_rerun(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_on_a_full_disk(project, monkeypatch)
    result = briefgen(project, "render", EXAMPLE)
    assert result.exit_code == 0
    assert f"agendas/.{NEW[0]}.briefgen-new.json:1:1: warning: 'briefgen new {NEW[0]}' was interrupted" in (
        result.stderr
    )
    assert f"run 'briefgen new {NEW[0]} --from {NEW[1]}' to finish" in result.stderr
    result = briefgen(project, "new", *NEW[:1], "--from", NEW[1])
    assert result.exit_code == 0
    assert f"completed the interrupted 'briefgen new {NEW[0]}'" in result.stderr
    assert briefgen(project, "check").exit_code == 0
    assert stray(project) == []


def test_new_refuses_to_finish_over_a_file_changed_since(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unwritten = new_on_a_full_disk(project, monkeypatch)
    unwritten.write_text(unwritten.read_text(encoding="utf-8") + "# my own line\n", encoding="utf-8")
    result = briefgen(project, "new", *NEW[:1], "--from", NEW[1])
    assert result.exit_code == 1
    assert f"{unwritten.relative_to(project)}:1:1: changed since 'briefgen new' prepared it" in result.stderr


@pytest.mark.parametrize("command", ["check", "status", "render"])
def test_a_file_emptied_by_an_interrupted_new_is_explained(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    real = journal._write_in_place
    calls: list[Path] = []

    def write(path: Path, data: bytes, *owners: set[int]) -> None:
        calls.append(path)
        if len(calls) == 2:
            path.write_bytes(b"")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, *owners)

    with monkeypatch.context() as patch:
        patch.setattr(journal, "_write_in_place", write)
        assert briefgen(project, "new", *NEW[:1], "--from", NEW[1]).exit_code == 1
    emptied = calls[1].relative_to(project).as_posix()
    result = briefgen(project, command, *([EXAMPLE] if command != "check" else []))
    assert result.exit_code == 1
    finish = f"briefgen new {NEW[0]} --from {NEW[1]}"
    assert f"{emptied}:1:1: half written: emptied when '{finish}' was interrupted" in result.stderr
    assert f"run '{finish}' to finish" in result.stderr
    assert "the file is empty" not in result.stderr
    assert briefgen(project, "new", *NEW[:1], "--from", NEW[1]).exit_code == 0
    assert briefgen(project, command, *([EXAMPLE] if command != "check" else [])).exit_code == 0


IMPORTED = "raad-2030-09-01"


def _imported(root: Path) -> Callable[[], object]:
    """An import of the small project's own GA as the agenda of another Council, to run later."""
    assert briefgen(root, "render", AGENDA).exit_code == 0
    document = root / small.GA
    return lambda: briefgen(root, "import", str(document), "--raad", IMPORTED)


def _absorbed(root: Path) -> Callable[[], object]:
    """An absorb of the small GA with a word changed in each of its two positions, to run later."""
    from docxedit import Docx

    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / small.GA).read_bytes())
    for dossier in ("bodem", "water"):
        paragraph = next(p for p in docx.paragraphs() if f"Inzet van {dossier}." in "".join(p.itertext()))
        docx.reword(paragraph, "Inzet van", "Inzet voor", False)
    (root / small.GA).write_bytes(docx.bytes())
    return lambda: briefgen(root, "absorb", str(root / small.GA))


@pytest.mark.parametrize("command", ["import", "absorb"])
def test_kill_at_every_step_of_import_and_absorb_then_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Killed at any disk step, nothing or everything is applied once the same command runs again;
    in between, check names the interrupted command, and no temporary file stays."""
    root = small.project(tmp_path / "small", 2)
    action = (_imported if command == "import" else _absorbed)(root)
    before = sources(root)
    steps = count_steps(action, monkeypatch)
    after = sources(root)
    assert after != before
    assert steps >= 6
    for kill_at in range(1, steps + 1):
        for name in set(sources(root)) - set(before):
            (root / name).unlink()
        for name, data in before.items():
            (root / name).write_bytes(data)
        assert in_child(action, kill_at) != 0 or kill_at == steps
        journals = list((root / "agendas").glob(".*.json"))
        now = sources(root)
        if not journals:
            assert now in (before, after), kill_at
        else:
            result = briefgen(root, "check")
            assert f"run 'briefgen {command} " in result.stderr
        left = [
            p for p in stray(root) if p.startswith(("positions/", "agendas/")) and not p.endswith(".json")
        ]
        assert left == [], kill_at
        action()
        assert sources(root) == after, kill_at
        assert stray(root) == []


@pytest.mark.parametrize("command", ["import", "absorb"])
def test_a_full_disk_at_each_write_of_import_and_absorb_is_located_and_finished_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    root = small.project(tmp_path / "small", 2)
    action = (_imported if command == "import" else _absorbed)(root)
    before = sources(root)
    writes: list[int] = []
    real = disk.write_fully
    with monkeypatch.context() as patch:
        patch.setattr(disk, "write_fully", lambda fd, data: (writes.append(fd), real(fd, data))[1])
        action()
    after = sources(root)
    for failing in range(1, len(writes) + 1):
        for name in set(sources(root)) - set(before):
            (root / name).unlink()
        for name, data in before.items():
            (root / name).write_bytes(data)
        calls: list[int] = []

        def full(fd: int, data: bytes, failing: int = failing, calls: list[int] = calls) -> None:
            calls.append(fd)
            if len(calls) == failing:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real(fd, data)

        with monkeypatch.context() as patch:
            patch.setattr(disk, "write_fully", full)
            result = action()
        assert result.exit_code == 1, failing
        assert "cannot write: No space left on device" in result.stderr
        assert "Traceback" not in result.output
        assert [
            p for p in stray(root) if p.startswith(("positions/", "agendas/")) and p.endswith(".tmp")
        ] == []
        action()
        assert sources(root) == after, failing
        assert stray(root) == []


def test_import_dry_run_does_not_finish_an_interrupted_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "small", 2)
    action = _imported(root)
    steps = count_steps(action, monkeypatch)
    for name in [f"agendas/{IMPORTED}.yaml"]:
        (root / name).unlink()
    before = small.project(tmp_path / "fresh", 2)
    for name, data in sources(before).items():
        (root / name).write_bytes(data)
    assert in_child(action, steps - 1) != 0
    journal_file = root / "agendas" / f".{IMPORTED}.briefgen-import.json"
    assert journal_file.exists()
    half = sources(root)
    result = briefgen(root, "import", str(root / small.GA), "--raad", IMPORTED, "--dry-run")
    assert result.exit_code == 1
    assert "an interrupted import is not finished; run 'briefgen import " in result.stderr
    assert sources(root) == half and journal_file.exists()

"""``render`` of several agendas on several processes, attacked: a worker that dies in the
middle of an agenda (killed, out of memory) costs only time, never a traceback."""

from __future__ import annotations

import os
import signal
from concurrent import futures
from pathlib import Path

import pytest

import briefgen.output.render as render_stage
import small
from briefgen.data import parallel
from briefgen.output.manifest import Manifest
from helpers import briefgen

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")

OTHER = "raad-2030-03-13"


def two_agendas(root: Path) -> Path:
    """A small project with a second agenda, a day later, on the same dossiers."""
    small.project(root, 2)
    agenda = (root / small.AGENDA).read_text(encoding="utf-8").replace(small.ID, OTHER)
    (root / "agendas" / f"{OTHER}.yaml").write_text(
        agenda.replace("2030-03-12", "2030-03-13"), encoding="utf-8"
    )
    for position in (root / "positions").glob("[a-z]*.yaml"):
        with position.open("a", encoding="utf-8") as file:
            file.write(f"  - raad: {OTHER}\n    inzet: Inzet.\n")
    return root


def test_a_worker_killed_during_its_agenda_leaves_that_agenda_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_agendas(tmp_path / "p")
    here, real = os.getpid(), render_stage.compose_package

    def dying(root: Path, agenda: Path, *args: object) -> object:
        if os.getpid() != here and agenda.stem == OTHER:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(root, agenda, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(render_stage, "compose_package", dying)
    result = briefgen(root, "render", "agendas", "-j", "2")
    assert result.exit_code == 0, result.output
    assert Manifest.read(root / "build" / OTHER) is not None
    assert Manifest.read(root / small.OUT) is not None


def test_many_jobs_asked_for_two_agendas_start_two_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_agendas(tmp_path / "p")
    started: list[int] = []
    real = futures.ProcessPoolExecutor

    def counted(workers: int, **kwargs: object) -> futures.ProcessPoolExecutor:
        started.append(workers)
        assert workers <= 2, "a process per job asked for, not per agenda"  # never fork thousands here
        return real(workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(futures, "ProcessPoolExecutor", counted)
    result = briefgen(root, "render", "agendas", "-j", "5000")
    assert result.exit_code == 0, result.output
    assert started == [2]


def test_many_jobs_asked_for_many_position_files_fork_a_bounded_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "p", 1)
    template = small.POSITION.format(dossier="{dossier}", uitkomst="")
    for number in range(2 * parallel.MAX_PROCESSES + 10):
        text = template.replace("{dossier}", f"extra-{number:03d}")
        (root / "positions" / f"extra-{number:03d}.yaml").write_text(text, encoding="utf-8")
    forked: list[object] = []
    real = parallel._fork

    def counted(part: object, work: object) -> tuple[int, int]:
        forked.append(part)
        assert len(forked) < parallel.MAX_PROCESSES, "a process per job asked for"  # never fork more here
        return real(part, work)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_fork", counted)
    result = briefgen(root, "check", "-j", "5000")
    assert result.exit_code == 0, result.output
    assert 0 < len(forked) < parallel.MAX_PROCESSES

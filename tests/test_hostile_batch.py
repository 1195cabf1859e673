"""``render`` of several agendas on several processes, attacked: a worker that dies in the
middle of an agenda (killed, out of memory) costs only time, never a traceback."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import briefgen.output.render as render_stage
import small
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

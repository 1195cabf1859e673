from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefgen.cli import main

# Commands run as subprocesses run on their own; test_server.py starts its servers itself.
os.environ["BRIEFGEN_SERVER"] = "0"

REPO = Path(__file__).resolve().parent.parent
AGENDA = "agendas/milieuraad-2026-03-17.yaml"
GA = Path("build/milieuraad-2026-03-17/geannoteerde-agenda.docx")
LVVN = "agendas/landbouw-en-visserijraad-2026-01-26.yaml"
LVVN_OUT = Path("build/landbouw-en-visserijraad-2026-01-26")
GA_PACKAGE = ("geannoteerde-agenda.docx", "kamerbrief-tk.docx", "kamerbrief-ek.docx", "nota.docx")
VERSLAG_PACKAGE = ("verslag.docx", "kamerbrief-verslag-tk.docx", "kamerbrief-verslag-ek.docx")
PACKAGE = (*GA_PACKAGE, *VERSLAG_PACKAGE)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project, safe to break."""
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def briefgen(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example GA, rendered once for the read-only tests."""
    root = tmp_path_factory.mktemp("rendered")
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, root / name)
    result = briefgen(root, "render", AGENDA)
    assert result.exit_code == 0, result.output
    return root / GA


@pytest.fixture(scope="session")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example Milieuraad package with a KGG review copy, and the LVVN example."""
    root = tmp_path_factory.mktemp("package")
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, root / name)
    assert briefgen(root, "render", AGENDA, "--arcering", "KGG").exit_code == 0
    assert briefgen(root, "render", LVVN, "--arcering", "lvvn").exit_code == 0
    return root

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import AGENDA, GA, LVVN, briefgen, copy_example


def pytest_configure(config: pytest.Config) -> None:
    """Template code is cached in a folder of this run's own, never in the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="briefgen-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.get("XDG_CACHE_HOME", ""), ignore_errors=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project, safe to break."""
    return copy_example(tmp_path)


@pytest.fixture(scope="session")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example Milieuraad package with a KGG review copy, and the LVVN example; read only."""
    root = copy_example(tmp_path_factory.mktemp("package"))
    assert briefgen(root, "render", AGENDA, "--arcering", "KGG").exit_code == 0
    assert briefgen(root, "render", LVVN, "--arcering", "lvvn").exit_code == 0
    return root


@pytest.fixture(scope="session")
def rendered(package: Path) -> Path:
    """The example GA (the one for Parliament, without shading); read only."""
    return package / GA

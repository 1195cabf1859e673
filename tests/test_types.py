"""briefgen type-checks clean under mypy, strict (``[tool.mypy]`` in pyproject.toml), so that
a type error shows in the fast lane before it lands, not only in ``.ci/run``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_briefgen_type_checks_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.splitlines() + result.stderr.splitlines() == []
    assert result.returncode == 0

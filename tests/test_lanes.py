"""The slow lane's lists in conftest name what exists (a renamed test would leave the fast lane)."""

from __future__ import annotations

import re

import pytest
from conftest import SLOW_FIXTURES, SLOW_MODULES, SLOW_TESTS

from helpers import REPO

TESTS = REPO / "tests"


@pytest.mark.parametrize("module", sorted(SLOW_MODULES))
def test_every_slow_module_exists(module: str) -> None:
    assert (TESTS / module).is_file()


@pytest.mark.parametrize("name", sorted(SLOW_TESTS))
def test_every_slow_test_exists(name: str) -> None:
    module, function = name.split("::")
    assert re.search(rf"^def {re.escape(function)}\(", (TESTS / module).read_text(), re.MULTILINE)


@pytest.mark.parametrize("fixture", sorted(SLOW_FIXTURES))
def test_every_slow_fixture_exists(fixture: str) -> None:
    sources = "".join(path.read_text() for path in TESTS.glob("*.py"))
    assert re.search(rf"^def {re.escape(fixture)}\(", sources, re.MULTILINE)

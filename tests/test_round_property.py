"""The round as a property: several colleagues answer the same sent GA, each editing some
paragraphs (tracked or plain), saved outside the build; their answers are absorbed in any
order, one by one or together, with or without renders between. Every colleague's edit
ends up in the data or is named in a conflict: no edit is lost."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import small
from helpers import briefgen
from unoedit import Answer, edit_in_libreoffice, edit_in_xml, needs_uno, two_paragraph_inzet

DOSSIERS = ("bodem", "water", "lucht")
TARGETS = tuple(
    [
        f"{section} van {dossier}"
        for dossier in DOSSIERS
        for section in ("Introductie", "Inzet", "Krachtenveld")
    ]
    + ["Tweede alinea"]
)
"""Paragraphs a colleague may edit: each shows one value (bodem's inzet has two paragraphs)."""
NAMES = ("Jan", "Piet", "Anna")
CONFLICT = re.compile(r"^\S+\.yaml:\d+:\d+: ")


@dataclass(frozen=True)
class Colleague:
    name: str
    targets: tuple[str, ...]
    tracked: bool

    def edits(self) -> list[tuple[str, str]]:
        """Each target with a word of the colleague's own: ``Inzet Jan3 van bodem``."""
        return [(target, _marked(target, self.token(target))) for target in self.targets]

    def token(self, target: str) -> str:
        return f"{self.name}{TARGETS.index(target)}"


def _marked(target: str, token: str) -> str:
    first, rest = target.split(" ", 1)
    return f"{first} {token} {rest}"


@st.composite
def rounds(draw: st.DrawFn, most: int = 3) -> tuple[list[Colleague], list[list[int]], list[bool]]:
    """Colleagues with their edits; the order they are absorbed in, as batches of one or more
    answers absorbed together; after each batch, whether the drafter renders."""
    count = draw(st.integers(min_value=2, max_value=most))
    colleagues = [
        Colleague(
            NAMES[k],
            tuple(draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))),
            draw(st.booleans()),
        )
        for k in range(count)
    ]
    order = draw(st.permutations(range(count)))
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=count - 1), max_size=count - 1)))
    batches = [list(order[a:b]) for a, b in zip([0, *cuts], [*cuts, count], strict=True)]
    renders = [draw(st.booleans()) for _ in batches]
    return colleagues, batches, renders


def _project(root: Path) -> Path:
    small.project(root, 3)
    two_paragraph_inzet(root)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    return root / small.GA


def _conflicts(output: str) -> str:
    """The conflict messages of an absorb's output, each with its indented versions."""
    kept: list[str] = []
    inside = False
    for line in output.splitlines():
        if CONFLICT.match(line):
            inside = True
        elif not line.startswith("  "):
            inside = False
        if inside:
            kept.append(line)
    return "\n".join(kept)


def _play(
    tmp: Path, colleagues: list[Colleague], batches: list[list[int]], renders: list[bool], via: str
) -> None:
    root = tmp / "project"
    ga = _project(root)
    mail = tmp / "mail"
    wanted = [Answer(ga, mail / f"GA ({c.name}).docx", c.name, c.edits(), c.tracked) for c in colleagues]
    if via == "libreoffice":
        answers = edit_in_libreoffice(*wanted)
    else:
        answers = [edit_in_xml(a.source, a.target, a.author, a.edits, a.tracked) for a in wanted]
    reported = ""
    for batch, render in zip(batches, renders, strict=True):
        result = briefgen(root, "absorb", *(str(answers[k]) for k in batch))
        assert result.exit_code in (0, 1), result.output
        assert result.exit_code == 0 or _conflicts(result.output), result.output
        reported += _conflicts(result.output) + "\n"
        if render:
            assert briefgen(root, "render", small.AGENDA).exit_code == 0
    data = "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "positions").glob("*.yaml")))
    for colleague in colleagues:
        for target in colleague.targets:
            token = colleague.token(target)
            assert token in data or token in reported, (colleague, target, reported)
            if token in reported:
                assert colleague.name in reported


@given(rounds())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_colleagues_edit_is_lost(tmp_path_factory: pytest.TempPathFactory, play) -> None:
    _play(tmp_path_factory.mktemp("round"), *play, via="xml")


@needs_uno
@given(rounds())
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_colleagues_edit_is_lost_through_libreoffice(
    tmp_path_factory: pytest.TempPathFactory, play
) -> None:
    _play(tmp_path_factory.mktemp("round"), *play, via="libreoffice")

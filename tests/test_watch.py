"""render --watch: a save triggers a new render; a broken save is reported, not fatal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import briefgen.commands.watch as watching
import small
from helpers import briefgen, edit

AGENDA = small.AGENDA
BIO = "positions/bodem.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with two items, a letter and a nota."""
    return small.project(tmp_path, 2, letter=True, nota=True)


def test_watch_reports_the_saved_file(project: Path) -> None:
    seen: list[list[Path]] = []
    rounds = iter([True, True, False])

    def keep_going() -> bool:
        going = next(rounds)
        if going and not seen:
            path = project / BIO
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return going

    watching.watch(project, lambda changed: seen.append(list(changed)), interval=0.01, keep_going=keep_going)
    assert seen == [[project / BIO]]


def scripted_watch(*edits: tuple[str, str, str]) -> Callable[..., None]:
    """A stand-in for watch() that makes each edit and reports it as a save."""

    def run(root: Path, on_change: Callable[[Iterable[Path]], None], **_: object) -> None:
        for name, old, new in edits:
            edit(root, name, old, new)
            on_change([root / name])

    return run


def test_render_watch_renders_again_after_a_save(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watching, "watch", scripted_watch((BIO, "Inzet van bodem.", "Inzet van de bodem.")))
    result = briefgen(project, "render", AGENDA, "--watch")
    assert result.exit_code == 0
    assert f"saved: {BIO}" in result.stdout
    assert "changed: bodem: inzet changed" in result.stdout


def test_render_watch_survives_a_broken_save(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        watching,
        "watch",
        scripted_watch(
            (BIO, f"  - raad: {small.ID}", f"  - raad: {small.ID}\n    krachtenvled: x"),
            (BIO, "    krachtenvled: x\n", ""),
        ),
    )
    result = briefgen(project, "render", AGENDA, "--watch")
    assert result.exit_code == 0
    assert "unknown key 'krachtenvled' (did you mean 'krachtenveld'?)" in result.stderr
    assert result.stdout.count("kept") >= 4

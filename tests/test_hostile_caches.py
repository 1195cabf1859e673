"""The caches a long-running process keeps (templates, footnotes, ``reference.docx``, the
writer's pieces) attacked as a drafter editing while ``watch`` runs would: a render after an
edit gives the bytes a fresh process gives, and what the process keeps stays bounded."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

import briefgen.output.resources as resources
import small
from helpers import briefgen, edit


def restyled(path: Path, size: int) -> None:
    """``reference.docx`` saved again with another size for Normal text."""
    document = Document(str(path))
    document.styles["Normal"].font.size = Pt(size)
    document.save(str(path))


def test_a_watch_keeps_one_reference_per_file_however_often_it_changes(tmp_path: Path) -> None:
    root = small.project(tmp_path / "p", 1)
    path = root / "templates" / resources.REFERENCE
    for size in (11, 12, 13, 14):
        restyled(path, size)
        assert briefgen(root, "render", small.AGENDA).exit_code == 0
    kept = [key for key in resources._REFERENCES if str(path.resolve()) in str(key)]
    assert len(kept) == 1


def outputs(root: Path) -> dict[str, bytes]:
    """The agenda's build folder (the build history records when each build was made)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / small.OUT).rglob("*"))
        if path.is_file()
    }


def fresh_process(root: Path, before: Path) -> dict[str, bytes]:
    """What a new process renders from ``root`` onto the build ``before`` held."""
    shutil.rmtree(root / "build")
    shutil.copytree(before, root / "build", symlinks=True)
    command = [sys.executable, "-m", "briefgen", "render", small.AGENDA, "--root", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return outputs(root)


EDITS = {
    "shared footnote": (small.NOTES, "Een voetnoot die", "Een andere voetnoot die"),
    "kamerstuk number": ("positions/bodem.yaml", "nr: 1011", "nr: 1012"),
    "footnote template": ("templates/_voetnoot.md.j2", "{{ voetnoot }}", "{{ voetnoot }} (n)"),
}


@pytest.mark.parametrize("name, old, new", EDITS.values(), ids=EDITS.keys())
def test_a_render_after_an_edit_in_the_same_process_is_a_fresh_process_s(
    tmp_path: Path, name: str, old: str, new: str
) -> None:
    root = small.project(tmp_path / "p", 2, letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    edit(root, name, old, new)
    before = shutil.copytree(root / "build", tmp_path / "before", symlinks=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    warm = outputs(root)
    assert warm == fresh_process(root, before)


def test_a_render_after_reference_docx_changed_in_the_same_process_is_a_fresh_process_s(
    tmp_path: Path,
) -> None:
    root = small.project(tmp_path / "p", 2, letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    restyled(root / "templates" / resources.REFERENCE, 13)
    before = shutil.copytree(root / "build", tmp_path / "before", symlinks=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    warm = outputs(root)
    assert warm == fresh_process(root, before)


def test_garbage_made_between_two_renders_of_one_process_is_collected(tmp_path: Path) -> None:
    """``render --watch`` renders again and again in one process: what one render leaves
    behind (reference cycles included) must not be kept for good by the next."""
    root = small.project(tmp_path / "p", 1)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0

    class Cycle:
        itself: object

    cycle = Cycle()
    cycle.itself = cycle
    left = weakref.ref(cycle)
    del cycle
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    gc.collect()
    assert left() is None


def test_a_long_value_placed_in_a_sentence_is_not_kept_for_the_next_document() -> None:
    from briefgen.compose import sources  # noqa: PLC0415 - the cache under test

    long_value = "woord " * 2000
    before = sources._kept_own_markdown.cache_info().currsize
    assert sources.own_markdown(long_value) == (long_value.strip(), 1)
    assert sources._kept_own_markdown.cache_info().currsize == before


def test_a_short_value_placed_in_a_sentence_is_kept_for_the_next_document() -> None:
    from briefgen.compose import sources  # noqa: PLC0415 - the cache under test

    value = "een korte waarde die nog niet eerder is gezien 7f3a"
    before = sources._kept_own_markdown.cache_info().currsize
    sources.own_markdown(value)
    assert sources._kept_own_markdown.cache_info().currsize == before + 1

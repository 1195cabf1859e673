"""Content hashes kept by a file's status: kept only for a file whose times are older than
the racy window, and never trusted once the file's status changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

import briefgen.output.resources as resources
import small
from briefgen.data import digests
from briefgen.data.references import check_paths


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "_KNOWN", {})


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clock_past(folder: Path, moment: int) -> None:
    """Return once a file written in ``folder`` gets a change time later than ``moment``. With
    the racy window turned off, a write within the same tick of a kernel's coarse clock as the
    hash would keep every time of the file: the case the window is there for, not this test's."""
    probe = folder / "probe"
    probe.write_bytes(b"")
    while os.stat(probe).st_ctime_ns <= moment:
        probe.write_bytes(b"")


def test_a_file_written_just_now_is_hashed_each_time(tmp_path: Path) -> None:
    path = tmp_path / "a.md.j2"
    path.write_bytes(b"eerste")
    assert resources.file_digest(path) == sha(b"eerste")
    assert digests.known(path) is None


def test_an_old_file_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md.j2"
    path.write_bytes(b"eerste")
    monkeypatch.setattr(digests, "RACY_NS", -(10**12))  # as if the file had been written long ago
    resources.file_digest(path)
    monkeypatch.setattr(resources, "open_regular", None)  # opening it again would fail
    assert resources.file_digest(path) == sha(b"eerste")


def test_a_kept_hash_is_not_trusted_after_a_write_of_the_same_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md.j2"
    path.write_bytes(b"eerste")
    monkeypatch.setattr(digests, "RACY_NS", -(10**12))
    resources.file_digest(path)
    before = os.stat(path)
    _clock_past(tmp_path, before.st_ctime_ns)
    path.write_bytes(b"tweede")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # its time set back by hand
    assert resources.file_digest(path) == sha(b"tweede")


def test_a_file_replaced_by_another_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, other = tmp_path / "a.md.j2", tmp_path / "b.md.j2"
    path.write_bytes(b"eerste")
    other.write_bytes(b"tweede")
    monkeypatch.setattr(digests, "RACY_NS", -(10**12))
    resources.file_digest(path)
    other.replace(path)
    assert resources.file_digest(path) == sha(b"tweede")


def test_the_hashes_kept_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "RACY_NS", -(10**12))
    monkeypatch.setattr(digests, "KEPT", 3)
    for number in range(5):
        (tmp_path / f"{number}.md.j2").write_bytes(b"x" * number)
        resources.file_digest(tmp_path / f"{number}.md.j2")
    assert len(digests._KNOWN) == 3


def test_two_files_of_one_status_are_each_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that numbers no files (``st_ino`` 0 on a Windows share): two files of one
    size written in one moment have the same status, and each keeps its own hash."""
    path, other = tmp_path / "a.md.j2", tmp_path / "b.md.j2"
    path.write_bytes(b"eerste")
    other.write_bytes(b"tweede")
    unnumbered = dict.fromkeys(("st_ino", "st_dev", "st_mtime_ns", "st_ctime_ns"), 0)
    stat, fstat = os.stat, os.fstat
    monkeypatch.setattr(os, "stat", lambda *a, **k: _as(stat(*a, **k), unnumbered))
    monkeypatch.setattr(os, "fstat", lambda fd: _as(fstat(fd), unnumbered))
    resources.file_digest(path)
    assert resources.file_digest(other) == sha(b"tweede")


def _as(info: os.stat_result, fields: dict[str, int]) -> SimpleNamespace:
    status = {name: getattr(info, name) for name in dir(info) if name.startswith("st_")}
    return SimpleNamespace(**{**status, **fields})


def test_a_checked_position_file_takes_one_status_of_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget, the digest known from before and the read share the status taken once
    (each took its own: three system calls a file where one does)."""
    root = small.project(tmp_path, 2)
    asked: list[str] = []
    stat = os.stat

    def counted(path: object, *args: object, **kwargs: object) -> os.stat_result:
        asked.append(os.fspath(path))  # type: ignore[arg-type]
        return stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", counted)
    digests._KNOWN[("elsewhere", (0, 0, 0, 0, 0, 0))] = b""  # known() asks only when it knows a file
    project = check_paths(root, [root / "positions"])
    assert not [p for p in project.problems if not p.warning]
    positions = [name for name in asked if name.endswith(".yaml") and "/positions/" in name]
    read = sorted(p for p in project.files_read if p.startswith("positions/") and "voetnoten" not in p)
    assert len(read) == 2
    for shown in read:
        assert sum(name.endswith(shown) for name in positions) == 1

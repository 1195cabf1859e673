"""Reading a named file: only a regular one, within a limit, and nothing left open."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.data.files import NotRegularFile, TooLarge, decode, open_regular, read_regular
from briefgen.errors import UserError


def test_a_regular_file_gives_its_bytes_and_status(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")
    data, info = read_regular(path, 100)
    assert (data, info.st_size) == (b"id: a\n", 6)


def test_a_named_pipe_without_a_writer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    with pytest.raises(NotRegularFile) as refused:
        read_regular(path, 100)
    assert stat.S_ISFIFO(refused.value.mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile) as refused:
        read_regular(tmp_path, 100)
    assert stat.S_ISDIR(refused.value.mode)


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooLarge) as refused:
        read_regular(path, 100)
    assert refused.value.size == 101


def test_a_file_at_the_limit_reads(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100)[0] == b"x" * 100


def test_a_link_is_refused_when_links_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"id: a\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    with pytest.raises(OSError):
        read_regular(tmp_path / "link.yaml", 100, follow_links=False)


def test_a_link_is_followed_by_default(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"id: a\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert read_regular(tmp_path / "link.yaml", 100)[0] == b"id: a\n"


def _open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_refused_file_leaves_no_descriptor_open(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    before = _open_descriptors()
    for refused in (tmp_path / "pipe", tmp_path):
        with pytest.raises(NotRegularFile), open_regular(refused):
            pass
    assert _open_descriptors() <= before


def _grown(folder: Path, monkeypatch: pytest.MonkeyPatch, size: int) -> Path:
    """A file of ``size`` bytes whose status, once taken, said 50: it grew while it was read."""
    path = folder / "grown.yaml"
    path.write_bytes(b"x" * size)
    real = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 50, *real(fd)[7:])))
    return path


def test_a_file_that_grew_while_read_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_regular(_grown(tmp_path, monkeypatch, 80), 100)[0] == b"x" * 80


def test_a_file_that_grew_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(TooLarge) as refused:
        read_regular(_grown(tmp_path, monkeypatch, 150), 100)
    assert refused.value.size is None


def test_a_file_read_in_short_pieces_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(bytes(range(100)))
    real = os.read
    monkeypatch.setattr(os, "read", lambda descriptor, size: real(descriptor, min(size, 7)))
    assert read_regular(path, 100)[0] == bytes(range(100))


def _as_codec(raw: bytes) -> str | tuple[int, int, str]:
    """What the "utf-8-sig" codec reads, its error's place and byte counted in the text after
    the byte-order mark (the codec's own offset), as an editor shows the file."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        column = error.start - (body.rfind(b"\n", 0, error.start) + 1) + 1
        return (line, column, f"(byte 0x{body[error.start]:02x})")


def test_a_wrong_byte_after_a_byte_order_mark_is_placed_and_named_as_shown() -> None:
    raw = codecs.BOM_UTF8 + b"titel: a\nkort: \xff\n"
    with pytest.raises(UserError) as refused:
        decode(raw, "f.yaml")
    (problem,) = refused.value.problems
    assert (problem.location.line, problem.location.column) == (2, 7)
    assert "(byte 0xff)" in problem.message


@given(st.binary(max_size=40) | st.text(max_size=20).map(str.encode), st.booleans())
def test_decode_reads_and_places_as_the_utf8_sig_codec(raw: bytes, marked: bool) -> None:
    raw = codecs.BOM_UTF8 + raw if marked else raw
    expected = _as_codec(raw)
    try:
        assert decode(raw, "f.yaml") == expected
    except UserError as error:
        (problem,) = error.problems
        assert isinstance(expected, tuple)
        line, column, byte = expected
        assert (problem.location.path, problem.location.line, problem.location.column) == (
            "f.yaml",
            line,
            column,
        )
        assert byte in problem.message

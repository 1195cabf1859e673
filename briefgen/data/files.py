"""Reading a file that a drafter named: a regular file only, never waiting on a pipe, and
never more than a limit.

Opening a named pipe waits for a writer that may never come; opened with ``O_NONBLOCK``
it returns at once, and ``fstat`` on the open descriptor says what was opened, so that
nothing is read from a folder, pipe, socket or device. ``open_regular`` and
``read_regular`` raise plain exceptions; each caller words its own refusal.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Location, _, fail
from . import platform
from .confine import shown


class NotRegularFile(Exception):
    """What was opened is a folder, named pipe, socket or device; ``mode`` says which."""

    def __init__(self, mode: int) -> None:
        super().__init__(mode)
        self.mode = mode


class TooLarge(Exception):
    """The file holds more bytes than allowed; ``size`` is its size when it was known before
    reading, None when the file grew past the limit while it was read."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


@contextmanager
def open_regular(
    path: Path | str, *, follow_links: bool = True
) -> Iterator[tuple[io.BufferedReader, os.stat_result]]:
    """The open file and its status. Raises OSError when it cannot be opened (a link too,
    without ``follow_links``) and NotRegularFile when it is not a regular file."""
    descriptor = platform.open_file(path, os.O_RDONLY, follow_links=follow_links, nonblocking=True)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        file = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with file:
        yield file, info


def read_regular(path: Path | str, limit: int, *, follow_links: bool = True) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and status, as ``open_regular``; TooLarge past ``limit`` bytes.

    Read from the descriptor itself, without a buffered file object around it: a position
    file is read in one call and its end found in a second (a quarter of the time its
    reading took went to the file object)."""
    descriptor = platform.open_file(path, os.O_RDONLY, follow_links=follow_links, nonblocking=True)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        # A buffer as large as the file (not the limit: megabytes allocated for every
        # file of a few kilobytes), then the rest up to the limit if it grew meanwhile.
        data = _read_upto(descriptor, info.st_size + 1)
        if len(data) > info.st_size:
            data += _read_upto(descriptor, limit + 1 - len(data))
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise TooLarge(None)
    return data, info


def _read_upto(descriptor: int, size: int) -> bytes:
    """At most ``size`` bytes from ``descriptor``: fewer only at the end of the file."""
    data = os.read(descriptor, size)
    if not data or len(data) == size:
        return data
    parts = [data]
    while size > len(data):
        size -= len(data)
        data = os.read(descriptor, size)
        if not data:
            break
        parts.append(data)
    return b"".join(parts)


MAX_FILE_BYTES = 8 * 1024 * 1024
"""A YAML file larger than this is refused before it is parsed (the largest example is 12 KB)."""


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of a regular file. A folder, named pipe, socket, device or dangling link is
    refused with its name before anything reads it (reading a pipe waits for a writer that
    may never come), and so is a file too large to be a position or an agenda."""
    return read_file(path, display)[0]


def read_file(path: Path, display: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, as ``read_bytes``, and the status of what was read."""
    where = Location(display, 1, 1)
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise fail(
                where, _("is a link to '{path}', which does not exist", path=os.readlink(path))
            ) from None
        raise
    try:
        _refuse_irregular(status.st_mode)
        data, info = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as error:
        if path.is_symlink():
            raise fail(
                where,
                _(
                    "is a link to '{target}', which is {kind}, not a file; briefgen reads only regular files",
                    target=shown(os.readlink(path)),
                    kind=_kind(error.mode),
                ),
            ) from None
        raise fail(
            where, _("is {kind}, not a file; briefgen reads only regular files", kind=_kind(error.mode))
        ) from None
    except TooLarge as error:
        if error.size is None:
            raise fail(
                where, _("the file grew past {limit} MiB while it was read", limit=MAX_FILE_BYTES // 2**20)
            ) from None
        raise fail(
            where,
            _(
                "the file is {size:.1f} MiB, more than the {limit} MiB a YAML file may hold; split it or shorten its texts",
                size=error.size / 2**20,
                limit=MAX_FILE_BYTES // 2**20,
            ),
        ) from None
    return data, info


def refuse_oversized(size: int, where: Location, what: str, target: str) -> None:
    """Refuse to write ``target``, a YAML file of ``size`` bytes that render would refuse
    to read; ``what`` says what would have made it so."""
    if size > MAX_FILE_BYTES:
        raise fail(
            where,
            _(
                "{what} would make {target} {size:,.1f} MiB, more than the {limit} MiB render reads in a YAML file; shorten the text in the document",
                what=what,
                target=target,
                size=size / 2**20,
                limit=MAX_FILE_BYTES // 2**20,
            ),
        )


def _refuse_irregular(mode: int) -> None:
    """Refuse by its status alone what must not even be opened (a device may act on open)."""
    if not stat.S_ISREG(mode):
        raise NotRegularFile(mode)


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words: 'a folder', 'a named pipe (FIFO)', …."""
    return _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def read_text(path: Path, display: str) -> str:
    """A regular file's text, as ``read_bytes`` and ``decode``."""
    return decode(read_bytes(path, display), display)


def decode(raw: bytes, display: str) -> str:
    """A file's bytes as text, without a byte-order mark; a byte that is not UTF-8 is
    refused with its place."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(
            Location(display, line, column),
            _("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8", byte=raw[error.start]),
        ) from None

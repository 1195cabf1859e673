"""Reading a file that a drafter named: a regular file only, never waiting on a pipe, and
never more than a limit.

Opening a named pipe waits for a writer that may never come; opened with ``O_NONBLOCK``
it returns at once, and ``fstat`` on the open descriptor says what was opened, so that
nothing is read from a folder, pipe, socket or device. ``open_regular`` and
``read_regular`` raise plain exceptions; each caller words its own refusal.
"""

from __future__ import annotations

import codecs
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


class LinkedOut(Exception):
    """What was opened is a file outside the folder it had to be in: a link (of its own or of
    a folder on its way) changed after it was checked. ``target`` is where it really is."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


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


def read_regular(
    path: Path | str, limit: int, *, follow_links: bool = True, inside: str | None = None
) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and status, as ``open_regular``; TooLarge past ``limit`` bytes;
    LinkedOut when ``inside`` (a real folder's path) is given and the file opened is not in it.

    Read from the descriptor itself, without a buffered file object around it: a position
    file is read in one call and its end found in a second (a quarter of the time its
    reading took went to the file object)."""
    descriptor = platform.open_file(path, os.O_RDONLY, follow_links=follow_links, nonblocking=True)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        if inside is not None:
            _refuse_outside(descriptor, path, info, inside)
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


def _refuse_outside(descriptor: int, path: Path | str, info: os.stat_result, inside: str) -> None:
    """Raise LinkedOut when the file open at ``descriptor`` is not inside the real folder
    ``inside``. A caller checks a path's links before it reads, but a colleague who can write
    the project can retarget a link, or swap a folder for one, between that check and the
    open; so the open file itself is located: where the system names a descriptor's file
    (``/proc/self/fd``) by that name, else by the path resolved again, which must lead to the
    very file opened."""
    try:
        real = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        real = ""
    if not os.path.isabs(real):
        try:
            resolved = Path(path).resolve(strict=True)
            again = os.stat(resolved)
        except (OSError, RuntimeError):
            raise LinkedOut(str(path)) from None
        real = str(resolved)
        if (again.st_dev, again.st_ino) != (info.st_dev, info.st_ino):
            raise LinkedOut(real)
    prefix = inside if inside.endswith(os.sep) else inside + os.sep
    if not real.startswith(prefix):
        raise LinkedOut(real.removesuffix(" (deleted)"))


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


def read_bytes(path: Path, display: str, inside: str | None = None) -> bytes:
    """The bytes of a regular file. A folder, named pipe, socket, device or dangling link is
    refused with its name before anything reads it (reading a pipe waits for a writer that
    may never come), and so is a file too large to be a position or an agenda; with
    ``inside`` (a real folder's path), so is a file that once opened is not in it."""
    return read_file(path, display, inside)[0]


def read_file(
    path: Path, display: str, inside: str | None = None, status: os.stat_result | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, as ``read_bytes``, and the status of what was read; a
    file that is not inside ``inside`` (a real folder's path, when given) once opened is
    refused as a link out of the project. ``status`` is the path's (``os.stat``) when the
    caller has just taken it, before the file is opened."""
    where = Location(display, 1, 1)
    try:
        if status is None:
            status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise fail(
                where, _("is a link to '{path}', which does not exist", path=os.readlink(path))
            ) from None
        raise
    try:
        _refuse_irregular(status.st_mode)
        data, info = read_regular(path, MAX_FILE_BYTES, inside=inside)
    except LinkedOut as error:
        raise fail(where, linked_out_refusal(error.target)) from None
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


def linked_out_refusal(target: str) -> str:
    """The refusal of a data file that leads out of the project to ``target``."""
    return _(
        "is a link to '{target}', outside this project; briefgen reads no file through it: copy the file into the project",
        target=shown(target),
    )


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


def read_text(path: Path, display: str, inside: str | None = None) -> str:
    """A regular file's text, as ``read_bytes`` and ``decode``."""
    return decode(read_bytes(path, display, inside), display)


def decode(raw: bytes, display: str) -> str:
    """A file's bytes as text, without a byte-order mark; a byte that is not UTF-8 is
    refused with its place."""
    body = raw[3:] if raw[:3] == codecs.BOM_UTF8 else raw
    try:  # as "utf-8-sig" decodes, without its Python codec
        return body.decode("utf-8")
    except UnicodeDecodeError as error:  # its place counted after the mark, as an editor shows it
        line = body.count(b"\n", 0, error.start) + 1
        column = error.start - (body.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(
            Location(display, line, column),
            _("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8", byte=body[error.start]),
        ) from None

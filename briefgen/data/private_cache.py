"""The caller's own cache folder, where compiled code is kept between runs: trusted only as
far as nobody else can write it.

Two caches keep code objects there, written with ``marshal`` as Python writes its
``.pyc`` files: the code Jinja generates for each template (``compose/codecache.py``)
and the methods ``dataclasses`` generates for each class (``data/dataclass_code.py``).
Code read back runs, so both go through the checks here. The folder
(``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``) is created with mode 0700 (and
the folder holding it when that is missing, no chain of folders above it) and
used only when it is a real folder (not a link), owned by the caller and open to no one
else, checked on the opened folder each time; an entry is read only when it is a regular
file owned by the caller that no one else can write, no larger than its cache allows,
opened relative to that folder without following a link or waiting on a pipe. An entry
starts with three lines: its cache's format, its key and the SHA-256 of the rest, all
checked on every read. Anything else is ignored: the caller compiles as if there were no
cache. An entry is written under a temporary name and renamed into place; a folder or
disk that refuses is no error. ``BRIEFGEN_TEMPLATE_CACHE=0`` turns both caches off.

Files are opened relative to the folder's descriptor, which only POSIX can: on Windows
(:func:`.platform.private_folders`) there is no cache. This module is imported by the
``briefgen`` script before the command's modules, so it imports nothing that is not
loaded by then.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from . import platform

SETTING = "BRIEFGEN_TEMPLATE_CACHE"
"""The environment variable that turns the caches off (``0``, ``off``, ``no``, ``false``)."""


def cache_folder() -> Path | None:
    """Where this user's compiled code is kept, or None when the caches are off."""
    if os.environ.get(SETTING, "").strip().lower() in {"0", "off", "no", "false"}:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "briefgen"


def interpreter() -> str:
    """The Python that runs, as far as its code objects go: its exact version and bytecode's
    magic number, so that an entry is kept for this interpreter only."""
    from importlib.util import MAGIC_NUMBER

    return f"python {sys.version} {sys.implementation.name} {MAGIC_NUMBER.hex()}"


def open_folder(folder: Path | None, create: bool) -> int | None:
    """``folder`` open (created first with ``create``) when it is private to the caller; else None."""
    if folder is None or not platform.private_folders():
        return None
    if create:
        try:
            folder.parent.mkdir(mode=0o700, exist_ok=True)
            os.mkdir(folder, 0o700)
        except OSError:
            pass
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
    except OSError:
        os.close(descriptor)
        return None
    if not (stat.S_ISDIR(info.st_mode) and platform.owned_by_caller(info) and not info.st_mode & 0o077):
        os.close(descriptor)
        return None
    return descriptor


def read_entry(folder: int, name: str, form: bytes, limit: int) -> bytes | None:
    """The body of the entry ``name`` in the open ``folder``, written in the format ``form`` with
    at most ``limit`` bytes of body, when the file and its three lines can be trusted; else None."""
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    size = limit + len(form) + len(name) + 80  # the three lines: "# " and a line end each, a hex digest
    try:
        info = os.fstat(handle)
        trusted = stat.S_ISREG(info.st_mode) and platform.owned_by_caller(info) and not info.st_mode & 0o022
        if not trusted or info.st_size > size:
            return None
        data = os.read(handle, size + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    lines = data.split(b"\n", 3)
    if len(lines) != 4 or lines[:2] != [b"# " + form, b"# " + name.encode()] or len(lines[3]) > limit:
        return None
    body = lines[3]
    if lines[2] != b"# " + hashlib.sha256(body).hexdigest().encode():
        return None
    return body


def write_entry(folder: int, name: str, form: bytes, body: bytes) -> None:
    """Write ``body`` as the entry ``name`` of the format ``form`` into the open ``folder``,
    whole: under a temporary name first, then renamed; the temporary is removed whatever
    stops the write. A refusal (disk full, read-only) is no error."""
    header = b"# %s\n# %s\n# %s\n" % (form, name.encode(), hashlib.sha256(body).hexdigest().encode())
    temporary = f".{name}.{os.urandom(8).hex()}.tmp"
    try:
        handle = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
            0o600,
            dir_fd=folder,
        )
        try:
            data = memoryview(header + body)
            while data:
                data = data[os.write(handle, data) :]
        finally:
            os.close(handle)
        os.rename(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as error:  # an interrupt (Ctrl-C) too leaves no temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        if not isinstance(error, OSError):
            raise


def prune(folder: int, kind: Callable[[str], bool], keep: int) -> None:
    """Remove the oldest entries whose names are of ``kind`` from the open ``folder`` (by the
    time they were written) until ``keep`` are left: a cache with an entry per source ever
    compiled, or per Python ever used, would otherwise only grow. Temporaries and other
    caches' entries are left alone."""
    try:
        with os.scandir(folder) as found:
            names = [e.name for e in found if kind(e.name) and not e.name.startswith(".")]
        if len(names) <= keep:
            return
        written = sorted(
            (os.stat(name, dir_fd=folder, follow_symlinks=False).st_mtime_ns, name) for name in names
        )
    except OSError:
        return
    for _time, name in written[: len(written) - keep]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)

"""What briefgen asks of the operating system that POSIX and Windows do differently, in one place.

Every other module is portable: it opens, locks, switches and checks files through the
functions here, and nothing POSIX-only (``fcntl``, ``pwd``, ``O_NOFOLLOW``, ``O_NONBLOCK``,
``renameat2``, ``geteuid``) is touched at import time or on the Windows path. One
exception: the private cache of compiled code (``data/private_cache.py``, for templates and
dataclasses) opens its files relative to its folder's descriptor, which only POSIX can; it
runs only where :func:`private_folders` says so.

Linux and macOS, then Windows:

- opening a file without following a link, and without waiting on a named pipe:
  ``O_NOFOLLOW`` and ``O_NONBLOCK``; on Windows the path is refused when it is a link or
  junction, then opened (a folder holds no named pipes there);
- writers into one folder take turns: ``flock`` on the folder; ``msvcrt.locking`` on a
  file ``.briefgen.lock`` in the folder;
- a build folder switched: ``renameat2(RENAME_EXCHANGE)`` on Linux, else two renames (the
  old build aside, the new one in) that the next run completes after a kill
  (:mod:`..output.recovery`), as on Windows;
- a new file that appears whole: an unnamed ``O_TMPFILE`` linked in on Linux; elsewhere a
  named draft renamed into place;
- a new name that never replaces a file: a hard link; on Windows a rename;
- who owns a file: the caller's and the project owner's user ids; on Windows not checked
  (``os.stat`` reports no owner; NTFS permissions decide), nor is a replaced file's group kept;
- the caches of compiled code (templates, dataclasses' methods): a private folder (mode
  0700) read relative to its open descriptor; on Windows none, the code is compiled on
  each run;
- several agendas at once: worker processes forked; on Windows one after the other.

:data:`WINDOWS` selects the path at run time; the tests set it to exercise the Windows
path on Linux.
"""

from __future__ import annotations

import errno
import importlib
import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

WINDOWS = sys.platform == "win32"
"""Whether the Windows path is taken; read by every function here each time it is called."""

LOCK_FILE = ".briefgen.lock"
"""On Windows, the file in a folder that writers into that folder lock in turn."""

LOCK_WAIT = 0.05
"""On Windows, seconds between two attempts to take a lock another process holds."""

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def open_file(
    path: Path | str, flags: int, mode: int = 0o777, *, follow_links: bool = True, nonblocking: bool = False
) -> int:
    """``os.open`` with the flags that keep a descriptor to ourselves: not inherited by a
    program we start, binary on Windows. Without ``follow_links`` a link is refused (an
    OSError, ELOOP on Windows); ``nonblocking`` opens a named pipe without waiting."""
    if WINDOWS:
        if not follow_links:
            _refuse_link(path)
        return os.open(path, flags | _flag("O_BINARY") | _flag("O_NOINHERIT"), mode)
    extra = _flag("O_CLOEXEC") | _flag("O_NOCTTY")
    if nonblocking:
        extra |= _flag("O_NONBLOCK")
    if not follow_links:
        extra |= _flag("O_NOFOLLOW")
    return os.open(path, flags | extra, mode)


def _flag(name: str) -> int:
    value: int = getattr(os, name, 0)
    return value


def _refuse_link(path: Path | str) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or _is_junction(path):
        raise OSError(errno.ELOOP, "is a link", str(path))


def _is_junction(path: Path | str) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Python 3.12 and later
    return bool(is_junction(path)) if is_junction is not None else False


_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{kind}{n}" for kind in ("com", "lpt") for n in "123456789¹²³"]
)


def reserved_name(name: str) -> bool:
    """Whether ``name`` (one part of a path) means something else than a file of that name:
    on Windows a device (``con``, ``nul``, ``com1``, with any extension), a stream of a file
    (``a.yaml:x``), or a name Windows silently shortens (a trailing dot or space). Never on POSIX."""
    if not WINDOWS:
        return False
    return ":" in name or name.endswith((".", " ")) or name.split(".")[0].rstrip(" ").lower() in _DEVICES


def user_id() -> int | None:
    """The caller's user id, which the owners of files are compared with; None on Windows,
    where ``os.stat`` reports no owner and NTFS permissions decide who may write."""
    return None if WINDOWS else os.geteuid()


def owned_by_caller(info: os.stat_result) -> bool:
    """Whether the file of ``info`` is the caller's (always, where owners are not known)."""
    caller = user_id()
    return caller is None or info.st_uid == caller


def user_name(uid: int) -> str | None:
    """The account name of the user ``uid``, None where it is not known."""
    if not WINDOWS:
        with suppress(ImportError, KeyError):
            import pwd

            return pwd.getpwuid(uid).pw_name
    return None


def set_group(path: Path, group: int) -> None:
    """Give ``path`` the group ``group`` where the system has groups and allows it."""
    if WINDOWS:
        return
    with suppress(PermissionError):
        os.chown(path, -1, group)


def private_folders() -> bool:
    """Whether a folder can be private to its user (mode 0700) and files opened relative
    to an open folder (``dir_fd``), as the caches of compiled code need: not on Windows."""
    return not WINDOWS and os.open in os.supports_dir_fd


def can_fork() -> bool:
    """Whether worker processes can be forked (with the compiled templates they inherit)."""
    return not WINDOWS


def fork() -> int:
    """``os.fork()``: 0 in the child, the child's id in the parent; only where :func:`can_fork`."""
    return os.fork()


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock for writing into ``folder``, waiting for whoever holds it; it
    is released when we are done or die. Where the folder cannot be opened, no lock."""
    if WINDOWS:
        with _windows_lock(folder):
            yield
        return
    import fcntl

    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def _windows_lock(folder: Path) -> Iterator[None]:
    """``msvcrt.locking`` on the first byte of :data:`LOCK_FILE` in ``folder`` (a folder
    itself cannot be opened on Windows). The file stays: removing it would race a waiter."""
    msvcrt: Any = importlib.import_module("msvcrt")  # Windows only: its types are Windows-only too

    try:
        descriptor = open_file(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
                break
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EDEADLOCK):
                    raise
                time.sleep(LOCK_WAIT)
        try:
            yield
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(descriptor)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot (Windows,
    macOS, Linux before 3.15 or on a file system without it)."""
    if WINDOWS:
        return False
    import ctypes  # only when a folder is swapped

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    function = getattr(libc, "renameat2", None)
    if function is None:
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(number, os.strerror(number), str(second))


def name_new(source: Path, target: Path) -> None:
    """Give the file ``source`` the name ``target`` too, never replacing a file there
    (FileExistsError): a hard link on POSIX; on Windows, where a rename never replaces a
    file, a rename (file systems without hard links, FAT and some shares, are common there)."""
    if WINDOWS:
        os.rename(source, target)
    else:
        os.link(source, target)


def unnamed_file(folder: Path) -> int | None:
    """An open, unnamed file in ``folder`` that the system discards if we die (Linux's
    ``O_TMPFILE``), to be named by :func:`name_unnamed`; None where there is none."""
    if WINDOWS or not hasattr(os, "O_TMPFILE"):
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError:
        return None


def name_unnamed(descriptor: int, path: Path) -> None:
    """Give the file of :func:`unnamed_file` its name ``path`` (never replacing a file)."""
    os.link(f"/proc/self/fd/{descriptor}", path, follow_symlinks=True)

"""Writing files so that an interruption at any moment leaves the old state or the new one.

- One output file, or several, is replaced through temporary files renamed into place
  (:func:`replace_files`); a whole build folder is switched in one step (:mod:`.switch`).
- New files get the mode the umask gives (``0644`` under ``022``), like any program's.
- Writers into one folder take turns through a lock on it (:func:`locked`).

Every step that changes the disk passes :func:`checkpoint` first, which does nothing;
the fault-injection tests replace it to stop the process at a chosen step. Callers in
other modules call it as ``disk.checkpoint`` so that the replacement reaches them.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from ..data import platform
from ..errors import Location, UserError, _, fail


def checkpoint(step: str) -> None:
    """Called before each step that changes the disk (tests stop the process here)."""


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    return 0o666 & ~umask()


def create_file(path: Path, data: bytes) -> None:
    """Write a new file (never an existing one) with the mode the umask gives."""
    descriptor = platform.open_file(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666, follow_links=False)
    try:
        write_fully(descriptor, data)
    finally:
        os.close(descriptor)


def create_whole(path: Path, data: bytes, step: str, drafts: Path | None = None) -> None:
    """A new file at ``path`` that appears whole or not at all, never leaving a draft behind
    and never replacing a file there (FileExistsError).

    The content is written into an unnamed file in the target's folder (``O_TMPFILE``),
    which the system discards if the process dies, and linked under its name after the
    checkpoint ``step``. Where the system cannot do that (some sandboxes refuse the link),
    a named draft in ``drafts`` (a folder of ours elsewhere on the same file system, so
    that a killed run leaves nothing beside ``path``) or else beside ``path`` is renamed
    into place; the next run removes a draft a killed one left.
    """
    stepped = False
    descriptor = platform.unnamed_file(path.parent)
    if descriptor is not None:
        try:
            write_fully(descriptor, data)
            checkpoint(step)
            stepped = True
            platform.name_unnamed(descriptor, path)
            return
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL):
                raise
        finally:
            os.close(descriptor)
    folder = drafts if drafts is not None and _own_folder(drafts) else path.parent
    draft = folder / f"{path.name}.{token()}.tmp"
    try:
        create_file(draft, data)
        if not stepped:
            checkpoint(step)
        try:
            platform.name_new(draft, path)  # never over a file that appeared meanwhile
        except OSError as error:
            if error.errno != errno.EXDEV or folder == path.parent:
                raise
            create_whole(path, data, step)
    finally:
        draft.unlink(missing_ok=True)


def _own_folder(folder: Path) -> bool:
    """``folder`` made if needed: a real folder (not a link) of the caller's; False otherwise."""
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and platform.owned_by_caller(info)


def write_fully(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to an open descriptor (one write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (the lock dies with us; see :func:`.platform.folder_lock`)."""
    with platform.folder_lock(folder):
        yield


def replace_file(path: Path, data: bytes, *, follow_links: bool = True) -> None:
    """Replace one file through a temporary file renamed into place (see :func:`replace_files`)."""
    replace_files([(path, data)], follow_links=follow_links)


def replace_files(files: Sequence[tuple[Path, bytes]], *, follow_links: bool = True) -> None:
    """Stage every file as a temporary file beside its target, then rename each into place.

    Each file is replaced whole; a link is written through to its target (without
    ``follow_links``: the link itself is replaced, wherever it pointed), and an existing
    file keeps its mode and group. Nothing is renamed until every file is staged.
    """
    staged: list[tuple[Path, Path, Path]] = []
    try:
        for path, data in files:
            target = path.resolve() if follow_links and path.is_symlink() else path
            try:
                staged.append((_stage_file(target, data), target, path))
            except OSError as error:
                raise cannot(path, error) from None
        for temporary, target, path in staged:
            try:
                checkpoint(f"replace {target.name}")
                os.replace(temporary, target)
            except OSError as error:
                raise cannot(path, error) from None
    finally:
        for temporary, _, _ in staged:
            with suppress(FileNotFoundError):
                temporary.unlink()


def token() -> str:
    """Sixteen random hex digits for a temporary file's or folder's name
    (``secrets.token_hex(8)``, without importing ``secrets``, ``base64`` and ``hmac`` into
    every command: a render names its build folder and history files with it)."""
    return os.urandom(8).hex()


def _stage_file(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = _stat(target)
    while True:
        temporary = target.parent / f".{target.name}.briefgen-{token()}.tmp"
        try:
            checkpoint(f"write {temporary.name}")
            create_file(temporary, data)
            break
        except FileExistsError:
            continue
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    try:
        if previous is not None:
            keep_owner(temporary, previous)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def keep_owner(path: Path, previous: os.stat_result) -> None:
    """Give ``path`` the mode and group of the file it replaces (the group where we may)."""
    os.chmod(path, stat.S_IMODE(previous.st_mode))
    if path.stat().st_gid != previous.st_gid:
        platform.set_group(path, previous.st_gid)


def cannot(path: Path, error: OSError, what: str | None = None) -> UserError:
    """The located error for a file the system refused to write (or read)."""
    what = what or _("cannot write")
    return fail(Location(str(path)), _("{what}: {value}", what=what, value=error.strerror or error))

"""Writing to disk so that an interruption at any moment leaves the old state or the new one.

- A build folder switches whole (:func:`switch_folder`): the new build is staged as a
  complete hidden sibling folder and exchanged with the old one in one atomic step
  (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames that the next render
  completes). The old build is then removed, and with it every file the new build does
  not have. Renders into one parent folder take turns through a lock on that folder.
- One output file is replaced through a temporary file renamed into place
  (:func:`replace_file`).
- New files get the mode the umask gives (``0644`` under ``022``), like any program's.

Every step that changes the disk passes :func:`checkpoint` first, which does nothing;
the fault-injection tests replace it to stop the process at a chosen step.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, UserError, fail


def checkpoint(step: str) -> None:
    """Called before each step that changes the disk (tests stop the process here)."""


STAGED = re.compile(r"^\.(?P<name>.+)\.briefgen-(?P<state>new|old)-[0-9a-f]{16}$")


@dataclass
class Switched:
    """What a folder switch did: files whose bytes are new, and files already as they were."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


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


def switch_folder(
    folder: Path,
    files: Mapping[str, bytes],
    ours: Callable[[str], bool],
    is_build: bool,
    shown: Path | None = None,
) -> Switched:
    """Make ``folder`` hold ``files``, switching from the old contents in one step.

    ``ours`` says which names in an existing folder an earlier build wrote: those not in
    ``files`` leave with the old folder. Any other file is someone else's: in a build
    folder (``is_build``) it moves into the new folder as it is; in a folder that holds no
    build, nothing is written (a located error). ``shown`` is the folder as named, for messages.
    """
    shown = shown or folder
    real = _real(folder)
    parent = real.parent
    try:
        checkpoint("create the parent folder")
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot(Path(error.filename or parent), error) from None
    with locked(parent):
        _recover(parent)
        existing = _contents(real, shown)
        foreign = sorted(name for name in existing or () if not ours(name))
        if foreign and not is_build:
            raise fail(
                Location(str(shown / foreign[0])),
                "not written by briefgen, and the folder holds no build (no manifest.json); "
                "a render replaces the whole folder, so choose an empty or new output folder",
            )
        unchanged = {
            name for name, data in files.items() if name in (existing or ()) and _holds(real / name, data)
        }
        result = Switched(
            written=[name for name in files if name not in unchanged],
            kept=[name for name in files if name in unchanged],
        )
        in_place = {name for name in unchanged if _has_new_mode(real / name)}
        if (
            existing is not None
            and set(existing) - set(foreign) == set(files)
            and len(in_place) == len(files)
        ):
            return result
        staged = _stage(parent, real, files, in_place, shown)
        try:
            for name in foreign:
                _carry(real / name, staged / name, shown / name)
        except BaseException:
            _remove(staged)
            raise
        try:
            _switch(staged, real, shown)
        except BaseException:
            _remove(staged)
            raise
        _remove(staged)
    return result


def _real(folder: Path) -> Path:
    return folder.resolve() if folder.is_symlink() else folder.parent.resolve() / folder.name


def recover(folder: Path) -> None:
    """Complete what an interrupted switch of ``folder`` left, before anyone reads the folder."""
    real = _real(folder)
    if real.parent.is_dir():
        with locked(real.parent):
            _recover(real.parent)


def _contents(real: Path, shown: Path) -> dict[str, os.stat_result] | None:
    """The names in the current build folder, or None when there is none."""
    if not real.exists():
        return None
    if not real.is_dir():
        raise fail(Location(str(shown)), "is not a folder; briefgen writes a build folder here")
    try:
        return {entry.name: entry.stat(follow_symlinks=False) for entry in os.scandir(real)}
    except OSError as error:
        raise _cannot(shown, error, "cannot read") from None


def _carry(source: Path, target: Path, shown: Path) -> None:
    """Someone else's file or folder, into the new build folder as it is (the original stays until the switch)."""
    try:
        checkpoint(f"keep {source.name}")
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        elif source.is_dir():
            shutil.copytree(source, target, symlinks=True)
        else:
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, target, follow_symlinks=False)
    except OSError as error:
        raise _cannot(shown, error, "cannot keep this file in the new build") from None


def _holds(path: Path, data: bytes) -> bool:
    """``path`` is a regular file holding exactly ``data``."""
    try:
        info = path.lstat()
        return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _has_new_mode(path: Path) -> bool:
    """``path`` has the mode a new file gets now (else it is written again, not linked)."""
    try:
        return stat.S_IMODE(path.lstat().st_mode) == file_mode()
    except OSError:
        return False


def _stage(parent: Path, real: Path, files: Mapping[str, bytes], same: set[str], shown: Path) -> Path:
    """A complete new build folder beside ``real``; unchanged files are linked, not copied."""
    staged = _new_sibling(parent, real.name, "new", shown)
    try:
        _take_folder_mode(real, staged)
        for name, data in files.items():
            if name in same and _link(real / name, staged / name, data):
                continue
            try:
                checkpoint(f"write {name}")
                create_file(staged / name, data)
            except OSError as error:
                raise _cannot(shown / name, error) from None
    except BaseException:
        _remove(staged)
        raise
    return staged


def _new_sibling(parent: Path, name: str, state: str, shown: Path) -> Path:
    for _ in range(100):
        candidate = parent / f".{name}.briefgen-{state}-{secrets.token_hex(8)}"
        try:
            checkpoint("create the staging folder")
            os.mkdir(candidate, 0o777)
            return candidate
        except FileExistsError:
            continue
        except OSError as error:
            raise _cannot(parent, error, f"cannot make a folder beside {shown.name}") from None
    raise _cannot(parent, OSError(errno.EEXIST, os.strerror(errno.EEXIST)))


def _take_folder_mode(real: Path, staged: Path) -> None:
    """The new build folder keeps the old one's permissions and group."""
    try:
        info = real.stat()
    except OSError:
        return
    with suppress(OSError):
        keep_owner(staged, info)


def _link(source: Path, target: Path, data: bytes) -> bool:
    """Hard-link an unchanged file into the staged folder, if its bytes are still ``data``."""
    try:
        checkpoint(f"link {target.name}")
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    if _holds(target, data) and _has_new_mode(target):
        return True
    target.unlink()
    return False


def create_file(path: Path, data: bytes) -> None:
    """Write a new file (never an existing one) with the mode the umask gives."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        write_fully(descriptor, data)
    finally:
        os.close(descriptor)


def write_fully(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to an open descriptor (one write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _switch(staged: Path, real: Path, shown: Path) -> None:
    """Put ``staged`` at ``real`` in one step; afterwards ``staged`` holds the old build, if any."""
    checkpoint("switch the folders")
    try:
        if not real.exists():
            try:
                os.rename(staged, real)
                return
            except OSError as error:
                if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
        if _exchange(staged, real):
            return
        old = _new_sibling(real.parent, real.name, "old", shown)
        os.rmdir(old)
        checkpoint("move the old build aside")
        os.rename(real, old)
        checkpoint("move the new build in")
        os.rename(staged, real)
        os.rename(old, staged)
    except OSError as error:
        raise _cannot(shown, error, "cannot replace the build folder") from None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot."""
    function = getattr(_libc(), "renameat2", None)
    if function is None:
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(number, os.strerror(number), str(second))


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _recover(parent: Path) -> None:
    """Finish what an interrupted switch left: put a moved-aside build back, remove stale siblings.

    Runs under the parent's lock, so every staged sibling found is abandoned.
    """
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        match = STAGED.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        target = parent / match["name"]
        if match["state"] == "old" and not os.path.lexists(target):
            try:
                checkpoint("put the old build back")
                os.rename(entry.path, target)
                continue
            except OSError:
                pass
        _remove(Path(entry.path))


def _remove(path: Path) -> None:
    checkpoint(f"remove {path.name}")
    shutil.rmtree(path, ignore_errors=True)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (nothing is written for it; the lock dies with us)."""
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


def replace_file(path: Path, data: bytes) -> None:
    """Replace one file through a temporary file renamed into place (see :func:`replace_files`)."""
    replace_files([(path, data)])


def replace_files(files: Sequence[tuple[Path, bytes]]) -> None:
    """Stage every file as a temporary file beside its target, then rename each into place.

    Each file is replaced whole; a link is written through to its target, and an existing
    file keeps its mode and group. Nothing is renamed until every file is staged.
    """
    staged: list[tuple[Path, Path, Path]] = []
    try:
        for path, data in files:
            target = path.resolve() if path.is_symlink() else path
            try:
                staged.append((_stage_file(target, data), target, path))
            except OSError as error:
                raise _cannot(path, error) from None
        for temporary, target, path in staged:
            try:
                checkpoint(f"replace {target.name}")
                os.replace(temporary, target)
            except OSError as error:
                raise _cannot(path, error) from None
    finally:
        for temporary, _, _ in staged:
            with suppress(FileNotFoundError):
                temporary.unlink()


def _stage_file(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = _stat(target)
    while True:
        temporary = target.parent / f".{target.name}.briefgen-{secrets.token_hex(8)}.tmp"
        try:
            checkpoint(f"write {temporary.name}")
            create_file(temporary, data)
            break
        except FileExistsError:
            continue
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
        with suppress(PermissionError):
            os.chown(path, -1, previous.st_gid)


def _cannot(path: Path, error: OSError, what: str = "cannot write") -> UserError:
    return fail(Location(str(path)), f"{what}: {error.strerror or error}")

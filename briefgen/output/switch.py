"""A build folder switched whole: staged as a hidden sibling, exchanged with the old one in one step.

The new build is written as a complete hidden sibling folder and exchanged with the old
one atomically (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere, Windows too, two renames
that the next render completes, see :mod:`.recovery` and :mod:`..data.platform`). The old build is then removed, and with
it every file the new build does not have. Renders into one parent folder take turns
through a lock on that folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..data import platform
from ..errors import Location, _, fail
from . import disk
from .recovery import finish_switches, real_folder, remove


@dataclass
class Switched:
    """What a folder switch did: files whose bytes are new, and files already as they were."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def switch_folder(
    folder: Path,
    files: Mapping[str, bytes],
    ours: Callable[[str], bool],
    is_build: bool,
) -> Switched:
    """Make ``folder`` hold ``files``, switching from the old contents in one step. A name
    may lie in a subfolder (``preview/index.html``), whose top folder ``ours`` then names.

    ``ours`` says which names in an existing folder an earlier build wrote: those not in
    ``files`` leave with the old folder. Any other file is someone else's: in a build
    folder (``is_build``) it moves into the new folder as it is; in a folder that holds no
    build, nothing is written (a located error). Messages name ``folder`` as given.
    """
    real = real_folder(folder)
    parent = real.parent
    try:
        disk.checkpoint("create the parent folder")
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise disk.cannot(Path(error.filename or parent), error) from None
    with disk.locked(parent):
        finish_switches(parent)
        existing = _contents(real, folder)
        foreign = sorted(name for name in existing or () if not ours(name))
        if foreign and not is_build:
            raise fail(
                Location(str(folder / foreign[0])),
                _(
                    "not written by briefgen, and the folder holds no build (no manifest.json); a render replaces the whole folder, so choose an empty or new output folder"
                ),
            )
        unchanged = {
            name
            for name, data in files.items()
            if name.partition("/")[0] in (existing or ()) and _holds(real / name, data)
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
        staged = _stage(parent, real, files, in_place, folder)
        try:
            for name in foreign:
                _carry(real / name, staged / name, folder / name)
        except BaseException:
            remove(staged)
            raise
        try:
            _switch(staged, real, folder)
        except BaseException:
            remove(staged)
            raise
        remove(staged)
    return result


def _contents(real: Path, shown: Path) -> dict[str, os.stat_result] | None:
    """The names in the current build folder, or None when there is none."""
    if not real.exists():
        return None
    if not real.is_dir():
        raise fail(Location(str(shown)), _("is not a folder; briefgen writes a build folder here"))
    try:
        return {entry.name: entry.stat(follow_symlinks=False) for entry in os.scandir(real)}
    except OSError as error:
        raise disk.cannot(shown, error, _("cannot read")) from None


def _carry(source: Path, target: Path, shown: Path) -> None:
    """Someone else's file or folder, into the new build folder as it is (the original stays until the switch)."""
    try:
        disk.checkpoint(f"keep {source.name}")
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
        raise disk.cannot(shown, error, _("cannot keep this file in the new build")) from None


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
        return stat.S_IMODE(path.lstat().st_mode) == disk.file_mode()
    except OSError:
        return False


def _stage(parent: Path, real: Path, files: Mapping[str, bytes], same: set[str], shown: Path) -> Path:
    """A complete new build folder beside ``real``; unchanged files are linked, not copied."""
    staged = _new_sibling(parent, real.name, "new", shown)
    try:
        _take_folder_mode(real, staged)
        for name, data in files.items():
            _make_subfolder(staged, name, shown)
            if name in same and _link(real / name, staged / name, data):
                continue
            try:
                disk.checkpoint(f"write {name}")
                disk.create_file(staged / name, data)
            except OSError as error:
                raise disk.cannot(shown / name, error) from None
    except BaseException:
        remove(staged)
        raise
    return staged


def _make_subfolder(staged: Path, name: str, shown: Path) -> None:
    """The folder a name such as ``preview/index.html`` goes in, inside the staged build."""
    folder, _, _ = name.rpartition("/")
    if folder and not (staged / folder).is_dir():
        try:
            disk.checkpoint(f"create {folder}")
            (staged / folder).mkdir(parents=True)
        except OSError as error:
            raise disk.cannot(shown / folder, error) from None


def _new_sibling(parent: Path, name: str, state: str, shown: Path) -> Path:
    """An empty hidden folder beside ``name``, named as :data:`.recovery.STAGED` expects."""
    for _attempt in range(100):
        candidate = parent / f".{name}.briefgen-{state}-{disk.token()}"
        try:
            disk.checkpoint("create the staging folder")
            os.mkdir(candidate, 0o777)
            return candidate
        except FileExistsError:
            continue
        except OSError as error:
            raise disk.cannot(
                parent, error, _("cannot make a folder beside {name}", name=shown.name)
            ) from None
    raise disk.cannot(parent, OSError(errno.EEXIST, os.strerror(errno.EEXIST)))


def _take_folder_mode(real: Path, staged: Path) -> None:
    """The new build folder keeps the old one's permissions and group."""
    try:
        info = real.stat()
    except OSError:
        return
    with suppress(OSError):
        disk.keep_owner(staged, info)


def _link(source: Path, target: Path, data: bytes) -> bool:
    """Hard-link an unchanged file into the staged folder, if its bytes are still ``data``."""
    try:
        disk.checkpoint(f"link {target.name}")
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    if _holds(target, data) and _has_new_mode(target):
        return True
    target.unlink()
    return False


def _switch(staged: Path, real: Path, shown: Path) -> None:
    """Put ``staged`` at ``real`` in one step; afterwards ``staged`` holds the old build, if any."""
    disk.checkpoint("switch the folders")
    try:
        if not real.exists():
            try:
                os.rename(staged, real)
                return
            except OSError as error:
                if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
        if platform.exchange(staged, real):
            return
        old = _new_sibling(real.parent, real.name, "old", shown)
        os.rmdir(old)
        disk.checkpoint("move the old build aside")
        os.replace(real, old)
        disk.checkpoint("move the new build in")
        try:
            os.replace(staged, real)
        except OSError:
            os.replace(old, real)  # the old build back in its place
            raise
        os.replace(old, staged)
    except OSError as error:
        raise disk.cannot(shown, error, _("cannot replace the build folder")) from None

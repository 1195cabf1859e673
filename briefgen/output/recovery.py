"""Finishing what an interrupted folder switch left, before anyone reads the folder.

A switch (:mod:`.switch`) stages the new build as a hidden sibling
(``.NAME.briefgen-new-…``) and, where the system cannot exchange two folders in one
step, moves the old build aside (``.NAME.briefgen-old-…``) for a moment. A process
killed in between leaves such siblings; under the parent folder's lock every one found
is abandoned: a moved-aside build whose place is empty goes back, the rest is removed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from . import disk

STAGED = r"^\.(?P<name>.+)\.briefgen-(?P<state>new|old)-[0-9a-f]{16}$"
"""The name of a staged or moved-aside build folder beside ``NAME`` (compiled on first use:
only a folder with a hidden name can be one)."""


def real_folder(folder: Path) -> Path:
    """Where ``folder`` is: a link's target, or the folder in its parent's real location."""
    return folder.resolve() if folder.is_symlink() else folder.parent.resolve() / folder.name


def recover(folder: Path) -> None:
    """Complete what an interrupted switch of ``folder`` left, before anyone reads the folder."""
    real = real_folder(folder)
    if real.parent.is_dir():
        with disk.locked(real.parent):
            finish_switches(real.parent)


def finish_switches(parent: Path) -> None:
    """Finish what an interrupted switch left: put a moved-aside build back, remove stale siblings.

    The caller holds the parent's lock, so every staged sibling found is abandoned.
    """
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        match = re.match(STAGED, entry.name) if entry.name[:1] == "." else None
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        target = parent / match["name"]
        if match["state"] == "old" and not os.path.lexists(target):
            try:
                disk.checkpoint("put the old build back")
                os.rename(entry.path, target)
                continue
            except OSError:
                pass
        remove(Path(entry.path))


def remove(path: Path) -> None:
    """Remove a staged folder and everything in it."""
    disk.checkpoint(f"remove {path.name}")
    shutil.rmtree(path, ignore_errors=True)

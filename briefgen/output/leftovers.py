"""What an interrupted drafting command may have left beside a project's sources: a journal
to finish in ``agendas/``, journal drafts and files staged before their rename. Their names
are decided here; ``journal`` finishes, explains and sweeps them. A command that only reads
its sources (``check``, ``render``) asks :func:`any_left` first and loads the journal's
machinery only when something is there (its classes, made at import, were a twentieth of a
check's start-up)."""

from __future__ import annotations

import os
import re
from pathlib import Path

PENDING = r"^\.(?P<id>.+)\.briefgen-(?P<command>new|verslag|import|absorb)\.json$"
"""A journal in ``agendas/``: the command it belongs to, and its agenda."""
LEFTOVER = r"^\..+\.briefgen-(new|verslag|import|absorb)\.json\.[0-9a-f]{16}\.tmp$"
"""A journal's draft that an interrupted run left before its commit."""
STAGED = r"^\..+\.briefgen-[0-9a-f]{16}\.tmp$"
"""A file an earlier briefgen staged beside a source file before renaming it into place.
The three patterns are compiled on first use: only a name starting with a dot is tried."""


def drafts(root: Path) -> Path:
    """Where a journal is drafted before it is put in place: outside the drafters' folders."""
    return root / "build" / ".drafts"


def any_left(root: Path) -> bool:
    """Whether ``agendas/`` holds a journal, or it, ``positions/`` or the drafts folder a
    draft or staged file; True too where a folder cannot be listed (the journal's own
    steps then say why)."""
    for folder, journals in ((root / "agendas", True), (root / "positions", False), (drafts(root), False)):
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries if entry.name.startswith(".")]
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return True
        for name in names:
            if re.match(LEFTOVER, name) or re.match(STAGED, name) or (journals and re.match(PENDING, name)):
                return True
    return False

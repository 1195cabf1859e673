"""The project's resources a render reads besides the data: its templates per formation
and ``reference.docx``, each loaded once per process and again only when it changes."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..changes.manifest import template_files
from ..compose.documents import Templates, slug
from ..word.writer import Reference


def templates_for(root: Path, formation: str) -> Templates:
    """One Jinja environment per project, formation and state of its template files.

    Templates compile once per process; a template added, removed or saved gives a
    fresh environment, so that a long-running process (``--watch``, the render server)
    never renders with an old one.
    """
    folder = root / "templates"
    key = (str(root.resolve()), formation)
    state = tuple(_stamp(path) for path in template_files(root, folder / slug(formation)))
    known = _TEMPLATES.get(key)
    if known is None or known[0] != state:
        known = _TEMPLATES[key] = (state, Templates(folder, formation))
    return known[1]


def _stamp(path: Path) -> tuple[str, str]:
    """A regular file's content hash (a save that keeps size and time still counts as a
    change); empty for anything else, never waiting on a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return (str(path), "")
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return (str(path), "")
        return (str(path), hashlib.file_digest(file, "sha256").hexdigest())


def reference_for(root: Path) -> Reference:
    """``reference.docx``, read once per process unless its content changes."""
    path = root / "templates" / "reference.docx"
    _, digest = _stamp(path)
    if not digest:
        return Reference(path, "templates/reference.docx")
    key = (str(path.resolve()), digest)
    if key not in _REFERENCES:
        _REFERENCES[key] = Reference(path, "templates/reference.docx")
    return _REFERENCES[key]


_TEMPLATES: dict[tuple[str, str], tuple[tuple[tuple[str, str], ...], Templates]] = {}
_REFERENCES: dict[tuple[str, str], Reference] = {}

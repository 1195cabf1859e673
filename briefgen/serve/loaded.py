"""What the render server has loaded, known by content, so that it stops once any of it changes."""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import os
import sys


class Loaded:
    """Every file of every module the server has loaded, known by content.

    A file whose status (inode, size, times) changed is read again; only a new content
    counts as a change. Each top-level module must also still be found where it was
    found, so that a module installed in front of it counts too.
    """

    def __init__(self) -> None:
        self.files: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self.origins: dict[str, str | None] = {}
        for name, module in list(sys.modules.items()):
            path = getattr(module, "__file__", None)
            if isinstance(path, str) and os.path.isfile(path):
                self.files[path] = (_status(path), _digest(path))
            if "." not in name and path:
                self.origins[name] = _origin(name)

    def changed(self) -> bool:
        for path, (status, digest) in self.files.items():
            now = _status(path)
            if now != status:
                if _digest(path) != digest:
                    return True
                self.files[path] = (now, digest)
        importlib.invalidate_caches()
        return any(_origin(name) != origin for name, origin in self.origins.items())


def _status(path: str) -> tuple[int, ...]:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _digest(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return b""


def _origin(name: str) -> str | None:
    try:
        spec = importlib.machinery.PathFinder.find_spec(name, sys.path)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None

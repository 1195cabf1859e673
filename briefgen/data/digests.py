"""Content hashes of files kept by their status, so that a long-running process (a warm
render, ``--watch``, a batch) hashes an unchanged file once.

A file's status — size, modification and change times in nanoseconds, inode, device and
mode — changes with every write, rename or change of mode. Its change time cannot be set
back by hand (setting the modification time sets it to now). A write within one tick of
the file system's clock, though, may leave both times as they were, so, as git does with
its index ("racy" entries), a hash is kept only for a file whose times were at least
RACY_NS older than the moment its reading began: any write after that moment gives it a
later time, and so another status. A file written in the last seconds is hashed every time.
On Windows the change time is the file's creation time; writes still change its
modification time and, mostly, its size. A hash is kept by the file's path as well as its
status, as git's index keeps it: where the file system numbers no files (FAT, some network
shares: ``st_ino`` 0 on Windows), two files of one size written in the same moment share
every other field of their status.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

RACY_NS = 2_000_000_000
"""How much older than the start of its reading a file's times must be for its hash to be
kept: more than the tick of any file system's clock (FAT's is two seconds)."""
KEPT = 4096
"""Hashes kept at most; the oldest goes first."""

StatusKey = tuple[int, int, int, int, int, int]

_KNOWN: dict[tuple[str, StatusKey], bytes] = {}


def status_key(info: os.stat_result) -> StatusKey:
    """What of a file's status must be the same for its content to be the same."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev, info.st_mode)


def now() -> int:
    """The moment a reading begins, for :func:`remember`: taken before the file is opened."""
    return time.time_ns()


def known(path: Path | str, info: os.stat_result | None = None) -> bytes | None:
    """The SHA-256 of the file at ``path`` (links followed) when it was hashed before and its
    status is unchanged since; None otherwise. ``info`` is that status when the caller has
    just taken it (``os.stat(path)``)."""
    if not _KNOWN:
        return None
    if info is None:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
    return _KNOWN.get((os.fspath(path), status_key(info)))


def remember(path: Path | str, info: os.stat_result, started: int, digest: bytes) -> None:
    """Keep ``digest``, the SHA-256 of the file at ``path`` read from a descriptor whose status
    was ``info`` after ``started`` (:func:`now`), unless the file's times are too recent to
    tell a later write from this version."""
    if max(info.st_mtime_ns, info.st_ctime_ns) > started - RACY_NS:
        return
    if len(_KNOWN) >= KEPT:
        del _KNOWN[next(iter(_KNOWN))]
    _KNOWN[(os.fspath(path), status_key(info))] = digest

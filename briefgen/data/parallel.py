"""Work split over forked processes: this process does the first part, a child each other.

``check`` of a folder of hundreds of position files reads each on its own; on two cores
half of them in a child halves the time (500 dossiers of 14 KB: about 0.3 s of reading
and checking). A child inherits everything imported and read so far, works on its part
and hands back its result through a pipe of its own; the parent then reads the results
in the order of the parts, so that the outcome is the one of doing the parts in turn.

A child that fails in any way (an exception, killed, cut off) costs only time: its part
is then done again here, where a bug shows as it would have without children. The results
cross the pipe pickled: the pipe exists only between this process and the child it forked
a moment before, so nobody else can put bytes into it (unlike a cache on disk, which
briefgen never pickles).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from . import platform

MAX_PROCESSES = 64
"""The most processes one command works on, whatever ``-j`` asks (each a fork of this one
with a pipe of its own: ``-j 5000`` must not start thousands)."""

T = TypeVar("T")
R = TypeVar("R")


def processes(jobs: int, tasks: int) -> int:
    """How many processes ``-j jobs`` starts for ``tasks`` pieces of work: never more than
    the pieces, nor than MAX_PROCESSES."""
    return max(1, min(jobs, tasks, MAX_PROCESSES))


def in_parts(parts: Sequence[T], work: Callable[[T], R]) -> list[R]:
    """``[work(part) for part in parts]``, the parts after the first each in a forked child
    at the same time (one after the other where processes cannot be forked)."""
    if len(parts) < 2 or not platform.can_fork():
        return [work(part) for part in parts]
    gc.freeze()  # what the children inherit stays shared: no collection writes to it (for good)
    children: list[tuple[int, int]] = []
    try:
        for part in parts[1:]:
            children.append(_fork(part, work))
        results = [work(parts[0])]
        for (pid, descriptor), part in zip(children, parts[1:], strict=True):
            results.append(_collect(pid, descriptor, part, work))
        children.clear()
    finally:
        for pid, descriptor in children:  # only when the work here raised
            os.close(descriptor)
            os.waitpid(pid, 0)
    return results


def _fork(part: T, work: Callable[[T], R]) -> tuple[int, int]:
    """A child doing ``work(part)``: its process id and the pipe its result comes through."""
    read, write = os.pipe()
    pid = platform.fork()
    if pid == 0:  # the child: writes its result, or nothing, and leaves without cleaning up
        code = 1
        try:
            import pickle

            os.close(read)
            data = pickle.dumps(work(part), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _collect(pid: int, descriptor: int, part: T, work: Callable[[T], R]) -> R:
    """The child's result, or ``work(part)`` done here when the child did not finish it."""
    with os.fdopen(descriptor, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        import pickle

        try:
            result: R = pickle.loads(data)
            return result
        except Exception:  # noqa: BLE001, S301 - a cut-off result: do the part here instead
            pass
    return work(part)

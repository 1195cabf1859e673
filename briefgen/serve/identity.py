"""Whether a caller may have its command run by the server: alike in all that decides what a command may do.

The server runs as the same user, but what a command may do depends on more than the
user id. The caller's credentials, groups, capabilities, resource limits, namespaces,
root and priority are compared with the server's (the caller found through the
socket's peer credentials); anything unknown or different means the command runs in
the caller's own process.
"""

from __future__ import annotations

import os
import socket
import struct

_STATUS = (
    "Uid",
    "Gid",
    "Groups",
    "NoNewPrivs",
    "Seccomp",
    "Seccomp_filters",
    "CapInh",
    "CapPrm",
    "CapEff",
    "CapBnd",
    "CapAmb",
    "Cpus_allowed_list",
    "Mems_allowed_list",
)
_FILES = ("limits", "cgroup", "oom_score_adj", "attr/current", "loginuid")


def peer(connection: socket.socket) -> tuple[int, int, int]:
    """The connecting process's pid, uid and gid, from the kernel."""
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", credentials)
    return pid, uid, gid


def identity(pid: int) -> dict[str, str]:
    """Credentials, groups, capabilities, resource limits, namespaces, root and priority of ``pid``."""
    base = f"/proc/{pid}"
    found: dict[str, str] = {}
    status = _read(f"{base}/status")
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name in _STATUS:
            found[name] = " ".join(value.split())
    for name in _STATUS:
        found.setdefault(name, "")
    for name in _FILES:
        found[name] = _read(f"{base}/{name}")
    stat_line = _read(f"{base}/stat")
    fields = stat_line.rpartition(")")[2].split()
    found["nice"] = fields[16] if len(fields) > 16 else "?"
    try:
        names = sorted(os.listdir("/proc/self/ns"))
    except OSError:
        names = []
    for name in names:
        try:
            found[f"ns/{name}"] = os.readlink(f"{base}/ns/{name}")
        except OSError as error:
            found[f"ns/{name}"] = f"unreadable: {error.errno}"
    try:
        root = os.stat(f"{base}/root")
        found["root"] = f"{root.st_dev}:{root.st_ino}"
    except OSError as error:
        found["root"] = f"unreadable: {error.errno}"
    return found


def differences(mine: dict[str, str], theirs: dict[str, str]) -> list[str]:
    """The names of what differs between two identities (a file unreadable for another reason differs too)."""
    return sorted(name for name in mine.keys() | theirs.keys() if mine.get(name) != theirs.get(name))


def unlike_caller(connection: socket.socket) -> list[str]:
    """What differs between this process and the one at the other end of ``connection``."""
    return differences(identity(os.getpid()), identity(peer(connection)[0]))


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError as error:
        return f"unreadable: {error.errno}"

"""What the ``briefgen`` client and the render server agree on.

The socket's folder and name, the request and reply formats, how long a server waits,
and what makes two processes alike enough that a command may run in either. Standard
library only: the client loads this before it knows whether anything else is needed.

A request is a header (kind, body length) and a JSON body. A ``run`` request carries
the client's stdin, stdout and stderr as descriptors on its first bytes. Replies are
fixed-size pairs (kind, number).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import struct
import sys
import zlib
from typing import Any

COMMANDS = frozenset({"render", "check", "diff", "status", "new"})
"""The commands a server may run; everything else always runs in the client's process."""

IDLE_SECONDS = 15 * 60
REQUEST_SECONDS = 5.0
"""A client that has not sent its whole request by then is dropped."""

SIGNALS = (
    signal.SIGHUP,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGALRM,
)
"""Signals whose disposition (ignored or not) a command takes over from the client."""

HEADER = struct.Struct("!4sI")
REPLY = struct.Struct("!ci")
MAX_BODY = 1 << 22

# Request kinds.
RUN = b"run "
PING = b"ping"
STOP = b"stop"

# Reply kinds: the command's pid, its exit status, the server's pid, or "run it yourself".
STARTED = b"P"
EXITED = b"X"
SERVER = b"S"
DIRECT = b"D"

# Why a command is to run in the client's process (the number of a DIRECT reply).
STALE = 1
"""The server's code, a dependency or the import path changed since it loaded them."""
UNLIKE = 2
"""The client has other credentials, groups, limits, namespaces or signal state."""
REFUSED = 3
"""Another interpreter or import path, or a request the server cannot read."""

SETTING = "BRIEFGEN_SERVER"


def setting() -> str:
    """``on`` (start a server when none runs), ``off`` (never use one) or ``auto`` (use a running one)."""
    value = os.environ.get(SETTING, "").strip().lower()
    if value in {"1", "on", "yes", "true"}:
        return "on"
    if value in {"0", "off", "no", "false"}:
        return "off"
    return "auto"


def runtime_folder(create: bool = True) -> str | None:
    """This user's private folder for server sockets, or None when there is none to trust."""
    base = os.environ.get("BRIEFGEN_RUNTIME_DIR")
    if not base:
        parent = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
        base = os.path.join(parent, f"briefgen-{os.getuid()}")
    try:
        if create:
            os.makedirs(base, mode=0o700, exist_ok=True)
        info = os.lstat(base)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return base if private else None


def server_key() -> str:
    """Which server a client may use: same interpreter, interpreter settings, text
    encodings, import path and briefgen.

    The server itself watches the content of everything it loaded (see ``server.Loaded``).
    """
    import _locale

    package = os.path.dirname(os.path.abspath(__file__))
    path = [entry or os.getcwd() for entry in sys.path]
    flags = [f"{name}={getattr(sys.flags, name)}" for name in _FLAGS]
    encodings = [sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(), _locale.getencoding()]
    return "\n".join([sys.executable, sys.version, package, *flags, *encodings, *path])


_FLAGS = ("optimize", "utf8_mode", "dev_mode", "bytes_warning", "warn_default_encoding", "int_max_str_digits")


def socket_path(folder: str, key: str) -> str:
    data = key.encode("utf-8", "surrogateescape")
    return os.path.join(folder, f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sock")


def sibling(socket_file: str, suffix: str) -> str:
    """A server's other files lie beside its socket: ``.lock`` and ``.log``."""
    return socket_file.removesuffix(".sock") + suffix


def request(kind: bytes, body: dict[str, Any]) -> bytes:
    data = json.dumps(body, ensure_ascii=True).encode("ascii")
    return HEADER.pack(kind, len(data)) + data


def reply(kind: bytes, value: int) -> bytes:
    return REPLY.pack(kind, value)


# What a command may do depends on more than the user id. These are compared between
# the client (through the socket's peer credentials) and the server; anything unknown
# or different means the command runs in the client's own process.

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


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError as error:
        return f"unreadable: {error.errno}"
